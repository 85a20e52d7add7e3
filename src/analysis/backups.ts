/** Backup checks over the register (plant.yaml and the register CSV), the backup files, and the captures. */
import { DEFAULT_BASELINE } from "../model/baseline.js";
import type { BackupRecord } from "../model/controls.js";
import type { AssetRole } from "../model/plant.js";
import { backupRecords, backupsBySystem, endOf, latestDate } from "./backup-records.js";
import { CaptureParties } from "./capture-parties.js";
import type { AnalysisContext } from "./context.js";
import {
  baselineOf,
  baselineThreshold,
  formatDate,
  formatTime,
  limitWords,
  systemAssets,
  systemZones,
} from "./control-lookup.js";
import { altersProgram, controllerChanges } from "./controller-changes.js";
import { declaredAt } from "./plant-lookup.js";
import { daysSince, findingOf, type Rule } from "./rule.js";

/** A restore not tested within this many days is not known to work (a yearly test is the common minimum). */
export const RESTORE_TEST_MAX_DAYS = DEFAULT_BASELINE.backups.restoreTestMaxDays;

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

const where = (ctx: AnalysisContext, system: string) => ({
  zones: systemZones(ctx.plant, system),
  assets: [system],
});

export const restoreNotTested: Rule = {
  id: "BAK-001",
  title: "Backup restore not tested within a year",
  severity: "high",
  contradicts: ["SR 7.3 RE 1"],
  related: ["SR 7.3"],
  description:
    "A backup that has never been restored is a hope, not a recovery plan: media, formats and licences fail silently.",
  remediation: `Restore each backup to spare hardware or a test system at least every ${RESTORE_TEST_MAX_DAYS} days (or the baseline's backups.restoreTestMaxDays) and record the result.`,
  check(ctx) {
    const limit = baselineOf(ctx).backups.restoreTestMaxDays;
    const threshold = baselineThreshold(
      ctx,
      "backups.restoreTestMaxDays",
      "restore-test interval",
      `${limit} days`,
    );
    return [...backupsBySystem(backupRecords(ctx))].flatMap(([system, records]) => {
      const tested = latestDate(records.map((r) => r.lastRestoreTest));
      const days = tested ? daysSince(tested, ctx.now) : undefined;
      if (days !== undefined && days <= limit) return [];
      return [
        findingOf(this, {
          subject: system,
          summary:
            days === undefined
              ? `The backup of ${system} has never been restore-tested.`
              : `The backup of ${system} was last restore-tested ${days} days ago (${formatDate(tested!)}); ${limitWords(threshold)}.`,
          ...where(ctx, system),
          evidence: records.map((r) => r.evidence),
          // A backup never restore-tested is untested whatever the interval.
          ...(days === undefined ? {} : { thresholds: [threshold] }),
        }),
      ];
    });
  },
};

export const noOfflineCopy: Rule = {
  id: "BAK-002",
  title: "Backup without an offline copy",
  severity: "medium",
  contradicts: [],
  related: ["SR 7.3"],
  description:
    "Backups kept only on a networked machine are encrypted or deleted together with the systems they protect.",
  remediation: "Keep at least one copy offline or immutable (removable media in a safe, write-once storage).",
  check(ctx) {
    return [...backupsBySystem(backupRecords(ctx))].flatMap(([system, records]) => {
      if (records.some((r) => r.offlineCopy)) return [];
      const locations = [...new Set(records.flatMap((r) => (r.location ? [r.location] : [])))];
      return [
        findingOf(this, {
          subject: system,
          summary: `The backup of ${system} has no offline copy${locations.length ? ` (kept at ${locations.join("; ")})` : ""}.`,
          ...where(ctx, system),
          evidence: records.map((r) => r.evidence),
        }),
      ];
    });
  },
};

