/**
 * Cisco ASA objects and object-groups (network, service, protocol, icmp-type), nested groups included, resolved
 * to exact address sets and services. Each name resolves once; cycles and undefined names become warnings.
 */
import {
  type AddressRanges,
  ANY_ADDRESS,
  ANY_V4,
  ANY_V6,
  EMPTY_ADDRESSES,
  maskLength,
  parseAddressRange,
  unionAllAddresses,
} from "../../model/address-ranges.js";
import {
  ICMP,
  ICMPV6,
  type PortRange,
  PROTOCOL_NUMBERS,
  type Service,
  TCP,
  UDP,
} from "../../model/firewall.js";
import { append } from "../append.js";
import { expected, integerIn, OCTET } from "./numbers.js";
import { asaPort, icmpType } from "./port-names.js";
import {
  complementPorts,
  MAX_GROUP_DEPTH,
  NESTED_TOO_DEEP,
  portRanges,
  service,
  type Warnings,
} from "./rule-parts.js";
import { wordTable } from "./word-table.js";

export interface ObjectLine {
  line: number;
  words: string[];
}

export interface AsaObject {
  kind: "network" | "service" | "network-group" | "service-group" | "protocol-group" | "icmp-group" | "other";
  name: string;
  line: number;
  /** `tcp`, `udp` or `tcp-udp` for a service group of port-objects. */
  protocol: string | null;
  body: ObjectLine[];
}

export interface ResolvedAddresses {
  ranges: AddressRanges;
  unresolved: string[];
}

export interface ResolvedServices {
  /** Services in their own right (service-object entries, service objects). */
  services: Service[];
  /** Port ranges of port-object entries, for the protocols of the group. */
  ports: PortRange[];
  protocols: number[];
  /** A member group was nested too deep to read: the services are unknown beyond those listed. */
  cut: boolean;
}

export const PROTOCOLS_OF: Readonly<Record<string, number[]>> = wordTable({
  tcp: [TCP],
  udp: [UDP],
  "tcp-udp": [TCP, UDP],
});

/** `eq 80`, `range 1 1023`, `lt 1024`, `gt 1023`, `neq 23` at `at`; null when there is no operator there. */
export function portOperator(
  words: string[],
  at: number,
  portOf = asaPort,
): { ranges: PortRange[]; next: number } | null {
  const op = words[at];
  const a = words[at + 1] !== undefined ? portOf(words[at + 1]!) : null;
  switch (op) {
    case "eq":
      return a === null ? null : { ranges: [{ from: a, to: a }], next: at + 2 };
    case "neq":
      return a === null ? null : { ranges: complementPorts([{ from: a, to: a }]), next: at + 2 };
    case "lt":
      return a === null || a === 0 ? null : { ranges: [{ from: 0, to: a - 1 }], next: at + 2 };
    case "gt":
      return a === null || a === 65535 ? null : { ranges: [{ from: a + 1, to: 65535 }], next: at + 2 };
    case "range": {
      const b = words[at + 2] !== undefined ? portOf(words[at + 2]!) : null;
      return a === null || b === null ? null : { ranges: portRanges([[a, b]]), next: at + 3 };
    }
    default:
      return null;
  }
}

export function protocolNumber(name: string): number | null {
  if (/^\d+$/.test(name)) return integerIn(name, OCTET);
  return PROTOCOL_NUMBERS[name.toLowerCase()] ?? null;
}

/** Names ASA accepts after `object` without a definition: `icmp-echo`, `icmp6-unreachable`, protocol names. */
export function builtinService(name: string): Service[] | null {
  const icmp = /^icmp(6?)-(.+)$/.exec(name);
  if (icmp) {
    const v6 = icmp[1] === "6";
    const t = icmpType(icmp[2]!, v6);
    return t === null ? null : [service(v6 ? ICMPV6 : ICMP, null, null, t)];
  }
  const n = protocolNumber(name);
  return n === null ? null : [service(n)];
}

const tooDeep = (name: string) => `group-object ${name} ${NESTED_TOO_DEEP}`;

export class AsaObjects {
  private readonly addresses = new Map<string, ResolvedAddresses>();
  private readonly serviceCache = new Map<string, ResolvedServices>();
  private readonly resolving = new Set<string>();

