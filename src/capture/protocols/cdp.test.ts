import assert from "node:assert/strict";
import { test } from "node:test";
import { cdp, parseCdp, releaseOf } from "./cdp.js";
import { RecordingSink } from "./test-sink.js";

const text = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const tlv = (type: number, value: number[]) => [
  type >> 8,
  type & 0xff,
  (value.length + 4) >> 8,
  (value.length + 4) & 0xff,
  ...value,
];
const SOFTWARE =
  "Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(50)SE5, RELEASE SOFTWARE (fc1)\n" +
  "Technical Support: http://www.cisco.com/techsupport";

// A CDPv2 announcement as a Catalyst switch sends it (after the LLC SNAP header): device id, an IPv4 address
// (NLPID 0xCC), port, capabilities switch + IGMP, software version, platform, an IPv6 management address.
const FRAME = Uint8Array.from([
  2,
  180,
  0x12,
  0x34,
  ...tlv(0x0001, text("cell3-sw.plant.example")),
  ...tlv(0x0002, [0, 0, 0, 1, 1, 1, 0xcc, 0, 4, 10, 3, 0, 2]),
  ...tlv(0x0003, text("FastEthernet0/7")),
  ...tlv(0x0004, [0, 0, 0, 0x28]),
  ...tlv(0x0005, text(SOFTWARE)),
  ...tlv(0x0006, text("cisco WS-C2960-24TT-L")),
  ...tlv(0x0016, [
    0,
    0,
    0,
    1,
    2,
    8,
    0xaa,
    0xaa,
    3,
    0,
    0,
    0,
    0x86,
    0xdd,
    0,
    16,
    0xfd,
    0,
    ...new Array(13).fill(0),
    0x02,
  ]),
]);

test("device id, platform, release and capabilities identify the sender; its addresses get its name", () => {
  assert.deepEqual(parseCdp(FRAME), {
    deviceId: "cell3-sw.plant.example",
    portId: "FastEthernet0/7",
    softwareVersion:
      "Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(50)SE5, RELEASE SOFTWARE (fc1)",
    platform: "cisco WS-C2960-24TT-L",
    capabilities: ["switch", "IGMP"],
    addresses: ["10.3.0.2", "fd00::2"],
  });
  const sink = new RecordingSink();
  cdp.parse(FRAME, sink);
  assert.deepEqual(sink.identities, [
    {
      frame: 1,
      party: "src",
      facts: {
        name: "cell3-sw.plant.example",
        model: "cisco WS-C2960-24TT-L",
        firmware: "12.2(50)SE5",
        deviceType: "switch, IGMP",
      },
    },
  ]);
  assert.deepEqual(
    sink.hostnames.map((h) => [h.party, h.name]),
    [
      ["src", "cell3-sw.plant.example"],
      [{ ip: "10.3.0.2" }, "cell3-sw.plant.example"],
      [{ ip: "fd00::2" }, "cell3-sw.plant.example"],
    ],
  );
});

test("release from the software version text", () => {
  assert.equal(releaseOf("Cisco IOS XE Software, Version 16.12.04"), "16.12.04");
  assert.equal(releaseOf("RouterOS 7.11"), "RouterOS 7.11");
});

test("a bad version or a TLV past the frame is an anomaly; truncations never throw", () => {
  const sink = new RecordingSink();
  cdp.parse(Uint8Array.of(9, 180, 0, 0), sink);
  cdp.parse(Uint8Array.of(2, 180, 0, 0, 0, 1, 0, 40, 0x41), sink);
  assert.deepEqual(
    sink.anomalies.map((a) => a.code),
    ["bad-tlv", "bad-tlv"],
  );
  for (let cut = 0; cut < FRAME.length; cut++) cdp.parse(FRAME.subarray(0, cut), new RecordingSink());
});
