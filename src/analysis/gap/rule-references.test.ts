import assert from "node:assert/strict";
import { test } from "node:test";
import { isKnownReference } from "../../standard/references.js";
import { RULES } from "../registry.js";

// A finding bears on the gap assessment and the program maturity through the ids it cites; a mistyped id would
// silently bear on nothing.
test("every rule of the registry cites only requirement ids the catalogue knows", () => {
  const unknown = RULES.flatMap((r) =>
    [...r.contradicts, ...r.related].filter((ref) => !isKnownReference(ref)).map((ref) => `${r.id}: ${ref}`),
  );
  assert.deepEqual(unknown, []);
  assert.ok(RULES.length > 0);
});
