/**
 * TeamViewer on TCP and UDP 5938, and wherever its packets appear: TCP packets open with the magic 0x17 0x24
 * (protocol 2) or 0x11 0x30 (protocol 1) and a command byte; UDP packets carry 0x17 0x24 at offset 11 after a
 * counter that starts at 0 (as nDPI and bettercap recognise them). The first command is the session request;
 * both ends are remote-access observations: the initiator runs TeamViewer, the responder is a TeamViewer
 * peer or router. The rest is encrypted and passed over.
 */
import type { Dissector, DissectorSink, ProbeResult } from "../dissector.js";

const V2 = [0x17, 0x24];
const V1 = [0x11, 0x30];
const UDP_MAGIC_AT = 11;

/** Command names from the TeamViewer protocol as public analyzers list them (bettercap's TeamViewer parser). */
const COMMANDS: Record<number, string> = {
  10: "CMD_IDENTIFY",
  11: "CMD_REQUESTCONNECT",
  13: "CMD_DISCONNECT",
  16: "CMD_PING",
  17: "CMD_PINGOK",
  18: "CMD_MASTERCOMMAND",
  19: "CMD_MASTERRESPONSE",
  24: "CMD_REQUESTROUTINGSESSION",
  26: "CMD_JAVACONNECT",
  29: "CMD_MASTERCOMMAND_ENCRYPTED",
  30: "CMD_MASTERRESPONSE_ENCRYPTED",
  31: "CMD_REQUESTRECONNECT",
  45: "CMD_NEW_MASTERLOGIN",
  70: "CMD_UDPREQUESTCONNECT",
  71: "CMD_UDPPING",
  102: "CMD_AUTH_CHALLENGE",
  103: "CMD_AUTH_RESPONSE",
  104: "CMD_AUTH_RESULT",
};
/** Highest command number in the public list: a byte above it is not a TeamViewer command. */
const MAX_COMMAND = 113;

function at(b: Uint8Array, o: number, magic: readonly number[]): boolean {
  return b[o] === magic[0] && b[o + 1] === magic[1];
}

/** The command byte of a TeamViewer packet (either layout), or -1. */
export function commandOf(b: Uint8Array): number {
  if (b.length >= 3 && (at(b, 0, V2) || at(b, 0, V1))) return b[2] <= MAX_COMMAND ? b[2] : -1;
  if (b.length > UDP_MAGIC_AT + 2 && b[0] === 0 && at(b, UDP_MAGIC_AT, V2)) {
    return b[UDP_MAGIC_AT + 2] <= MAX_COMMAND ? b[UDP_MAGIC_AT + 2] : -1;
  }
  return -1;
}

export function probeTeamViewer(data: Uint8Array): ProbeResult {
  if (data.length < 3) {
    const first = data[0];
    return data.length === 0 || first === 0 || first === V2[0] || first === V1[0] ? "needMore" : "reject";
  }
  return commandOf(data) >= 0
    ? "match"
    : data[0] === 0 && data.length <= UDP_MAGIC_AT + 2
      ? "needMore"
      : "reject";
}

function start(b: Uint8Array, sink: DissectorSink): void {
  const command = commandOf(b);
  if (command < 0) {
    sink.anomaly("bad-header", "TeamViewer packet without its magic");
    return;
  }
  sink.request(command, COMMANDS[command] ?? `command ${command}`, "session");
  const version = at(b, 0, V1) ? 1 : 2;
  sink.observe("remote-access", "src", `TeamViewer connection (protocol ${version})`);
  sink.observe("remote-access", "dst", `TeamViewer peer or router (protocol ${version})`);
}

export const teamviewer: Dissector<{ started: boolean }> = {
  name: "teamviewer",
  transport: "both",
  defaultPorts: [5938],
  heuristic: true,
  limits: { maxPdu: 65536, maxPending: 1 },
  probe: probeTeamViewer,
  newState: () => ({ started: false }),
  parse(s, _dir, data, sink) {
    if (!s.started) {
      s.started = true;
      start(data, sink);
    }
    return data.length;
  },
};
