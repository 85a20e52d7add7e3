/**
 * Text of files that Windows tools write: `secedit /export` writes UTF-16LE with a byte-order mark,
 * PowerShell 5.1 writes ASCII, UTF-8 with or without a BOM, or UTF-16LE (`-Encoding Unicode`), and
 * `auditpol > file` writes the console code page. A BOM decides; without one, NUL bytes in every other
 * position mean UTF-16 without a BOM.
 */
import { readFileSync } from "node:fs";

export type TextEncoding = "utf8" | "utf16le" | "utf16be";

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: utf16(bytes.subarray(2), true), encoding: "utf16le" };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: utf16(bytes.subarray(2), false), encoding: "utf16be" };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: Buffer.from(bytes.subarray(3)).toString("utf8"), encoding: "utf8" };
  const sample = Math.min(bytes.length, 512) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  // ASCII text as UTF-16 has a NUL in nearly every other byte.
  if (sample >= 4 && oddNul > sample / 4 && evenNul === 0)
    return { text: utf16(bytes, true), encoding: "utf16le" };
  if (sample >= 4 && evenNul > sample / 4 && oddNul === 0)
    return { text: utf16(bytes, false), encoding: "utf16be" };
  return { text: Buffer.from(bytes).toString("utf8"), encoding: "utf8" };
}

function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  const even = bytes.subarray(0, bytes.length & ~1);
  if (littleEndian) return Buffer.from(even).toString("utf16le");
  const swapped = Buffer.from(even);
  swapped.swap16();
  return swapped.toString("utf16le");
}

export function readText(path: string): { text: string; encoding: TextEncoding } {
  return decodeText(readFileSync(path));
}

/** Lines without their terminators (CRLF, LF or CR); line n of a file is `lines[n - 1]`. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
