/**
 * Switch and router hardening from Cisco IOS / IOS-XE running-configs: management access, SNMP, credentials,
 * switch ports, discovery protocols, logging and time. One finding per device and rule; each item cites the
 * configuration line that shows it, or, for a command that is missing, the hostname line.
 */
import type { IosConfig, IosInterface } from "../model/controls.js";
import type { Evidence } from "../model/evidence.js";
import type { AnalysisContext } from "./context.js";
import { systemAssets, systemZones } from "./control-lookup.js";
import { findingOf, type Rule } from "./rule.js";

interface Item {
  text: string;
  line: number;
}

/** Where to point for a command the configuration lacks: its hostname line, or its first line. */
function hostnameLine(c: IosConfig): number {
  return c.hostnameLine ?? 1;
}

function perDevice(rule: Rule, ctx: AnalysisContext, what: string, items: (c: IosConfig) => Item[]) {
  return (ctx.controls?.networkConfigs ?? []).flatMap((c) => {
    const list = items(c);
    if (list.length === 0) return [];
    return [
      findingOf(rule, {
        subject: c.device,
        summary: `${c.device}${c.hostname && c.hostname !== c.device ? ` (${c.hostname})` : ""}: ${what}: ${list.map((i) => i.text).join("; ")}.`,
        zones: systemZones(ctx.plant, c.device),
        assets: systemAssets(ctx.plant, c.device),
        evidence: list.map((i): Evidence => ({ kind: "line", file: c.file, line: i.line, note: i.text })),
      }),
    ];
  });
}

export const cleartextDeviceManagement: Rule = {
  id: "HARD-006",
  title: "Network device accepts cleartext management (Telnet, HTTP, SSH version 1)",
  severity: "high",
  contradicts: ["SR 4.1"],
  related: ["SR 3.1", "SR 7.7"],
  description:
    "Telnet and HTTP send the administrator's password in clear, and SSH version 1 is broken: whoever can see the management traffic can take over the switch that carries the control network.",
  remediation:
    "Configure `transport input ssh` on every vty line, `ip ssh version 2`, `no ip http server` (use `ip http secure-server` only if the web interface is needed), and an access-class limiting management to the engineering network.",
  check(ctx) {
    return perDevice(this, ctx, "management in clear", (c) => {
      const items: Item[] = [];
      let sshAllowed = false;
      for (const v of c.vtys) {
        const t = v.transport;
        if (t === null) {
          items.push({
            text: `line vty ${v.range} sets no transport input (the release default may accept Telnet)`,
            line: v.line,
          });
          sshAllowed = true;
        } else {
          if (t.includes("telnet") || t.includes("all"))
            items.push({
              text: `line vty ${v.range} accepts Telnet (transport input ${t.join(" ")})`,
              line: v.transportLine ?? v.line,
            });
          if (t.includes("ssh") || t.includes("all")) sshAllowed = true;
        }
      }
      if (c.httpServer !== null)
        items.push({ text: "ip http server serves the web interface over HTTP", line: c.httpServer });
      if (sshAllowed && c.sshVersion?.version !== "2")
        items.push({
          text: c.sshVersion
            ? `ip ssh version ${c.sshVersion.version}`
            : "no ip ssh version 2: releases that default to 1.99 also accept SSH version 1",
          line: c.sshVersion?.line ?? hostnameLine(c),
        });
      return items;
    });
  },
};

export const weakSnmp: Rule = {
  id: "HARD-007",
  title: "Network device SNMP with default, writable or unrestricted communities",
  severity: "high",
  contradicts: ["SR 1.5"],
  related: ["SR 2.1", "SR 4.1"],
  description:
    "SNMP v1/v2c communities travel in clear; `public` and `private` are tried by every scanner, and a read-write community lets anyone who knows it reconfigure the device.",
  remediation:
    "Replace v1/v2c communities with SNMPv3 users (authPriv); until then remove `public`/`private` and every RW community, and restrict the remaining ones with an access list to the monitoring server.",
  check(ctx) {
    return perDevice(this, ctx, "SNMP", (c) => {
      const items: Item[] = [];
      for (const s of c.snmpCommunities) {
        const problems = [
          s.wellKnown ? `default community "${s.wellKnown}"` : null,
          s.access === "rw" ? "read-write" : null,
          s.acl ? null : "no access list",
        ].filter((p): p is string => p !== null);
        if (problems.length)
          items.push({
            text: `v1/v2c community (${s.access.toUpperCase()}): ${problems.join(", ")}`,
            line: s.line,
          });
      }
      if (items.length && c.snmpV3 === null)
        items.push({
          text: "no SNMPv3 group or user: only cleartext communities",
          line: c.snmpCommunities[0]!.line,
        });
      return items;
    });
  },
};

