/**
 * `Get-LocalUser | Export-Csv`: AccountExpires, Description, Enabled, FullName, PasswordChangeableDate,
 * PasswordExpires, UserMayChangePassword, PasswordRequired, PasswordLastSet, LastLogon, Name, SID,
 * PrincipalSource, ObjectClass. An empty PasswordExpires means the password never expires. The export lists
 * no group memberships.
 */
import type { ImportedAccount } from "../../model/controls.js";
import type { InputProblem } from "../../model/problem.js";
import { CsvCells } from "../csv-cells.js";
import type { CsvTable } from "../csv-table.js";

export function isLocalUserExport(columns: readonly string[]): boolean {
  return (
    columns.includes("name") &&
    columns.includes("enabled") &&
    columns.includes("sid") &&
    !columns.includes("samaccountname") &&
    (columns.includes("principalsource") ||
      columns.includes("lastlogon") ||
      columns.includes("passwordexpires"))
  );
}

export function readLocalUsers(
  table: CsvTable,
  system: string,
  file: string,
  problems: InputProblem[],
): ImportedAccount[] {
  const hasExpiry = table.columns.includes("passwordexpires");
  return table.rows.flatMap((row) => {
    const c = new CsvCells(row, file, problems);
    const user = c.text("name");
    const enabled = c.flag("enabled");
    if (!user || enabled === null) {
      c.warn("schema", `row skipped: ${user ? "no Enabled value" : "no Name"}`, "error");
      return [];
    }
    const expires = hasExpiry ? c.date("passwordexpires") : undefined;
    return [
      {
        system,
        user,
        fullName: c.text("fullname"),
        description: c.text("description"),
        source: "windows-local" as const,
        sid: c.text("sid"),
        enabled,
        lastLogon: c.date("lastlogon"),
        passwordLastSet: c.date("passwordlastset"),
        passwordNeverExpires: expires === undefined ? null : expires === null,
        groups: null,
        adminCount: null,
        kind: null,
        privileged: null,
        mfa: null,
        remoteUse: null,
        evidence: { kind: "line" as const, file, line: row.line },
      },
    ];
  });
}
