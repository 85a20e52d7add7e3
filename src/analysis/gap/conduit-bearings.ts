/**
 * What the plant's records show in support of a conduit's requirements: the protections plant.yaml declares for
 * it, and the firewall configurations between its two zones when they let nothing through but the services it
 * declares. Support is shown beside an answer and never makes a requirement met on its own: a declaration may be
 * out of date, a configuration file may not be the one running, and a capture may still show what the rules should
 * stop. What counts against a conduit comes from the evidence crossing it (findings on its boundary, the writes and
 * observations on its flows; see boundary.ts).
 */
import type { Evidence } from "../../model/evidence.js";
import type { Conduit, Plant } from "../../model/plant.js";
import type { RuleRef, ZoneMatrix } from "../../model/zone-matrix.js";
import { declaredAt } from "../plant-lookup.js";
import type { Bearing } from "./bearing.js";

/** Rule lines cited for a conduit's firewalls: enough to open the rule base at the right place. */
const RULES_CITED = 8;

/** What each declared protection supports, and why. */
const PROTECTION_SUPPORT: Partial<
  Record<Conduit["protections"][number], { requirements: string[]; what: string }>
> = {
  firewall: { requirements: ["SR 5.2"], what: "a firewall controls what crosses its boundary" },
  "application-proxy": {
    requirements: ["SR 5.2"],
    what: "an application proxy controls what crosses its boundary",
  },
  "data-diode": { requirements: ["SR 5.2"], what: "a data diode lets traffic cross one way only" },
  "unidirectional-gateway": {
    requirements: ["SR 5.2"],
    what: "a unidirectional gateway lets traffic cross one way only",
  },
  vpn: {
    requirements: ["SR 3.1", "SR 3.1 RE 1", "SR 4.1", "SR 4.1 RE 2"],
    what: "a VPN encrypts and authenticates what crosses it",
  },
};

export function conduitBearings(plant: Plant, matrix: ZoneMatrix): Bearing[] {
  return plant.spec.conduits.flatMap((c, i) => [
    ...declaredSupport(plant, c, i),
    ...firewallSupport(plant, c, i, matrix),
  ]);
}

function declaredSupport(plant: Plant, c: Conduit, i: number): Bearing[] {
  const evidence = [declaredAt(plant, "conduits", i, `conduit ${c.id}`)];
  const by = c.enforcedBy.length > 0 ? ` (${c.enforcedBy.join(", ")})` : "";
  return c.protections.flatMap((p) => {
    const support = PROTECTION_SUPPORT[p];
    if (!support) return [];
    const summary = `plant.yaml declares ${p}${p === "firewall" ? by : ""} on conduit ${c.id}: ${support.what}.`;
    return support.requirements.map(
      (requirement): Bearing => ({ conduit: c.id, requirement, stance: "supports", summary, evidence }),
    );
  });
}

/**
 * Both directions between the conduit's zones pass firewall configurations otaudit read, every rule on the paths is
 * modelled, and what they let through lies within the conduit's declared services: the boundary is controlled
 * (SR 5.2) and admits only what the conduit allows (SR 5.2 RE 1).
 */
function firewallSupport(plant: Plant, c: Conduit, i: number, matrix: ZoneMatrix): Bearing[] {
  const [a, b] = c.zones;
  const cells = matrix.cells.filter((x) => (x.from === a && x.to === b) || (x.from === b && x.to === a));
  if (cells.length !== 2) return [];
  const governed = cells.every(
    (x) => x.status !== "ungoverned" && x.exact && x.permitted.every((s) => s.beyondConduit.length === 0),
  );
  if (!governed) return [];
  const files = [...new Set(cells.flatMap((x) => x.firewalls))];
  const rules = new Map<string, RuleRef>();
  for (const x of cells)
    for (const s of x.permitted) for (const r of s.rules) rules.set(`${r.file}:${r.line}`, r);
  const evidence: Evidence[] = [
    ...[...rules.values()]
      .slice(0, RULES_CITED)
      .map((r): Evidence => ({ kind: "line", file: r.file, line: r.line, note: r.text })),
    declaredAt(plant, "conduits", i, `conduit ${c.id}`),
  ];
  const permitted = cells.flatMap((x) =>
    x.permitted.length > 0 ? [`${x.from} to ${x.to}: ${x.permitted.map((s) => s.service).join(", ")}`] : [],
  );
  const summary = `${files.join(", ")} ${files.length === 1 ? "lets" : "let"} through between ${a} and ${b} only services conduit ${c.id} declares (${permitted.length > 0 ? permitted.join("; ") : "nothing at all"}).`;
  return ["SR 5.2", "SR 5.2 RE 1"].map(
    (requirement): Bearing => ({ conduit: c.id, requirement, stance: "supports", summary, evidence }),
  );
}
