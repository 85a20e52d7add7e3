import assert from "node:assert/strict";
import { test } from "node:test";
import { loadPlant } from "../app/assess.js";
import { analyzeCaptureFile } from "../capture/analyze-file.js";
import { flowText } from "../model/capture.js";
import { factsOf } from "./facts.js";
import { fileView } from "./file-view.js";
import { plantContext } from "./plant-context.js";

const MQTT = "test/corpus/captures/mqtt/suricata__mqtt31-sub-userpass/input.pcap";

test("MQTT credentials over IPv6 loopback (Suricata's mqtt31-sub-userpass trace) are a credentials fact", async () => {
  const analysis = await analyzeCaptureFile(MQTT, "mqtt.pcap");
  const ctx = plantContext(loadPlant("examples/water-treatment").plant);
  const facts = factsOf(fileView(analysis, ctx), ctx);
  const credentials = facts.filter((f) => f.kind === "credentials");
  assert.deepEqual(
    credentials.map((f) => f.key),
    ["::1>::1:mqtt"],
  );
  // The CONNECT carrying user name and password; its ends name the report's own flow, as its label does.
  const observation = analysis.report.observations.find((o) => o.kind === "cleartext-credentials")!;
  assert.equal(credentials[0].first.frame, observation.frame);
  const ends = observation.ends!;
  assert.equal(flowText(ends), observation.flow);
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
