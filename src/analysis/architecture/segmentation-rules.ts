/**
 * The zone matrix held against the declared conduits: SEG-001 zones the firewalls connect without a conduit,
 * SEG-002 conduits that permit more than they declare, SEG-003 observed flows between zones with no conduit,
 * SEG-004 observed flows outside the declared flows of their conduit: on a service it does not declare, between
 * hosts its flows do not name, or carrying operations its flows do not permit (declared-flows.ts decides).
 */
import type { Evidence } from "../../model/evidence.js";
import { EXTERNAL } from "../../model/plant.js";
import type { ZoneMatrixCell } from "../../model/zone-matrix.js";
import type { AnalysisContext } from "../context.js";
import { declaredAt } from "../plant-lookup.js";
import { findingOf, type Rule } from "../rule.js";
import { permittedBy } from "./zone-matrix.js";

const MAX_EVIDENCE = 12;

/** Pairs in scope of the IACS: at least one side is a declared zone at level 3.5 or below. */
function inScope(ctx: AnalysisContext, cell: ZoneMatrixCell): boolean {
  const zones = ctx.zones;
  const level = (id: string) => zones.byId.get(id)?.level ?? null;
  const ot = (id: string) => id !== EXTERNAL && (level(id) ?? 99) <= 3.5;
  return ot(cell.from) || ot(cell.to);
}

