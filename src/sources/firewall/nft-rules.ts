/** One nftables rule statement (`ip saddr @admins tcp dport { 22, 443 } ct state new log accept`) to chain rules. */
import {
  type AddressRanges,
  ANY_V4,
  ANY_V6,
  intersectAddresses,
  parseAddressRange,
  unionAllAddresses,
} from "../../model/address-ranges.js";
import {
  type AddressSet,
  ANY_SERVICE,
  CONNECTION_STATES,
  type ConnectionState,
  ICMP,
  ICMPV6,
  PROTOCOL_NUMBERS,
  SCTP,
  type Service,
  TCP,
  UDP,
} from "../../model/firewall.js";
import type { ChainRule } from "./chain-flatten.js";
import type { Statement, Token } from "./nft-syntax.js";
import { expected, integerIn, OCTET } from "./numbers.js";
import { icmpType, servicePort } from "./port-names.js";
import {
  type AddressSets,
  complementPorts,
  intersectInterfaces,
  intersectServices,
  intersectStates,
  type Match,
  portRanges,
  type RuleProblem,
  service,
} from "./rule-parts.js";

export interface SetDefinition {
  name: string;
  line: number;
  type: string;
  /** The tokens between the braces of `elements = { ... }`; null when the file gives none. */
  elements: Token[] | null;
}

export interface RuleContext {
  universe: AddressRanges;
  sets: ReadonlyMap<string, SetDefinition>;
  addressSets: AddressSets;
}

type Selector =
  | { kind: "addr"; side: "src" | "dst"; family: 4 | 6 }
  | { kind: "proto"; family: 4 | 6 | null }
  | { kind: "nfproto" }
  | { kind: "iface"; side: "from" | "to" }
  | { kind: "port"; side: "src" | "dst"; protocols: number[] }
  | { kind: "icmp"; protocol: number }
  | { kind: "ctstate" };

const DCCP = 33;

const SELECTORS: [string[], Selector][] = [
  [["ip", "saddr"], { kind: "addr", side: "src", family: 4 }],
  [["ip", "daddr"], { kind: "addr", side: "dst", family: 4 }],
  [["ip6", "saddr"], { kind: "addr", side: "src", family: 6 }],
  [["ip6", "daddr"], { kind: "addr", side: "dst", family: 6 }],
  [["ip", "protocol"], { kind: "proto", family: 4 }],
  [["ip6", "nexthdr"], { kind: "proto", family: 6 }],
  [["meta", "l4proto"], { kind: "proto", family: null }],
  [["meta", "nfproto"], { kind: "nfproto" }],
  [["meta", "protocol"], { kind: "nfproto" }],
  [["meta", "iifname"], { kind: "iface", side: "from" }],
  [["meta", "oifname"], { kind: "iface", side: "to" }],
  [["meta", "iif"], { kind: "iface", side: "from" }],
  [["meta", "oif"], { kind: "iface", side: "to" }],
  [["iifname"], { kind: "iface", side: "from" }],
  [["oifname"], { kind: "iface", side: "to" }],
  [["iif"], { kind: "iface", side: "from" }],
  [["oif"], { kind: "iface", side: "to" }],
  [["tcp", "dport"], { kind: "port", side: "dst", protocols: [TCP] }],
  [["tcp", "sport"], { kind: "port", side: "src", protocols: [TCP] }],
  [["udp", "dport"], { kind: "port", side: "dst", protocols: [UDP] }],
  [["udp", "sport"], { kind: "port", side: "src", protocols: [UDP] }],
  [["sctp", "dport"], { kind: "port", side: "dst", protocols: [SCTP] }],
  [["sctp", "sport"], { kind: "port", side: "src", protocols: [SCTP] }],
  [["dccp", "dport"], { kind: "port", side: "dst", protocols: [DCCP] }],
  [["dccp", "sport"], { kind: "port", side: "src", protocols: [DCCP] }],
  [["th", "dport"], { kind: "port", side: "dst", protocols: [TCP, UDP, SCTP, DCCP] }],
  [["th", "sport"], { kind: "port", side: "src", protocols: [TCP, UDP, SCTP, DCCP] }],
  [["icmp", "type"], { kind: "icmp", protocol: ICMP }],
  [["icmpv6", "type"], { kind: "icmp", protocol: ICMPV6 }],
  [["ct", "state"], { kind: "ctstate" }],
];

