/**
 * The dissector index: by transport and port (the hint) plus the heuristic list, built once from the table in
 * protocols/index.ts. Content confirms: each flow probes its candidates in order (port dissectors first).
 */
import type { Dissector, LinkDissector } from "../dissector.js";

type AnyDissector = Dissector<unknown>;

export class DissectorRegistry {
  // Maps, not 65536-slot arrays: an engine is built per rotated file (`otaudit watch`), and two such arrays
  // cost more to allocate and collect than the lookups they would save.
  private readonly tcpPorts = new Map<number, AnyDissector[]>();
  private readonly udpPorts = new Map<number, AnyDissector[]>();
  private readonly tcpHeuristics: AnyDissector[] = [];
  private readonly udpHeuristics: AnyDissector[] = [];
  private readonly byEthertype = new Map<number, LinkDissector[]>();
  private readonly bySnap = new Map<number, LinkDissector[]>();

  constructor(dissectors: readonly AnyDissector[], linkDissectors: readonly LinkDissector[]) {
    for (const d of dissectors) {
      const tcp = d.transport !== "udp";
      const udp = d.transport !== "tcp";
      for (const port of d.defaultPorts) {
        if (tcp) add(this.tcpPorts, port, d);
        if (udp) add(this.udpPorts, port, d);
      }
      if (d.heuristic) {
        if (tcp) this.tcpHeuristics.push(d);
        if (udp) this.udpHeuristics.push(d);
      }
    }
    for (const d of linkDissectors) {
      for (const t of d.ethertypes) addTo(this.byEthertype, t, d);
      for (const s of d.snap ?? []) addTo(this.bySnap, s, d);
    }
  }

  /** The names of the dissectors registered on `port` for this transport, in table order. */
  portNames(tcp: boolean, port: number): string[] {
    return ((tcp ? this.tcpPorts : this.udpPorts).get(port) ?? []).map((d) => d.name);
  }

  /** Whether some dissector registered `port` for this transport: such a port marks the server side. */
  isRegisteredPort(tcp: boolean, port: number): boolean {
    return (tcp ? this.tcpPorts : this.udpPorts).has(port);
  }

  /** Dissectors to probe, in order: those registered on the server port, then the client port, then heuristics. */
  candidates(tcp: boolean, serverPort: number, clientPort: number): AnyDissector[] {
    const ports = tcp ? this.tcpPorts : this.udpPorts;
    const out: AnyDissector[] = [];
    for (const list of [
      ports.get(serverPort),
      clientPort !== serverPort ? ports.get(clientPort) : undefined,
    ]) {
      if (list) for (const d of list) if (!out.includes(d)) out.push(d);
    }
    for (const d of tcp ? this.tcpHeuristics : this.udpHeuristics) if (!out.includes(d)) out.push(d);
    return out;
  }

  link(etherType: number, snap: number): readonly LinkDissector[] | undefined {
    return snap >= 0 ? this.bySnap.get(snap) : this.byEthertype.get(etherType);
  }
}

function add(table: Map<number, AnyDissector[]>, port: number, d: AnyDissector): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) return;
  const list = table.get(port);
  if (list === undefined) table.set(port, [d]);
  else if (!list.includes(d)) list.push(d);
}

function addTo<K>(map: Map<K, LinkDissector[]>, key: K, d: LinkDissector): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [d]);
  else list.push(d);
}
