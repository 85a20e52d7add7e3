/**
 * Insecure architecture, from the zone model, the firewall rules and the captures: ARCH-001 flat network,
 * ARCH-002 direct IT-to-OT connectivity, ARCH-003 no DMZ between enterprise and control, ARCH-006 controllers
 * exposed to enterprise or external networks.
 */
import { containsAddress, parseAddressList } from "../../model/address-ranges.js";
import type { CaptureReport, ObservedFlow } from "../../model/capture.js";
import type { Evidence } from "../../model/evidence.js";
import type { Crossing } from "../../model/finding.js";
import type { AssetRole, Conduit, Plant } from "../../model/plant.js";
import { EXTERNAL } from "../../model/plant.js";
import { declaredAt } from "../plant-lookup.js";
import { findingOf, type Rule } from "../rule.js";
import { declaredId, type HostIndex, hostLabel, roleOf } from "./capture-view.js";
import { conduitBetween, designedExposure, flowsFromTo, judgeFlow, names } from "./declared-flows.js";
import {
  CONTROLLER_ROLES,
  isEnterprise,
  isOperations,
  isProcess,
  isUntrusted,
  type PlantZones,
  roleLevel,
  type ZoneView,
} from "./plant-zones.js";
import { isNonUnicast, permittedBy } from "./zone-matrix.js";

const MAX_EVIDENCE = 12;
const NON_PROCESS_ROLES: ReadonlySet<AssetRole> = new Set(["it-workstation", "it-server", "iot"]);

function firstFlowOf(flows: readonly ObservedFlow[], ip: string, vlan?: number): ObservedFlow | undefined {
  return flows.find((f) => (f.client === ip || f.server === ip) && (vlan === undefined || f.vlan === vlan));
}

function frame(f: ObservedFlow, note: string): Evidence {
  return { kind: "frame", file: f.file, frame: f.firstFrame, note };
}

interface Member {
  label: string;
  role: AssetRole;
  evidence: Evidence[];
}

/** Segments (a declared zone's subnet, or a VLAN seen on the wire) and the hosts in each. */
function segments(
  plant: Plant,
  zones: PlantZones,
  hosts: HostIndex,
  capture: CaptureReport | null,
): Map<string, { label: string; members: Map<string, Member> }> {
  const out = new Map<string, { label: string; members: Map<string, Member> }>();
  // A host declared and also seen keeps its declared role and gains the frames that show it in the segment.
  const add = (key: string, label: string, host: string, m: Member) => {
    const seg = out.get(key) ?? { label, members: new Map<string, Member>() };
    const known = seg.members.get(host);
    if (known) known.evidence.push(...m.evidence);
    else seg.members.set(host, m);
    out.set(key, seg);
  };
  plant.spec.assets.forEach((a, i) => {
    const z = a.zone ?? a.ips.map((ip) => zones.zoneOf(ip)).find((v) => v.zone)?.id;
    if (!z || a.role === "unknown") return;
    add(`zone:${z}`, `zone ${z}`, a.id, {
      label: a.id,
      role: a.role,
      evidence: [declaredAt(plant, "assets", i, `${a.id}: ${a.role}`)],
    });
  });
  const flows = capture?.flows ?? [];
  for (const o of capture?.assets ?? []) {
    for (const ip of o.ips) {
      if (isNonUnicast(ip)) continue;
      const role = roleOf(hosts, ip);
      if (!role) continue;
      const host = declaredId(hosts, ip) ?? ip;
      const z = zones.zoneOf(ip);
      const first = firstFlowOf(flows, ip);
      if (z.zone && first)
        add(`zone:${z.id}`, `zone ${z.id}`, host, {
          label: host,
          role,
          evidence: [frame(first, `${host} seen`)],
        });
      for (const v of o.vlans) {
        const owner = zones.zones.find((x) => x.zone?.vlans.includes(v));
        const f = firstFlowOf(flows, ip, v) ?? first;
        if (!f) continue;
        add(owner ? `zone:${owner.id}` : `vlan:${v}`, owner ? `zone ${owner.id}` : `VLAN ${v}`, host, {
          label: host,
          role,
          evidence: [frame(f, `${host} on VLAN ${v}`)],
        });
      }
    }
  }
  return out;
}

