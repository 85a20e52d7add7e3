import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { CaptureReport } from "../model/capture.js";

const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));
const SNAP7 = "test/corpus/captures/s7comm/s7comm__snap7/snap7.pcap";
const dir = mkdtempSync(join(tmpdir(), "otaudit-capture-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function otaudit(args: string[]) {
  const r = spawnSync(process.execPath, [...process.execArgv, MAIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("capture --json writes the report to a file or to stdout", () => {
  const out = join(dir, "report.json");
  const toFile = otaudit(["capture", SNAP7, "--json", out]);
  assert.equal(toFile.code, 0, toFile.err);
  assert.equal(toFile.out, "");
  const report = CaptureReport.parse(JSON.parse(readFileSync(out, "utf8")));
  assert.equal(report.stats.packets, 64);
  assert.equal(report.stats.files[0].path, SNAP7);
  const toStdout = otaudit(["capture", SNAP7, "--json", "-"]);
  assert.equal(toStdout.code, 0);
  assert.deepEqual(JSON.parse(toStdout.out), report);
});

test("capture prints a short summary without --json", () => {
  const r = otaudit(["capture", SNAP7]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^packets +64 \(0\.0 MB\) in 1 file$/m);
  assert.match(r.out, /^hosts +2$/m);
  assert.match(r.out, /^flows +1$/m);
  assert.match(r.out, /^protocols +s7comm 1$/m);
  assert.match(r.out, /^operations +.*program \d+/m);
});

test("capture exits 2 naming a file that is no capture, and warns about a cut one but exits 0", () => {
  const bad = join(dir, "notes.pcap");
  writeFileSync(bad, "not a capture at all");
  const r = otaudit(["capture", bad]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^otaudit: .*notes\.pcap: not a pcap or pcapng capture/m);
  const whole = readFileSync(SNAP7);
  const cut = join(dir, "cut.pcap");
  writeFileSync(cut, whole.subarray(0, whole.length - 20));
  const partial = otaudit(["capture", cut, "--json", "-"]);
  assert.equal(partial.code, 0);
  assert.equal(JSON.parse(partial.out).stats.packets, 63);
  assert.match(partial.err, /^otaudit: warning: .*cut\.pcap: file ends mid-record/m);
  assert.equal(otaudit(["capture", join(dir, "missing.pcap")]).code, 2);
});
