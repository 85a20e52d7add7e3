import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_COMMUNITIES, parseSnmp, snmp } from "./snmp.js";
import { RecordingSink } from "./test-sink.js";

// BER as RFC 1157/3416 lay SNMP out: SEQUENCE { version, community, PDU { request-id, error-status,
// error-index, SEQUENCE OF SEQUENCE { name, value } } }. Lengths here stay under 128 bytes.
const tlv = (tag: number, ...content: number[]) => [tag, content.length, ...content];
const int = (v: number) => tlv(0x02, v);
const str = (s: string) => tlv(0x04, ...Array.from(s, (c) => c.charCodeAt(0)));
const oid = (...bytes: number[]) => tlv(0x06, ...bytes);
const SYS_DESCR = [0x2b, 6, 1, 2, 1, 1, 1, 0];
const SYS_NAME = [0x2b, 6, 1, 2, 1, 1, 5, 0];

function message(
  version: number,
  community: string,
  pduTag: number,
  id: number,
  status: number,
  binds: number[][],
) {
  const list = tlv(0x30, ...binds.flat());
  return Uint8Array.from(
    tlv(
      0x30,
      ...int(version),
      ...str(community),
      ...tlv(pduTag, ...int(id), ...int(status), ...int(0), ...list),
    ),
  );
}
const bind = (name: number[], value: number[]) => tlv(0x30, ...oid(...name), ...value);
const NULL = [0x05, 0];

test("a get answered with sysDescr and sysName: read request, response, identity and host name", () => {
  const state = snmp.newState();
  const sink = new RecordingSink();
  snmp.parse(
    state,
    0,
    message(1, "plantRO", 0xa0, 7, 0, [bind(SYS_DESCR, NULL), bind(SYS_NAME, NULL)]),
    sink,
  );
  const answer = message(1, "plantRO", 0xa2, 7, 0, [
    bind(SYS_DESCR, str("SCALANCE X208, FW V4.1.0")),
    bind(SYS_NAME, str("sw-cell-3")),
  ]);
  snmp.parse(state, 1, answer, sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 0, name: "get", category: "read" }]);
  assert.deepEqual(sink.responses, [{ frame: 1, code: 0, failed: false }]);
  assert.deepEqual(sink.identities, [
    { frame: 1, party: "src", facts: { product: "SCALANCE X208, FW V4.1.0", name: "sw-cell-3" } },
  ]);
  assert.deepEqual(sink.hostnames, [{ frame: 1, party: "src", name: "sw-cell-3" }]);
  // Reported once per flow, on the agent (the receiver of the request), masked.
  assert.deepEqual(sink.observations, [
    { frame: 1, kind: "snmp-community", party: "dst", detail: "SNMPv2c community p… (7 chars)" },
  ]);
  assert.ok(!JSON.stringify(sink).includes("plantRO"));
});

test("the default communities are named, because the default is the finding", () => {
  const sink = new RecordingSink();
  snmp.parse(snmp.newState(), 0, message(0, "private", 0xa3, 9, 0, [bind(SYS_NAME, str("x"))]), sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 3, name: "set", category: "write" }]);
  assert.deepEqual(sink.observations, [
    { frame: 1, kind: "default-credentials", party: "dst", detail: 'SNMPv1 default community "private"' },
  ]);
});

test("an error status fails the paired request; get-next and get-bulk are reads", () => {
  const state = snmp.newState();
  const sink = new RecordingSink();
  snmp.parse(state, 0, message(1, "public", 0xa1, 30, 0, [bind(SYS_DESCR, NULL)]), sink);
  snmp.parse(state, 0, message(1, "public", 0xa5, 31, 0, [bind(SYS_DESCR, NULL)]), sink);
  snmp.parse(state, 1, message(1, "public", 0xa2, 31, 0, []), sink);
  snmp.parse(state, 1, message(1, "public", 0xa2, 30, 2, []), sink);
  assert.deepEqual(
    sink.requests.map((r) => [r.code, r.name, r.category]),
    [
      [1, "get-next", "read"],
      [5, "get-bulk", "read"],
    ],
  );
  assert.deepEqual(
    sink.responses.map((r) => [r.code, r.failed]),
    [
      [5, false],
      [1, true],
    ],
  );
});

test("a v1 trap is a diagnostic request from the agent", () => {
  // Trap-PDU: enterprise OID, agent address, generic trap 0 (coldStart), specific 0, time stamp, bindings.
  const trap = tlv(
    0xa4,
    ...oid(0x2b, 6, 1, 4, 1, 9),
    ...tlv(0x40, 10, 0, 0, 5),
    ...int(0),
    ...int(0),
    ...tlv(0x43, 1),
    ...tlv(0x30),
  );
  const m = Uint8Array.from(tlv(0x30, ...int(0), ...str("traps"), ...trap));
  assert.equal(parseSnmp(m)?.pduType, 4);
  const sink = new RecordingSink();
  snmp.parse(snmp.newState(), 0, m, sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 4, name: "trap", category: "diagnostic" }]);
  assert.deepEqual(sink.observations, [
    { frame: 1, kind: "snmp-community", party: "src", detail: "SNMPv1 community t… (5 chars)" },
  ]);
});

test("distinct communities per flow are capped", () => {
  const state = snmp.newState();
  const sink = new RecordingSink();
  for (let i = 0; i < 20; i++) snmp.parse(state, 0, message(1, `guess${i}`, 0xa0, i, 0, []), sink);
  assert.equal(sink.observations.length, MAX_COMMUNITIES);
});

test("SNMPv3 is left alone; broken BER is an anomaly; truncation never throws", () => {
  const v3 = Uint8Array.from(tlv(0x30, ...int(3), ...tlv(0x30, ...int(1)), ...str(""), ...tlv(0x30)));
  const sink = new RecordingSink();
  snmp.parse(snmp.newState(), 0, v3, sink);
  assert.deepEqual([sink.requests, sink.anomalies, sink.observations], [[], [], []]);
  snmp.parse(snmp.newState(), 0, Uint8Array.of(0x30, 0x84, 1, 2, 3, 4), sink);
  assert.equal(sink.anomalies[0]?.code, "bad-snmp");
  const whole = message(1, "public", 0xa2, 1, 0, [bind(SYS_NAME, str("abc"))]);
  for (let cut = 0; cut < whole.length; cut++)
    snmp.parse(snmp.newState(), 1, whole.subarray(0, cut), new RecordingSink());
});
