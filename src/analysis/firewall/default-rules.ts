/** FW-007 no default deny (unmatched traffic is permitted) and FW-008 a default deny that is only implicit. */

import { findingOf, type Rule } from "../rule.js";
import { carries, lineAt } from "./audit.js";
import type { CompiledRuleset } from "./compile.js";
import { placedOnDevice } from "./device-zones.js";

/** Tables whose chains mark or prepare packets; their ACCEPT hands the packet on to the filter table. */
const PREPARING_TABLES = new Set(["mangle", "raw", "nat"]);

function filtersThrough(rs: CompiledRuleset): boolean {
  return carries(rs, "forward") || carries(rs, "input");
}

// About the rule set as a whole (its default), which every interface of the device meets: the device's zones.
export const noDefaultDeny: Rule = placedOnDevice({
  id: "FW-007",
  title: "No default deny: traffic no rule matches is permitted",
  severity: "high",
  contradicts: ["SR 5.2 RE 1"],
  related: ["SR 5.2", "SR 5.1"],
  description:
    "IEC 62443 asks zone boundaries to deny by default and allow by exception. A rule set whose default is to accept (an ACCEPT chain policy, an ASA interface without an inbound access list) lets through every flow nobody thought of.",
  remediation:
    "Set the default to deny (chain policy DROP, an inbound access list on every ASA interface ending in a logged deny-all) and add permits for the declared flows only.",
  check(ctx) {
    return ctx.rulesets.flatMap(({ config, rs, order }) => {
      const r = rs.ruleset;
      if (!filtersThrough(rs) || (r.table !== null && PREPARING_TABLES.has(r.table))) return [];
      const securityLevel = r.kind === "security-level" && r.rules.length > 0;
      const chainPermits =
        r.kind === "chain" && r.defaultAction === "permit" && r.rules.length > 0 && order.defaultReachable;
      if (!securityLevel && !chainPermits) return [];
      const file = config.config.file;
      return [
        findingOf(this, {
          subject: `${file}:${r.id}`,
          summary: securityLevel
            ? `${file}: interface ${r.rules[0]!.from?.join(", ")} has no inbound access list; the security level lets all its traffic through to ${r.rules.map((x) => x.to?.join(", ")).join(", ")}.`
            : `${file}: ${r.id} accepts every packet its ${r.rules.length} rules do not match (${r.defaultSource.text}).`,
          evidence: [lineAt(file, r.defaultSource.line || r.bindings[0]?.line || 1, r.defaultSource.text)],
        }),
      ];
    });
  },
});

// About the rule set as a whole (how it ends): in the zones the device is attached to.
export const implicitDefaultDeny: Rule = placedOnDevice({
  id: "FW-008",
  title: "Rule set ends on the vendor's implicit deny, not an explicit logged deny-all",
  severity: "low",
  contradicts: [],
  related: ["SR 5.2 RE 1", "SR 2.8"],
  description:
    "Traffic that reaches the end of the rule set is dropped by an implicit rule that the configuration does not show and that has no hit counter of its own (FortiOS does not log it unless told to). An explicit, logged deny-all documents the intent and records what is refused.",
  remediation:
    "End the rule set with an explicit deny-all rule that logs (ASA `deny ip any any log`, a FortiOS deny policy with logtraffic all).",
  check(ctx) {
    return ctx.rulesets.flatMap(({ config, rs, order }) => {
      const r = rs.ruleset;
      if (r.kind !== "access-list" && r.kind !== "policy") return [];
      if (
        r.defaultAction !== "deny" ||
        !r.defaultSource.implicit ||
        !order.defaultReachable ||
        !filtersThrough(rs)
      )
        return [];
      if (r.bindings.some((b) => b.traffic === "input") && r.kind === "policy") return [];
      const file = config.config.file;
      const last = r.rules.at(-1);
      return [
        findingOf(this, {
          subject: `${file}:${r.id}`,
          summary: `${file}: ${r.id} (${r.rules.length} rules) has no explicit deny-all; unmatched traffic meets the ${r.defaultSource.text}.`,
          evidence: [
            lineAt(
              file,
              last?.line ?? r.bindings[0]?.line ?? 1,
              last ? `last rule: ${last.text}` : "empty rule set",
            ),
          ],
        }),
      ];
    });
  },
});
