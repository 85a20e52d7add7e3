import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TO_CLIENT, TO_SERVER } from "../dissector.js";
import { MAX_TOPICS, mqtt } from "./mqtt.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// TCP payloads cut with `tshark -T fields -e tcp.payload` from the suricata-verify captures in test/corpus/
// captures/mqtt/<test>/input.pcap.
const SUB_USERPASS = {
  /** mqtt31-sub-userpass frame 4: MQTT 3.1 ("MQIsdp") CONNECT, client id myvoiceismypassport, user/password. */
  connect: "102d00064d514973647003c2003c00136d79766f69636569736d7970617373706f7274000475736572000470617373",
  connack: "20020000",
  /** Frame 8: SUBSCRIBE topicX and topicY (QoS 0); frame 9 the SUBACK. */
  subscribe: "821400010006746f70696358000006746f7069635900",
  suback: "900400010000",
  disconnect: "e000",
};
const PUB_QOS2 = {
  /** mqtt5-pub-qos2 frames 4-11: MQTT 5 CONNECT, CONNACK, PUBLISH QoS 2 to topicX, PUBREC, PUBREL, PUBCOMP. */
  connect:
    "102f00044d51545405c2003c0321001400136d79766f69636569736d7970617373706f7274000475736572000470617373",
  connack: "200600000322000a",
  publish: "341b0006746f70696358000100626161626161626c61636b7368656570",
  pubrec: "50020001",
  pubrel: "62020001",
  pubcomp: "70020001",
};
/** mqtt5-unsub-qos1 frames 10, 11 and 13: two UNSUBSCRIBEs in one segment and their UNSUBACKs. */
const UNSUBSCRIBES = "a20b0002000006746f70696358a20b0003000006746f70696359";
const UNSUBACKS = ["b00400020000", "b00400030011"];

function run(chunks: [number, string][]): RecordingSink {
  const sink = new RecordingSink();
  const state = mqtt.newState();
  for (const [dir, hex] of chunks) {
    const bytes = fromHex(hex);
    assert.equal(mqtt.parse(state, dir as 0 | 1, bytes, sink), bytes.length);
    sink.frame++;
  }
  return sink;
}

