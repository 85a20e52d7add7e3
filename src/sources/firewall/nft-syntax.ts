/**
 * The shape of an `nft list ruleset` file: tokens, statements and `{ }` blocks, with line numbers. A statement
 * ends at a newline or `;` unless a value set `{ ... }` is still open; `table`, `chain`, `set`, `map` and the
 * other named objects open blocks.
 */
import type { ProblemCode } from "../../model/problem.js";
import { wordTable } from "./word-table.js";

export interface Token {
  text: string;
  line: number;
  /** A double-quoted string (its quotes removed). */
  quoted: boolean;
}

export interface Statement {
  line: number;
  tokens: Token[];
}

export interface Block {
  /** The words that open the block: `table inet filter`, `chain input`, `set allowed`. */
  head: Token[];
  line: number;
  statements: Statement[];
  blocks: Block[];
  /** Statements and blocks in file order. */
  items: (Statement | Block)[];
}

/** A located complaint about the file's shape; the caller adds the file name. */
export interface SyntaxProblem {
  line: number;
  code: ProblemCode;
  message: string;
}

const PUNCT = new Set(["{", "}", ";", ","]);
/**
 * Every Unicode blank separates words (vertical tab, form feed, NBSP, U+2028, U+3000, ...), and so does U+FEFF,
 * which editors leave behind as a byte-order mark; only `\n` ends a statement.
 */
const BLANK = /[\p{White_Space}\uFEFF]/u;
/** What ends a word: exactly the characters the tokenizer's other branches consume. */
const WORD_END = /[\p{White_Space}\uFEFF{};,"#]/u;

/**
 * Splits the text into tokens; newlines are kept as `\n` tokens so statements can end on them. Every turn of the
 * loop consumes at least one character, so no input can stop it.
 */
export function tokenize(text: string): { tokens: Token[]; problems: SyntaxProblem[] } {
  const out: Token[] = [];
  const problems: SyntaxProblem[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\n") {
      out.push({ text: "\n", line, quoted: false });
      line++;
      i++;
    } else if (BLANK.test(c)) {
      i++;
    } else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === '"') {
      let s = "";
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== "\n") {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        s += text[i];
        i++;
      }
      i++;
      out.push({ text: s, line, quoted: true });
    } else if (PUNCT.has(c)) {
      out.push({ text: c, line, quoted: false });
      i++;
    } else {
      let j = i;
      while (j < text.length && !WORD_END.test(text[j]!)) j++;
      if (j === i) {
        // Unreachable while WORD_END and the branches above agree; if they ever drift, skip, never spin.
        problems.push({
          line,
          code: "unparsed-line",
          message: `character U+${c.charCodeAt(0).toString(16)} not understood; skipped`,
        });
        j = i + 1;
      } else out.push({ text: text.slice(i, j), line, quoted: false });
      i = j;
    }
  }
  return { tokens: out, problems };
}

const BLOCK_HEADS: Readonly<Record<string, number>> = wordTable({
  table: 3,
  chain: 2,
  set: 2,
  map: 2,
  flowtable: 2,
  counter: 2,
  quota: 2,
  limit: 2,
  secmark: 2,
  synproxy: 2,
});

function opensBlock(head: Token[]): boolean {
  const first = head[0]?.text;
  if (!first) return false;
  if (first === "table") return head.length === 2 || head.length === 3;
  if (first === "ct") return head.length === 3;
  return BLOCK_HEADS[first] === head.length;
}

/**
 * nft's own grammar nests blocks two deep (a table holds chains, sets and maps); a file nested far deeper is
 * not a ruleset, and recursing into thousands of levels would overflow the stack.
 */
export const MAX_BLOCK_DEPTH = 16;

/** The whole file as one root block (its statements are those outside any table), with the problems of its shape. */
export function parseRuleset(text: string): { root: Block; problems: SyntaxProblem[] } {
  const { tokens, problems } = tokenize(text);
  const root: Block = { head: [], line: 1, statements: [], blocks: [], items: [] };
  let i = 0;
  while (i < tokens.length) {
    const part = parseBlock(tokens, i, [], 0, problems);
    for (const item of part.block.items) {
      root.items.push(item);
      if ("head" in item) root.blocks.push(item);
      else root.statements.push(item);
    }
    // A `}` that closes nothing ends the top-level parse: report it and read on, so the tables after it count.
    if (part.closedBy)
      problems.push({
        line: part.closedBy.line,
        code: "unparsed-line",
        message: '"}" closes no block; ignored',
      });
    i = part.next;
  }
  return { root, problems };
}

/** Parses statements and blocks until the matching `}` (or the end). */
function parseBlock(
  tokens: Token[],
  start: number,
  head: Token[],
  level: number,
  problems: SyntaxProblem[],
): { block: Block; next: number; closedBy?: Token } {
  const block: Block = { head, line: head[0]?.line ?? 1, statements: [], blocks: [], items: [] };
  let i = start;
  let current: Token[] = [];
  let depth = 0;
  const flush = () => {
    if (current.length > 0) {
      const s: Statement = { line: current[0]!.line, tokens: current };
      block.statements.push(s);
      block.items.push(s);
    }
    current = [];
  };
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (depth === 0 && (t.text === "\n" || t.text === ";") && !t.quoted) {
      flush();
      i++;
      continue;
    }
    if (t.text === "{" && !t.quoted) {
      if (depth === 0 && opensBlock(current)) {
        if (level + 1 >= MAX_BLOCK_DEPTH) {
          problems.push({
            line: current[0]!.line,
            code: "depth-limit",
            message: `"${current.map((x) => x.text).join(" ")}" is nested deeper than ${MAX_BLOCK_DEPTH} blocks; skipped with everything in it`,
          });
          current = [];
          i = skipBlock(tokens, i + 1);
          continue;
        }
        const inner = parseBlock(tokens, i + 1, current, level + 1, problems);
        block.blocks.push(inner.block);
        block.items.push(inner.block);
        current = [];
        i = inner.next;
        continue;
      }
      depth++;
    } else if (t.text === "}" && !t.quoted) {
      if (depth === 0) {
        flush();
        return { block, next: i + 1, closedBy: t };
      }
      depth--;
    }
    if (t.text !== "\n") current.push(t);
    i++;
  }
  flush();
  if (level > 0)
    problems.push({
      line: block.line,
      code: "unparsed-line",
      message: `"${head.map((x) => x.text).join(" ")}" is never closed`,
    });
  return { block, next: i };
}

/** The index after the `}` that closes the block whose `{` came just before `start`; without recursion. */
function skipBlock(tokens: Token[], start: number): number {
  let open = 1;
  let i = start;
  for (; i < tokens.length && open > 0; i++) {
    const t = tokens[i]!;
    if (t.quoted) continue;
    if (t.text === "{") open++;
    else if (t.text === "}") open--;
  }
  return i;
}
