/**
 * The one way the report prints a day: ISO (2026-12-01) unless plant.yaml's engagement.locale names a locale, then
 * as Intl.DateTimeFormat writes a long date there (1 December 2026). The cover, the front matter and document
 * control use it.
 */

/** A printer of days for one locale; ISO when the locale is undefined. */
export type DateText = (iso: string) => string;

export function dateText(locale: string | undefined): DateText {
  if (!locale) return (iso) => iso.slice(0, 10);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  return (iso) => {
    const day = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(day) ? iso : format.format(day);
  };
}
