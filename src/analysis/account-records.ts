/**
 * One view of every account: those plant.yaml declares joined with those the systems' own exports list (the
 * same system and user name, ignoring case, are one account). What the exports show of the live system wins
 * (enabled, last logon, password expiry); what plant.yaml states about use wins where exports cannot tell
 * (kind, remote use, MFA). Kind and privilege of accounts only an export names are derived from well-known
 * RIDs, names and groups, and the reason is kept for the finding's text.
 */
import type { AccountKind, ImportedAccount } from "../model/controls.js";
import type { AnalysisContext } from "./context.js";
import { declaredAt } from "./plant-lookup.js";

type Line = ReturnType<typeof declaredAt>;

export interface AccountRecord {
  system: string;
  user: string;
  kind: AccountKind;
  /** Why the kind was derived (`built-in Administrator, RID 500`), or null when plant.yaml or the export states it. */
  kindReason: string | null;
  privileged: boolean;
  privilegeReason: string | null;
  mfa: boolean;
  remoteUse: boolean;
  enabled: boolean;
  lastLogon: string | null;
  passwordNeverExpires: boolean | null;
  /** The person behind the account: plant.yaml's owner or the export's full name. */
  person: string | null;
  evidence: Line[];
}

/** Built-in Windows accounts by relative id. */
const BUILT_IN_RIDS: Record<string, string> = {
  "500": "built-in Administrator",
  "501": "built-in Guest",
  "503": "built-in DefaultAccount",
  "504": "built-in WDAGUtilityAccount",
};

/** Names vendors and operating systems ship as defaults (Schneider's `USER`, Siemens' and Linux's `admin`, `root`). */
const DEFAULT_NAMES = new Set([
  "administrator",
  "admin",
  "guest",
  "root",
  "user",
  "defaultaccount",
  "sysadmin",
]);

/** Names of a role or a place rather than a person. */
const SHARED_NAMES = new Set([
  "operator",
  "operators",
  "engineer",
  "engineering",
  "maintenance",
  "shift",
  "control",
  "controlroom",
  "scada",
  "hmi",
  "vendor",
  "support",
  "integrator",
]);
const SHARED_TEXT = /\b(shared|generic)\b/i;
const SERVICE_NAME = /^(svc|sa|srv)[._-]|[._-]svc$|service/i;

/** Group names that grant administrative rights (Windows and AD built-ins, and any group named *admin*). */
const PRIVILEGED_GROUP = /admin|^(account|server|backup) operators$/i;
/** `Remote Desktop Users`, `OT-VPN-Users`, ... */
const REMOTE_GROUP = /remote|vpn/i;

function classifyImported(a: ImportedAccount): { kind: AccountKind; reason: string | null } {
  if (a.kind) return { kind: a.kind, reason: null };
  const rid = a.sid?.split("-").pop();
  if (rid && BUILT_IN_RIDS[rid]) return { kind: "default", reason: `${BUILT_IN_RIDS[rid]}, RID ${rid}` };
  const name = a.user.toLowerCase();
  if (DEFAULT_NAMES.has(name)) return { kind: "default", reason: `"${a.user}" is a default account name` };
  if (SHARED_NAMES.has(name)) return { kind: "shared", reason: `"${a.user}" names a role, not a person` };
  const text = [a.description, a.fullName].filter(Boolean).join(" ");
  if (SHARED_TEXT.test(text)) return { kind: "shared", reason: `described as "${text.slice(0, 60)}"` };
  if (SERVICE_NAME.test(a.user) || /service account/i.test(text)) return { kind: "service", reason: null };
  return { kind: "human", reason: null };
}

function privilegeOf(a: ImportedAccount): string | null {
  if (a.privileged) return "marked privileged";
  const group = a.groups?.find((g) => PRIVILEGED_GROUP.test(g));
  if (group) return `member of ${group}`;
  if (a.adminCount) return "adminCount = 1 (a protected administrative group)";
  if (a.sid?.endsWith("-500")) return "built-in Administrator";
  return null;
}

function remoteOf(a: ImportedAccount): boolean {
  return a.remoteUse === true || (a.groups ?? []).some((g) => REMOTE_GROUP.test(g));
}

const keyOf = (system: string, user: string) => `${system}\u0000${user.toLowerCase()}`;

export function accountRecords(ctx: AnalysisContext): AccountRecord[] {
  const records = new Map<string, AccountRecord>();
  ctx.plant.spec.accounts.forEach((a, i) => {
    records.set(keyOf(a.system, a.user), {
      system: a.system,
      user: a.user,
      kind: a.kind,
      kindReason: null,
      privileged: a.privileged,
      privilegeReason: null,
      mfa: a.mfa,
      remoteUse: a.remoteUse,
      enabled: a.enabled,
      lastLogon: a.lastLogon ?? null,
      passwordNeverExpires: null,
      person: a.owner ?? null,
      evidence: [declaredAt(ctx.plant, "accounts", i)],
    });
  });
  for (const a of ctx.controls?.accounts ?? []) {
    const key = keyOf(a.system, a.user);
    const privilegeReason = privilegeOf(a);
    const known = records.get(key);
    if (!known) {
      const { kind, reason } = classifyImported(a);
      records.set(key, {
        system: a.system,
        user: a.user,
        kind,
        kindReason: reason,
        privileged: privilegeReason !== null,
        privilegeReason,
        mfa: a.mfa === true,
        remoteUse: remoteOf(a),
        enabled: a.enabled,
        lastLogon: a.lastLogon,
        passwordNeverExpires: a.passwordNeverExpires,
        person: a.fullName,
        evidence: [a.evidence],
      });
      continue;
    }
    known.enabled = a.enabled;
    known.lastLogon = latest(known.lastLogon, a.lastLogon);
    known.passwordNeverExpires = a.passwordNeverExpires ?? known.passwordNeverExpires;
    if (!known.privileged && privilegeReason) {
      known.privileged = true;
      known.privilegeReason = privilegeReason;
    }
    known.mfa ||= a.mfa === true;
    known.remoteUse ||= remoteOf(a);
    known.person ??= a.fullName;
    known.evidence.push(a.evidence);
  }
  return [...records.values()];
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
