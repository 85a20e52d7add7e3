/**
 * The partitioning of the system under consideration (IEC 62443-3-2 ZCR 3), held against plant.yaml's zones and
 * declared assets: PART-001 business IT and control-system assets in one zone (ZCR 3.2), PART-002 safety
 * controllers sharing a zone with basic control (ZCR 3.3), and devices that attach temporarily (PART-003, ZCR 3.4),
 * without wires (PART-004, ZCR 3.5) or through networks outside the plant (PART-005, ZCR 3.6) in zones not set
 * aside for them. Only zones of the system under consideration are judged (`inScope`); an asset without a zone is
 * placed by its addresses, as ARCH-001 places it. What plant.yaml declares is the evidence: each finding cites the
 * lines of the assets, the zone, and the conduits and access points that make a device externally connected.
 */
import type { Evidence } from "../../model/evidence.js";
import type { AssetDeclaration, AssetRole, Plant, Zone } from "../../model/plant.js";
import { EXTERNAL } from "../../model/plant.js";
import type { AccessPoint, ConnectionKind } from "../../model/system-design.js";
import type { AnalysisContext } from "../context.js";
import { inScope } from "../design/design-basis.js";
import { accessPointAt, declaredAt } from "../plant-lookup.js";
import { findingOf, type Rule } from "../rule.js";
import { CONTROLLER_ROLES } from "./plant-zones.js";

/** A declared asset and its index in plant.yaml's assets, for its line. */
interface Placed {
  asset: AssetDeclaration;
  index: number;
}

/** A zone of the system under consideration and the declared assets in it. */
interface Holding {
  zone: Zone;
  index: number;
  assets: Placed[];
}

/** Assets a summary names; the rest are counted. */
const NAMED = 8;
/** Lines of assets, conduits and access points a finding cites, before the zone's own. */
const MAX_EVIDENCE = 24;

const IT_ROLES: ReadonlySet<AssetRole> = new Set(["it-workstation", "it-server"]);
/** What runs or operates the process: never at home in an enterprise zone. */
const CONTROL_SYSTEM_ROLES: ReadonlySet<AssetRole> = new Set([
  ...CONTROLLER_ROLES,
  "hmi",
  "ews",
  "scada-server",
]);
/** Basic process control, supervision and business IT: what a safety controller should not share a zone with. */
const BASIC_CONTROL_ROLES: ReadonlySet<AssetRole> = new Set([
  "plc",
  "rtu",
  "ied",
  "hmi",
  "scada-server",
  "ews",
  "historian",
  "opc-server",
  ...IT_ROLES,
]);
const NON_SAFETY_CONTROLLERS: ReadonlySet<AssetRole> = new Set(["plc", "rtu", "ied"]);

/** The zones of the system under consideration with their declared assets, in plant.yaml's order. */
function holdings(ctx: AnalysisContext): Holding[] {
  const plant = ctx.plant;
  const byZone = new Map<string, Placed[]>();
  plant.spec.assets.forEach((asset, index) => {
    const zone = asset.zone ?? asset.ips.map((ip) => ctx.zones.zoneOf(ip)).find((z) => z.id !== EXTERNAL)?.id;
    if (zone !== undefined) byZone.set(zone, [...(byZone.get(zone) ?? []), { asset, index }]);
  });
  return plant.spec.zones.flatMap((zone, index) =>
    inScope(plant, zone.id) ? [{ zone, index, assets: byZone.get(zone.id) ?? [] }] : [],
  );
}

/** Operations zones, the DMZ excluded: Purdue 0-3. */
const isOt = (z: Zone) => z.purdueLevel <= 3;
const isEnterprise = (z: Zone) => z.purdueLevel >= 4;
const dedicatedTo = (z: Zone, kind: ConnectionKind) => z.characteristics?.dedicatedTo.includes(kind) ?? false;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, NAMED).join(", ");
  return items.length > NAMED ? `${shown} and ${items.length - NAMED} more` : shown;
}
const labelled = (ps: readonly Placed[]) => listed(ps.map((p) => `${p.asset.id} (${p.asset.role})`));
const ids = (ps: readonly Placed[]) => ps.map((p) => p.asset.id);
const assetLine = (plant: Plant, p: Placed) =>
  declaredAt(
    plant,
    "assets",
    p.index,
    `${p.asset.id}: ${p.asset.role}${p.asset.connection.length ? `, connection ${p.asset.connection.join(", ")}` : ""}`,
  );
