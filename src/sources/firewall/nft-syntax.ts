/**
 * The shape of an `nft list ruleset` file: tokens, statements and `{ }` blocks, with line numbers. A statement
 * ends at a newline or `;` unless a value set `{ ... }` is still open; `table`, `chain`, `set`, `map` and the
 * other named objects open blocks.
 */

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

const PUNCT = new Set(["{", "}", ";", ","]);

/** Splits the text into tokens; newlines are kept as `\n` tokens so statements can end on them. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\n") {
      out.push({ text: "\n", line, quoted: false });
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r") {
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
      while (j < text.length && !/[\s{};,"#]/.test(text[j]!)) j++;
      out.push({ text: text.slice(i, j), line, quoted: false });
      i = j;
    }
  }
  return out;
}

const BLOCK_HEADS: Readonly<Record<string, number>> = {
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
};

function opensBlock(head: Token[]): boolean {
  const first = head[0]?.text;
  if (!first) return false;
  if (first === "table") return head.length === 2 || head.length === 3;
  if (first === "ct") return head.length === 3;
  return BLOCK_HEADS[first] === head.length;
}

/** Parses statements and blocks until the matching `}` (or the end). */
export function parseBlock(tokens: Token[], start: number, head: Token[]): { block: Block; next: number } {
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
        const inner = parseBlock(tokens, i + 1, current);
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
        return { block, next: i + 1 };
      }
      depth--;
    }
    if (t.text !== "\n") current.push(t);
    i++;
  }
  flush();
  return { block, next: i };
}
