import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { CaptureReport } from "../model/capture.js";
import { type Dissector, doneAfterBothSides, TO_SERVER } from "./dissector.js";
import { analyzeCaptures } from "./engine.js";
import { ACK, ethernet, FIN, ipv4, PSH, pcapFile, RST, SYN, tcp, tempDir, u16 } from "./testing.js";

const CORPUS = "test/corpus/captures";
const tmp = tempDir();
after(tmp.remove);

/** Unique `proto orig:port -> resp:port` of a Zeek conn.log (tab-separated with #fields, or zeek-cut columns). */
function zeekConnections(path: string): string[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const fields = lines
    .find((l) => l.startsWith("#fields"))
    ?.split("\t")
    .slice(1) ?? ["id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service"];
  const col = (name: string) => fields.indexOf(name);
  const rows = lines.filter((l) => l !== "" && !l.startsWith("#")).map((l) => l.split("\t"));
  return [
    ...new Set(
      rows
        .filter((c) => c[col("proto")] === "tcp" || c[col("proto")] === "udp")
        .map(
          (c) =>
            `${c[col("proto")]} ${c[col("id.orig_h")]}:${c[col("id.orig_p")]} -> ${c[col("id.resp_h")]}:${c[col("id.resp_p")]}`,
        ),
    ),
  ].sort();
}

function ourConnections(r: CaptureReport): string[] {
  return [
    ...new Set(
      r.flows
        .filter((f) => f.transport === "tcp" || f.transport === "udp")
        .map((f) => `${f.transport} ${f.client}:${f.clientPort} -> ${f.server}:${f.serverPort}`),
    ),
  ].sort();
}

describe("flows against Zeek's conn.log", () => {
  // Zeek's ICMP "ports" are type and code and IGMP has no transport in our contract: TCP and UDP are compared.
  const cases: [string, string, string[]][] = [
    ["modbus/zeek__modbus-and-non-modbus-p502/modbus-and-non-modbus-p502.pcap", "expected.zeek.conn.log", []],
    ["dhcp/zeek__dhcp/dhcp.pcap", "expected.zeek.conn.log", []],
    ["ftp/zeek__ipv4/ipv4.pcap", "expected.zeek.conn.log", []],
    ["bacnet/bacnet__bacnet_example/bacnet_example.pcap", "expected.zeek-icsnpp.conn.log", []],
    // Linux cooked capture; two of the three connections start without a SYN: port 102 (registered) serves.
    ["s7comm-plus/s7comm__s7comm_plus/s7comm_plus.pcap", "expected.zeek-icsnpp.conn.log", []],
    ["s7comm/s7comm__snap7/snap7.pcap", "expected.zeek-icsnpp.conn.log", []],
    // BSD loopback link, IPv6 TCP and IPv4 UDP.
    [
      "opcua-binary/opcua__open62541_client-server_mainloop/open62541_client-server_mainloop.pcap",
      "expected.zeek-icsnpp.conn.log",
      [],
    ],
    [
      "profinet-io-cm/profinet__profinet_io_cm_connect_minimal/profinet_io_cm_connect_minimal.pcapng",
      "expected.zeek-icsnpp.conn.log",
      [],
    ],
    [
      "profinet-io-cm/profinet__profinet_io_cm_mixed_2/profinet_io_cm_mixed_2.pcapng",
      "expected.zeek-icsnpp.conn.log",
      [],
    ],
    // These traces are spliced from captures days apart. Zeek ends a UDP connection after a minute of silence
    // and starts a new one, here with the other side first (192.168.0.2:49155 -> 192.168.0.1:49153); we keep
    // one flow per tuple for the whole capture (idleness only frees its state), opened by 192.168.0.1.
    [
      "profinet-io-cm/profinet__profinet_io_cm_read/profinet_io_cm_read.pcapng",
      "expected.zeek-icsnpp.conn.log",
      ["udp 192.168.0.2:49155 -> 192.168.0.1:49153"],
    ],
    [
      "profinet-io-cm/profinet__profinet_io_cm/profinet_io_cm.pcap",
      "expected.zeek-icsnpp.conn.log",
      ["udp 192.168.0.2:49155 -> 192.168.0.1:49153"],
    ],
  ];
  for (const [file, log, zeekOnly] of cases) {
    it(`has Zeek's client/server pairs in ${file.split("/").pop()}`, async () => {
      const r = await analyzeCaptures([join(CORPUS, file)]);
      const zeek = zeekConnections(join(CORPUS, file.slice(0, file.lastIndexOf("/")), log));
      assert.ok(zeek.length > 0);
      assert.deepEqual(
        ourConnections(r),
        zeek.filter((z) => !zeekOnly.includes(z)),
      );
    });
  }

  it("counts a connection reset and then written to again as one flow (Zeek logs two)", async () => {
    // Zeek: 198.74.56.135:60293 -> 192.168.10.111:502 once as ShR (2+1 packets) and again as Dr (1+1): the data
    // after the RST belongs to no new connection (no SYN), so we count it on the closed one.
    const r = await analyzeCaptures([
      join(CORPUS, "modbus/zeek__modbus-and-non-modbus-p502/modbus-and-non-modbus-p502.pcap"),
    ]);
    const flows = r.flows.filter((f) => f.client === "198.74.56.135" && f.clientPort === 60293);
    assert.equal(flows.length, 1);
    assert.equal(flows[0].packets, 5);
  });
});

