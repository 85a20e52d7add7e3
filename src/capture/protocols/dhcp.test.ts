import assert from "node:assert/strict";
import { test } from "node:test";
import { dhcp, parseDhcp, vendorClassHints } from "./dhcp.js";
import { fromHex, RecordingSink } from "./test-sink.js";

// Frames 1 (DISCOVER) and 6 (ACK) of test/corpus/captures/dhcp/zeek__dhcp/dhcp.pcap, UDP payload.
const DISCOVER = fromHex(
  "01010600000007c0000000000000000000000000000000000000000090b11c994929" +
    "00".repeat(202) +
    "638253633501013204c0a8d3c20c0d62746573742e69732e636f6f6cff",
);
const ACK = fromHex(
  "02010600000007c00000000000000000800206bdac13e6070000000090b11c994929" +
    "00".repeat(202) +
    "638253633501053604800206983304000003840104ffffff0003048002060106088002010b8002010a04088002011480020115" +
    "430d6e6574776f726b2d636f6e66671c04800206ff2a0c8002011480020115800201162b0b3137322e31382e362e33373c0741" +
    "7275626141502c088002681d8002681e2e01020f07636d752e656475ff",
);

test("the DISCOVER names its sender, as Zeek's dhcp.log host_name says (btest.is.cool)", () => {
  const m = parseDhcp(DISCOVER);
  assert.deepEqual(m, {
    op: 1,
    messageType: 1,
    ciaddr: "0.0.0.0",
    yiaddr: "0.0.0.0",
    giaddr: "0.0.0.0",
    requestedIp: "192.168.211.194",
    hostName: "btest.is.cool",
  });
  const sink = new RecordingSink();
  dhcp.parse(null, 0, DISCOVER, sink);
  assert.deepEqual(sink.requests, [{ frame: 1, code: 1, name: "DISCOVER", category: "identify" }]);
  assert.deepEqual(sink.hostnames, [{ frame: 1, party: "src", name: "btest.is.cool" }]);
});

test("the server's ACK answers a REQUEST; its echoed vendor class says nothing about the client", () => {
  const m = parseDhcp(ACK);
  assert.equal(m?.messageType, 5);
  assert.equal(m?.yiaddr, "128.2.6.189");
  assert.equal(m?.vendorClass, "ArubaAP");
  const sink = new RecordingSink();
  dhcp.parse(null, 1, ACK, sink);
  assert.deepEqual(sink.responses, [{ frame: 1, code: 3, failed: false }]);
  assert.deepEqual(sink.identities, []);
  assert.deepEqual(sink.hostnames, []);
});

test("a NAK is a failed REQUEST", () => {
  const nak = Uint8Array.from(ACK);
  nak[242] = 6;
  const sink = new RecordingSink();
  dhcp.parse(null, 1, nak, sink);
  assert.deepEqual(sink.responses, [{ frame: 1, code: 3, failed: true }]);
});

function clientMessage(options: number[], giaddr = [0, 0, 0, 0], ciaddr = [0, 0, 0, 0]): Uint8Array {
  const b = new Uint8Array(240 + options.length);
  b[0] = 1;
  b.set(ciaddr, 12);
  b.set(giaddr, 24);
  b.set([0x63, 0x82, 0x53, 0x63], 236);
  b.set(options, 240);
  return b;
}
const text = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

test("vendor class, client identifier and FQDN of a Windows client", () => {
  const vc = text("MSFT 5.0");
  const fqdn = [0x04, 0, 0, 3, ...text("ews"), 5, ...text("plant"), 5, ...text("local"), 0];
  const options = [
    53,
    1,
    3,
    61,
    7,
    1,
    0x00,
    0x1b,
    0x1b,
    0x01,
    0x02,
    0x03,
    60,
    vc.length,
    ...vc,
    81,
    fqdn.length,
    ...fqdn,
    255,
  ];
  const m = parseDhcp(clientMessage(options));
  assert.equal(m?.clientId, "00:1b:1b:01:02:03");
  assert.equal(m?.clientFqdn, "ews.plant.local");
  const sink = new RecordingSink();
  dhcp.parse(null, 0, clientMessage(options), sink);
  assert.deepEqual(sink.identities, [{ frame: 1, party: "src", facts: { os: "Windows" } }]);
  assert.deepEqual(sink.hostnames, [{ frame: 1, party: "src", name: "ews.plant.local" }]);
});

test("a relayed message names the client's own address, never the relay", () => {
  const name = text("hmi-2");
  const relayed = clientMessage([53, 1, 3, 12, name.length, ...name, 255], [10, 0, 0, 1]);
  const sink = new RecordingSink();
  dhcp.parse(null, 0, relayed, sink);
  assert.deepEqual(sink.hostnames, []);
  const renewing = clientMessage([53, 1, 3, 12, name.length, ...name, 255], [10, 0, 0, 1], [10, 0, 5, 9]);
  dhcp.parse(null, 0, renewing, sink);
  assert.deepEqual(sink.hostnames, [{ frame: 1, party: { ip: "10.0.5.9" }, name: "hmi-2" }]);
});

test("OS hints from the vendor classes clients send", () => {
  assert.deepEqual(vendorClassHints("android-dhcp-13"), { os: "Android" });
  assert.deepEqual(vendorClassHints("dhcpcd-9.4.1:Linux-6.1.21-v8+:aarch64:BCM2835"), { os: "Linux" });
  assert.deepEqual(vendorClassHints("udhcp 1.36.1"), { os: "Linux", product: "udhcp 1.36.1" });
  assert.deepEqual(vendorClassHints("PXEClient:Arch:00000:UNDI:002001"), {
    product: "PXEClient:Arch:00000:UNDI:002001",
  });
});

test("an option running past the datagram is an anomaly, and short datagrams are rejected", () => {
  const broken = clientMessage([53, 1, 1, 12, 40, 0x61]);
  const sink = new RecordingSink();
  dhcp.parse(null, 0, broken, sink);
  assert.equal(sink.anomalies.length, 1);
  assert.equal(sink.requests.length, 0);
  assert.equal(dhcp.probe(DISCOVER.subarray(0, 200), 0), "reject");
  assert.equal(dhcp.probe(DISCOVER, 0), "match");
  for (let cut = 0; cut < DISCOVER.length; cut += 7)
    dhcp.parse(null, 0, DISCOVER.subarray(0, cut), new RecordingSink());
});
