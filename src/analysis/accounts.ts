/** Account checks over the declared accounts of plant.yaml. */
import { declaredAt, zoneOfAsset } from "./plant-lookup.js";
import { type AnalysisContext, daysSince, findingOf, type Rule } from "./rule.js";

/** Accounts not used for this long should be disabled (62443-3-3 SR 1.3 asks for account review). */
export const STALE_ACCOUNT_DAYS = 90;

const zonesOf = (ctx: AnalysisContext, system: string) => {
  const z = zoneOfAsset(ctx.plant, system);
  return z ? [z] : [];
};

export const sharedAccount: Rule = {
  id: "ACC-001",
  title: "Shared or default account in use",
  severity: "high",
  requirements: ["SR 1.1", "SR 1.1 RE 1", "SR 1.3", "SR 1.5"],
  description:
    "An account used by several people, or a vendor default account, means actions cannot be traced to a person and the password is known beyond those who need it.",
  remediation:
    "Give every person their own account; disable or rename default accounts and change their passwords; where a shared operator login is unavoidable, restrict it to view-only and log who is on shift.",
  check(ctx) {
    return ctx.plant.spec.accounts.flatMap((a, i) =>
      (a.kind === "shared" || a.kind === "default") && a.enabled
        ? [
            findingOf(this, {
              subject: `${a.system}/${a.user}`,
              summary: `${a.kind === "shared" ? "Shared" : "Default"} account "${a.user}" on ${a.system}${a.privileged ? " has privileged rights" : ""}.`,
              zones: zonesOf(ctx, a.system),
              assets: [a.system],
              evidence: [declaredAt(ctx.plant, "accounts", i)],
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
  requirements: ["SR 1.1 RE 2", "SR 1.13"],
  description:
    "A privileged account reachable from outside the control system and protected by a password alone is the usual way attackers move from a stolen credential to control.",
  remediation: "Require multifactor authentication for every remote logon, at the latest at the jump host.",
  check(ctx) {
    return ctx.plant.spec.accounts.flatMap((a, i) =>
      a.privileged && a.remoteUse && !a.mfa && a.enabled
        ? [
            findingOf(this, {
              subject: `${a.system}/${a.user}`,
              summary: `Privileged account "${a.user}" on ${a.system} is used remotely without MFA.`,
              zones: zonesOf(ctx, a.system),
              assets: [a.system],
              evidence: [declaredAt(ctx.plant, "accounts", i)],
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
  requirements: ["SR 1.3"],
  description: `An enabled account nobody has used for ${STALE_ACCOUNT_DAYS} days is an unwatched way in.`,
  remediation:
    "Review accounts at least quarterly; disable those unused, and remove them after a grace period.",
  check(ctx) {
    return ctx.plant.spec.accounts.flatMap((a, i) => {
      if (!a.enabled || !a.lastLogon) return [];
      const days = daysSince(a.lastLogon, ctx.now);
      if (days < STALE_ACCOUNT_DAYS) return [];
      return [
        findingOf(this, {
          subject: `${a.system}/${a.user}`,
          summary: `Account "${a.user}" on ${a.system} was last used ${days} days ago (${a.lastLogon}) and is still enabled.`,
          zones: zonesOf(ctx, a.system),
          assets: [a.system],
          evidence: [declaredAt(ctx.plant, "accounts", i)],
        }),
      ];
    });
  },
};
