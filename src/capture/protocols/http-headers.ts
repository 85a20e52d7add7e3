/** What HTTP header values tell about the hosts: OS hints in User-Agent, the user of Basic authorization. */
import { maskSecret } from "./mask.js";

/** Windows NT kernel versions as browsers write them, to the release names people use. */
const WINDOWS_NT: Record<string, string> = {
  "5.0": "Windows 2000",
  "5.1": "Windows XP",
  "5.2": "Windows XP x64 / Server 2003",
  "6.0": "Windows Vista / Server 2008",
  "6.1": "Windows 7 / Server 2008 R2",
  "6.2": "Windows 8 / Server 2012",
  "6.3": "Windows 8.1 / Server 2012 R2",
  "10.0": "Windows 10 or later",
};

/** The operating system a User-Agent names, when it names one. */
export function userAgentOs(ua: string): string | undefined {
  const nt = /Windows NT (\d+\.\d+)/.exec(ua);
  if (nt) return WINDOWS_NT[nt[1]] ?? `Windows NT ${nt[1]}`;
  if (ua.includes("Android")) return "Android";
  if (/iPhone|iPad/.test(ua)) return "iOS";
  if (ua.includes("Mac OS X")) return "macOS";
  if (ua.includes("CrOS")) return "ChromeOS";
  if (ua.includes("Linux")) return "Linux";
  return undefined;
}

const BASE64 = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++)
  BASE64["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
/** User names longer than this are cut before masking (the length then reads as at least this). */
const MAX_USER_BYTES = 256;
const scratch = new Uint8Array(MAX_USER_BYTES);
const utf8 = new TextDecoder("utf-8", { fatal: false });

/**
 * The masked user of `Basic <base64(user:password)>` (RFC 7617) in b[from, to). Decoding stops at the colon,
 * so the password is never decoded. Null when the value is not Basic credentials.
 */
export function basicAuthUser(b: Uint8Array, from: number, to: number): string | null {
  if (to - from < 7 || !/^basic /i.test(String.fromCharCode(...b.subarray(from, from + 6)))) return null;
  let o = from + 6;
  while (o < to && b[o] === 0x20) o++;
  let n = 0;
  let bits = 0;
  let acc = 0;
  for (; o < to && n < MAX_USER_BYTES; o++) {
    const v = BASE64[b[o]];
    if (v < 0) break;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits < 8) continue;
    bits -= 8;
    const byte = (acc >> bits) & 0xff;
    if (byte === 0x3a) return maskSecret(utf8.decode(scratch.subarray(0, n)));
    scratch[n++] = byte;
  }
  return null;
}
