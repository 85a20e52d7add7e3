/** FW-011 the firewall itself administered over cleartext protocols. */
import { parseAddressList } from "../../model/address-ranges.js";
import type { Finding } from "../../model/finding.js";
import { describeByZone } from "../architecture/plant-zones.js";
import { findingOf, type Rule } from "../rule.js";
import {
  addressesOfAsset,
  carries,
  describeAddresses,
  describeServices,
  deviceAsset,
  isLoopbackOnly,
  lineAt,
  projection,
  ruleAt,
  servicesOf,
  where,
} from "./audit.js";
import { NEW_CONNECTIONS } from "./compile.js";
import { restrict } from "./cubes.js";
import { deviceZones, interfacesOf, placedOnDevice } from "./device-zones.js";
import { boxesOf, CLEARTEXT_ADMIN_SERVICES } from "./service-catalog.js";

// About the device itself: in the zones its listening interfaces attach to, where the secret crosses the wire.
export const cleartextManagement: Rule = placedOnDevice({
  id: "FW-011",
  title: "Firewall administered over a cleartext protocol",
  severity: "high",
  contradicts: ["SR 4.1"],
  related: ["SR 1.5", "SR 3.1"],
  description:
    "Telnet, HTTP, FTP and SNMP v1/v2c carry the administrator's password or community in clear text: anyone on the path can read it and take over the device that is supposed to protect the zone boundary.",
  remediation:
    "Disable Telnet, HTTP and SNMP v1/v2c administration; use SSH, HTTPS and SNMPv3, only from a management network or the jump host.",
  check(ctx) {
    const out = new Map<string, Finding>();
    const zones = ctx.zones;
    for (const { compiled: c } of ctx.compiledFirewalls) {
      const file = c.config.file;
      for (const m of c.config.management.filter((x) => x.cleartext)) {
        out.set(
          `${file}:${m.line}:${m.protocol}`,
          findingOf(this, {
            subject: `${file}:${m.line}:${m.protocol}`,
            summary: `${file}: ${m.detail}, open on ${m.interfaces?.join(", ") ?? "every interface"} to ${m.sources.unresolved.length ? m.sources.text : describeByZone(zones, parseAddressList(m.sources.ranges).ranges, describeAddresses)}.`,
            // The secret crosses the networks the service listens on: the zones those interfaces are attached to.
            zones: deviceZones(ctx.plant, ctx.zones, c.config, m.interfaces),
            evidence: [lineAt(file, m.line, m.text)],
          }),
        );
      }
    }
    // Host firewalls (iptables, nftables, FortiOS local-in): rules that admit cleartext administration to the device.
    for (const { config, rs, order } of ctx.rulesets) {
      const bindings = rs.ruleset.bindings;
      if (!carries(rs, "input") || bindings.length === 0) continue;
      const device = addressesOfAsset(deviceAsset(ctx.plant, config.config));
      for (const r of rs.rules) {
        const s = order.standings[r.index]!;
        if (r.rule.action !== "permit" || s.status !== "reachable" || isLoopbackOnly(r.rule)) continue;
        const hit = restrict(s.effective, {
          svc: boxesOf(CLEARTEXT_ADMIN_SERVICES),
          state: NEW_CONNECTIONS,
          ...(device ? { dst: device } : {}),
        });
        if (hit.length === 0) continue;
        const subject = `${r.rule.file}:${r.rule.line}`;
        if (out.has(subject)) continue;
        out.set(
          subject,
          findingOf(this, {
            subject,
            // As for the management settings: the zones of the interfaces the rule admits the login on.
            zones: deviceZones(
              ctx.plant,
              ctx.zones,
              config.config,
              interfacesOf(bindings, r.rule.from, "from"),
            ),
            summary: `${where(r.rule, rs.ruleset.id)} admits ${describeServices(servicesOf(hit)).join(", ")} to the device itself from ${describeByZone(zones, projection(hit, "src"), describeAddresses)}${r.rule.from ? ` on ${r.rule.from.join(", ")}` : ""}.`,
            evidence: [ruleAt(r.rule, r.rule.text)],
          }),
        );
      }
    }
    return [...out.values()];
  },
});