function ruleEvidence(
  cell: ZoneMatrixCell,
  only?: (s: ZoneMatrixCell["permitted"][number]) => boolean,
): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const s of cell.permitted.filter(only ?? (() => true)))
    for (const r of s.rules) {
      const key = `${r.file}:${r.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind: "line", file: r.file, line: r.line, note: r.text });
    }
  return out.slice(0, MAX_EVIDENCE);
}

function services(cell: ZoneMatrixCell, pick: (s: ZoneMatrixCell["permitted"][number]) => string[]): string {
  const list = [...new Set(cell.permitted.flatMap(pick))];
  return list.length > 10 ? `${list.slice(0, 10).join(", ")} and ${list.length - 10} more` : list.join(", ");
}

function conduitEvidence(ctx: AnalysisContext, id: string | null): Evidence[] {
  const i = ctx.plant.spec.conduits.findIndex((c) => c.id === id);
  return i >= 0 ? [declaredAt(ctx.plant, "conduits", i, `conduit ${id}`)] : [];
}

const zonesOf = (cell: ZoneMatrixCell) => [cell.from, cell.to].filter((z) => z !== EXTERNAL);

export const reachableWithoutConduit: Rule = {
  id: "SEG-001",
  title: "Firewall rules connect zones that no conduit connects",
  severity: "high",
  contradicts: ["SR 5.2"],
  related: ["SR 5.1", "SR 5.2 RE 1"],
  description:
    "Every communication between zones must pass a declared conduit with its own requirements. Rules that let one zone reach another with no conduit between them mean the zone model on paper and the network disagree: the boundary is not where the risk assessment assumed.",
  remediation:
    "Remove the rules, or declare the conduit in plant.yaml with the flows it must carry, assess its risk, and narrow the rules to those flows.",
  check(ctx) {
    return ctx.zoneMatrix.cells
      .filter((c) => c.status === "permitted" && c.conduit === null && inScope(ctx, c))
      .map((c) =>
        findingOf(this, {
          subject: `${c.from}>${c.to}`,
          summary: `${permittedBy(c.permitted)} ${c.from} to reach ${c.to} (${services(c, (s) => [s.service])}) though no conduit connects the two zones.`,
          zones: zonesOf(c),
          crossings: [c],
          evidence: ruleEvidence(c),
        }),
      );
  },
};

export const conduitPermitsMore: Rule = {
  id: "SEG-002",
  title: "Conduit permits more than it declares",
  severity: "medium",
  contradicts: ["SR 5.2 RE 1"],
  related: ["SR 5.2"],
  description:
    "The firewall rules of a conduit admit services, or a direction, that its declared flows do not include. The conduit's security level was assessed for the declared flows; the extra ones were never assessed.",
  remediation:
    "Narrow the rules to the conduit's declared flows, or declare (and assess) the extra flows if they are needed.",
  check(ctx) {
    return ctx.zoneMatrix.cells
      .filter(
        (c) =>
          c.status === "permitted" && c.conduit !== null && c.permitted.some((s) => s.beyondConduit.length),
      )
      .map((c) =>
        findingOf(this, {
          subject: `${c.conduit}:${c.from}>${c.to}`,
          summary: `Conduit ${c.conduit} declares ${c.declared.length ? c.declared.join(", ") : "no flow"} from ${c.from} to ${c.to}, but the rules also permit ${services(c, (s) => s.beyondConduit)}.`,
          zones: zonesOf(c),
          crossings: [c],
          evidence: [
            ...ruleEvidence(c, (s) => s.beyondConduit.length > 0),
            ...conduitEvidence(ctx, c.conduit),
          ],
        }),
      );
  },
};

function crossings(cell: ZoneMatrixCell, declaredToo: boolean): ZoneMatrixCell["observed"] {
  return cell.observed.filter((o) => declaredToo || !o.declared);
}

/** Writes, commands and program changes change the process: their frames prove an undeclared crossing best. */
const CHANGING = new Set(["write", "control", "program"]);
/** Frames cited per crossing. */
const FRAMES_PER_CROSSING = 3;

const changing = (o: ZoneMatrixCell["observed"][number]) =>
  o.operations.filter((x) => CHANGING.has(x.category));

/** Each crossing with its hosts, why the declared flows do not cover it (`why`), and what it changed. */
function describeCrossings(list: ZoneMatrixCell["observed"], why: boolean): string {
  const parts = list.map((o) => {
    const ops = [...new Set(changing(o).map((x) => `${x.category} ${x.name}`))];
    const what = [
      ...(why && o.reason !== null ? [o.reason] : []),
      ...(ops.length
        ? [`${ops.slice(0, 4).join(", ")}${ops.length > 4 ? ` and ${ops.length - 4} more` : ""}`]
        : []),
    ];
    return `${o.protocol ?? o.transport}${o.port !== null ? ` ${o.transport}/${o.port}` : ""} (${o.clients.slice(0, 3).join(", ")} to ${o.servers.slice(0, 3).join(", ")}${o.flows > 1 ? `, ${o.flows} flows` : ""}${what.length ? `: ${what.join("; ")}` : ""})`;
  });
  return parts.length > 8 ? `${parts.slice(0, 8).join("; ")} and ${parts.length - 8} more` : parts.join("; ");
}

/**
 * The frames that show each crossing: the first request of each write, command or program change on it that the
 * declared flows do not permit, else the crossing's first frame.
 */
function crossingEvidence(list: ZoneMatrixCell["observed"]): Evidence[] {
  return list.flatMap((o): Evidence[] => {
    const ops = changing(o).slice(0, FRAMES_PER_CROSSING);
    if (ops.length === 0)
      return [
        {
          ...o.example,
          note: `${o.protocol ?? o.transport} ${o.clients[0]} -> ${o.servers[0]}:${o.port ?? ""}`,
        },
      ];
    return ops.map((x) => ({
      ...x.example,
      note: `${x.protocol} ${x.name} (${x.category}) ${x.client} -> ${x.server}`,
    }));
  });
}

export const flowWithoutConduit: Rule = {
  id: "SEG-003",
  title: "Observed traffic between zones that no conduit connects",
  severity: "high",
  contradicts: ["SR 5.2"],
  related: ["SR 5.1", "SR 6.2"],
  description:
    "The captures show hosts of one zone talking to hosts of another, or to external networks, where plant.yaml declares no conduit. Either the zone model is incomplete or the boundary does not hold.",
  remediation:
    "Find out why the flow exists: stop it at the boundary if it is not needed, otherwise declare the conduit and the flow and protect them to the conduit's security level.",
  check(ctx) {
    return ctx.zoneMatrix.cells
      .filter((c) => c.conduit === null && crossings(c, true).length && inScope(ctx, c))
      .map((c) => {
        const list = crossings(c, true);
        return findingOf(this, {
          subject: `${c.from}>${c.to}`,
          summary: `Flows from ${c.from} to ${c.to}, which no conduit connects: ${describeCrossings(list, false)}.`,
          zones: zonesOf(c),
          crossings: [c],
          evidence: crossingEvidence(list).slice(0, MAX_EVIDENCE),
        });
      });
  },
};

export const flowOutsideConduit: Rule = {
  id: "SEG-004",
  title: "Observed traffic outside the declared flows of its conduit",
  severity: "medium",
  contradicts: ["SR 5.2"],
  related: ["SR 6.2"],
  description:
    "The captures show flows between two zones that a conduit connects that its declared flows do not cover: a service the conduit does not declare, a host its flows do not name as initiator or responder, or an operation (a write, a command, a program download) its flows do not permit. The conduit carries more than was assessed.",
  remediation:
    "Block the undeclared services and hosts at the conduit's firewall (and writes or program downloads at an application-aware one, or at the controller's own access protection), or declare and assess them if they are needed.",
  check(ctx) {
    return ctx.zoneMatrix.cells
      .filter((c) => c.conduit !== null && crossings(c, false).length)
      .map((c) => {
        const list = crossings(c, false);
        return findingOf(this, {
          subject: `${c.conduit}:${c.from}>${c.to}`,
          summary: `Conduit ${c.conduit} declares ${c.declared.length ? c.declared.join(", ") : "no flow"} from ${c.from} to ${c.to}; the captures also show ${describeCrossings(list, true)}.`,
          zones: zonesOf(c),
          crossings: [c],
          evidence: [...crossingEvidence(list).slice(0, MAX_EVIDENCE), ...conduitEvidence(ctx, c.conduit)],
        });
      });
  },
};
