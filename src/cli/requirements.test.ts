import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));

function otaudit(args: string[]) {
  const r = spawnSync(process.execPath, [...process.execArgv, MAIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("requirements lists what a level needs, with our guidance and the user's own normative texts", () => {
  const level1 = otaudit(["requirements", "--level", "1", "--json"]);
  assert.equal(level1.code, 0, level1.err);
  assert.equal((JSON.parse(level1.out) as unknown[]).length, 37);

  const texts = join(mkdtempSync(join(tmpdir(), "otaudit-texts-")), "texts.yaml");
  writeFileSync(texts, '"SR 5.2 RE 1": "Text from my licensed copy."\n');
  const fr5 = otaudit(["requirements", "--fr", "FR5", "--level", "2", "--normative-texts", texts]);
  assert.equal(fr5.code, 0, fr5.err);
  const ids = [...fr5.out.matchAll(/^ {2}(SR [\d.]+(?: RE \d+)?) {2}SL (\d)\+/gm)].map(
    (m) => `${m[1]}@${m[2]}`,
  );
  assert.deepEqual(ids, ["SR 5.1@1", "SR 5.1 RE 1@2", "SR 5.2@1", "SR 5.2 RE 1@2", "SR 5.3@1", "SR 5.4@1"]);
  assert.match(
    fr5.out,
    /SR 5\.2 RE 1 {2}SL 2\+ {2}Deny by default, allow by exception\n.*Question: Does the zone boundary deny all traffic by default/,
  );
  assert.match(fr5.out, /^ {6}Normative text: Text from my licensed copy\.$/m);
  assert.equal(otaudit(["requirements", "--fr", "FR9"]).code, 2);
});