export const flatNetwork: Rule = {
  id: "ARCH-001",
  title:
    "Flat network: controllers share a segment with IT systems, or three or more Purdue levels share one",
  severity: "high",
  contradicts: ["SR 5.1"],
  related: ["SR 5.1 RE 1", "SR 5.2"],
  description:
    "Where office or building systems sit in the same subnet or VLAN as controllers, or hosts of three or more Purdue levels share one, nothing filters between them: malware on any one reaches the controllers directly, and no zone boundary can be enforced. A plant with no zones at all is flat by definition.",
  remediation:
    "Give each Purdue level, and each group of systems with its own security needs, its own VLAN and subnet behind the zone firewall; move IT and building devices out of control segments.",
  check(ctx) {
    const plant = ctx.plant;
    if (plant.spec.zones.length === 0) {
      const hosts = ctx.capture?.assets.length ?? 0;
      return [
        findingOf(this, {
          subject: "no-zones",
          summary: `plant.yaml declares no zones${hosts ? `; the captures show ${hosts} hosts with nothing to separate them` : ""}.`,
          evidence: [{ kind: "line", file: plant.file, line: 1, note: "no zones declared" }],
        }),
      ];
    }
    const zones = ctx.zones;
    const out = [];
    for (const [key, seg] of segments(plant, ctx.zones, ctx.hosts, ctx.capture)) {
      if (key.startsWith("zone:") && zones.byId.get(key.slice(5))?.level === 3.5) continue;
      const members = [...seg.members.values()];
      const controllers = members.filter((m) => CONTROLLER_ROLES.has(m.role));
      const nonProcess = members.filter((m) => NON_PROCESS_ROLES.has(m.role));
      const levels = [
        ...new Set(members.map((m) => roleLevel(m.role)).filter((l): l is number => l !== null)),
      ].sort();
      const mixed = controllers.length > 0 && nonProcess.length > 0;
      if (!mixed && levels.length < 3) continue;
      const involved = mixed
        ? [...nonProcess, ...controllers]
        : members.filter((m) => roleLevel(m.role) !== null);
      const evidence: Evidence[] = [];
      const seen = new Set<string>();
      for (const m of involved)
        for (const e of m.evidence) {
          const k =
            e.kind === "line" ? `${e.file}:${e.line}` : e.kind === "frame" ? `${e.file}#${e.frame}` : e.file;
          if (!seen.has(k)) evidence.push(e);
          seen.add(k);
        }
      out.push(
        findingOf(this, {
          subject: key,
          summary: mixed
            ? `${seg.label} holds ${nonProcess.map((m) => `${m.label} (${m.role})`).join(", ")} in the same segment as controllers ${controllers.map((m) => m.label).join(", ")}.`
            : `${seg.label} holds hosts of Purdue levels ${levels.join(", ")}: ${involved.map((m) => `${m.label} (${m.role})`).join(", ")}.`,
          zones: key.startsWith("zone:") ? [key.slice(5)] : [],
          assets: involved.map((m) => m.label).filter((l) => plant.spec.assets.some((a) => a.id === l)),
          evidence: evidence.slice(0, MAX_EVIDENCE * 2),
        }),
      );
    }
    return out;
  },
};

/** Observed flows from `fromZone`-like zones to `toZone`-like zones, unicast. */
function crossingFlows(
  ctx: Parameters<Rule["check"]>[0],
  from: (id: string) => boolean,
  to: (id: string) => boolean,
): ObservedFlow[] {
  const zones = ctx.zones;
  return (ctx.capture?.flows ?? []).filter(
    (f) =>
      f.transport !== "ether" &&
      !isNonUnicast(f.server) &&
      !isNonUnicast(f.client) &&
      from(zones.zoneOf(f.client).id) &&
      to(zones.zoneOf(f.server).id),
  );
}

function flowNote(ctx: Parameters<Rule["check"]>[0], f: ObservedFlow): string {
  return `${hostLabel(ctx.hosts, f.client)} -> ${hostLabel(ctx.hosts, f.server)} ${f.protocol ?? f.transport}${f.serverPort !== null ? ` ${f.transport}/${f.serverPort}` : ""}`;
}

