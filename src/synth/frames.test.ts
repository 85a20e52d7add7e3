import assert from "node:assert/strict";
import { test } from "node:test";
import { tcpFrame, udpFrame } from "./frames.js";
import { readFrames, tcpPayload } from "./test-frames.js";

const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number) =>
  ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

/** Rebuilds a real frame from its fields with our builders: lengths, flags and both checksums must match. */
function rebuild(frame: Uint8Array): Uint8Array {
  const l2 = { dst: frame.subarray(0, 6), src: frame.subarray(6, 12), vlan: null };
  const ip = {
    src: u32(frame, 26),
    dst: u32(frame, 30),
    ttl: frame[22],
    id: u16(frame, 18),
    df: (frame[20] & 0x40) !== 0,
    tos: frame[15],
  };
  const l4 = 14 + (frame[14] & 0x0f) * 4;
  if (frame[23] === 17) {
    const end = 14 + u16(frame, 16);
    return udpFrame(l2, ip, u16(frame, l4), u16(frame, l4 + 2), frame.subarray(l4 + 8, end));
  }
  const { start, end } = tcpPayload(frame);
  return tcpFrame(
    l2,
    ip,
    {
      sport: u16(frame, l4),
      dport: u16(frame, l4 + 2),
      seq: u32(frame, l4 + 4),
      ack: u32(frame, l4 + 8),
      flags: frame[l4 + 13],
      window: u16(frame, l4 + 14),
      options: start > l4 + 20 ? frame.subarray(l4 + 20, start) : undefined,
    },
    frame.subarray(start, end),
  );
}

for (const capture of ["modbus/suricata__modbus/modbus.pcap", "dhcp/zeek__dhcp/dhcp.pcap"]) {
  test(`IPv4/TCP/UDP frames (valid checksums) rebuilt from ${capture} are byte-identical up to the IP length`, async () => {
    const frames = (await readFrames(`test/corpus/captures/${capture}`)).filter(
      (f) => u16(f, 12) === 0x0800 && (f[14] & 0x0f) === 5 && (f[23] === 6 || f[23] === 17),
    );
    assert.ok(frames.length >= 4);
    for (const f of frames) {
      const end = 14 + u16(f, 16);
      assert.deepEqual(rebuild(f).subarray(0, end), f.subarray(0, end));
    }
  });
}

test("short frames are padded to the Ethernet minimum, 802.1Q tags included", () => {
  const ip = { src: 1, dst: 2, ttl: 64, id: 0, df: true };
  const mac = new Uint8Array(6);
  const tcp = { sport: 1, dport: 2, seq: 0, ack: 0, flags: 0x10, window: 1 };
  assert.equal(tcpFrame({ src: mac, dst: mac, vlan: null }, ip, tcp, new Uint8Array(0)).length, 60);
  const tagged = tcpFrame({ src: mac, dst: mac, vlan: 300 }, ip, tcp, new Uint8Array(0));
  assert.equal(tagged.length, 64);
  assert.deepEqual([...tagged.subarray(12, 18)], [0x81, 0x00, 0x01, 0x2c, 0x08, 0x00]);
});
