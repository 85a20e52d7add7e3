/**
 * Windows HMI, server and workstation hardening against the baseline: password and lockout policy, security
 * options and user rights (secedit exports), audit policy (auditpol, or the legacy [Event Audit] section), and
 * the age of the newest installed update (Get-HotFix). One finding per system and rule, each deviation with the
 * line of the export that shows it.
 */
import type { AuditSetting, Bound, RightRule } from "../model/baseline.js";
import type { SecurityPolicy } from "../model/controls.js";
import type { Evidence } from "../model/evidence.js";
import type { Threshold } from "../model/finding.js";
import type { AnalysisContext } from "./context.js";
import { baselineOf, baselineThreshold, formatDate, systemAssets, systemZones } from "./control-lookup.js";
import { daysSince, findingOf, type Rule } from "./rule.js";

interface Deviation {
  text: string;
  file: string;
  line: number;
  /** The baseline setting it falls short of. */
  threshold: Threshold;
}

/** The baseline setting under `section` (`windows.password`), named by its key, as a threshold. */
type ThresholdOf = (key: string, value: string) => Threshold;

const thresholdsIn =
  (ctx: AnalysisContext, section: string): ThresholdOf =>
  (key, value) =>
    baselineThreshold(ctx, `${section}.${key}`, key, value);

const WELL_KNOWN_SIDS: Record<string, string> = {
  "S-1-1-0": "Everyone",
  "S-1-5-7": "Anonymous Logon",
  "S-1-5-11": "Authenticated Users",
  "S-1-5-32-544": "Administrators",
  "S-1-5-32-545": "Users",
  "S-1-5-32-546": "Guests",
  "S-1-5-32-551": "Backup Operators",
  "S-1-5-32-555": "Remote Desktop Users",
  "S-1-5-113": "Local account",
};

function findingsPerSystem(
  rule: Rule,
  ctx: AnalysisContext,
  deviations: Map<string, Deviation[]>,
  what: string,
): ReturnType<Rule["check"]> {
  return [...deviations].flatMap(([system, unsorted]) => {
    const list = [...unsorted].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const thresholds = [...new Map(list.map((d) => [d.threshold.setting, d.threshold])).values()];
    return list.length === 0
      ? []
      : [
          findingOf(rule, {
            subject: system,
            summary: `${what} of ${system}: ${list.length === 1 ? "1 setting" : `${list.length} settings`} short of the baseline: ${list.map((d) => d.text).join("; ")}.`,
            zones: systemZones(ctx.plant, system),
            assets: systemAssets(ctx.plant, system),
            evidence: list.map((d): Evidence => ({ kind: "line", file: d.file, line: d.line, note: d.text })),
            thresholds,
          }),
        ];
  });
}

function describeBound(b: Bound): string {
  if (b.equals !== undefined) return `${b.equals}`;
  if (b.min !== undefined && b.max !== undefined) return `${b.min} to ${b.max}`;
  return b.min !== undefined ? `at least ${b.min}` : `at most ${b.max}`;
}

function withinBound(value: number, b: Bound): boolean {
  return (
    (b.equals === undefined || value === b.equals) &&
    (b.min === undefined || value >= b.min) &&
    (b.max === undefined || value <= b.max)
  );
}

/** Checks `[System Access]` keys and `[Registry Values]` paths (those with a backslash) of one policy. */
function boundDeviations(
  p: SecurityPolicy,
  bounds: Record<string, Bound>,
  thresholdOf: ThresholdOf,
): Deviation[] {
  return Object.entries(bounds).flatMap(([key, bound]): Deviation[] => {
    const registry = key.includes("\\");
    const found = registry ? p.registryValues[key.toLowerCase()] : p.systemAccess[key];
    const name = registry ? key.slice(key.lastIndexOf("\\") + 1) : key;
    const expected = `baseline ${describeBound(bound)}`;
    const threshold = thresholdOf(key, describeBound(bound));
    if (!found) {
      const section = registry ? "Registry Values" : "System Access";
      return [
        {
          text: `${name} not set in [${section}] (${expected})`,
          file: p.file,
          line: p.sections[section] ?? 1,
          threshold,
        },
      ];
    }
    const value = Number(found.value);
    if (found.value === "" || Number.isNaN(value))
      return [
        {
          text: `${name} = "${found.value}" is not a number (${expected})`,
          file: p.file,
          line: found.line,
          threshold,
        },
      ];
    if (withinBound(value, bound)) return [];
    return [{ text: `${name} = ${found.value} (${expected})`, file: p.file, line: found.line, threshold }];
  });
}

const holderKey = (h: string) => h.replace(/^\*/, "").toUpperCase();
const holderName = (h: string) => WELL_KNOWN_SIDS[holderKey(h)] ?? h.replace(/^\*/, "");

function describeRight(rule: RightRule): string {
  return [
    rule.notGrantedTo ? `not granted to ${rule.notGrantedTo.map(holderName).join(", ")}` : null,
    rule.onlyGrantedTo ? `granted only to ${rule.onlyGrantedTo.map(holderName).join(", ")}` : null,
    rule.mustInclude ? `including ${rule.mustInclude.map(holderName).join(", ")}` : null,
  ]
    .filter((x): x is string => x !== null)
    .join("; ");
}

