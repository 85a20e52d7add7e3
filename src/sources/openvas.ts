/**
 * OpenVAS / Greenbone (GMP) XML reports: results (host, port, NVT with CVE references, CVSS, solution type,
 * threat) and the report's host details (operating system, host names, MAC). Streamed one <result> at a
 * time; results of threat "Log" without CVE only add their service.
 */
import type { InputProblem } from "../model/problem.js";
import type { Cvss, RemediationCategory, ScanHost } from "../model/vulnerability.js";
import { cvssFromScore, cvssFromVector, isScore } from "./cvss.js";
import { spanOf } from "./evidence-span.js";
import { portNumber } from "./port-number.js";
import { notReport, type ScanResult, xmlProblem } from "./scan-result.js";
import { child, children, childText, rootElement, streamXml, type XmlNode } from "./xml-stream.js";

const SOLUTION_TYPES: Record<string, RemediationCategory> = {
  vendorfix: "vendor_fix",
  workaround: "workaround",
  mitigation: "mitigation",
  nonavailable: "none_available",
  noneavailable: "none_available",
  willnotfix: "no_fix_planned",
};

export async function readOpenvas(path: string, file: string): Promise<ScanResult> {
  const root = rootElement(path);
  if (!("name" in root) || (root.name !== "report" && root.name !== "get_reports_response"))
    return notReport(file, root, "an OpenVAS/GVM XML report");
  const byIp = new Map<string, ScanHost>();
  const problems: InputProblem[] = [];
  let description: string | null = null;
  const hostOf = (ip: string, line: number): ScanHost => {
    let h = byIp.get(ip);
    if (!h) {
      h = {
        ips: [ip],
        macs: [],
        macVendor: null,
        hostnames: [],
        up: true,
        os: null,
        services: [],
        identities: [],
        findings: [],
        evidence: { kind: "line", file, line },
      };
      byIp.set(ip, h);
    }
    return h;
  };
  /** The report's scan start and end, and each host's: the span of the scan. */
  const times: string[] = [];
  const error = await streamXml(path, {
    collect: (p) =>
      (p.at(-1) === "result" && p.at(-2) === "results") ||
      (p.at(-1) === "host" && p.at(-2) === "report") ||
      ((p.at(-1) === "scan_start" || p.at(-1) === "scan_end") && p.at(-2) === "report") ||
      (p.at(-1) === "task" && p.at(-2) === "report" && p.length <= 3),
    onNode: (node) => {
      if (node.name === "task") description ??= childText(node, "name");
      else if (node.name === "scan_start" || node.name === "scan_end") times.push(node.text.trim());
      else if (node.name === "host") {
        times.push(childText(node, "start") ?? "", childText(node, "end") ?? "");
        hostDetails(node, hostOf);
      } else result(node, file, hostOf, problems);
    },
  });
  const hosts = [...byIp.values()];
  if (error)
    problems.push(
      xmlProblem(
        file,
        error.line,
        error.column,
        "xml-syntax",
        `${error.message}; results before it kept (${hosts.length} hosts)`,
      ),
    );
  return { report: { file, scanner: "openvas", description, hosts }, problems, span: spanOf(times, "scan") };
}

function hostDetails(node: XmlNode, hostOf: (ip: string, line: number) => ScanHost): void {
  const ip = childText(node, "ip");
  if (!ip) return;
  const host = hostOf(ip, node.line);
  const details = new Map<string, string[]>();
  for (const d of children(node, "detail")) {
    const name = childText(d, "name");
    const value = childText(d, "value");
    if (name && value) details.set(name, [...(details.get(name) ?? []), value]);
  }
  for (const name of [...(details.get("hostname") ?? []), ...(details.get("best_os_hostname") ?? [])])
    if (!host.hostnames.includes(name)) host.hostnames.push(name);
  for (const mac of details.get("MAC") ?? [])
    if (!host.macs.includes(mac.toLowerCase())) host.macs.push(mac.toLowerCase());
  const os = details.get("best_os_txt")?.[0];
  const cpe = details.get("best_os_cpe")?.[0];
  if (os || cpe) host.os = { name: os ?? cpe ?? "", accuracy: null, cpes: cpe ? [cpe] : [] };
}

