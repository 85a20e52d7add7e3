/**
 * Cross-reference checks of plant.yaml: ids that must exist, ids that must be unique, subnets that must not
 * overlap. They run on the raw value, so that they report even when the schema check failed elsewhere:
 * a person fixing the file sees every problem in one run.
 */
import ipaddr from "ipaddr.js";
import { suggest } from "../model/ids.js";
import { ASSET_ROLES, conduitEndOf, EXTERNAL, EXTERNAL_IN_PLANT } from "../model/plant.js";
import { formatPath, type ProblemCode } from "../model/problem.js";
import { append } from "./append.js";
import type { ReferenceProblem } from "./yaml-file.js";

type Raw = Record<string, unknown>;

const list = (root: Raw, key: string): Raw[] =>
  Array.isArray(root[key])
    ? (root[key] as unknown[]).map((x) => (x && typeof x === "object" ? (x as Raw) : {}))
    : [];

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

export function checkPlantReferences(value: unknown): ReferenceProblem[] {
  if (!value || typeof value !== "object") return [];
  const root = value as Raw;
  const problems: ReferenceProblem[] = [];
  const err = (code: ProblemCode, path: PropertyKey[], message: string): void => {
    problems.push({ path, code, message, severity: "error" });
  };

  const ids = (section: string): Set<string> => {
    const seen = new Map<string, number>();
    for (const [i, item] of list(root, section).entries()) {
      const id = str(item.id);
      if (id === undefined) continue;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, i);
      else
        err(
          "duplicate-id",
          [section, i, "id"],
          `duplicate id "${id}", first used at ${formatPath([section, first])}`,
        );
    }
    return new Set(seen.keys());
  };
  const zones = ids("zones");
  for (const [i, z] of list(root, "zones").entries())
    if (str(z.id) === EXTERNAL_IN_PLANT)
      err(
        "invalid-value",
        ["zones", i, "id"],
        `"${EXTERNAL_IN_PLANT}" is reserved for the networks outside every zone`,
      );
  // A conduit may join a zone to the networks outside every declared zone: deliberate external exposure.
  const conduitEnds = new Set([...zones, EXTERNAL_IN_PLANT, EXTERNAL]);
  const conduits = ids("conduits");
  const assets = ids("assets");
  const vendors = ids("vendors");
  ids("remoteAccess");
  const assetsOrZones = new Set([...assets, ...zones]);

  // Each reference: the section, the field naming other records (one id or a list), and what it must name.
  const references: [section: string, field: string, known: Set<string>, what: string][] = [
    ["conduits", "zones", conduitEnds, "zone"],
    ["conduits", "enforcedBy", assets, "asset"],
    ["assets", "zone", zones, "zone"],
    ["accounts", "system", assets, "asset"],
    ["backups", "system", assets, "asset"],
    ["vendors", "supports", assets, "asset"],
    ["remoteAccess", "vendor", vendors, "vendor"],
    ["remoteAccess", "via", assets, "asset"],
    ["remoteAccess", "targets", assetsOrZones, "asset or zone"],
  ];
  for (const [section, field, known, what] of references) {
    for (const [i, item] of list(root, section).entries()) {
      const named = item[field];
      const entries: [PropertyKey[], unknown][] = Array.isArray(named)
        ? named.map((id, j) => [[section, i, field, j], id])
        : [[[section, i, field], named]];
      for (const [path, id] of entries) {
        if (typeof id === "string" && !known.has(id))
          err("unknown-reference", path, `unknown ${what} "${id}"${suggest(id, known)}`);
      }
    }
  }

  for (const [i, c] of list(root, "conduits").entries()) {
    const pair = strings(c.zones).map(conduitEndOf);
    if (pair.length === 2 && pair[0] === pair[1])
      err("invalid-value", ["conduits", i, "zones"], "a conduit joins two different zones");
    // Flow ends are checked only against known zones: an unknown zone above is the one mistake to report.
    if (!pair.every((z) => conduitEnds.has(z))) continue;
    for (const [j, f] of list(c, "flows").entries()) {
      for (const end of ["from", "to"] as const) {
        const z = str(f[end]);
        if (z !== undefined && !pair.includes(conduitEndOf(z))) {
          err(
            "unknown-reference",
            ["conduits", i, "flows", j, end],
            `zone "${z}" is not one of this conduit's zones (${pair.join(", ")})`,
          );
        }
      }
      append(problems, flowParties(f, pair, ["conduits", i, "flows", j], list(root, "assets")));
    }
  }

  // An SL-C caps a zone's SL-A only where a component of a known role sits in a zone: say when it cannot.
  for (const [i, a] of list(root, "assets").entries()) {
    if (a.capability === undefined) continue;
    const role = str(a.role) ?? "unknown";
    const why =
      str(a.zone) === undefined
        ? "the asset is in no zone"
        : role === "unknown"
          ? "its role is unknown, so nobody can say which FRs' capability it must provide: give it a role"
          : undefined;
    if (why)
      problems.push({
        path: ["assets", i, "capability"],
        code: "no-effect",
        severity: "warning",
        message: `this SL-C caps no zone's SL-A: ${why}`,
      });
  }
  for (const [i, a] of list(root, "assets").entries())
    for (const [j, iface] of list(a, "interfaces").entries()) {
      const z = str(iface.zone);
      if (z !== undefined && !zones.has(z))
        err(
          "unknown-reference",
          ["assets", i, "interfaces", j, "zone"],
          `unknown zone "${z}"${suggest(z, zones)}`,
        );
    }
  // What each capture saw (evidence.captures): zones and conduits the file declares.
  const evidence = root.evidence && typeof root.evidence === "object" ? (root.evidence as Raw) : {};
  for (const [i, c] of list(evidence, "captures").entries()) {
    for (const [field, known, what] of [
      ["zones", zones, "zone"],
      ["conduits", conduits, "conduit"],
    ] as const) {
      for (const [j, id] of (Array.isArray(c[field]) ? (c[field] as unknown[]) : []).entries())
        if (typeof id === "string" && !known.has(id))
          err(
            "unknown-reference",
            ["evidence", "captures", i, field, j],
            `unknown ${what} "${id}"${suggest(id, known)}`,
          );
    }
  }

  append(problems, systemReferences(root, zones, conduits, assets));
  append(problems, overlappingSubnets(list(root, "zones")));
  append(problems, assetsOutsideTheirZone(list(root, "zones"), list(root, "assets")));
  return problems;
}

