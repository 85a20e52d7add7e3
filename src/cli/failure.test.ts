/**
 * Exit codes on failure: 1 is only ever findings at or above --fail-on. A person's mistake (a path that cannot
 * be written, an address that cannot be had) exits 2 with one line saying what to change; anything otaudit did
 * not expect exits 3, says so with a hint to report it, and shows its stack only with --debug.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { EXIT_BAD_INPUT, EXIT_INTERNAL } from "./exit-codes.js";
import { copyOfExample, otaudit, removeCopies } from "./testing.js";

const STACK = /^\s+at /m;
after(removeCopies);

test("capture --json into a folder that does not exist exits 2, naming the folder", () => {
  const r = otaudit([
    "capture",
    "examples/water-treatment/captures/plant.pcap",
    "--json",
    "/nonexistent/x.json",
  ]);
  assert.equal(r.code, EXIT_BAD_INPUT, r.err);
  assert.equal(
    r.err,
    "otaudit: --json /nonexistent/x.json: cannot write it: the folder /nonexistent does not exist\n",
  );
});

test("assess --out naming a file exits 2 before assessing, and leaves the file alone", () => {
  const dir = copyOfExample();
  const file = join(dir, "..", "passwd");
  writeFileSync(file, "root:x:0:0:root:/root:/bin/bash\n");
  const r = otaudit(["assess", dir, "--out", file]);
  assert.equal(r.code, EXIT_BAD_INPUT, r.err);
  assert.match(r.err, /^otaudit: .*passwd is a file, not a folder for the outputs\n$/);
  assert.equal(readFileSync(file, "utf8"), "root:x:0:0:root:/root:/bin/bash\n");
  assert.equal(
    existsSync(join(dir, ".otaudit")),
    false,
    "no run is stored when its outputs cannot be written",
  );
});

test("assess --out naming a folder of someone else's files exits 2 and leaves them alone", () => {
  const dir = copyOfExample();
  const theirs = join(dir, "..", "documents");
  mkdirSync(theirs);
  writeFileSync(join(theirs, "budget.xlsx"), "numbers");
  const r = otaudit(["assess", dir, "--out", theirs]);
  assert.equal(r.code, EXIT_BAD_INPUT, r.err);
  assert.match(r.err, /holds files otaudit did not write \(budget\.xlsx\); choose a new or empty folder/);
  assert.equal(readFileSync(join(theirs, "budget.xlsx"), "utf8"), "numbers");
});

test("serve --host with an address that is not one exits 2", () => {
  const dir = copyOfExample();
  const r = otaudit(["serve", dir, "--host", "256.1.1.1", "--port", "0"]);
  assert.equal(r.code, EXIT_BAD_INPUT, r.err);
  assert.equal(
    r.err,
    "otaudit: --host 256.1.1.1: not an IPv4 address (four numbers 0-255, like 127.0.0.1)\n",
  );
  const elsewhere = otaudit(["serve", dir, "--host", "192.0.2.1", "--port", "0"]);
  assert.equal(elsewhere.code, EXIT_BAD_INPUT, elsewhere.err);
  assert.equal(elsewhere.err, "otaudit: --host 192.0.2.1: not an address of this machine\n");
});

test("an error nobody anticipated exits 3 with a hint to report it; the stack only with --debug", () => {
  const dir = join(copyOfExample(), "..", "bare");
  mkdirSync(join(dir, ".otaudit"), { recursive: true });
  // Nothing reads a workspace that is not SQLite on purpose: the database driver's error is unexpected.
  writeFileSync(join(dir, ".otaudit", "workspace.db"), "not a database, but long enough to be read as one\n");
  const r = otaudit(["history", dir]);
  assert.equal(r.code, EXIT_INTERNAL, r.err);
  assert.match(r.err, /^otaudit: internal error: file is not a database\n/);
  assert.match(r.err, /please report it .*--debug/);
  assert.doesNotMatch(r.err, STACK);
  for (const args of [
    ["history", dir, "--debug"],
    ["--debug", "history", dir],
  ]) {
    const debug = otaudit(args);
    assert.equal(debug.code, EXIT_INTERNAL, debug.err);
    assert.match(debug.err, STACK, args.join(" "));
  }
});