const STATEMENTS = new Set([
  "counter",
  "log",
  "comment",
  "limit",
  "accept",
  "drop",
  "reject",
  "return",
  "jump",
  "goto",
  "continue",
  "queue",
  "dnat",
  "snat",
  "masquerade",
  "redirect",
  "notrack",
  "quota",
  "tproxy",
  "dup",
  "fwd",
]);

const OPERATORS = new Set(["==", "!=", "<", ">", "<=", ">="]);
const LOG_OPTIONS = new Set(["prefix", "level", "group", "snaplen", "queue-threshold", "flags"]);

function selectorAt(t: Token[], i: number): [Selector, number] | null {
  for (const [words, sel] of SELECTORS)
    if (words.every((w, k) => t[i + k]?.text === w && !t[i + k]!.quoted)) return [sel, words.length];
  return null;
}

function startsSomething(t: Token[], i: number): boolean {
  const tok = t[i];
  if (!tok || tok.quoted) return false;
  return STATEMENTS.has(tok.text) || selectorAt(t, i) !== null || tok.text === "ct" || tok.text === "meta";
}

/** Reads one value: a token (or a comma list), a `{ ... }` set or an `@set`; elements as token lists. */
function readValue(
  t: Token[],
  i: number,
  ctx: RuleContext,
): { elements: Token[][] | null; next: number; text: string } {
  const tok = t[i];
  if (!tok) return { elements: [], next: i, text: "" };
  if (tok.text === "{" && !tok.quoted) {
    let j = i + 1;
    let depth = 1;
    while (j < t.length && depth > 0) {
      if (t[j]!.text === "{") depth++;
      if (t[j]!.text === "}") depth--;
      j++;
    }
    const inner = t.slice(i + 1, j - 1);
    return { elements: splitElements(inner), next: j, text: `{ ${inner.map((x) => x.text).join(" ")} }` };
  }
  if (tok.text.startsWith("@")) {
    const def = ctx.sets.get(tok.text.slice(1));
    return { elements: def?.elements ? splitElements(def.elements) : null, next: i + 1, text: tok.text };
  }
  const elements: Token[][] = [[tok]];
  let j = i + 1;
  while (t[j]?.text === "," && t[j + 1]) {
    elements.push([t[j + 1]!]);
    j += 2;
  }
  return { elements, next: j, text: elements.map((e) => e[0]!.text).join(",") };
}

function splitElements(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const tok of tokens) {
    if (tok.text === "," && !tok.quoted) out.push([]);
    else out.at(-1)!.push(tok);
  }
  return out.filter((e) => e.length > 0);
}

export function restrictFamily(addressSets: AddressSets, set: AddressSet, family: AddressRanges): AddressSet {
  return addressSets.of(intersectAddresses(addressSets.rangesOf(set), family), set.text, set.unresolved);
}

interface Verdict {
  action: ChainRule["action"];
  target?: string;
}