  constructor(
    readonly objects: ReadonlyMap<string, AsaObject>,
    readonly names: ReadonlyMap<string, string>,
    private readonly interfaceAddress: (nameif: string) => AddressRanges | null,
    private readonly w: Warnings,
  ) {}

  kindOf(name: string): AsaObject["kind"] | null {
    return this.objects.get(name)?.kind ?? null;
  }

  /** An address word: an IP or a `name` alias. */
  address(word: string): string | null {
    return this.names.get(word) ?? word;
  }

  /** `host A`, `A M`, `A/len`, `any`, `any4`, `any6`, `object X`, `object-group X`, `interface X` at `at`. */
  addressSpec(
    words: string[],
    at: number,
    line: number,
  ): { set: ResolvedAddresses; text: string; next: number } | null {
    const w0 = words[at];
    const w1 = words[at + 1];
    const single = (ranges: AddressRanges, n: number) => ({
      set: { ranges, unresolved: [] },
      text: words.slice(at, at + n).join(" "),
      next: at + n,
    });
    switch (w0) {
      case undefined:
        return null;
      case "any":
        return single(ANY_ADDRESS, 1);
      case "any4":
        return single(ANY_V4, 1);
      case "any6":
        return single(ANY_V6, 1);
      case "host": {
        const r = w1 ? parseAddressRange(this.address(w1) ?? w1) : null;
        if (!r) return null;
        return single(r, 2);
      }
      case "object":
      case "object-group": {
        if (!w1) return null;
        return { set: this.networkNamed(w1, line), text: `${w0} ${w1}`, next: at + 2 };
      }
      case "interface": {
        if (!w1) return null;
        const r = this.interfaceAddress(w1);
        if (!r) {
          this.w.warn(
            line,
            "unresolved-name",
            `interface ${w1} has no address in this configuration; the rule's addresses are unknown`,
          );
          return {
            set: { ranges: EMPTY_ADDRESSES, unresolved: [`interface ${w1}`] },
            text: `interface ${w1}`,
            next: at + 2,
          };
        }
        return { set: { ranges: r, unresolved: [] }, text: `interface ${w1}`, next: at + 2 };
      }
      default: {
        const base = this.address(w0) ?? w0;
        if (base.includes("/")) {
          const r = parseAddressRange(base);
          return r ? single(r, 1) : null;
        }
        const len = w1 ? maskLength(w1) : null;
        if (len === null) return null;
        const r = parseAddressRange(`${base}/${len}`);
        return r ? single(r, 2) : null;
      }
    }
  }

  /** The addresses of a network object or network group; `depth` counts the groups it is nested in. */
  networkNamed(name: string, line: number, depth = 0): ResolvedAddresses {
    const cached = this.addresses.get(name);
    if (cached) return cached;
    const obj = this.objects.get(name);
    if (!obj || (obj.kind !== "network" && obj.kind !== "network-group")) {
      this.w.warn(
        line,
        "unresolved-name",
        `network object ${name} is not defined; its addresses are unknown`,
      );
      return { ranges: EMPTY_ADDRESSES, unresolved: [`${name} (undefined)`] };
    }
    if (this.resolving.has(name)) {
      this.w.warn(line, "depth-limit", `object-group ${name} contains itself; the loop is not followed`);
      return { ranges: EMPTY_ADDRESSES, unresolved: [] };
    }
    this.resolving.add(name);
    const parts: AddressRanges[] = [];
    const unresolved: string[] = [];
    for (const l of obj.body) {
      const [k, ...rest] = l.words;
      if (k === "description" || k === "nat") continue;
      let r: ResolvedAddresses | null = null;
      if (obj.kind === "network") {
        if (k === "host" || k === "subnet")
          r = this.addressSpec(k === "host" ? l.words : rest, 0, l.line)?.set ?? null;
        else if (k === "range") {
          const a = rest[0] ? this.address(rest[0]) : null;
          const b = rest[1] ? this.address(rest[1]) : null;
          const parsed = a && b ? parseAddressRange(`${a}-${b}`) : null;
          r = parsed ? { ranges: parsed, unresolved: [] } : null;
        } else if (k === "fqdn") {
          r = {
            ranges: EMPTY_ADDRESSES,
            unresolved: [`fqdn ${rest.filter((x) => x !== "v4" && x !== "v6").join(" ")}`],
          };
        }
      } else if (k === "network-object") {
        r = this.addressSpec(rest, 0, l.line)?.set ?? null;
      } else if (k === "group-object" && rest[0] && depth + 1 >= MAX_GROUP_DEPTH) {
        this.w.warn(l.line, "depth-limit", tooDeep(rest[0]));
        r = { ranges: EMPTY_ADDRESSES, unresolved: [`${rest[0]} (nested too deep)`] };
      } else if (k === "group-object") {
        r = rest[0] ? this.networkNamed(rest[0], l.line, depth + 1) : null;
      }
      if (!r) {
        this.w.warn(
          l.line,
          "unparsed-line",
          `"${l.words.join(" ")}" not understood in ${obj.kind === "network" ? "object network" : "object-group network"} ${name}`,
        );
        continue;
      }
      parts.push(r.ranges);
      for (const u of r.unresolved) unresolved.push(u);
    }
    this.resolving.delete(name);
    const out = { ranges: unionAllAddresses(parts), unresolved: [...new Set(unresolved)] };
    this.addresses.set(name, out);
    return out;
  }

