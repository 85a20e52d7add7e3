/** The backup register: plant.yaml's backups and the register CSV's rows, as one list grouped by system. */
import type { BackupRecord } from "../model/controls.js";
import type { AnalysisContext } from "./context.js";
import { declaredAt } from "./plant-lookup.js";

export function backupRecords(ctx: AnalysisContext): BackupRecord[] {
  const declared = ctx.plant.spec.backups.map(
    (b, i): BackupRecord => ({
      system: b.system,
      lastBackup: b.lastBackup ?? null,
      lastRestoreTest: b.lastRestoreTest ?? null,
      offlineCopy: b.offlineCopy,
      location: b.location ?? null,
      file: null,
      sha256: b.sha256 ?? null,
      evidence: declaredAt(ctx.plant, "backups", i),
    }),
  );
  return [...declared, ...(ctx.controls?.backupRegister ?? [])];
}

/** Records by system, in register order. */
export function backupsBySystem(records: readonly BackupRecord[]): Map<string, BackupRecord[]> {
  const out = new Map<string, BackupRecord[]>();
  for (const r of records) {
    const list = out.get(r.system) ?? [];
    list.push(r);
    out.set(r.system, list);
  }
  return out;
}

/** The latest of some ISO dates, or null. */
export function latestDate(dates: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || Date.parse(d) > Date.parse(best))) best = d;
  return best;
}

/** A date without a time covers the whole day: the backup may have been taken at its end. */
export function endOf(isoDate: string): number {
  return Date.parse(isoDate) + (isoDate.length === 10 ? 86_400_000 : 0);
}
