/**
 * The conduit a piece of evidence concerns. A finding concerns one when it is about the boundary between the
 * conduit's two zones (`boundaries`: a crossing it records, or in older runs its two zones and traffic); an
 * observation or an operation when the flow it was seen on runs between hosts of those two zones.
 */
import type { CaptureReport } from "../../model/capture.js";
import { boundaries, type Finding } from "../../model/finding.js";
import type { FirewallConfig } from "../../model/firewall.js";
import type { Conduit, Plant } from "../../model/plant.js";
import { conduitBetween } from "../architecture/declared-flows.js";
import type { LocatedHost } from "./capture-hosts.js";

/** Evidence files that hold traffic or firewall rules: the captures and the firewall configurations read. */
export function onTheWire(
  capture: CaptureReport | null,
  firewalls: readonly FirewallConfig[] | undefined,
): (file: string) => boolean {
  const files = new Set([
    ...(capture?.stats.files.map((f) => f.path) ?? []),
    ...(firewalls ?? []).map((f) => f.file),
  ]);
  return (file) => files.has(file);
}

/** The conduits a finding is about: those joining the zones of each boundary it crosses. */
export function findingConduits(plant: Plant, wire: (file: string) => boolean): (f: Finding) => Conduit[] {
  return (f) => [...new Set(boundaries(f, wire).flatMap(([a, b]) => conduitBetween(plant, a, b) ?? []))];
}

/** The conduit between the zones of a flow's two ends, when they lie in two zones a conduit joins. */
export function flowConduit(
  plant: Plant,
  client: LocatedHost | undefined,
  server: LocatedHost | undefined,
): Conduit | undefined {
  const [a, b] = [client?.zone?.id, server?.zone?.id];
  return a && b && a !== b ? conduitBetween(plant, a, b) : undefined;
}
