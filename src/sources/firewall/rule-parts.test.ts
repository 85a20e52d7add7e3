import assert from "node:assert/strict";
import { test } from "node:test";
import { ANY_V4, parseAddressRange } from "../../model/address-ranges.js";
import { AddressSets } from "./rule-parts.js";

const range = (text: string) => parseAddressRange(text)!;

test("AddressSets: a ranges object is formatted once, and a set within another keeps its text", () => {
  const sets = new AddressSets();
  const group = range("10.0.0.0/24");
  const a = sets.of(group, "object-group A");
  const b = sets.of(group, "object-group A");
  assert.equal(a.ranges, b.ranges);
  assert.deepEqual(a.ranges, ["10.0.0.0/24"]);
  const both = sets.intersect(sets.any("any", ANY_V4), a);
  assert.equal(both.ranges, a.ranges);
  assert.equal(both.text, "object-group A");
  assert.equal(sets.rangesOf(both), group);
});

test("AddressSets: complement and intersection read the ranges a set was built from", () => {
  const sets = new AddressSets();
  const outside = sets.complement(sets.of(range("10.0.0.0/8"), "10.0.0.0/8"), ANY_V4, "! 10.0.0.0/8");
  const web = sets.intersect(outside, sets.of(range("0.0.0.0/4"), "0.0.0.0/4"));
  assert.deepEqual(web.ranges, ["0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6"]);
  assert.equal(web.text, "! 10.0.0.0/8 and 0.0.0.0/4");
});

test("AddressSets: a set built elsewhere is read back from its text", () => {
  const sets = new AddressSets();
  const foreign = new AddressSets().of(range("192.168.1.0/24"), "lan");
  assert.deepEqual(sets.rangesOf(foreign), range("192.168.1.0/24"));
  // Another file's sets share nothing with this one's.
  assert.notEqual(sets.of(ANY_V4, "any").ranges, new AddressSets().of(ANY_V4, "any").ranges);
});
