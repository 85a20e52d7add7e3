import assert from "node:assert/strict";
import { test } from "node:test";
import { lldp, parseLldp } from "./lldp.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// LLDP payloads (after the ethertype) of frames 12 and 3 of
// test/corpus/captures/profinet-io-cm/profinet__profinet_io_cm_mixed_2/profinet_io_cm_mixed_2.pcapng.
// tshark reads: chassis id (locally assigned) "versamax-pns11", port "port-001", management address 192.168.1.2;
// and "siemens-x208-switch", port "port-004", system description "Siemens AG SIMATIC S7 MULTIPORT SCALANCE X
// 200 FAM", enabled capabilities 0x0080, management address 0.0.0.0. The corpus facts list the same two station
// names from PROFINET DCP.
const VERSAMAX = fromHex(
  "020f0776657273616d61782d706e733131040907706f72742d30303106020014100c0501c0a80102020000000100fe08000ecf02" +
    "00000000fe0a000ecf0500099143e067fe0900120f01036c0000100000",
);
const SCALANCE = fromHex(
  "0214077369656d656e732d783230382d737769746368040907706f72742d303034060200140c325369656d656e732041472053494d" +
    "41544943205337204d554c5449504f5254205343414c414e43452058203230302046414d0e040080008010140501000000000200" +
    "000004082b0601040181c06efe08000ecf0200000000fe0a000ecf05000e8cef75c5fe0900120f01036c0000100000",
);

test("a PROFINET device named by its locally assigned chassis id, and its management address", () => {
  assert.deepEqual(parseLldp(VERSAMAX), {
    chassisId: "versamax-pns11",
    chassisLocal: true,
    portId: "port-001",
    capabilities: [],
    managementAddresses: ["192.168.1.2"],
  });
  const sink = new RecordingSink();
  lldp.parse(VERSAMAX, sink);
  assert.deepEqual(sink.identities, [{ frame: 1, party: "src", facts: { name: "versamax-pns11" } }]);
  assert.deepEqual(
    sink.hostnames.map((h) => [h.party, h.name]),
    [
      ["src", "versamax-pns11"],
      [{ ip: "192.168.1.2" }, "versamax-pns11"],
    ],
  );
});

test("a SCALANCE switch: description and capabilities; an unset management address names nothing", () => {
  const sink = new RecordingSink();
  lldp.parse(SCALANCE, sink);
  assert.deepEqual(sink.identities, [
    {
      frame: 1,
      party: "src",
      facts: {
        name: "siemens-x208-switch",
        product: "Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM",
        deviceType: "station",
      },
    },
  ]);
  assert.deepEqual(sink.hostnames, [{ frame: 1, party: "src", name: "siemens-x208-switch" }]);
});

test("system name wins over the chassis id; MAC chassis ids name nothing", () => {
  const tlv = (type: number, value: number[]) => [
    (type << 1) | (value.length >> 8),
    value.length & 0xff,
    ...value,
  ];
  const text = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
  const frame = Uint8Array.from([
    ...tlv(1, [4, 0x00, 0x1b, 0x1b, 0x01, 0x02, 0x03]),
    ...tlv(2, [3, 0x00, 0x1b, 0x1b, 0x01, 0x02, 0x04]),
    ...tlv(3, [0, 120]),
    ...tlv(5, text("core-sw-1")),
    ...tlv(7, [0, 0x14, 0, 0x14]),
    ...tlv(8, [17, 2, 0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1, 2, 0, 0, 0, 0, 0]),
    0,
    0,
  ]);
  const info = parseLldp(frame);
  assert.equal(info?.chassisId, "00:1b:1b:01:02:03");
  assert.equal(info?.portId, "00:1b:1b:01:02:04");
  assert.deepEqual(info?.capabilities, ["bridge", "router"]);
  const sink = new RecordingSink();
  lldp.parse(frame, sink);
  assert.deepEqual(sink.identities[0].facts, { name: "core-sw-1", deviceType: "bridge, router" });
  assert.deepEqual(sink.hostnames[1], { frame: 1, party: { ip: "2001:db8::1" }, name: "core-sw-1" });
});

test("a TLV running past the frame is an anomaly; truncations never throw", () => {
  const sink = new RecordingSink();
  lldp.parse(Uint8Array.of(0x02, 0xff, 7, 1), sink);
  assert.equal(sink.anomalies[0]?.code, "bad-tlv");
  for (let cut = 0; cut < SCALANCE.length; cut++) lldp.parse(SCALANCE.subarray(0, cut), new RecordingSink());
});
