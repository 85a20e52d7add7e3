/**
 * Secrets seen on the wire (user names, community strings, cookies) are reported by their first character and
 * their length only: enough for an assessor to recognise an account, never enough to reuse it.
 */

/** `maskSecret("anonymous")` is `a… (9 chars)`; a one-character secret keeps no character at all. */
export function maskSecret(secret: string): string {
  let length = 0;
  let first = "";
  for (const ch of secret) {
    if (length === 0) first = ch;
    length++;
  }
  return maskParts(first, length);
}

/** The same form from parts, for parsers that count a secret as it streams by and never hold it whole. */
export function maskParts(first: string, length: number): string {
  if (length <= 0) return "(empty)";
  if (length === 1) return "… (1 char)";
  return `${first}… (${length} chars)`;
}