export const weakDeviceCredentials: Rule = {
  id: "HARD-008",
  title: "Network device without AAA or with reversibly stored passwords",
  severity: "medium",
  contradicts: ["SR 1.5"],
  related: ["SR 1.1", "SR 1.7"],
  description:
    "Without AAA, logins rely on shared line passwords with no per-user accounting; `enable password` and `username ... password` are stored in clear or as type 7, which anyone with the configuration file can reverse.",
  remediation:
    "Configure `aaa new-model` with per-user authentication (TACACS+/RADIUS, local fallback), `enable secret` with type 8 or 9, `username ... secret` instead of `password`, and `service password-encryption` for what remains.",
  check(ctx) {
    return perDevice(this, ctx, "credentials", (c) => {
      const items: Item[] = [];
      if (c.aaaNewModel === null)
        items.push({
          text: "no aaa new-model: logins use line passwords, not per-user authentication",
          line: hostnameLine(c),
        });
      if (c.enablePassword)
        items.push({
          text: `enable password stored as type ${c.enablePassword.type} (reversible)${c.enableSecret ? " beside the enable secret" : ", no enable secret"}`,
          line: c.enablePassword.line,
        });
      for (const u of c.users.filter((x) => x.storage === "password"))
        items.push({
          text: `username ${u.name} password stored as type ${u.type} (reversible)`,
          line: u.line,
        });
      if (c.servicePasswordEncryption === null)
        items.push({
          text: "no service password-encryption: line and user passwords are kept in clear",
          line: hostnameLine(c),
        });
      return items;
    });
  },
};

/** Ports connected to devices rather than to other switches: not trunks, not routed. */
const isEdge = (i: IosInterface) => i.physical && i.mode !== "trunk" && i.mode !== "routed";
/** An edge port nobody documented or assigned: no description and the default VLAN. */
const isUnused = (i: IosInterface) =>
  isEdge(i) && i.description === null && (i.accessVlan === null || i.accessVlan === 1);

export const unusedPortsEnabled: Rule = {
  id: "HARD-009",
  title: "Unused switch ports left enabled",
  severity: "low",
  contradicts: ["SR 7.7"],
  related: ["COMP 1.1"],
  description:
    "An enabled port with no description in the default VLAN is one nobody uses: it lets anyone with a cable and a laptop into the control network.",
  remediation:
    "Shut unused ports and move them to an unrouted parking VLAN (`shutdown`, `switchport access vlan 999`).",
  check(ctx) {
    return perDevice(this, ctx, "unused ports not shut down", (c) =>
      c.interfaces
        .filter((i) => isUnused(i) && !i.shutdown)
        .map((i) => ({ text: `${i.name} (no description, VLAN ${i.accessVlan ?? 1})`, line: i.line })),
    );
  },
};

export const noPortSecurity: Rule = {
  id: "HARD-010",
  title: "Switch access ports without port security",
  severity: "medium",
  contradicts: [],
  related: ["SR 1.2", "SR 7.7"],
  description:
    "Without port security (or 802.1X), any device plugged in place of a PLC or HMI joins the control network unnoticed; ICS devices rarely move, so their ports can be locked to their MAC address.",
  remediation:
    "Enable `switchport port-security` with sticky or static MAC addresses and `violation restrict` on ports to field devices, or 802.1X/MAB where the switch and devices support it.",
  check(ctx) {
    return perDevice(this, ctx, "access ports in use without port security", (c) =>
      c.interfaces
        .filter((i) => isEdge(i) && !isUnused(i) && !i.shutdown && !i.portSecurity)
        .map((i) => ({ text: `${i.name}${i.description ? ` (${i.description})` : ""}`, line: i.line })),
    );
  },
};

export const discoveryOnEdgePorts: Rule = {
  id: "HARD-011",
  title: "CDP or LLDP advertised on edge ports",
  severity: "low",
  contradicts: ["SR 7.7"],
  related: [],
  description:
    "CDP and LLDP tell any device on a port the switch's model, software version, management address and VLANs: a map for an attacker, and useless towards PLCs and HMIs.",
  remediation:
    "Disable CDP and LLDP transmission on ports to end devices (`no cdp enable`, `no lldp transmit`), or globally where no management tool needs them; keep them on inter-switch links only.",
  check(ctx) {
    return perDevice(this, ctx, "discovery protocols towards end devices", (c) =>
      c.interfaces
        .filter((i) => isEdge(i) && !i.shutdown)
        .flatMap((i) => {
          const protocols = [
            c.cdpDisabled === null && i.cdp ? "CDP" : null,
            c.lldpRun !== null && i.lldpTransmit ? "LLDP" : null,
          ].filter((p): p is string => p !== null);
          return protocols.length ? [{ text: `${i.name}: ${protocols.join(" and ")}`, line: i.line }] : [];
        }),
    );
  },
};

export const noLoggingOrTime: Rule = {
  id: "HARD-012",
  title: "Network device without a logging host or NTP",
  severity: "medium",
  contradicts: [],
  related: ["SR 2.8", "SR 2.11", "SR 6.1"],
  description:
    "A switch that logs only to its own buffer loses its record at reboot and when the buffer wraps; without NTP its timestamps cannot be lined up with other systems' during an investigation.",
  remediation:
    "Send logs to the site's log collector (`logging host`) and synchronise time from the site's NTP server (`ntp server`).",
  check(ctx) {
    return perDevice(this, ctx, "logging and time", (c) => [
      ...(c.loggingHosts.length === 0
        ? [{ text: "no logging host: logs stay on the device", line: hostnameLine(c) }]
        : []),
      ...(c.ntpServers.length === 0
        ? [{ text: "no ntp server: the clock is not synchronised", line: hostnameLine(c) }]
        : []),
    ]);
  },
};
