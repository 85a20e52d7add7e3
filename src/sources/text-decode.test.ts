import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeText, readText, splitLines } from "./text-decode.js";

test("secedit's UTF-16LE export with a BOM is decoded, CRLF lines intact", () => {
  const { text, encoding } = readText("test/fixtures/controls-plant/hardening/hmi-07.secedit.inf");
  assert.equal(encoding, "utf16le");
  const lines = splitLines(text);
  assert.equal(lines[0], "[Unicode]");
  assert.equal(lines[2], "[System Access]");
  assert.equal(lines[5], "MinimumPasswordLength = 6");
});

test("UTF-16 without a BOM, big-endian with one, and UTF-8 with one are told apart", () => {
  const le = Buffer.from("Name,Enabled\r\n", "utf16le");
  assert.deepEqual(decodeText(le), { text: "Name,Enabled\r\n", encoding: "utf16le" });
  const be = Buffer.from([0xfe, 0xff, ...Buffer.from("ab", "utf16le").swap16()]);
  assert.deepEqual(decodeText(be), { text: "ab", encoding: "utf16be" });
  const utf8 = Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from("Gäste", "utf8")]);
  assert.deepEqual(decodeText(utf8), { text: "Gäste", encoding: "utf8" });
  assert.deepEqual(decodeText(Buffer.from("plain")), { text: "plain", encoding: "utf8" });
});
