/**
 * The output folder always holds one whole run's set. Killed for real (SIGKILL) at points through the writing
 * of `otaudit assess`, the folder holds the previous set or the new one, never a mix; what else the folder
 * holds stays; a folder of someone else's files is refused.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import JSZip from "jszip";
import { MAIN } from "../cli/testing.js";
import { OutputMarker } from "../model/output-set.js";
import { Workspace, workspacePath } from "../store/workspace.js";
import { checkOutputFolder, MARKER, OutputSet } from "./output-set.js";

const root = mkdtempSync(join(tmpdir(), "otaudit-output-set-"));
after(() => rmSync(root, { recursive: true, force: true }));

const RUN = {
  site: "Test site",
  finishedAt: "2026-12-01T00:00:00Z",
  tool: { name: "otaudit", version: "0" },
};

function writeSet(dir: string, id: string, files: Record<string, string>): void {
  const set = OutputSet.begin(dir);
  for (const [name, text] of Object.entries(files)) set.put(name, text);
  set.commit({ ...RUN, id });
}

const listing = (dir: string) => readdirSync(dir).sort();
/** The staging and previous folders a run keeps beside `out`. */
const aside = (parent: string) => readdirSync(parent).filter((n) => n.startsWith(".out.otaudit-"));

/** A process id that was in use and is no more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  return r.pid!;
}

test("a new set replaces the old one whole; what else the folder holds is carried over, the same file", () => {
  const parent = mkdtempSync(join(root, "carry-"));
  const out = join(parent, "out");
  writeSet(out, "run-1", { "report.html": "one", "report.pdf": "pdf one" });
  // watch appends its alerts here; a person keeps notes.
  writeFileSync(join(out, "alerts.jsonl"), '{"seq":1}\n');
  mkdirSync(join(out, "notes"));
  writeFileSync(join(out, "notes", "meeting.txt"), "agenda");
  const alertsInode = statSync(join(out, "alerts.jsonl")).ino;

  writeSet(out, "run-2", { "report.html": "two" });
  assert.deepEqual(listing(out), [MARKER, "alerts.jsonl", "notes", "report.html"]);
  assert.equal(readFileSync(join(out, "report.html"), "utf8"), "two");
  assert.equal(
    statSync(join(out, "alerts.jsonl")).ino,
    alertsInode,
    "a hard link, so appends are never lost",
  );
  assert.equal(readFileSync(join(out, "notes", "meeting.txt"), "utf8"), "agenda");
  const marker = OutputMarker.parse(JSON.parse(readFileSync(join(out, MARKER), "utf8")));
  assert.equal(marker.runId, "run-2");
  assert.deepEqual(marker.files, [
    { name: "report.html", bytes: 3, sha256: createHash("sha256").update("two").digest("hex") },
  ]);
  assert.deepEqual(aside(parent), []);
});

test("an output folder of an earlier version (no marker) is taken over; someone else's folder is refused", () => {
  const parent = mkdtempSync(join(root, "owner-"));
  const earlier = join(parent, "out");
  mkdirSync(earlier);
  for (const name of ["report.html", "assessment.json", "report.html.4242.tmp", "alerts.jsonl"])
    writeFileSync(join(earlier, name), name);
  writeSet(earlier, "run-1", { "report.html": "new" });
  assert.deepEqual(listing(earlier), [MARKER, "alerts.jsonl", "report.html"]);

  const theirs = join(parent, "documents");
  mkdirSync(theirs);
  writeFileSync(join(theirs, "report.html"), "their own report");
  writeFileSync(join(theirs, "budget.xlsx"), "numbers");
  assert.throws(() => checkOutputFolder(theirs), /holds files otaudit did not write \(budget\.xlsx\)/);
  assert.throws(() => OutputSet.begin(theirs), /holds files otaudit did not write/);
  assert.deepEqual(listing(theirs), ["budget.xlsx", "report.html"]);
  assert.deepEqual(aside(parent), []);

  const file = join(parent, "passwd");
  writeFileSync(file, "x");
  assert.throws(() => OutputSet.begin(file), /passwd is a file, not a folder for the outputs/);
});

test("a run killed between its two renames left the old set aside: the next run puts it back first", () => {
  const parent = mkdtempSync(join(root, "recover-"));
  const out = join(parent, "out");
  writeSet(out, "run-1", { "report.html": "one" });
  // The state such a kill leaves: the old folder renamed aside, the new set complete in staging.
  const pid = deadPid();
  renameSync(out, join(parent, `.out.otaudit-previous-${pid}`));
  mkdirSync(join(parent, `.out.otaudit-staging-${pid}`));
  writeFileSync(join(parent, `.out.otaudit-staging-${pid}`, "report.html"), "two");

  checkOutputFolder(out);
  const set = OutputSet.begin(out);
  assert.equal(readFileSync(join(out, "report.html"), "utf8"), "one", "the old set is back before writing");
  assert.deepEqual(aside(parent), [`.out.otaudit-staging-${process.pid}`]);
  set.abandon();
  assert.deepEqual(aside(parent), []);
});

/** The run id of the set in `dir`, after checking the set is whole: every file of one run, as its marker lists. */
async function wholeSet(dir: string, names: string[]): Promise<string> {
  assert.deepEqual(
    listing(dir).filter((n) => n !== MARKER),
    names,
  );
  const id = (JSON.parse(readFileSync(join(dir, "assessment.json"), "utf8")) as { id: string }).id;
  assert.ok(readFileSync(join(dir, "report.html"), "utf8").includes(`Assessment ${id}`), "report.html");
  const docx = await JSZip.loadAsync(readFileSync(join(dir, "report.docx")));
  assert.ok((await docx.file("word/document.xml")!.async("string")).includes(id), "report.docx");
  const xlsx = await JSZip.loadAsync(readFileSync(join(dir, "actions.xlsx")));
  const strings = await Promise.all(
    Object.values(xlsx.files)
      .filter((f) => f.name.startsWith("xl/"))
      .map((f) => f.async("string")),
  );
  assert.ok(
    strings.some((s) => s.includes(id)),
    "actions.xlsx",
  );
  const marker = OutputMarker.parse(JSON.parse(readFileSync(join(dir, MARKER), "utf8")));
  assert.equal(marker.runId, id);
  assert.deepEqual(marker.files.map((f) => f.name).sort(), names);
  for (const f of marker.files) {
    const bytes = readFileSync(join(dir, f.name));
    assert.equal(createHash("sha256").update(bytes).digest("hex"), f.sha256, f.name);
  }
  return id;
}