describe("protocol selection", () => {
  it("lets content confirm what the port suggests (Zeek's conn.log services)", async () => {
    // Zeek: only 10.0.0.9 speaks Modbus on port 502; 66.175.213.4 speaks TLS ("ssl"); the others send
    // DCE/RPC or nothing recognisable. We have no DCE/RPC dissector: no protocol rather than a port guess.
    const r = await analyzeCaptures([
      join(CORPUS, "modbus/zeek__modbus-and-non-modbus-p502/modbus-and-non-modbus-p502.pcap"),
    ]);
    assert.deepEqual(
      r.flows.map((f) => [f.client, f.serverPort, f.protocol]),
      [
        ["10.0.0.9", 502, "modbus"],
        ["87.236.176.106", 502, null],
        ["87.236.176.96", 502, null],
        ["66.175.213.4", 502, "tls"],
        ["198.74.56.135", 502, null],
        ["159.203.208.13", 502, null],
        ["62.122.184.123", 502, null],
      ],
    );
    // tshark: 192.168.10.111 and .113 both send from 00:00:00:00:00:01 with TTL 64 (one honeypot, two
    // addresses); the remote clients all arrive from the gateway 00:0c:29:1d:40:46 with TTLs of 44 to 111. The
    // honeypot answers the scanners on port 502 in Modbus exceptions no dissector takes (frame 31: `05 00 0b 03
    // 00 03 00 80 01`, the request's first bytes echoed as header): a controller candidate.
    assert.deepEqual(
      r.assets.map((a) => [
        a.id,
        a.ips,
        a.services.map((s) => `${s.protocol}/${s.transport}/${s.port}`),
        a.roles[0]?.role,
      ]),
      [
        ["ip:159.203.208.13", ["159.203.208.13"], [], undefined],
        ["ip:198.74.56.135", ["198.74.56.135"], [], undefined],
        ["ip:62.122.184.123", ["62.122.184.123"], [], undefined],
        ["ip:66.175.213.4", ["66.175.213.4"], [], undefined],
        ["ip:87.236.176.106", ["87.236.176.106"], [], undefined],
        ["ip:87.236.176.96", ["87.236.176.96"], [], undefined],
        ["mac:00:00:00:00:00:01", ["192.168.10.111", "192.168.10.113"], ["tls/tcp/502"], "plc"],
        ["mac:00:02:b3:ce:70:51", ["10.0.0.3"], ["modbus/tcp/502"], "plc"],
        ["mac:00:0c:29:1d:40:46", [], [], "network-device"],
        ["mac:00:50:04:93:70:67", ["10.0.0.9"], [], "hmi"],
      ],
    );
  });

  it("hands LLC/SNAP frames to the link dissector registered for their SNAP id (CDP)", async () => {
    const tlv = (type: number, text: string) =>
      new Uint8Array([...u16(type), ...u16(4 + text.length), ...Buffer.from(text)]);
    const cdp = new Uint8Array([2, 180, 0, 0, ...tlv(1, "sw-cell-3"), ...tlv(6, "cisco IE-3300-8T2S")]);
    const llc = new Uint8Array([0xaa, 0xaa, 3, 0, 0, 0x0c, 0x20, 0, ...cdp]);
    const path = join(tmp.dir, "cdp.pcap");
    writeFileSync(
      path,
      pcapFile([{ ms: 1e12, data: ethernet("01:00:0c:cc:cc:cc", "00:00:0c:12:34:56", llc.length, llc) }]),
    );
    const r = await analyzeCaptures([path]);
    assert.deepEqual(
      r.flows.map((f) => [f.transport, f.client, f.server, f.protocol]),
      [["ether", "00:00:0c:12:34:56", "01:00:0c:cc:cc:cc", "cdp"]],
    );
    const sw = r.assets.find((a) => a.id === "mac:00:00:0c:12:34:56")!;
    assert.equal(sw.identity.name, "sw-cell-3");
    assert.deepEqual(sw.identity.sources, [{ kind: "frame", file: path, frame: 1, protocol: "cdp" }]);
  });
});

