import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openCapture } from "../readers/open-capture.js";
import { RawPacket } from "../readers/raw-packet.js";
import { ACK, concat, ethernet, ip4, ipv4, ipv6, mac, PSH, SYN, tcp, u16, u32, udp } from "../testing.js";
import { formatIp, formatMac } from "./address.js";
import { Decoder } from "./decoder.js";
import {
  KIND_ARP,
  KIND_ETHER,
  KIND_FRAGMENT,
  KIND_ICMP,
  KIND_NONE,
  KIND_TCP,
  KIND_UDP,
  Packet,
} from "./packet.js";

function setup() {
  const problems: string[] = [];
  const decoder = new Decoder({ decodeProblem: (protocol, code) => problems.push(`${protocol}/${code}`) });
  const p = new Packet();
  const raw = new RawPacket();
  const decode = (data: Uint8Array, linkType = 1, wirelen = data.length, tsMs = 1000) => {
    raw.buf = data;
    raw.off = 0;
    raw.caplen = data.length;
    raw.wirelen = wirelen;
    raw.linkType = linkType;
    raw.tsMs = tsMs;
    raw.frame++;
    return decoder.decode(raw, p);
  };
  const payload = () => [...p.data.subarray(p.payOff, p.payOff + p.payLen)];
  return { problems, p, decode, payload };
}

const A = "00:1b:1b:00:00:01";
const B = "00:0e:8c:00:00:02";
const src = (p: Packet) => formatIp(p.ipVersion, p.s0, p.s1, p.s2, p.s3);
const dst = (p: Packet) => formatIp(p.ipVersion, p.d0, p.d1, p.d2, p.d3);

describe("link layers", () => {
  it("decodes Ethernet, IPv4 and TCP into numbers and offsets", () => {
    const { p, decode, payload, problems } = setup();
    const frame = ethernet(
      B,
      A,
      0x0800,
      ipv4("10.1.2.3", "10.1.2.4", 6, tcp(50000, 502, 1000, 2000, ACK | PSH, Uint8Array.of(1, 2, 3)), {
        ttl: 63,
      }),
    );
    assert.equal(decode(frame), KIND_TCP);
    assert.equal(formatMac(p.srcMac), A);
    assert.equal(formatMac(p.dstMac), B);
    assert.equal(p.vlan, -1);
    assert.deepEqual(
      [src(p), dst(p), p.sport, p.dport, p.seq, p.ack, p.tcpFlags, p.ttl],
      ["10.1.2.3", "10.1.2.4", 50000, 502, 1000, 2000, ACK | PSH, 63],
    );
    assert.deepEqual(payload(), [1, 2, 3]);
    assert.equal(p.payWireLen, 3);
    assert.deepEqual(problems, []);
  });

  it("keeps the 802.1Q VLAN id, the inner-most one under QinQ, and ignores priority tags", () => {
    const { p, decode } = setup();
    const inner = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, Uint8Array.of(9)));
    assert.equal(decode(ethernet(B, A, 0x0800, inner, [42])), KIND_UDP);
    assert.equal(p.vlan, 42);
    assert.equal(decode(ethernet(B, A, 0x0800, inner, [100, 7])), KIND_UDP);
    assert.equal(p.vlan, 7);
    assert.equal(decode(ethernet(B, A, 0x0800, inner, [0])), KIND_UDP);
    assert.equal(p.vlan, -1);
  });

  it("decodes Linux cooked captures (SLL) from the corpus, with the sender's MAC", async () => {
    // tshark: frame 1 is sll.src.eth ac:64:17:46:0d:51, 192.168.0.1:102 -> 192.168.0.3:49154, seq 1378466098, TTL 64.
    const reader = await openCapture("test/corpus/captures/s7comm-plus/s7comm__s7comm_plus/s7comm_plus.pcap");
    const raw = new RawPacket();
    assert.ok(reader.next(raw));
    await reader.close();
    const { p, problems } = setup();
    const decoder = new Decoder({ decodeProblem: (a, b) => problems.push(`${a}/${b}`) });
    assert.equal(decoder.decode(raw, p), KIND_TCP);
    assert.equal(formatMac(p.srcMac), "ac:64:17:46:0d:51");
    assert.equal(p.dstMac, -1);
    assert.deepEqual(
      [src(p), dst(p), p.sport, p.dport, p.seq, p.ttl],
      ["192.168.0.1", "192.168.0.3", 102, 49154, 1378466098, 64],
    );
  });

  it("decodes Linux cooked v2 (SLL2)", () => {
    const { p, decode, payload } = setup();
    const header = concat(
      u16(0x0800),
      u16(0),
      u32(3),
      u16(1),
      Uint8Array.of(0, 6),
      mac(A),
      Uint8Array.of(0, 0),
    );
    assert.equal(
      decode(concat(header, ipv4("10.0.0.1", "10.0.0.2", 17, udp(5, 6, Uint8Array.of(4)))), 276),
      KIND_UDP,
    );
    assert.equal(formatMac(p.srcMac), A);
    assert.deepEqual(payload(), [4]);
  });

  it("decodes BSD loopback (NULL in either byte order, LOOP in network order) and raw IP link types", () => {
    const { p, decode } = setup();
    const v4 = ipv4("127.0.0.1", "127.0.0.1", 17, udp(1, 2, Uint8Array.of(1)));
    const v6 = ipv6("0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:1", 17, udp(3, 4, Uint8Array.of(2)));
    assert.equal(decode(concat(Uint8Array.of(2, 0, 0, 0), v4), 0), KIND_UDP);
    assert.equal(decode(concat(Uint8Array.of(0, 0, 0, 2), v4), 0), KIND_UDP);
    for (const family of [24, 28, 30, 10]) {
      assert.equal(decode(concat(Uint8Array.of(family, 0, 0, 0), v6), 0), KIND_UDP, `family ${family}`);
      assert.equal(src(p), "::1");
    }
    assert.equal(decode(concat(Uint8Array.of(0, 0, 0, 30), v6), 108), KIND_UDP);
    assert.equal(p.sport, 3);
    assert.equal(p.srcMac, -1);
    for (const [linkType, data, port] of [
      [101, v4, 1],
      [101, v6, 3],
      [12, v4, 1],
      [14, v6, 3],
      [228, v4, 1],
      [229, v6, 3],
    ] as const) {
      assert.equal(decode(data, linkType), KIND_UDP, `link type ${linkType}`);
      assert.equal(p.sport, port);
    }
    assert.equal(decode(v4, 147), KIND_NONE);
  });

  it("decodes ARP sender pairs", () => {
    const { p, decode } = setup();
    const arp = concat(
      u16(1),
      u16(0x0800),
      Uint8Array.of(6, 4),
      u16(2),
      mac(A),
      ip4("10.0.0.5"),
      mac(B),
      ip4("10.0.0.6"),
    );
    assert.equal(decode(ethernet(B, A, 0x0806, arp, [12])), KIND_ARP);
    assert.deepEqual(
      [formatMac(p.arpSenderMac), formatIp(4, p.arpSenderIp, 0, 0, 0), p.vlan],
      [A, "10.0.0.5", 12],
    );
  });

  it("hands non-IP ethertypes and LLC/SNAP frames to link dissectors", () => {
    const { p, decode } = setup();
    assert.equal(
      decode(ethernet("01:0e:cf:00:00:00", A, 0x8892, Uint8Array.of(0xfe, 0xfe, 5, 0))),
      KIND_ETHER,
    );
    assert.equal(p.etherType, 0x8892);
    assert.equal(p.snap, -1);
    assert.deepEqual([...p.frameBuf.subarray(p.l2Off, p.l2End)], [0xfe, 0xfe, 5, 0]);
    // CDP: 802.3 length, LLC AA AA 03, SNAP OUI 00000c, protocol 2000.
    const llc = Uint8Array.of(0xaa, 0xaa, 3, 0, 0, 0x0c, 0x20, 0, 2, 180);
    assert.equal(decode(ethernet("01:00:0c:cc:cc:cc", A, llc.length, llc)), KIND_ETHER);
    assert.equal(p.snap, 0x00000c2000);
    assert.deepEqual([...p.frameBuf.subarray(p.l2Off, p.l2End)], [2, 180]);
  });
});

