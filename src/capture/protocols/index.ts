/**
 * The one table of dissectors. The framework indexes it by transport and port and keeps the heuristic list;
 * add one line per dissector file.
 */
import type { Dissector, LinkDissector } from "../dissector.js";
import { bacnet } from "./bacnet.js";
import { dnp3 } from "./dnp3.js";
import { enip } from "./enip.js";
import { enipIo } from "./enip-io.js";
import { iec104 } from "./iec104.js";
import { modbus } from "./modbus.js";
import { mqtt } from "./mqtt.js";
import { opcua } from "./opcua.js";
import { profinetDcp } from "./profinet-dcp.js";
import { s7comm } from "./s7comm.js";
import { s7commPlus } from "./s7comm-plus.js";

// biome-ignore lint/suspicious/noExplicitAny: each dissector has its own state type; the framework keeps it opaque.
export const DISSECTORS: readonly Dissector<any>[] = [
  // ICS
  modbus,
  s7comm,
  s7commPlus,
  dnp3,
  iec104,
  enip,
  enipIo,
  bacnet,
  opcua,
  mqtt,
  // IT and remote access
];

export const LINK_DISSECTORS: readonly LinkDissector[] = [profinetDcp];
