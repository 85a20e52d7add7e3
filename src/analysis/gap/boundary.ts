/**
 * The conduit a piece of evidence concerns. A finding concerns one when it is about the boundary between the
 * conduit's two zones (`boundaryPair`: it names exactly those two and rests on traffic or a firewall rule); an
 * observation or an operation when the flow it was seen on runs between hosts of those two zones.
 */
import type { CaptureReport } from "../../model/capture.js";
import { boundaryPair, type Finding } from "../../model/finding.js";
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

/** The conduit a finding is about, if it is about a boundary that a conduit crosses. */
export function findingConduit(
  plant: Plant,
  wire: (file: string) => boolean,
): (f: Finding) => Conduit | undefined {
  return (f) => {
    const pair = boundaryPair(f, wire);
    return pair ? conduitBetween(plant, pair[0], pair[1]) : undefined;
  };
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