export const directItToOt: Rule = {
  id: "ARCH-002",
  title: "Direct IT-to-OT connectivity: enterprise hosts reach levels 0-2 without passing the DMZ",
  severity: "critical",
  contradicts: ["SR 5.2"],
  related: ["SR 5.1", "SR 5.1 RE 2", "SR 1.13"],
  description:
    "Enterprise hosts (Purdue 4-5) that open connections straight to supervisory or control systems (levels 0-2) put the process one phishing e-mail away from an attacker. Traffic between the two should end in the DMZ, where a mirror, a proxy or a jump host breaks the path.",
  remediation:
    "Block enterprise-to-level-0-2 traffic at the OT firewall; give business users data from the DMZ historian mirror and staff remote access through the DMZ jump host.",
  check(ctx) {
    const zones = ctx.zones;
    const ent = (id: string) => isEnterprise(zones.byId.get(id)!);
    const proc = (id: string) => isProcess(zones.byId.get(id)!);
    const out = [];
    const matrix = ctx.zoneMatrix;
    for (const from of zones.zones.filter(isEnterprise))
      for (const to of zones.zones.filter(isProcess)) {
        const cell = matrix.cells.find((c) => c.from === from.id && c.to === to.id);
        const flows = crossingFlows(
          ctx,
          (z) => z === from.id && ent(z),
          (z) => z === to.id && proc(z),
        );
        const permitted = cell?.status === "permitted" ? cell.permitted : [];
        if (flows.length === 0 && permitted.length === 0) continue;
        const pairs = [...new Set(flows.map((f) => flowNote(ctx, f)))];
        const rules = new Map<string, Evidence>();
        for (const s of permitted)
          for (const r of s.rules)
            rules.set(`${r.file}:${r.line}`, {
              kind: "line",
              file: r.file,
              line: r.line,
              note: `permits ${s.service}: ${r.text}`,
            });
        const parts = [];
        if (pairs.length)
          parts.push(
            `the captures show ${pairs.slice(0, 6).join("; ")}${pairs.length > 6 ? ` and ${pairs.length - 6} more` : ""}`,
          );
        if (permitted.length)
          parts.push(
            `${permittedBy(permitted)} ${[...new Set(permitted.map((s) => s.service))].join(", ")} from ${from.id} to ${to.id}`,
          );
        out.push(
          findingOf(this, {
            subject: `${from.id}>${to.id}`,
            summary: `Enterprise zone ${from.id} reaches ${to.id} (level ${to.level}) directly: ${parts.join("; ")}.`,
            zones: [from.id, to.id],
            crossings: [{ from: from.id, to: to.id }],
            assets: [
              ...new Set(
                flows.flatMap((f) => [declaredId(ctx.hosts, f.client), declaredId(ctx.hosts, f.server)]),
              ),
            ].filter((x): x is string => x !== undefined),
            evidence: [
              ...dedupeFlows(flows)
                .slice(0, MAX_EVIDENCE)
                .map((f) => frame(f, flowNote(ctx, f))),
              ...[...rules.values()].slice(0, MAX_EVIDENCE),
            ],
          }),
        );
      }
    return out;
  },
};

