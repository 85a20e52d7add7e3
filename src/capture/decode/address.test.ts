import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatIPv6,
  formatIp,
  formatMac,
  isGroupIp,
  isGroupMac,
  isInitialTtl,
  isLocalMac,
  isPublicIp,
  macFromBytes,
  parseIp,
} from "./address.js";

describe("addresses", () => {
  it("formats IPv6 as RFC 5952 says", () => {
    const text = (s: string) => {
      const p = parseIp(s)!;
      return formatIPv6(p[1], p[2], p[3], p[4]);
    };
    // RFC 5952 section 4: lower case, no leading zeros, longest zero run shortened, the first on a tie,
    // a single zero group not shortened.
    assert.equal(text("2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
    assert.equal(text("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
    assert.equal(text("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");
    assert.equal(text("0:0:0:0:0:0:0:0"), "::");
    assert.equal(text("fe80::1"), "fe80::1");
    assert.equal(text("::ffff:192.0.2.1"), "::ffff:192.0.2.1");
    assert.equal(text("1:0:0:0:0:0:0:0"), "1::");
  });

  it("parses IPv4 and IPv6 text and refuses what is not an address", () => {
    assert.deepEqual(parseIp("192.168.1.20"), [4, 0xc0a80114, 0, 0, 0]);
    assert.equal(formatIp(4, 0xc0a80114, 0, 0, 0), "192.168.1.20");
    assert.deepEqual(parseIp("::1"), [6, 0, 0, 0, 1]);
    for (const bad of ["256.1.1.1", "1.2.3", "host", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", ""]) {
      assert.equal(parseIp(bad), null, bad);
    }
  });

  it("formats MACs and tells group, local and OUI apart", () => {
    const m = macFromBytes(Uint8Array.of(0x00, 0x1b, 0x1b, 0xaa, 0xbb, 0xcc), 0);
    assert.equal(formatMac(m), "00:1b:1b:aa:bb:cc");
    assert.equal(isGroupMac(m), false);
    assert.equal(isGroupMac(macFromBytes(Uint8Array.of(0x01, 0x80, 0xc2, 0, 0, 0x0e), 0)), true);
    assert.equal(isGroupMac(macFromBytes(Uint8Array.of(255, 255, 255, 255, 255, 255), 0)), true);
    assert.equal(isLocalMac(macFromBytes(Uint8Array.of(0x02, 0, 0, 0, 0, 1), 0)), true);
    assert.equal(isLocalMac(m), false);
  });

  it("classifies addresses", () => {
    const v4 = (s: string) => parseIp(s)![1];
    for (const s of [
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.1",
      "127.0.0.1",
      "169.254.1.1",
      "100.64.0.1",
      "224.0.0.1",
      "0.0.0.0",
      "192.0.2.1",
    ]) {
      assert.equal(isPublicIp(4, v4(s)), false, s);
    }
    for (const s of ["8.8.8.8", "172.32.0.1", "134.217.61.131", "100.128.0.1"])
      assert.equal(isPublicIp(4, v4(s)), true, s);
    assert.equal(isPublicIp(6, parseIp("2a00:1450::1")![1]), true);
    assert.equal(isPublicIp(6, parseIp("2001:db8::1")![1]), false);
    assert.equal(isPublicIp(6, parseIp("fe80::1")![1]), false);
    assert.equal(isGroupIp(4, v4("255.255.255.255")), true);
    assert.equal(isGroupIp(4, v4("239.1.1.1")), true);
    assert.equal(isGroupIp(4, v4("192.168.1.255")), false);
    assert.equal(isGroupIp(6, parseIp("ff02::1")![1]), true);
    assert.deepEqual([64, 128, 255, 63, 127, 254, 1].map(isInitialTtl), [
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
