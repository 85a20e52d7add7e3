/**
 * A generic account list for systems without an export of their own (controllers, HMI runtimes, network
 * devices): a header with at least `user`; optional `system` (else the file name), `enabled` (default yes),
 * `lastLogon`, `groups` (separated by `;` or `|`), `mfa`, `kind` (human, service, shared, default),
 * `privileged`, `remote`, `fullName`, `passwordNeverExpires`. Column names are matched ignoring case, spaces,
 * dashes and underscores.
 */
import { AccountKind, type ImportedAccount } from "../../model/controls.js";
import { Id } from "../../model/plant.js";
import type { InputProblem } from "../../model/problem.js";
import { CsvCells } from "../csv-cells.js";
import type { CsvTable } from "../csv-table.js";

export function isGenericAccountList(columns: readonly string[]): boolean {
  return columns.includes("user") || columns.includes("username");
}

export function readGenericAccounts(
  table: CsvTable,
  defaultSystem: string,
  file: string,
  problems: InputProblem[],
): ImportedAccount[] {
  // With a groups column, an empty cell means no groups; without one, membership is unknown.
  const listsGroups = table.columns.includes("groups") || table.columns.includes("memberof");
  return table.rows.flatMap((row) => {
    const c = new CsvCells(row, file, problems);
    const user = c.text("user", "username");
    if (!user) {
      c.warn("schema", "row skipped: no user", "error");
      return [];
    }
    const system = c.text("system") ?? defaultSystem;
    if (!Id.safeParse(system).success) {
      c.warn(
        "invalid-value",
        `row skipped: system "${system.slice(0, 40)}" is not an id (letters, digits, '.', '-', '_')`,
        "error",
      );
      return [];
    }
    const kindText = c.text("kind", "type")?.toLowerCase();
    const kind = kindText === undefined ? null : AccountKind.safeParse(kindText).data;
    if (kind === undefined)
      c.warn("invalid-value", `kind: "${kindText}" is not one of ${AccountKind.options.join(", ")}`);
    const groups = c.text("groups", "memberof");
    return [
      {
        system,
        user,
        fullName: c.text("fullname", "name"),
        description: c.text("description", "comment"),
        source: "generic" as const,
        sid: null,
        enabled: c.flag("enabled") ?? true,
        lastLogon: c.date("lastlogon", "lastlogondate"),
        passwordLastSet: c.date("passwordlastset"),
        passwordNeverExpires: c.flag("passwordneverexpires"),
        groups: listsGroups
          ? (groups ?? "")
              .split(/[;|]/)
              .map((g) => g.trim())
              .filter((g) => g !== "")
          : null,
        adminCount: null,
        kind: kind ?? null,
        privileged: c.flag("privileged", "admin"),
        mfa: c.flag("mfa"),
        remoteUse: c.flag("remote", "remoteuse"),
        evidence: { kind: "line" as const, file, line: row.line },
      },
    ];
  });
}
