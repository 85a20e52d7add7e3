/** The identifiers and dates a person types into the plant folder's files. */
import { z } from "zod";

/** A stable identifier a person types: letters, digits, dot, dash, underscore. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected an id of letters, digits, '.', '-', '_'");

/** An ISO date (`2025-03-01`) or date-time; YAML dates are read as strings. */
export const IsoDate = z.iso.date().or(z.iso.datetime({ offset: true }));

/** `; did you mean "x"?` when a known id is within two edits of the unknown one, else nothing. */
export function suggest(id: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(id, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best ? `; did you mean "${best}"?` : "";
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