function rightDeviations(
  p: SecurityPolicy,
  rules: Record<string, RightRule>,
  thresholdOf: ThresholdOf,
): Deviation[] {
  return Object.entries(rules).flatMap(([right, rule]): Deviation[] => {
    const threshold = thresholdOf(right, describeRight(rule));
    const found = p.privilegeRights[right];
    const holders = found?.holders ?? [];
    const line = found?.line ?? p.sections["Privilege Rights"] ?? 1;
    const has = (list: readonly string[], h: string) => list.some((x) => holderKey(x) === holderKey(h));
    const out: Deviation[] = [];
    const forbidden = holders.filter((h) => rule.notGrantedTo && has(rule.notGrantedTo, h));
    if (forbidden.length)
      out.push({
        text: `${right} granted to ${forbidden.map(holderName).join(", ")}`,
        file: p.file,
        line,
        threshold,
      });
    const extra = holders.filter((h) => rule.onlyGrantedTo && !has(rule.onlyGrantedTo, h));
    if (extra.length)
      out.push({
        text: `${right} granted to ${extra.map(holderName).join(", ")} (baseline: only ${rule.onlyGrantedTo!.map(holderName).join(", ")})`,
        file: p.file,
        line,
        threshold,
      });
    const missing = (rule.mustInclude ?? []).filter((h) => !has(holders, h));
    if (missing.length)
      out.push({
        text: `${right} does not include ${missing.map(holderName).join(", ")}`,
        file: p.file,
        line,
        threshold,
      });
    return out;
  });
}

function perPolicy(
  ctx: AnalysisContext,
  check: (p: SecurityPolicy) => Deviation[],
): Map<string, Deviation[]> {
  const out = new Map<string, Deviation[]>();
  for (const p of ctx.controls?.policies ?? [])
    out.set(p.system, [...(out.get(p.system) ?? []), ...check(p)]);
  return out;
}

export const weakPasswordPolicy: Rule = {
  id: "HARD-001",
  title: "Windows password policy weaker than the baseline",
  severity: "high",
  contradicts: ["SR 1.7", "USER 1.11"],
  related: ["SR 1.5", "SR 7.6"],
  description:
    "Short, simple or never-changing passwords on HMIs and engineering stations fall to guessing and to the password lists every intrusion toolkit carries.",
  remediation:
    "Set the password policy by GPO or local policy to the baseline (length, complexity, history, age); store no passwords with reversible encryption.",
  check(ctx) {
    const bounds = baselineOf(ctx).windows.password;
    const thresholdOf = thresholdsIn(ctx, "windows.password");
    return findingsPerSystem(
      this,
      ctx,
      perPolicy(ctx, (p) => boundDeviations(p, bounds, thresholdOf)),
      "Password policy",
    );
  },
};

export const weakLockoutPolicy: Rule = {
  id: "HARD-002",
  title: "Windows account lockout weaker than the baseline",
  severity: "medium",
  contradicts: ["SR 1.11", "USER 1.15"],
  related: ["SR 7.6"],
  description:
    "Without a lockout threshold, passwords can be guessed at the logon screen or over RDP and SMB without limit.",
  remediation:
    "Set a lockout threshold, duration and reset time as the baseline states; for shared operator consoles where lockout could stop operation, state the exception in baseline.yaml and compensate (view-only account, monitored logon failures).",
  check(ctx) {
    const bounds = baselineOf(ctx).windows.lockout;
    const thresholdOf = thresholdsIn(ctx, "windows.lockout");
    return findingsPerSystem(
      this,
      ctx,
      perPolicy(ctx, (p) => boundDeviations(p, bounds, thresholdOf)),
      "Account lockout policy",
    );
  },
};

export const weakSecurityOptions: Rule = {
  id: "HARD-003",
  title: "Windows security options or user rights weaker than the baseline",
  severity: "medium",
  contradicts: ["SR 7.6"],
  related: ["SR 1.1", "SR 2.1", "COMP 1.1"],
  description:
    "Guest and anonymous access, LM/NTLMv1 authentication, unsigned SMB, disabled UAC and broad logon rights are the settings lateral movement relies on.",
  remediation:
    "Apply the security options and user rights assignments of the baseline (a hardening GPO or the vendor's hardening guide for the HMI software), and re-export the policy to confirm.",
  check(ctx) {
    const w = baselineOf(ctx).windows;
    return findingsPerSystem(
      this,
      ctx,
      perPolicy(ctx, (p) => [
        ...boundDeviations(p, w.securityOptions, thresholdsIn(ctx, "windows.securityOptions")),
        ...rightDeviations(p, w.userRights, thresholdsIn(ctx, "windows.userRights")),
      ]),
      "Security options and user rights",
    );
  },
};

