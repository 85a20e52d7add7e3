/**
 * A zone's exposure by design (IEC 62443-3-2 ZCR 5, unmitigated): how close plant.yaml's own conduits and declared
 * remote access bring it to a source of threat, before any countermeasure counts. Sources are the networks outside
 * every zone, the zones outside the system under consideration that are not trusted (and, with no SuC stated, the
 * enterprise zones, Purdue 4-5), and the internet end of every declared remote-access method. A conduit carries an
 * attacker the way its declared flows are opened (any way when it declares none). A zone joined straight to an
 * untrusted source is exposed at the top step; each further conduit crossed, and a source that is only partly
 * untrusted, take one step off. Firewall rules, traffic, vulnerabilities
 * and answers play no part: they are countermeasures or their failures, and count in the residual risk.
 */
import type { Evidence } from "../../model/evidence.js";
import { EXTERNAL, type Plant } from "../../model/plant.js";
import { inScope } from "../design/design-basis.js";
import { declaredAt } from "../plant-lookup.js";

export interface Exposure {
  /** 2 (no designed path from any source) to 5 (joined directly to an untrusted source). */
  level: number;
  reason: string;
  /** The plant.yaml records of the path: conduits, remote-access entries, the SuC's trust statement. */
  evidence: Evidence[];
}

/** One way an attacker can go by design, from one zone (or EXTERNAL) to another. */
interface Step {
  from: string;
  to: string;
  words: string;
  evidence: Evidence;
}

interface Source {
  /** Steps off the exposure before any conduit: 0 for untrusted networks, 1 for partly trusted ones. */
  penalty: number;
  words: string;
  evidence: Evidence[];
}

/** Even with no designed path, insiders, transient devices and removable media reach every zone. */
const NO_PATH = 2;

const OUTSIDE_WORDS = "the networks outside every declared zone";

function sourcesOf(plant: Plant): Map<string, Source> {
  const sources = new Map<string, Source>([[EXTERNAL, { penalty: 0, words: OUTSIDE_WORDS, evidence: [] }]]);
  const system = plant.spec.system;
  plant.spec.zones.forEach((z) => {
    if (system) {
      if (inScope(plant, z.id)) return;
      const index = system.external.findIndex((e) => e.zone === z.id);
      const trust = system.external[index]?.trust ?? "untrusted";
      if (trust === "trusted") return;
      const at = {
        kind: "line",
        file: plant.file,
        line: plant.lines.system ?? 1,
        note: "system under consideration",
      } as const;
      sources.set(z.id, {
        penalty: trust === "untrusted" ? 0 : 1,
        words: `zone ${z.id}, outside the system under consideration (${trust})`,
        evidence: [at],
      });
    } else if (z.purdueLevel >= 4) {
      sources.set(z.id, {
        penalty: 1,
        words: `enterprise zone ${z.id} (Purdue ${z.purdueLevel}; plant.yaml states no system under consideration)`,
        evidence: [declaredAt(plant, "zones", plant.spec.zones.indexOf(z))],
      });
    }
  });
  return sources;
}

function stepsOf(plant: Plant): Step[] {
  const steps: Step[] = [];
  plant.spec.conduits.forEach((c, i) => {
    const evidence = declaredAt(plant, "conduits", i, `conduit ${c.id}`);
    const [a, b] = c.zones;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      // A conduit declaring flows is opened only the way they go; one declaring none, either way.
      if (c.flows.length > 0 && !c.flows.some((f) => f.from === from && f.to === to)) continue;
      steps.push({ from, to, words: `conduit ${c.id}`, evidence });
    }
  });
  const zoneOf = new Map(plant.spec.assets.map((a) => [a.id, a.zone]));
  const zoneIds = new Set(plant.spec.zones.map((z) => z.id));
  plant.spec.remoteAccess.forEach((r, i) => {
    const evidence = declaredAt(plant, "remoteAccess", i, `remote access ${r.id}`);
    const landing = r.via ? zoneOf.get(r.via) : undefined;
    const targets = new Set(
      r.targets.flatMap((t) => (zoneIds.has(t) ? [t] : zoneOf.get(t) ? [zoneOf.get(t)!] : [])),
    );
    if (landing) {
      steps.push({
        from: EXTERNAL,
        to: landing,
        words: `remote access ${r.id} (${r.method} to ${r.via})`,
        evidence,
      });
      for (const t of targets)
        if (t !== landing)
          steps.push({ from: landing, to: t, words: `remote access ${r.id} (from ${r.via})`, evidence });
    } else
      for (const t of targets)
        steps.push({
          from: EXTERNAL,
          to: t,
          words: `remote access ${r.id} (${r.method}, straight to the target)`,
          evidence,
        });
  });
  return steps;
}

interface Reach {
  cost: number;
  source: string;
  path: Step[];
}

/** Cheapest designed path from any source to every zone: a source's penalty plus one per step beyond the first. */
function reach(plant: Plant): Map<string, Reach> {
  const sources = sourcesOf(plant);
  const best = new Map<string, Reach>();
  // The first step is free: a zone joined straight to a source is as exposed as the source itself.
  let frontier: Reach[] = [...sources].map(([id, s]) => ({ cost: s.penalty - 1, source: id, path: [] }));
  for (const r of frontier) best.set(r.source, r);
  const steps = stepsOf(plant);
  while (frontier.length > 0) {
    const next: Reach[] = [];
    for (const r of frontier) {
      const at = r.path.at(-1)?.to ?? r.source;
      for (const s of steps) {
        if (s.from !== at) continue;
        const known = best.get(s.to);
        const candidate = { cost: r.cost + 1, source: r.source, path: [...r.path, s] };
        if (known && known.cost <= candidate.cost) continue;
        best.set(s.to, candidate);
        next.push(candidate);
      }
    }
    frontier = next;
  }
  // A source zone is exposed by what it is, not by a path to itself.
  for (const [id, r] of best) if (r.path.length === 0) best.set(id, { ...r, cost: sources.get(id)!.penalty });
  return best;
}

/** Every zone's exposure by design, for the zones of plant.yaml. */
export function designExposure(plant: Plant): Map<string, Exposure> {
  const sources = sourcesOf(plant);
  const reached = reach(plant);
  return new Map(
    plant.spec.zones.map((z): [string, Exposure] => {
      const r = reached.get(z.id);
      if (!r)
        return [
          z.id,
          {
            level: NO_PATH,
            reason: `exposure ${NO_PATH}: no conduit or remote access in plant.yaml joins it to a source of threat, but people, service laptops and removable media still reach it`,
            evidence: [],
          },
        ];
      const source = sources.get(r.source)!;
      const level = Math.max(NO_PATH, 5 - r.cost);
      const route =
        r.path.length === 0
          ? `it is itself ${source.words}`
          : `${source.words} can reach it through ${r.path.map((s) => s.words).join(", then ")}`;
      return [
        z.id,
        {
          level,
          reason: `exposure ${level} by design: ${route}`,
          evidence: [...source.evidence, ...r.path.map((s) => s.evidence)],
        },
      ];
    }),
  );
}
