import assert from "node:assert/strict";
import { test } from "node:test";
import { contextOf, FIXTURE_PLANT } from "../../test/control-context.js";
import type { Finding } from "../model/finding.js";
import {
  cleartextDeviceManagement,
  discoveryOnEdgePorts,
  noLoggingOrTime,
  noPortSecurity,
  unusedPortsEnabled,
  weakDeviceCredentials,
  weakSnmp,
} from "./network-hardening.js";
import type { Rule } from "./rule.js";

const ctx = contextOf(FIXTURE_PLANT, null);

/** The weak switch's finding of a rule, checking the hardened switch has none. */
async function weakOnly(rule: Rule): Promise<Finding> {
  const found = rule.check(await ctx);
  assert.deepEqual(
    found.map((f) => f.id),
    [`${rule.id}:sw-weak`],
  );
  assert.deepEqual(found[0]!.zones, ["cell"]);
  assert.deepEqual(found[0]!.assets, ["sw-weak"]);
  return found[0]!;
}

const items = (f: Finding) => f.evidence.map((e) => `${e.file}:${"line" in e ? e.line : 0} ${e.note}`);

test("HARD-006: Telnet on vty lines, no transport set, HTTP server, SSH version 1", async () => {
  assert.deepEqual(items(await weakOnly(cleartextDeviceManagement)), [
    "network/sw-weak.cfg:63 line vty 0 4 accepts Telnet (transport input all)",
    "network/sw-weak.cfg:64 line vty 5 15 sets no transport input (the release default may accept Telnet)",
    "network/sw-weak.cfg:53 ip http server serves the web interface over HTTP",
    "network/sw-weak.cfg:10 no ip ssh version 2: releases that default to 1.99 also accept SSH version 1",
  ]);
});

test("HARD-007: default, writable and unrestricted communities without SNMPv3", async () => {
  assert.deepEqual(items(await weakOnly(weakSnmp)), [
    'network/sw-weak.cfg:56 v1/v2c community (RO): default community "public", no access list',
    'network/sw-weak.cfg:57 v1/v2c community (RW): default community "private", read-write, no access list',
    "network/sw-weak.cfg:56 no SNMPv3 group or user: only cleartext communities",
  ]);
});

test("HARD-008: no AAA, enable password, reversible user password, no password encryption", async () => {
  assert.deepEqual(items(await weakOnly(weakDeviceCredentials)), [
    "network/sw-weak.cfg:10 no aaa new-model: logins use line passwords, not per-user authentication",
    "network/sw-weak.cfg:15 enable password stored as type 0 (reversible), no enable secret",
    "network/sw-weak.cfg:17 username service password stored as type 0 (reversible)",
    "network/sw-weak.cfg:10 no service password-encryption: line and user passwords are kept in clear",
  ]);
});

test("HARD-009 and HARD-010: unused ports left open; used access ports without port security; trunks aside", async () => {
  assert.deepEqual(items(await weakOnly(unusedPortsEnabled)), [
    "network/sw-weak.cfg:40 FastEthernet0/3 (no description, VLAN 1)",
    "network/sw-weak.cfg:42 FastEthernet0/4 (no description, VLAN 1)",
  ]);
  assert.deepEqual(items(await weakOnly(noPortSecurity)), [
    "network/sw-weak.cfg:30 FastEthernet0/1 (PLC-L2 (Logix 5380))",
    "network/sw-weak.cfg:35 FastEthernet0/2 (HMI-07)",
  ]);
});

test("HARD-011: CDP (on by default) and LLDP (after lldp run) on edge ports, not on the uplink trunk", async () => {
  const f = await weakOnly(discoveryOnEdgePorts);
  assert.equal(f.evidence.length, 4);
  assert.ok(items(f).every((i) => i.endsWith("CDP and LLDP")));
  assert.ok(!items(f).some((i) => i.includes("GigabitEthernet0/1")));
});

test("HARD-012: no logging host and no NTP server", async () => {
  assert.equal(
    (await weakOnly(noLoggingOrTime)).summary,
    "sw-weak (SW-LINE2-A): logging and time: no logging host: logs stay on the device; no ntp server: the clock is not synchronised.",
  );
});