export const missingBackup: Rule = {
  id: "BAK-003",
  title: "Control system asset without a backup",
  severity: "high",
  contradicts: ["SR 7.3"],
  related: [],
  description:
    "Controllers, HMIs, servers and network devices whose programs and configurations are not backed up cannot be rebuilt in time after a failure or an attack.",
  remediation:
    "Add the asset to the backup register: programs, configurations, firmware versions and licences, with an owner and a schedule.",
  check(ctx) {
    const backedUp = new Set(backupRecords(ctx).map((b) => b.system));
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

export const backupTooOld: Rule = {
  id: "BAK-004",
  title: "Last backup older than the stated interval",
  severity: "medium",
  contradicts: ["SR 7.3", "AVAIL 2.1"],
  related: [],
  description:
    "A backup taken before the last changes restores a system that no longer matches the plant: setpoints, logic and accounts added since are lost.",
  remediation: `Back up each system at least every ${DEFAULT_BASELINE.backups.maxAgeDays} days (or the baseline's backups.maxAgeDays) and after every change to its program or configuration; record the date in the register.`,
  check(ctx) {
    const limit = baselineOf(ctx).backups.maxAgeDays;
    const threshold = baselineThreshold(ctx, "backups.maxAgeDays", "backup interval", `${limit} days`);
    return [...backupsBySystem(backupRecords(ctx))].flatMap(([system, records]) => {
      const last = latestDate(records.map((r) => r.lastBackup));
      const days = last ? daysSince(last, ctx.now) : undefined;
      if (days !== undefined && days <= limit) return [];
      return [
        findingOf(this, {
          subject: system,
          summary:
            days === undefined
              ? `The register records no date for any backup of ${system}.`
              : `The last backup of ${system} is ${days} days old (${formatDate(last!)}); ${limitWords(threshold)}.`,
          ...where(ctx, system),
          evidence: records.map((r) => r.evidence),
          // An undated backup is no known backup, whatever the interval.
          ...(days === undefined ? {} : { thresholds: [threshold] }),
        }),
      ];
    });
  },
};

export const backupHashMismatch: Rule = {
  id: "BAK-005",
  title: "Backup file missing or not matching its recorded hash",
  severity: "high",
  contradicts: ["SR 7.3", "AVAIL 2.3"],
  related: ["SR 3.4"],
  description:
    "A backup whose file is gone, or differs from the hash recorded when it was taken, cannot be trusted to restore the system: it was corrupted, replaced or never stored.",
  remediation:
    "Record a SHA-256 of each backup when it is taken, keep the file where the register says, and verify the hash before relying on or restoring it; replace backups that fail.",
  check(ctx) {
    const files = ctx.controls?.backupFiles;
    if (!files) return [];
    return backupRecords(ctx).flatMap((r) => {
      const problem = hashProblem(r, files);
      if (!problem) return [];
      return [
        findingOf(this, {
          subject: `${r.system}/${r.file ?? `sha256:${r.sha256!.slice(0, 12)}`}`,
          summary: `Backup of ${r.system}: ${problem.text}.`,
          ...where(ctx, r.system),
          evidence: [r.evidence],
        }),
      ];
    });
  },
};

function hashProblem(
  r: BackupRecord,
  files: readonly { path: string; sha256: string }[],
): { text: string } | null {
  if (r.file) {
    const f = files.find((x) => x.path.toLowerCase() === r.file!.toLowerCase());
    if (!f) return { text: `the register names backups/${r.file}, which is not in the backups folder` };
    if (r.sha256 && f.sha256 !== r.sha256)
      return {
        text: `backups/${r.file} has SHA-256 ${f.sha256.slice(0, 16)}…, the register records ${r.sha256.slice(0, 16)}…`,
      };
    return null;
  }
  if (r.sha256 && !files.some((x) => x.sha256 === r.sha256))
    return { text: `no file in the backups folder has the recorded SHA-256 ${r.sha256.slice(0, 16)}…` };
  return null;
}

export const staleAfterDownload: Rule = {
  id: "BAK-006",
  title: "Controller program changed after its last backup",
  severity: "high",
  contradicts: ["SR 7.3", "AVAIL 2.1"],
  related: ["SR 7.4"],
  description:
    "A program download seen on the network after a controller's last backup means the backup no longer holds the running program: a restore would bring back old logic.",
  remediation:
    "Take a backup of the controller after every download (compare online and offline programs first), record it in the register, and make the backup part of the change procedure.",
  check(ctx) {
    if (!ctx.capture) return [];
    const changes = controllerChanges(new CaptureParties(ctx.plant, ctx.capture)).filter(altersProgram);
    return [...backupsBySystem(backupRecords(ctx))].flatMap(([system, records]) => {
      const last = latestDate(records.map((r) => r.lastBackup));
      const after = changes.filter(
        (c) =>
          c.controller.id === system && c.when && (last === null || Date.parse(c.when.iso) >= endOf(last)),
      );
      const first = after[0];
      if (!first) return [];
      const who = first.station ? ` from ${first.station.label}` : "";
      const at = `${first.when!.exact ? "at" : "no earlier than"} ${formatTime(first.when!.iso)}`;
      return [
        findingOf(this, {
          subject: system,
          summary:
            `${first.detail}${who} ${at} (${first.file} frame ${first.frame}) came after the last backup of ${system}` +
            `${last ? ` (${formatDate(last)})` : " (none dated)"}${after.length > 1 ? `; ${after.length - 1} more changes followed` : ""}: the backup is stale.`,
          zones: systemZones(ctx.plant, system),
          assets: systemAssets(ctx.plant, system),
          evidence: [
            ...after
              .slice(0, 3)
              .map((c) => ({ kind: "frame" as const, file: c.file, frame: c.frame, note: c.detail })),
            ...records.map((r) => r.evidence),
          ],
        }),
      ];
    });
  },
};