  /** The services of a service object or service/protocol/icmp group; `depth` as for networkNamed. */
  servicesNamed(name: string, line: number, depth = 0): ResolvedServices | null {
    const cached = this.serviceCache.get(name);
    if (cached) return cached;
    const obj = this.objects.get(name);
    if (!obj || !["service", "service-group", "protocol-group", "icmp-group"].includes(obj.kind)) return null;
    if (this.resolving.has(name)) {
      this.w.warn(line, "depth-limit", `object-group ${name} contains itself; the loop is not followed`);
      return { services: [], ports: [], protocols: [], cut: false };
    }
    this.resolving.add(name);
    const out: ResolvedServices = {
      services: [],
      ports: [],
      protocols: obj.protocol ? (PROTOCOLS_OF[obj.protocol] ?? []) : [],
      cut: false,
    };
    for (const l of obj.body) {
      const [k, ...rest] = l.words;
      if (k === "description") continue;
      let ok = true;
      if (k === "group-object" && rest[0] && depth + 1 >= MAX_GROUP_DEPTH) {
        this.w.warn(l.line, "depth-limit", tooDeep(rest[0]));
        out.cut = true;
      } else if (k === "group-object") {
        const inner = rest[0] ? this.servicesNamed(rest[0], l.line, depth + 1) : null;
        if (!inner) {
          this.w.warn(
            l.line,
            "unresolved-name",
            `group-object ${rest[0]} is not a defined group of this kind; ignored`,
          );
          continue;
        }
        append(out.services, inner.services);
        append(out.ports, inner.ports);
        out.cut ||= inner.cut;
        if (inner.ports.length && inner.protocols.length && out.protocols.length === 0)
          append(out.protocols, inner.protocols);
      } else if (k === "port-object") {
        const p = portOperator(rest, 0);
        if (p) append(out.ports, p.ranges);
        else ok = false;
        if (obj.kind === "service-group" && obj.protocol === null && out.protocols.length === 0) {
          this.w.warn(
            l.line,
            "not-modelled",
            `port-object in service group ${name}, which names no protocol: read as tcp and udp`,
          );
          out.protocols.push(TCP, UDP);
        }
      } else if (k === "service-object" || (obj.kind === "service" && k === "service")) {
        if (rest[0] === "object") {
          const named = rest[1] ? this.servicesNamed(rest[1], l.line, depth + 1) : null;
          const inner = named?.services ?? (rest[1] ? builtinService(rest[1]) : null);
          if (!inner) {
            this.w.warn(l.line, "unresolved-name", `service object ${rest[1]} is not defined; ignored`);
            continue;
          }
          out.cut ||= named?.cut ?? false;
          append(out.services, inner);
        } else {
          const s = this.serviceSpec(rest, l.line);
          if (s) append(out.services, s);
          else ok = false;
        }
      } else if (k === "protocol-object") {
        const n = rest[0] ? protocolNumber(rest[0]) : null;
        if (n === null) ok = false;
        else out.services.push(service(n));
      } else if (k === "icmp-object") {
        const t = rest[0] ? icmpType(rest[0], false) : null;
        if (t === null) ok = false;
        else out.services.push(service(ICMP, null, null, t));
      } else {
        ok = false;
      }
      if (!ok)
        this.w.warn(l.line, "unparsed-line", `"${l.words.join(" ")}" not understood in ${name}; ignored`);
    }
    this.resolving.delete(name);
    this.serviceCache.set(name, out);
    return out;
  }

