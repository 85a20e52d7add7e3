import assert from "node:assert/strict";
import { test } from "node:test";
import { parseExportDate, parseFlag } from "./export-dates.js";

test("dates in the cultures Export-Csv writes them in", () => {
  assert.equal(parseExportDate("11/21/2026 7:42:13 AM"), "2026-11-21T07:42:13.000Z");
  assert.equal(parseExportDate("11/21/2026 12:05:00 AM"), "2026-11-21T00:05:00.000Z");
  assert.equal(parseExportDate("3/12/2025 12:00:00 PM"), "2025-03-12T12:00:00.000Z");
  assert.equal(parseExportDate("21.11.2026 07:42:13"), "2026-11-21T07:42:13.000Z");
  assert.equal(parseExportDate("2026-11-21 07:42:13"), "2026-11-21T07:42:13.000Z");
  assert.equal(parseExportDate("2026-11-21"), "2026-11-21T00:00:00.000Z");
  assert.equal(parseExportDate("2026-11-21T07:42:13+01:00"), "2026-11-21T06:42:13.000Z");
  // A first number above 12 can only be a day.
  assert.equal(parseExportDate("21/11/2026 07:42:13"), "2026-11-21T07:42:13.000Z");
});

test("empty cells are absent; impossible dates and other text are not dates", () => {
  assert.equal(parseExportDate(""), null);
  assert.equal(parseExportDate("31.13.2026 10:00:00"), undefined);
  assert.equal(parseExportDate("2026-02-30"), undefined);
  assert.equal(parseExportDate("yesterday"), undefined);
});

test("flags as PowerShell and people write them", () => {
  assert.equal(parseFlag("True"), true);
  assert.equal(parseFlag("no"), false);
  assert.equal(parseFlag(""), null);
  assert.equal(parseFlag("Vielleicht"), undefined);
});