const zoneLine = (plant: Plant, h: Holding, note: string) => declaredAt(plant, "zones", h.index, note);
const level = (z: Zone) => (z.purdueLevel === 3.5 ? "the DMZ, level 3.5" : `Purdue level ${z.purdueLevel}`);

export const itOtMixed: Rule = {
  id: "PART-001",
  title: "Business IT and control-system assets share a zone",
  severity: "high",
  contradicts: ["ZCR 3.2"],
  related: ["SR 5.1", "SR 5.1 RE 2"],
  description:
    "Office workstations and business servers are managed, patched and exposed in ways control systems are not: they read e-mail, browse and talk to the enterprise. In a control-system zone they bring those risks inside its boundary; controllers, HMIs or engineering stations in an enterprise zone sit behind no control-system boundary at all. The industrial DMZ, which exists to broker between the two, is exempt.",
  remediation:
    "Move business IT hosts out of control-system zones into the enterprise or the DMZ, and control-system hosts out of enterprise zones into a zone of their level; where a host must serve both sides, put it in the DMZ and let conduits carry only the flows it needs.",
  check(ctx) {
    const plant = ctx.plant;
    return holdings(ctx).flatMap((h) => {
      const ot = isOt(h.zone);
      if (!ot && !isEnterprise(h.zone)) return [];
      const misplaced = h.assets.filter((p) => (ot ? IT_ROLES : CONTROL_SYSTEM_ROLES).has(p.asset.role));
      if (misplaced.length === 0) return [];
      const summary = ot
        ? `Zone ${h.zone.id} (${level(h.zone)}) is a control-system zone but holds business IT: ${labelled(misplaced)}.`
        : `Zone ${h.zone.id} (${level(h.zone)}) is an enterprise zone but holds control-system assets: ${labelled(misplaced)}.`;
      return [
        findingOf(this, {
          subject: h.zone.id,
          summary,
          zones: [h.zone.id],
          assets: ids(misplaced),
          evidence: [
            ...misplaced.slice(0, MAX_EVIDENCE).map((p) => assetLine(plant, p)),
            zoneLine(plant, h, `zone ${h.zone.id}: ${level(h.zone)}`),
          ],
        }),
      ];
    });
  },
};

export const safetySharesZone: Rule = {
  id: "PART-002",
  title: "Safety functions share a zone with basic control",
  severity: "high",
  contradicts: ["ZCR 3.3"],
  related: ["SR 5.1", "SR 5.1 RE 3"],
  description:
    "A safety instrumented system is the last layer between a process upset and harm. When its controller sits in one zone with PLCs, HMIs, engineering stations or servers, whoever takes over any of them reaches the safety controller without crossing a boundary, and the safety function falls with the control it is meant to back up. A zone designated safety-instrumented that holds ordinary controllers has the same flaw.",
  remediation:
    "Give the safety controllers a zone of their own behind their own conduit, with only the flows the basic control system needs to read their status; move ordinary controllers and supervisory hosts out of the safety zone.",
  check(ctx) {
    const plant = ctx.plant;
    return holdings(ctx).flatMap((h) => {
      const safety = h.assets.filter((p) => p.asset.role === "safety-controller");
      const basic = h.assets.filter((p) => BASIC_CONTROL_ROLES.has(p.asset.role));
      const instrumented = h.zone.characteristics?.safetyDesignation === "safety-instrumented";
      const ordinary = h.assets.filter((p) => NON_SAFETY_CONTROLLERS.has(p.asset.role));
      const shares = safety.length > 0 && basic.length > 0;
      const designated = instrumented && ordinary.length > 0;
      if (!shares && !designated) return [];
      const others = shares ? basic : ordinary;
      const summary = shares
        ? `Zone ${h.zone.id}${instrumented ? ", designated safety-instrumented," : ""} holds safety controller${safety.length > 1 ? "s" : ""} ${listed(ids(safety))} together with basic-control and supervisory assets ${labelled(basic)}.`
        : `Zone ${h.zone.id} is designated safety-instrumented, yet holds controllers that are not safety controllers: ${labelled(ordinary)}.`;
      return [
        findingOf(this, {
          subject: h.zone.id,
          summary,
          zones: [h.zone.id],
          assets: ids([...safety, ...others]),
          evidence: [
            ...[...safety, ...others].slice(0, MAX_EVIDENCE).map((p) => assetLine(plant, p)),
            zoneLine(
              plant,
              h,
              `zone ${h.zone.id}${h.zone.characteristics?.safetyDesignation ? `: safety designation ${h.zone.characteristics.safetyDesignation}` : ""}`,
            ),
          ],
        }),
      ];
    });
  },
};

