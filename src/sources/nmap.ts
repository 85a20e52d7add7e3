/**
 * nmap XML reports (`nmap -oX`): hosts with their addresses, MAC vendor, host names, OS match, ports and
 * services (with CPEs), and the output of NSE scripts, with device identity read from the ICS scripts.
 * Streamed one <host> at a time. Each fact points at the line of its <host> element.
 */
import type { InputProblem } from "../model/problem.js";
import type { ScanHost, ScannedService, ScanReport, ScanScript } from "../model/vulnerability.js";
import { spanOf } from "./evidence-span.js";
import { portNumber } from "./port-number.js";
import { identityFromScript } from "./scan-identity.js";
import { epochSeconds, notReport, type ScanResult, xmlProblem } from "./scan-result.js";
import { child, children, detach, rootElement, streamXml, type XmlNode } from "./xml-stream.js";

/**
 * What a host keeps of each script once its identity is read from the whole of it: enough to show what the script
 * said. A vulners script lists hundreds of CVEs per port; kept whole, 200,000 hosts would not fit in memory.
 */
export const MAX_SCRIPT_OUTPUT_KEPT = 2048;
export const MAX_SCRIPT_ELEMENTS_KEPT = 32;
/** NSE scripts nest result tables a few levels (vulners: cpe, then each CVE); deeper is not a real output. */
export const MAX_SCRIPT_TABLE_DEPTH = 16;

