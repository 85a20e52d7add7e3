/**
 * What the plant's records (backups, accounts, remote-access paths) show in support of requirements. Support is
 * shown beside an answer; it never makes a requirement met on its own, since records can be incomplete.
 * What the records show against requirements comes through the findings of the ACC, BAK and RA rules.
 */
import type { Evidence } from "../../model/evidence.js";
import type { Plant } from "../../model/plant.js";
import { ROLES_NEEDING_BACKUP } from "../backups.js";
import { declaredAt } from "../plant-lookup.js";
import { daysSince } from "../rule.js";
import type { Bearing } from "./bearing.js";

/** `restoreTestMaxDays`: the restore-test interval in force, the site's baseline.yaml or otaudit's default. */
export function recordBearings(plant: Plant, now: Date, restoreTestMaxDays: number): Bearing[] {
  return plant.spec.zones.flatMap((z) => [
    ...backupSupport(plant, z.id, now, restoreTestMaxDays),
    ...accountSupport(plant, z.id),
    ...remoteAccessSupport(plant, z.id),
  ]);
}

function supports(zone: string, requirement: string, summary: string, evidence: Evidence[]): Bearing {
  return { zone, requirement, stance: "supports", summary, evidence };
}

function backupSupport(plant: Plant, zone: string, now: Date, restoreTestMaxDays: number): Bearing[] {
  const { assets, backups } = plant.spec;
  const needing = assets.filter((a) => a.zone === zone && ROLES_NEEDING_BACKUP.includes(a.role));
  const records = backups.flatMap((b, i) => (needing.some((a) => a.id === b.system) ? [{ b, i }] : []));
  if (needing.length === 0 || records.length < needing.length) return [];
  const evidence = records.map(({ i }) => declaredAt(plant, "backups", i));
  const out = [
    supports(
      zone,
      "SR 7.3",
      `All ${needing.length} systems of the zone that need a backup have one.`,
      evidence,
    ),
  ];
  const tested = records.filter(
    ({ b }) => b.lastRestoreTest && daysSince(b.lastRestoreTest, now) <= restoreTestMaxDays,
  );
  if (tested.length === records.length)
    out.push(
      supports(
        zone,
        "SR 7.3 RE 1",
        `Every backup of the zone was restore-tested within ${restoreTestMaxDays} days.`,
        evidence,
      ),
    );
  return out;
}

function accountSupport(plant: Plant, zone: string): Bearing[] {
  const inZone = new Set(plant.spec.assets.filter((a) => a.zone === zone).map((a) => a.id));
  const accounts = plant.spec.accounts.flatMap((a, i) =>
    a.enabled && inZone.has(a.system) ? [{ a, i }] : [],
  );
  if (accounts.length === 0 || accounts.some(({ a }) => a.kind === "shared" || a.kind === "default"))
    return [];
  return [
    supports(
      zone,
      "SR 1.1 RE 1",
      `All ${accounts.length} enabled accounts declared for the zone's systems are personal or service accounts.`,
      accounts.map(({ i }) => declaredAt(plant, "accounts", i)),
    ),
  ];
}

function remoteAccessSupport(plant: Plant, zone: string): Bearing[] {
  const inZone = new Set([zone, ...plant.spec.assets.filter((a) => a.zone === zone).map((a) => a.id)]);
  const paths = plant.spec.remoteAccess.flatMap((r, i) =>
    r.targets.some((t) => inZone.has(t)) ? [{ r, i }] : [],
  );
  if (paths.length === 0) return [];
  const evidence = paths.map(({ i }) => declaredAt(plant, "remoteAccess", i));
  const out: Bearing[] = [];
  if (paths.every(({ r }) => r.via && r.mfa && (r.monitored || r.sessionRecording)))
    out.push(
      supports(
        zone,
        "SR 1.13",
        "Every declared remote-access path into the zone passes a jump host with MFA and is monitored.",
        evidence,
      ),
    );
  if (paths.every(({ r }) => r.sessionApproval))
    out.push(
      supports(
        zone,
        "SR 1.13 RE 1",
        "Every declared remote-access path into the zone needs session approval.",
        evidence,
      ),
    );
  return out;
}