describe("hosts and pairs of facts.json", () => {
  const facts = JSON.parse(readFileSync(join(CORPUS, "facts.json"), "utf8")) as {
    file: string;
    facts: { hosts: string[]; pairs: [string, string, number][] };
  }[];

  it("sees every host and client/server pair the reference tools saw", async () => {
    for (const e of facts) {
      const r = await analyzeCaptures([join(CORPUS, e.file)]);
      const endpoints = new Set(r.flows.flatMap((f) => [f.client, f.server]));
      const pairs = new Set(r.flows.map((f) => `${f.client} ${f.server} ${f.serverPort ?? 0}`));
      let hosts = e.facts.hosts;
      let expected = e.facts.pairs.map((p) => p.join(" "));
      if (e.file.endsWith("profinet_io_cm_mixed_2.pcapng")) {
        // IGMP (224.0.0.22) has no flow in our contract; ICMPv6 flows have no ports (Zeek puts type/code there).
        hosts = hosts.filter((h) => h !== "224.0.0.22");
        expected = expected.filter((p) => !p.includes("224.0.0.22") && !p.includes("ff02::"));
      }
      if (e.file.endsWith("profinet_io_cm_read.pcapng")) {
        // The Zeek-only pair after a three-day silence, explained with the conn.log comparison above.
        expected = expected.filter((p) => p !== "192.168.0.2 192.168.0.1 49153");
      }
      assert.deepEqual(
        hosts.filter((h) => !endpoints.has(h)),
        [],
        e.file,
      );
      assert.deepEqual(
        expected.filter((p) => !pairs.has(p)),
        [],
        e.file,
      );
    }
  });
});

