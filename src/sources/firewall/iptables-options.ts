/** One iptables rule specification (`-s 10.0.0.0/8 -p tcp -m multiport --dports 80,443 -j ACCEPT`) to a match and a target. */
import { type AddressRanges, parseAddressRange, unionAllAddresses } from "../../model/address-ranges.js";
import {
  type ConnectionState,
  ICMP,
  ICMPV6,
  type PortRange,
  PROTOCOL_NUMBERS,
  type Service,
} from "../../model/firewall.js";
import { expected, integerIn, OCTET } from "./numbers.js";
import { icmpType, servicePort } from "./port-names.js";
import {
  type AddressSets,
  complementPorts,
  type Match,
  portRanges,
  type RuleProblem,
  service,
} from "./rule-parts.js";
import { wordTable } from "./word-table.js";

export type Target =
  | { kind: "permit" | "deny" | "return" | "log" | "other"; name: string }
  | { kind: "jump" | "goto"; chain: string };

export interface ParsedSpec {
  match: Match;
  target: Target | null;
  comment?: string;
  /** `-4` or `-6`: the rule is for one family only. */
  family: 4 | 6 | null;
  problems: RuleProblem[];
  /** Why iptables itself would refuse the rule, if it would. */
  rejected: string | null;
}

const VERDICTS: Readonly<Record<string, "permit" | "deny" | "return" | "log">> = wordTable({
  ACCEPT: "permit",
  DROP: "deny",
  REJECT: "deny",
  RETURN: "return",
  LOG: "log",
  NFLOG: "log",
  ULOG: "log",
});

/** Targets that change or classify packets but do not filter them; the packet goes on. */
const NON_FILTERING = new Set([
  "MARK",
  "CONNMARK",
  "CT",
  "NOTRACK",
  "TPROXY",
  "TOS",
  "DSCP",
  "TTL",
  "HL",
  "TCPMSS",
  "CLASSIFY",
  "SECMARK",
  "CONNSECMARK",
  "CHECKSUM",
  "IDLETIMER",
  "SET",
  "TEE",
  "HMARK",
  "TRACE",
  "AUDIT",
  "DNAT",
  "SNAT",
  "MASQUERADE",
  "REDIRECT",
  "NETMAP",
  "TCPOPTSTRIP",
]);

/** Options that take no argument (of matches and targets). */
const FLAGS = new Set([
  "--syn",
  "--save-mark",
  "--restore-mark",
  "--clamp-mss-to-pmtu",
  "--log-uid",
  "--log-tcp-sequence",
  "--log-tcp-options",
  "--log-ip-options",
  "--rsource",
  "--rdest",
  "--rcheck",
  "--update",
  "--set",
  "--remove",
  "--rttl",
  "--queue-bypass",
  "--transparent",
  "--notrack",
  "--random",
  "--random-fully",
  "--persistent",
  "--fragment",
]);

const STATES: Readonly<Record<string, ConnectionState>> = wordTable({
  NEW: "new",
  ESTABLISHED: "established",
  RELATED: "related",
  INVALID: "invalid",
  UNTRACKED: "untracked",
});

function parsePort(text: string): number | null {
  return servicePort(text);
}

/** `22`, `1024:65535`, `:1023`, `ssh`. */
function parsePortSpec(text: string): [number, number] | null {
  const colon = text.indexOf(":");
  if (colon < 0) {
    const p = parsePort(text);
    return p === null ? null : [p, p];
  }
  const lo = colon === 0 ? 0 : parsePort(text.slice(0, colon));
  const hi = colon === text.length - 1 ? 65535 : parsePort(text.slice(colon + 1));
  return lo === null || hi === null ? null : [lo, hi];
}

export interface SpecContext {
  universe: AddressRanges;
  /** User chains defined in the table, to tell `-j CHAIN` from an unknown target. */
  chains: ReadonlySet<string>;
  addressSets: AddressSets;
}

