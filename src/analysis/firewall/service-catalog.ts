/**
 * Well-known services the audit looks for in rule sets and flows: industrial protocols, remote-access tools and
 * cleartext administration protocols, with their registered ports (IANA and vendor documentation).
 */
import { TCP, UDP } from "../../model/firewall.js";
import type { SvcBox } from "./cubes.js";

export interface KnownService {
  name: string;
  /** Protocol names as the capture engine writes them. */
  protocols: string[];
  transport: "tcp" | "udp";
  ports: [number, number];
}

const tcp = (name: string, lo: number, hi = lo, protocols: string[] = [name]): KnownService => ({
  name,
  protocols,
  transport: "tcp",
  ports: [lo, hi],
});
const udp = (name: string, lo: number, hi = lo, protocols: string[] = [name]): KnownService => ({
  name,
  protocols,
  transport: "udp",
  ports: [lo, hi],
});

export const ICS_SERVICES: readonly KnownService[] = [
  tcp("modbus", 502),
  udp("modbus", 502),
  tcp("s7comm", 102, 102, ["s7comm", "s7comm-plus", "iso-tsap", "mms"]),
  tcp("dnp3", 20000),
  udp("dnp3", 20000),
  tcp("enip", 44818, 44818, ["enip", "cip"]),
  udp("enip", 44818, 44818, ["enip", "cip"]),
  udp("enip-io", 2222, 2222, ["enip-io", "cip-io"]),
  udp("bacnet", 47808),
  tcp("iec104", 2404),
  tcp("opcua", 4840),
  tcp("opcua-tls", 4843, 4843, ["opcua"]),
  udp("profinet-rt", 34962, 34964, ["profinet", "profinet-io-cm"]),
  tcp("omron-fins", 9600, 9600, ["fins"]),
  udp("omron-fins", 9600, 9600, ["fins"]),
  tcp("melsec", 5006, 5007),
  tcp("codesys", 2455),
  tcp("codesys", 1217),
  tcp("ge-srtp", 18245),
  tcp("hart-ip", 5094),
  udp("hart-ip", 5094),
  tcp("niagara-fox", 1911),
  tcp("niagara-fox", 4911),
  tcp("pcworx", 1962),
  tcp("proconos", 20547),
  tcp("crimson", 789),
];

export const REMOTE_ACCESS_SERVICES: readonly KnownService[] = [
  tcp("rdp", 3389),
  udp("rdp", 3389),
  tcp("vnc", 5900, 5903),
  tcp("ssh", 22),
  tcp("telnet", 23),
  tcp("teamviewer", 5938),
  udp("teamviewer", 5938),
  tcp("anydesk", 7070),
  tcp("rlogin", 513),
  tcp("rsh", 514),
  tcp("radmin", 4899),
  tcp("pcanywhere", 5631, 5632),
  tcp("winrm", 5985, 5986),
  tcp("citrix-ica", 1494),
];

/** Administration protocols that carry credentials in clear text. */
export const CLEARTEXT_ADMIN_SERVICES: readonly KnownService[] = [
  tcp("telnet", 23),
  tcp("http", 80),
  tcp("http", 8080, 8080, ["http"]),
  tcp("ftp", 21),
  udp("tftp", 69),
  udp("snmp", 161),
  tcp("rlogin", 513),
  tcp("rsh", 514),
  tcp("rexec", 512),
];

export { UNAUTHENTICATED_PROTOCOLS } from "../../standard/unauthenticated-protocols.js";

export function transportNumber(t: "tcp" | "udp"): number {
  return t === "tcp" ? TCP : UDP;
}

export function boxesOf(services: readonly KnownService[]): SvcBox[] {
  return services.map((s) => {
    const p = transportNumber(s.transport);
    return [p, p, 0, 65535, s.ports[0], s.ports[1]] as SvcBox;
  });
}

/** The catalogue entry a transport and server port belong to, if any. */
export function serviceAt(
  catalogue: readonly KnownService[],
  transport: string,
  port: number | null,
): KnownService | undefined {
  if (port === null) return undefined;
  return catalogue.find((s) => s.transport === transport && port >= s.ports[0] && port <= s.ports[1]);
}