export async function readNmap(path: string, file: string): Promise<ScanResult> {
  const root = rootElement(path);
  if (!("name" in root) || root.name !== "nmaprun") return notReport(file, root, "an nmap XML report");
  const hosts: ScanHost[] = [];
  const problems: InputProblem[] = [];
  let description: string | null = null;
  // When the scan ran: nmap's start and finish, else its hosts' own start and end times.
  const times: (string | undefined)[] = [];
  const error = await streamXml(path, {
    collect: (p) => p.length === 2 && (p[1] === "host" || p[1] === "runstats"),
    onOpen: (name, attrs) => {
      if (name === "nmaprun") {
        description = attrs.args ?? null;
        times.push(epochSeconds(attrs.start));
      }
    },
    onNode: (node) => {
      if (node.name === "runstats") {
        times.push(epochSeconds(child(node, "finished")?.attrs.time));
        const message = child(node, "finished")?.attrs.errormsg;
        if (message)
          problems.push(
            xmlProblem(file, node.line, 0, "tool-reported", `the scan reported: ${message}`, "warning"),
          );
        return;
      }
      times.push(epochSeconds(node.attrs.starttime), epochSeconds(node.attrs.endtime));
      hosts.push(
        host(node, file, (line, message) =>
          problems.push(xmlProblem(file, line, 0, "invalid-value", message, "warning")),
        ),
      );
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
  return {
    report: { file, scanner: "nmap", description, hosts } satisfies ScanReport,
    problems,
    span: spanOf(times, "scan"),
  };
}

type Warn = (line: number, message: string) => void;

function host(node: XmlNode, file: string, warn: Warn): ScanHost {
  const evidence = { kind: "line" as const, file, line: node.line };
  const addresses = children(node, "address");
  const mac = addresses.find((a) => a.attrs.addrtype === "mac");
  // Some writers repeat <ports> within a host; every one counts.
  const services = children(node, "ports").flatMap((ports) =>
    children(ports, "port").flatMap((p) => service(p, file, warn) ?? []),
  );
  const hostScripts = child(node, "hostscript")
    ? children(child(node, "hostscript")!, "script").map((sc) => script(sc, warn))
    : [];
  const identities = [
    ...services.flatMap((s) =>
      s.scripts.map((sc) => identityFromScript(sc.id, sc.output, sc.elements, s.evidence)),
    ),
    ...hostScripts.map((sc) => identityFromScript(sc.id, sc.output, sc.elements, evidence)),
  ].filter((i) => i !== null);
  const osmatch = child(node, "os") ? children(child(node, "os")!, "osmatch")[0] : undefined;
  return {
    ips: addresses
      .filter((a) => a.attrs.addrtype !== "mac")
      .map((a) => a.attrs.addr ?? "")
      .filter(Boolean),
    macs: mac?.attrs.addr ? [mac.attrs.addr.toLowerCase()] : [],
    macVendor: mac?.attrs.vendor ?? null,
    hostnames: (child(node, "hostnames") ? children(child(node, "hostnames")!, "hostname") : [])
      .map((h) => h.attrs.name ?? "")
      .filter(Boolean),
    up: child(node, "status")?.attrs.state === "up",
    os: osmatch
      ? {
          name: osmatch.attrs.name ?? "",
          accuracy: percent(osmatch.attrs.accuracy),
          cpes: children(osmatch, "osclass").flatMap((c) => children(c, "cpe").map((x) => x.text.trim())),
        }
      : null,
    services: services.map((s) => ({ ...s, scripts: s.scripts.map(kept) })),
    identities,
    findings: [],
    evidence,
  };
}

/** A script as a host keeps it: its output and elements cut to their limits. */
function kept(s: ScanScript): ScanScript {
  const cut = s.output.length - MAX_SCRIPT_OUTPUT_KEPT;
  const entries = Object.entries(s.elements);
  return {
    id: s.id,
    // detach: a slice would keep the whole output alive behind it.
    output:
      cut > 0 ? detach(`${s.output.slice(0, MAX_SCRIPT_OUTPUT_KEPT)} [${cut} more characters]`) : s.output,
    elements:
      entries.length > MAX_SCRIPT_ELEMENTS_KEPT
        ? Object.fromEntries(entries.slice(0, MAX_SCRIPT_ELEMENTS_KEPT))
        : s.elements,
  };
}

/** nmap's OS match accuracy, a whole percentage; anything else is left out rather than guessed. */
function percent(text: string | undefined): number | null {
  return text !== undefined && /^\d{1,3}$/.test(text) && Number(text) <= 100 ? Number(text) : null;
}

/** A `<port>` as a service; null, with a warning, when its portid is no port number (0-65535). */
function service(port: XmlNode, file: string, warn: Warn): ScannedService | null {
  const portid = port.attrs.portid ?? "";
  const number = portNumber(portid);
  if (number === null) {
    warn(port.line, `port "${portid.slice(0, 20)}" is no port number (0-65535); the service is not read`);
    return null;
  }
  const svc = child(port, "service");
  const attr = (k: string) => svc?.attrs[k] || null;
  const transport = port.attrs.protocol;
  return {
    port: number,
    transport: transport === "udp" || transport === "sctp" || transport === "ip" ? transport : "tcp",
    state: child(port, "state")?.attrs.state ?? "unknown",
    name: attr("name"),
    product: attr("product"),
    version: attr("version"),
    extraInfo: attr("extrainfo"),
    cpes: svc ? children(svc, "cpe").map((c) => c.text.trim()) : [],
    scripts: children(port, "script").map((sc) => script(sc, warn)),
    evidence: { kind: "line", file, line: port.line },
  };
}

function script(node: XmlNode, warn: Warn): ScanScript {
  const elements: Record<string, string> = {};
  let cut = false;
  const flatten = (n: XmlNode, prefix: string, depth: number) => {
    n.children.forEach((c, i) => {
      const key = `${prefix}${c.attrs.key ?? String(i)}`;
      if (c.name === "elem") elements[key] = c.text.trim();
      else if (c.name !== "table") return;
      else if (depth < MAX_SCRIPT_TABLE_DEPTH) flatten(c, `${key}.`, depth + 1);
      else cut = true;
    });
  };
  flatten(node, "", 0);
  if (cut)
    warn(
      node.line,
      `script ${node.attrs.id ?? ""}: tables nested deeper than ${MAX_SCRIPT_TABLE_DEPTH} levels; the deeper ones are not read`,
    );
  return { id: node.attrs.id ?? "", output: node.attrs.output ?? "", elements };
}
