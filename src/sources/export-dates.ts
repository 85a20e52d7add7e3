/**
 * Dates as Windows exports write them. Export-Csv formats DateTime values in the culture of the session:
 * `11/21/2026 7:42:13 AM` (en-US), `21.11.2026 07:42:13` (de-DE and most of Europe), `2026-11-21 07:42:13`
 * (sv-SE, ISO). A slashed date is read month first, as en-US writes it, unless its first number exceeds 12.
 * The exporting machine's time zone is not in the file: times are taken as UTC, which moves an age by at most
 * a day.
 */

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** An ISO 8601 UTC string, null for an empty cell, or undefined when the text is not a date we can read. */
export function parseExportDate(text: string): string | null | undefined {
  const s = text.trim();
  if (s === "") return null;
  let m = ISO.exec(s);
  if (m) {
    if (m[7]) {
      const t = Date.parse(s.replace(" ", "T"));
      return Number.isNaN(t) ? undefined : new Date(t).toISOString();
    }
    return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  m = SLASHED.exec(s);
  if (m) {
    let [month, day] = [+m[1]!, +m[2]!];
    if (month > 12) [month, day] = [day, month];
    return build(+m[3]!, month, day, hour12(+(m[4] ?? 0), m[7]), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  m = DOTTED.exec(s);
  if (m) return build(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return undefined;
}

function hour12(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase() === "pm";
  return (hour % 12) + (pm ? 12 : 0);
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number): string | undefined {
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(t);
  // Reject 31/02 and the like rather than let Date roll them over.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return date.toISOString();
}

/** `True`/`False` as PowerShell writes booleans, and yes/no, 1/0 as people do; undefined otherwise. */
export function parseFlag(text: string): boolean | null | undefined {
  const s = text.trim().toLowerCase();
  if (s === "") return null;
  if (["true", "yes", "y", "1", "x", "enabled"].includes(s)) return true;
  if (["false", "no", "n", "0", "disabled"].includes(s)) return false;
  return undefined;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const CTIME = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/;

/**
 * A date as C's ctime writes it, which iptables-save's header and Nessus's HOST_START use:
 * `Tue Nov 18 09:12:44 2025`. The writer's time zone is not in the text: it is taken as UTC, which moves an age by
 * at most a day. Undefined when the text is not such a date.
 */
export function parseCtime(text: string): string | undefined {
  const m = CTIME.exec(text.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  if (month < 0) return undefined;
  return build(+m[6]!, month + 1, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
}
