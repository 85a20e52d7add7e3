/**
 * The one registry of a plant folder's inputs: where each file or folder is and its input kind
 * (PLANT_LOCATIONS, which `findInputs` walks and hashes), and the importers that read them (IMPORTERS, which
 * `readPlantEvidence` asks). A file goes to the first importer of its location that takes its name and
 * recognises its content; the importer's records join the collection it names. Adding a format of an existing
 * kind is its module and one entry here.
 */
import { basename } from "node:path";
import type { ImportedAccount } from "../model/controls.js";
import { isAdExport, readAdUsers } from "./accounts/ad-users.js";
import { isGenericAccountList, readGenericAccounts } from "./accounts/generic-accounts.js";
import { isLocalUserExport, readLocalUsers } from "./accounts/windows-local-users.js";
import { readBackupRegister } from "./backup-register-csv.js";
import { readBaseline } from "./baseline-yaml.js";
import { isCsaf, readCsaf } from "./csaf.js";
import { spanOf } from "./evidence-span.js";
import { readFirewallFile } from "./firewall/load.js";
import { type AnyImporter, gathered, type Imported, type PlantLocation } from "./importer.js";
import { readInventoryCsv } from "./inventory-csv.js";
import { isKevCatalog, readKev } from "./kev.js";
import { readLeavers } from "./leavers-csv.js";
import { readNessus } from "./nessus.js";
import { readCiscoIos } from "./network/cisco-ios.js";
import { readNmap } from "./nmap.js";
import { readOpenvas } from "./openvas.js";
import type { ScanResult } from "./scan-result.js";
import { isAuditpolExport, readAuditpol } from "./windows/auditpol-csv.js";
import { isHotfixExport, readHotfixes } from "./windows/hotfix-csv.js";
import { readSeceditInf } from "./windows/secedit-inf.js";

const NOTES = /\.(md|txt)$/i;
const CSV = /\.csv$/i;

/**
 * Each file and folder (named with a trailing slash) of a plant folder, in the order they are listed, hashed
 * and read: single files first, then folders.
 */
export const PLANT_LOCATIONS = {
  "plant.yaml": { kind: "plant", readElsewhere: "loadPlant (app/assess.ts)" },
  "answers.yaml": { kind: "answers", readElsewhere: "loadAnswers (app/verdicts.ts)" },
  "dispositions.yaml": { kind: "dispositions", readElsewhere: "loadDispositions (app/dispositions.ts)" },
  "inventory.csv": { kind: "inventory" },
  "baseline.yaml": { kind: "baseline" },
  "leavers.csv": { kind: "accounts" },
  "backup-register.csv": { kind: "backup" },
  "captures/": {
    kind: "capture",
    readElsewhere: "the capture stage, which tells a capture by its first bytes",
    dated: true,
  },
  "firewalls/": { kind: "firewall", dated: true },
  "scans/": {
    kind: "scan",
    dated: true,
    notes: NOTES,
    unrecognised: {
      message: "not an nmap, Nessus v2 or OpenVAS/GVM XML report; skipped",
      severity: "warning",
    },
  },
  "advisories/": {
    kind: "advisory",
    unrecognised: { message: "neither a CSAF advisory nor a KEV catalog; skipped", severity: "warning" },
  },
  "accounts/": {
    kind: "accounts",
    dated: true,
    notes: NOTES,
    otherNames: "accounts/ holds CSV files: skipped",
    unrecognised: {
      message:
        "not an account list: expected a Get-LocalUser export (Name, Enabled, SID, ...), a Get-ADUser export (SamAccountName, Enabled, ...) or a generic list with a user column",
      severity: "error",
    },
  },
  "hardening/": {
    kind: "hardening",
    dated: true,
    notes: NOTES,
    otherNames: "hardening/ holds secedit .inf and auditpol or Get-HotFix .csv files: skipped",
    unrecognised: {
      message:
        "neither an auditpol /r export (Subcategory, Inclusion Setting) nor a Get-HotFix export (HotFixID)",
      severity: "error",
    },
  },
  "network/": { kind: "network", notes: /\.md$/i, dated: true },
  "backups/": { kind: "backup" },
} satisfies Record<string, PlantLocation>;

export type PlantLocationName = keyof typeof PLANT_LOCATIONS;

