import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { UsageError } from "./exit-codes.js";
import { parseSize } from "./generate.js";

const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "otaudit-generate-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function otaudit(args: string[]) {
  const r = spawnSync(process.execPath, [...process.execArgv, MAIN, ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("sizes take decimal and binary units", () => {
  assert.equal(parseSize("200MB"), 200e6);
  assert.equal(parseSize("1GB"), 1e9);
  assert.equal(parseSize("512MiB"), 512 * 2 ** 20);
  assert.equal(parseSize("1.5 GB"), 1.5e9);
  assert.equal(parseSize("3000000"), 3e6);
  assert.throws(() => parseSize("lots"), UsageError);
  assert.throws(() => parseSize("200XB"), UsageError);
  assert.throws(() => parseSize("10KB"), UsageError);
});

test("generate-capture writes a bench capture of the requested size; bad options exit 2", () => {
  const out = join(dir, "bench.pcap");
  const r = otaudit([
    "generate-capture",
    "--scenario",
    "bench",
    "--size",
    "2MB",
    "--seed",
    "5",
    "--out",
    out,
  ]);
  assert.equal(r.code, 0, r.err);
  const size = statSync(out).size;
  assert.ok(size >= 2e6 && size < 2e6 + 1600, `${size} bytes`);
  assert.match(r.err, /packets, 2\.0 MB/);
  assert.equal(otaudit(["generate-capture", "--scenario", "factory", "--out", out]).code, 2);
  assert.equal(otaudit(["generate-capture", "--scenario", "bench", "--seed", "-1", "--out", out]).code, 2);
  assert.equal(otaudit(["generate-capture", "--scenario", "plant"]).code, 2);
});

test("generate-capture is hidden from the main help but documents itself", () => {
  assert.doesNotMatch(otaudit(["--help"]).out, /generate-capture/);
  const help = otaudit(["generate-capture", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.out, /--scenario <name>/);
  assert.match(help.out, /byte-identical/);
});
