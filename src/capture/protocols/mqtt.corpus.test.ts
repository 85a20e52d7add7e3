/**
 * MQTT on the suricata-verify captures of the corpus, compared with the tshark facts and the Suricata
 * expectations stored beside them: requests per packet type, pairs, hosts, credentials and topics.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CorpusRun, runCorpusCapture } from "./corpus-baseline.js";

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
function suricataExpectations(run: CorpusRun): string {
  return Object.keys(run.facts().facts.suricata_checks ?? {})
    .map((name) => run.readBeside(`expected.suricata.${name}.test.yaml`))
    .join("\n");
}

describe("mqtt on the corpus", () => {
  for (const test of CAPTURES) {
    it(`${test}: client requests as tshark counts them, pairs, hosts, credentials and topics`, async () => {
      const run = await runCorpusCapture(`mqtt/suricata__${test}/input.pcap`);
      // In these captures every PUBLISH goes from client to broker, so tshark's counts of the request types
      // are the requests.
      const expected = Object.fromEntries(
        Object.entries(run.tsharkCounts("mqtt.msgtype")).filter(([type]) => CLIENT_REQUESTS.has(type)),
      );
      assert.deepEqual(run.requestsByCode("mqtt"), expected);
      assert.deepEqual(run.exceptionsByCode("mqtt"), {});
      assert.deepEqual(run.hostIps(), run.tsharkHosts());
      assert.equal(run.flowPairs("mqtt").length, 1);
      assert.match(run.flowPairs("mqtt")[0], /:1883$/);

      const yaml = suricataExpectations(run);
      const credentials = run.report.observations.filter((o) => o.kind === "cleartext-credentials");
      // mqtt-ping starts mid-session (no CONNECT); every other capture connects as user "user" with a password.
      assert.deepEqual(
        credentials.map((o) => o.detail),
        test === "mqtt-ping" ? [] : ["MQTT CONNECT with user u… (4 chars) and a password"],
      );
      if (yaml.includes("mqtt.connect.username:")) assert.match(yaml, /mqtt\.connect\.username: user\n/);
      assert.ok(!JSON.stringify(run.report.observations).includes('pass"'));
      // The topics Suricata logs for PUBLISH and SUBSCRIBE (e.g. `mqtt.subscribe.topics: [ {topic: topicX, ...}]`).
      const expectedTopics = new Set<string>();
      for (const t of yaml.matchAll(/mqtt\.publish\.topic: (\S+)/g))
        expectedTopics.add(`MQTT publish to topic "${t[1]}"`);
      for (const list of yaml.matchAll(/mqtt\.subscribe\.topics: (.*)/g))
        for (const t of list[1].matchAll(/topic: (\w+)/g))
          expectedTopics.add(`MQTT subscription to "${t[1]}"`);
      const topics = run.report.observations.filter((o) => o.kind === "other").map((o) => o.detail);
      assert.deepEqual(topics.sort(), [...expectedTopics].sort());
      assert.deepEqual(run.anomaliesOf("mqtt"), []);
    });
  }
});
