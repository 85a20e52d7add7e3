/**
 * Edits of plant.yaml from the workbench. The value is located through the yaml Document and replaced in the
 * text itself, so every other byte (comments, flow maps, spacing) stays exactly as the author wrote it.
 */
import { isMap, isSeq, type Node, parseDocument, type YAMLSeq } from "yaml";

type Doc = ReturnType<typeof parseDocument>;

function parsed(text: string): Doc {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`plant.yaml does not parse: ${doc.errors[0]!.message}`);
  return doc;
}

function indexOf(doc: Doc, section: string, id: string): number {
  const list = doc.get(section) as YAMLSeq;
  if (!isSeq(list)) throw new Error(`plant.yaml has no ${section} list`);
  const index = list.items.findIndex((item) => isMap(item) && item.get("id") === id);
  if (index < 0) throw new Error(`plant.yaml has no ${section} entry "${id}"`);
  return index;
}

function replaceValue(text: string, doc: Doc, path: (string | number)[], replacement: string): string {
  const node = doc.getIn(path, true) as Node | undefined;
  if (!node?.range) throw new Error(`plant.yaml has no ${path.join(".")} to change`);
  const [start, end] = node.range;
  return text.slice(0, start) + replacement + text.slice(end);
}

/** Sets a zone's SL-T: one level for every FR, or a vector of seven written on one line. */
export function setZoneTarget(text: string, zone: string, target: number | number[]): string {
  const doc = parsed(text);
  const written = Array.isArray(target) ? `[${target.join(", ")}]` : String(target);
  return replaceValue(text, doc, ["zones", indexOf(doc, "zones", zone), "slTarget"], written);
}

export function moveAsset(text: string, asset: string, zone: string): string {
  const doc = parsed(text);
  indexOf(doc, "zones", zone);
  // Zone ids are plain identifiers (checked above against the declared zones): safe as a plain scalar.
  return replaceValue(text, doc, ["assets", indexOf(doc, "assets", asset), "zone"], zone);
}
