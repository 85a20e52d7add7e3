/**
 * A Cisco IOS / IOS-XE running-config (`show running-config`), reduced to the facts the hardening checks need:
 * management access (vty transport, HTTP server, SSH version), SNMP communities, AAA and how passwords are
 * stored, logging and NTP servers, CDP/LLDP, and each interface's switchport settings. Secrets are never kept:
 * a password becomes its storage type, an SNMP community only whether it is `public` or `private`.
 *
 * IOS has thousands of commands; those that do not bear on these checks are passed over without a word. A
 * command that does bear on them but cannot be read (a `snmp-server community` without a community, an
 * unterminated banner, ...) is reported with its line and skipped.
 */
import type { IosConfig, IosInterface, IosVty } from "../../model/controls.js";
import { type InputProblem, type ProblemCode, problemAt, WHOLE_FILE } from "../../model/problem.js";
import { splitLines } from "../text-decode.js";

const PHYSICAL =
  /^(?:Fast|Gigabit|TwoGigabit|FiveGigabit|TenGigabit|TwentyFiveGig|FortyGigabit|HundredGig)?Ethernet\d/i;
const BANNER = /^banner\s+(motd|login|exec|incoming|slip-ppp|prompt-timeout|config-save)\s+(.*)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

type Block = { kind: "interface"; it: IosInterface } | { kind: "vty"; it: IosVty } | { kind: "other" };

function looksLikeIos(text: string): boolean {
  return /^(hostname \S|interface \S|version \d|line vty \d)/m.test(text);
}

export function readCiscoIos(
  text: string,
  device: string,
  file: string,
  problems: InputProblem[],
): IosConfig {
  const config: IosConfig = {
    device,
    file,
    hostname: null,
    hostnameLine: null,
    servicePasswordEncryption: null,
    aaaNewModel: null,
    enablePassword: null,
    enableSecret: null,
    users: [],
    httpServer: null,
    httpsServer: null,
    sshVersion: null,
    vtys: [],
    snmpCommunities: [],
    snmpV3: null,
    loggingHosts: [],
    ntpServers: [],
    cdpDisabled: null,
    lldpRun: null,
    interfaces: [],
  };
  // Every line it cannot read is a warning: the rest of the configuration still counts.
  const problem = (line: number, message: string, code: ProblemCode = "unparsed-line") =>
    problems.push(problemAt(file, { line }, code, message, "warning"));
  if (!looksLikeIos(text))
    problems.push(
      problemAt(
        file,
        WHOLE_FILE,
        "unsupported-format",
        "not a Cisco IOS configuration (no hostname, interface, version or line vty command)",
      ),
    );

  const lines = splitLines(text);
  let block: Block = { kind: "other" };
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!;
    const s = raw.trim();
    if (s === "" || s.startsWith("!")) continue;
    const indented = /^\s/.test(raw);
    const words = s.split(/\s+/);
    if (indented) {
      if (block.kind === "interface") interfaceCommand(block.it, words, line, problem);
      else if (block.kind === "vty") vtyCommand(block.it, words, line, problem);
      continue;
    }
    block = { kind: "other" };
    const banner = BANNER.exec(s);
    if (banner) {
      const end = bannerEnd(lines, i, banner[2]!);
      if (end < 0) {
        problem(line, "banner without its closing delimiter: the rest of the file is read as banner text");
        break;
      }
      i = end;
      continue;
    }
    const [w0, w1, w2] = words;
    const rest = (n: number) => words.slice(n);
    if (w0 === "hostname") {
      if (w1) {
        config.hostname = w1;
        config.hostnameLine = line;
      } else problem(line, "hostname without a name");
    } else if (s === "service password-encryption") config.servicePasswordEncryption = line;
    else if (s === "aaa new-model") config.aaaNewModel = line;
    else if (w0 === "enable" && (w1 === "secret" || w1 === "password")) {
      const stored = storedSecret(rest(2));
      if (!stored) problem(line, `enable ${w1} without a value`);
      else if (w1 === "secret") config.enableSecret = { line, type: stored.type };
      else config.enablePassword = { line, type: stored.type };
    } else if (w0 === "username") user(config, words, line, problem);
    else if (s === "ip http server") config.httpServer = line;
    else if (s === "ip http secure-server") config.httpsServer = line;
    else if (w0 === "ip" && w1 === "ssh" && w2 === "version") {
      if (words[3]) config.sshVersion = { version: words[3], line };
      else problem(line, "ip ssh version without a version");
    } else if (w0 === "snmp-server" && w1 === "community") community(config, rest(2), line, problem);
    else if (w0 === "snmp-server" && (w1 === "group" || w1 === "user") && words.includes("v3"))
      config.snmpV3 ??= line;
    else if (w0 === "logging" && (w1 === "host" || (w1 !== undefined && IPV4.test(w1))))
      config.loggingHosts.push(line);
    else if (w0 === "ntp" && w1 === "server") config.ntpServers.push(line);
    else if (s === "no cdp run") config.cdpDisabled = line;
    else if (s === "lldp run") config.lldpRun = line;
    else if (w0 === "interface") {
      if (!w1) {
        problem(line, "interface without a name");
        continue;
      }
      const name = words.slice(1).join("");
      const it: IosInterface = {
        name,
        line,
        physical: PHYSICAL.test(name),
        description: null,
        shutdown: false,
        mode: null,
        accessVlan: null,
        portSecurity: false,
        cdp: true,
        lldpTransmit: true,
      };
      config.interfaces.push(it);
      block = { kind: "interface", it };
    } else if (w0 === "line" && w1 === "vty") {
      if (!w2 || !/^\d+$/.test(w2)) {
        problem(line, "line vty without a line range");
        continue;
      }
      const it: IosVty = {
        range: rest(2).join(" "),
        line,
        transport: null,
        transportLine: null,
        accessClass: false,
      };
      config.vtys.push(it);
      block = { kind: "vty", it };
    }
  }
  return config;
}

