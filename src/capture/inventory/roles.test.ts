import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OperationCategory } from "../../model/capture.js";
import { emptySignals, inferRoles } from "./roles.js";

const at = (frame: number) => ({ file: "plant.pcap", frame });

describe("role inference", () => {
  it("calls an asset answering an ICS protocol a controller, an RTU for telecontrol protocols", () => {
    const plc = emptySignals();
    plc.answered.set("modbus", at(4));
    plc.served.set("modbus", at(3));
    assert.deepEqual(inferRoles(plc), [
      {
        role: "plc",
        confidence: 0.7,
        evidence: [{ kind: "frame", file: "plant.pcap", frame: 4, note: "answers modbus requests" }],
      },
    ]);
    const rtu = emptySignals();
    rtu.served.set("dnp3", at(9));
    rtu.served.set("http", at(12));
    assert.deepEqual(
      inferRoles(rtu).map((r) => [r.role, r.confidence]),
      [
        ["rtu", 0.5],
        ["it-server", 0.2],
      ],
    );
  });

  it("calls a host answering on a controller protocol's port a controller candidate, whatever else it serves", () => {
    // A honeypot answering Modbus scanners with exceptions no dissector takes, and TLS on the same port.
    const s = emptySignals();
    s.answeredOnPort.set("modbus", { port: "tcp/502", at: at(31) });
    s.served.set("tls", at(49));
    assert.deepEqual(
      inferRoles(s).map((r) => [r.role, r.confidence, r.evidence.map((e) => [e.frame, e.note])]),
      [
        ["plc", 0.5, [[31, "answers on tcp/502, the modbus port (content not recognised)"]]],
        ["it-server", 0.2, [[49, "serves tls"]]],
      ],
    );
    const outstation = emptySignals();
    outstation.answeredOnPort.set("dnp3", { port: "tcp/20000", at: at(7) });
    assert.deepEqual(
      inferRoles(outstation).map((r) => [r.role, r.confidence]),
      [["rtu", 0.5]],
    );
    // What content confirmed says it better: the port adds nothing.
    const plc = emptySignals();
    plc.answered.set("modbus", at(4));
    plc.answeredOnPort.set("modbus", { port: "tcp/502", at: at(2) });
    assert.deepEqual(
      inferRoles(plc).map((r) => [r.role, r.confidence, r.evidence.length]),
      [["plc", 0.7, 1]],
    );
  });

  it("tells engineering workstations, HMIs and SCADA servers apart by what they send to controllers", () => {
    const sent = (targets: Record<string, OperationCategory[]>) => {
      const s = emptySignals();
      for (const [target, categories] of Object.entries(targets)) {
        s.sentToControllers.set(target, new Map(categories.map((c, i) => [c, at(i + 1)])));
      }
      return inferRoles(s).map((r) => [r.role, r.confidence]);
    };
    assert.deepEqual(sent({ "mac:a": ["program", "read"] }), [
      ["ews", 0.8],
      ["hmi", 0.5],
    ]);
    assert.deepEqual(sent({ "mac:a": ["read", "write"] }), [
      ["hmi", 0.6],
      ["ews", 0.4],
    ]);
    assert.deepEqual(sent({ "mac:a": ["read"], "mac:b": ["read"], "mac:c": ["read"], "mac:d": ["read"] }), [
      ["scada-server", 0.7],
    ]);
  });

  it("calls an internet client an IT workstation and a MAC sending for many IPs a router", () => {
    const s = emptySignals();
    s.internet = at(20);
    s.gateway = { reason: "sends for 12 IP addresses (a router)", first: at(2) };
    assert.deepEqual(
      inferRoles(s).map((r) => [r.role, r.confidence, r.evidence[0].frame]),
      [
        ["network-device", 0.6, 2],
        ["it-workstation", 0.4, 20],
      ],
    );
    assert.deepEqual(inferRoles(emptySignals()), []);
  });
});
