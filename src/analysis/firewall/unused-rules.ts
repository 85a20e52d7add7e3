/** FW-012 permit rules that no observed flow used. */
import { containsAddress, parseAddressList } from "../../model/address-ranges.js";
import type { Finding } from "../../model/finding.js";
import { findingOf, type Rule } from "../rule.js";
import { auditedRulesets, carries, ruleAt, ruleLabel } from "./audit.js";
import { type Cube, cubesOverlap } from "./cubes.js";
import { flowCube } from "./flow-cube.js";

export const unusedRule: Rule = {
  id: "FW-012",
  title: "Permit rule not used by any observed flow",
  severity: "low",
  requirements: ["SR 7.7", "SR 5.2 RE 1"],
  description:
    "A permit that no traffic in the capture period used is probably left over from a project or a vendor visit. It widens the boundary for nothing. Only rules whose source and destination hosts both appear in the captures are judged, so that a path the captures did not see is not taken for an unused one.",
  remediation:
    "Confirm with the owner of the conduit that the flow is no longer needed and delete the rule, or disable it with a review date.",
  check(ctx) {
    const flows = (ctx.capture?.flows ?? [])
      .map((f) => ({ f, cube: flowCube(f) }))
      .filter((x): x is { f: (typeof x)["f"]; cube: Cube } => x.cube !== null);
    if (flows.length === 0) return [];
    const out = new Map<string, Finding>();
    for (const { rs, order } of auditedRulesets(ctx)) {
      if (rs.ruleset.bindings.length === 0 || !(carries(rs, "forward") || carries(rs, "input"))) continue;
      for (const r of rs.rules) {
        const s = order.standings[r.index]!;
        if (r.rule.action !== "permit" || r.rule.implicit || s.status !== "reachable" || s.effective.length === 0) continue;
        const src = parseAddressList(r.rule.sources.ranges).ranges;
        const dst = parseAddressList(r.rule.destinations.ranges).ranges;
        const visible =
          flows.some(({ f }) => containsAddress(src, f.client) || containsAddress(src, f.server)) &&
          flows.some(({ f }) => containsAddress(dst, f.server) || containsAddress(dst, f.client));
        if (!visible) continue;
        if (flows.some(({ cube }) => s.effective.some((e) => cubesOverlap(cube, e)))) continue;
        const subject = `${r.rule.file}:${r.rule.line}`;
        if (out.has(subject)) continue;
        const files = [...new Set(ctx.capture!.stats.files.map((f) => f.path))];
        out.set(
          subject,
          findingOf(this, {
            subject,
            summary: `${r.rule.file} ${ruleLabel(r.rule)} in ${rs.ruleset.id} permitted no flow of the ${flows.length} IP flows in ${files.join(", ")}, although hosts on both of its sides were seen.`,
            evidence: [ruleAt(r.rule, r.rule.text)],
          }),
        );
      }
    }
    return [...out.values()];
  },
};
