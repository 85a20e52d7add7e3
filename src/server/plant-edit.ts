/** Edits of plant.yaml from the workbench, through the yaml Document so that comments and layout survive. */
import { isMap, isSeq, parseDocument, type YAMLSeq } from "yaml";

function indexOf(doc: ReturnType<typeof parseDocument>, section: string, id: string): number {
  const list = doc.get(section) as YAMLSeq;
  if (!isSeq(list)) throw new Error(`plant.yaml has no ${section} list`);
  const index = list.items.findIndex((item) => isMap(item) && item.get("id") === id);
  if (index < 0) throw new Error(`plant.yaml has no ${section} entry "${id}"`);
  return index;
}

function parsed(text: string): ReturnType<typeof parseDocument> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`plant.yaml does not parse: ${doc.errors[0]!.message}`);
  return doc;
}

/** Sets a zone's SL-T: one level for every FR, or a vector of seven written on one line. */
export function setZoneTarget(text: string, zone: string, target: number | number[]): string {
  const doc = parsed(text);
  const node = doc.createNode(target);
  if (isSeq(node)) node.flow = true;
  doc.setIn(["zones", indexOf(doc, "zones", zone), "slTarget"], node);
  return doc.toString();
}

export function moveAsset(text: string, asset: string, zone: string): string {
  const doc = parsed(text);
  indexOf(doc, "zones", zone);
  doc.setIn(["assets", indexOf(doc, "assets", asset), "zone"], zone);
  return doc.toString();
}
