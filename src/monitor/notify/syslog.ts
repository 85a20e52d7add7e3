/**
 * Alerts to a syslog collector: RFC 5424 messages over UDP (RFC 5426, one message per datagram) or TCP with
 * octet-counting framing (RFC 6587: `<length> <message>`). The message is the alert notice as JSON, escaped
 * to ASCII so it is valid whatever the collector assumes of the encoding; the registered `origin` element
 * names the software. Facility local0; severity from the alert's (critical 2, high 3, medium 4, low 5, info 6).
 */
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { createConnection, isIPv6, type Socket } from "node:net";
import { hostname } from "node:os";
import type { AlertNotice } from "../../model/alert.js";
import type { Severity } from "../../model/finding.js";

export interface SyslogTarget {
  transport: "udp" | "tcp";
  host: string;
  port: number;
}

const FACILITY_LOCAL0 = 16;
const SYSLOG_SEVERITY: Record<Severity, number> = { critical: 2, high: 3, medium: 4, low: 5, info: 6 };
const DEFAULT_PORT = 514;

/** `udp://host:port` or `tcp://host:port` (IPv6 in brackets); the port defaults to 514. */
export function parseSyslogTarget(text: string): SyslogTarget {
  const m = /^(udp|tcp):\/\/(\[[0-9a-fA-F:.]+\]|[^:/[\]]+)(?::(\d{1,5}))?\/?$/.exec(text.trim());
  const port = m?.[3] === undefined ? DEFAULT_PORT : Number(m[3]);
  if (!m || port < 1 || port > 65535) {
    throw new Error(`expected udp://host:port or tcp://host:port, got "${text}"`);
  }
  const host = m[2].startsWith("[") ? m[2].slice(1, -1) : m[2];
  return { transport: m[1] as "udp" | "tcp", host, port };
}

/** Printable US-ASCII only, as RFC 5424 header fields must be; NILVALUE when nothing is left. */
function headerField(text: string, max: number): string {
  const clean = text.replace(/[^\x21-\x7e]/g, "").slice(0, max);
  return clean === "" ? "-" : clean;
}

function paramValue(text: string): string {
  return text.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** JSON with every non-ASCII character written as a \u escape. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export interface SyslogIdentity {
  hostname: string;
  procId: string;
  version: string;
}

export function localIdentity(version: string): SyslogIdentity {
  return { hostname: hostname(), procId: String(process.pid), version };
}

/** One RFC 5424 message for an alert notice. */
export function syslogMessage(n: AlertNotice, id: SyslogIdentity): string {
  const pri = FACILITY_LOCAL0 * 8 + SYSLOG_SEVERITY[n.severity];
  const header = [
    `<${pri}>1`,
    n.raisedAt,
    headerField(id.hostname, 255),
    "otaudit",
    headerField(id.procId, 128),
    headerField(n.type, 32),
  ].join(" ");
  const sd = `[origin software="otaudit" swVersion="${paramValue(id.version)}"]`;
  return `${header} ${sd} ${asciiJson(n)}`;
}

/** RFC 6587 octet counting: the message's length in bytes, a space, the message. */
export function octetCounted(message: string): Buffer {
  const body = Buffer.from(message, "utf8");
  return Buffer.concat([Buffer.from(`${body.length} `, "ascii"), body]);
}

/** Sends messages to one collector; a TCP connection is opened on first use and kept. */
export class SyslogSender {
  private udp: UdpSocket | null = null;
  private tcp: Socket | null = null;

  constructor(readonly target: SyslogTarget) {}

  /** Resolves once every message is handed to the network; rejects at the first that cannot be. */
  async send(messages: readonly string[]): Promise<void> {
    if (this.target.transport === "udp") {
      for (const m of messages) await this.sendUdp(Buffer.from(m, "utf8"));
      return;
    }
    const socket = await this.connection();
    for (const m of messages) await write(socket, octetCounted(m));
  }

  private sendUdp(datagram: Buffer): Promise<void> {
    if (this.udp === null) {
      this.udp = createSocket(isIPv6(this.target.host) ? "udp6" : "udp4");
      this.udp.on("error", () => this.closeUdp());
    }
    const socket = this.udp;
    return new Promise((resolve, reject) =>
      socket.send(datagram, this.target.port, this.target.host, (err) => (err ? reject(err) : resolve())),
    );
  }

  private connection(): Promise<Socket> {
    const open = this.tcp;
    if (open !== null && !open.destroyed) return Promise.resolve(open);
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: this.target.host, port: this.target.port });
      socket.once("connect", () => {
        socket.removeListener("error", reject);
        socket.on("error", () => socket.destroy());
        socket.on("close", () => {
          if (this.tcp === socket) this.tcp = null;
        });
        this.tcp = socket;
        resolve(socket);
      });
      socket.once("error", reject);
    });
  }

  private closeUdp(): void {
    this.udp?.close();
    this.udp = null;
  }

  async close(): Promise<void> {
    this.closeUdp();
    const socket = this.tcp;
    this.tcp = null;
    if (socket !== null && !socket.destroyed) await new Promise<void>((resolve) => socket.end(resolve));
  }
}

function write(socket: Socket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) {
      reject(new Error("syslog connection closed"));
      return;
    }
    socket.write(data, (err) => (err ? reject(err) : resolve()));
  });
}
