/**
 * Inlines user chains into the built-in (base) chain that reaches them, for iptables and nftables alike: a jump
 * is replaced by the target chain's rules under the jump's condition, a goto also ends the calling chain for the
 * packets it took, and a `return` is kept as a rule that skips the rest of its chain (see FirewallRule.via).
 */
import type { ChainJump } from "../../model/firewall.js";
import { type AddressSets, conjunction, type Match, type RuleFields, type Warnings } from "./rule-parts.js";

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
  addressSets: AddressSets;
  /** Shared by the base chains of one file: see MAX_INLINED_RULES_PER_FILE. */
  budget: InlineBudget;
}

const MAX_DEPTH = 32;

/**
 * Rules of user chains read while inlining the jumps of one base chain. Each jump reads its target chain again
 * under the jump's condition, so the work is the product of the fan-outs along each path: a chain reached by k
 * jumps from a chain reached by k jumps is read k*k times, and chains nested MAX_DEPTH deep with two jumps each
 * would be read 2^32 times. Real rulesets inline to hundreds or a few thousand rules (an OpenWrt router jumps
 * once per zone); a fuzzed OpenWrt ruleset whose zone jumps were copied a few dozen times inlined more than
 * 100,000 rules and took seconds (and the analyses compare a rule set's rules pairwise). Past the limit, jumps
 * are no longer followed and are reported; the rules of the chains being read, and the base chain's own rules,
 * are still read.
 */
export const MAX_INLINED_RULES = 5_000;
/** The same over all the base chains of a file: an nftables file may declare any number of base chains. */
export const MAX_INLINED_RULES_PER_FILE = 4 * MAX_INLINED_RULES;

/** What is left of MAX_INLINED_RULES_PER_FILE for a file. */
export interface InlineBudget {
  left: number;
}

export function inlineBudget(): InlineBudget {
  return { left: MAX_INLINED_RULES_PER_FILE };
}

/** One base chain's inlining: its budget, and the jumps not followed for lack of it (the first, and how many). */
interface Walk {
  input: FlattenInput;
  out: RuleFields[];
  left: number;
  cutAt: ChainRule | null;
  cut: number;
}

/** The rules a packet entering `chain` under `outer` meets, in order. */
export function flattenChain(chain: string, outer: Match, input: FlattenInput): RuleFields[] {
  const fileLimited = input.budget.left < MAX_INLINED_RULES;
  const state: Walk = {
    input,
    out: [],
    left: Math.min(MAX_INLINED_RULES, input.budget.left),
    cutAt: null,
    cut: 0,
  };
  const start = state.left;
  walk(chain, outer, [], state);
  input.budget.left -= start - state.left;
  if (state.cutAt) {
    const limit = fileLimited
      ? `the base chains of this file have inlined ${MAX_INLINED_RULES_PER_FILE} rules of user chains`
      : `${chain} has inlined ${MAX_INLINED_RULES} rules of user chains`;
    const jumps = state.cut === 1 ? "it is" : `it and ${state.cut - 1} later jumps are`;
    input.warnings.warn(
      state.cutAt.line,
      "depth-limit",
      `${state.cutAt.action} to ${state.cutAt.target} not followed: ${limit}, the most read; ${jumps} not followed, so the rules they lead to are missing from ${chain}`,
    );
  }
  return state.out;
}

function walk(chain: string, outer: Match, via: ChainJump[], state: Walk): void {
  const { input, out } = state;
  for (const r of input.chains.get(chain) ?? []) {
    // The rules of a chain reached by a jump use the budget; the base chain's own are read once in any case.
    if (via.length > 0) state.left--;
    const match = conjunction(input.addressSets, outer, r.match);
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
      if (state.left <= 0) {
        state.cutAt ??= r;
        state.cut++;
        continue;
      }
      walk(target, match, [...via, { chain, line: r.line }], state);
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
