/** AVAIL 2, backup, restore and archive: the backup register and what the BAK rules find in it. */
import { missingBackup, noOfflineCopy, RESTORE_TEST_MAX_DAYS, restoreNotTested } from "../backups.js";
import {
  type Aspect,
  agree,
  aspect,
  findingAspect,
  findingsOf,
  type ProgramInput,
  plural,
} from "./aspect.js";

export function backupAspects(input: ProgramInput): Aspect[] {
  const backups = input.plant.spec.backups;
  const missing = findingsOf(input, missingBackup);
  if (backups.length === 0 && missing.length === 0) return [];
  if (backups.length === 0)
    return [aspect(1, "no backup register in plant.yaml although systems need backups")];
  const untested = findingsOf(input, restoreNotTested);
  const online = findingsOf(input, noOfflineCopy);
  // The interval the findings applied (the site's baseline.yaml, or otaudit's default).
  const interval =
    untested.flatMap((f) => f.thresholds.filter((t) => t.setting === "backups.restoreTestMaxDays"))[0]
      ?.value ?? `${RESTORE_TEST_MAX_DAYS} days`;
  const out: Aspect[] = [];
  if (missing.length > 0)
    out.push(
      aspect(
        1,
        `${plural(missing.length, "system")} that ${agree(missing.length, "needs a backup has", "need a backup have")} none (${missingBackup.id})`,
        missing.flatMap((f) => f.evidence),
      ),
    );
  if (untested.length === backups.length)
    out.push(
      findingAspect(1, `no backup was restore-tested within ${interval} (${restoreNotTested.id})`, untested),
    );
  else if (untested.length > 0)
    out.push(
      findingAspect(
        2,
        `${backups.length - untested.length} of ${plural(backups.length, "backup")} restore-tested within ${interval} (${restoreNotTested.id})`,
        untested,
      ),
    );
  if (online.length > 0)
    out.push(
      aspect(
        2,
        `${plural(online.length, "backup")} without an offline copy (${noOfflineCopy.id})`,
        online.flatMap((f) => f.evidence),
      ),
    );
  if (out.length === 0)
    out.push(
      aspect(
        3,
        `all ${plural(backups.length, "backup")} restore-tested within the restore-test interval, with offline copies, and no system lacks one`,
      ),
    );
  return out;
}
