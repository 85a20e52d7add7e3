/**
 * Numbers read from firewall configurations, each checked against the range the device accepts before it goes
 * into the model: a VLAN id of 99999999999 or a priority of 1e309 is reported where it is written, never passed
 * on as a number the model (or an analysis) cannot hold.
 */

/** An inclusive range. */
export interface NumberRange {
  min: number;
  max: number;
}

/** 802.1Q VLAN ids (0 and 4095 are reserved). */
export const VLAN_ID: NumberRange = { min: 1, max: 4094 };
/** One octet: an IP protocol number, an ICMP type or an ICMP code. */
export const OCTET: NumberRange = { min: 0, max: 255 };
/** A netfilter hook priority: the kernel holds it in a signed 32-bit integer. */
export const HOOK_PRIORITY: NumberRange = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * A decimal integer written as digits (with a leading minus when the range allows negatives) inside `range`;
 * null for anything else: a word, `1e309`, `0x10`, `+5`, a number out of range.
 */
export function integerIn(text: string | undefined, range: NumberRange): number | null {
  if (text === undefined || !(range.min < 0 ? /^-?\d+$/ : /^\d+$/).test(text)) return null;
  const n = Number(text);
  return n >= range.min && n <= range.max ? n : null;
}

/** `expected 1-4094`, for a problem message. */
export function expected(range: NumberRange): string {
  return range.min < 0 ? `expected ${range.min} to ${range.max}` : `expected ${range.min}-${range.max}`;
}