describe("the report", () => {
  it("matches the CaptureReport contract and is identical on a second run", async () => {
    const files = [
      "s7comm/s7comm__snap7/snap7.pcap",
      "enip-cip/enip__multiple_service_packet_cip/multiple_service_packet_cip.pcapng",
      "profinet-io-cm/profinet__profinet_io_cm_mixed_2/profinet_io_cm_mixed_2.pcapng",
    ].map((f) => join(CORPUS, f));
    const a = await analyzeCaptures(files);
    CaptureReport.parse(a);
    const b = await analyzeCaptures(files);
    assert.equal(JSON.stringify(b), JSON.stringify(a));
    assert.deepEqual(
      a.stats.files.map((f) => [f.path, f.format, f.linkTypes, f.packets]),
      [
        [files[0], "pcap", ["EN10MB"], 64],
        [files[1], "pcapng", ["EN10MB"], 1],
        [files[2], "pcapng", ["EN10MB"], 1609],
      ],
    );
    assert.equal(a.stats.packets, 64 + 1 + 1609);
    const order = a.flows.map((f) => [files.indexOf(f.file), f.firstFrame]);
    assert.deepEqual(
      order,
      [...order].sort((x, y) => x[0] - y[0] || x[1] - y[1]),
    );
  });

  it("reports cleartext credentials only masked", async () => {
    const r = await analyzeCaptures([
      join(CORPUS, "ftp/zeek__ipv4/ipv4.pcap"),
      join(CORPUS, "mqtt/suricata__mqtt31-sub-userpass/input.pcap"),
      join(CORPUS, "mqtt/suricata__mqtt5-pub-userpass/input.pcap"),
    ]);
    // tshark: FTP PASS "test"; MQTT CONNECT password "pass".
    const creds = r.observations.filter((o) => o.kind === "cleartext-credentials");
    assert.deepEqual(new Set(creds.map((o) => o.protocol)), new Set(["ftp", "mqtt"]));
    const { stats: _paths, ...rest } = r;
    // File names are paths (test/corpus/...): leave them out, the secrets are what must not show.
    const text = JSON.stringify(rest, (k, v) => (k === "file" || k === "lastFile" ? undefined : v));
    assert.doesNotMatch(text, /\btest\b|\bpass\b/);
  });

  it("reads several files, a gzip one and a folder of rotated files, numbering frames per file", async () => {
    const snap7 = join(CORPUS, "s7comm/s7comm__snap7/snap7.pcap");
    const folder = join(tmp.dir, "rotated");
    mkdirSync(folder);
    copyFileSync(snap7, join(folder, "plant.pcap10"));
    copyFileSync(snap7, join(folder, "plant.pcap2"));
    writeFileSync(join(folder, "README.txt"), "not a capture");
    writeFileSync(join(folder, "plant.pcap1.gz"), gzipSync(readFileSync(snap7)));
    const r = await analyzeCaptures([folder]);
    assert.deepEqual(
      r.stats.files.map((f) => [f.path, f.packets]),
      [
        [join(folder, "plant.pcap1.gz"), 64],
        [join(folder, "plant.pcap2"), 64],
        [join(folder, "plant.pcap10"), 64],
      ],
    );
    // The same connection three times: one flow of 192 packets, first seen in the first file. The second and
    // third copies carry sequence numbers already delivered, so reassembly drops them as retransmissions and
    // the operations are those of one copy.
    assert.equal(r.flows.length, 1);
    assert.equal(r.flows[0].packets, 192);
    assert.equal(r.flows[0].file, join(folder, "plant.pcap1.gz"));
    const once = await analyzeCaptures([snap7]);
    assert.deepEqual(
      r.operations.map((o) => [o.code, o.count, o.firstFrame, o.lastFrame, o.lastFile]),
      once.operations.map((o) => [
        o.code,
        o.count,
        o.firstFrame,
        o.lastFrame,
        join(folder, "plant.pcap1.gz"),
      ]),
    );
  });

  it("follows a connection across rotated files: counts as one file would, last frames in the second", async () => {
    const snap7 = readFileSync(join(CORPUS, "s7comm/s7comm__snap7/snap7.pcap"));
    // Split after record 32: the file header, then records of 16 bytes plus their captured length.
    let o = 24;
    for (let i = 0; i < 32; i++) o += 16 + snap7.readUInt32LE(o + 8);
    const first = join(tmp.dir, "part-1.pcap");
    const second = join(tmp.dir, "part-2.pcap");
    writeFileSync(first, snap7.subarray(0, o));
    writeFileSync(second, Buffer.concat([snap7.subarray(0, 24), snap7.subarray(o)]));
    const split = await analyzeCaptures([first, second]);
    const whole = await analyzeCaptures([join(CORPUS, "s7comm/s7comm__snap7/snap7.pcap")]);
    const where = (file: string, frame: number) =>
      file === first ? frame : file === second ? frame + 32 : frame;
    assert.deepEqual(
      split.operations.map((op) => [
        op.code,
        op.count,
        op.exceptions,
        where(op.file, op.firstFrame),
        where(op.lastFile, op.lastFrame),
      ]),
      whole.operations.map((op) => [op.code, op.count, op.exceptions, op.firstFrame, op.lastFrame]),
    );
    assert.ok(split.operations.some((op) => op.lastFile === second));
  });

  it("reports progress up to the total size", async () => {
    const seen: [number, number][] = [];
    const file = join(CORPUS, "bacnet/bacnet__bacnet_example/bacnet_example.pcap");
    await analyzeCaptures([file], { onProgress: (done, total) => seen.push([done, total]) });
    const size = readFileSync(file).length;
    assert.ok(seen.length >= 1);
    assert.deepEqual(seen.at(-1), [size, size]);
    assert.ok(seen.every(([d], i) => i === 0 || d >= seen[i - 1][0]));
  });

  it("throws naming a file that is no capture; a cut capture gives its packets and a warning", async () => {
    const bad = join(tmp.dir, "bad.pcap");
    writeFileSync(bad, "GET / HTTP/1.1\r\n");
    await assert.rejects(analyzeCaptures([bad]), {
      name: "CaptureFileError",
      message: /bad\.pcap: not a pcap or pcapng capture/,
    });
    const whole = readFileSync(join(CORPUS, "dnp3/zeek__dnp3/dnp3.pcap"));
    const cut = join(tmp.dir, "cut.pcap");
    writeFileSync(cut, whole.subarray(0, whole.length - 30));
    const r = await analyzeCaptures([cut]);
    assert.equal(r.stats.files[0].packets, 213);
    // The cut record is the 214th: it starts after the file header and 213 whole records.
    let o = 24;
    for (let i = 0; i < 213; i++) o += 16 + whole.readUInt32LE(o + 8);
    assert.deepEqual(
      r.stats.files[0].warnings.map((w) => [w.code, w.frame, w.offset]),
      [["capture-damaged", 213, o]],
    );
    const usb = join(tmp.dir, "usb.pcap");
    writeFileSync(usb, pcapFile([{ ms: 1e12, data: new Uint8Array(40) }], { linkType: 189 }));
    const other = await analyzeCaptures([usb]);
    assert.deepEqual(other.stats.files[0].linkTypes, ["LINKTYPE_189"]);
    assert.deepEqual(
      other.stats.files[0].warnings.map((w) => [w.code, w.frame, w.offset]),
      [["not-modelled", 1, null]],
    );
    assert.equal(other.stats.packets, 1);
  });
});