export function parseRuleStatement(
  s: Statement,
  ctx: RuleContext,
): { rules: ChainRule[]; problems: RuleProblem[] } {
  const t = s.tokens;
  const problems: RuleProblem[] = [];
  const text = t.map((x) => (x.quoted ? `"${x.text}"` : x.text)).join(" ");
  const { addressSets } = ctx;
  let family = ctx.universe;
  const m: Match = {
    from: null,
    to: null,
    sources: addressSets.any("any", ctx.universe),
    destinations: addressSets.any("any", ctx.universe),
    services: [ANY_SERVICE],
    states: null,
    unmodelled: [],
  };
  let verdict: Verdict | null = null;
  let log = false;
  let comment: string | undefined;
  let vmap: { selector: Selector; elements: Token[][] | null; text: string } | null = null;
  let empty = false;

  let i = 0;
  while (i < t.length) {
    const tok = t[i]!;
    const sel = selectorAt(t, i);
    if (sel) {
      const [selector, n] = sel;
      i += n;
      let negated = false;
      if (t[i] && OPERATORS.has(t[i]!.text)) {
        negated = t[i]!.text === "!=";
        if (t[i]!.text !== "==" && !negated) {
          const v = readValue(t, i + 1, ctx);
          m.unmodelled.push(
            t
              .slice(i - n, v.next)
              .map((x) => x.text)
              .join(" "),
          );
          i = v.next;
          continue;
        }
        i++;
      }
      if (t[i]?.text === "vmap") {
        const v = readValue(t, i + 1, ctx);
        vmap = {
          selector,
          elements: v.elements,
          text: t
            .slice(i - n, v.next)
            .map((x) => x.text)
            .join(" "),
        };
        i = v.next;
        continue;
      }
      if (t[i]?.text === ".") {
        problems.push({ code: "not-modelled", message: `concatenated match "${text}" is not modelled` });
        m.unmodelled.push(text);
        break;
      }
      const v = readValue(t, i, ctx);
      i = v.next;
      if (apply(addressSets, m, selector, v.elements, negated, v.text, problems) === "empty") empty = true;
      if ((selector.kind === "addr" || selector.kind === "proto") && selector.family !== null)
        family = intersectAddresses(family, selector.family === 4 ? ANY_V4 : ANY_V6);
      if (selector.kind === "icmp")
        family = intersectAddresses(family, selector.protocol === ICMP ? ANY_V4 : ANY_V6);
      if (selector.kind === "nfproto") {
        const f = (v.elements ?? []).map((e) => e[0]!.text);
        if (f.length === 1 && (f[0] === "ipv4" || f[0] === "ip")) family = intersectAddresses(family, ANY_V4);
        else if (f.length === 1 && (f[0] === "ipv6" || f[0] === "ip6"))
          family = intersectAddresses(family, ANY_V6);
      }
      continue;
    }
    if (tok.quoted) {
      problems.push({ code: "unparsed-line", message: `unexpected string "${tok.text}"` });
      i++;
      continue;
    }
    switch (tok.text) {
      case "accept":
        verdict = { action: "permit" };
        i++;
        break;
      case "drop":
        verdict = { action: "deny" };
        i++;
        break;
      case "reject":
        verdict = { action: "deny" };
        i++;
        if (t[i]?.text === "with") i += t[i + 1]?.text === "tcp" ? 3 : 4;
        break;
      case "return":
        verdict = { action: "return" };
        i++;
        break;
      case "continue":
        i++;
        break;
      case "jump":
      case "goto":
        verdict = { action: tok.text, target: t[i + 1]?.text ?? "" };
        i += 2;
        break;
      case "log":
        log = true;
        i++;
        while (t[i] && LOG_OPTIONS.has(t[i]!.text)) i += 2;
        break;
      case "comment":
        comment = t[i + 1]?.text;
        i += 2;
        break;
      case "counter":
        i++;
        if (t[i]?.text === "packets") i += 4;
        else if (t[i]?.text === "name") i += 2;
        break;
      case "queue":
        verdict = { action: "other" };
        problems.push({
          code: "not-modelled",
          message: "queue: the verdict is given by a user-space program; read as not filtering",
        });
        i++;
        while (t[i] && !startsSomething(t, i)) i++;
        break;
      case "dnat":
      case "snat":
      case "masquerade":
      case "redirect":
      case "tproxy":
      case "notrack":
      case "dup":
      case "fwd":
        verdict ??= { action: "other" };
        i++;
        while (t[i] && !startsSomething(t, i)) i++;
        break;
      default: {
        // An expression or statement the model does not represent; a `... set ...` changes the packet instead.
        const start = i;
        if (tok.text === "ct" && (t[i + 1]?.text === "original" || t[i + 1]?.text === "reply")) i += 4;
        else i += tok.text === "ct" || tok.text === "meta" ? 2 : 1;
        while (t[i] && !startsSomething(t, i)) i++;
        const words = t.slice(start, i).map((x) => x.text);
        if (words.includes("set")) verdict ??= { action: "other" };
        else m.unmodelled.push(words.join(" "));
      }
    }
  }

  if (empty) return { rules: [], problems };
  m.sources = restrictFamily(addressSets, m.sources, family);
  m.destinations = restrictFamily(addressSets, m.destinations, family);
  const base: Omit<ChainRule, "action" | "match"> = {
    line: s.line,
    text,
    log,
    ...(comment !== undefined ? { comment } : {}),
  };
  if (vmap) return { rules: expandVmap(addressSets, vmap, m, base, problems), problems };
  const v: Verdict = verdict ?? { action: log ? "log" : "other" };
  return {
    rules: [{ ...base, match: m, action: v.action, ...(v.target !== undefined ? { target: v.target } : {}) }],
    problems,
  };
}

