/**
 * Text of files that Windows tools write: `secedit /export` writes UTF-16LE with a byte-order mark,
 * PowerShell 5.1 writes ASCII, UTF-8 with or without a BOM, or UTF-16LE (`-Encoding Unicode`), and
 * `auditpol > file` writes the console code page. A BOM decides; without one, NUL bytes in every other
 * position mean UTF-16 without a BOM.
 */
import { MAX_WHOLE_FILE_BYTES, readBounded } from "./bounded-read.js";

export type TextEncoding = "utf8" | "utf16le" | "utf16be";

/**
 * The encoding of a file from its first bytes: a BOM decides; without one, NUL bytes in every other position
 * mean UTF-16 without a BOM; otherwise UTF-8.
 */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf16le", bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf16be", bom: 2 };
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: "utf8", bom: 3 };
  const sample = Math.min(head.length, 512) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  // ASCII text as UTF-16 has a NUL in nearly every other byte.
  if (sample >= 4 && oddNul > sample / 4 && evenNul === 0) return { encoding: "utf16le", bom: 0 };
  if (sample >= 4 && evenNul > sample / 4 && oddNul === 0) return { encoding: "utf16be", bom: 0 };
  return { encoding: "utf8", bom: 0 };
}

/** The WHATWG label of an encoding, for a streaming TextDecoder. */
export const DECODER_LABEL: Readonly<Record<TextEncoding, string>> = {
  utf8: "utf-8",
  utf16le: "utf-16le",
  utf16be: "utf-16be",
};

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const { encoding, bom } = sniffEncoding(bytes);
  const body = bytes.subarray(bom);
  if (encoding === "utf8")
    return { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"), encoding };
  return { text: utf16(body, encoding === "utf16le"), encoding };
}

function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  const even = bytes.subarray(0, bytes.length & ~1);
  if (littleEndian) return Buffer.from(even).toString("utf16le");
  const swapped = Buffer.from(even);
  swapped.swap16();
  return swapped.toString("utf16le");
}

export function readText(path: string): { text: string; encoding: TextEncoding } {
  return decodeText(readBounded(path, MAX_WHOLE_FILE_BYTES));
}

/** Lines without their terminators (CRLF, LF or CR); line n of a file is `lines[n - 1]`. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
