/**
 * Syslog delivery against collectors listening on 127.0.0.1 only: RFC 5424 messages over UDP, octet-counted
 * over TCP, the same alerts as the JSON-lines file, and alerts raised while the collector is down sent when it
 * is back.
 */
import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { watchPlant } from "../../app/monitoring.js";
import type { AlertNotice } from "../../model/alert.js";
import { telnetLogin } from "../../synth/sessions/remote-access.js";
import { writeRotatedPlant } from "../testing.js";
import { octetCounted, parseSyslogTarget, type SyslogTarget, syslogMessage } from "./syslog.js";

const LOOPBACK = "127.0.0.1";
const tmp = mkdtempSync(join(tmpdir(), "otaudit-syslog-"));
const captures = join(tmp, "captures");
after(() => rmSync(tmp, { recursive: true, force: true }));

before(() => {
  mkdirSync(captures);
  writeRotatedPlant({
    folder: captures,
    files: 4,
    period: 15,
    changes: [
      {
        label: "telnet",
        at: 50,
        make: (c, H, t) =>
          telnetLogin(c, {
            client: H.scada01,
            server: H.rtuReservoir,
            hostname: "rtu-reservoir",
            user: "admin",
            password: "Reservoir2019",
            start: t,
            commands: [["show version", "SEL-3505 RTAC"]],
          }),
      },
    ],
  });
});

let runs = 0;
/** A fresh plant folder watching the shared captures once; returns the alerts file's notices and the warnings. */
async function watchOnce(syslog: SyslogTarget, plantDir = join(tmp, `plant${++runs}`)) {
  mkdirSync(plantDir, { recursive: true });
  copyFileSync("examples/water-treatment/plant.yaml", join(plantDir, "plant.yaml"));
  const alertsFile = join(plantDir, "alerts.jsonl");
  const warnings: string[] = [];
  await watchPlant({
    plantDir,
    captures,
    learn: { by: "files", files: 3 },
    settleMs: 0,
    intervalMs: 0,
    once: true,
    alertsFile,
    syslog,
    onEvent: (e) => {
      if (e.kind === "warning") warnings.push(e.message);
    },
  });
  const notices = readFileSync(alertsFile, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as AlertNotice);
  return { plantDir, notices, warnings };
}

const HEADER =
  /^<(\d+)>1 (\S+) (\S+) otaudit (\d+) (\S+) \[origin software="otaudit" swVersion="[^"]+"\] (\{.*\})$/;

function parse(message: string): { pri: number; timestamp: string; msgid: string; notice: AlertNotice } {
  const m = HEADER.exec(message);
  assert.ok(m, `not an RFC 5424 message as sent: ${message.slice(0, 120)}`);
  return { pri: Number(m[1]), timestamp: m[2], msgid: m[5], notice: JSON.parse(m[6]) as AlertNotice };
}

test("targets are udp:// or tcp:// URLs; the port defaults to 514", () => {
  assert.deepEqual(parseSyslogTarget("udp://127.0.0.1:5514"), {
    transport: "udp",
    host: "127.0.0.1",
    port: 5514,
  });
  assert.deepEqual(parseSyslogTarget("tcp://[::1]:6514"), { transport: "tcp", host: "::1", port: 6514 });
  assert.deepEqual(parseSyslogTarget("udp://collector.example"), {
    transport: "udp",
    host: "collector.example",
    port: 514,
  });
  assert.throws(() => parseSyslogTarget("http://127.0.0.1:514"), /expected udp:\/\/host:port/);
  assert.throws(() => parseSyslogTarget("tcp://127.0.0.1:70000"), /expected/);
});

