/** FW-003 shadowed rules and FW-004 redundant rules (see rule-order.ts for the exact computation). */
import type { Finding, RuleInfo } from "../../model/finding.js";
import type { AnalysisContext } from "../context.js";
import { findingOf, type Rule } from "../rule.js";
import { ruleAt, where } from "./audit.js";
import { placedOnDevice } from "./device-zones.js";

const MAX_COVERING_EVIDENCE = 8;

function unreachable(ctx: AnalysisContext, info: RuleInfo, status: "shadowed" | "redundant"): Finding[] {
  const out = new Map<string, Finding>();
  for (const { rs, order } of ctx.rulesets) {
    for (const r of rs.rules) {
      const s = order.standings[r.index]!;
      if (s.status !== status || r.rule.implicit || r.rule.action === "return") continue;
      const subject = `${r.rule.file}:${r.rule.line}`;
      if (out.has(subject)) continue;
      const covering = s.by.map((j) => rs.rules[j]!.rule);
      const actions = [...new Set(covering.map((c) => c.action))];
      out.set(
        subject,
        findingOf(info, {
          subject,
          summary:
            status === "shadowed"
              ? `${where(r.rule, rs.ruleset.id)} (${r.rule.action}) never applies: every packet it matches is decided first by ${covering.length === 1 ? "rule" : "rules"} ${covering.map((c) => `line ${c.line}`).join(", ")} (${actions.join("/")}).`
              : `${where(r.rule, rs.ruleset.id)} (${r.rule.action}) is redundant: ${covering.length === 1 ? "rule" : "rules"} ${covering.map((c) => `line ${c.line}`).join(", ")} already ${r.rule.action} every packet it matches.`,
          evidence: [
            ruleAt(r.rule, r.rule.text),
            ...covering
              .slice(0, MAX_COVERING_EVIDENCE)
              .map((c) => ruleAt(c, `decided first here: ${c.text}`)),
          ],
        }),
      );
    }
  }
  return [...out.values()];
}

// About the rule base (its order), not about traffic the rule passes: in the zones the device is attached to.
export const shadowedRule: Rule = placedOnDevice({
  id: "FW-003",
  title: "Shadowed firewall rule: earlier rules with another action decide all its traffic",
  severity: "medium",
  contradicts: [],
  related: ["SR 5.2", "SR 7.6"],
  description:
    "No packet ever reaches a shadowed rule, so what it was written to do does not happen: a deny that never blocks, or a permit that never applies while an earlier rule decides otherwise. It usually hides a mistake in the order of the rule base.",
  remediation:
    "Move the rule above the rules that cover it if its intent is right, or delete it; then re-check the flows the earlier rules admit.",
  check(ctx) {
    return unreachable(ctx, this, "shadowed");
  },
});

// About the rule base (a rule that changes nothing): in the zones the device is attached to.
export const redundantRule: Rule = placedOnDevice({
  id: "FW-004",
  title: "Redundant firewall rule: earlier rules already do what it does",
  severity: "low",
  contradicts: [],
  related: ["SR 7.6"],
  description:
    "A redundant rule matches only packets that earlier rules with the same action already decide. It changes nothing today, but it makes the rule base harder to review and can silently start to apply when the earlier rules change.",
  remediation: "Delete the rule, or merge it with the rule that covers it.",
  check(ctx) {
    return unreachable(ctx, this, "redundant");
  },
});
