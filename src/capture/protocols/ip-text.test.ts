import assert from "node:assert/strict";
import { test } from "node:test";
import ipaddr from "ipaddr.js";
import { ipv4At, ipv6At } from "./ip-text.js";

const v6 = (text: string) => Uint8Array.from(ipaddr.parse(text).toByteArray());

test("IPv4 at an offset", () => {
  assert.equal(ipv4At(Uint8Array.of(9, 192, 168, 1, 20), 1), "192.168.1.20");
});

test("IPv6 in RFC 5952 form, as ipaddr.js writes it", () => {
  for (const text of [
    "fe80::14ea:3851:8243:3893",
    "::",
    "::1",
    "2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1",
    "ff02::1:ff00:1",
  ]) {
    assert.equal(ipv6At(v6(text), 0), ipaddr.IPv6.parse(text).toRFC5952String(), text);
  }
});

test("the first of two equal zero runs is the one compressed", () => {
  assert.equal(ipv6At(v6("2001:db8:0:0:1:0:0:1"), 0), "2001:db8::1:0:0:1");
});

test("a single zero group is not compressed", () => {
  assert.equal(ipv6At(v6("2001:db8:0:1:1:1:1:1"), 0), "2001:db8:0:1:1:1:1:1");
});
