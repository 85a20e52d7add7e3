/**
 * Evidence about technical controls, read from the systems themselves: account exports, Windows security and
 * audit policy, installed updates, network device configurations, the backup register and backup files.
 * No record here ever holds a password, a password hash or an SNMP community string.
 */
import { z } from "zod";
import { AuditSetting, Baseline } from "./baseline.js";
import { LineEvidence } from "./evidence.js";

export const AccountKind = z.enum(["human", "service", "shared", "default"]);
export type AccountKind = z.infer<typeof AccountKind>;

/** An account as a system's own export lists it (Get-LocalUser, Get-ADUser, or a generic CSV). */
export const ImportedAccount = z.strictObject({
  /** The asset (or domain) the account belongs to: the file name, or the `system` column of a generic CSV. */
  system: z.string(),
  user: z.string(),
  fullName: z.string().nullable(),
  description: z.string().nullable(),
  source: z.enum(["windows-local", "active-directory", "generic"]),
  /** Windows security identifier; its last part (the RID) tells built-in accounts apart. */
  sid: z.string().nullable(),
  enabled: z.boolean(),
  /** ISO date-times; null when the export has none (never logged on, or not exported). */
  lastLogon: z.string().nullable(),
  passwordLastSet: z.string().nullable(),
  /** null when the export does not say. */
  passwordNeverExpires: z.boolean().nullable(),
  /** Group names (the CN of each DN for AD); null when the export does not list them. */
  groups: z.array(z.string()).nullable(),
  /** AD `adminCount` = 1: the account is, or was, in a protected administrative group. */
  adminCount: z.boolean().nullable(),
  /** Stated in a generic CSV; null elsewhere. */
  kind: AccountKind.nullable(),
  privileged: z.boolean().nullable(),
  mfa: z.boolean().nullable(),
  remoteUse: z.boolean().nullable(),
  evidence: LineEvidence,
});
export type ImportedAccount = z.infer<typeof ImportedAccount>;

export const PolicyValue = z.strictObject({ value: z.string(), line: z.number().int().positive() });
export type PolicyValue = z.infer<typeof PolicyValue>;

