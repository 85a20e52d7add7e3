/**
 * The CSV importers and the other control evidence of a plant folder, each through the importer registry that
 * reads a plant's files (src/sources/importers.ts, plant-evidence.ts), plus the asset register of
 * `otaudit vulns`. Contract: never throw; an unreadable row or line is a problem with the file and its line
 * (line 0 only for what concerns the whole file: empty, unreadable, not this kind of export); the evidence
 * matches the model.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ControlEvidence } from "../../src/model/controls.js";
import { RegisterRow } from "../../src/model/vulnerability.js";
import { readInventoryCsv } from "../../src/sources/inventory-csv.js";
import { readPlantEvidence } from "../../src/sources/plant-evidence.js";
import { checkModel, checkProblems, encode, type FuzzTarget } from "../target.js";
import { readSeeds, repoFiles, scratchDir, scratchFile } from "./common.js";

const EXAMPLE = "examples/water-treatment";
/** Problems about a file as a whole, at line 0 by design: empty, unreadable, or not this kind of export. */
const WHOLE_FILE = [
  /^empty file/,
  /^cannot be read/,
  /^not readable as CSV/,
  /^not a Cisco IOS/,
  /not a secedit security template/,
];
const CSV_WORDS = [
  ",",
  '"',
  '""',
  "\r\n",
  "\n",
  "\uFEFF",
  "#TYPE System.Object\n",
  ";",
  "\t",
  "True",
  "False",
  "yes",
  "no",
  "",
  "2026-11-21",
  "11/21/2026 7:42 AM",
  "21.11.2026 07:42",
  "13/45/2026",
  "0",
  "-1",
  "NULL",
];

/** One file of a plant folder, read as `otaudit assess` reads it. */
function controlTarget(
  name: string,
  path: string,
  sources: string[],
  seeds: () => Uint8Array[],
  dictionary: string[],
): FuzzTarget {
  return {
    name,
    sources: [
      "src/sources/plant-evidence.js",
      "src/sources/importers.js",
      "src/sources/csv-table.js",
      "src/sources/csv-cells.js",
      "src/sources/export-dates.js",
      "src/sources/text-decode.js",
      ...sources,
    ],
    maxLen: 64 * 1024,
    dictionary: [...CSV_WORDS, ...dictionary],
    seeds,
    async run(input) {
      const absolute = scratchFile(path, input);
      const { controls, problems } = await readPlantEvidence({
        dir: scratchDir(),
        files: [{ path, absolute }],
      });
      checkProblems(problems, { file: path, located: "line", wholeFile: WHOLE_FILE });
      checkModel(ControlEvidence, controls, "the control evidence");
    },
  };
}

/** An asset register made of the example plant's assets, as a site would export it from its CMDB. */
function registerFromPlant(): Uint8Array {
  const plant = parse(readFileSync(`${EXAMPLE}/plant.yaml`, "utf8")) as { assets: Record<string, unknown>[] };
  const cell = (v: unknown) =>
    v === undefined ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);
  const rows = plant.assets.map((a) =>
    [a.name, a.vendor, a.product, a.model, a.firmware, (a.ips as string[] | undefined)?.[0], a.zone]
      .map(cell)
      .join(","),
  );
  return encode(["Name,Vendor,Product,Model,Firmware,IP,Zone", ...rows].join("\r\n"));
}

