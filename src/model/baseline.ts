/**
 * The configuration baseline the control checks hold systems against: Windows security and audit policy, the
 * age of updates, account review and backup intervals. It is data: a plant's `baseline.yaml` overrides any part
 * of DEFAULT_BASELINE (and `null` drops a check), so a site can state its own policy.
 */
import { z } from "zod";

export const AuditSetting = z.enum(["none", "success", "failure", "success-and-failure"]);
export type AuditSetting = z.infer<typeof AuditSetting>;

/** A numeric setting must lie within these bounds. */
export const Bound = z
  .strictObject({
    min: z.number().optional(),
    max: z.number().optional(),
    equals: z.number().optional(),
  })
  .refine((b) => b.min !== undefined || b.max !== undefined || b.equals !== undefined, {
    error: "expected at least one of min, max, equals",
  });
export type Bound = z.infer<typeof Bound>;

/** Who may hold a user right (`*S-1-5-32-544` or an account name, as secedit writes them). */
export const RightRule = z
  .strictObject({
    notGrantedTo: z.array(z.string()).optional(),
    onlyGrantedTo: z.array(z.string()).optional(),
    mustInclude: z.array(z.string()).optional(),
  })
  .refine((r) => r.notGrantedTo || r.onlyGrantedTo || r.mustInclude, {
    error: "expected at least one of notGrantedTo, onlyGrantedTo, mustInclude",
  });
export type RightRule = z.infer<typeof RightRule>;

export const AuditRequirement = z.strictObject({
  /** The subcategory GUID, which auditpol writes on every display language. */
  guid: z.string().regex(/^\{[0-9A-Fa-f-]{36}\}$/, "expected a GUID in braces"),
  require: AuditSetting.exclude(["none"]),
});
export type AuditRequirement = z.infer<typeof AuditRequirement>;

export const WindowsBaseline = z.strictObject({
  /** `[System Access]` password settings (HARD-001). */
  password: z.record(z.string(), Bound),
  /** `[System Access]` lockout settings (HARD-002). */
  lockout: z.record(z.string(), Bound),
  /** `[System Access]` keys and `[Registry Values]` paths (those with a backslash) (HARD-003). */
  securityOptions: z.record(z.string(), Bound),
  /** `[Privilege Rights]` (HARD-003). */
  userRights: z.record(z.string(), RightRule),
  /** Advanced audit policy by subcategory name (HARD-004). */
  auditPolicy: z.record(z.string(), AuditRequirement),
  /** Legacy `[Event Audit]` categories, checked when a system has no auditpol export (HARD-004). */
  eventAudit: z.record(z.string(), AuditSetting.exclude(["none"])),
  /** The newest installed update may be at most this old (HARD-005). */
  maxUpdateAgeDays: z.number().int().positive(),
});

export const Baseline = z.strictObject({
  windows: WindowsBaseline,
  accounts: z.strictObject({
    /** Enabled accounts unused this long are stale (ACC-003). */
    staleDays: z.number().int().positive(),
  }),
  backups: z.strictObject({
    /** The newest backup of a system may be at most this old (BAK-004). */
    maxAgeDays: z.number().int().positive(),
    /** A restore must have been tested within this many days (BAK-001, IR-005). */
    restoreTestMaxDays: z.number().int().positive(),
  }),
  /**
   * The settings the plant's baseline.yaml states, as their keys (`backups.maxAgeDays`,
   * `windows.password.MinimumPasswordLength`); every other setting is otaudit's default. Absent: none stated.
   */
  stated: z.array(z.string()).optional(),
});
export type Baseline = z.infer<typeof Baseline>;

/** Whether the site stated a baseline setting (`backups.maxAgeDays`) or it is otaudit's default. */
export function settingSource(baseline: Baseline, key: string): "site" | "default" {
  return baseline.stated?.includes(key) ? "site" : "default";
}

const lsa = "MACHINE\\System\\CurrentControlSet\\Control\\Lsa";
const guid = (n: string) => `{0CCE92${n}-69AE-11D9-BED3-505054503030}`;

/**
 * otaudit's default: the common ground of the CIS benchmarks and the Microsoft security baselines for
 * Windows 10/11 and Server 2019/2022, relaxed nowhere for OT; a site that must (lockout on shared operator
 * consoles, say) states its exception in baseline.yaml, where the assessment can show it.
 */