describe("IP layers", () => {
  it("walks IPv6 extension headers (hop-by-hop, routing, destination options) to TCP", () => {
    const { p, decode, payload } = setup();
    const ext: [number, Uint8Array][] = [
      [0, new Uint8Array(4)],
      [43, new Uint8Array(12)],
      [60, new Uint8Array(6)],
    ];
    const frame = ethernet(
      B,
      A,
      0x86dd,
      ipv6(
        "fe80:0:0:0:0:0:0:1",
        "2001:db8:0:0:0:0:0:2",
        6,
        tcp(40000, 4840, 1, 0, SYN, Uint8Array.of(7)),
        ext,
      ),
    );
    assert.equal(decode(frame), KIND_TCP);
    assert.deepEqual([src(p), dst(p), p.sport, p.dport], ["fe80::1", "2001:db8::2", 40000, 4840]);
    assert.deepEqual(payload(), [7]);
  });

  it("reassembles IPv4 fragments arriving out of order", () => {
    const { p, decode, payload, problems } = setup();
    const data = Uint8Array.from({ length: 40 }, (_, i) => i);
    const datagram = udp(47808, 47808, data); // 48 bytes of UDP
    const frag = (off: number, len: number, more: boolean) =>
      ethernet(
        B,
        A,
        0x0800,
        ipv4("10.0.0.1", "10.0.0.2", 17, datagram.subarray(off, off + len), {
          id: 77,
          moreFragments: more,
          fragmentOffset: off,
        }),
      );
    assert.equal(decode(frag(16, 16, true)), KIND_FRAGMENT);
    assert.equal(decode(frag(32, 16, false)), KIND_FRAGMENT);
    assert.equal(decode(frag(0, 16, true)), KIND_UDP);
    assert.deepEqual([p.sport, p.dport], [47808, 47808]);
    assert.deepEqual(payload(), [...data]);
    assert.deepEqual(problems, []);
  });

  it("keeps the first copy of overlapping fragments and reports the overlap", () => {
    const { decode, payload, problems } = setup();
    const datagram = udp(1, 2, new Uint8Array(24).fill(1));
    const evil = udp(1, 2, new Uint8Array(24).fill(9));
    const frag = (d: Uint8Array, off: number, len: number, more: boolean) =>
      ethernet(
        B,
        A,
        0x0800,
        ipv4("10.0.0.1", "10.0.0.2", 17, d.subarray(off, off + len), {
          id: 5,
          moreFragments: more,
          fragmentOffset: off,
        }),
      );
    assert.equal(decode(frag(datagram, 0, 16, true)), KIND_FRAGMENT);
    assert.equal(decode(frag(evil, 8, 16, true)), KIND_FRAGMENT);
    assert.equal(decode(frag(datagram, 24, 8, false)), KIND_UDP);
    assert.deepEqual(payload(), [
      ...new Uint8Array(8).fill(1),
      ...new Uint8Array(8).fill(9),
      ...new Uint8Array(8).fill(1),
    ]);
    assert.deepEqual(problems, ["ip/fragment-overlap"]);
  });

  it("bounds reassembly: stale and excess datagrams are dropped with anomalies", () => {
    const { decode, problems } = setup();
    const first = (id: number, ms: number) =>
      decode(
        ethernet(
          B,
          A,
          0x0800,
          ipv4("10.0.0.1", "10.0.0.2", 17, new Uint8Array(16), { id, moreFragments: true }),
        ),
        1,
        64,
        ms,
      );
    for (let id = 0; id < 257; id++) first(id, 1000);
    assert.deepEqual(problems, ["ip/fragments-dropped"]);
    // The last fragment of datagram 256, 31 s later: its first fragment timed out.
    decode(
      ethernet(
        B,
        A,
        0x0800,
        ipv4("10.0.0.1", "10.0.0.2", 17, new Uint8Array(8), { id: 256, fragmentOffset: 16 }),
      ),
      1,
      64,
      32_000,
    );
    assert.deepEqual(problems, ["ip/fragments-dropped", "ip/fragment-timeout"]);
  });

  it("reassembles IPv6 fragments", () => {
    const { p, decode, payload } = setup();
    const datagram = udp(
      546,
      547,
      Uint8Array.from({ length: 24 }, (_, i) => 100 + i),
    );
    const frag = (off: number, len: number, more: boolean) =>
      ethernet(
        B,
        A,
        0x86dd,
        ipv6("fe80:0:0:0:0:0:0:a", "ff02:0:0:0:0:0:1:2", 17, datagram.subarray(off, off + len), [
          [44, concat(u16(off | (more ? 1 : 0)), u32(9))],
        ]),
      );
    assert.equal(decode(frag(0, 16, true)), KIND_FRAGMENT);
    assert.equal(decode(frag(16, 16, false)), KIND_UDP);
    assert.deepEqual([p.sport, p.dport, dst(p)], [546, 547, "ff02::1:2"]);
    assert.deepEqual(payload(), [...datagram.subarray(8)]);
  });

  it("decodes what a snaplen-cut frame holds without anomalies, and reports lengths a whole frame contradicts", () => {
    const { p, decode, payload, problems } = setup();
    const whole = ethernet(
      B,
      A,
      0x0800,
      ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 0, 0, ACK, new Uint8Array(100).fill(3))),
    );
    assert.equal(decode(whole.subarray(0, 64), 1, whole.length), KIND_TCP);
    assert.equal(p.payLen, 64 - 54);
    assert.equal(p.payWireLen, 100);
    assert.deepEqual(problems, []);
    const lying = ethernet(
      B,
      A,
      0x0800,
      ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, Uint8Array.of(1, 2)), { totalLength: 200 }),
    );
    assert.equal(decode(lying), KIND_UDP);
    assert.deepEqual(payload(), [1, 2]);
    assert.deepEqual(problems, ["ipv4/bad-length"]);
  });

  it("decodes ICMP and reports malformed headers", () => {
    const { p, decode, problems } = setup();
    assert.equal(
      decode(ethernet(B, A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 1, Uint8Array.of(8, 0, 0, 0)))),
      KIND_ICMP,
    );
    assert.equal(p.icmpType, 8);
    const bad = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 0, 0, ACK));
    bad[0] = 0x43; // header length 12
    assert.equal(decode(ethernet(B, A, 0x0800, bad)), KIND_NONE);
    const badTcp = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 0, 0, ACK));
    badTcp[20 + 12] = 0x20; // data offset 8
    assert.equal(decode(ethernet(B, A, 0x0800, badTcp)), KIND_NONE);
    assert.deepEqual(problems, ["ipv4/bad-header", "tcp/bad-header"]);
  });
});
