/**
 * A plant's baseline.yaml, laid over otaudit's default baseline: a key the file sets replaces the default one
 * (registry paths and names matched ignoring case), `null` removes it, and anything the file leaves out keeps
 * its default.
 */
import { type Baseline, BaselineFile, DEFAULT_BASELINE } from "../model/baseline.js";
import type { InputProblem } from "../model/problem.js";
import { checkSchema, readYamlFile } from "./yaml-file.js";

export function readBaseline(path: string, file: string): { baseline: Baseline; problems: InputProblem[] } {
  const yaml = readYamlFile(path, file);
  if (yaml.problems.some((p) => p.severity === "error"))
    return { baseline: DEFAULT_BASELINE, problems: yaml.problems };
  const { data, problems } = checkSchema(yaml, BaselineFile);
  if (!data) return { baseline: DEFAULT_BASELINE, problems: [...yaml.problems, ...problems] };
  return { baseline: overlay(DEFAULT_BASELINE, data), problems: yaml.problems };
}

export function overlay(base: Baseline, file: BaselineFile): Baseline {
  const w = file.windows ?? {};
  return {
    windows: {
      password: merge(base.windows.password, w.password),
      lockout: merge(base.windows.lockout, w.lockout),
      securityOptions: merge(base.windows.securityOptions, w.securityOptions),
      userRights: merge(base.windows.userRights, w.userRights),
      auditPolicy: merge(base.windows.auditPolicy, w.auditPolicy),
      eventAudit: merge(base.windows.eventAudit, w.eventAudit),
      maxUpdateAgeDays: w.maxUpdateAgeDays ?? base.windows.maxUpdateAgeDays,
    },
    accounts: { staleDays: file.accounts?.staleDays ?? base.accounts.staleDays },
    backups: {
      maxAgeDays: file.backups?.maxAgeDays ?? base.backups.maxAgeDays,
      restoreTestMaxDays: file.backups?.restoreTestMaxDays ?? base.backups.restoreTestMaxDays,
    },
    stated: [...new Set([...(base.stated ?? []), ...statedKeys(file)])],
  };
}

/** The keys a baseline.yaml sets to a value (`backups.maxAgeDays`), so findings can say whose threshold they applied. */
function statedKeys(file: BaselineFile): string[] {
  const set = (prefix: string, over: Record<string, unknown> | undefined) =>
    Object.entries(over ?? {}).flatMap(([k, v]) => (v === null || v === undefined ? [] : [`${prefix}.${k}`]));
  const w = file.windows ?? {};
  return [
    ...(
      ["password", "lockout", "securityOptions", "userRights", "auditPolicy", "eventAudit"] as const
    ).flatMap((section) => set(`windows.${section}`, w[section])),
    ...set("windows", { maxUpdateAgeDays: w.maxUpdateAgeDays }),
    ...set("accounts", { staleDays: file.accounts?.staleDays }),
    ...set("backups", file.backups),
  ];
}

function merge<T>(base: Record<string, T>, over: Record<string, T | null> | undefined): Record<string, T> {
  if (!over) return base;
  const out: Record<string, T> = {};
  const overridden = new Set(Object.keys(over).map((k) => k.toLowerCase()));
  for (const [k, v] of Object.entries(base)) if (!overridden.has(k.toLowerCase())) out[k] = v;
  for (const [k, v] of Object.entries(over)) if (v !== null) out[k] = v;
  return out;
}