export const DEFAULT_BASELINE: Baseline = {
  windows: {
    password: {
      MinimumPasswordLength: { min: 14 },
      PasswordComplexity: { equals: 1 },
      PasswordHistorySize: { min: 24 },
      MaximumPasswordAge: { min: 1, max: 365 },
      MinimumPasswordAge: { min: 1 },
      ClearTextPassword: { equals: 0 },
    },
    lockout: {
      LockoutBadCount: { min: 1, max: 10 },
      LockoutDuration: { min: 15 },
      ResetLockoutCount: { min: 15 },
    },
    securityOptions: {
      EnableGuestAccount: { equals: 0 },
      LSAAnonymousNameLookup: { equals: 0 },
      [`${lsa}\\LmCompatibilityLevel`]: { min: 5 },
      [`${lsa}\\NoLMHash`]: { equals: 1 },
      [`${lsa}\\RestrictAnonymous`]: { min: 1 },
      [`${lsa}\\RestrictAnonymousSAM`]: { equals: 1 },
      [`${lsa}\\LimitBlankPasswordUse`]: { equals: 1 },
      "MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature": {
        equals: 1,
      },
      "MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\EnableLUA": { equals: 1 },
    },
    userRights: {
      SeRemoteInteractiveLogonRight: {
        notGrantedTo: ["*S-1-1-0", "*S-1-5-11", "*S-1-5-32-545", "*S-1-5-32-546"],
      },
      SeNetworkLogonRight: { notGrantedTo: ["*S-1-1-0", "*S-1-5-32-546"] },
      SeDebugPrivilege: { onlyGrantedTo: ["*S-1-5-32-544"] },
      SeDenyNetworkLogonRight: { mustInclude: ["*S-1-5-32-546"] },
    },
    auditPolicy: {
      "Credential Validation": { guid: guid("3F"), require: "success-and-failure" },
      "User Account Management": { guid: guid("35"), require: "success-and-failure" },
      "Security Group Management": { guid: guid("37"), require: "success" },
      "Process Creation": { guid: guid("2B"), require: "success" },
      "Account Lockout": { guid: guid("17"), require: "failure" },
      Logon: { guid: guid("15"), require: "success-and-failure" },
      Logoff: { guid: guid("16"), require: "success" },
      "Special Logon": { guid: guid("1B"), require: "success" },
      "Other Logon/Logoff Events": { guid: guid("1C"), require: "success-and-failure" },
      "Removable Storage": { guid: guid("45"), require: "success-and-failure" },
      "Audit Policy Change": { guid: guid("2F"), require: "success" },
      "Authentication Policy Change": { guid: guid("30"), require: "success" },
      "Sensitive Privilege Use": { guid: guid("28"), require: "success-and-failure" },
      "Security State Change": { guid: guid("10"), require: "success" },
      "Security System Extension": { guid: guid("11"), require: "success" },
      "System Integrity": { guid: guid("12"), require: "success-and-failure" },
      "Plug and Play Events": { guid: guid("48"), require: "success" },
    },
    eventAudit: {
      AuditAccountLogon: "success-and-failure",
      AuditAccountManage: "success-and-failure",
      AuditLogonEvents: "success-and-failure",
      AuditPolicyChange: "success",
      AuditPrivilegeUse: "failure",
      AuditSystemEvents: "success-and-failure",
    },
    maxUpdateAgeDays: 90,
  },
  accounts: { staleDays: 90 },
  backups: { maxAgeDays: 180, restoreTestMaxDays: 365 },
};

/** A plant's baseline.yaml: any part of the baseline; `null` removes a default check. */
export const BaselineFile = z.strictObject({
  $schema: z.string().optional(),
  windows: z
    .strictObject({
      password: z.record(z.string(), Bound.nullable()).optional(),
      lockout: z.record(z.string(), Bound.nullable()).optional(),
      securityOptions: z.record(z.string(), Bound.nullable()).optional(),
      userRights: z.record(z.string(), RightRule.nullable()).optional(),
      auditPolicy: z.record(z.string(), AuditRequirement.nullable()).optional(),
      eventAudit: z.record(z.string(), AuditSetting.exclude(["none"]).nullable()).optional(),
      maxUpdateAgeDays: z.number().int().positive().optional(),
    })
    .optional(),
  accounts: z.strictObject({ staleDays: z.number().int().positive().optional() }).optional(),
  backups: z
    .strictObject({
      maxAgeDays: z.number().int().positive().optional(),
      restoreTestMaxDays: z.number().int().positive().optional(),
    })
    .optional(),
});
export type BaselineFile = z.infer<typeof BaselineFile>;
