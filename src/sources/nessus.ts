/**
 * Nessus v2 reports (`.nessus`, NessusClientData_v2): per ReportHost the host properties (addresses, MACs,
 * names, operating system), the services seen and the plugin findings with their CVEs and CVSS scores.
 * Streamed one <ReportItem> at a time; an item without CVE and of severity 0 (informational) only adds its
 * service, so a large report keeps the findings, not its plugin outputs.
 */
import type { InputProblem } from "../model/problem.js";
import type { Cvss, ScanFinding, ScanHost, ScannedService } from "../model/vulnerability.js";
import { cvssFromVector } from "./cvss.js";
import { spanOf } from "./evidence-span.js";
import { parseCtime } from "./export-dates.js";
import { portNumber } from "./port-number.js";
import { epochSeconds, notReport, type ScanResult, xmlProblem } from "./scan-result.js";
import { children, childText, rootElement, streamXml, type XmlNode } from "./xml-stream.js";

export async function readNessus(path: string, file: string): Promise<ScanResult> {
  const root = rootElement(path);
  if (!("name" in root) || root.name !== "NessusClientData_v2")
    return notReport(file, root, "a Nessus v2 report");
  const hosts: ScanHost[] = [];
  const problems: InputProblem[] = [];
  let current: ScanHost | null = null;
  let description: string | null = null;
  /** Each host's scan start and end (HOST_START, HOST_END): the span of the whole scan. */
  const times: (string | undefined)[] = [];
  const error = await streamXml(path, {
    collect: (p) => p.at(-2) === "ReportHost" && (p.at(-1) === "HostProperties" || p.at(-1) === "ReportItem"),
    onOpen: (name, attrs, _path, line) => {
      if (name === "Report") description = attrs.name ?? null;
      if (name === "ReportHost") current = emptyHost(attrs.name ?? "", file, line);
    },
    onClose: (name) => {
      if (name === "ReportHost" && current) hosts.push(current);
      if (name === "ReportHost") current = null;
    },
    onNode: (node) => {
      if (!current) return;
      if (node.name === "HostProperties") hostProperties(current, node, times);
      else reportItem(current, node, file, problems);
    },
  });
  if (error)
    problems.push(
      xmlProblem(
        file,
        error.line,
        error.column,
        "xml-syntax",
        `${error.message}; ${hosts.length} complete hosts before it kept`,
      ),
    );
  return { report: { file, scanner: "nessus", description, hosts }, problems, span: spanOf(times, "scan") };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function emptyHost(name: string, file: string, line: number): ScanHost {
  return {
    ips: IPV4.test(name) || name.includes(":") ? [name] : [],
    macs: [],
    macVendor: null,
    hostnames: IPV4.test(name) || name.includes(":") || !name ? [] : [name],
    up: true,
    os: null,
    services: [],
    identities: [],
    findings: [],
    evidence: { kind: "line", file, line },
  };
}

function hostProperties(host: ScanHost, node: XmlNode, times: (string | undefined)[]): void {
  const tags = new Map(children(node, "tag").map((t) => [t.attrs.name ?? "", t.text.trim()]));
  for (const edge of ["HOST_START", "HOST_END"])
    times.push(epochSeconds(tags.get(`${edge}_TIMESTAMP`)) ?? parseCtime(tags.get(edge) ?? ""));
  const ip = tags.get("host-ip");
  if (ip && !host.ips.includes(ip)) host.ips.push(ip);
  for (const mac of (tags.get("mac-address") ?? "").split(/\s+/).filter(Boolean))
    if (!host.macs.includes(mac.toLowerCase())) host.macs.push(mac.toLowerCase());
  for (const key of ["host-fqdn", "hostname", "netbios-name"]) {
    const name = tags.get(key);
    if (name && !host.hostnames.includes(name)) host.hostnames.push(name);
  }
  const os = tags.get("operating-system");
  const cpes = [...tags.entries()].filter(([k]) => /^cpe(-\d+)?$/.test(k)).map(([, v]) => v.split(" ")[0]!);
  if (os) host.os = { name: os.split("\n")[0]!, accuracy: null, cpes };
}

function reportItem(host: ScanHost, node: XmlNode, file: string, problems: InputProblem[]): void {
  // Nessus writes port="0" for what concerns the host as a whole.
  const portText = node.attrs.port ?? "0";
  const parsed = portNumber(portText);
  if (parsed === null)
    problems.push(
      xmlProblem(
        file,
        node.line,
        0,
        "invalid-value",
        `ReportItem port "${portText.slice(0, 20)}" is no port number (0-65535); the item is read without a port`,
        "warning",
      ),
    );
  const port = parsed ?? 0;
  const protocol = node.attrs.protocol ?? "tcp";
  const evidence = { kind: "line" as const, file, line: node.line };
  const transport = protocol === "udp" ? "udp" : "tcp";
  if (port > 0 && !host.services.some((s) => s.port === port && s.transport === transport)) {
    const svc: ScannedService = {
      port,
      transport,
      state: "open",
      name: node.attrs.svc_name ?? null,
      product: null,
      version: null,
      extraInfo: null,
      cpes: [],
      scripts: [],
      evidence,
    };
    host.services.push(svc);
  }
  const cves = children(node, "cve").map((c) => c.text.trim());
  const severity = node.attrs.severity ?? "0";
  if (cves.length === 0 && severity === "0") return;
  const finding: ScanFinding = {
    scanner: "nessus",
    id: node.attrs.pluginID ?? "",
    name: node.attrs.pluginName ?? childText(node, "plugin_name") ?? "",
    severity,
    port: port || null,
    transport: protocol,
    cves,
    cvss: bestScore(node, file, problems),
    solution: childText(node, "solution"),
    solutionCategory: null,
    evidence,
  };
  host.findings.push(finding);
}

/** CVSS v4, then v3, then v2, as Nessus gives them (`cvss4_vector`, `cvss3_vector`, `cvss_vector`). */
function bestScore(node: XmlNode, file: string, problems: InputProblem[]): Cvss | null {
  for (const prefix of ["cvss4", "cvss3", "cvss"]) {
    const vector = childText(node, `${prefix}_vector`);
    if (!vector) continue;
    const stated = childText(node, `${prefix}_base_score`);
    const { cvss, warning } = cvssFromVector(vector, stated === null ? null : Number(stated));
    if (warning) problems.push(xmlProblem(file, node.line, 0, "invalid-value", warning, "warning"));
    if (cvss) return cvss;
  }
  return null;
}
