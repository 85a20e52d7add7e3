/** LLDP (IEEE 802.1AB) data units: mandatory chassis, port and TTL TLVs plus the optional identity TLVs. */
import { ByteWriter } from "../byte-writer.js";
import { parseMac } from "../network.js";

export const LLDP_MULTICAST = parseMac("01:80:c2:00:00:0e");

export interface LldpInfo {
  chassisMac: Uint8Array;
  portId: string;
  portDescription: string;
  systemName: string;
  systemDescription: string;
  /** Capability bits: 0x04 bridge, 0x10 router, 0x80 station. */
  capabilities: number;
  managementIp: number | null;
}

function tlv(w: ByteWriter, type: number, value: Uint8Array): void {
  w.u16((type << 9) | value.length).raw(value);
}

const text = (s: string): Uint8Array => new ByteWriter(s.length).ascii(s).bytes();

export function lldpdu(info: LldpInfo): Uint8Array {
  const w = new ByteWriter(256);
  tlv(w, 1, new ByteWriter(7).u8(4).raw(info.chassisMac).bytes());
  tlv(w, 2, new ByteWriter(32).u8(5).ascii(info.portId).bytes());
  tlv(w, 3, Uint8Array.of(0, 120));
  tlv(w, 4, text(info.portDescription));
  tlv(w, 5, text(info.systemName));
  tlv(w, 6, text(info.systemDescription));
  tlv(w, 7, new ByteWriter(4).u16(info.capabilities).u16(info.capabilities).bytes());
  if (info.managementIp !== null) {
    tlv(w, 8, new ByteWriter(12).u8(5).u8(1).u32(info.managementIp).u8(2).u32(1).u8(0).bytes());
  }
  tlv(w, 0, new Uint8Array(0));
  return w.bytes();
}