/** Parses the words after `-A CHAIN`. Never throws: what it cannot read is listed in `problems`. */
export function parseSpec(args: readonly string[], ctx: SpecContext): ParsedSpec {
  const problems: RuleProblem[] = [];
  const unmodelled: string[] = [];
  const { addressSets } = ctx;
  let sources = addressSets.any("any", ctx.universe);
  let destinations = addressSets.any("any", ctx.universe);
  let protocol: number | null = null;
  let dports: PortRange[] | null = null;
  let sports: PortRange[] | null = null;
  let eitherPorts: PortRange[] | null = null;
  let icmp: { type: number | null; code: number | null } | null = null;
  let states: ConnectionState[] | null = null;
  let from: string[] | null = null;
  let to: string[] | null = null;
  let target: Target | null = null;
  let comment: string | undefined;
  let family: 4 | 6 | null = null;
  const modules = new Set<string>();
  let negate = false;
  let rejected: string | null = null;

  const next = (i: number): string | undefined => args[i + 1];

  const addresses = (text: string, neg: boolean, label: string) => {
    const parts: AddressRanges[] = [];
    const unresolved: string[] = [];
    for (const part of text.split(",")) {
      const parsed = parseAddressRange(part);
      if (parsed) parts.push(parsed);
      else unresolved.push(`host name ${part}`);
    }
    const set = addressSets.of(unionAllAddresses(parts), `${neg ? "! " : ""}${text}`, unresolved);
    if (unresolved.length)
      problems.push({
        code: "unresolved-name",
        message: `${label} ${text}: not an address; its addresses are unknown`,
      });
    return neg ? addressSets.complement(set, ctx.universe, `! ${text}`) : set;
  };

  const ports = (text: string, neg: boolean, option: string): PortRange[] | null => {
    const pairs: [number, number][] = [];
    for (const part of text.split(",")) {
      const p = parsePortSpec(part);
      if (!p) {
        problems.push({ code: "invalid-value", message: `${option} ${text}: not a port` });
        return null;
      }
      pairs.push(p);
    }
    const r = portRanges(pairs);
    return neg ? complementPorts(r) : r;
  };

  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "!") {
      negate = true;
      continue;
    }
    const neg = negate;
    negate = false;
    let value = next(i);
    // The old syntax puts the `!` after the option: `-s ! 10.0.0.0/8`.
    let valueNeg = neg;
    if (value === "!" && !FLAGS.has(a)) {
      valueNeg = true;
      i++;
      value = next(i);
    }
    switch (a) {
      case "-s":
      case "--source":
      case "--src":
        sources = addressSets.intersect(sources, addresses(value ?? "", valueNeg, a));
        i++;
        break;
      case "-d":
      case "--destination":
      case "--dst":
        destinations = addressSets.intersect(destinations, addresses(value ?? "", valueNeg, a));
        i++;
        break;
      case "-p":
      case "--protocol": {
        i++;
        const name = (value ?? "").toLowerCase();
        if (valueNeg) {
          unmodelled.push(`! -p ${name}`);
        } else if (name !== "all" && name !== "0") {
          const n = /^\d+$/.test(name) ? Number(name) : PROTOCOL_NUMBERS[name];
          if (n === undefined || n > 255)
            problems.push({ code: "invalid-value", message: `-p ${value}: unknown protocol` });
          else protocol = n;
        }
        break;
      }
      case "-i":
      case "--in-interface":
        i++;
        if (valueNeg) unmodelled.push(`! -i ${value}`);
        else from = [value ?? ""];
        break;
      case "-o":
      case "--out-interface":
        i++;
        if (valueNeg) unmodelled.push(`! -o ${value}`);
        else to = [value ?? ""];
        break;
      case "-m":
      case "--match":
        i++;
        modules.add(value ?? "");
        if ((value === "tcp" || value === "udp" || value === "sctp") && protocol !== PROTOCOL_NUMBERS[value])
          rejected = `-m ${value} without -p ${value}: iptables refuses the rule, so it is not in effect`;
        break;
      case "--dport":
      case "--destination-port":
        i++;
        dports = ports(value ?? "", valueNeg, a);
        break;
      case "--sport":
      case "--source-port":
        i++;
        sports = ports(value ?? "", valueNeg, a);
        break;
      case "--dports":
      case "--destination-ports":
        i++;
        dports = ports(value ?? "", valueNeg, a);
        break;
      case "--sports":
      case "--source-ports":
        i++;
        sports = ports(value ?? "", valueNeg, a);
        break;
      case "--ports":
        i++;
        eitherPorts = ports(value ?? "", valueNeg, a);
        break;
      case "--src-range":
        i++;
        sources = addressSets.intersect(sources, addresses(value ?? "", valueNeg, a));
        break;
      case "--dst-range":
        i++;
        destinations = addressSets.intersect(destinations, addresses(value ?? "", valueNeg, a));
        break;
      case "--state":
      case "--ctstate": {
        i++;
        const listed: ConnectionState[] = [];
        for (const s of (value ?? "").split(",")) {
          const st = STATES[s.toUpperCase()];
          if (st) listed.push(st);
          else unmodelled.push(`${a} ${s}`);
        }
        const set = valueNeg ? Object.values(STATES).filter((s) => !listed.includes(s)) : listed;
        states = states === null ? set : states.filter((s) => set.includes(s));
        break;
      }
      case "--icmp-type":
      case "--icmpv6-type": {
        i++;
        const v6 = a === "--icmpv6-type";
        const [typeText, codeText] = (value ?? "").split("/");
        if (typeText === "any") {
          icmp = { type: null, code: null };
        } else {
          const type = icmpType(typeText ?? "", v6);
          if (type === null)
            problems.push({ code: "invalid-value", message: `${a} ${value}: unknown ICMP type` });
          // `TYPE/CODE`: a code means nothing without its type, and one past 255 is no code at all.
          const code = type === null || codeText === undefined ? null : integerIn(codeText, OCTET);
          if (type !== null && codeText !== undefined && code === null)
            problems.push({
              code: "invalid-value",
              message: `${a} ${value}: ICMP code ${codeText.slice(0, 20)}: ${expected(OCTET)}; read as any code`,
            });
          icmp = { type, code };
        }
        if (valueNeg) unmodelled.push(`! ${a} ${value}`);
        break;
      }
      case "--comment":
        i++;
        comment = value;
        break;
      case "-j":
      case "--jump": {
        i++;
        const name = value ?? "";
        const verdict = VERDICTS[name];
        if (verdict) target = { kind: verdict, name };
        else if (ctx.chains.has(name)) target = { kind: "jump", chain: name };
        else if (NON_FILTERING.has(name)) target = { kind: "other", name };
        else if (name === "QUEUE" || name === "NFQUEUE") {
          target = { kind: "other", name };
          problems.push({
            code: "not-modelled",
            message: `-j ${name}: the verdict is given by a user-space program; the rule is read as not filtering`,
          });
        } else {
          target = { kind: "other", name };
          problems.push({
            code: "unresolved-name",
            message: `-j ${name}: unknown target (not a declared chain); the rule is read as not filtering`,
          });
        }
        break;
      }
      case "-g":
      case "--goto":
        i++;
        if (value && ctx.chains.has(value)) target = { kind: "goto", chain: value };
        else problems.push({ code: "unresolved-name", message: `-g ${value}: not a declared chain` });
        break;
      case "-4":
      case "--ipv4":
        family = 4;
        break;
      case "-6":
      case "--ipv6":
        family = 6;
        break;
      case "-c":
      case "--set-counters":
        i += 2;
        break;
      case "-f":
      case "--fragment":
        unmodelled.push(`${neg ? "! " : ""}-f`);
        break;
      case "--syn":
        unmodelled.push(`${neg ? "! " : ""}--syn`);
        break;
      default: {
        if (!a.startsWith("-")) {
          problems.push({ code: "unparsed-line", message: `unexpected word "${a}"` });
          break;
        }
        // A target option or a match we do not model: keep its words so the rule says what it needs.
        const taken: string[] = [a];
        if (!FLAGS.has(a)) {
          while (i + 1 < args.length && !args[i + 1]!.startsWith("-") && args[i + 1] !== "!") {
            taken.push(args[i + 1]!);
            i++;
          }
        }
        const module = [...modules].at(-1);
        if (target === null)
          unmodelled.push(`${neg ? "! " : ""}${module ? `-m ${module} ` : ""}${taken.join(" ")}`);
      }
    }
  }

  const services = buildServices(protocol, dports, sports, eitherPorts, icmp);
  return {
    match: { from, to, sources, destinations, services, states, unmodelled },
    target,
    ...(comment !== undefined ? { comment } : {}),
    family,
    problems,
    rejected,
  };
}

function buildServices(
  protocol: number | null,
  dports: PortRange[] | null,
  sports: PortRange[] | null,
  either: PortRange[] | null,
  icmp: { type: number | null; code: number | null } | null,
): Service[] {
  if (icmp && (protocol === ICMP || protocol === ICMPV6))
    return [service(protocol, null, null, icmp.type, icmp.code)];
  // `--ports` matches when the source or the destination port is listed.
  if (either) return [service(protocol, either, sports), service(protocol, dports, either)];
  return [service(protocol, dports, sports)];
}
