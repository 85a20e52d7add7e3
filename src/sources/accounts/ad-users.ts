/**
 * `Get-ADUser -Filter * -Properties * | Export-Csv`: SamAccountName, Enabled, LastLogonDate (or the raw
 * lastLogonTimestamp FILETIME), PasswordLastSet, PasswordNeverExpires, MemberOf, adminCount, SID, ...
 * Multi-valued properties such as MemberOf are written as the .NET type name of the collection unless the
 * exporting script joined them (`@{n='MemberOf';e={$_.MemberOf -join ';'}}`); then group membership is unknown
 * and adminCount is the remaining sign of privilege.
 */
import type { ImportedAccount } from "../../model/controls.js";
import type { InputProblem } from "../../model/problem.js";
import { CsvCells } from "../csv-cells.js";
import type { CsvTable } from "../csv-table.js";

export function isAdExport(columns: readonly string[]): boolean {
  return columns.includes("samaccountname") && columns.includes("enabled");
}

/** `Microsoft.ActiveDirectory.Management.ADPropertyValueCollection`, `System.String[]`, ... */
const DOTNET_TYPE_NAME = /^(Microsoft|System)(\.[A-Za-z0-9_`]+)+(\[\])?$/;

export function readAdUsers(
  table: CsvTable,
  system: string,
  file: string,
  problems: InputProblem[],
): ImportedAccount[] {
  let typeNameReported = false;
  return table.rows.flatMap((row) => {
    const c = new CsvCells(row, file, problems);
    const user = c.text("samaccountname");
    const enabled = c.flag("enabled");
    if (!user || enabled === null) {
      c.warn("schema", `row skipped: ${user ? "no Enabled value" : "no SamAccountName"}`, "error");
      return [];
    }
    const memberOf = row.cells.memberof;
    let groups: string[] | null = null;
    if (memberOf !== undefined && DOTNET_TYPE_NAME.test(memberOf)) {
      if (!typeNameReported) {
        c.warn(
          "not-modelled",
          `MemberOf holds the type name "${memberOf}", not the groups: export it with @{n='MemberOf';e={$_.MemberOf -join ';'}}; group membership is unknown, adminCount is used instead`,
        );
        typeNameReported = true;
      }
    } else if (memberOf !== undefined) {
      groups = memberOf
        .split(";")
        .map((dn) => commonName(dn.trim()))
        .filter((g) => g !== "");
    }
    const adminCount = row.cells.admincount;
    return [
      {
        system,
        user,
        fullName: c.text("displayname", "name"),
        description: c.text("description"),
        source: "active-directory" as const,
        sid: c.text("sid", "objectsid"),
        enabled,
        lastLogon: c.date("lastlogondate") ?? fileTime(c, "lastlogontimestamp"),
        passwordLastSet: c.date("passwordlastset"),
        passwordNeverExpires: c.flag("passwordneverexpires"),
        groups,
        adminCount: adminCount === undefined ? null : adminCount.trim() === "1",
        kind: null,
        privileged: null,
        mfa: null,
        remoteUse: null,
        evidence: { kind: "line" as const, file, line: row.line },
      },
    ];
  });
}

/** `CN=Domain Admins,CN=Users,DC=corp,DC=example` -> `Domain Admins`; a bare name stays as it is. */
function commonName(dn: string): string {
  const m = /^CN=((?:\\.|[^,\\])+)/i.exec(dn);
  return m ? m[1]!.replace(/\\(.)/g, "$1") : dn;
}

/** AD writes the largest FILETIME, like 0, for "never". */
const NEVER = 0x7fff_ffff_ffff_ffffn;

/** A FILETIME (100 ns ticks since 1601) as AD stores lastLogonTimestamp; 0 and the largest value mean never. */
function fileTime(c: CsvCells, column: string): string | null {
  const raw = c.text(column);
  if (raw === null) return null;
  if (!/^\d+$/.test(raw)) {
    c.warn("invalid-value", `${column}: "${raw.slice(0, 40)}" is not a FILETIME`);
    return null;
  }
  const ticks = BigInt(raw);
  if (ticks === 0n || ticks === NEVER) return null;
  const date = new Date(Number(ticks / 10_000n) - 11_644_473_600_000);
  // A date can hold 275,000 years either side of 1970; a longer count is no time AD wrote.
  if (Number.isNaN(date.getTime())) {
    c.warn("invalid-value", `${column}: ${raw.slice(0, 40)} is past any date a FILETIME can mean`);
    return null;
  }
  return date.toISOString();
}