/** One flow per client, server and port: the evidence names each conversation once. */
function dedupeFlows(flows: ObservedFlow[]): ObservedFlow[] {
  const seen = new Set<string>();
  return flows.filter((f) => {
    const k = `${f.client}>${f.server}:${f.serverPort}/${f.transport}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export const noDmz: Rule = {
  id: "ARCH-003",
  title: "No DMZ between enterprise and control networks",
  severity: "high",
  contradicts: ["SR 5.1"],
  related: ["SR 5.1 RE 2", "SR 5.2"],
  description:
    "IEC 62443 and the Purdue model put an industrial DMZ (level 3.5) between enterprise and operations: no traffic should cross from one to the other without ending on a DMZ host. Without a DMZ zone, or with conduits and firewall rules that go around it, a single rule error exposes the control system.",
  remediation:
    "Declare and build a DMZ zone; terminate every enterprise-to-operations flow on a DMZ host (historian mirror, jump host, patch server); remove conduits and rules that connect the two directly.",
  check(ctx) {
    const plant = ctx.plant;
    const zones = ctx.zones;
    const ent = zones.zones.filter(isEnterprise);
    const ops = zones.zones.filter(isOperations);
    if (ent.length === 0 || ops.length === 0) return [];
    const zoneLine = (id: string) =>
      declaredAt(
        plant,
        "zones",
        plant.spec.zones.findIndex((z) => z.id === id),
        `zone ${id}`,
      );
    const crosses = (a: ZoneView | undefined, b: ZoneView | undefined) =>
      a !== undefined &&
      b !== undefined &&
      ((isEnterprise(a) && isOperations(b)) || (isEnterprise(b) && isOperations(a)));
    // The zones a direct enterprise-operations connection joins: those the finding concerns, not every zone.
    const joined = new Set<string>();
    const crossings: Crossing[] = [];
    const join = (a: string, b: string) => {
      joined.add(a);
      joined.add(b);
      crossings.push({ from: a, to: b });
    };
    const byOrder = (ids: Set<string>) => zones.zones.filter((z) => ids.has(z.id)).map((z) => z.id);
    if (!zones.zones.some((z) => z.level === 3.5)) {
      // Without a DMZ, the zones that meet with nothing between them: a conduit, a permitting firewall or traffic
      // seen crossing. When nothing shows which, every enterprise and operations zone (nobody located the gap).
      for (const c of plant.spec.conduits)
        if (crosses(zones.byId.get(c.zones[0]), zones.byId.get(c.zones[1]))) join(c.zones[0], c.zones[1]);
      for (const cell of ctx.zoneMatrix.cells)
        if (
          crosses(zones.byId.get(cell.from), zones.byId.get(cell.to)) &&
          (cell.status === "permitted" || cell.observed.length > 0)
        )
          join(cell.from, cell.to);
      const concerned = joined.size > 0 ? byOrder(joined) : [...ent, ...ops].map((z) => z.id);
      return [
        findingOf(this, {
          subject: "no-dmz-zone",
          summary: `plant.yaml declares enterprise zones (${ent.map((z) => z.id).join(", ")}) and operations zones (${ops.map((z) => z.id).join(", ")}) but no DMZ (Purdue 3.5) between them.`,
          zones: concerned,
          crossings,
          evidence: concerned.map((id) => zoneLine(id)),
        }),
      ];
    }
    const bypasses: string[] = [];
    const evidence: Evidence[] = [];
    plant.spec.conduits.forEach((c, i) => {
      if (crosses(zones.byId.get(c.zones[0]), zones.byId.get(c.zones[1]))) {
        bypasses.push(`conduit ${c.id} joins ${c.zones.join(" and ")} directly`);
        evidence.push(declaredAt(plant, "conduits", i, `conduit ${c.id}`));
        join(c.zones[0], c.zones[1]);
      }
    });
    for (const cell of ctx.zoneMatrix.cells) {
      if (cell.status !== "permitted" || !crosses(zones.byId.get(cell.from), zones.byId.get(cell.to)))
        continue;
      bypasses.push(
        `${permittedBy(cell.permitted)} ${cell.from} to ${cell.to} (${[...new Set(cell.permitted.map((s) => s.service))].join(", ")})`,
      );
      join(cell.from, cell.to);
      for (const s of cell.permitted)
        for (const r of s.rules)
          if (!evidence.some((e) => e.kind === "line" && e.file === r.file && e.line === r.line))
            evidence.push({ kind: "line", file: r.file, line: r.line, note: r.text });
    }
    if (bypasses.length === 0) return [];
    return [
      findingOf(this, {
        subject: "dmz-bypassed",
        summary: `The DMZ does not separate enterprise from operations: ${bypasses.join("; ")}.`,
        // The enterprise and operations zones the bypassing conduits and rules connect; the DMZ still separates the others.
        zones: byOrder(joined),
        crossings,
        evidence: evidence.slice(0, MAX_EVIDENCE * 2),
      }),
    ];
  },
};

export const controllerExposed: Rule = {
  id: "ARCH-006",
  title: "Controller reachable from enterprise or external networks",
  severity: "critical",
  contradicts: ["SR 5.2"],
  related: ["SR 5.1", "SR 1.13", "SR 5.1 RE 2"],
  description:
    "A PLC, RTU, IED or safety controller that enterprise hosts or the internet can reach accepts commands from them: most controller protocols authenticate nothing, so reaching it is enough to stop it, change its logic or its outputs.",
  remediation:
    "Block every path from enterprise and external networks to controllers; let only the supervisory hosts that poll them reach them, through the zone firewall.",
  check(ctx) {
    const plant = ctx.plant;
    const zones = ctx.zones;
    const matrix = ctx.zoneMatrix;
    const controllers = new Map<string, string>();
    for (const a of plant.spec.assets)
      if (CONTROLLER_ROLES.has(a.role)) for (const ip of a.ips) controllers.set(ip, a.id);
    for (const o of ctx.capture?.assets ?? [])
      for (const ip of o.ips) {
        const role = roleOf(ctx.hosts, ip);
        if (role && CONTROLLER_ROLES.has(role) && !controllers.has(ip)) controllers.set(ip, ip);
      }
    const out = [];
    const operations = ctx.operations;
    const assetAt = (ip: string) => ctx.hosts.declaredByIp.get(ip);
    for (const [ip, id] of controllers) {
      const evidence: Evidence[] = [];
      const via: string[] = [];
      const asset = plant.spec.assets.find((a) => a.id === id);
      // The conduits that declare a path (a deliberate exposure), and whether any path is outside them.
      const designed = new Set<Conduit>();
      let undesigned = false;
      // The boundaries it crosses outside the design, and those a conduit declares: a finding with any of the
      // first is about those (what it contradicts comes from them), else it is about the declared ones.
      const crossings: Crossing[] = [];
      const byConduit: Crossing[] = [];
      for (const cell of matrix.cells) {
        const src = zones.byId.get(cell.from);
        if (!src || !isUntrusted(src) || cell.status !== "permitted") continue;
        const hits = cell.permitted.filter((s) =>
          containsAddress(parseAddressList(s.destinations).ranges, ip),
        );
        if (hits.length === 0) continue;
        const conduit = conduitBetween(plant, cell.from, cell.to);
        const declared =
          conduit !== undefined &&
          hits.every((s) => s.beyondConduit.length === 0) &&
          flowsFromTo(conduit, cell.from, cell.to).some((f) => names(f.responders, asset));
        if (declared) designed.add(conduit);
        else undesigned = true;
        (declared ? byConduit : crossings).push({ from: cell.from, to: cell.to });
        via.push(
          `${permittedBy(hits)} ${[...new Set(hits.map((s) => s.service))].join(", ")} from ${cell.from}${declared ? ` (declared by conduit ${conduit.id})` : ""}`,
        );
        for (const s of hits)
          for (const r of s.rules)
            if (!evidence.some((e) => e.kind === "line" && e.file === r.file && e.line === r.line))
              evidence.push({
                kind: "line",
                file: r.file,
                line: r.line,
                note: `permits ${s.service} from ${cell.from}: ${r.text}`,
              });
      }
      const flows = dedupeFlows(
        crossingFlows(
          ctx,
          (z) => isUntrusted(zones.byId.get(z)!),
          () => true,
        ).filter((f) => f.server === ip),
      );
      for (const f of flows) {
        const j = judgeFlow(plant, zones, assetAt, operations, f);
        if (j.declared) designed.add(j.conduit!);
        else undesigned = true;
        (j.declared ? byConduit : crossings).push({
          from: zones.zoneOf(f.client).id,
          to: zones.zoneOf(f.server).id,
        });
      }
      if (flows.length)
        via.push(
          `the captures show ${flows
            .slice(0, 4)
            .map((f) => flowNote(ctx, f))
            .join("; ")}${flows.length > 4 ? ` and ${flows.length - 4} more` : ""}`,
        );
      evidence.unshift(...flows.slice(0, MAX_EVIDENCE).map((f) => frame(f, flowNote(ctx, f))));
      if (via.length === 0) continue;
      // The controller's zone (as declared, else by its address): the boundary that lets the untrusted side in is
      // that zone's; the enterprise side's own zones are judged by the rules that found the path (FW-005, ARCH-002).
      const zone = asset?.zone ?? zones.zoneOf(ip).id;
      // A controller only the captures show, at an address outside every declared zone, lies outside the zone model:
      // its exposure is no declared zone's boundary, so it counts against none until plant.yaml places it. (A
      // declared one that cannot be placed still counts against every zone.)
      const outside = zone === EXTERNAL && asset === undefined;
      // Every path declared: the exposure is the design, reported as such; it contradicts only what the design lacks.
      const byDesign = undesigned ? [] : [...designed];
      const contradicts = outside
        ? []
        : byDesign.length
          ? [...new Set(byDesign.flatMap((c) => designedExposure(plant, c)))]
          : undefined;
      const design = byDesign.length
        ? ` The exposure is by design: plant.yaml declares it (conduit ${byDesign.map((c) => c.id).join(", ")}).`
        : "";
      evidence.unshift(
        ...byDesign.map((c) =>
          declaredAt(plant, "conduits", plant.spec.conduits.indexOf(c), `conduit ${c.id}`),
        ),
      );
      out.push(
        findingOf(this, {
          subject: id,
          ...(contradicts ? { contradicts } : {}),
          summary: `Controller ${hostLabel(ctx.hosts, ip)} is reachable from enterprise or external networks: ${via.join("; ")}.${design}${outside ? " It lies outside every zone plant.yaml declares, so it counts against none: declare the zone it belongs to." : ""}`,
          zones: zone === EXTERNAL ? [] : [zone],
          crossings: undesigned ? crossings : byConduit,
          assets: asset ? [id] : [],
          evidence: evidence.slice(0, MAX_EVIDENCE * 2),
        }),
      );
    }
    return out;
  },
};
