/**
 * The one list of finding rules, in the order `otaudit rules` prints them; `assess` runs them all. A rule is
 * written in the module of its subject and listed here, and nowhere else.
 */

import type { Finding } from "../model/finding.js";
import { severityRank } from "../model/finding.js";
import {
  leaverAccount,
  passwordNeverExpires,
  privilegedRemoteWithoutMfa,
  sharedAccount,
  staleAccount,
} from "./accounts.js";
import {
  externallyConnectedInOtZone,
  itOtMixed,
  safetySharesZone,
  temporaryInPermanentZone,
  wirelessInWiredZone,
} from "./architecture/partitioning-rules.js";
import {
  conduitPermitsMore,
  flowOutsideConduit,
  flowWithoutConduit,
  reachableWithoutConduit,
} from "./architecture/segmentation-rules.js";
import { controllerExposed, directItToOt, flatNetwork, noDmz } from "./architecture/structure-rules.js";
import {
  cleartextCredentials,
  unauthenticatedAcrossZones,
  unmonitoredRemoteSession,
} from "./architecture/wire-rules.js";
import {
  backupHashMismatch,
  backupTooOld,
  missingBackup,
  noOfflineCopy,
  restoreNotTested,
  staleAfterDownload,
} from "./backups.js";
import type { AnalysisContext } from "./context.js";
import {
  cleartextManagement as cleartextControllerManagement,
  controllerChangesSeen,
  multipleStationsChangeController,
} from "./controllers.js";
import { anyToAnyPermit, overlyBroadPermit } from "./firewall/broad-rules.js";
import { implicitDefaultDeny, noDefaultDeny } from "./firewall/default-rules.js";
import { icsFromUntrusted, remoteAccessFromUntrusted } from "./firewall/exposure-rules.js";
import { disabledRuleKept, permitWithoutLogging } from "./firewall/hygiene-rules.js";
import { cleartextManagement as cleartextFirewallManagement } from "./firewall/management-rules.js";
import { redundantRule, shadowedRule } from "./firewall/order-rules.js";
import { unusedRule } from "./firewall/unused-rules.js";
import {
  criticalRestoreUntested,
  noIncidentContacts,
  noPlaybooks,
  noRecentExercise,
  responsePlanOutdated,
} from "./incident-readiness.js";
import {
  cleartextDeviceManagement,
  discoveryOnEdgePorts,
  noLoggingOrTime,
  noPortSecurity,
  unusedPortsEnabled,
  weakDeviceCredentials,
  weakSnmp,
} from "./network-hardening.js";
import {
  remoteAccessBypassesJumpHost,
  remoteAccessWithoutApproval,
  remoteAccessWithoutMfa,
  unexplainedRemoteSession,
  unmonitoredRemoteAccess,
} from "./remote-access.js";
import { slTargetBelowRisk } from "./risk/risk-rule.js";
import type { Rule } from "./rule.js";
import {
  exposedSevereVulnerability,
  knownExploitedVulnerability,
  noFixAvailable,
  patchAvailable,
  possiblyAffected,
} from "./vulnerabilities/rules.js";
import {
  auditPolicyGaps,
  outdatedUpdates,
  weakLockoutPolicy,
  weakPasswordPolicy,
  weakSecurityOptions,
} from "./windows-hardening.js";

export const RULES = [
  // Accounts, backups and remote access as plant.yaml declares them
  sharedAccount,
  privilegedRemoteWithoutMfa,
  staleAccount,
  restoreNotTested,
  noOfflineCopy,
  missingBackup,
  unmonitoredRemoteAccess,
  remoteAccessBypassesJumpHost,
  remoteAccessWithoutMfa,
  // Technical controls, from the systems' own exports and the captures
  passwordNeverExpires,
  leaverAccount,
  backupTooOld,
  backupHashMismatch,
  staleAfterDownload,
  unexplainedRemoteSession,
  remoteAccessWithoutApproval,
  cleartextControllerManagement,
  multipleStationsChangeController,
  controllerChangesSeen,
  weakPasswordPolicy,
  weakLockoutPolicy,
  weakSecurityOptions,
  auditPolicyGaps,
  outdatedUpdates,
  cleartextDeviceManagement,
  weakSnmp,
  weakDeviceCredentials,
  unusedPortsEnabled,
  noPortSecurity,
  discoveryOnEdgePorts,
  noLoggingOrTime,
  responsePlanOutdated,
  noRecentExercise,
  noPlaybooks,
  noIncidentContacts,
  criticalRestoreUntested,
  // Vulnerabilities (VULN-0xx)
  knownExploitedVulnerability,
  exposedSevereVulnerability,
  patchAvailable,
  possiblyAffected,
  noFixAvailable,
  // Firewall rule bases (FW-0xx)
  anyToAnyPermit,
  overlyBroadPermit,
  shadowedRule,
  redundantRule,
  icsFromUntrusted,
  remoteAccessFromUntrusted,
  noDefaultDeny,
  implicitDefaultDeny,
  permitWithoutLogging,
  disabledRuleKept,
  cleartextFirewallManagement,
  unusedRule,
  // Architecture (ARCH-0xx) and segmentation (SEG-0xx)
  flatNetwork,
  directItToOt,
  noDmz,
  unauthenticatedAcrossZones,
  unmonitoredRemoteSession,
  controllerExposed,
  cleartextCredentials,
  reachableWithoutConduit,
  conduitPermitsMore,
  flowWithoutConduit,
  flowOutsideConduit,
  // Partitioning of the system under consideration (PART-0xx, IEC 62443-3-2 ZCR 3.2-3.6)
  itOtMixed,
  safetySharesZone,
  temporaryInPermanentZone,
  wirelessInWiredZone,
  externallyConnectedInOtZone,
  // Risk
  slTargetBelowRisk,
] as const satisfies readonly Rule[];

/** The rules of one family, by the prefix of their ids: `FW` for the firewall checks, `ARCH`, `VULN`, ... */
export function rulesOf(...families: string[]): readonly Rule[] {
  return RULES.filter((r) => families.some((f) => r.id.startsWith(`${f}-`)));
}

/** Runs every rule; findings ordered by severity, then rule id, then subject. */
export function runRules(ctx: AnalysisContext, rules: readonly Rule[] = RULES): Finding[] {
  return rules
    .flatMap((r) => r.check(ctx))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
}
