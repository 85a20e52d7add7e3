/**
 * A plant's accounts/ folder: one CSV per system (`accounts/ews-01.csv`, named after the asset or domain the
 * accounts belong to), told apart by header: Get-LocalUser export, Get-ADUser export, or a generic list.
 */
import { basename } from "node:path";
import type { ImportedAccount } from "../../model/controls.js";
import { type InputProblem, problemAt } from "../../model/problem.js";
import { readCsvFile } from "../csv-table.js";
import { isAdExport, readAdUsers } from "./ad-users.js";
import { isGenericAccountList, readGenericAccounts } from "./generic-accounts.js";
import { isLocalUserExport, readLocalUsers } from "./windows-local-users.js";

/** `accounts/ews-01.local-users.csv` -> `ews-01`. */
export function systemOfFile(path: string): string {
  return basename(path).split(".")[0] ?? "";
}

export function readAccountFile(absolute: string, file: string, problems: InputProblem[]): ImportedAccount[] {
  const table = readCsvFile(absolute, file, problems);
  if (!table) return [];
  const system = systemOfFile(file);
  if (isAdExport(table.columns)) return readAdUsers(table, system, file, problems);
  if (isLocalUserExport(table.columns)) return readLocalUsers(table, system, file, problems);
  if (isGenericAccountList(table.columns)) return readGenericAccounts(table, system, file, problems);
  problems.push(
    problemAt(
      file,
      { line: table.headerLine },
      "unsupported-format",
      "not an account list: expected a Get-LocalUser export (Name, Enabled, SID, ...), a Get-ADUser export (SamAccountName, Enabled, ...) or a generic list with a user column",
    ),
  );
  return [];
}
