/**
 * Multicast DNS (RFC 6762) on UDP 5353: hosts announce their names (A/AAAA in the answer and additional
 * sections) and the service types they offer (DNS-SD PTR records, RFC 6763), which show what a device exposes.
 * Responses are multicast and unsolicited, so they are not paired with queries.
 */
import type { Dissector, DissectorSink } from "../dissector.js";
import { emitAddressNames, emitQueryOrResponse, probeDnsHeader } from "./dns.js";
import { type DnsMessage, parseDnsMessage, TYPE_PTR } from "./dns-message.js";
import { readName } from "./dns-name.js";

/** Distinct service types reported per flow. */
export const MAX_SERVICE_TYPES = 16;
const SERVICE_ENUMERATION = "_services._dns-sd._udp.local";

/** Service types (`_ipp._tcp.local`) a response advertises, from the owner or target of its PTR records. */
function advertisedServiceTypes(m: DnsMessage, b: Uint8Array): string[] {
  const types: string[] = [];
  for (const r of m.records) {
    if (r.type !== TYPE_PTR || !r.name.startsWith("_")) continue;
    if (r.name.toLowerCase() === SERVICE_ENUMERATION) {
      const target = readName(b, r.rdata);
      if (target?.name.startsWith("_")) types.push(target.name);
    } else {
      types.push(r.name);
    }
  }
  return types;
}

function emitServiceTypes(m: DnsMessage, b: Uint8Array, seen: Set<string>, sink: DissectorSink): void {
  for (const type of advertisedServiceTypes(m, b)) {
    const key = type.toLowerCase();
    if (seen.has(key) || seen.size >= MAX_SERVICE_TYPES) continue;
    seen.add(key);
    sink.observe("other", "src", `advertises mDNS service type ${type}`);
  }
}

export const mdns: Dissector<Set<string>> = {
  name: "mdns",
  transport: "udp",
  defaultPorts: [5353],
  heuristic: false,
  limits: { maxPdu: 9000, maxPending: 64 },
  probe: (data) => (probeDnsHeader(data, 0) ? "match" : "reject"),
  newState: () => new Set<string>(),
  parse(seen, _dir, data, sink) {
    const m = parseDnsMessage(data);
    if (m === null) {
      sink.anomaly("bad-dns", "mDNS header or question runs past the message");
      return data.length;
    }
    emitQueryOrResponse(m, sink, false);
    emitAddressNames(m, data, sink, 3);
    if (m.response) emitServiceTypes(m, data, seen, sink);
    return data.length;
  },
};