/** A `secedit /export` security template; keys of the registry section are lower-cased paths. */
export const SecurityPolicy = z.strictObject({
  system: z.string(),
  file: z.string(),
  /** Section name -> the line of its header, for pointing at a section a setting is missing from. */
  sections: z.record(z.string(), z.number().int().positive()),
  systemAccess: z.record(z.string(), PolicyValue),
  eventAudit: z.record(z.string(), PolicyValue),
  /** `machine\...\lmcompatibilitylevel` -> the value after the type prefix (`4,5` -> `5`). */
  registryValues: z.record(z.string(), PolicyValue.extend({ type: z.number().int(), path: z.string() })),
  /** `SeDebugPrivilege` -> holders as written (`*S-1-5-32-544` or an account name). */
  privilegeRights: z.record(
    z.string(),
    z.strictObject({ holders: z.array(z.string()), line: z.number().int().positive() }),
  ),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

/** `auditpol /get /category:* /r`: the effective advanced audit policy. */
export const AuditPolicy = z.strictObject({
  system: z.string(),
  file: z.string(),
  settings: z.array(
    z.strictObject({
      subcategory: z.string(),
      /** Upper-case `{0CCE9215-69AE-11D9-BED3-505054503030}`; the same on every display language. */
      guid: z.string().nullable(),
      setting: AuditSetting,
      line: z.number().int().positive(),
    }),
  ),
});
export type AuditPolicy = z.infer<typeof AuditPolicy>;

/** `Get-HotFix | Export-Csv`: the installed updates. */
export const HotfixList = z.strictObject({
  system: z.string(),
  file: z.string(),
  updates: z.array(
    z.strictObject({
      id: z.string(),
      description: z.string().nullable(),
      installedOn: z.string().nullable(),
      line: z.number().int().positive(),
    }),
  ),
});
export type HotfixList = z.infer<typeof HotfixList>;

const Line = z.number().int().positive();

export const IosInterface = z.strictObject({
  name: z.string(),
  line: Line,
  /** Ethernet ports, as opposed to VLAN interfaces, loopbacks, tunnels and port channels. */
  physical: z.boolean(),
  description: z.string().nullable(),
  shutdown: z.boolean(),
  mode: z.enum(["access", "trunk", "routed"]).nullable(),
  accessVlan: z.number().int().nullable(),
  portSecurity: z.boolean(),
  /** false after `no cdp enable` on the port. */
  cdp: z.boolean(),
  /** false after `no lldp transmit` on the port. */
  lldpTransmit: z.boolean(),
});
export type IosInterface = z.infer<typeof IosInterface>;

export const IosVty = z.strictObject({
  range: z.string(),
  line: Line,
  /** The protocols of `transport input`, or null when the line does not set it (the release default applies). */
  transport: z.array(z.string()).nullable(),
  transportLine: Line.nullable(),
  accessClass: z.boolean(),
});
export type IosVty = z.infer<typeof IosVty>;

/** The security-relevant facts of a Cisco IOS / IOS-XE running-config; secrets are reduced to their type. */
export const IosConfig = z.strictObject({
  device: z.string(),
  file: z.string(),
  hostname: z.string().nullable(),
  hostnameLine: Line.nullable(),
  servicePasswordEncryption: Line.nullable(),
  aaaNewModel: Line.nullable(),
  enablePassword: z.strictObject({ line: Line, type: z.number().int() }).nullable(),
  enableSecret: z.strictObject({ line: Line, type: z.number().int() }).nullable(),
  /** Local users: `password` (type 0 or 7, reversible) or `secret` (a hash). */
  users: z.array(
    z.strictObject({
      name: z.string(),
      line: Line,
      storage: z.enum(["password", "secret"]),
      type: z.number().int(),
    }),
  ),
  httpServer: Line.nullable(),
  httpsServer: Line.nullable(),
  sshVersion: z.strictObject({ version: z.string(), line: Line }).nullable(),
  vtys: z.array(IosVty),
  snmpCommunities: z.array(
    z.strictObject({
      /** The community is a secret: only whether it is a well-known default is kept. */
      wellKnown: z.enum(["public", "private"]).nullable(),
      access: z.enum(["ro", "rw"]),
      acl: z.boolean(),
      line: Line,
    }),
  ),
  snmpV3: Line.nullable(),
  loggingHosts: z.array(Line),
  ntpServers: z.array(Line),
  /** The line of `no cdp run`, or null when CDP runs (its default). */
  cdpDisabled: Line.nullable(),
  /** The line of `lldp run` (LLDP is off by default). */
  lldpRun: Line.nullable(),
  interfaces: z.array(IosInterface),
});
export type IosConfig = z.infer<typeof IosConfig>;

/** One entry of a backup register, from plant.yaml or a register CSV. */
export const BackupRecord = z.strictObject({
  system: z.string(),
  lastBackup: z.string().nullable(),
  lastRestoreTest: z.string().nullable(),
  /** A copy that malware on the network cannot reach: offline media or immutable storage. */
  offlineCopy: z.boolean(),
  location: z.string().nullable(),
  /** The backup file, relative to the plant's backups/ folder. */
  file: z.string().nullable(),
  sha256: z.string().nullable(),
  evidence: LineEvidence,
});
export type BackupRecord = z.infer<typeof BackupRecord>;

/** A file of the plant's backups/ folder, hashed. */
export const BackupFile = z.strictObject({
  /** Relative to the backups/ folder, with forward slashes. */
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type BackupFile = z.infer<typeof BackupFile>;

/** A person who left the organisation (leavers.csv). */
export const Leaver = z.strictObject({
  user: z.string().nullable(),
  name: z.string().nullable(),
  left: z.string().nullable(),
  evidence: LineEvidence,
});
export type Leaver = z.infer<typeof Leaver>;

/** Everything the control checks read besides plant.yaml and the captures. */
export const ControlEvidence = z.strictObject({
  baseline: Baseline,
  accounts: z.array(ImportedAccount),
  policies: z.array(SecurityPolicy),
  auditPolicies: z.array(AuditPolicy),
  hotfixes: z.array(HotfixList),
  networkConfigs: z.array(IosConfig),
  backupRegister: z.array(BackupRecord),
  /** null when the plant has no backups/ folder: hashes cannot be checked then. */
  backupFiles: z.array(BackupFile).nullable(),
  /** null without a leavers list. */
  leavers: z.array(Leaver).nullable(),
});
export type ControlEvidence = z.infer<typeof ControlEvidence>;
