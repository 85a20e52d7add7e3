/**
 * The zone reachability matrix. For every ordered pair of zones (the external networks included) and every
 * firewall with interfaces towards both, the packets from the first zone's subnets to the second's, as new
 * connections, are run through the firewall's rule sets (evaluate.ts); what is permitted is summarised per
 * service and permitting rule, held against the conduit plant.yaml declares for the pair, and put beside the
 * flows the captures saw crossing, each judged declared or not by declared-flows.ts (service, initiators and
 * responders, permitted operations). Host firewalls of declared assets narrow what reaches those assets.
 */
import {
  ANY_ADDRESS,
  containsAddress,
  formatAddresses,
  parseAddressList,
  subtractAddresses,
} from "../../model/address-ranges.js";
import type { CaptureReport, ObservedFlow, ObservedOperation } from "../../model/capture.js";
import type { AssetDeclaration, Conduit, Plant } from "../../model/plant.js";
import type {
  ObservedCrossing,
  PermittedService,
  RuleRef,
  ZoneMatrix,
  ZoneMatrixCell,
} from "../../model/zone-matrix.js";
import { addressesOfAsset, describeServices, deviceAsset, projection } from "../firewall/audit.js";
import { type CompiledConfig, cubesOf, NEW_CONNECTIONS, OTHER_INTERFACE } from "../firewall/compile.js";
import { type Cube, FULL_SVC, restrict, type SvcBox, svcSubtract } from "../firewall/cubes.js";
import { evaluatePath, type PermittedPiece } from "../firewall/evaluate.js";
import type { FirewallFacts } from "../firewall/firewall-facts.js";
import { serviceAt } from "../firewall/service-catalog.js";
import {
  SERVICE_CATALOGUE as CATALOGUE,
  conduitBetween,
  flowBoxes,
  flowLabel,
  flowsFromTo,
  judgeFlow,
  type OperationIndex,
} from "./declared-flows.js";
import type { PlantZones, ZoneView } from "./plant-zones.js";

/** Not unicast to a host in some zone: multicast, broadcast, link-local, unspecified. */
export function isNonUnicast(ip: string): boolean {
  return (
    ip === "255.255.255.255" || ip === "0.0.0.0" || ip === "::" || containsAddress(NON_MULTICAST_OR_LINK, ip)
  );
}

const NON_MULTICAST_OR_LINK = parseAddressList([
  "224.0.0.0/4",
  "169.254.0.0/16",
  "ff00::/8",
  "fe80::/10",
]).ranges;

/** `firewalls/fw-ot.conf permits` / `a, b permit`: the configurations whose rules let these entries through. */
export function permittedBy(entries: readonly PermittedService[]): string {
  const files = [...new Set(entries.flatMap((e) => e.rules.map((r) => r.file)))];
  return `${files.join(", ")} permit${files.length === 1 ? "s" : ""}`;
}

// What the firewall audit holds permitted services against; the one definition is in declared-flows.ts.
export { conduitBetween };

/** The service boxes a conduit declares from zone `from` to zone `to`, whoever the flows name as their ends. */
export function declaredBoxes(
  conduit: Conduit | undefined,
  from: string,
  to: string,
): { boxes: SvcBox[]; labels: string[] } {
  const flows = flowsFromTo(conduit, from, to);
  return { boxes: flows.flatMap(flowBoxes), labels: [...new Set(flows.map(flowLabel))] };
}

function ruleRef(r: { file: string; line: number; text: string }): RuleRef {
  return { file: r.file, line: r.line, text: r.text };
}

/** Boxes with equal protocols and source ports and touching destination ports become one (for reading). */
function coalesce(boxes: readonly SvcBox[]): SvcBox[] {
  const sorted = [...boxes].sort(
    (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4],
  );
  const out: [number, number, number, number, number, number][] = [];
  for (const b of sorted) {
    const last = out.at(-1);
    if (
      last &&
      last[0] === b[0] &&
      last[1] === b[1] &&
      last[2] === b[2] &&
      last[3] === b[3] &&
      b[4] <= last[5] + 1
    )
      last[5] = Math.max(last[5], b[5]);
    else out.push([...b]);
  }
  return out;
}

/** `any`, `any except tcp/80, tcp/443`, or the services listed: the shortest true description of a set. */
function describeSet(boxes: readonly SvcBox[]): string {
  const missing = svcSubtract([FULL_SVC], boxes);
  if (missing.length === 0) return "any";
  const broad = boxes.some((b) => b[1] > b[0]);
  if (broad && missing.length <= 6) return `any except ${describeServices(coalesce(missing)).join(", ")}`;
  return describeServices(coalesce(boxes), 12).join(", ");
}

