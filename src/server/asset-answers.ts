/**
 * The answers in answers.yaml that are about one asset (`system:`). Its checks (src/sources/answers-references.ts)
 * refuse an answer whose system lies in another zone than the one the answer is filed under, so moving such an
 * asset to another zone would make `otaudit assess` fail on answers.yaml.
 */
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";

export interface AssetAnswer {
  zone: string;
  requirement: string;
  /** 1-based line of its `system:` value. */
  line: number;
}

export function answersAbout(answersText: string, asset: string): AssetAnswer[] {
  const lines = new LineCounter();
  const doc = parseDocument(answersText, { lineCounter: lines });
  if (doc.errors.length > 0) throw new Error(`answers.yaml does not parse: ${doc.errors[0]!.message}`);
  const zones = doc.get("zones");
  if (!isSeq(zones)) return [];
  const found: AssetAnswer[] = [];
  for (const zone of zones.items) {
    if (!isMap(zone)) continue;
    const answers = zone.get("answers");
    if (!isSeq(answers)) continue;
    for (const answer of answers.items) {
      if (!isMap(answer) || answer.get("system") !== asset) continue;
      const system = answer.get("system", true) as Node;
      found.push({
        zone: String(zone.get("zone")),
        requirement: String(answer.get("requirement")),
        line: lines.linePos(system.range![0]).line,
      });
    }
  }
  return found;
}

/** Why `asset` cannot move to `zone`, or null when no answer would be left in the wrong zone. */
export function moveBreaksAnswers(answersText: string, asset: string, zone: string): string | null {
  const left = answersAbout(answersText, asset).filter((a) => a.zone !== zone);
  if (left.length === 0) return null;
  const named = left.map((a) => `${a.requirement} in zone "${a.zone}" (answers.yaml:${a.line})`).join(", ");
  return (
    `asset "${asset}" cannot move to zone "${zone}": answers.yaml has answers about it filed under ` +
    `another zone: ${named}. Move or remove those answers first, then move the asset.`
  );
}
