/**
 * `otaudit watch` as a person runs it, following a folder that a simulated tcpdump rotates files into: the file
 * being written is left alone, the deliberate change raises exactly its alerts once each, a SIGKILL in the
 * middle and a restart lose and repeat nothing, and an assessor's fold silences what it folded.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { assess } from "../app/assess.js";
import { type AlertNotice, MonitoringStatus } from "../model/alert.js";
import { type Change, type Mark, tcpPayload, writeRotatedPlant } from "../monitor/testing.js";
import { MonitorStore } from "../store/monitor-store.js";
import { workspacePath } from "../store/workspace.js";
import { SECOND } from "../synth/sessions/context.js";
import { modbusWrite } from "../synth/sessions/modbus.js";
import { rdpSession } from "../synth/sessions/remote-access.js";

/** The CLI beside this test: main.ts under tsx, main.js when the tests run from dist/. */
const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));
const PERIOD = 20;
const fileStart = (n: number) => (n - 1) * PERIOD;

const CHANGES: Change[] = [
  {
    label: "laptop-write",
    at: fileStart(4) + 5,
    make: (c, H, t) =>
      modbusWrite(c, {
        client: H.laptop,
        server: H.plcFilter,
        unit: 1,
        start: t,
        singles: [[120, 450]],
        block: { address: 130, values: [800, 820] },
      }),
  },
  {
    label: "rdp-direct",
    at: fileStart(4) + 9,
    make: (c, H, t) =>
      rdpSession(c, {
        client: H.officePc12,
        server: H.hmi01,
        user: "opsmgr",
        serverName: "hmi-01",
        start: t,
        end: t + 6 * SECOND,
        screenRate: 3000,
      }),
  },
  {
    label: "laptop-again",
    at: fileStart(5) + 5,
    make: (c, H, t) =>
      modbusWrite(c, {
        client: H.laptop,
        server: H.plcFilter,
        unit: 1,
        start: t,
        singles: [[121, 1]],
        block: { address: 130, values: [810] },
      }),
  },
  {
    label: "laptop-after-fold",
    at: fileStart(7) + 5,
    make: (c, H, t) =>
      modbusWrite(c, {
        client: H.laptop,
        server: H.plcFilter,
        unit: 1,
        start: t,
        singles: [[122, 7]],
        block: { address: 131, values: [5] },
      }),
  },
];

const EXPECTED = [
  "flow-outside-conduit:enterprise>supervisory:tcp/3389",
  "new-asset:192.168.30.99",
  "new-remote-session:10.10.10.32>192.168.20.21:rdp",
  "new-write:192.168.30.99>192.168.30.12",
];

const tmp = mkdtempSync(join(tmpdir(), "otaudit-watch-"));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Until a line of stderr or stdout matches. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited: Promise<number | null>;
}

