/** What protocols said about one address (an IP or a MAC on a segment): identity, names and services. */
import type { IdentityFacts } from "../../model/capture.js";

/** Bounds per address: a chatty device repeats its identity in every announcement. */
export const MAX_IDENTITY_SOURCES = 16;
export const MAX_HOSTNAMES = 32;
export const MAX_SERVICES = 64;

export interface IdentitySource {
  file: string;
  frame: number;
  protocol: string;
}

export type ServiceTransport = "tcp" | "udp" | "ether";

/**
 * Protocols that carry the device's own identity record (Modbus 43/14, SZL, List Identity, I-Am, DCP, LLDP, CDP,
 * SNMP sysDescr). Their facts replace what a service banner (FTP, SSH, HTTP, SMB) said of the same field:
 * an FTP greeting names the FTP server, not the PLC.
 */
const DEVICE_IDENTITY_PROTOCOLS = new Set([
  "modbus",
  "s7comm",
  "s7comm-plus",
  "enip",
  "bacnet",
  "profinet",
  "lldp",
  "cdp",
  "snmp",
  "dnp3",
  "iec104",
  "opcua",
]);

const rankOf = (protocol: string): number => (DEVICE_IDENTITY_PROTOCOLS.has(protocol) ? 2 : 1);

export class Facts {
  identity: IdentityFacts = {};
  identitySources: IdentitySource[] = [];
  /** Rank of the protocol that set each identity field. */
  private readonly fieldRank: Partial<Record<keyof IdentityFacts, number>> = {};
  readonly hostnames = new Set<string>();
  /** `transport/port/protocol` -> the first frame (file index, frame) that confirmed it. */
  readonly services = new Map<
    string,
    { protocol: string; transport: ServiceTransport; port: number; file: number; frame: number }
  >();

  /**
   * The first value of each field wins, unless a device-identity protocol speaks after a service banner;
   * a source is kept when it set a field or is a new protocol.
   */
  addIdentity(facts: IdentityFacts, source: IdentitySource): void {
    let added = false;
    const rank = rankOf(source.protocol);
    for (const k in facts) {
      const key = k as keyof IdentityFacts;
      const value = facts[key];
      if (typeof value !== "string") continue;
      if (this.identity[key] !== undefined && (this.fieldRank[key] ?? 0) >= rank) continue;
      const clean = value.trim();
      if (clean === "") continue;
      this.identity[key] = clean;
      this.fieldRank[key] = rank;
      added = true;
    }
    if (this.identitySources.length >= MAX_IDENTITY_SOURCES) return;
    if (added || !this.identitySources.some((s) => s.protocol === source.protocol))
      this.identitySources.push(source);
  }

  addHostname(name: string): void {
    const clean = name.trim();
    if (clean !== "" && this.hostnames.size < MAX_HOSTNAMES) this.hostnames.add(clean);
  }

  addService(protocol: string, transport: ServiceTransport, port: number, file: number, frame: number): void {
    const key = `${transport}/${port}/${protocol}`;
    if (!this.services.has(key) && this.services.size < MAX_SERVICES) {
      this.services.set(key, { protocol, transport, port, file, frame });
    }
  }
}