  /** `tcp [source OP P] [destination OP P]`, `udp OP P`, `icmp [type [code]]`, `tcp-udp ...`, `esp`, `47`. */
  serviceSpec(words: string[], line: number): Service[] | null {
    const proto = words[0];
    if (!proto) return null;
    if (proto === "icmp" || proto === "icmp6") {
      const p = proto === "icmp" ? ICMP : ICMPV6;
      const t = words[1] !== undefined ? icmpType(words[1], p === ICMPV6) : null;
      let code: number | null = null;
      if (words[2] !== undefined && /^\d+$/.test(words[2])) {
        code = integerIn(words[2], OCTET);
        if (code === null)
          this.w.warn(
            line,
            "invalid-value",
            `ICMP code ${words[2].slice(0, 20)}: ${expected(OCTET)}; read as any code`,
          );
      }
      return [service(p, null, null, t, code)];
    }
    const protocols =
      PROTOCOLS_OF[proto] ?? (protocolNumber(proto) !== null ? [protocolNumber(proto)!] : null);
    if (!protocols) return null;
    let src: PortRange[] | null = null;
    let dst: PortRange[] | null = null;
    let i = 1;
    while (i < words.length) {
      if (words[i] === "source" || words[i] === "destination") {
        const p = portOperator(words, i + 1);
        if (!p) return null;
        if (words[i] === "source") src = p.ranges;
        else dst = p.ranges;
        i = p.next;
        continue;
      }
      // The destination keyword may be left out: `service-object udp eq 1235`.
      const p = portOperator(words, i);
      if (!p) {
        this.w.warn(
          line,
          "unparsed-line",
          `"${words.slice(i).join(" ")}" after the service not understood; ignored`,
        );
        break;
      }
      dst = p.ranges;
      i = p.next;
    }
    return protocols.map((n) => service(n, dst, src));
  }

  /** An ICMP type word (`echo`, `8`) or an icmp-type group, for the given ICMP protocol. */
  icmpTypes(
    word: string,
    next: string | undefined,
    protocol: number,
  ): { types: (number | null)[]; consumed: number; cut: boolean } | null {
    if (word === "object-group" && next) {
      const g = this.objects.get(next);
      if (g?.kind !== "icmp-group") return null;
      const types: number[] = [];
      // The groups being read, outermost first: a name seen again is a loop.
      const open = new Set<string>([next]);
      let cut = false;
      const collect = (group: AsaObject) => {
        for (const l of group.body) {
          const member = l.words[1];
          if (l.words[0] === "icmp-object" && member) {
            const t = icmpType(member, protocol === ICMPV6);
            if (t !== null) types.push(t);
          } else if (l.words[0] === "group-object" && member) {
            const inner = this.objects.get(member);
            if (inner?.kind !== "icmp-group") continue;
            if (open.has(member))
              this.w.warn(
                l.line,
                "depth-limit",
                `object-group ${member} contains itself; the loop is not followed`,
              );
            else if (open.size >= MAX_GROUP_DEPTH) {
              this.w.warn(l.line, "depth-limit", tooDeep(member));
              cut = true;
            } else {
              open.add(member);
              collect(inner);
              open.delete(member);
            }
          }
        }
      };
      collect(g);
      // Unread members may hold any type.
      return { types: cut ? [null] : [...new Set(types)], consumed: 2, cut };
    }
    const t = icmpType(word, protocol === ICMPV6);
    return t === null ? null : { types: [t], consumed: 1, cut: false };
  }
}
