/**
 * Where a YAML alias bomb goes off. The yaml library refuses a document whose aliases expand too far ("Excessive
 * alias count") or name an anchor not yet set, but throws without a position; this finds the alias to blame so
 * the problem names its line.
 */
import { type Alias, type Document, visit } from "yaml";

/** Alias expansions a document may make: the yaml library's default, far above what hand-written files use. */
export const MAX_ALIAS_COUNT = 100;

/**
 * The offset of the alias to blame: the first reference to one anchor past the limit, or else the first alias
 * that fails alone (its expansion passes the limit, or its anchor is not set before it), or else the first alias.
 */
export function blamedAlias(doc: Document): number | undefined {
  const aliases: Alias[] = [];
  visit(doc, {
    Alias: (_, node) => {
      aliases.push(node);
    },
  });
  const uses = new Map<string, number>();
  for (const a of aliases) {
    const n = (uses.get(a.source) ?? 0) + 1;
    uses.set(a.source, n);
    if (n > MAX_ALIAS_COUNT) return a.range?.[0];
  }
  for (const a of aliases) {
    try {
      a.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      return a.range?.[0];
    }
  }
  return aliases[0]?.range?.[0];
}
