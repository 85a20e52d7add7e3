/** Account checks over plant.yaml's accounts joined with the systems' own account exports. */
import { DEFAULT_BASELINE } from "../model/baseline.js";
import type { Leaver } from "../model/controls.js";
import { type AccountRecord, accountRecords } from "./account-records.js";
import type { AnalysisContext } from "./context.js";
import { baselineOf, baselineThreshold, formatDate, systemAssets, systemZones } from "./control-lookup.js";
import { daysSince, findingOf, type Rule } from "./rule.js";

/** Accounts not used for this long should be disabled (62443-3-3 SR 1.3 asks for account review); baseline.yaml may change it. */
export const STALE_ACCOUNT_DAYS = DEFAULT_BASELINE.accounts.staleDays;

const where = (ctx: AnalysisContext, a: AccountRecord) => ({
  zones: systemZones(ctx.plant, a.system),
  assets: systemAssets(ctx.plant, a.system),
});

export const sharedAccount: Rule = {
  id: "ACC-001",
  title: "Shared or default account in use",
  severity: "high",
  contradicts: ["SR 1.1 RE 1", "SR 1.5"],
  related: ["SR 1.1", "SR 1.3"],
  description:
    "An account used by several people, or a vendor default account, means actions cannot be traced to a person and the password is known beyond those who need it.",
  remediation:
    "Give every person their own account; disable or rename default accounts and change their passwords; where a shared operator login is unavoidable, restrict it to view-only and log who is on shift.",
  check(ctx) {
    return accountRecords(ctx).flatMap((a) =>
      (a.kind === "shared" || a.kind === "default") && a.enabled
        ? [
            findingOf(this, {
              subject: `${a.system}/${a.user}`,
              summary: `${a.kind === "shared" ? "Shared" : "Default"} account "${a.user}" on ${a.system}${a.kindReason ? ` (${a.kindReason})` : ""}${a.privileged ? " has privileged rights" : ""}.`,
              ...where(ctx, a),
              evidence: a.evidence,
            }),
          ]
        : [],
    );
  },
};

export const privilegedRemoteWithoutMfa: Rule = {
  id: "ACC-002",
  title: "Privileged account used remotely without multifactor authentication",
  severity: "high",
  contradicts: ["SR 1.1 RE 2"],
  related: ["SR 1.13"],
  description:
    "A privileged account reachable from outside the control system and protected by a password alone is the usual way attackers move from a stolen credential to control.",
  remediation: "Require multifactor authentication for every remote logon, at the latest at the jump host.",
  check(ctx) {
    return accountRecords(ctx).flatMap((a) =>
      a.privileged && a.remoteUse && !a.mfa && a.enabled
        ? [
            findingOf(this, {
              subject: `${a.system}/${a.user}`,
              summary: `Privileged account "${a.user}" on ${a.system}${a.privilegeReason ? ` (${a.privilegeReason})` : ""} is used remotely without MFA.`,
              ...where(ctx, a),
              evidence: a.evidence,
            }),
          ]
        : [],
    );
  },
};

export const staleAccount: Rule = {
  id: "ACC-003",
  title: "Enabled account unused for a long time",
  severity: "medium",
  contradicts: ["SR 1.3"],
  related: [],
  description: `An enabled account nobody has used for ${STALE_ACCOUNT_DAYS} days (or the baseline's accounts.staleDays) is an unwatched way in.`,
  remediation:
    "Review accounts at least quarterly; disable those unused, and remove them after a grace period.",
  check(ctx) {
    const limit = baselineOf(ctx).accounts.staleDays;
    const threshold = baselineThreshold(ctx, "accounts.staleDays", "stale-account period", `${limit} days`);
    return accountRecords(ctx).flatMap((a) => {
      if (!a.enabled || !a.lastLogon) return [];
      const days = daysSince(a.lastLogon, ctx.now);
      if (days < limit) return [];
      return [
        findingOf(this, {
          subject: `${a.system}/${a.user}`,
          summary: `Account "${a.user}" on ${a.system} was last used ${days} days ago (${formatDate(a.lastLogon)}) and is still enabled.`,
          ...where(ctx, a),
          evidence: a.evidence,
          thresholds: [threshold],
        }),
      ];
    });
  },
};

export const passwordNeverExpires: Rule = {
  id: "ACC-004",
  title: "Password that never expires",
  severity: "medium",
  contradicts: ["SR 1.7 RE 1", "USER 1.11"],
  related: ["SR 1.5"],
  description:
    "A password exempt from expiry outlives the people and vendors who learned it; on service and shared accounts it is rarely changed at all.",
  remediation:
    "Remove the never-expires flag from personal accounts; give services managed service accounts (gMSA) or rotate their passwords on a schedule, recorded in the account register.",
  check(ctx) {
    return accountRecords(ctx).flatMap((a) =>
      a.enabled && a.passwordNeverExpires === true
        ? [
            findingOf(this, {
              subject: `${a.system}/${a.user}`,
              summary: `The password of ${a.kind} account "${a.user}" on ${a.system}${a.privileged ? " (privileged)" : ""} never expires.`,
              ...where(ctx, a),
              evidence: a.evidence,
            }),
          ]
        : [],
    );
  },
};

export const leaverAccount: Rule = {
  id: "ACC-005",
  title: "Enabled account of a person who left",
  severity: "high",
  contradicts: ["SR 1.3", "USER 1.2"],
  related: ["SR 1.4"],
  description:
    "An account that outlives its owner's employment or contract keeps working for them, and for anyone who learns its password, with nobody to notice its use.",
  remediation:
    "Disable accounts on the leaving date as part of the leaver process, across the domain and every local system, vendor portal and controller; review the leavers list against the account exports each quarter.",
  check(ctx) {
    const leavers = ctx.controls?.leavers;
    if (!leavers) return [];
    return accountRecords(ctx).flatMap((a) => {
      if (!a.enabled) return [];
      const leaver = leavers.find((l) => isLeaver(l, a));
      if (!leaver) return [];
      const usedAfter = leaver.left && a.lastLogon && Date.parse(a.lastLogon) > Date.parse(leaver.left);
      return [
        findingOf(this, {
          subject: `${a.system}/${a.user}`,
          summary:
            `Account "${a.user}" on ${a.system} belongs to ${leaver.name ?? leaver.user}, who left${leaver.left ? ` on ${formatDate(leaver.left)}` : ""}, and is still enabled` +
            (usedAfter ? `; it was used after that, last on ${formatDate(a.lastLogon!)}.` : "."),
          ...where(ctx, a),
          evidence: [leaver.evidence, ...a.evidence],
        }),
      ];
    });
  },
};

const same = (x: string, y: string) =>
  x.trim().replace(/\s+/g, " ").toLowerCase() === y.trim().replace(/\s+/g, " ").toLowerCase();

function isLeaver(l: Leaver, a: AccountRecord): boolean {
  return Boolean((l.user && same(l.user, a.user)) || (l.name && a.person && same(l.name, a.person)));
}