function serviceName(boxes: readonly SvcBox[]): string | null {
  const names = new Set<string | null>();
  for (const box of boxes) {
    const t = box[1] === box[0] ? (box[0] === 6 ? "tcp" : box[0] === 17 ? "udp" : null) : null;
    const hit = t
      ? CATALOGUE.find((s) => s.transport === t && box[4] >= s.ports[0] && box[5] <= s.ports[1])
      : undefined;
    names.add(hit?.name ?? null);
  }
  return names.size === 1 ? [...names][0]! : null;
}

/** Permitted pieces to matrix entries: one per chain of permitting rules, with the services it lets through. */
function entries(pieces: PermittedPiece[], declared: SvcBox[]): { list: PermittedService[]; exact: boolean } {
  const byRules = new Map<string, { rules: RuleRef[]; cubes: Cube[] }>();
  let exact = true;
  for (const p of pieces) {
    const rules = p.decidedBy.filter((d) => d.rule !== null).map((d) => ruleRef(d.rule!));
    const open = (r: (typeof p.decidedBy)[number]["rule"]) =>
      r !== null &&
      (r.unmodelled.length > 0 || r.sources.unresolved.length > 0 || r.destinations.unresolved.length > 0);
    if (p.decidedBy.some((d) => open(d.rule))) exact = false;
    const key = rules.map((r) => `${r.file}:${r.line}`).join(",");
    const e = byRules.get(key) ?? { rules, cubes: [] };
    e.cubes.push(...p.cubes);
    byRules.set(key, e);
  }
  const list = [...byRules.values()]
    .map((e) => {
      const boxes = e.cubes.flatMap((c) => c.svc);
      const beyond = svcSubtract(coalesce(boxes), declared);
      const described = describeSet(boxes);
      return {
        service: described,
        name: serviceName(boxes),
        sources: formatAddresses(projection(e.cubes, "src")),
        destinations: formatAddresses(projection(e.cubes, "dst")),
        rules: e.rules,
        beyondConduit:
          beyond.length === 0
            ? []
            : described.startsWith("any")
              ? ["any other service"]
              : [describeSet(beyond)],
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service, "en", { numeric: true }));
  return { list, exact };
}

interface Path {
  config: CompiledConfig;
  from: string;
  to: string;
}

function pathsBetween(firewalls: readonly FirewallFacts[], a: string, b: string): Path[] {
  const out: Path[] = [];
  for (const f of firewalls) {
    const ins = f.interfaceZones.filter((m) => m.zones.includes(a)).map((m) => m.interface);
    const outs = f.interfaceZones.filter((m) => m.zones.includes(b)).map((m) => m.interface);
    for (const i of ins) for (const o of outs) if (i !== o) out.push({ config: f.compiled, from: i, to: o });
  }
  return out;
}

/** Host firewalls narrow what reaches their own addresses; pieces to other destinations pass unchanged. */
function throughHostFirewalls(
  plant: Plant,
  firewalls: readonly FirewallFacts[],
  from: string,
  pieces: PermittedPiece[],
): PermittedPiece[] {
  let out = pieces;
  for (const { compiled: c, interfaceZones: mapping } of firewalls) {
    const asset = deviceAsset(plant, c.config);
    const own = addressesOfAsset(asset);
    if (!own || !c.rulesets.some((rs) => rs.ruleset.bindings.some((b) => b.traffic === "input"))) continue;
    // Packets from zone `from` arrive on the interface facing it, else on the one facing the host's own zone.
    const facing = (zone: string | undefined) =>
      mapping.filter((m) => zone && m.zones.includes(zone)).map((m) => m.interface);
    const towards = facing(from).length ? facing(from) : facing(asset?.zone);
    // Nothing says which interface: any but the loopback one.
    const ingress: string[] = towards.length ? towards : [OTHER_INTERFACE];
    const next: PermittedPiece[] = [];
    for (const p of out) {
      const elsewhere = restrict(p.cubes, { dst: subtractAddresses(ANY_ADDRESS, own) });
      if (elsewhere.length) next.push({ cubes: elsewhere, decidedBy: p.decidedBy });
      const toHost = restrict(p.cubes, { dst: own });
      if (toHost.length === 0) continue;
      for (const i of ingress)
        for (const h of evaluatePath(c, "input", i, null, toHost))
          next.push({ cubes: h.cubes, decidedBy: [...p.decidedBy, ...h.decidedBy] });
    }
    out = next;
  }
  return out;
}

interface Traffic {
  flows: readonly ObservedFlow[];
  operations: OperationIndex;
  assetAt: (ip: string) => AssetDeclaration | undefined;
}

/** Operations cited per crossing: the first requests of each, enough to open in Wireshark. */
const OPERATIONS_CITED = 12;

function observedBetween(
  plant: Plant,
  traffic: Traffic,
  zones: PlantZones,
  a: ZoneView,
  b: ZoneView,
): ObservedCrossing[] {
  interface Group {
    flows: ObservedFlow[];
    declared: boolean;
    reasons: Set<string>;
    operations: Set<ObservedOperation>;
  }
  const groups = new Map<string, Group>();
  for (const f of traffic.flows) {
    if (f.transport === "ether" || isNonUnicast(f.server) || isNonUnicast(f.client)) continue;
    if (zones.zoneOf(f.client).id !== a.id || zones.zoneOf(f.server).id !== b.id) continue;
    const judged = judgeFlow(plant, zones, traffic.assetAt, traffic.operations, f);
    // Declared and undeclared flows of one service are separate crossings: a host that is not a declared
    // initiator, or an operation the flow does not permit, is outside the design although the port is not.
    const key = `${f.transport}/${f.serverPort ?? ""}/${f.protocol ?? ""}/${judged.declared}`;
    const g = groups.get(key) ?? {
      flows: [],
      declared: judged.declared,
      reasons: new Set(),
      operations: new Set(),
    };
    g.flows.push(f);
    // On a service the conduit declares, say why the flow is still outside (the host, the operation).
    if (judged.outsideBy === "parties" || judged.outsideBy === "operations") g.reasons.add(judged.reason!);
    for (const op of judged.outside) g.operations.add(op);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => {
      const first = [...g.flows].sort(
        (x, y) => x.firstSeen.localeCompare(y.firstSeen) || x.firstFrame - y.firstFrame,
      )[0]!;
      return {
        transport: first.transport,
        port: first.serverPort,
        protocol: first.protocol ?? serviceAt(CATALOGUE, first.transport, first.serverPort)?.name ?? null,
        flows: g.flows.length,
        clients: [...new Set(g.flows.map((f) => f.client))].sort(),
        servers: [...new Set(g.flows.map((f) => f.server))].sort(),
        example: { kind: "frame" as const, file: first.file, frame: first.firstFrame },
        declared: g.declared,
        reason: g.reasons.size ? [...g.reasons].sort().join("; ") : null,
        operations: [...g.operations]
          .sort((x, y) => changes(y) - changes(x) || x.firstFrame - y.firstFrame)
          .slice(0, OPERATIONS_CITED)
          .map((op) => ({
            protocol: op.protocol,
            name: op.name,
            category: op.category,
            count: op.count,
            client: op.client,
            server: op.server,
            example: { kind: "frame" as const, file: op.file, frame: op.firstFrame },
          })),
      };
    })
    .sort(
      (x, y) =>
        x.transport.localeCompare(y.transport) ||
        (x.port ?? 0) - (y.port ?? 0) ||
        Number(y.declared) - Number(x.declared),
    );
}

/** Writes, commands and program changes first: they are what an assessor opens the capture for. */
function changes(op: ObservedOperation): number {
  return op.category === "program" ? 3 : op.category === "control" ? 2 : op.category === "write" ? 1 : 0;
}

/** What each firewall lets from zone to zone, beside the conduits and the flows seen crossing. */
export function zoneMatrix(
  plant: Plant,
  zones: PlantZones,
  firewalls: readonly FirewallFacts[],
  capture: Pick<CaptureReport, "flows"> | null,
  operations: OperationIndex,
): ZoneMatrix {
  const all = [...zones.zones, zones.external];
  const declaredByIp = new Map<string, AssetDeclaration>();
  for (const asset of plant.spec.assets) for (const ip of asset.ips) declaredByIp.set(ip, asset);
  const traffic: Traffic = {
    flows: capture?.flows ?? [],
    operations,
    assetAt: (ip) => declaredByIp.get(ip),
  };
  const cells: ZoneMatrixCell[] = [];
  for (const a of all)
    for (const b of all) {
      if (a === b) continue;
      const conduit = conduitBetween(plant, a.id, b.id);
      const declared = declaredBoxes(conduit, a.id, b.id);
      const paths = pathsBetween(firewalls, a.id, b.id);
      const query = cubesOf(a.addresses, b.addresses, [FULL_SVC], [0, 0], [0, 0], NEW_CONNECTIONS);
      let pieces: PermittedPiece[] = [];
      for (const p of paths) pieces.push(...evaluatePath(p.config, "forward", p.from, p.to, query));
      pieces = throughHostFirewalls(plant, firewalls, a.id, pieces);
      const { list, exact } = entries(pieces, declared.boxes);
      cells.push({
        from: a.id,
        to: b.id,
        status: paths.length === 0 ? "ungoverned" : list.length ? "permitted" : "blocked",
        conduit: conduit?.id ?? null,
        declared: declared.labels,
        firewalls: [...new Set(paths.map((p) => p.config.config.file))],
        permitted: list,
        exact,
        observed: observedBetween(plant, traffic, zones, a, b),
      });
    }
  return {
    zones: all.map((z) => z.id),
    interfaces: firewalls.flatMap((f) =>
      f.interfaceZones.map((m) => ({ file: f.compiled.config.file, ...m })),
    ),
    cells,
  };
}
