/**
 * FortiOS predefined services (the entries a factory-default FortiGate has in `firewall service custom`), used
 * when a policy names one the file does not define. Port facts from Fortinet's predefined service list.
 */
import { ANY_SERVICE, ICMP, ICMPV6, type Service, TCP, UDP } from "../../model/firewall.js";
import { service } from "./rule-parts.js";
import { wordTable } from "./word-table.js";

const tcp = (...ports: [number, number][]) =>
  service(
    TCP,
    ports.map(([from, to]) => ({ from, to })),
  );
const udp = (...ports: [number, number][]) =>
  service(
    UDP,
    ports.map(([from, to]) => ({ from, to })),
  );
const p = (n: number): [number, number] => [n, n];

export const FORTIOS_PREDEFINED: Readonly<Record<string, Service[]>> = wordTable({
  ALL: [ANY_SERVICE],
  ALL_TCP: [tcp([1, 65535])],
  ALL_UDP: [udp([1, 65535])],
  ALL_ICMP: [service(ICMP)],
  ALL_ICMP6: [service(ICMPV6)],
  PING: [service(ICMP, null, null, 8)],
  PING6: [service(ICMPV6, null, null, 128)],
  TRACEROUTE: [udp([33434, 33535])],
  HTTP: [tcp(p(80))],
  HTTPS: [tcp(p(443))],
  SSH: [tcp(p(22))],
  TELNET: [tcp(p(23))],
  FTP: [tcp(p(21))],
  TFTP: [udp(p(69))],
  DNS: [tcp(p(53)), udp(p(53))],
  NTP: [tcp(p(123)), udp(p(123))],
  SNMP: [tcp([161, 162]), udp([161, 162])],
  SYSLOG: [udp(p(514))],
  RDP: [tcp(p(3389))],
  VNC: [tcp(p(5900))],
  SMTP: [tcp(p(25))],
  SMTPS: [tcp(p(465))],
  POP3: [tcp(p(110))],
  POP3S: [tcp(p(995))],
  IMAP: [tcp(p(143))],
  IMAPS: [tcp(p(993))],
  LDAP: [tcp(p(389))],
  LDAP_UDP: [udp(p(389))],
  KERBEROS: [tcp(p(88)), udp(p(88))],
  SAMBA: [tcp(p(139))],
  SMB: [tcp(p(445))],
  "DCE-RPC": [tcp(p(135)), udp(p(135))],
  "MS-SQL": [tcp([1433, 1434])],
  MYSQL: [tcp(p(3306))],
  DHCP: [udp([67, 68])],
  RADIUS: [udp([1812, 1813])],
  IKE: [udp(p(500), p(4500))],
  ESP: [service(50)],
  AH: [service(51)],
  GRE: [service(47)],
  BGP: [tcp(p(179))],
  OSPF: [service(89)],
  SIP: [tcp(p(5060)), udp(p(5060))],
  "PC-Anywhere": [tcp([5631, 5631]), udp(p(5632))],
  "X-WINDOWS": [tcp([6000, 6063])],
  NONE: [],
});
