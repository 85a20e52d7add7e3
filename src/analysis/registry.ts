/** The one list of finding rules. `otaudit rules` prints it; `assess` runs it. */

import type { Finding } from "../model/finding.js";
import { severityRank } from "../model/finding.js";
import { privilegedRemoteWithoutMfa, sharedAccount, staleAccount } from "./accounts.js";
import { ARCHITECTURE_RULES } from "./architecture/rules.js";
import { missingBackup, noOfflineCopy, restoreNotTested } from "./backups.js";
import { CONTROL_RULES } from "./control-rules.js";
import { FIREWALL_RULES } from "./firewall/rules.js";
import {
  remoteAccessBypassesJumpHost,
  remoteAccessWithoutMfa,
  unmonitoredRemoteAccess,
} from "./remote-access.js";
import { slTargetBelowRisk } from "./risk/risk-rule.js";
import type { AnalysisContext, Rule } from "./rule.js";
import { VULNERABILITY_RULES } from "./vulnerabilities/rules.js";

export const RULES: readonly Rule[] = [
  sharedAccount,
  privilegedRemoteWithoutMfa,
  staleAccount,
  restoreNotTested,
  noOfflineCopy,
  missingBackup,
  unmonitoredRemoteAccess,
  remoteAccessBypassesJumpHost,
  remoteAccessWithoutMfa,
  ...CONTROL_RULES,
  ...VULNERABILITY_RULES,
  ...FIREWALL_RULES,
  ...ARCHITECTURE_RULES,
  slTargetBelowRisk,
];

/** Runs every rule; findings ordered by severity, then rule id, then subject. */
export function runRules(ctx: AnalysisContext, rules: readonly Rule[] = RULES): Finding[] {
  return rules
    .flatMap((r) => r.check(ctx))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
}
