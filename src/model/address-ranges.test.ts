import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ANY_ADDRESS,
  containsAddress,
  formatAddresses,
  maskLength,
  parseAddressList,
  parseAddressRange,
  subtractAddresses,
} from "./address-ranges.js";

test("prefixes, masks, ranges and single addresses parse to exact intervals", () => {
  assert.deepEqual(parseAddressRange("10.0.0.0/8"), { v4: [0x0a000000, 0x0affffff], v6: [] });
  // Host bits are ignored, as devices do.
  assert.deepEqual(parseAddressRange("10.1.2.3/8"), parseAddressRange("10.0.0.0/8"));
  assert.deepEqual(parseAddressRange("192.168.2.0/255.255.255.0"), parseAddressRange("192.168.2.0/24"));
  assert.deepEqual(parseAddressRange("10.1.0.1-10.1.0.100"), { v4: [0x0a010001, 0x0a010064], v6: [] });
  assert.deepEqual(parseAddressRange("0.0.0.0/0"), { v4: [0, 0xffffffff], v6: [] });
  assert.deepEqual(parseAddressRange("2001:db8::/32")?.v6, [
    0x20010db8n << 96n,
    ((0x20010db8n + 1n) << 96n) - 1n,
  ]);
  assert.equal(parseAddressRange("www.example.com"), null);
  assert.equal(parseAddressRange("10.0.0.0/33"), null);
  assert.equal(parseAddressRange("10.0.0.1-2001:db8::1"), null);
});

test("netmasks must be contiguous", () => {
  assert.equal(maskLength("255.255.255.0"), 24);
  assert.equal(maskLength("0.0.0.0"), 0);
  assert.equal(maskLength("255.255.255.255"), 32);
  assert.equal(maskLength("255.0.255.0"), null);
});

test("sets print as CIDRs when aligned and as first-last ranges otherwise", () => {
  const { ranges } = parseAddressList([
    "192.168.1.1",
    "192.168.2.0/24",
    "10.1.0.1-10.1.0.100",
    "2001:db8:aaaa::/64",
  ]);
  assert.deepEqual(formatAddresses(ranges), [
    "10.1.0.1-10.1.0.100",
    "192.168.1.1/32",
    "192.168.2.0/24",
    "2001:db8:aaaa::/64",
  ]);
  // An unaligned range that takes few prefixes prints as those prefixes.
  assert.deepEqual(formatAddresses(parseAddressRange("10.0.0.0-10.0.0.5")!), ["10.0.0.0/30", "10.0.0.4/31"]);
});

test("the complement of a prefix is exact", () => {
  const notLoopback = subtractAddresses({ v4: ANY_ADDRESS.v4, v6: [] }, parseAddressRange("127.0.0.1/32")!);
  assert.deepEqual(formatAddresses(notLoopback), ["0.0.0.0-127.0.0.0", "127.0.0.2-255.255.255.255"]);
  assert.ok(containsAddress(notLoopback, "127.0.0.2"));
  assert.ok(!containsAddress(notLoopback, "127.0.0.1"));
});