export const targets: FuzzTarget[] = [
  controlTarget(
    "accounts-csv",
    "accounts/dc01.csv",
    ["src/sources/accounts/"],
    () => readSeeds(repoFiles(`${EXAMPLE}/accounts`, /\.csv$/)),
    [
      "SamAccountName",
      "Enabled",
      "LastLogonDate",
      "lastLogon",
      "lastLogonTimestamp",
      "MemberOf",
      "PasswordNeverExpires",
      "PasswordLastSet",
      "userAccountControl",
      "SID",
      "objectSid",
      "Name",
      "FullName",
      "LastLogon",
      "PrincipalSource",
      "user",
      "system",
      "groups",
      "mfa",
      "kind",
      "privileged",
      "remote",
      "Password",
      "NTHash",
      "134380809330000000",
      "9223372036854775807",
      "CN=Domain Admins,CN=Users,DC=x",
      "S-1-5-21-1-2-3-500",
      "Administrators",
      "512",
      "66048",
    ],
  ),
  controlTarget(
    "leavers-csv",
    "leavers.csv",
    ["src/sources/leavers-csv.js"],
    () => readSeeds([`${EXAMPLE}/leavers.csv`]),
    ["user", "username", "account", "name", "fullname", "left", "note"],
  ),
  controlTarget(
    "backup-register-csv",
    "backup-register.csv",
    ["src/sources/backup-register-csv.js"],
    () => readSeeds([`${EXAMPLE}/backup-register.csv`]),
    [
      "system",
      "lastBackup",
      "lastRestoreTest",
      "offline",
      "offlineCopy",
      "immutable",
      "location",
      "file",
      "sha256",
      "../../etc/passwd",
      "plc-intake",
      "0".repeat(64),
      "g".repeat(64),
    ],
  ),
  controlTarget(
    "hardening-csv",
    "hardening/ews-01.export.csv",
    ["src/sources/windows/auditpol-csv.js", "src/sources/windows/hotfix-csv.js"],
    () => readSeeds(repoFiles(`${EXAMPLE}/hardening`, /\.csv$/)),
    [
      "Machine Name",
      "Policy Target",
      "Subcategory",
      "Subcategory GUID",
      "Inclusion Setting",
      "Exclusion Setting",
      "Success",
      "Failure",
      "Success and Failure",
      "No Auditing",
      "{0CCE9215-69AE-11D9-BED3-505054503030}",
      "HotFixID",
      "InstalledOn",
      "KB5028853",
      "Description",
      "Security Update",
    ],
  ),
  controlTarget(
    "secedit-inf",
    "hardening/ews-01.secedit.inf",
    ["src/sources/windows/secedit-inf.js"],
    () => readSeeds(repoFiles(`${EXAMPLE}/hardening`, /\.inf$/)),
    [
      "[Unicode]\r\n",
      "Unicode=yes\r\n",
      "[System Access]\r\n",
      "[Event Audit]\r\n",
      "[Registry Values]\r\n",
      "[Privilege Rights]\r\n",
      "[Version]\r\n",
      'signature="$CHICAGO$"\r\n',
      "MinimumPasswordLength = ",
      "LockoutBadCount = ",
      "AuditLogonEvents = ",
      "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel=4,",
      "SeRemoteInteractiveLogonRight = ",
      "*S-1-5-32-544",
      ",*S-1-5-32-555",
      "=",
      "\\",
      "\uFEFF",
    ],
  ),
  controlTarget(
    "cisco-ios",
    "network/sw-control.cfg",
    ["src/sources/network/"],
    () =>
      readSeeds([
        ...repoFiles(`${EXAMPLE}/network`, /\.cfg$/),
        ...repoFiles(`${EXAMPLE}/backups/sw-control`),
      ]),
    [
      "hostname ",
      "interface GigabitEthernet1/0/1\n",
      " shutdown\n",
      " switchport mode access\n",
      " switchport port-security\n",
      "line vty 0 4\n",
      "line vty 5 15\n",
      " transport input telnet\n",
      " transport input ssh\n",
      " login local\n",
      " access-class 10 in\n",
      "line con 0\n",
      "enable secret 9 $9$x\n",
      "enable password 7 0822455D0A16\n",
      "service password-encryption\n",
      "aaa new-model\n",
      "snmp-server community public RO\n",
      "ip ssh version 2\n",
      "ip http server\n",
      "no ip http server\n",
      "logging host 10.0.0.1\n",
      "ntp server 10.0.0.1\n",
      "username admin privilege 15 secret 5 $1$x\n",
      "banner motd ^C\n",
      "^C\n",
      "!\n",
      "end\n",
      "version 15.2\n",
    ],
  ),
  {
    name: "inventory-csv",
    sources: ["src/sources/inventory-csv.js"],
    maxLen: 64 * 1024,
    dictionary: [
      ...CSV_WORDS,
      "name",
      "vendor",
      "product",
      "model",
      "firmware",
      "ip",
      "zone",
      "serial",
      "Siemens",
      "SIMATIC S7-1200",
      "V4.2.1",
      "CPU 1214C",
    ],
    seeds: () => [
      registerFromPlant(),
      ...readSeeds([`${EXAMPLE}/backup-register.csv`, `${EXAMPLE}/leavers.csv`]),
    ],
    run(input) {
      const { rows, problems } = readInventoryCsv(scratchFile("inventory.csv", input), "inventory.csv");
      checkProblems(problems, {
        file: "inventory.csv",
        located: "line",
        wholeFile: [...WHOLE_FILE, /^the header lacks/],
      });
      for (const row of rows) checkModel(RegisterRow, row, "a register row");
    },
  },
];