/**
 * The system under consideration: the zones it holds and the outside zones it trusts are declared zones, and
 * apart; its access points name declared conduits and assets.
 */
function systemReferences(
  root: Raw,
  zones: Set<string>,
  conduits: Set<string>,
  assets: Set<string>,
): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  const system = root.system && typeof root.system === "object" ? (root.system as Raw) : null;
  if (!system) return out;
  const unknown = (path: PropertyKey[], what: string, id: string, known: Set<string>): void => {
    out.push({
      path,
      code: "unknown-reference",
      severity: "error",
      message: `unknown ${what} "${id}"${suggest(id, known)}`,
    });
  };
  const inside = new Set(strings(system.zones));
  for (const [j, id] of (Array.isArray(system.zones) ? (system.zones as unknown[]) : []).entries())
    if (typeof id === "string" && !zones.has(id)) unknown(["system", "zones", j], "zone", id, zones);
  for (const [j, e] of list(system, "external").entries()) {
    const id = str(e.zone);
    if (id === undefined) continue;
    if (!zones.has(id)) unknown(["system", "external", j, "zone"], "zone", id, zones);
    else if (inside.has(id))
      out.push({
        path: ["system", "external", j, "zone"],
        code: "invalid-value",
        severity: "error",
        message: `zone "${id}" is inside the system under consideration (system.zones), so it cannot also be outside it`,
      });
  }
  for (const [j, a] of list(system, "accessPoints").entries()) {
    const conduit = str(a.conduit);
    if (conduit !== undefined && !conduits.has(conduit))
      unknown(["system", "accessPoints", j, "conduit"], "conduit", conduit, conduits);
    const asset = str(a.asset);
    if (asset !== undefined && !assets.has(asset))
      unknown(["system", "accessPoints", j, "asset"], "asset", asset, assets);
  }
  return out;
}

/**
 * A declared flow's initiators and responders: each an asset id or an asset role. An id must name an asset of the
 * zone the flow starts from (initiators) or goes to (responders), or the flow could never match it; a role that no
 * asset of that zone has names nobody.
 */
