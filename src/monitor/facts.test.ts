import assert from "node:assert/strict";
import { test } from "node:test";
import { loadPlant } from "../app/assess.js";
import { analyzeCaptureFile } from "../capture/analyze-file.js";
import { factsOf, parseFlowLabel } from "./facts.js";
import { fileView } from "./file-view.js";
import { plantContext } from "./plant-context.js";

const MQTT = "test/corpus/captures/mqtt/suricata__mqtt31-sub-userpass/input.pcap";

test("flow labels of the capture report, IPv4 and IPv6, give their two ends", () => {
  assert.deepEqual(parseFlowLabel("192.168.20.30:54275 -> 192.168.30.11:102/tcp"), {
    client: "192.168.20.30",
    server: "192.168.30.11",
  });
  assert.deepEqual(parseFlowLabel("[fe80::1:5]:38238 -> [2001:db8::7]:1883/tcp"), {
    client: "fe80::1:5",
    server: "2001:db8::7",
  });
  assert.deepEqual(parseFlowLabel("10.0.0.1 -> 10.0.0.2/icmp"), { client: "10.0.0.1", server: "10.0.0.2" });
  assert.equal(parseFlowLabel(null), null);
  assert.equal(parseFlowLabel("not a flow"), null);
});

test("MQTT credentials over IPv6 loopback (Suricata's mqtt31-sub-userpass trace) are a credentials fact", async () => {
  const analysis = await analyzeCaptureFile(MQTT, "mqtt.pcap");
  const ctx = plantContext(loadPlant("examples/water-treatment").plant);
  const facts = factsOf(fileView(analysis, ctx), ctx);
  const credentials = facts.filter((f) => f.kind === "credentials");
  assert.deepEqual(
    credentials.map((f) => f.key),
    ["::1>::1:mqtt"],
  );
  // The CONNECT carrying user name and password; the labels parsed back name the report's own flow.
  const observation = analysis.report.observations.find((o) => o.kind === "cleartext-credentials")!;
  assert.equal(credentials[0].first.frame, observation.frame);
  const ends = parseFlowLabel(observation.flow)!;
  assert.ok(
    analysis.report.flows.some(
      (f) => f.client === ends.client && f.server === ends.server && f.serverPort === 1883,
    ),
  );
  // Loopback is no plant asset and crosses no zone.
  assert.deepEqual(
    facts.filter((f) => f.kind === "asset" || f.kind === "zone-flow"),
    [],
  );
});
