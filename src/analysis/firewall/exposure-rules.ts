/** FW-005 industrial protocols and FW-006 remote access admitted from enterprise or external networks. */
import {
  type AddressRanges,
  ANY_ADDRESS,
  intersectAddresses,
  isEmptyAddresses,
  parseAddressList,
  subtractAddresses,
  unionAllAddresses,
} from "../../model/address-ranges.js";
import { type Finding, type RuleInfo, uniqueCrossings } from "../../model/finding.js";
import type { TrafficKind } from "../../model/firewall.js";
import type { Conduit, DeclaredFlow, Plant } from "../../model/plant.js";
import {
  conduitBetween,
  designedExposure,
  flowBoxes,
  flowsFromTo,
  names,
} from "../architecture/declared-flows.js";
import { ruleSides } from "../architecture/interface-zones.js";
import { describeByZone, isOperations, isUntrusted, jumpHostAddresses } from "../architecture/plant-zones.js";
import type { AnalysisContext } from "../context.js";
import { findingOf, type Rule } from "../rule.js";
import {
  addressesOfAsset,
  carries,
  describeAddresses,
  describeServices,
  deviceAsset,
  isLoopbackOnly,
  projection,
  ruleAt,
  servicesOf,
  where,
} from "./audit.js";
import { NEW_CONNECTIONS } from "./compile.js";
import { type Cube, restrict, type SvcBox, svcOverlaps } from "./cubes.js";
import { placedOnDevice, trafficZones } from "./device-zones.js";
import { boxesOf, ICS_SERVICES, REMOTE_ACCESS_SERVICES } from "./service-catalog.js";

function everyPort(b: SvcBox): boolean {
  return b[0] === 0 && b[1] === 255 ? true : (b[0] === 6 || b[0] === 17) && b[4] === 0 && b[5] === 65535;
}

interface Exposure {
  info: RuleInfo;
  services: SvcBox[];
  what: string;
  traffic: TrafficKind[];
  /** Destinations that count: operations zones, without the declared jump hosts for remote access. */
  targets: (ctx: AnalysisContext) => AddressRanges;
}

function exposures(ctx: AnalysisContext, e: Exposure): Finding[] {
  const zones = ctx.zones;
  const untrusted = zones.union(isUntrusted);
  const targets = e.targets(ctx);
  const out = new Map<string, Finding>();
  for (const audited of ctx.rulesets) {
    const { config, interfaceZones: mapping, rs, order } = audited;
    const traffic = e.traffic.find((t) => carries(rs, t));
    if (!traffic) continue;
    const device = addressesOfAsset(deviceAsset(ctx.plant, config.config));
    for (const r of rs.rules) {
      const s = order.standings[r.index]!;
      if (r.rule.action !== "permit" || s.status !== "reachable" || r.rule.implicit || isLoopbackOnly(r.rule))
        continue;
      // Packets arriving on an interface come from the zones behind it, and leave towards the zones behind another.
      const sides = ruleSides(mapping, rs.ruleset.bindings, r.rule);
      const from = sides.from ? zones.union((z) => sides.from!.includes(z.id) && isUntrusted(z)) : untrusted;
      const to =
        traffic === "input"
          ? (device ?? ANY_ADDRESS)
          : sides.to
            ? intersectAddresses(
                targets,
                zones.union((z) => sides.to!.includes(z.id)),
              )
            : targets;
      const hit = restrict(s.effective, { src: from, dst: to, svc: e.services, state: NEW_CONNECTIONS });
      if (hit.length === 0) continue;
      const subject = `${r.rule.file}:${r.rule.line}`;
      // The zones the admitted packets come from and can reach, after the device's interfaces and the zone matrix.
      const place = trafficZones(ctx, { audited, rule: r.rule, cubes: hit, traffic });
      const known = out.get(subject);
      if (known) {
        out.set(subject, {
          ...known,
          zones: [...new Set([...known.zones, ...place.zones])].sort(),
          crossings: uniqueCrossings([...known.crossings, ...place.crossings]),
        });
        continue;
      }
      // Without zones, a rule that admits every port is reported as broad (FW-001/002), not for the ports it happens to include.
      if (zones.zones.length === 0 && r.over.every((c) => c.svc.some((b) => everyPort(b)))) continue;
      const src = projection(hit, "src");
      const dst = projection(hit, "dst");
      const design = designedBy(ctx, r.rule, hit);
      const cited = [...e.info.contradicts, ...e.info.related];
      out.set(
        subject,
        findingOf(e.info, {
          subject,
          ...(design.length
            ? {
                contradicts: design
                  .flatMap((c) => designedExposure(ctx.plant, c))
                  .filter((x, i, all) => cited.includes(x) && all.indexOf(x) === i),
              }
            : {}),
          summary: `${where(r.rule, rs.ruleset.id)} admits ${e.what} (${describeServices(servicesOf(hit)).join(", ")}) from ${describeByZone(zones, src, describeAddresses)} to ${traffic === "input" ? "the firewall itself" : describeByZone(zones, dst, describeAddresses)}.${design.length ? ` The exposure is by design: plant.yaml declares it (conduit ${design.map((c) => c.id).join(", ")}).` : ""}`,
          ...place,
          evidence: [ruleAt(r.rule, r.rule.text)],
        }),
      );
    }
  }
  return [...out.values()];
}

