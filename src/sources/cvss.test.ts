import assert from "node:assert/strict";
import { test } from "node:test";
import { cvssFromVector } from "./cvss.js";

test("a v3.1 vector scores as FIRST's calculator does: 9.8 critical for network, no privileges, full impact", () => {
  const { cvss, warning } = cvssFromVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8);
  assert.deepEqual([cvss?.score, cvss?.severity, warning], [9.8, "critical", null]);
});

test("well-formed base metrics with a bad temporal value: the vector is reported, the stated score kept", () => {
  // E:PCS is no exploit-maturity value; the calculator refuses the whole vector.
  const vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:PCS";
  const kept = cvssFromVector(vector, 9.8);
  assert.equal(kept.cvss?.score, 9.8);
  assert.equal(kept.cvss?.vector, null);
  assert.match(kept.warning ?? "", /cannot be read \(.*PCS.*\); the stated score 9.8 is kept/);
  const none = cvssFromVector(vector);
  assert.equal(none.cvss, null);
  assert.match(none.warning ?? "", /cannot be read/);
});

test("a stated score outside 0-10 is not kept for an unreadable vector", () => {
  const { cvss, warning } = cvssFromVector("CVSS:3.1/AV:X", -4);
  assert.equal(cvss, null);
  assert.match(warning ?? "", /cannot be read$/);
});
