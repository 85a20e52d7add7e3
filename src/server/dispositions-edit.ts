/**
 * Sets or clears one finding's disposition in the text of dispositions.yaml. The yaml Document finds the entries
 * and where each lies in the text; the edit then splices that one entry's lines, so that every other byte of the
 * file (comments, blank lines, folded text, the order and style of the other entries) stays as the author wrote it.
 * Re-printing the whole Document, as answers-edit.ts does, would refold the folded (`>-`) texts a person writes
 * in this file. A changed entry is written afresh in its place, in the field order below, keeping the comment
 * above it; a new one goes after the last.
 */
import { Document, isMap, isScalar, isSeq, type Node, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import type { DispositionEntry } from "../model/dispositions.js";

/** Lines as long as the author wrote them: the library folds at 80 columns by default. */
const KEEP_LINES = { lineWidth: 0, flowCollectionPadding: false };

/** The fields in the order a person reads them: what, the status with what it needs, who and when. */
const ORDER = [
  "finding",
  "status",
  "justification",
  "owner",
  "approver",
  "expires",
  "rationale",
  "countermeasure",
  "requirements",
  "evidence",
  "reference",
  "by",
  "date",
] as const;

function parsed(text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`dispositions.yaml does not parse: ${doc.errors[0]!.message}`);
  return doc;
}

/** The entry as fields in ORDER; its requirement ids on one line (`requirements: [SR 1.1 RE 2]`). */
function entryNode(doc: Document, entry: DispositionEntry): YAMLMap {
  const fields = entry as unknown as Record<string, unknown>;
  const node = doc.createNode(
    Object.fromEntries(ORDER.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]] as const)),
  ) as YAMLMap;
  const requirements = node.get("requirements", true);
  if (isSeq(requirements)) requirements.flow = true;
  return node;
}

/** The entry as the lines of one list item, indented to `indent`, each ending in a newline. */
function itemText(entry: DispositionEntry, indent: number): string {
  const doc = new Document([]);
  (doc.contents as YAMLSeq).items.push(entryNode(doc, entry));
  const pad = " ".repeat(indent);
  return doc
    .toString(KEEP_LINES)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => `${pad}${line}\n`)
    .join("");
}

const lineStart = (text: string, at: number) => text.lastIndexOf("\n", at - 1) + 1;
const lineEnd = (text: string, at: number) => {
  const nl = text.indexOf("\n", at);
  return nl < 0 ? text.length : nl + 1;
};

/** Where one list item's own lines lie: from its dash's line to the end of its last line, trailing blanks left out. */
function itemSpan(text: string, item: Node): { start: number; end: number; dash: number } {
  const [from, to] = item.range!;
  let dash = from - 1;
  while (dash > 0 && /\s/.test(text[dash]!)) dash--;
  if (text[dash] !== "-") dash = from;
  let last = to;
  while (last > from && /\s/.test(text[last - 1]!)) last--;
  return { start: lineStart(text, dash), end: lineEnd(text, last - 1), dash };
}

const sameFinding = (finding: string) => (e: unknown) => isMap(e) && e.get("finding") === finding;

export function setDisposition(text: string, entry: DispositionEntry): string {
  const doc = parsed(text);
  const list = isMap(doc.contents) ? doc.get("dispositions", true) : undefined;
  if (!isSeq(list) || list.flow || list.items.length === 0) return withoutEntries(text, doc, entry);
  const items = list.items as Node[];
  const at = items.findIndex(sameFinding(entry.finding));
  const first = itemSpan(text, items[0]!);
  const indent = first.dash - first.start;
  if (at >= 0) {
    const { start, end } = itemSpan(text, items[at]!);
    return text.slice(0, start) + itemText(entry, indent) + text.slice(end);
  }
  const { end } = itemSpan(text, items.at(-1)!);
  // Entries the author set apart by a blank line get the new one set apart too.
  const apart =
    items.length > 1 && /(^|\n)[ \t]*\r?\n/.test(text.slice(first.end, itemSpan(text, items[1]!).start));
  const before = text.slice(0, end);
  return `${before}${before.endsWith("\n") ? "" : "\n"}${apart ? "\n" : ""}${itemText(entry, indent)}${text.slice(end)}`;
}

/**
 * A file whose entries are not a block list: none yet (empty, comments only, no `dispositions` key: the list is
 * appended, the text above kept as it is), or a flow list (`dispositions: []`), edited through the Document.
 */
function withoutEntries(text: string, doc: ReturnType<typeof parsed>, entry: DispositionEntry): string {
  if (doc.contents === null || (isMap(doc.contents) && !doc.has("dispositions"))) {
    const head = text === "" || text.endsWith("\n") ? text : `${text}\n`;
    return `${head}dispositions:\n${itemText(entry, 2)}`;
  }
  if (!isMap(doc.contents)) throw new Error("dispositions.yaml: expected a map with a dispositions list");
  if (isScalar(doc.get("dispositions", true))) doc.set("dispositions", doc.createNode([]));
  const list = doc.get("dispositions", true);
  if (!isSeq(list)) throw new Error("dispositions.yaml: dispositions is not a list");
  list.flow = false;
  const node = entryNode(doc, entry);
  const at = list.items.findIndex(sameFinding(entry.finding));
  if (at < 0) list.items.push(node);
  else list.items[at] = node;
  return doc.toString(KEEP_LINES);
}

/** Removes the finding's entry and the comment lines directly above it; the text unchanged when it has none. */
export function clearDisposition(text: string, finding: string): { text: string; removed: boolean } {
  const doc = parsed(text);
  const list = isMap(doc.contents) ? doc.get("dispositions", true) : undefined;
  if (!isSeq(list) || list.flow) return { text, removed: false };
  const item = (list.items as Node[]).find(sameFinding(finding));
  if (!item) return { text, removed: false };
  let { start, end } = itemSpan(text, item);
  // Its own comment: the comment lines right above it, with no blank line between.
  while (start > 0) {
    const above = lineStart(text, start - 1);
    if (!/^\s*#/.test(text.slice(above, start))) break;
    start = above;
  }
  // One blank line between the neighbours, as before, not two.
  if (/\n\s*\n$/.test(text.slice(0, start)) || start === 0)
    while (end < text.length && /^[ \t]*\r?\n/.test(text.slice(end, lineEnd(text, end))))
      end = lineEnd(text, end);
  const kept = text.slice(0, start) + text.slice(end);
  // The last entry gone: no blank line left at the end of the file.
  return { text: end === text.length ? kept.replace(/\n\s*\n$/, "\n") : kept, removed: true };
}
