/** An observed flow as a packet set: its first packet, client to server, as a new connection. */
import { addressValue } from "../../model/address-ranges.js";
import type { ObservedFlow } from "../../model/capture.js";
import { ICMP, ICMPV6, TCP, UDP } from "../../model/firewall.js";
import { NEW_CONNECTIONS } from "./compile.js";
import type { Cube, SvcBox } from "./cubes.js";

const PROTOCOLS: Readonly<Record<string, number>> = { tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6 };

/** Null for layer-2 flows and unparseable addresses. Interfaces are left open: a capture does not say them. */
export function flowCube(f: ObservedFlow): Cube | null {
  const p = PROTOCOLS[f.transport];
  const src = addressValue(f.client);
  const dst = addressValue(f.server);
  if (p === undefined || !src || !dst || src.family !== dst.family) return null;
  const ports = p === TCP || p === UDP;
  const svc: SvcBox = ports
    ? [p, p, f.clientPort ?? 0, f.clientPort ?? 65535, f.serverPort ?? 0, f.serverPort ?? 65535]
    : [p, p, 0, 65535, 0, 65535];
  const open = [0, Number.MAX_SAFE_INTEGER];
  return {
    fam: src.family,
    state: NEW_CONNECTIONS,
    inIf: open,
    outIf: open,
    svc: [svc],
    src: [src.value, src.value],
    dst: [dst.value, dst.value],
  };
}
