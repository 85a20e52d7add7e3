/** The firewall rule-base checks (FW-0xx), in id order. */
import type { Rule } from "../rule.js";
import { anyToAnyPermit, overlyBroadPermit } from "./broad-rules.js";
import { implicitDefaultDeny, noDefaultDeny } from "./default-rules.js";
import { placedOnDevice } from "./device-zones.js";
import { icsFromUntrusted, remoteAccessFromUntrusted } from "./exposure-rules.js";
import { disabledRuleKept, permitWithoutLogging } from "./hygiene-rules.js";
import { cleartextManagement } from "./management-rules.js";
import { redundantRule, shadowedRule } from "./order-rules.js";
import { unusedRule } from "./unused-rules.js";

export const FIREWALL_RULES: readonly Rule[] = [
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
  cleartextManagement,
  unusedRule,
].map(placedOnDevice);
