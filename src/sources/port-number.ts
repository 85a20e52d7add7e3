/** A TCP/UDP port written as digits, 0-65535; null for anything else (a name, a sign, a number past 65535). */
export function portNumber(text: string | undefined): number | null {
  return text !== undefined && /^\d{1,5}$/.test(text) && Number(text) <= 65535 ? Number(text) : null;
}