test("a message: priority from facility local0 and the severity, ASCII-only JSON, octet count in bytes", () => {
  const notice = {
    seq: 7,
    event: "raised",
    id: "cleartext-credentials:a>b:telnet",
    number: 3,
    type: "cleartext-credentials",
    title: "Credentials sent in clear text",
    severity: "high",
    requirements: ["SR 1.5"],
    subject: "a>b:telnet",
    summary: "Telnet login, user a… (5 chars)",
    zones: [],
    assets: [],
    evidence: [],
    count: 1,
    firstSeen: "2026-11-26T08:00:00.000Z",
    lastSeen: "2026-11-26T08:00:00.000Z",
    raisedAt: "2026-11-27T09:30:00.123Z",
    status: "open",
    acknowledged: null,
  } satisfies AlertNotice;
  const text = syslogMessage(notice, { hostname: "sensor 01", procId: "4242", version: "0.1.0" });
  const m = parse(text);
  assert.equal(m.pri, 16 * 8 + 3);
  assert.equal(m.timestamp, "2026-11-27T09:30:00.123Z");
  assert.equal(m.msgid, "cleartext-credentials");
  assert.ok(text.includes(" sensor01 otaudit 4242 "), "header fields are printable ASCII without spaces");
  assert.deepEqual(m.notice, notice);
  assert.ok(
    [...Buffer.from(text)].every((b) => b < 0x80),
    "the ellipsis travels as \\u2026",
  );
  const framed = octetCounted("é");
  assert.equal(framed.toString("latin1"), "2 \u00c3\u00a9");
});

test("UDP to a collector on 127.0.0.1: one datagram per alert, the same alerts as the file", async () => {
  const server = createSocket("udp4");
  const received: string[] = [];
  server.on("message", (m) => received.push(m.toString("utf8")));
  await new Promise<void>((resolve) => server.bind(0, LOOPBACK, resolve));
  try {
    const { notices } = await watchOnce({ transport: "udp", host: LOOPBACK, port: server.address().port });
    assert.equal(notices.length, 4);
    for (let i = 0; i < 50 && received.length < notices.length; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(
      received.map((r) => parse(r).notice),
      notices,
    );
    assert.deepEqual(received.map((r) => parse(r).msgid).sort(), [
      "cleartext-credentials",
      "flow-outside-conduit",
      "new-asset",
      "new-remote-session",
    ]);
  } finally {
    server.close();
  }
});

/** A TCP collector on 127.0.0.1 that splits the stream by RFC 6587 octet counting. */
async function tcpCollector(port = 0): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket: Socket) => {
    let buf = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const space = buf.indexOf(0x20);
        if (space < 0) return;
        const length = Number(buf.subarray(0, space).toString("ascii"));
        assert.ok(Number.isInteger(length) && length > 0, "octet count");
        if (buf.length < space + 1 + length) return;
        messages.push(buf.subarray(space + 1, space + 1 + length).toString("utf8"));
        buf = buf.subarray(space + 1 + length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, LOOPBACK, resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === "object");
  return { server, port: address.port, messages };
}

test("TCP to a collector on 127.0.0.1: octet-counted frames; alerts raised while it was down follow when it is back", async () => {
  const first = await tcpCollector();
  const port = first.port;
  await new Promise<void>((resolve) => first.server.close(() => resolve()));

  // The collector is down: the alerts reach the file, syslog waits.
  const down = await watchOnce({ transport: "tcp", host: LOOPBACK, port });
  assert.equal(down.notices.length, 4);
  assert.ok(
    down.warnings.some((w) => /^syslog: .*ECONNREFUSED.*will retry/.test(w)),
    down.warnings.join("\n"),
  );

  const back = await tcpCollector(port);
  try {
    const again = await watchOnce({ transport: "tcp", host: LOOPBACK, port }, down.plantDir);
    assert.deepEqual(again.warnings, []);
    assert.deepEqual(again.notices, down.notices, "nothing new raised, nothing written twice");
    for (let i = 0; i < 50 && back.messages.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(
      back.messages.map((m) => parse(m).notice),
      down.notices,
    );
  } finally {
    back.server.close();
  }
});
