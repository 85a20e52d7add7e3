import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PLANT_LOCATIONS } from "../sources/importers.js";
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

test("the files and folders listed are the importer registry's, in its order, with its input kinds", () => {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-inputs-"));
  try {
    const expected: [string, string][] = [];
    for (const [at, { kind }] of Object.entries(PLANT_LOCATIONS)) {
      const path = at.endsWith("/") ? `${at}one` : at;
      mkdirSync(join(dir, at.endsWith("/") ? at : "."), { recursive: true });
      if (kind === "capture") copyFileSync("examples/water-treatment/captures/plant.pcap", join(dir, path));
      else writeFileSync(join(dir, path), "x\n");
      expected.push([path, kind]);
    }
    writeFileSync(join(dir, "notes.md"), "not an input\n");
    const inputs = findInputs(dir);
    assert.deepEqual(
      inputs.files.map((f) => [f.path, f.kind]),
      expected,
    );
    assert.deepEqual(inputs.problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
