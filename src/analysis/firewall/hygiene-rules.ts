/** FW-009 permits without logging and FW-010 disabled rules kept in the rule base. */
import { findingOf, type Rule } from "../rule.js";
import { admitsNew, isLoopbackOnly, ruleAt } from "./audit.js";
import type { CompiledRule, CompiledRuleset } from "./compile.js";
import { subtractAll } from "./cubes.js";
import { placedOnDevice } from "./device-zones.js";

/** Logged by itself, or by an earlier non-terminating log rule that surely matches all of its packets. */
function isLogged(logRules: readonly CompiledRule[], r: CompiledRule): boolean {
  return r.rule.log || logRules.some((l) => l.index < r.index && subtractAll(r.over, l.under).length === 0);
}

function logRulesOf(rs: CompiledRuleset): CompiledRule[] {
  return rs.rules.filter((l) => l.rule.action === "log" && l.rule.enabled);
}

// About the device's logging, not where its permits lead: in the zones the device is attached to.
export const permitWithoutLogging: Rule = placedOnDevice({
  id: "FW-009",
  title: "Permit rules that do not log",
  severity: "low",
  contradicts: [],
  related: ["SR 2.8", "SR 6.2"],
  description:
    "Without a log of permitted sessions nobody can tell afterwards who used a conduit, nor see a new flow appear: incident response and continuous monitoring have nothing to work from.",
  remediation:
    "Enable session logging on permit rules across zone boundaries (ASA `log`, FortiOS `set logtraffic all`, an nftables `log` statement or an iptables LOG rule) and send the logs to the site's log server.",
  check(ctx) {
    return ctx.rulesets.flatMap(({ config, rs, order }) => {
      const logRules = logRulesOf(rs);
      const silent = rs.rules.filter(
        (r) =>
          r.rule.action === "permit" &&
          r.rule.enabled &&
          !r.rule.implicit &&
          admitsNew(r.rule) &&
          !isLoopbackOnly(r.rule) &&
          order.standings[r.index]!.status === "reachable" &&
          !isLogged(logRules, r),
      );
      if (silent.length === 0) return [];
      const permits = rs.rules.filter(
        (r) => r.rule.action === "permit" && r.rule.enabled && !r.rule.implicit,
      ).length;
      const file = config.config.file;
      return [
        findingOf(this, {
          subject: `${file}:${rs.ruleset.id}`,
          summary: `${file}: ${silent.length} of ${permits} permit rules in ${rs.ruleset.id} do not log the sessions they admit (lines ${silent.map((r) => r.rule.line).join(", ")}).`,
          evidence: silent.map((r) => ruleAt(r.rule, r.rule.text)),
        }),
      ];
    });
  },
});

// About the rule base (a rule that passes nothing today): in the zones the device is attached to.
export const disabledRuleKept: Rule = placedOnDevice({
  id: "FW-010",
  title: "Disabled rule kept in the rule base",
  severity: "low",
  contradicts: [],
  related: ["SR 7.6"],
  description:
    "A disabled rule does nothing until someone enables it again, often by mistake or to get a vendor in quickly. Kept rules make the rule base harder to review and are a ready-made way around the zone boundary.",
  remediation:
    "Delete disabled rules, keeping their history in the change records instead of the configuration.",
  check(ctx) {
    const seen = new Set<string>();
    return ctx.rulesets.flatMap(({ rs }) =>
      rs.rules
        .filter(
          (r) =>
            !r.rule.enabled &&
            !seen.has(`${r.rule.file}:${r.rule.line}`) &&
            seen.add(`${r.rule.file}:${r.rule.line}`),
        )
        .map((r) =>
          findingOf(this, {
            subject: `${r.rule.file}:${r.rule.line}`,
            summary: `${r.rule.file} ${r.rule.name} (line ${r.rule.line}, ${r.rule.action}) in ${rs.ruleset.id} is disabled but kept.`,
            evidence: [
              ruleAt(r.rule, r.rule.text),
              ...(r.rule.attributeLines.status
                ? [
                    {
                      kind: "line" as const,
                      file: r.rule.file,
                      line: r.rule.attributeLines.status,
                      note: "set status disable",
                    },
                  ]
                : []),
            ],
          }),
        ),
    );
  },
});