/** Why an asset counts as connected in a way its zone is not made for, and the lines that say so. */
interface Connected {
  placed: Placed;
  reasons: string[];
  evidence: Evidence[];
}

const DECLARED: Record<ConnectionKind, string> = {
  temporary: "declared as connected temporarily",
  wireless: "declared as connected by wireless",
  "external-network": "declared as connected through an external network",
};

/**
 * The assets of `h` connected by `kind`: those plant.yaml declares so (`connection`), and those an access point of
 * the given kinds names, plus what `more` adds. Each with its reasons and evidence.
 */
function connectedBy(
  plant: Plant,
  h: Holding,
  kind: ConnectionKind,
  accessPointKinds: readonly AccessPoint["kind"][],
  more: (p: Placed, add: (reason: string, e: Evidence) => void) => void = () => {},
): Connected[] {
  const out: Connected[] = [];
  const points = plant.spec.system?.accessPoints ?? [];
  for (const p of h.assets) {
    // The asset's own line first: it says where the asset is, and how it connects when plant.yaml says so.
    const c: Connected = { placed: p, reasons: [], evidence: [assetLine(plant, p)] };
    const add = (reason: string, e: Evidence) => {
      c.reasons.push(reason);
      c.evidence.push(e);
    };
    if (p.asset.connection.includes(kind)) c.reasons.push(DECLARED[kind]);
    more(p, add);
    points.forEach((ap, i) => {
      if (ap.asset === p.asset.id && accessPointKinds.includes(ap.kind))
        add(
          `it is the ${ap.kind} access point ${ap.id}`,
          accessPointAt(plant, i, `access point ${ap.id} (${ap.kind}): ${p.asset.id}`),
        );
    });
    if (c.reasons.length > 0) out.push(c);
  }
  return out;
}

const reasonsOf = (cs: readonly Connected[]) =>
  listed(cs.map((c) => `${c.placed.asset.id} (${c.reasons.join("; ")})`));

/** One finding per zone holding devices connected by `kind` that the zone is not dedicated to. */
function connectionFindings(
  rule: Rule,
  ctx: AnalysisContext,
  kind: ConnectionKind,
  zones: (z: Zone) => boolean,
  accessPointKinds: readonly AccessPoint["kind"][],
  words: { what: string; zone: string },
  more?: (p: Placed, add: (reason: string, e: Evidence) => void) => void,
) {
  const plant = ctx.plant;
  return holdings(ctx).flatMap((h) => {
    if (!zones(h.zone) || dedicatedTo(h.zone, kind)) return [];
    const found = connectedBy(plant, h, kind, accessPointKinds, more);
    if (found.length === 0) return [];
    return [
      findingOf(rule, {
        subject: h.zone.id,
        summary: `Zone ${h.zone.id} (${level(h.zone)}) holds ${words.what}: ${reasonsOf(found)}. The zone is not set aside for ${words.zone}.`,
        zones: [h.zone.id],
        assets: found.map((c) => c.placed.asset.id),
        evidence: [
          ...found.flatMap((c) => c.evidence).slice(0, MAX_EVIDENCE),
          zoneLine(plant, h, `zone ${h.zone.id}: not dedicated to ${kind}`),
        ],
      }),
    ];
  });
}

