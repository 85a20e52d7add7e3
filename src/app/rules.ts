/** The finding rules as people read them (`otaudit rules`), from the one registry. */
import { RULES } from "../analysis/registry.js";
import type { RuleInfo } from "../model/finding.js";

export function ruleCatalogue(): RuleInfo[] {
  return RULES.map(({ id, title, severity, contradicts, related, description, remediation }) => ({
    id,
    title,
    severity,
    contradicts,
    related,
    description,
    remediation,
  }));
}
