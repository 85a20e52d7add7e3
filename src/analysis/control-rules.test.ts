import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { contextOf, EXAMPLE_CAPTURE, EXAMPLE_PLANT } from "../../test/control-context.js";
import { Finding, RuleInfo } from "../model/finding.js";
import { readText, splitLines } from "../sources/text-decode.js";
import { RULES, rulesOf } from "./registry.js";

const FAMILIES = /^(ACC|BAK|RA|CTRL|HARD|IR)-\d{3}$/;
const CONTROL_RULES = rulesOf("ACC", "BAK", "RA", "CTRL", "HARD", "IR");

test("every rule is registered once, the control rules with ids of their families and valid 62443 references", () => {
  const registered = RULES.map((r) => r.id);
  assert.equal(new Set(registered).size, registered.length);
  for (const rule of CONTROL_RULES) {
    assert.match(rule.id, FAMILIES);
    assert.equal(registered.filter((id) => id === rule.id).length, 1, rule.id);
    const { check: _check, ...info } = rule;
    assert.doesNotThrow(() => RuleInfo.parse(info), rule.id);
  }
});

test("with its capture, the example plant triggers every ACC, BAK, RA, CTRL, HARD and IR rule; each finding names a real line or frame", async () => {
  const ctx = await contextOf(EXAMPLE_PLANT, EXAMPLE_CAPTURE);
  const lineCounts = new Map<string, number>();
  const linesOf = (file: string) => {
    if (!lineCounts.has(file)) lineCounts.set(file, splitLines(readText(file).text).length);
    return lineCounts.get(file)!;
  };
  const frames = ctx.capture!.stats.packets;
  for (const rule of RULES.filter((r) => FAMILIES.test(r.id))) {
    const found = rule.check(ctx);
    assert.ok(found.length > 0, `${rule.id} does not fire on the example plant`);
    for (const f of found) {
      Finding.parse(f);
      assert.ok(f.evidence.length > 0, f.id);
      for (const e of f.evidence) {
        if (e.kind === "frame") {
          assert.equal(e.file, EXAMPLE_CAPTURE, f.id);
          assert.ok(e.frame <= frames, `${f.id}: frame ${e.frame}`);
          continue;
        }
        assert.equal(e.kind, "line", f.id);
        if (e.kind !== "line") continue;
        const path = existsSync(join(EXAMPLE_PLANT, e.file)) ? join(EXAMPLE_PLANT, e.file) : e.file;
        assert.ok(existsSync(path), `${f.id}: ${e.file}`);
        assert.ok(e.line >= 1 && e.line <= linesOf(path), `${f.id}: ${e.file}:${e.line}`);
      }
    }
  }
});
