/** Backup checks over the declared backup register. */
import type { AssetRole } from "../model/plant.js";
import { declaredAt } from "./plant-lookup.js";
import { daysSince, findingOf, type Rule } from "./rule.js";

/** A restore not tested within this many days is not known to work (a yearly test is the common minimum). */
export const RESTORE_TEST_MAX_DAYS = 365;

/** Roles whose loss stops or blinds the process: each needs a backup. */
export const ROLES_NEEDING_BACKUP: readonly AssetRole[] = [
  "plc",
  "rtu",
  "ied",
  "safety-controller",
  "hmi",
  "ews",
  "scada-server",
  "historian",
  "opc-server",
  "network-device",
  "firewall",
  "jump-host",
];

export const restoreNotTested: Rule = {
  id: "BAK-001",
  title: "Backup restore not tested within a year",
  severity: "high",
  requirements: ["SR 7.3", "SR 7.3 RE 1"],
  description:
    "A backup that has never been restored is a hope, not a recovery plan: media, formats and licences fail silently.",
  remediation: `Restore each backup to spare hardware or a test system at least every ${RESTORE_TEST_MAX_DAYS} days and record the result.`,
  check(ctx) {
    return ctx.plant.spec.backups.flatMap((b, i) => {
      const days = b.lastRestoreTest ? daysSince(b.lastRestoreTest, ctx.now) : undefined;
      if (days !== undefined && days <= RESTORE_TEST_MAX_DAYS) return [];
      const asset = ctx.plant.spec.assets.find((a) => a.id === b.system);
      return [
        findingOf(this, {
          subject: b.system,
          summary:
            days === undefined
              ? `The backup of ${b.system} has never been restore-tested.`
              : `The backup of ${b.system} was last restore-tested ${days} days ago (${b.lastRestoreTest}).`,
          zones: asset?.zone ? [asset.zone] : [],
          assets: [b.system],
          evidence: [declaredAt(ctx.plant, "backups", i)],
        }),
      ];
    });
  },
};

export const noOfflineCopy: Rule = {
  id: "BAK-002",
  title: "Backup without an offline copy",
  severity: "medium",
  requirements: ["SR 7.3"],
  description:
    "Backups kept only on a networked machine are encrypted or deleted together with the systems they protect.",
  remediation: "Keep at least one copy offline or immutable (removable media in a safe, write-once storage).",
  check(ctx) {
    return ctx.plant.spec.backups.flatMap((b, i) => {
      if (b.offlineCopy) return [];
      const asset = ctx.plant.spec.assets.find((a) => a.id === b.system);
      return [
        findingOf(this, {
          subject: b.system,
          summary: `The backup of ${b.system} has no offline copy${b.location ? ` (kept at ${b.location})` : ""}.`,
          zones: asset?.zone ? [asset.zone] : [],
          assets: [b.system],
          evidence: [declaredAt(ctx.plant, "backups", i)],
        }),
      ];
    });
  },
};

export const missingBackup: Rule = {
  id: "BAK-003",
  title: "Control system asset without a backup",
  severity: "high",
  requirements: ["SR 7.3"],
  description:
    "Controllers, HMIs, servers and network devices whose programs and configurations are not backed up cannot be rebuilt in time after a failure or an attack.",
  remediation:
    "Add the asset to the backup register: programs, configurations, firmware versions and licences, with an owner and a schedule.",
  check(ctx) {
    const backedUp = new Set(ctx.plant.spec.backups.map((b) => b.system));
    return ctx.plant.spec.assets.flatMap((a, i) =>
      ROLES_NEEDING_BACKUP.includes(a.role) && !backedUp.has(a.id)
        ? [
            findingOf(this, {
              subject: a.id,
              summary: `${a.name} (${a.role}) has no entry in the backup register.`,
              zones: a.zone ? [a.zone] : [],
              assets: [a.id],
              evidence: [declaredAt(ctx.plant, "assets", i, "declared here; no backup names it")],
            }),
          ]
        : [],
    );
  },
};
