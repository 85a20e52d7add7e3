/**
 * What a firewall does with a set of packets: first-match evaluation of a rule set, then of the stages a packet
 * meets in turn (every stage must permit it). The result is the permitted part of the set, cut by the rules
 * that permit each piece. Unknown parts of rules are resolved towards "permitted" (a permit takes every packet
 * it may match, a deny only the ones it surely matches), so what is reported reachable includes everything that
 * may be.
 */
import type { FirewallRule, TrafficKind } from "../../model/firewall.js";
import type { CompiledConfig, CompiledRuleset } from "./compile.js";
import { type Cube, intersectAll, subtractAll } from "./cubes.js";

export interface Outcome {
  cubes: Cube[];
  /** The deciding rule; null for the rule set's default. */
  rule: FirewallRule | null;
  ruleset: CompiledRuleset;
  action: "permit" | "deny" | "next";
}

function blockEnd(rs: CompiledRuleset, k: number): number {
  const via = rs.rules[k]!.rule.via;
  let m = k + 1;
  while (m < rs.rules.length) {
    const v = rs.rules[m]!.rule.via;
    const inside =
      v.length >= via.length && via.every((x, i) => x.line === v[i]!.line && x.chain === v[i]!.chain);
    if (!inside) break;
    m++;
  }
  return m;
}

/** First-match evaluation of `cubes` through one rule set, from rule `start`. */
export function firstMatch(rs: CompiledRuleset, cubes: Cube[], start = 0): Outcome[] {
  const out: Outcome[] = [];
  let residual = cubes;
  for (let k = start; k < rs.rules.length && residual.length > 0; k++) {
    const r = rs.rules[k]!;
    const action = r.rule.action;
    if (!r.rule.enabled || action === "log" || action === "other") continue;
    if (action === "return") {
      const skipped = intersectAll(residual, r.over);
      residual = subtractAll(residual, r.under);
      // A loop, not push(...): a large rule set gives more outcomes than a call has room for arguments.
      if (skipped.length) for (const o of firstMatch(rs, skipped, blockEnd(rs, k))) out.push(o);
      continue;
    }
    const taken = intersectAll(residual, action === "permit" ? r.over : r.under);
    if (taken.length) out.push({ cubes: taken, rule: r.rule, ruleset: rs, action });
    residual = subtractAll(residual, r.under);
  }
  if (residual.length) {
    const d = rs.ruleset.defaultAction;
    out.push({ cubes: residual, rule: null, ruleset: rs, action: d === "next" ? "next" : d });
  }
  return out;
}

export interface PermittedPiece {
  cubes: Cube[];
  /** The rule (or default) that let the piece through at each stage, in order. */
  decidedBy: { rule: FirewallRule | null; ruleset: CompiledRuleset }[];
}

/**
 * The part of `cubes` the firewall lets through for the given traffic kind, arriving on `from` and leaving on
 * `to` (interface names; null when not known). A stage with no rule set bound is open.
 */
export function evaluatePath(
  c: CompiledConfig,
  traffic: TrafficKind,
  from: string | null,
  to: string | null,
  cubes: Cube[],
): PermittedPiece[] {
  const inIf = from === null ? c.interfaces.full : [c.interfaces.id(from), c.interfaces.id(from)];
  const outIf = to === null ? c.interfaces.full : [c.interfaces.id(to), c.interfaces.id(to)];
  const query = cubes.map((q) => ({ ...q, inIf, outIf }));
  const bound: { rs: CompiledRuleset; stage: number; order: number }[] = [];
  for (const rs of c.rulesets) {
    if (!rs.ruleset.filters) continue;
    for (const b of rs.ruleset.bindings) {
      if (b.traffic !== traffic) continue;
      if (b.from !== null && (from === null || !b.from.includes(from))) continue;
      if (b.to !== null && (to === null || !b.to.includes(to))) continue;
      bound.push({ rs, stage: b.stage, order: b.order });
    }
  }
  bound.sort((a, b) => a.stage - b.stage || a.order - b.order);
  const stages = [...new Set(bound.map((b) => b.stage))];
  let pieces: PermittedPiece[] = [{ cubes: query, decidedBy: [] }];
  for (const stage of stages) {
    const chain = bound.filter((b) => b.stage === stage).map((b) => b.rs);
    const next: PermittedPiece[] = [];
    for (const piece of pieces) {
      let pending = piece.cubes;
      for (const rs of chain) {
        if (pending.length === 0) break;
        let handedOn: Cube[] = [];
        for (const o of firstMatch(rs, pending)) {
          if (o.action === "permit")
            next.push({ cubes: o.cubes, decidedBy: [...piece.decidedBy, { rule: o.rule, ruleset: rs }] });
          else if (o.action === "next") handedOn = handedOn.concat(o.cubes);
        }
        pending = handedOn;
      }
    }
    pieces = next;
  }
  return pieces;
}
