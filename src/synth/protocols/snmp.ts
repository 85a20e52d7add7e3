/** SNMPv2c GetRequest and GetResponse (RFC 3416) with a community string. */
import { integer, nullValue, octets, oid, sequence } from "./ber.js";

export const SYS_DESCR = "1.3.6.1.2.1.1.1.0";
export const SYS_UPTIME = "1.3.6.1.2.1.1.3.0";
export const SYS_NAME = "1.3.6.1.2.1.1.5.0";

const GET_REQUEST = 0xa0;
const GET_RESPONSE = 0xa2;
const TIMETICKS = 0x43;

export type SnmpValue = { string: string } | { ticks: number };

function message(community: string, pdu: Uint8Array): Uint8Array {
  return sequence(0x30, [integer(1), octets(community), pdu]);
}

export function getRequest(community: string, requestId: number, oids: readonly string[]): Uint8Array {
  const binds = oids.map((o) => sequence(0x30, [oid(o), nullValue()]));
  return message(
    community,
    sequence(GET_REQUEST, [integer(requestId), integer(0), integer(0), sequence(0x30, binds)]),
  );
}

export function getResponse(
  community: string,
  requestId: number,
  values: readonly [string, SnmpValue][],
): Uint8Array {
  const binds = values.map(([o, v]) =>
    sequence(0x30, [oid(o), "string" in v ? octets(v.string) : integer(v.ticks, TIMETICKS)]),
  );
  return message(
    community,
    sequence(GET_RESPONSE, [integer(requestId), integer(0), integer(0), sequence(0x30, binds)]),
  );
}
