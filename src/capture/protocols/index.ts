/**
 * The one table of dissectors. The framework indexes it by transport and port and keeps the heuristic list;
 * add one line per dissector file.
 */
import type { Dissector, LinkDissector } from "../dissector.js";
import { bacnet } from "./bacnet.js";
import { cdp } from "./cdp.js";
import { dhcp } from "./dhcp.js";
import { dnp3 } from "./dnp3.js";
import { dns, dnsTcp, llmnr } from "./dns.js";
import { enip } from "./enip.js";
import { enipIo } from "./enip-io.js";
import { ftp } from "./ftp.js";
import { http } from "./http.js";
import { iec104 } from "./iec104.js";
import { lldp } from "./lldp.js";
import { mdns } from "./mdns.js";
import { modbus } from "./modbus.js";
import { mqtt } from "./mqtt.js";
import { nbns } from "./nbns.js";
import { ntp } from "./ntp.js";
import { opcua } from "./opcua.js";
import { profinetDcp } from "./profinet-dcp.js";
import { rdp } from "./rdp.js";
import { s7comm } from "./s7comm.js";
import { s7commPlus } from "./s7comm-plus.js";
import { smb } from "./smb.js";
import { snmp } from "./snmp.js";
import { ssh } from "./ssh.js";
import { teamviewer } from "./teamviewer.js";
import { telnet } from "./telnet.js";
import { anydesk, tls } from "./tls.js";
import { vnc } from "./vnc.js";

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
  dhcp,
  dns,
  dnsTcp,
  llmnr,
  mdns,
  nbns,
  snmp,
  ntp,
  http,
  tls,
  anydesk,
  ssh,
  telnet,
  ftp,
  rdp,
  vnc,
  smb,
  teamviewer,
];

export const LINK_DISSECTORS: readonly LinkDissector[] = [profinetDcp, lldp, cdp];
