/**
 * The bench scenario's sessions against the capture engine: each kind of session the scenario starts (see
 * bench.ts) must be recognised by the dissector of its protocol, and our dissectors must find nothing malformed
 * in what our generator writes. A session that no dissector claims, or an anomaly, means one of the two is wrong.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { analyzeCaptures } from "../../capture/engine.js";
import { generateCapture } from "../generate.js";

const dir = mkdtempSync(join(tmpdir(), "otaudit-bench-scenario-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** One per session kind the bench starts: polls, discovery, infrastructure, file transfer, web, remote access. */
const SESSIONS = [
  ["bacnetSession", "bacnet"],
  ["cdpAdverts", "cdp"],
  ["dnp3Poll", "dnp3"],
  ["dnsLookup", "dns"],
  ["enipPoll", "enip"],
  ["httpSession", "http"],
  ["iec104Session", "iec104"],
  ["lldpAdverts", "lldp"],
  ["modbusPoll", "modbus"],
  ["ntpSync", "ntp"],
  ["opcUaSession", "opcua"],
  ["dcpIdentify", "profinet"],
  ["rdpSession", "rdp"],
  ["s7Poll", "s7comm"],
  ["smbTransfer", "smb"],
  ["snmpPoll", "snmp"],
  ["sshSession", "ssh"],
  ["httpsSession", "tls"],
] as const;

test("a minute of bench traffic: every session kind is claimed by its dissector, none malformed", async () => {
  const path = join(dir, "bench.pcap");
  // Administrators start an RDP or SSH session every eight seconds or so: a minute of traffic holds both.
  generateCapture({ scenario: "bench", seed: 5, size: 60_000_000, out: path });
  const report = await analyzeCaptures([path]);
  const seen = new Set(report.flows.map((f) => f.protocol));
  const missing = SESSIONS.filter(([, protocol]) => !seen.has(protocol)).map(([session]) => session);
  assert.deepEqual(missing, [], "sessions no dissector recognised");
  assert.deepEqual(report.anomalies, []);
});