function flowParties(flow: Raw, pair: string[], at: PropertyKey[], assets: Raw[]): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  const byId = new Map(assets.map((a) => [str(a.id), a] as const));
  const roles: ReadonlySet<string> = new Set(ASSET_ROLES);
  for (const [field, end, what] of [
    ["initiators", "from", "initiator"],
    ["responders", "to", "responder"],
  ] as const) {
    // An end outside the conduit's zones is the one mistake reported above.
    const end_ = str(flow[end]) === undefined ? undefined : conduitEndOf(str(flow[end])!);
    const zone = end_ !== undefined && pair.includes(end_) ? end_ : undefined;
    for (const [k, name] of (Array.isArray(flow[field]) ? (flow[field] as unknown[]) : []).entries()) {
      if (typeof name !== "string") continue;
      const path = [...at, field, k];
      const asset = byId.get(name);
      if (asset) {
        const home = str(asset.zone);
        if (zone !== undefined && home !== zone)
          out.push({
            path,
            code: "outside-zone",
            severity: "error",
            message: `${what} "${name}" is ${home ? `in zone "${home}"` : "in no zone"}, not in "${zone}", where this flow ${end === "from" ? "starts" : "ends"}`,
          });
      } else if (roles.has(name)) {
        if (zone !== undefined && !assets.some((a) => str(a.role) === name && str(a.zone) === zone))
          out.push({
            path,
            code: "no-effect",
            severity: "warning",
            message: `no asset of role "${name}" in zone "${zone}": this ${what} names nobody`,
          });
      } else {
        const known = [...byId.keys()].filter((x): x is string => x !== undefined);
        out.push({
          path,
          code: "unknown-reference",
          severity: "error",
          message: `unknown asset or role "${name}"${suggest(name, [...known, ...roles])}`,
        });
      }
    }
  }
  return out;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseCidr(s: unknown): Range | undefined {
  return typeof s === "string" && ipaddr.isValidCIDR(s) ? ipaddr.parseCIDR(s) : undefined;
}

function overlaps(a: Range, b: Range): boolean {
  if (a[0].kind() !== b[0].kind()) return false;
  return a[0].match(b) || b[0].match(a);
}

function overlappingSubnets(zones: Raw[]): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  const seen: { zone: string; cidr: string; range: Range }[] = [];
  zones.forEach((z, i) => {
    strings(z.subnets).forEach((cidr, j) => {
      const range = parseCidr(cidr);
      if (!range) return;
      for (const other of seen) {
        if (overlaps(range, other.range)) {
          out.push({
            path: ["zones", i, "subnets", j],
            code: "subnet-overlap",
            severity: "error",
            message: `subnet ${cidr} overlaps ${other.cidr} of zone "${other.zone}"; an address must belong to one zone`,
          });
        }
      }
      seen.push({ zone: str(z.id) ?? `#${i}`, cidr, range });
    });
  });
  return out;
}

function assetsOutsideTheirZone(zones: Raw[], assets: Raw[]): ReferenceProblem[] {
  const subnetsOf = new Map<string, Range[]>();
  for (const z of zones) {
    const id = str(z.id);
    if (id)
      subnetsOf.set(
        id,
        strings(z.subnets)
          .map(parseCidr)
          .filter((r): r is Range => r !== undefined),
      );
  }
  /** A warning when `ip` is a valid address outside the subnets of zone `zone` (which must have some). */
  const outside = (ip: string | undefined, zone: string | undefined, path: PropertyKey[], also = "") => {
    const ranges = subnetsOf.get(zone ?? "");
    if (!ranges || ranges.length === 0 || ip === undefined || !ipaddr.isValid(ip)) return [];
    const addr = ipaddr.process(ip);
    if (ranges.some((r) => addr.kind() === r[0].kind() && addr.match(r))) return [];
    const message = `${ip} is outside the subnets of zone "${zone}"${also}`;
    return [{ path, code: "outside-zone" as const, severity: "warning" as const, message }];
  };
  return assets.flatMap((a, i) => [
    ...strings(a.ips).flatMap((ip, j) => outside(ip, str(a.zone), ["assets", i, "ips", j])),
    // An interface faces the zone it names; outside that zone's subnets it faces another.
    ...list(a, "interfaces").flatMap((iface, j) =>
      outside(
        str(iface.ip),
        str(iface.zone),
        ["assets", i, "interfaces", j, "ip"],
        ", which this interface names",
      ),
    ),
  ]);
}
