/**
 * Remote-access paths nobody monitors: evidence in the zone of each target, stronger when the captures show the
 * path in use. A target the captures show writing to or programming controllers in another zone carries the
 * path on to them, because whoever holds an engineering workstation remotely can reprogram what it programs.
 */
import type { CaptureReport, Observation, ObservedOperation } from "../../model/capture.js";
import type { Plant, RemoteAccess } from "../../model/plant.js";
import { declaredAt, zoneOfAsset } from "../plant-lookup.js";
import { CHANGES } from "./capture-signals.js";
import { type AddressBook, isOtZone, type Signal } from "./signal.js";

type CaptureView = Pick<CaptureReport, "operations" | "observations">;

/** A session of the path's tool between one of its targets and an address outside every declared zone. */
function sessionSeen(
  path: RemoteAccess,
  ips: ReadonlySet<string>,
  observations: readonly Observation[],
  book: AddressBook,
): Observation | undefined {
  return observations.find((o) => {
    const ends = o.ends;
    if (o.kind !== "remote-access" || !ends || (path.method !== "other" && o.protocol !== path.method))
      return false;
    const outside = ips.has(ends.client) ? ends.server : ips.has(ends.server) ? ends.client : null;
    return outside !== null && book.zoneOf(outside) === undefined;
  });
}

/** Writes, commands and downloads the target sends into OT zones other than its own, one per server. */
function onwardChanges(
  plant: Plant,
  ips: ReadonlySet<string>,
  ownZone: string,
  operations: readonly ObservedOperation[],
  book: AddressBook,
): { zone: string; op: ObservedOperation }[] {
  const byServer = new Map<string, { zone: string; op: ObservedOperation }>();
  for (const op of operations) {
    const zone = book.zoneOf(op.server);
    if (!ips.has(op.client) || !CHANGES.has(op.category) || !zone || zone === ownZone) continue;
    if (!isOtZone(plant, zone)) continue;
    const known = byServer.get(op.server);
    // A program download says more about reach than a register write.
    if (!known || (op.category === "program" && known.op.category !== "program"))
      byServer.set(op.server, { zone, op });
  }
  return [...byServer.values()];
}

function missingSafeguards(path: RemoteAccess): string {
  return [
    path.mfa ? null : "no MFA",
    path.sessionApproval ? null : "no session approval",
    path.sessionRecording ? null : "no session recording",
    path.via ? null : "no jump host",
  ]
    .filter(Boolean)
    .join(", ");
}

export function remoteAccessSignals(plant: Plant, capture: CaptureView | null, book: AddressBook): Signal[] {
  return plant.spec.remoteAccess.flatMap((path, i) => {
    if (path.monitored) return [];
    const who = path.vendor
      ? (plant.spec.vendors.find((v) => v.id === path.vendor)?.name ?? path.vendor)
      : "staff";
    const declared = declaredAt(plant, "remoteAccess", i);
    return path.targets.flatMap((target): Signal[] => {
      const zone = zoneOfAsset(plant, target);
      if (!zone) return [];
      const ips = new Set(plant.spec.assets.find((a) => a.id === target)?.ips ?? []);
      const seen = sessionSeen(path, ips, capture?.observations ?? [], book);
      const ends = seen?.ends;
      const weight = seen ? 3 : 2;
      const reason = `remote access ${path.id} (${who}, ${path.method}) reaches ${target} unmonitored: ${missingSafeguards(path)}${ends ? `; the captures show it in use between ${book.label(ends.client)} and ${book.label(ends.server)}` : ""}`;
      const evidence = [
        declared,
        ...(seen ? [{ kind: "frame" as const, file: seen.file, frame: seen.frame }] : []),
      ];
      const onward = onwardChanges(plant, ips, zone, capture?.operations ?? [], book).map(
        ({ zone: to, op }): Signal => ({
          signal: "unmonitored-remote-access",
          zone: to,
          asset: book.assetOf(op.server),
          weight,
          reason: `${reason}; ${target} sends ${op.protocol} ${op.name} to ${book.label(op.server)}, so the path reaches zone ${to}`,
          evidence: [...evidence, { kind: "frame", file: op.file, frame: op.firstFrame }],
        }),
      );
      return [
        { signal: "unmonitored-remote-access", zone, asset: target, weight, reason, evidence },
        ...onward,
      ];
    });
  });
}
