/**
 * MQTT on the suricata-verify captures of the corpus, compared with the tshark facts and the Suricata
 * expectations stored beside them: requests per packet type, pairs, hosts, credentials and topics.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { analyzeCaptures } from "../engine.js";
import {
  capturePath,
  corpusFacts,
  exceptionsByCode,
  flowPairs,
  hostIps,
  requestsByCode,
} from "./corpus-baseline.js";

/** Packet types a client sends as requests (mqtt.ts); tshark's mqtt.msgtype counts both directions. */
const CLIENT_REQUESTS = new Set(["1", "3", "8", "10", "12", "14", "15"]);

const CAPTURES = [
  "mqtt-frames-truncated",
  "mqtt-ping",
  "mqtt31-sub-userpass",
  "mqtt311-pub-qos1",
  "mqtt5-pub-qos2",
  "mqtt5-pub-userpass",
  "mqtt5-sub-mosquittoprops",
  "mqtt5-unsub-qos1",
];

/** `field: value` lines of the Suricata test.yaml files of a capture. */
function suricataExpectations(test: string): string {
  const dir = `mqtt/suricata__${test}`;
  const facts = corpusFacts(`${dir}/input.pcap`) as unknown as {
    facts: { suricata_checks?: Record<string, unknown> };
  };
  return Object.keys(facts.facts.suricata_checks ?? {})
    .map((name) => readFileSync(capturePath(`${dir}/expected.suricata.${name}.test.yaml`), "utf8"))
    .join("\n");
}

describe("mqtt on the corpus", () => {
  for (const test of CAPTURES) {
    it(`${test}: client requests as tshark counts them, pairs, hosts, credentials and topics`, async () => {
      const file = `mqtt/suricata__${test}/input.pcap`;
      const report = await analyzeCaptures([capturePath(file)]);
      const tshark = corpusFacts(file).tshark_derived!;
      // In these captures every PUBLISH goes from client to broker, so tshark's counts of the request types
      // are the requests.
      const expected = Object.fromEntries(
        Object.entries(tshark.field_value_counts["mqtt.msgtype"]).filter(([type]) =>
          CLIENT_REQUESTS.has(type),
        ),
      );
      assert.deepEqual(requestsByCode(report, "mqtt"), expected);
      assert.deepEqual(exceptionsByCode(report, "mqtt"), {});
      const hosts = [...new Set(tshark.ip_conversations.flat())].sort();
      assert.deepEqual(hostIps(report), hosts);
      assert.equal(flowPairs(report, "mqtt").length, 1);
      assert.match(flowPairs(report, "mqtt")[0], /:1883$/);

      const yaml = suricataExpectations(test);
      const credentials = report.observations.filter((o) => o.kind === "cleartext-credentials");
      // mqtt-ping starts mid-session (no CONNECT); every other capture connects as user "user" with a password.
      assert.deepEqual(
        credentials.map((o) => o.detail),
        test === "mqtt-ping" ? [] : ["MQTT CONNECT with user u… (4 chars) and a password"],
      );
      if (yaml.includes("mqtt.connect.username:")) assert.match(yaml, /mqtt\.connect\.username: user\n/);
      assert.ok(!JSON.stringify(report.observations).includes('pass"'));
      // The topics Suricata logs for PUBLISH and SUBSCRIBE (e.g. `mqtt.subscribe.topics: [ {topic: topicX, ...}]`).
      const expectedTopics = new Set<string>();
      for (const t of yaml.matchAll(/mqtt\.publish\.topic: (\S+)/g))
        expectedTopics.add(`MQTT publish to topic "${t[1]}"`);
      for (const list of yaml.matchAll(/mqtt\.subscribe\.topics: (.*)/g))
        for (const t of list[1].matchAll(/topic: (\w+)/g))
          expectedTopics.add(`MQTT subscription to "${t[1]}"`);
      const topics = report.observations.filter((o) => o.kind === "other").map((o) => o.detail);
      assert.deepEqual(topics.sort(), [...expectedTopics].sort());
      assert.deepEqual(
        report.anomalies.filter((a) => a.protocol === "mqtt"),
        [],
      );
    });
  }
});
