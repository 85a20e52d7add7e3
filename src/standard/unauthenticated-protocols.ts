/**
 * Protocols that authenticate nothing (or only by a cleartext secret) on the wire, by the names the capture
 * engine gives them. Shared by the architecture rules and the report, so both mark exactly the same traffic.
 */
export const UNAUTHENTICATED_PROTOCOLS: Readonly<Record<string, string>> = {
  modbus: "Modbus/TCP",
  s7comm: "S7comm",
  dnp3: "DNP3",
  enip: "EtherNet/IP",
  cip: "CIP",
  "enip-io": "EtherNet/IP I/O",
  bacnet: "BACnet/IP",
  iec104: "IEC 60870-5-104",
  opcua: "OPC UA",
  telnet: "Telnet",
  ftp: "FTP",
  http: "HTTP",
  snmp: "SNMP",
  tftp: "TFTP",
};