function result(
  node: XmlNode,
  file: string,
  hostOf: (ip: string, line: number) => ScanHost,
  problems: InputProblem[],
): void {
  const hostNode = child(node, "host");
  const ip = hostNode?.text.trim();
  if (!ip) return;
  const host = hostOf(ip, node.line);
  const hostname = hostNode && childText(hostNode, "hostname");
  if (hostname && !host.hostnames.includes(hostname)) host.hostnames.push(hostname);
  const evidence = { kind: "line" as const, file, line: node.line };
  const portText = childText(node, "port") ?? "";
  const pm = /^(\d+)\/(\w+)/.exec(portText);
  // `general/tcp` and the like name no port; digits past 65535 are reported.
  const port = pm ? portNumber(pm[1]) : null;
  if (pm && port === null)
    problems.push(
      xmlProblem(
        file,
        node.line,
        0,
        "invalid-value",
        `port "${portText.slice(0, 20)}" is no port number (0-65535); the result is read without a port`,
        "warning",
      ),
    );
  const transport = pm?.[2] ?? (portText.split("/")[1] || null);
  if (port !== null && !host.services.some((s) => s.port === port && s.transport === transport)) {
    host.services.push({
      port,
      transport: transport === "udp" ? "udp" : "tcp",
      state: "open",
      name: null,
      product: null,
      version: null,
      extraInfo: null,
      cpes: [],
      scripts: [],
      evidence,
    });
  }
  const nvt = child(node, "nvt");
  const cves = nvt
    ? children(child(nvt, "refs") ?? nvt, "ref")
        .filter((r) => r.attrs.type?.toLowerCase() === "cve")
        .map((r) => r.attrs.id ?? "")
        .filter(Boolean)
    : [];
  const threat = childText(node, "threat") ?? "Log";
  if (cves.length === 0 && threat === "Log") return;
  const tags = new Map(
    (nvt ? (childText(nvt, "tags") ?? "") : "").split("|").map((kv) => {
      const i = kv.indexOf("=");
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  const solutionNode = nvt && child(nvt, "solution");
  const solutionType = (solutionNode?.attrs.type ?? tags.get("solution_type") ?? "").toLowerCase();
  host.findings.push({
    scanner: "openvas",
    id: nvt?.attrs.oid ?? "",
    name: (nvt && childText(nvt, "name")) ?? childText(node, "name") ?? "",
    severity: threat,
    port,
    transport,
    cves,
    cvss: nvt ? score(nvt, tags, node, file, problems) : null,
    solution: solutionNode?.text.trim() || tags.get("solution") || null,
    // Own keys only: a solution type of `constructor` is no category.
    solutionCategory: Object.hasOwn(SOLUTION_TYPES, solutionType) ? SOLUTION_TYPES[solutionType]! : null,
    evidence,
  });
}

/** GMP 20+ gives <severities><severity type="cvss_base_v3"><value>vector</value>; older ones a tag. */
function score(
  nvt: XmlNode,
  tags: Map<string, string>,
  node: XmlNode,
  file: string,
  problems: InputProblem[],
): Cvss | null {
  const severities = child(nvt, "severities");
  const typed = severities ? children(severities, "severity") : [];
  const order = ["cvss_base_v4", "cvss_base_v3", "cvss_base_v2"];
  typed.sort((a, b) => order.indexOf(a.attrs.type ?? "") - order.indexOf(b.attrs.type ?? ""));
  const candidates: [string, number | null][] = [
    ...typed.map((s): [string, number | null] => [
      childText(s, "value") ?? "",
      numberOrNull(childText(s, "score")),
    ]),
    [tags.get("cvss_base_vector") ?? "", numberOrNull(childText(nvt, "cvss_base"))],
  ];
  for (const [vector, stated] of candidates) {
    if (!vector) continue;
    const { cvss, warning } = cvssFromVector(vector, stated);
    if (warning) problems.push(xmlProblem(file, node.line, 0, "invalid-value", warning, "warning"));
    if (cvss) return cvss;
  }
  // GMP reports before version 20 state the NVT's base score without its vector.
  const bare = numberOrNull(childText(nvt, "cvss_base")) ?? numberOrNull(childText(node, "severity"));
  return bare !== null && bare > 0 && isScore(bare) ? cvssFromScore(bare) : null;
}

const numberOrNull = (s: string | null) => (s === null || Number.isNaN(Number(s)) ? null : Number(s));