function run(...args: string[]): Run {
  const child = spawn(process.execPath, [...process.execArgv, MAIN, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  children.push(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const lines = (into: string[]) => {
    let rest = "";
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split("\n");
      rest = parts.pop() ?? "";
      into.push(...parts);
      for (const w of [...waiters]) {
        if ([...stderr, ...stdout].some((l) => w.pattern.test(l))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    };
  };
  child.stdout!.on("data", lines(stdout));
  child.stderr!.on("data", lines(stderr));
  // "close", not "exit": the process may exit before its output is all read.
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    stdout,
    stderr,
    exited,
    waitFor: (pattern, ms = 60_000) => {
      if ([...stderr, ...stdout].some((l) => pattern.test(l))) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} within ${ms} ms; stderr:\n${stderr.join("\n")}`)),
          ms,
        );
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        exited.then(() => reject(new Error(`exited before ${pattern}; stderr:\n${stderr.join("\n")}`)));
      });
    },
  };
}

const frameOf = (m: Mark) => `${basename(m.file)}#${m.frame}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("watch follows rotated files, alerts once per departure with its frames, and survives SIGKILL", {
  timeout: 240_000,
}, async () => {
  const plantDir = join(tmp, "plant");
  const captures = join(tmp, "cap");
  const staging = join(tmp, "staging");
  for (const d of [plantDir, captures, staging]) mkdirSync(d);
  copyFileSync("examples/water-treatment/plant.yaml", join(plantDir, "plant.yaml"));
  const { files, marks } = writeRotatedPlant({ folder: staging, files: 7, period: PERIOD, changes: CHANGES });
  assert.equal(files.length, 7);
  const names = files.map((f) => basename(f));
  // The simulated writer: a file appears when it is written, so modification times follow the rotation.
  const write = (i: number) => copyFileSync(files[i], join(captures, names[i]));
  const alertsFile = join(tmp, "alerts.jsonl");
  const notices = (): AlertNotice[] =>
    existsSync(alertsFile)
      ? readFileSync(alertsFile, "utf8")
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as AlertNotice)
      : [];
  const watchArgs = [
    "watch",
    plantDir,
    "--captures",
    captures,
    "--learn-files",
    "3",
    "--alerts-file",
    alertsFile,
  ];

  for (const i of [0, 1, 2]) write(i);
  // File 4 is half written: tcpdump holds it open.
  const four = readFileSync(files[3]);
  const half = Math.floor(four.length / 2);
  writeFileSync(join(captures, names[3]), four.subarray(0, half));

  const first = run(...watchArgs, "--interval", "0.2s", "--settle", "1h");
  await first.waitFor(new RegExp(`learned .*${names[2]}`));
  await first.waitFor(new RegExp(`waiting for .*${names[3]}`));
  await sleep(600);
  assert.ok(
    !first.stderr.some((l) => l.includes(`checked ${join(captures, names[3])}`)),
    "a file being written was read",
  );
  assert.deepEqual(notices(), []);

  // The writer finishes file 4 and rotates to file 5: file 4 is complete now, file 5 is the one being written.
  appendFileSync(join(captures, names[3]), four.subarray(half));
  write(4);
  await first.waitFor(new RegExp(`checked .*${names[3]}: .* 4 new alerts`));
  await first.waitFor(/ #4 /);
  assert.deepEqual(
    notices()
      .map((n) => n.id)
      .sort(),
    EXPECTED,
  );
  assert.equal(first.stdout.filter((l) => / #\d+ /.test(l)).length, 4, first.stdout.join("\n"));

  // Rotation to file 6 completes file 5; kill -9 while watch is taking it in.
  write(5);
  await first.waitFor(new RegExp(`reading .*${names[4]}`));
  first.child.kill("SIGKILL");
  assert.equal(await first.exited, null);

  // The capture stopped: a restart takes every complete file, the last one too, and exits.
  const second = run(...watchArgs, "--once", "--settle", "0");
  assert.equal(await second.exited, 0, second.stderr.join("\n"));

  const store = MonitorStore.open(workspacePath(plantDir));
  const records = store.files();
  const status = (() => {
    const s = store.fileCounts();
    return [s.learned, s.monitored, s.unreadable, s.duplicate];
  })();
  store.close();
  assert.deepEqual(
    records.map((r) => basename(r.path)),
    names.slice(0, 6),
    "every file once, in order",
  );
  assert.deepEqual(status, [3, 3, 0, 0]);

  const raised = notices();
  assert.deepEqual(
    raised.map((n) => n.seq),
    [1, 2, 3, 4],
    "each alert written once",
  );
  assert.deepEqual(raised.map((n) => n.id).sort(), EXPECTED);
  const byId = (id: string) => raised.find((n) => n.id === id)!;
  const fromLaptop = (m: Mark) => m.bytes[6] === 0x00 && m.bytes[7] === 0x0c && m.bytes[8] === 0x29;
  const writeRequest = (m: Mark) => fromLaptop(m) && [6, 16].includes(tcpPayload(m.bytes)[7]);
  const laptop = marks.get("laptop-write")!;
  const rdp = marks.get("rdp-direct")!;
  // The new station's first frame (its SYN), its first write request, the RDP SYN and its X.224 connection request.
  assert.equal(
    frameOf(laptop[0]),
    `${basename(byId("new-asset:192.168.30.99").evidence[0].file)}#${byId("new-asset:192.168.30.99").evidence[0].frame}`,
  );
  const at = (id: string) => `${basename(byId(id).evidence[0].file)}#${byId(id).evidence[0].frame}`;
  assert.equal(at("new-write:192.168.30.99>192.168.30.12"), frameOf(laptop.find(writeRequest)!));
  assert.equal(at("flow-outside-conduit:enterprise>supervisory:tcp/3389"), frameOf(rdp[0]));
  const officePc12 = (m: Mark) => m.bytes[6] === 0x3c && m.bytes[7] === 0xd9;
  assert.equal(
    at("new-remote-session:10.10.10.32>192.168.20.21:rdp"),
    frameOf(rdp.find((m) => officePc12(m) && tcpPayload(m.bytes)[0] === 0x03)!),
  );

  // Repeats in file 5 added to the count: two write requests per session, the laptop present in two files.
  const listed = run("alerts", plantDir, "--json");
  assert.equal(await listed.exited, 0);
  const monitoring = MonitoringStatus.parse(JSON.parse(listed.stdout.join("\n")));
  const current = (id: string) => monitoring.alerts.find((a) => a.id === id)!;
  assert.equal(current("new-write:192.168.30.99>192.168.30.12").count, 4);
  assert.equal(current("new-asset:192.168.30.99").count, 2);
  const lastWrite = marks.get("laptop-again")!.filter(writeRequest).at(-1)!;
  const evidence = current("new-write:192.168.30.99>192.168.30.12").evidence.map(
    (e) => `${basename(e.file)}#${e.frame}`,
  );
  assert.deepEqual(evidence, [frameOf(laptop.find(writeRequest)!), frameOf(lastWrite)]);
  assert.equal(monitoring.filesIngested, 6);
  assert.equal(monitoring.phase, "monitoring");

  // The assessor folds the laptop's writes into the baseline and acknowledges the rest; file 7 writes again.
  const number = current("new-write:192.168.30.99>192.168.30.12").number;
  const fold = run("alerts", plantDir, "--ack", String(number), "--fold-into-baseline", "--by", "j.doe");
  assert.equal(await fold.exited, 0, fold.stderr.join("\n"));
  const ack = run("alerts", plantDir, "--ack", "new-asset:192.168.30.99");
  assert.equal(await ack.exited, 0, ack.stderr.join("\n"));
  write(6);
  const third = run(...watchArgs, "--once", "--settle", "0");
  assert.equal(await third.exited, 0, third.stderr.join("\n"));
  assert.deepEqual(
    notices().map((n) => n.seq),
    [1, 2, 3, 4],
    "nothing new raised",
  );
  const end = run("alerts", plantDir, "--json", "--all");
  assert.equal(await end.exited, 0);
  const finalState = MonitoringStatus.parse(JSON.parse(end.stdout.join("\n")));
  const final = (id: string) => finalState.alerts.find((a) => a.id === id)!;
  assert.equal(final("new-write:192.168.30.99>192.168.30.12").status, "folded");
  assert.equal(
    final("new-write:192.168.30.99>192.168.30.12").count,
    4,
    "folded: file 7's writes are normal now",
  );
  assert.equal(final("new-asset:192.168.30.99").status, "acknowledged");
  assert.equal(final("new-asset:192.168.30.99").count, 3, "acknowledged, still counting");

  // The assessment carries the alerts not folded.
  const assessment = await assess(plantDir);
  assert.deepEqual(
    assessment.monitoring?.alerts.map((a) => a.id).sort(),
    EXPECTED.filter((id) => !id.startsWith("new-write")),
  );
});
