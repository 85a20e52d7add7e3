import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { profinetDcp } from "./profinet-dcp.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// Ethernet payloads (from the FrameID on) of profinet-io-cm/profinet__profinet_io_cm_mixed_2/
// profinet_io_cm_mixed_2.pcapng, cut from `tshark -x`.
/** Frame 32: Identify multicast request from the Siemens X208 switch, filtered by its own station name. */
const IDENTIFY_REQUEST =
  "fefe05000300000400010018020200137369656d656e732d783230382d73776974636800e5bf00000000";
/** Frame 440: Identify response of a GE VersaMax PNS (IC200PNS001), station versamax-pns11, 192.168.1.2. */
const IDENTIFY_RESPONSE =
  "feff0501000000010000006402020010000076657273616d61782d706e7331310205000e000001020201020202030204060102010" +
  "00d00004943323030504e5330303100020300060000015a000302040004000001000102000e0001c0a80102ffffff00c0a80102" +
  "0601000400000001";

function parse(...frames: string[]): RecordingSink {
  const sink = new RecordingSink();
  for (const f of frames) {
    profinetDcp.parse(fromHex(f), sink);
    sink.frame++;
  }
  return sink;
}

describe("profinet-dcp", () => {
  it("counts an Identify request and takes nothing from its name filter", () => {
    const sink = parse(IDENTIFY_REQUEST);
    assert.deepEqual(sink.requests, [{ frame: 1, code: 5, name: "DCP Identify", category: "identify" }]);
    assert.deepEqual([sink.identities, sink.hostnames, sink.anomalies], [[], [], []]);
  });

  it("reads the device an Identify response describes, as tshark decodes frame 440", () => {
    const sink = parse(IDENTIFY_RESPONSE);
    assert.deepEqual(sink.responses, [{ frame: 1, code: 5, failed: false }]);
    // tshark: NameOfStation versamax-pns11, DeviceVendorValue IC200PNS001, VendorID 0x015a, DeviceID 0x0003,
    // role IO-Device, IP 192.168.1.2/255.255.255.0. Vendor 0x015a is not in our table: kept as a number.
    assert.deepEqual(sink.identities, [
      {
        frame: 1,
        party: "src",
        facts: {
          name: "versamax-pns11",
          product: "IC200PNS001",
          vendor: "PROFINET vendor 0x015a",
          model: "PROFINET device 0x015a/0x0003",
          deviceType: "IO-Device",
        },
      },
    ]);
    assert.deepEqual(sink.hostnames, [
      { frame: 1, party: "src", name: "versamax-pns11" },
      { frame: 1, party: { ip: "192.168.1.2" }, name: "versamax-pns11" },
    ]);
  });

  it("reports a Set of the station name and IP suite as unauthenticated control of the target", () => {
    // Set request, Xid 7: NameOfStation "plc-2" (qualifier 0x0001), IP 10.0.0.9/255.0.0.0 gw 10.0.0.1.
    const set =
      "fefd0400000000070000001e" + "020200070001706c632d3200" + "0102000e0001" + "0a000009ff0000000a000001";
    const response = "fefd040100000007000000080504000302020000";
    const refused = "fefd040100000007000000080504000302020300";
    const sink = parse(set, response, refused);
    assert.deepEqual(sink.requests, [{ frame: 1, code: 4, name: "DCP Set", category: "write" }]);
    assert.deepEqual(
      sink.observations.map((o) => [o.kind, o.party, o.detail]),
      [
        ["unauthenticated-control", "dst", 'PROFINET DCP Set NameOfStation "plc-2"'],
        ["unauthenticated-control", "dst", "PROFINET DCP Set IP 10.0.0.9 mask 255.0.0.0 gateway 10.0.0.1"],
      ],
    );
    assert.deepEqual(
      sink.responses.map((r) => r.failed),
      [false, true],
    );
  });

  it("ignores cyclic real-time frames and reports cut DCP frames", () => {
    const sink = parse("8001" + "00".repeat(40), "fefe0500", "fefe05000300000400010018020200ff7369");
    assert.deepEqual(sink.requests.length, 1);
    assert.deepEqual(
      sink.anomalies.map((a) => a.code),
      ["dcp-truncated"],
    );
  });
});
