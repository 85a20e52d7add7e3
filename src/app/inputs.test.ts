import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { findInputs, hashInputs } from "./inputs.js";

test("a pipe named like an input (inventory.csv) is skipped with a warning, not hashed forever", {
  timeout: 20_000,
}, async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "otaudit-inputs-")), "plant");
  try {
    cpSync("test/fixtures/gap-plant", dir, { recursive: true });
    execFileSync("mkfifo", [join(dir, "inventory.csv")]);
    const inputs = findInputs(dir);
    assert.deepEqual(
      inputs.problems.map((p) => [p.file, p.code, p.severity]),
      [["inventory.csv", "unreadable", "warning"]],
    );
    const hashed = await hashInputs(inputs);
    assert.ok(hashed.some((i) => i.path === "plant.yaml"));
    assert.ok(!hashed.some((i) => i.path === "inventory.csv"));
  } finally {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  }
});