/** Files of the set being written: in the staging folder, or already in `out` since `since` (ms). */
function written(plant: string, since: number): number {
  let n = 0;
  for (const name of readdirSync(plant)) {
    if (!name.startsWith(".out.otaudit-staging-")) continue;
    try {
      n += readdirSync(join(plant, name)).length;
    } catch {
      // Renamed into place meanwhile.
    }
  }
  const out = join(plant, "out");
  for (const name of existsSync(out) ? readdirSync(out) : []) {
    try {
      if (statSync(join(out, name)).mtimeMs >= since) n++;
    } catch {
      // Replaced meanwhile.
    }
  }
  return n;
}

/** Runs `otaudit assess` and kills it (SIGKILL) once `files` files of its set are written; false when it finished first. */
async function assessKilledAt(plant: string, files: number): Promise<boolean> {
  const since = Date.now();
  const child = spawn(process.execPath, [...process.execArgv, MAIN, "assess", plant], {
    stdio: "ignore",
    env: { ...process.env, NO_COLOR: "1" },
  });
  let exited = false;
  const exit = new Promise<void>((done) =>
    child.on("exit", () => {
      exited = true;
      done();
    }),
  );
  let killed = false;
  while (!exited) {
    if (written(plant, since) >= files) {
      killed = child.kill("SIGKILL");
      break;
    }
    await sleep(1);
  }
  await exit;
  return killed && child.signalCode === "SIGKILL";
}

test("assess killed at points through writing its outputs leaves the old set or the new one, whole", {
  timeout: 600_000,
}, async () => {
  // A small plant: its assessment is quick, its outputs are the whole set.
  const plant = join(mkdtempSync(join(root, "kill-")), "plant");
  cpSync("test/fixtures/gap-plant", plant, { recursive: true });
  const out = join(plant, "out");
  const first = spawnSync(process.execPath, [...process.execArgv, MAIN, "assess", plant], {
    encoding: "utf8",
  });
  assert.equal(first.status, 0, first.stderr);
  const names = listing(out).filter((n) => n !== MARKER);
  let current = await wholeSet(out, names);
  const stored = () => {
    const ws = Workspace.open(workspacePath(plant));
    try {
      return ws.list().at(-1)!.id;
    } finally {
      ws.close();
    }
  };

  // 0: as soon as the set is begun; then file by file; names.length + 1: its marker, just before the swap.
  const points = [0, 2, 5, names.length, names.length + 1];
  let kills = 0;
  for (const files of points) {
    if (await assessKilledAt(plant, files)) kills++;
    const newest = stored();
    // Between the two renames of the swap (microseconds) the folder is aside; the next run puts it back.
    const previous = aside(plant).find((n) => n.startsWith(".out.otaudit-previous-"));
    const dir = existsSync(out) ? out : join(plant, previous ?? "out");
    const id = await wholeSet(dir, names);
    assert.ok(
      id === current || id === newest,
      `killed at ${files} files: run ${id} is neither ${current} nor ${newest}`,
    );
    current = id;
  }
  assert.ok(kills >= points.length - 2, `only ${kills} of ${points.length} runs were killed while writing`);

  const last = spawnSync(process.execPath, [...process.execArgv, MAIN, "assess", plant], {
    encoding: "utf8",
  });
  assert.equal(last.status, 0, last.stderr);
  assert.equal(await wholeSet(out, names), stored());
  assert.deepEqual(aside(plant), [], "nothing a killed run left stays beside the folder");
});