describe("flow tracking on hand-built traffic", () => {
  const PLC = "00:1b:1b:00:00:10";
  const HMI = "00:0c:29:00:00:20";
  const ROUTER = "00:00:0c:00:00:01";
  const mbap = (tid: number) => Uint8Array.of(...u16(tid), 0, 0, 0, 6, 1, 3, 0, 0, 0, 2);
  const reply = (tid: number) => Uint8Array.of(...u16(tid), 0, 0, 0, 7, 1, 3, 4, 0, 1, 0, 2);

  async function run(name: string, frames: Uint8Array[]) {
    const path = join(tmp.dir, name);
    writeFileSync(path, pcapFile(frames.map((data, i) => ({ ms: 1_700_000_000_000 + i * 10, data }))));
    return analyzeCaptures([path]);
  }

  it("follows a reply tagged with another VLAN, yet keeps identical cells on two VLANs apart", async () => {
    const c = (vlan: number, f: Uint8Array) => ethernet(ROUTER, HMI, 0x0800, f, [vlan]);
    const s = (vlan: number, f: Uint8Array) => ethernet(ROUTER, PLC, 0x0800, f, [vlan]);
    const cs = (p: Uint8Array) => ipv4("10.1.0.5", "10.2.0.10", 6, p);
    const sc = (p: Uint8Array) => ipv4("10.2.0.10", "10.1.0.5", 6, p);
    const r = await run("vlans.pcap", [
      // Routed: requests seen on VLAN 10, replies on VLAN 20.
      c(10, cs(tcp(40000, 502, 100, 0, SYN))),
      s(20, sc(tcp(502, 40000, 500, 101, SYN | ACK))),
      c(10, cs(tcp(40000, 502, 101, 501, ACK | PSH, mbap(1)))),
      s(20, sc(tcp(502, 40000, 501, 113, ACK | PSH, reply(1)))),
      // Another cell with the same addresses on VLAN 30, both directions tagged 30.
      c(30, cs(tcp(40000, 502, 7000, 0, SYN))),
      s(30, sc(tcp(502, 40000, 9000, 7001, SYN | ACK))),
      c(30, cs(tcp(40000, 502, 7001, 9001, ACK | PSH, mbap(1)))),
      s(30, sc(tcp(502, 40000, 9001, 7013, ACK | PSH, reply(1)))),
    ]);
    assert.deepEqual(
      r.flows.map((f) => [f.vlan, f.packets, f.protocol]),
      [
        [10, 4, "modbus"],
        [30, 4, "modbus"],
      ],
    );
    assert.deepEqual(
      r.operations.map((o) => [o.client, o.server, o.code, o.count, o.exceptions]),
      [["10.1.0.5", "10.2.0.10", 3, 2, 0]],
    );
    assert.deepEqual(
      r.anomalies.filter((a) => a.protocol === "modbus"),
      [],
    );
  });

  it("frees a flow's state after 15 idle minutes and starts it afresh, in the same flow", async () => {
    const cs = (p: Uint8Array) => ethernet(PLC, HMI, 0x0800, ipv4("10.0.0.5", "10.0.0.10", 6, p));
    const sc = (p: Uint8Array) => ethernet(HMI, PLC, 0x0800, ipv4("10.0.0.10", "10.0.0.5", 6, p));
    const connection = (silenceMs: number) =>
      pcapFile(
        [
          cs(tcp(50000, 502, 100, 0, SYN)),
          sc(tcp(502, 50000, 900, 101, SYN | ACK)),
          cs(tcp(50000, 502, 101, 901, ACK | PSH, mbap(1))),
          // The reply comes after the silence.
          sc(tcp(502, 50000, 901, 113, ACK | PSH, reply(1))),
        ].map((data, i) => ({ ms: 1_700_000_000_000 + i + (i === 3 ? silenceMs : 0), data })),
      );
    const path = join(tmp.dir, "idle.pcap");
    const unpaired = async (silenceMs: number) => {
      writeFileSync(path, connection(silenceMs));
      const r = await analyzeCaptures([path]);
      assert.equal(r.flows.length, 1);
      assert.equal(r.flows[0].packets, 4);
      return r.anomalies.filter((a) => a.code === "unpaired-response").map((a) => a.frame);
    };
    assert.deepEqual(await unpaired(60_000), []);
    // Past the idle timeout the pending request was forgotten with the rest of the state.
    assert.deepEqual(await unpaired(16 * 60_000), [4]);
  });

  it("stops reassembling a flow once its dissector is done with it, yet counts all its packets", async () => {
    // Reads one greeting per side, then says it is done (as TLS, SSH and RDP do after their handshakes).
    const parsed: number[] = [];
    const greeting: Dissector<{ done: [boolean, boolean] }> = {
      name: "greeting",
      transport: "tcp",
      defaultPorts: [7777],
      heuristic: false,
      limits: { maxPdu: 64, maxPending: 1 },
      probe: () => "match",
      newState: () => ({ done: [false, false] }),
      parse: doneAfterBothSides((s, dir, data, sink) => {
        parsed.push(data.length);
        if (dir === TO_SERVER) sink.request(1, "hello", "session");
        s.done[dir] = true;
        return data.length;
      }),
    };
    const cs = (p: Uint8Array) => ethernet(PLC, HMI, 0x0800, ipv4("10.0.0.5", "10.0.0.10", 6, p));
    const sc = (p: Uint8Array) => ethernet(HMI, PLC, 0x0800, ipv4("10.0.0.10", "10.0.0.5", 6, p));
    const bulk = new Uint8Array(1000);
    const path = join(tmp.dir, "done.pcap");
    const frames = [
      cs(tcp(50000, 7777, 100, 0, SYN)),
      sc(tcp(7777, 50000, 900, 101, SYN | ACK)),
      cs(tcp(50000, 7777, 101, 901, ACK | PSH, Uint8Array.of(1, 2, 3))),
      sc(tcp(7777, 50000, 901, 104, ACK | PSH, Uint8Array.of(4, 5))),
      // After the handshake: bulk both ways, with a hole that reassembly would report as a gap.
      cs(tcp(50000, 7777, 104, 903, ACK | PSH, bulk)),
      cs(tcp(50000, 7777, 5104, 903, ACK | PSH, bulk)),
      sc(tcp(7777, 50000, 903, 6104, ACK | PSH, bulk)),
    ];
    writeFileSync(path, pcapFile(frames.map((data, i) => ({ ms: 1_700_000_000_000 + i, data }))));
    const r = await analyzeCaptures([path], { dissectors: [greeting], linkDissectors: [] });
    assert.deepEqual(parsed, [3, 2]);
    assert.deepEqual(
      r.flows.map((f) => [f.protocol, f.packets]),
      [["greeting", 7]],
    );
    assert.deepEqual(
      r.operations.map((o) => [o.protocol, o.code, o.count]),
      [["greeting", 1, 1]],
    );
    assert.deepEqual(r.anomalies, []);
  });

  it("starts a new flow for a SYN after a RST, and takes the registered port as server without a SYN", async () => {
    const cs = (p: Uint8Array) => ethernet(PLC, HMI, 0x0800, ipv4("10.0.0.5", "10.0.0.10", 6, p));
    const sc = (p: Uint8Array) => ethernet(HMI, PLC, 0x0800, ipv4("10.0.0.10", "10.0.0.5", 6, p));
    const r = await run("reset.pcap", [
      // Mid-stream: the first packet seen is the server's reply.
      sc(tcp(502, 50000, 900, 100, ACK | PSH, reply(7))),
      cs(tcp(50000, 502, 100, 913, ACK | PSH, mbap(8))),
      cs(tcp(50000, 502, 112, 913, RST)),
      cs(tcp(50000, 502, 5000, 0, SYN)),
      sc(tcp(502, 50000, 800, 5001, SYN | ACK)),
      cs(tcp(50000, 502, 5001, 801, ACK | FIN)),
      sc(tcp(502, 50000, 801, 5002, ACK | FIN)),
    ]);
    assert.deepEqual(
      r.flows.map((f) => [f.client, f.clientPort, f.server, f.serverPort, f.packets, f.firstFrame]),
      [
        ["10.0.0.5", 50000, "10.0.0.10", 502, 3, 1],
        ["10.0.0.5", 50000, "10.0.0.10", 502, 4, 4],
      ],
    );
  });
});
