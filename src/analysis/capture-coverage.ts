/**
 * Which zones and conduits the captures saw, as plant.yaml declares it (`evidence.captures`). "No traffic into the
 * safety zone" and "the safety network was not captured" look the same in a capture; the declaration tells them
 * apart. A capture sees the zones it is declared on (inside them and across their boundaries) and the conduits it
 * is declared on (what crosses them only); a conduit is also seen from either of its zones, and a zone at its
 * boundary from a capture of one of its conduits. Wire evidence bears on a zone only through a capture that saw it:
 * a zone no capture saw is not observed, and the wire decides none of its requirements, either way.
 * When plant.yaml declares no coverage at all, every capture is taken to see every zone, as before the declaration
 * existed, and the report says so.
 */
import type { CaptureCoverageResult } from "../model/assessment.js";
import type { CaptureFileStats } from "../model/capture.js";
import type { Evidence } from "../model/evidence.js";
import type { CaptureCoverage, Plant } from "../model/plant.js";
import { type InputProblem, problemAt, WHOLE_FILE } from "../model/problem.js";

/** Whether some capture among `files` saw `zone`; always, when coverage is not declared. */
export type ZoneSeen = (zone: string, files: Iterable<string>) => boolean;

export interface CoverageJudgement {
  coverage: CaptureCoverageResult;
  problems: InputProblem[];
  sees: ZoneSeen;
}

type CaptureFile = Pick<CaptureFileStats, "path" | "firstPacket" | "lastPacket">;

export function captureCoverage(plant: Plant, files: readonly CaptureFile[]): CoverageJudgement {
  const { zones, conduits } = plant.spec;
  const declarations = plant.spec.evidence.captures;
  if (declarations === undefined) {
    const all = files.map((f) => f.path);
    return {
      coverage: {
        declared: false,
        captures: files.map((f) => ({
          file: f.path,
          method: null,
          zones: zones.map((z) => z.id),
          conduits: conduits.map((c) => c.id),
          declaredAt: null,
        })),
        zones: zones.map((z) => ({ id: z.id, captures: all })),
        conduits: conduits.map((c) => ({ id: c.id, captures: all })),
      },
      problems: [],
      sees: () => true,
    };
  }

  const problems: InputProblem[] = [];
  const at = (i: number) => plant.lines[`evidence.captures.${i}`] ?? 1;
  const patterns = declarations.map((d) => globMatcher(d.file));
  const captures = files.map((f) => {
    const matching = declarations.flatMap((d, i) => (patterns[i]!(f.path) ? [{ d, i }] : []));
    const first = matching[0];
    if (!first)
      problems.push(
        problemAt(
          f.path,
          WHOLE_FILE,
          "not-modelled",
          `plant.yaml declares no coverage for this capture (evidence.captures): which zones it saw is unknown, so it bears on no zone's requirements`,
          "warning",
        ),
      );
    for (const { d, i } of matching) {
      const outside = outsideWindow(d, f);
      if (outside)
        problems.push(
          problemAt(
            plant.file,
            { line: at(i), path: `evidence.captures[${i}]` },
            "invalid-value",
            `${f.path} ${outside}`,
            "warning",
          ),
        );
    }
    const union = (key: "zones" | "conduits") => [...new Set(matching.flatMap(({ d }) => d[key]))];
    return {
      file: f.path,
      method: first?.d.method ?? null,
      zones: union("zones"),
      conduits: union("conduits"),
      ...(first?.d.from ? { from: first.d.from } : {}),
      ...(first?.d.to ? { to: first.d.to } : {}),
      ...(first?.d.description ? { description: first.d.description } : {}),
      declaredAt: first ? { kind: "line" as const, file: plant.file, line: at(first.i) } : null,
    };
  });
  declarations.forEach((d, i) => {
    if (!files.some((f) => patterns[i]!(f.path)))
      problems.push(
        problemAt(
          plant.file,
          { line: at(i), path: `evidence.captures[${i}].file` },
          "no-evidence",
          `"${d.file}" names no capture of the plant folder's captures/: the zones it declares are not observed`,
          "warning",
        ),
      );
  });

  const conduitZones = new Map(conduits.map((c) => [c.id, c.zones as readonly string[]]));
  const seenZones = zones.map((z) => ({
    id: z.id,
    captures: captures
      .filter((c) => c.zones.includes(z.id) || c.conduits.some((id) => conduitZones.get(id)?.includes(z.id)))
      .map((c) => c.file),
  }));
  const seenConduits = conduits.map((k) => ({
    id: k.id,
    captures: captures
      .filter((c) => c.conduits.includes(k.id) || k.zones.some((z) => c.zones.includes(z)))
      .map((c) => c.file),
  }));
  const byZone = new Map(seenZones.map((z) => [z.id, new Set(z.captures)]));
  return {
    coverage: { declared: true, captures, zones: seenZones, conduits: seenConduits },
    problems,
    sees: (zone, of) => {
      const seen = byZone.get(zone);
      if (!seen) return false;
      for (const f of of) if (seen.has(f)) return true;
      return false;
    },
  };
}

/** The capture files a piece of evidence cites. */
export function captureFilesOf(evidence: readonly Evidence[]): string[] {
  return [...new Set(evidence.flatMap((e) => (e.kind === "frame" ? [e.file] : [])))];
}

/**
 * Whether evidence rests on the wire alone: it cites capture frames, and besides them at most the lines of
 * plant.yaml (`design`) it was judged against. Such evidence bears only where a capture saw.
 */
export function restsOnWire(evidence: readonly Evidence[], design: string): boolean {
  return (
    evidence.some((e) => e.kind === "frame") &&
    evidence.every((e) => e.kind === "frame" || (e.kind === "line" && e.file === design))
  );
}

/** A day past the window's last date, so that a window `to: 2026-11-26` holds that whole day. */
const DAY_MS = 86_400_000;

/** What is wrong with a capture's packet times against its declared window, or null. */
function outsideWindow(d: CaptureCoverage, f: CaptureFile): string | null {
  if (!f.firstPacket || !f.lastPacket || (!d.from && !d.to)) return null;
  const from = d.from ? Date.parse(d.from) : Number.NEGATIVE_INFINITY;
  const to = d.to ? Date.parse(d.to) + (d.to.length === 10 ? DAY_MS : 0) : Number.POSITIVE_INFINITY;
  if (Date.parse(f.firstPacket) >= from && Date.parse(f.lastPacket) < to) return null;
  return `holds packets from ${f.firstPacket} to ${f.lastPacket}, outside the declared window ${d.from ?? "…"} to ${d.to ?? "…"}: is the declaration about this file?`;
}

/**
 * A capture name or glob as plant.yaml writes it, matched against a capture's path in the plant folder
 * (`captures/a.pcap`) and against its path in captures/ (`a.pcap`). `*` and `?` stay within a folder, `**` crosses
 * folders.
 */
export function globMatcher(pattern: string): (path: string) => boolean {
  const normalised = pattern.replace(/\\/g, "/").replace(/^\.\//, "");
  let source = "";
  for (let i = 0; i < normalised.length; i++) {
    const ch = normalised[i]!;
    if (ch === "*" && normalised[i + 1] === "*") {
      const slash = normalised[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  const re = new RegExp(`^${source}$`);
  return (path) => {
    const p = path.replace(/\\/g, "/");
    return re.test(p) || (p.startsWith("captures/") && re.test(p.slice("captures/".length)));
  };
}
