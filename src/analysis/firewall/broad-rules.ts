/** FW-001 any-to-any permits and FW-002 overly broad permits. */
import {
  ANY_ADDRESS,
  addressesOverlap,
  intersectAddresses,
  isEmptyAddresses,
  subtractAddresses,
} from "../../model/address-ranges.js";
import { type Finding, uniqueCrossings } from "../../model/finding.js";
import * as iv from "../../model/intervals.js";
import { isControl } from "../architecture/plant-zones.js";
import type { AnalysisContext } from "../context.js";
import { findingOf, type Rule } from "../rule.js";
import { admitsNew, carries, describeAddresses, isLoopbackOnly, projection, ruleAt, where } from "./audit.js";
import type { CompiledRule } from "./compile.js";
import { FULL_SVC, svcSubtract } from "./cubes.js";
import { admittedZones, placedOnDevice } from "./device-zones.js";

/** Every address of the rule's families, every service, in its under-approximation: it surely permits all. */
function isAnyToAny(r: CompiledRule): boolean {
  if (r.under.length === 0) return false;
  return r.under.every(
    (c) =>
      svcSubtract([FULL_SVC], c.svc).length === 0 &&
      c.src.length === 2 &&
      c.dst.length === 2 &&
      BigInt(c.src[1]!) - BigInt(c.src[0]!) === (c.fam === 4 ? 0xffffffffn : (1n << 128n) - 1n) &&
      BigInt(c.dst[1]!) - BigInt(c.dst[0]!) === (c.fam === 4 ? 0xffffffffn : (1n << 128n) - 1n),
  );
}

function candidates(ctx: AnalysisContext) {
  return ctx.rulesets.flatMap((audited) => {
    const { rs, order } = audited;
    return rs.rules
      .filter((r) => {
        const s = order.standings[r.index]!;
        return (
          r.rule.action === "permit" &&
          r.rule.enabled &&
          !r.rule.implicit &&
          admitsNew(r.rule) &&
          !isLoopbackOnly(r.rule) &&
          s.status === "reachable"
        );
      })
      .map((r) => {
        const s = order.standings[r.index]!;
        // Where a finding on it lies: the zones the packets the rule decides come from and reach.
        const zones = () =>
          admittedZones(ctx, audited, r.rule, s.status === "reachable" ? s.effective : r.over);
        return { r, rs, zones };
      });
  });
}

/**
 * One finding per configuration line, even when the line lands in several rule sets (an inlined user chain): the
 * first, placed in the zones of every rule set the line is in.
 */
function perLine(findings: Finding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of findings) {
    const first = byId.get(f.id);
    byId.set(
      f.id,
      first
        ? {
            ...first,
            zones: [...new Set([...first.zones, ...f.zones])].sort(),
            crossings: uniqueCrossings([...first.crossings, ...f.crossings]),
          }
        : f,
    );
  }
  return [...byId.values()];
}

// A finding about the traffic the rule admits: in the zones that traffic comes from and reaches (device when none).
export const anyToAnyPermit: Rule = placedOnDevice({
  id: "FW-001",
  title: "Firewall rule permits any source to any destination on any service",
  severity: "high",
  contradicts: ["SR 5.2", "SR 5.2 RE 1"],
  related: ["SR 5.1"],
  description:
    "A permit rule with no restriction on source, destination or service turns the firewall into a router for the traffic it sees: the zone boundary it stands on no longer exists.",
  remediation:
    "Replace the rule with rules for the flows the conduit needs (source hosts, destination hosts, service), and put a logged deny-all at the end.",
  check(ctx) {
    return perLine(
      candidates(ctx)
        .filter(({ r }) => isAnyToAny(r))
        .map(({ r, rs, zones }) =>
          findingOf(this, {
            subject: `${r.rule.file}:${r.rule.line}`,
            summary: `${where(r.rule, rs.ruleset.id)} permits every service from any address to any address${r.rule.from ? ` arriving on ${r.rule.from.join(", ")}` : ""}${r.rule.to ? ` leaving on ${r.rule.to.join(", ")}` : ""}.`,
            ...zones(),
            evidence: [ruleAt(r.rule, r.rule.text)],
          }),
        ),
    );
  },
});

const WIDE_RANGE = 1000;

// A finding about the traffic the rule admits: in the zones that traffic comes from and reaches (device when none).
export const overlyBroadPermit: Rule = placedOnDevice({
  id: "FW-002",
  title: "Overly broad firewall rule",
  severity: "medium",
  contradicts: ["SR 5.2"],
  related: ["SR 5.1", "SR 5.2 RE 1"],
  description:
    "A permit rule that admits every service, a wide range of ports, or a whole subnet into a control zone admits far more than the flows a conduit needs; whatever runs on those hosts and ports becomes reachable.",
  remediation:
    "Narrow the rule to the hosts and ports of the declared conduit flows; split it into one rule per flow if it serves several.",
  check(ctx) {
    const zones = ctx.zones;
    const control = zones.union(isControl);
    return perLine(
      candidates(ctx)
        .filter(({ r }) => !isAnyToAny(r))
        .flatMap(({ r, rs, zones: concerned }) => {
          const reasons: string[] = [];
          const boxes = r.over.flatMap((c) => c.svc);
          if (boxes.some((b) => svcSubtract([FULL_SVC], [b]).length === 0)) reasons.push("every service");
          else {
            const wide = boxes.find(
              (b) => (b[0] === 6 || b[0] === 17) && b[1] === b[0] && b[5] - b[4] + 1 >= WIDE_RANGE,
            );
            if (wide)
              reasons.push(
                wide[4] === 0 && wide[5] === 65535
                  ? `every ${wide[0] === 6 ? "TCP" : "UDP"} port`
                  : `${wide[5] - wide[4] + 1} ${wide[0] === 6 ? "TCP" : "UDP"} ports (${wide[4]}-${wide[5]})`,
              );
          }
          const dst = projection(r.over, "dst");
          // Traffic to the device itself is judged by FW-011; here only what the firewall passes on.
          if (carries(rs, "forward") && addressesOverlap(dst, control)) {
            const src = subtractAddresses(projection(r.over, "src"), control);
            const count = iv.size(src.v4) + iv.size(src.v6);
            if (count >= 256n) {
              const into = zones.zones
                .filter((z) => isControl(z) && addressesOverlap(z.addresses, dst))
                .map((z) => z.id);
              const families = {
                v4: src.v4.length ? ANY_ADDRESS.v4 : [],
                v6: src.v6.length ? ANY_ADDRESS.v6 : [],
              };
              const anySource = isEmptyAddresses(
                subtractAddresses(subtractAddresses(families, control), src),
              );
              reasons.push(
                `${anySource ? "any source address" : `a whole subnet (${describeAddresses(src)})`} into control zone ${into.join(", ")} (${describeAddresses(intersectAddresses(dst, control))})`,
              );
            }
          }
          if (reasons.length === 0) return [];
          return [
            findingOf(this, {
              subject: `${r.rule.file}:${r.rule.line}`,
              summary: `${where(r.rule, rs.ruleset.id)} permits ${reasons.join("; ")}.`,
              ...concerned(),
              evidence: [ruleAt(r.rule, r.rule.text)],
            }),
          ];
        }),
    );
  },
});