/**
 * The conduits that declare everything a rule lets in from enterprise or external networks: every service the zone
 * matrix holds it to permit is within the conduits' flows, and every host it admits (`hit`) on each flow's service
 * is among the initiators and responders those flows name. None when any of it is beyond them.
 */
function designedBy(
  ctx: AnalysisContext,
  rule: { file: string; line: number },
  hit: readonly Cube[],
): Conduit[] {
  const conduits = new Set<Conduit>();
  for (const cell of ctx.zoneMatrix.cells) {
    const src = ctx.zones.byId.get(cell.from);
    if (!src || !isUntrusted(src)) continue;
    for (const s of cell.permitted) {
      if (!s.rules.some((x) => x.file === rule.file && x.line === rule.line)) continue;
      const conduit = conduitBetween(ctx.plant, cell.from, cell.to);
      if (!conduit || s.beyondConduit.length > 0) return [];
      if (!withinParties(ctx.plant, flowsFromTo(conduit, cell.from, cell.to), hit)) return [];
      conduits.add(conduit);
    }
  }
  return [...conduits];
}

/** The addresses of the declared assets a flow's initiators or responders name, by id or by role; null for anyone. */
function partyAddresses(plant: Plant, named: readonly string[] | undefined): AddressRanges | null {
  if (!named) return null;
  const ips = plant.spec.assets.filter((a) => names(named, a)).flatMap((a) => a.ips);
  return parseAddressList(ips).ranges;
}

/** Does `hit`, on each declared flow's service, come only from its initiators and go only to its responders? */
function withinParties(plant: Plant, flows: readonly DeclaredFlow[], hit: readonly Cube[]): boolean {
  for (const f of flows) {
    const part = restrict(hit, { svc: flowBoxes(f) });
    if (part.length === 0) continue;
    // Another flow on an overlapping service may name other parties: what either names is declared.
    const peers = flows.filter((g) => svcOverlaps(flowBoxes(g), flowBoxes(f)));
    for (const [side, key] of [
      ["src", "initiators"],
      ["dst", "responders"],
    ] as const) {
      const named = peers.map((g) => partyAddresses(plant, g[key]));
      if (named.some((n) => n === null)) continue;
      const allowed = unionAllAddresses(named as AddressRanges[]);
      if (!isEmptyAddresses(subtractAddresses(projection(part, side), allowed))) return false;
    }
  }
  return true;
}

// A finding about the traffic the rule admits: in the zones that traffic comes from and reaches (device when none).
export const icsFromUntrusted: Rule = placedOnDevice({
  id: "FW-005",
  title: "Industrial protocol admitted from enterprise or external networks",
  severity: "high",
  contradicts: ["SR 5.2"],
  related: ["SR 5.1", "SR 5.2 RE 1", "SR 1.13"],
  description:
    "Modbus, S7, DNP3, EtherNet/IP, BACnet, IEC 104 and OPC UA carry read, write and control commands, mostly without authentication. A rule that admits them from the enterprise network or the internet lets anyone there read and change the process.",
  remediation:
    "Remove the rule. Give enterprise users process data through a historian mirror or a data diode in the DMZ; let only the declared supervisory hosts reach controllers.",
  check(ctx) {
    const zones = ctx.zones;
    return exposures(ctx, {
      info: this,
      services: boxesOf(ICS_SERVICES),
      what: "industrial protocols",
      traffic: ["forward", "input"],
      targets: () => (zones.zones.length ? zones.union(isOperations) : ANY_ADDRESS),
    });
  },
});

// A finding about the traffic the rule admits: in the zones that traffic comes from and reaches (device when none).
export const remoteAccessFromUntrusted: Rule = placedOnDevice({
  id: "FW-006",
  title: "Remote access admitted from enterprise or external networks into operations zones",
  severity: "high",
  contradicts: ["SR 5.2"],
  related: ["SR 1.13", "SR 5.1", "SR 2.6"],
  description:
    "RDP, VNC, SSH, Telnet, TeamViewer and AnyDesk straight into operations hosts bypass the jump host: no one approves, watches or records the session, and a stolen password is enough to get in.",
  remediation:
    "Admit remote access from enterprise or external networks only to the DMZ jump host, with multifactor authentication and session recording; remove direct rules into levels 0-3.",
  check(ctx) {
    const zones = ctx.zones;
    return exposures(ctx, {
      info: this,
      services: boxesOf(REMOTE_ACCESS_SERVICES),
      what: "remote access",
      traffic: ["forward"],
      targets: () =>
        subtractAddresses(
          zones.zones.length ? zones.union(isOperations) : ANY_ADDRESS,
          jumpHostAddresses(ctx.plant),
        ),
    });
  },
});
