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
import type { SiteLayout } from "./layout.js";

const CORPUS = "test/corpus/captures";
const tmp = tempDir();
after(tmp.remove);

async function run(name: string, frames: Uint8Array[], linkType = 1, layout?: SiteLayout) {
  const path = join(tmp.dir, name);
  writeFileSync(
    path,
    pcapFile(
      frames.map((data, i) => ({ ms: 1_700_000_000_000 + i * 10, data })),
      { linkType },
    ),
  );
  return analyzeCaptures([path], layout ? { layout } : {});
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

describe("routers' MACs", () => {
  /** Zeek's trace: internet scanners reach 192.168.10.111 and .113 on port 502; both answer from 00:00:00:00:00:01. */
  const SCANNED = join(CORPUS, "modbus/zeek__modbus-and-non-modbus-p502/modbus-and-non-modbus-p502.pcap");
  const summary = (assets: Awaited<ReturnType<typeof analyzeCaptures>>["assets"]) =>
    assets.map((a) => [a.id, a.ips, a.macs, a.vendor, a.roles[0]?.role ?? null]);
  const firstEvidence = (a: { roles: { evidence: { frame: number; note?: string | undefined }[] }[] }) =>
    a.roles.map((r) => [r.evidence[0]!.frame, r.evidence[0]!.note]);

  it("keeps a host with two addresses in its subnet one asset, with the site's layout or without (real capture)", async () => {
    // Suricata's trace: 00:50:04:93:70:67 sends as 10.0.0.9 (polling 10.0.0.3) and as 10.0.0.8 (answering
    // 10.0.0.57), both with TTL 128.
    const file = join(CORPUS, "modbus/suricata__modbus/modbus.pcap");
    const layout: SiteLayout = {
      assets: [
        { id: "scada01", router: false, ips: ["10.0.0.9", "10.0.0.8"], macs: [] },
        { id: "plc-pumps", router: false, ips: ["10.0.0.3"], macs: [] },
      ],
      routerIps: [],
    };
    for (const r of [await analyzeCaptures([file]), await analyzeCaptures([file], { layout })]) {
      const host = r.assets.find((a) => a.macs.includes("00:50:04:93:70:67"))!;
      assert.deepEqual(
        [host.id, host.ips, host.vendor],
        ["mac:00:50:04:93:70:67", ["10.0.0.8", "10.0.0.9"], "3COM"],
      );
      assert.ok(!r.assets.some((a) => a.id.startsWith("ip:10.0.0.")));
    }
    // Without a word from the site the honeypot's two addresses are one host too: the wire cannot tell.
    const scanned = await analyzeCaptures([SCANNED]);
    assert.deepEqual(scanned.assets.find((a) => a.id === "mac:00:00:00:00:00:01")?.ips, [
      "192.168.10.111",
      "192.168.10.113",
    ]);
  });

  it("gives the addresses a declared router's MAC carries assets of their own, without its MAC or vendor (real capture)", async () => {
    const layout: SiteLayout = {
      assets: [{ id: "gw-field", router: true, ips: ["192.168.10.1"], macs: ["00:00:00:00:00:01"] }],
      routerIps: [],
    };
    const r = await analyzeCaptures([SCANNED], { layout });
    assert.deepEqual(summary(r.assets), [
      ["ip:159.203.208.13", ["159.203.208.13"], [], null, null],
      ["ip:192.168.10.111", ["192.168.10.111"], [], null, "plc"],
      ["ip:192.168.10.113", ["192.168.10.113"], [], null, "plc"],
      ["ip:198.74.56.135", ["198.74.56.135"], [], null, null],
      ["ip:62.122.184.123", ["62.122.184.123"], [], null, null],
      ["ip:66.175.213.4", ["66.175.213.4"], [], null, null],
      ["ip:87.236.176.106", ["87.236.176.106"], [], null, null],
      ["ip:87.236.176.96", ["87.236.176.96"], [], null, null],
      ["mac:00:00:00:00:00:01", [], ["00:00:00:00:00:01"], "XEROX CORPORATION", "network-device"],
      ["mac:00:02:b3:ce:70:51", ["10.0.0.3"], ["00:02:b3:ce:70:51"], "Intel Corporation", "plc"],
      ["mac:00:0c:29:1d:40:46", [], ["00:0c:29:1d:40:46"], "VMware, Inc.", "network-device"],
      ["mac:00:50:04:93:70:67", ["10.0.0.9"], ["00:50:04:93:70:67"], "3COM", "hmi"],
    ]);
    const asset = (id: string) => r.assets.find((a) => a.id === id)!;
    // Frame 27: the gateway's MAC sends 192.168.10.111's SYN-ACK; frames 31 and 72: each station's first answer on
    // port 502 (a Modbus exception, `00 80 01`, after the scanner's own first bytes), which no dissector takes.
    assert.deepEqual(firstEvidence(asset("mac:00:00:00:00:00:01")), [
      [27, "carries 192.168.10.111, 192.168.10.113 on the MAC plant.yaml gives gw-field (a router)"],
    ]);
    assert.deepEqual(firstEvidence(asset("ip:192.168.10.111")), [
      [31, "answers on tcp/502, the modbus port (content not recognised)"],
      [49, "serves tls"],
    ]);
    assert.deepEqual(firstEvidence(asset("ip:192.168.10.113")), [
      [72, "answers on tcp/502, the modbus port (content not recognised)"],
    ]);
  });

  it("takes a MAC sending for two assets plant.yaml declares apart for a router between them (real capture)", async () => {
    const layout: SiteLayout = {
      assets: [
        { id: "station-1", router: false, ips: ["192.168.10.111"], macs: [] },
        { id: "station-2", router: false, ips: ["192.168.10.113"], macs: [] },
      ],
      routerIps: [],
    };
    const r = await analyzeCaptures([SCANNED], { layout });
    const gateway = r.assets.find((a) => a.id === "mac:00:00:00:00:00:01")!;
    assert.deepEqual(gateway.ips, []);
    assert.deepEqual(firstEvidence(gateway), [
      [
        27,
        "sends for 192.168.10.111, 192.168.10.113, addresses plant.yaml gives station-1 and station-2 (a router)",
      ],
    ]);
    for (const ip of ["192.168.10.111", "192.168.10.113"])
      assert.deepEqual(summary(r.assets.filter((a) => a.id === `ip:${ip}`)), [
        [`ip:${ip}`, [ip], [], null, "plc"],
      ]);
  });

  it("leaves a firewall the addresses it proxies: the MAC holding a configured interface address is a router's", async () => {
    // A proxying firewall (inside interface 10.20.0.1) opens the enterprise hosts' Modbus connections to the PLC
    // itself: their packets leave it with its own TTL, 64.
    const FW = "00:09:0f:20:00:01";
    const PLC = "00:80:f4:20:00:03";
    const frames = [
      ethernet("ff:ff:ff:ff:ff:ff", FW, 0x0806, arpReply(FW, "10.20.0.1", "00:00:00:00:00:00", "10.20.0.3")),
    ];
    ["10.10.0.50", "10.10.0.51"].forEach((ip, i) => {
      frames.push(ethernet(PLC, FW, 0x0800, ipv4(ip, "10.20.0.3", 6, tcp(41000 + i, 502, 1, 0, SYN))));
      frames.push(ethernet(FW, PLC, 0x0800, ipv4("10.20.0.3", ip, 6, tcp(502, 41000 + i, 9, 2, SYN | ACK))));
    });
    const layout: SiteLayout = { assets: [], routerIps: ["10.20.0.1"] };
    const seen = await run("proxy.pcap", frames, 1, layout);
    assert.deepEqual(summary(seen.assets), [
      ["ip:10.10.0.50", ["10.10.0.50"], [], null, null],
      ["ip:10.10.0.51", ["10.10.0.51"], [], null, null],
      ["mac:00:09:0f:20:00:01", ["10.20.0.1"], [FW], "Fortinet, Inc.", "network-device"],
      ["mac:00:80:f4:20:00:03", ["10.20.0.3"], [PLC], "TELEMECANIQUE ELECTRIQUE", null],
    ]);
    assert.deepEqual(firstEvidence(seen.assets[2]!), [
      [
        2,
        "carries 10.10.0.50, 10.10.0.51 besides 10.20.0.1, a firewall's or network device's address (a router)",
      ],
    ]);
    // Without the configuration the wire shows one device holding three addresses.
    const alone = await run("proxy-alone.pcap", frames);
    assert.deepEqual(alone.assets.find((a) => a.macs.includes(FW))?.ips, [
      "10.10.0.50",
      "10.10.0.51",
      "10.20.0.1",
    ]);
  });

  it("puts the public addresses a MAC sends for beside a private one it holds behind it", async () => {
    // The same proxying firewall with an internet client, scanme.nmap.org: no interface is on both.
    const FW = "00:09:0f:20:00:01";
    const PLC = "00:80:f4:20:00:03";
    const r = await run("public.pcap", [
      ethernet("ff:ff:ff:ff:ff:ff", FW, 0x0806, arpReply(FW, "10.20.0.1", "00:00:00:00:00:00", "10.20.0.3")),
      ethernet(PLC, FW, 0x0800, ipv4("45.33.32.156", "10.20.0.3", 6, tcp(41000, 502, 1, 0, SYN))),
      ethernet(FW, PLC, 0x0800, ipv4("10.20.0.3", "45.33.32.156", 6, tcp(502, 41000, 9, 2, SYN | ACK))),
    ]);
    assert.deepEqual(summary(r.assets), [
      ["ip:45.33.32.156", ["45.33.32.156"], [], null, null],
      ["mac:00:09:0f:20:00:01", ["10.20.0.1"], [FW], "Fortinet, Inc.", "network-device"],
      ["mac:00:80:f4:20:00:03", ["10.20.0.3"], [PLC], "TELEMECANIQUE ELECTRIQUE", null],
    ]);
    assert.deepEqual(firstEvidence(r.assets[1]!), [
      [2, "sends for public 45.33.32.156 beside private 10.20.0.1 (a router)"],
    ]);
  });

  it("calls a MAC forwarding routed packets for two addresses a router", async () => {
    const GW = "00:00:0c:07:ac:02";
    const HOST = "00:1b:1b:aa:00:02";
    const frames: Uint8Array[] = [];
    ["10.9.0.7", "10.9.0.8"].forEach((ip, i) => {
      frames.push(ethernet(GW, HOST, 0x0800, ipv4("10.0.0.5", ip, 6, tcp(40000 + i, 102, 1, 0, SYN))));
      frames.push(
        ethernet(
          HOST,
          GW,
          0x0800,
          ipv4(ip, "10.0.0.5", 6, tcp(102, 40000 + i, 7, 2, SYN | ACK), { ttl: 62 - i }),
        ),
      );
    });
    const r = await run("routed-two.pcap", frames);
    const gateway = r.assets.find((a) => a.id === `mac:${GW}`)!;
    assert.deepEqual(gateway.ips, []);
    assert.deepEqual(firstEvidence(gateway), [
      [2, "forwards packets that crossed a router from 10.9.0.7, 10.9.0.8 (a router)"],
    ]);
  });
});