/** The line index where a banner starting on line `start` ends, or -1 when its delimiter never comes back. */
function bannerEnd(lines: readonly string[], start: number, afterKeyword: string): number {
  // `show running-config` prints the delimiter as ^C; typed configs use any single character.
  const delimiter = afterKeyword.startsWith("^C") ? "^C" : afterKeyword.charAt(0);
  if (afterKeyword.slice(delimiter.length).includes(delimiter)) return start;
  for (let j = start + 1; j < lines.length; j++) if (lines[j]!.includes(delimiter)) return j;
  return -1;
}

/** `[0|5|7|8|9] value`: the storage type, 0 (clear) when no type is written. */
function storedSecret(words: readonly string[]): { type: number } | null {
  if (words.length === 0) return null;
  if (words.length >= 2 && /^\d$/.test(words[0]!)) return { type: Number(words[0]) };
  return { type: 0 };
}

function user(
  config: IosConfig,
  words: readonly string[],
  line: number,
  problem: (l: number, m: string, code?: ProblemCode) => void,
) {
  const name = words[1];
  const at = words.findIndex((w, k) => k >= 2 && (w === "password" || w === "secret"));
  if (!name) {
    problem(line, "username without a name");
    return;
  }
  // `username x privilege 15` alone, or with `nopassword`, stores no credential.
  if (at < 0) return;
  const stored = storedSecret(words.slice(at + 1));
  if (!stored) {
    problem(line, `username ${name}: ${words[at]} without a value`);
    return;
  }
  config.users.push({ name, line, storage: words[at] as "password" | "secret", type: stored.type });
}

/** `snmp-server community STRING [view V] [ro|rw] [acl]`. */
function community(
  config: IosConfig,
  words: readonly string[],
  line: number,
  problem: (l: number, m: string, code?: ProblemCode) => void,
) {
  const [name, ...rest] = words;
  if (!name) {
    problem(line, "snmp-server community without a community string");
    return;
  }
  let k = 0;
  if (rest[k]?.toLowerCase() === "view") k += 2;
  let access: "ro" | "rw" = "ro";
  const mode = rest[k]?.toLowerCase();
  if (mode === "ro" || mode === "rw") {
    access = mode;
    k++;
  }
  const lower = name.toLowerCase();
  config.snmpCommunities.push({
    wellKnown: lower === "public" || lower === "private" ? lower : null,
    access,
    acl: rest.length > k,
    line,
  });
}

function interfaceCommand(
  it: IosInterface,
  words: readonly string[],
  line: number,
  problem: (l: number, m: string, code?: ProblemCode) => void,
) {
  const s = words.join(" ");
  if (words[0] === "description") it.description = words.slice(1).join(" ") || null;
  else if (s === "shutdown") it.shutdown = true;
  else if (s === "no shutdown") it.shutdown = false;
  else if (s === "switchport mode access") it.mode = "access";
  else if (s === "switchport mode trunk") it.mode = "trunk";
  else if (s === "no switchport") it.mode = "routed";
  else if (s.startsWith("switchport access vlan")) {
    const vlan = Number(words[3]);
    if (Number.isInteger(vlan) && vlan >= 1 && vlan <= 4094) it.accessVlan = vlan;
    else
      problem(
        line,
        `${it.name}: switchport access vlan "${words[3] ?? ""}" is not a VLAN number`,
        "invalid-value",
      );
  } else if (s === "switchport port-security") it.portSecurity = true;
  else if (s === "no cdp enable") it.cdp = false;
  else if (s === "no lldp transmit") it.lldpTransmit = false;
}

function vtyCommand(
  it: IosVty,
  words: readonly string[],
  line: number,
  problem: (l: number, m: string, code?: ProblemCode) => void,
) {
  if (words[0] === "transport" && words[1] === "input") {
    const protocols = words.slice(2).map((w) => w.toLowerCase());
    if (protocols.length === 0) {
      problem(line, `line vty ${it.range}: transport input without protocols`);
      return;
    }
    it.transport = protocols;
    it.transportLine = line;
  } else if (words[0] === "access-class") it.accessClass = true;
}