/** `oifname vmap { "eth0" : jump a, "eth1" : drop }` is one rule per element. */
function expandVmap(
  addressSets: AddressSets,
  vmap: { selector: Selector; elements: Token[][] | null; text: string },
  m: Match,
  base: Omit<ChainRule, "action" | "match">,
  problems: RuleProblem[],
): ChainRule[] {
  if (!vmap.elements) {
    problems.push({
      code: "not-modelled",
      message: `${vmap.text}: the map's elements are not in the file; the rule is not followed`,
    });
    return [];
  }
  const out: ChainRule[] = [];
  for (const e of vmap.elements) {
    const colon = e.findIndex((x) => x.text === ":" && !x.quoted);
    if (colon < 0) continue;
    const verdictWords = e.slice(colon + 1).map((x) => x.text);
    const action: ChainRule["action"] | null =
      verdictWords[0] === "accept"
        ? "permit"
        : verdictWords[0] === "drop"
          ? "deny"
          : verdictWords[0] === "jump" || verdictWords[0] === "goto"
            ? verdictWords[0]
            : verdictWords[0] === "return"
              ? "return"
              : null;
    if (!action) {
      problems.push({
        code: "unparsed-line",
        message: `${vmap.text}: verdict "${verdictWords.join(" ")}" not understood`,
      });
      continue;
    }
    const match: Match = { ...m, unmodelled: [...m.unmodelled] };
    apply(
      addressSets,
      match,
      vmap.selector,
      [e.slice(0, colon)],
      false,
      e
        .slice(0, colon)
        .map((x) => x.text)
        .join(" "),
      problems,
    );
    out.push({
      ...base,
      match,
      action,
      ...(action === "jump" || action === "goto" ? { target: verdictWords[1] ?? "" } : {}),
    });
  }
  return out;
}

function addresses(
  elements: Token[][],
  problems: RuleProblem[],
  label: string,
): { ranges: AddressRanges; unresolved: string[] } {
  const parts: AddressRanges[] = [];
  const unresolved: string[] = [];
  for (const e of elements) {
    const text = e.map((x) => x.text).join("");
    const r = parseAddressRange(text);
    if (r) parts.push(r);
    else unresolved.push(text);
  }
  const ranges = unionAllAddresses(parts);
  if (unresolved.length)
    problems.push({
      code: "unresolved-name",
      message: `${label}: ${unresolved.join(", ")} not an address; its addresses are unknown`,
    });
  return { ranges, unresolved };
}

function ports(elements: Token[][], problems: RuleProblem[]): [number, number][] | null {
  const out: [number, number][] = [];
  for (const e of elements) {
    const text = e.map((x) => x.text).join("");
    const dash = text.indexOf("-", 1);
    const lo = servicePort(dash > 0 ? text.slice(0, dash) : text);
    const hi = dash > 0 ? servicePort(text.slice(dash + 1)) : lo;
    if (lo === null || hi === null) {
      problems.push({ code: "invalid-value", message: `port ${text} not understood` });
      return null;
    }
    out.push([lo, hi]);
  }
  return out;
}

