/**
 * EtherNet/IP implicit (class 0/1) I/O on UDP 2222: cyclic CPF datagrams of a sequenced address item (0x8002,
 * connection id and sequence number) and a connected data item (0x00B1) with the I/O data. Recognising it names
 * the flow (`enip-io`), which is what an assessment needs from it (who exchanges cyclic I/O with whom); counting
 * every cyclic datagram as an operation would drown the explicit operations, so none is counted.
 */
import { u16le } from "../bytes.js";
import type { Dissector } from "../dissector.js";

const ITEM_SEQUENCED_ADDRESS = 0x8002;
const ITEM_CONNECTED_ADDRESS = 0x00a1;
const ITEM_CONNECTED_DATA = 0x00b1;
/** An I/O datagram has the address and data items, and at most a couple of sockaddr info items besides. */
const MAX_ITEMS = 4;

/** True when `b` is exactly a CPF list led by a connection address item and holding a connected data item. */
export function isIoDatagram(b: Uint8Array): boolean {
  if (b.length < 2 + 4 + 4) return false;
  const count = u16le(b, 0);
  if (count < 2 || count > MAX_ITEMS) return false;
  const first = u16le(b, 2);
  const firstLength = u16le(b, 4);
  const sequenced = first === ITEM_SEQUENCED_ADDRESS && firstLength === 8;
  if (!sequenced && !(first === ITEM_CONNECTED_ADDRESS && firstLength === 4)) return false;
  let p = 2;
  let data = false;
  for (let i = 0; i < count; i++) {
    if (p + 4 > b.length) return false;
    if (u16le(b, p) === ITEM_CONNECTED_DATA) data = true;
    p += 4 + u16le(b, p + 2);
  }
  return data && p === b.length;
}

export const enipIo: Dissector<null> = {
  name: "enip-io",
  transport: "udp",
  defaultPorts: [2222],
  heuristic: false,
  limits: { maxPdu: 1500, maxPending: 0 },
  probe: (data) => (isIoDatagram(data) ? "match" : "reject"),
  newState: () => null,
  parse(_state, _dir, data, sink) {
    if (!isIoDatagram(data)) sink.anomaly("enip-io-bad-cpf", "UDP 2222 datagram is not a CPF I/O message");
    return data.length;
  },
};