describe("mqtt", () => {
  it("counts a 3.1 session and reports its credentials with the user name masked, never the password", () => {
    const sink = run([
      [TO_SERVER, SUB_USERPASS.connect],
      [TO_CLIENT, SUB_USERPASS.connack],
      [TO_SERVER, SUB_USERPASS.subscribe],
      [TO_CLIENT, SUB_USERPASS.suback],
      [TO_SERVER, SUB_USERPASS.disconnect],
    ]);
    // Suricata's eve shows connect, connack, subscribe (topicX, topicY), suback and disconnect.
    assert.deepEqual(
      sink.requests.map((r) => [r.code, r.name, r.category]),
      [
        [1, "CONNECT", "session"],
        [8, "SUBSCRIBE", "read"],
        [14, "DISCONNECT", "session"],
      ],
    );
    assert.deepEqual(
      sink.responses.map((r) => [r.code, r.failed]),
      [
        [1, false],
        [8, false],
      ],
    );
    assert.deepEqual(
      sink.observations.map((o) => [o.kind, o.party, o.detail]),
      [
        ["cleartext-credentials", "dst", "MQTT CONNECT with user u… (4 chars) and a password"],
        ["other", "src", 'MQTT subscription to "topicX"'],
        ["other", "src", 'MQTT subscription to "topicY"'],
      ],
    );
    assert.ok(!JSON.stringify(sink.observations).includes('pass"'));
  });

  it("pairs an MQTT 5 QoS 2 PUBLISH with its PUBREC and reports the topic once", () => {
    const sink = run([
      [TO_SERVER, PUB_QOS2.connect],
      [TO_CLIENT, PUB_QOS2.connack],
      [TO_SERVER, PUB_QOS2.publish],
      [TO_CLIENT, PUB_QOS2.pubrec],
      [TO_SERVER, PUB_QOS2.pubrel],
      [TO_CLIENT, PUB_QOS2.pubcomp],
      [TO_SERVER, PUB_QOS2.publish],
    ]);
    assert.deepEqual(sink.requestCounts(), { 1: 1, 3: 2 });
    assert.deepEqual(
      sink.responses.map((r) => [r.code, r.failed]),
      [
        [1, false],
        [3, false],
      ],
    );
    assert.deepEqual(
      sink.observations.filter((o) => o.kind === "other").map((o) => o.detail),
      ['MQTT publish to topic "topicX"'],
    );
  });

  it("reads two packets from one segment and 5.0 reason codes below 0x80 as success", () => {
    const sink = run([
      [TO_SERVER, PUB_QOS2.connect],
      [TO_SERVER, UNSUBSCRIBES],
      [TO_CLIENT, UNSUBACKS[0]],
      [TO_CLIENT, UNSUBACKS[1]],
    ]);
    assert.deepEqual(sink.requestCounts(), { 1: 1, 10: 2 });
    assert.deepEqual(
      sink.responses.map((r) => [r.code, r.failed]),
      [
        [10, false],
        [10, false],
      ],
    );
  });

  it("fails a refused CONNECT and notes a broker that accepts anonymous clients", () => {
    // 3.1.1 CONNECT without user or password, client id "c".
    const anonymous = "100d00044d5154540402003c000163";
    const refused = run([
      [TO_SERVER, anonymous],
      [TO_CLIENT, "20020005"],
    ]);
    assert.deepEqual(refused.responses, [{ frame: 2, code: 1, failed: true }]);
    assert.deepEqual(refused.observations, []);
    const accepted = run([
      [TO_SERVER, anonymous],
      [TO_CLIENT, "20020000"],
    ]);
    assert.deepEqual(
      accepted.observations.map((o) => [o.kind, o.party, o.detail]),
      [["other", "src", "MQTT broker accepted a client that gave no credentials"]],
    );
  });

  it("fails a SUBSCRIBE whose SUBACK refuses a filter", () => {
    const sink = run([
      [TO_SERVER, SUB_USERPASS.subscribe],
      [TO_CLIENT, "900400010080"],
    ]);
    assert.deepEqual(sink.responses, [{ frame: 2, code: 8, failed: true }]);
  });

  it("counts a broker's PUBLISH to a subscriber as no request", () => {
    const sink = run([[TO_CLIENT, "30080006746f70696358"]]);
    assert.deepEqual([sink.requests, sink.observations], [[], []]);
  });

  it("stops reporting topics past MAX_TOPICS with one anomaly", () => {
    const chunks: [number, string][] = [];
    for (let i = 0; i < MAX_TOPICS + 3; i++) {
      const t = Buffer.from(`t/${i}`).toString("hex");
      const len = t.length / 2;
      chunks.push([
        TO_SERVER,
        `30${(len + 2).toString(16).padStart(2, "0")}00${len.toString(16).padStart(2, "0")}${t}`,
      ]);
    }
    const sink = run(chunks);
    assert.equal(sink.requests.length, MAX_TOPICS + 3);
    assert.equal(sink.observations.length, MAX_TOPICS);
    assert.deepEqual(
      sink.anomalies.map((a) => a.code),
      ["mqtt-topic-cap"],
    );
  });

  it("waits for a whole packet and gives up on bytes that are not MQTT", () => {
    const state = mqtt.newState();
    const sink = new RecordingSink();
    assert.equal(mqtt.parse(state, TO_SERVER, fromHex(PUB_QOS2.publish).subarray(0, 10), sink), 0);
    assert.equal(mqtt.parse(state, TO_SERVER, fromHex("3f00"), sink), -1);
    assert.equal(mqtt.parse(state, TO_SERVER, fromHex("30ffffffff01"), sink), -1);
    assert.deepEqual(
      sink.anomalies.map((a) => a.code),
      ["mqtt-bad-header", "mqtt-bad-length"],
    );
  });

  it("probes CONNECT by protocol name and other packets by their fixed header", () => {
    assert.equal(mqtt.probe(fromHex(SUB_USERPASS.connect), TO_SERVER), "match");
    assert.equal(mqtt.probe(fromHex(PUB_QOS2.connect), TO_SERVER), "match");
    // suricata-verify mqtt-ping starts mid-session with a PINGREQ.
    assert.equal(mqtt.probe(fromHex("c000"), TO_SERVER), "match");
    assert.equal(mqtt.probe(fromHex("100d00044d5154"), TO_SERVER), "needMore");
    assert.equal(mqtt.probe(fromHex("100d0004485454500402003c000163"), TO_SERVER), "reject");
    assert.equal(mqtt.probe(fromHex("474554202f"), TO_SERVER), "reject");
  });
});