/** Narrows the match by one expression; "empty" when nothing can match any more. */
function apply(
  addressSets: AddressSets,
  m: Match,
  sel: Selector,
  elements: Token[][] | null,
  negated: boolean,
  text: string,
  problems: RuleProblem[],
): "ok" | "empty" {
  const label = `${negated ? "!= " : ""}${text}`;
  if (elements === null) {
    m.unmodelled.push(label);
    return "ok";
  }
  switch (sel.kind) {
    case "addr": {
      const { ranges, unresolved } = addresses(elements, problems, label);
      const universe = sel.family === 4 ? ANY_V4 : ANY_V6;
      let set = addressSets.of(ranges, text, unresolved);
      if (negated) set = addressSets.complement(set, universe, `!= ${text}`);
      if (sel.side === "src") m.sources = addressSets.intersect(m.sources, set);
      else m.destinations = addressSets.intersect(m.destinations, set);
      return "ok";
    }
    case "proto": {
      if (negated) {
        m.unmodelled.push(`l4proto ${label}`);
        return "ok";
      }
      const protos: Service[] = [];
      for (const e of elements) {
        const name = e[0]!.text.toLowerCase();
        const n = /^\d+$/.test(name) ? integerIn(name, OCTET) : (PROTOCOL_NUMBERS[name] ?? null);
        if (n === null) {
          problems.push({
            code: "invalid-value",
            message: `protocol ${name.slice(0, 20)} not understood: ${expected(OCTET)} or a protocol name`,
          });
          // As with a port that is not understood: the match is kept as a condition the model does not represent.
          m.unmodelled.push(label);
          return "ok";
        }
        protos.push(service(n));
      }
      m.services = intersectServices(m.services, protos);
      return m.services.length ? "ok" : "empty";
    }
    case "port": {
      const pairs = ports(elements, problems);
      if (!pairs) {
        m.unmodelled.push(label);
        return "ok";
      }
      let ranges = portRanges(pairs);
      if (negated) ranges = complementPorts(ranges);
      const alternatives = sel.protocols.map((p) =>
        sel.side === "dst" ? service(p, ranges) : service(p, null, ranges),
      );
      m.services = intersectServices(m.services, alternatives);
      return m.services.length ? "ok" : "empty";
    }
    case "icmp": {
      if (negated) {
        m.unmodelled.push(`icmp type ${label}`);
        return "ok";
      }
      const types: Service[] = [];
      for (const e of elements) {
        const n = icmpType(e[0]!.text, sel.protocol === ICMPV6);
        if (n === null)
          problems.push({ code: "invalid-value", message: `ICMP type ${e[0]!.text} not understood` });
        else types.push(service(sel.protocol, null, null, n));
      }
      m.services = intersectServices(m.services, types);
      return m.services.length ? "ok" : "empty";
    }
    case "ctstate": {
      const listed = elements
        .map((e) => e[0]!.text)
        .filter((s): s is ConnectionState => (CONNECTION_STATES as readonly string[]).includes(s));
      const set = negated ? CONNECTION_STATES.filter((s) => !listed.includes(s)) : listed;
      m.states = intersectStates(m.states, set);
      return m.states?.length === 0 ? "empty" : "ok";
    }
    case "iface": {
      if (negated) {
        m.unmodelled.push(`${sel.side === "from" ? "iifname" : "oifname"} ${label}`);
        return "ok";
      }
      const names = elements.map((e) => e[0]!.text.replace(/\*$/, "+"));
      if (sel.side === "from") m.from = intersectInterfaces(m.from, names);
      else m.to = intersectInterfaces(m.to, names);
      return (sel.side === "from" ? m.from : m.to)?.length === 0 ? "empty" : "ok";
    }
    case "nfproto":
      return "ok";
  }
}
