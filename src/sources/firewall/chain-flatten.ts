/**
 * Inlines user chains into the built-in (base) chain that reaches them, for iptables and nftables alike: a jump
 * is replaced by the target chain's rules under the jump's condition, a goto also ends the calling chain for the
 * packets it took, and a `return` is kept as a rule that skips the rest of its chain (see FirewallRule.via).
 */
import type { ChainJump } from "../../model/firewall.js";
import { conjunction, type Match, type RuleFields, type Warnings } from "./rule-parts.js";

export interface ChainRule {
  line: number;
  text: string;
  match: Match;
  action: RuleFields["action"] | "jump" | "goto";
  /** The chain jumped to, for `jump` and `goto`. */
  target?: string;
  log: boolean;
  comment?: string;
}

export interface FlattenInput {
  chains: ReadonlyMap<string, readonly ChainRule[]>;
  file: string;
  warnings: Warnings;
}

const MAX_DEPTH = 32;

/** The rules a packet entering `chain` under `outer` meets, in order. */
export function flattenChain(chain: string, outer: Match, input: FlattenInput): RuleFields[] {
  const out: RuleFields[] = [];
  walk(chain, outer, [], input, out);
  return out;
}

function walk(chain: string, outer: Match, via: ChainJump[], input: FlattenInput, out: RuleFields[]): void {
  for (const r of input.chains.get(chain) ?? []) {
    const match = conjunction(outer, r.match);
    if (!match) continue;
    if (r.action === "jump" || r.action === "goto") {
      const target = r.target ?? "";
      if (!input.chains.has(target)) {
        input.warnings.warn(
          r.line,
          "unresolved-name",
          `${r.action} to ${target}: no such chain; not followed`,
        );
        continue;
      }
      if (target === chain || via.some((v) => v.chain === target) || via.length >= MAX_DEPTH) {
        input.warnings.warn(
          r.line,
          "depth-limit",
          `${r.action} to ${target} loops back or nests deeper than ${MAX_DEPTH}; not followed`,
        );
        continue;
      }
      walk(target, match, [...via, { chain, line: r.line }], input, out);
      // Packets that went to a goto chain never come back to this one.
      if (r.action === "goto")
        out.push(fields(chain, r, match, "return", via, input.file, `${r.text} (end of goto ${target})`));
      continue;
    }
    out.push(fields(chain, r, match, r.action, via, input.file, r.text));
  }
}

function fields(
  chain: string,
  r: ChainRule,
  match: Match,
  action: RuleFields["action"],
  via: ChainJump[],
  file: string,
  text: string,
): RuleFields {
  return {
    name: chain,
    file,
    line: r.line,
    text,
    action,
    log: r.log || action === "log",
    enabled: true,
    implicit: false,
    ...match,
    via,
    attributeLines: {},
    ...(r.comment !== undefined ? { comment: r.comment } : {}),
  };
}
