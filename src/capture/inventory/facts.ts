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

export class Facts {
  identity: IdentityFacts = {};
  identitySources: IdentitySource[] = [];
  readonly hostnames = new Set<string>();
  /** `transport/port/protocol` -> the first frame (file index, frame) that confirmed it. */
  readonly services = new Map<
    string,
    { protocol: string; transport: ServiceTransport; port: number; file: number; frame: number }
  >();

  /** The first value of each field wins; a source is kept when it added a field or is a new protocol. */
  addIdentity(facts: IdentityFacts, source: IdentitySource): void {
    let added = false;
    for (const key in facts) {
      const value = facts[key as keyof IdentityFacts];
      if (typeof value !== "string" || this.identity[key as keyof IdentityFacts] !== undefined) continue;
      const clean = value.trim();
      if (clean === "") continue;
      this.identity[key as keyof IdentityFacts] = clean;
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