/** The importers, grouped by location; within one, the first that recognises a file reads it. */
export const IMPORTERS = [
  {
    name: "asset register",
    at: "inventory.csv",
    opens: "file",
    read: (_, f) => {
      const { rows, problems } = readInventoryCsv(f.absolute, f.path);
      return { records: rows, problems };
    },
    into: "register",
  },
  {
    name: "baseline",
    at: "baseline.yaml",
    opens: "file",
    read: (_, f) => {
      const { baseline, problems } = readBaseline(f.absolute, f.path);
      return { records: [baseline], problems };
    },
    into: "baseline",
  },
  {
    name: "leavers list",
    at: "leavers.csv",
    opens: "file",
    read: (_, f) => gathered((p) => readLeavers(f.absolute, f.path, p)),
    into: "leavers",
  },
  {
    name: "backup register",
    at: "backup-register.csv",
    opens: "file",
    read: (_, f) => gathered((p) => readBackupRegister(f.absolute, f.path, p)),
    into: "backupRegister",
  },
  {
    // The firewall formats are told apart by content in sources/firewall (FIREWALL_FORMAT_READERS).
    name: "firewall configuration",
    at: "firewalls/",
    opens: "file",
    read: (_, f) => {
      const { config, problems, writtenAt } = readFirewallFile(f.absolute, f.path);
      return { records: config ? [config] : [], problems, span: spanOf([writtenAt], "written") };
    },
    into: "firewalls",
  },
  {
    name: "nmap XML report",
    at: "scans/",
    opens: "xml",
    recognise: (root) => root === "nmaprun",
    read: (_, f) => readNmap(f.absolute, f.path).then(scanned),
    into: "scans",
  },
  {
    name: "Nessus v2 report",
    at: "scans/",
    opens: "xml",
    recognise: (root) => root === "NessusClientData_v2",
    read: (_, f) => readNessus(f.absolute, f.path).then(scanned),
    into: "scans",
  },
  {
    name: "OpenVAS/GVM XML report",
    at: "scans/",
    opens: "xml",
    recognise: (root) => root === "report" || root === "get_reports_response",
    read: (_, f) => readOpenvas(f.absolute, f.path).then(scanned),
    into: "scans",
  },
  {
    name: "KEV catalog",
    at: "advisories/",
    names: /\.json$/i,
    opens: "json",
    recognise: isKevCatalog,
    read: (json, f) => {
      const { kev, problems } = readKev(json, f.path);
      return { records: kev ? [kev] : [], problems };
    },
    into: "kevCatalogs",
  },
  {
    name: "CSAF advisory",
    at: "advisories/",
    names: /\.json$/i,
    opens: "json",
    recognise: isCsaf,
    read: (json, f) => {
      const { advisory, problems } = readCsaf(json, f.path);
      return { records: advisory ? [advisory] : [], problems };
    },
    into: "advisories",
  },
  {
    name: "Get-ADUser export",
    at: "accounts/",
    names: CSV,
    opens: "csv",
    recognise: (table) => isAdExport(table.columns),
    read: (table, f) => dated(gathered((p) => readAdUsers(table, systemOfFile(f.path), f.path, p))),
    into: "accounts",
  },
  {
    name: "Get-LocalUser export",
    at: "accounts/",
    names: CSV,
    opens: "csv",
    recognise: (table) => isLocalUserExport(table.columns),
    read: (table, f) => dated(gathered((p) => readLocalUsers(table, systemOfFile(f.path), f.path, p))),
    into: "accounts",
  },
  {
    name: "generic account list",
    at: "accounts/",
    names: CSV,
    opens: "csv",
    recognise: (table) => isGenericAccountList(table.columns),
    read: (table, f) => dated(gathered((p) => readGenericAccounts(table, systemOfFile(f.path), f.path, p))),
    into: "accounts",
  },
  {
    name: "secedit security template",
    at: "hardening/",
    names: /\.inf$/i,
    opens: "text",
    read: (text, f) => gathered((p) => [readSeceditInf(text, systemOfFile(f.path), f.path, p)]),
    into: "policies",
  },
  {
    name: "auditpol /r export",
    at: "hardening/",
    names: CSV,
    opens: "csv",
    recognise: (table) => isAuditpolExport(table.columns),
    read: (table, f) => gathered((p) => [readAuditpol(table, systemOfFile(f.path), f.path, p)]),
    into: "auditPolicies",
  },
  {
    name: "Get-HotFix export",
    at: "hardening/",
    names: CSV,
    opens: "csv",
    recognise: (table) => isHotfixExport(table.columns),
    read: (table, f) => gathered((p) => [readHotfixes(table, systemOfFile(f.path), f.path, p)]),
    into: "hotfixes",
  },
  {
    name: "Cisco IOS running-config",
    at: "network/",
    opens: "text",
    read: (text, f) => gathered((p) => [readCiscoIos(text, systemOfFile(f.path), f.path, p)]),
    into: "networkConfigs",
  },
  {
    // Backup files are not read: their hashes are compared with the backup register's.
    name: "backup file",
    at: "backups/",
    opens: "hash",
    read: ({ sha256, bytes }, f) => ({
      records: [{ path: f.path.replace(/^backups\//, ""), sha256, bytes }],
      problems: [],
    }),
    into: "backupFiles",
  },
] satisfies readonly AnyImporter<PlantLocationName>[];

/** The system a file describes: its name up to the first dot (`accounts/ews-01.local.csv` -> `ews-01`). */
export function systemOfFile(path: string): string {
  return basename(path).split(".")[0] ?? "";
}

function scanned(result: ScanResult): Imported<NonNullable<ScanResult["report"]>> {
  return {
    records: result.report ? [result.report] : [],
    problems: result.problems,
    span: result.span ?? null,
  };
}

/**
 * An account export with the span of the logons and password changes it records: no export says when it was
 * taken, but none can have been taken before the latest of them.
 */
function dated(read: Imported<ImportedAccount>): Imported<ImportedAccount> {
  return {
    ...read,
    span: spanOf(
      read.records.flatMap((a) => [a.lastLogon, a.passwordLastSet]),
      "contents",
    ),
  };
}
