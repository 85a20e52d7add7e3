import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { analyzeCaptures } from "../engine.js";
import {
  ACK,
  concat,
  ethernet,
  ip4,
  ipv4,
  mac,
  PSH,
  pcapFile,
  SYN,
  tcp,
  tempDir,
  u16,
  udp,
} from "../testing.js";

const CORPUS = "test/corpus/captures";
const tmp = tempDir();
after(tmp.remove);

async function run(name: string, frames: Uint8Array[], linkType = 1) {
  const path = join(tmp.dir, name);
  writeFileSync(
    path,
    pcapFile(
      frames.map((data, i) => ({ ms: 1_700_000_000_000 + i * 10, data })),
      { linkType },
    ),
  );
  return analyzeCaptures([path]);
}

const arpReply = (senderMac: string, senderIp: string, targetMac: string, targetIp: string) =>
  concat(
    u16(1),
    u16(0x0800),
    Uint8Array.of(6, 4),
    u16(2),
    mac(senderMac),
    ip4(senderIp),
    mac(targetMac),
    ip4(targetIp),
  );

describe("assets", () => {
  it("keys devices by MAC with their IPs, vendor and protocol identity (S7comm corpus capture)", async () => {
    const r = await analyzeCaptures([join(CORPUS, "s7comm/s7comm__snap7/snap7.pcap")]);
    assert.deepEqual(
      r.assets.map((a) => [a.id, a.ips, a.vendor]),
      [
        ["mac:00:0c:29:c1:49:92", ["134.217.61.131"], "VMware, Inc."],
        ["mac:00:0e:8c:d0:f9:cb", ["134.217.61.211"], "Siemens AG"],
      ],
    );
    const plc = r.assets[1];
    // tshark s7comm.szl: order number 6ES7 315-2EH14-0AB0, module "CPU 315-2 PN/DP", firmware V3.2.7.
    assert.equal(plc.identity.orderNumber, "6ES7 315-2EH14-0AB0");
    assert.ok(plc.identity.sources.length > 0 && plc.identity.sources.every((s) => s.protocol === "s7comm"));
    assert.deepEqual(plc.services, [{ protocol: "s7comm", transport: "tcp", port: 102 }]);
    assert.equal(plc.roles[0].role, "plc");
    assert.equal(r.assets[0].roles[0].role, "ews");
  });

  it("takes IPs from ARP, leaves routed hosts to their own ip: assets and calls the sender for many a router", async () => {
    const GW = "00:00:0c:07:ac:01";
    const HOST = "00:1b:1b:aa:00:01";
    const frames: Uint8Array[] = [
      ethernet(
        "ff:ff:ff:ff:ff:ff",
        HOST,
        0x0806,
        arpReply(HOST, "10.0.0.5", "00:00:00:00:00:00", "10.0.0.1"),
      ),
    ];
    // Five remote hosts answer through the gateway: TTL 50, 113, ... (decremented on the way).
    const remotes = ["8.8.8.8", "1.1.1.1", "9.9.9.9", "52.1.2.3", "10.9.0.7"];
    remotes.forEach((ip, i) => {
      frames.push(ethernet(GW, HOST, 0x0800, ipv4("10.0.0.5", ip, 6, tcp(40000 + i, 443, 1, 0, SYN))));
      frames.push(
        ethernet(
          HOST,
          GW,
          0x0800,
          ipv4(ip, "10.0.0.5", 6, tcp(443, 40000 + i, 7, 2, SYN | ACK), { ttl: 50 + i }),
        ),
      );
    });
    const r = await run("routed.pcap", frames);
    assert.deepEqual(
      r.assets.map((a) => [a.id, a.ips]),
      [
        ["ip:1.1.1.1", ["1.1.1.1"]],
        ["ip:10.9.0.7", ["10.9.0.7"]],
        ["ip:52.1.2.3", ["52.1.2.3"]],
        ["ip:8.8.8.8", ["8.8.8.8"]],
        ["ip:9.9.9.9", ["9.9.9.9"]],
        ["mac:00:00:0c:07:ac:01", []],
        ["mac:00:1b:1b:aa:00:01", ["10.0.0.5"]],
      ],
    );
    const gateway = r.assets.find((a) => a.id === "mac:00:00:0c:07:ac:01")!;
    assert.equal(gateway.vendor, "Cisco Systems, Inc");
    assert.equal(gateway.roles[0].role, "network-device");
    assert.equal(gateway.roles[0].evidence[0].frame, 3);
    const host = r.assets.find((a) => a.id === "mac:00:1b:1b:aa:00:01")!;
    assert.equal(host.vendor, "Siemens AG");
    assert.deepEqual(
      host.roles.map((x) => [x.role, x.evidence[0].frame]),
      [["it-workstation", 2]],
    );
  });

  it("marks VLANs in MAC asset ids and never makes broadcast, multicast or unspecified addresses assets", async () => {
    const A = "00:80:f4:00:00:01";
    const r = await run("vlan.pcap", [
      ethernet(
        "ff:ff:ff:ff:ff:ff",
        A,
        0x0800,
        ipv4("192.168.5.20", "192.168.5.255", 17, udp(47808, 47808, Uint8Array.of(0x81, 0x0b, 0, 4))),
        [5],
      ),
      ethernet(
        "01:00:5e:00:00:fb",
        A,
        0x0800,
        ipv4("192.168.5.20", "224.0.0.251", 17, udp(5353, 5353, new Uint8Array(12))),
        [5],
      ),
      ethernet(
        "ff:ff:ff:ff:ff:ff",
        "00:80:f4:00:00:02",
        0x0800,
        ipv4("0.0.0.0", "255.255.255.255", 17, udp(68, 67, new Uint8Array(8))),
        [5],
      ),
    ]);
    assert.deepEqual(
      r.assets.map((a) => [a.id, a.ips, a.vlans]),
      [
        ["mac:00:80:f4:00:00:01@vlan5", ["192.168.5.20"], [5]],
        ["mac:00:80:f4:00:00:02@vlan5", [], [5]],
      ],
    );
    assert.deepEqual(
      r.flows.map((f) => [f.client, f.server, f.vlan]),
      [
        ["192.168.5.20", "192.168.5.255", 5],
        ["192.168.5.20", "224.0.0.251", 5],
        ["0.0.0.0", "255.255.255.255", 5],
      ],
    );
  });

  it("gives what a DHCP client says before it has an address to its MAC", async () => {
    // tshark: 90:b1:1c:99:49:29 sends from 0.0.0.0 with option 12 host name "btest.is.cool";
    // 00:0c:29:40:0e:ef (128.2.6.152) answers from port 67.
    const r = await analyzeCaptures([join(CORPUS, "dhcp/zeek__dhcp/dhcp.pcap")]);
    const client = r.assets.find((a) => a.id === "mac:90:b1:1c:99:49:29")!;
    assert.deepEqual([client.ips, client.hostnames, client.vendor], [[], ["btest.is.cool"], "Dell Inc."]);
    const server = r.assets.find((a) => a.id === "mac:00:0c:29:40:0e:ef")!;
    assert.deepEqual(server.ips, ["128.2.6.152"]);
    assert.deepEqual(server.services, [{ protocol: "dhcp", transport: "udp", port: 67 }]);
    assert.equal(server.roles[0].role, "it-server");
    assert.ok(!r.assets.some((a) => a.ips.includes("0.0.0.0") || a.ips.includes("255.255.255.255")));
  });

  it("keys hosts by IP on links without MACs (raw IP)", async () => {
    const r = await run(
      "raw.pcap",
      [
        ipv4("10.10.1.1", "10.10.1.2", 6, tcp(40001, 502, 1, 0, SYN)),
        ipv4("10.10.1.2", "10.10.1.1", 6, tcp(502, 40001, 9, 2, SYN | ACK)),
        ipv4(
          "10.10.1.1",
          "10.10.1.2",
          6,
          tcp(40001, 502, 2, 10, ACK | PSH, Uint8Array.of(0, 1, 0, 0, 0, 6, 1, 5, 0, 1, 0xff, 0)),
        ),
      ],
      101,
    );
    assert.deepEqual(
      r.assets.map((a) => [a.id, a.macs, a.vendor]),
      [
        ["ip:10.10.1.1", [], null],
        ["ip:10.10.1.2", [], null],
      ],
    );
    assert.deepEqual(r.stats.files[0].linkTypes, ["RAW"]);
    assert.deepEqual(
      r.operations.map((o) => [o.protocol, o.client, o.server, o.code, o.category]),
      [["modbus", "10.10.1.1", "10.10.1.2", 5, "write"]],
    );
    assert.equal(r.assets[0].roles[0].role, "ews");
    assert.equal(r.assets[1].roles[0].role, "plc");
  });
});