export const temporaryInPermanentZone: Rule = {
  id: "PART-003",
  title: "Temporarily connected devices in a zone made for permanent ones",
  severity: "medium",
  contradicts: ["ZCR 3.4"],
  related: ["SR 2.3", "SR 5.1"],
  description:
    "Service laptops, commissioning tools and other devices that are plugged in for a while spend the rest of their time on other networks, often other sites' and the internet. Attached to a zone of permanent equipment they bring whatever they picked up straight inside its boundary. A zone of their own, with a conduit into the permanent zones, lets the site check and limit them when they connect.",
  remediation:
    "Give temporarily connected devices a zone of their own (a maintenance or service segment) with a conduit that carries only what they need; if the zone they are in is made for them, record it in its characteristics (dedicatedTo: [temporary]).",
  check(ctx) {
    return connectionFindings(this, ctx, "temporary", () => true, [], {
      what: "devices that are connected only at times",
      zone: "temporarily connected devices",
    });
  },
};

export const wirelessInWiredZone: Rule = {
  id: "PART-004",
  title: "Wireless devices in a zone made for wired ones",
  severity: "medium",
  contradicts: ["ZCR 3.5"],
  related: ["SR 1.6", "SR 2.2", "SR 5.1"],
  description:
    "A wireless link reaches past walls and fences: anyone within radio range can try to join it, listen to it or jam it. Wireless devices in the same zone as wired equipment make the zone's boundary as wide as the radio's reach. A zone of their own, with a conduit into the wired zones, keeps that exposure at a boundary the site controls.",
  remediation:
    "Put wireless devices and access points in a zone of their own with a conduit to the wired zones that carries only their flows; if the zone they are in is made for them, record it in its characteristics (dedicatedTo: [wireless]).",
  check(ctx) {
    return connectionFindings(this, ctx, "wireless", () => true, ["wireless"], {
      what: "wireless devices",
      zone: "wireless devices",
    });
  },
};

export const externallyConnectedInOtZone: Rule = {
  id: "PART-005",
  title: "Devices reached through external networks inside a control-system zone",
  severity: "high",
  contradicts: ["ZCR 3.6"],
  related: ["SR 1.13", "SR 5.1", "SR 5.1 RE 2"],
  description:
    "A cellular router, a vendor's service gateway or any device with a link to a public or third-party network is a way into the plant that does not pass the site's zone firewalls. Inside a control-system zone it puts the outside one hop from the controllers. A zone of its own for such devices, with a conduit into the control zones, puts a boundary the site controls between the outside and the process.",
  remediation:
    "Move externally connected devices (cellular routers, vendor gateways, devices with their own WAN link) into a zone of their own, with a conduit into the control zone that carries only the flows they need and is enforced by a firewall; if the zone they are in is made for them, record it in its characteristics (dedicatedTo: [external-network]).",
  check(ctx) {
    const plant = ctx.plant;
    // The conduits to networks outside the plant, with their lines, by the assets that enforce them.
    const enforced = new Map<string, { id: string; index: number }[]>();
    plant.spec.conduits.forEach((c, index) => {
      if (!c.zones.includes(EXTERNAL)) return;
      for (const a of c.enforcedBy) enforced.set(a, [...(enforced.get(a) ?? []), { id: c.id, index }]);
    });
    return connectionFindings(
      this,
      ctx,
      "external-network",
      isOt,
      ["cellular"],
      { what: "devices connected to networks outside the plant", zone: "externally connected devices" },
      (p, add) => {
        for (const c of enforced.get(p.asset.id) ?? [])
          add(
            `it enforces conduit ${c.id} to external networks`,
            declaredAt(plant, "conduits", c.index, `conduit ${c.id}: external, enforced by ${p.asset.id}`),
          );
      },
    );
  },
};