const COVERS: Record<AuditSetting, readonly AuditSetting[]> = {
  none: [],
  success: ["success"],
  failure: ["failure"],
  "success-and-failure": ["success", "failure", "success-and-failure"],
};
const LEGACY: Record<string, AuditSetting> = {
  "0": "none",
  "1": "success",
  "2": "failure",
  "3": "success-and-failure",
};
const spoken = (s: AuditSetting) => (s === "none" ? "no auditing" : s.replace(/-/g, " "));

export const auditPolicyGaps: Rule = {
  id: "HARD-004",
  title: "Windows audit policy records less than the baseline",
  severity: "medium",
  contradicts: ["SR 2.8", "EVENT 1.4"],
  related: ["SR 7.6"],
  description:
    "Without auditing of logons, account changes, process creation and policy changes, an intrusion leaves no trace on the HMI or engineering station, and an investigation has nothing to start from.",
  remediation:
    "Enable the advanced audit policy subcategories of the baseline (and force it over legacy categories), size the Security log accordingly and forward it to a central collector.",
  check(ctx) {
    const w = baselineOf(ctx).windows;
    const advanced = thresholdsIn(ctx, "windows.auditPolicy");
    const legacy = thresholdsIn(ctx, "windows.eventAudit");
    const out = new Map<string, Deviation[]>();
    const audited = new Set<string>();
    for (const a of ctx.controls?.auditPolicies ?? []) {
      audited.add(a.system);
      const list = out.get(a.system) ?? [];
      out.set(a.system, list);
      for (const [name, req] of Object.entries(w.auditPolicy)) {
        const s =
          a.settings.find((x) => x.guid === req.guid.toUpperCase()) ??
          a.settings.find((x) => x.subcategory.toLowerCase() === name.toLowerCase());
        if (!s)
          list.push({
            text: `${name} not listed (baseline ${spoken(req.require)})`,
            file: a.file,
            line: a.settings[0]?.line ?? 1,
            threshold: advanced(name, spoken(req.require)),
          });
        else if (!COVERS[s.setting].includes(req.require))
          list.push({
            text: `${name}: ${spoken(s.setting)} (baseline ${spoken(req.require)})`,
            file: a.file,
            line: s.line,
            threshold: advanced(name, spoken(req.require)),
          });
      }
    }
    // Without an auditpol export, the legacy categories of the security template are what is known.
    for (const p of ctx.controls?.policies ?? []) {
      if (audited.has(p.system) || Object.keys(p.eventAudit).length === 0) continue;
      const list = out.get(p.system) ?? [];
      out.set(p.system, list);
      for (const [key, require] of Object.entries(w.eventAudit)) {
        const v = p.eventAudit[key];
        const setting = v ? LEGACY[v.value]! : "none";
        if (!COVERS[setting].includes(require))
          list.push({
            text: `${key}: ${spoken(setting)} (baseline ${spoken(require)})`,
            file: p.file,
            line: v?.line ?? p.sections["Event Audit"] ?? 1,
            threshold: legacy(key, spoken(require)),
          });
      }
    }
    return findingsPerSystem(this, ctx, out, "Audit policy");
  },
};

export const outdatedUpdates: Rule = {
  id: "HARD-005",
  title: "Newest installed Windows update older than the baseline allows",
  severity: "high",
  contradicts: ["COMP 3.2"],
  related: ["CR 3.10", "COMP 3.3"],
  description:
    "A Windows system whose newest update is months old carries every vulnerability fixed since, including those exploited in the wild; HMIs and engineering stations are where OT intrusions land first.",
  remediation:
    "Install the updates the HMI or SCADA vendor has qualified (most publish a monthly compatibility list), through the DMZ patch server; where an update cannot be installed, record the compensating measures.",
  check(ctx) {
    const limit = baselineOf(ctx).windows.maxUpdateAgeDays;
    const threshold = baselineThreshold(ctx, "windows.maxUpdateAgeDays", "update age limit", `${limit} days`);
    return (ctx.controls?.hotfixes ?? []).flatMap((h) => {
      const dated = h.updates.filter((u) => u.installedOn !== null);
      const newest = dated.sort((a, b) => Date.parse(b.installedOn!) - Date.parse(a.installedOn!))[0];
      const days = newest ? daysSince(newest.installedOn!, ctx.now) : undefined;
      if (days !== undefined && days <= limit) return [];
      const summary = newest
        ? `The newest update installed on ${h.system} is ${newest.id}, of ${formatDate(newest.installedOn!)}: ${days} days old (${threshold.source === "site" ? "baseline.yaml" : "otaudit's default"}: at most ${limit}).`
        : h.updates.length === 0
          ? `The update list of ${h.system} lists no installed update.`
          : `None of the ${h.updates.length} updates listed for ${h.system} has an install date.`;
      return [
        findingOf(this, {
          subject: h.system,
          summary,
          zones: systemZones(ctx.plant, h.system),
          assets: systemAssets(ctx.plant, h.system),
          evidence: [{ kind: "line", file: h.file, line: newest?.line ?? h.updates[0]?.line ?? 1 }],
          // No dated update at all is no known patching, whatever the limit.
          ...(newest ? { thresholds: [threshold] } : {}),
        }),
      ];
    });
  },
};
