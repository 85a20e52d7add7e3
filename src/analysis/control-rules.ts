/** The technical control checks added beside the plant-record rules: listed once here, registered in ./registry.ts. */
import { leaverAccount, passwordNeverExpires } from "./accounts.js";
import { backupHashMismatch, backupTooOld, staleAfterDownload } from "./backups.js";
import {
  cleartextManagement,
  controllerChangesSeen,
  multipleStationsChangeController,
} from "./controllers.js";
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
import { remoteAccessWithoutApproval, unexplainedRemoteSession } from "./remote-access.js";
import type { Rule } from "./rule.js";
import {
  auditPolicyGaps,
  outdatedUpdates,
  weakLockoutPolicy,
  weakPasswordPolicy,
  weakSecurityOptions,
} from "./windows-hardening.js";

export const CONTROL_RULES: readonly Rule[] = [
  passwordNeverExpires,
  leaverAccount,
  backupTooOld,
  backupHashMismatch,
  staleAfterDownload,
  unexplainedRemoteSession,
  remoteAccessWithoutApproval,
  cleartextManagement,
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
];
