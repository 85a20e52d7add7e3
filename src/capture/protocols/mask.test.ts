import assert from "node:assert/strict";
import { test } from "node:test";
import { maskParts, maskSecret } from "./mask.js";

test("keeps the first character and the length only", () => {
  assert.equal(maskSecret("anonymous"), "a… (9 chars)");
  assert.equal(maskSecret("Administrator"), "A… (13 chars)");
});

test("counts characters, not UTF-16 units", () => {
  assert.equal(maskSecret("𝔸dmin"), "𝔸… (5 chars)");
  assert.equal(maskSecret("José"), "J… (4 chars)");
});

test("a one-character secret would be written in full, so no character is kept", () => {
  assert.equal(maskSecret("x"), "… (1 char)");
  assert.equal(maskSecret(""), "(empty)");
});

test("the streaming form agrees with the whole-string form", () => {
  assert.equal(maskParts("r", 4), maskSecret("root"));
  assert.equal(maskParts("", 0), maskSecret(""));
});

test("never contains the secret beyond its first character", () => {
  for (const secret of ["password", "s3cr3t!", "ab", "public-community"]) {
    assert.ok(!maskSecret(secret).includes(secret.slice(1)), secret);
  }
});
