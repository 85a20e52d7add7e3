/**
 * What the captures show about the zone's assets: writes, commands and downloads in protocols that do not
 * authenticate, such writes from untrusted zones, credentials in clear, and controller changes.
 */
import type { CaptureReport, Observation, ObservedOperation } from "../../model/capture.js";
import { EXTERNAL, type Plant } from "../../model/plant.js";
import { type AddressBook, isEnterpriseZone, isOtZone, type Signal } from "./signal.js";

/** Industrial protocols whose writes and commands carry no proof of who sent them. */
const UNAUTHENTICATED = new Set(["modbus", "s7comm", "enip", "cip", "dnp3", "iec104", "bacnet"]);
/** Operation categories that change what a controller does. */
export const CHANGES: ReadonlySet<string> = new Set(["write", "control", "program"]);

type CaptureView = Pick<CaptureReport, "operations" | "observations">;

function frame(o: ObservedOperation) {
  return { kind: "frame" as const, file: o.file, frame: o.firstFrame };
}

function operationSignals(plant: Plant, op: ObservedOperation, book: AddressBook): Signal[] {
  const zone = book.zoneOf(op.server);
  if (!zone || !CHANGES.has(op.category)) return [];
  const asset = book.assetOf(op.server);
  const what = `${op.protocol} ${op.name}${op.count > 1 ? ` x${op.count}` : ""}`;
  const signals: Signal[] = [];
  const from = book.zoneOf(op.client);
  if (isOtZone(plant, zone) && (from === undefined || isEnterpriseZone(plant, from))) {
    signals.push({
      signal: "untrusted-traffic",
      zone,
      asset,
      weight: 3,
      reason: `${book.label(op.client)} in zone ${from ?? EXTERNAL} sent ${what} straight to ${book.label(op.server)}`,
      evidence: [frame(op)],
    });
  }
  if (UNAUTHENTICATED.has(op.protocol)) {
    signals.push({
      signal: "unauthenticated-protocol",
      zone,
      asset,
      weight: 1,
      reason: `${book.label(op.server)} accepts ${what} from ${book.label(op.client)} without authenticating the sender`,
      evidence: [frame(op)],
    });
  }
  return signals;
}

const OBSERVED: Partial<Record<Observation["kind"], { signal: Signal["signal"]; weight: number }>> = {
  "cleartext-credentials": { signal: "cleartext-credentials", weight: 1 },
  "default-credentials": { signal: "cleartext-credentials", weight: 2 },
  "insecure-channel": { signal: "unauthenticated-protocol", weight: 1 },
  "program-download": { signal: "controller-change", weight: 1 },
  "controller-stop": { signal: "controller-change", weight: 1 },
};

function observationSignal(o: Observation, book: AddressBook): Signal[] {
  const kind = OBSERVED[o.kind];
  const ends = o.ends;
  const zone = ends && book.zoneOf(ends.server);
  if (!kind || !ends || !zone) return [];
  return [
    {
      signal: kind.signal,
      zone,
      asset: book.assetOf(ends.server),
      weight: kind.weight,
      reason: `${o.detail}: ${book.label(ends.client)} to ${book.label(ends.server)}`,
      evidence: [{ kind: "frame", file: o.file, frame: o.frame }],
    },
  ];
}

export function captureSignals(plant: Plant, capture: CaptureView | null, book: AddressBook): Signal[] {
  if (!capture) return [];
  return [
    ...capture.operations.flatMap((op) => operationSignals(plant, op, book)),
    ...capture.observations.flatMap((o) => observationSignal(o, book)),
  ];
}
