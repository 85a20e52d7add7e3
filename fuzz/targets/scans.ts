/**
 * The scanner importers: nmap XML, Nessus v2, OpenVAS/GVM. Contract (src/sources/scan-result.ts): never throw
 * (nor reject); every problem names the file and its line unless it is about the file as a whole (its root
 * element); the report matches the model.
 */
import { readFileSync } from "node:fs";
import { ScanReport } from "../../src/model/vulnerability.js";
import { readNessus } from "../../src/sources/nessus.js";
import { readNmap } from "../../src/sources/nmap.js";
import { readOpenvas } from "../../src/sources/openvas.js";
import type { ScanResult } from "../../src/sources/scan-result.js";
import { checkModel, checkProblems, encode, type FuzzTarget } from "../target.js";
import { readSeeds, repoFiles, scratchFile } from "./common.js";

const MAX = 96 * 1024;
const WHOLE_FILE = [/^not an? .* report/, /^cannot be read/];

/**
 * The head of a large report up to the last of the `cuts` (closing tag and what closes the document after it)
 * that fits: real hosts and findings, still well-formed XML.
 */
function headOf(path: string, cuts: readonly [close: string, suffix: string][], drop?: RegExp): Uint8Array[] {
  const whole = readFileSync(path, "utf8");
  const text = drop ? whole.replace(drop, "") : whole;
  if (text.length <= MAX) return [];
  for (const [close, suffix] of cuts) {
    const end = text.lastIndexOf(close, MAX - suffix.length - close.length);
    if (end > 0) return [encode(text.slice(0, end + close.length) + suffix)];
  }
  return [];
}

function scanTarget(
  name: string,
  read: (path: string, file: string) => Promise<ScanResult>,
  seeds: () => Uint8Array[],
  dictionary: string[],
): FuzzTarget {
  return {
    name,
    sources: ["src/sources/"],
    maxLen: MAX,
    dictionary: [
      ...dictionary,
      '<?xml version="1.0"?>\n',
      '<!DOCTYPE x [<!ENTITY e "x">]>',
      "<![CDATA[",
      "]]>",
      "&amp;",
      "&#x0;",
      "&#65;",
      "<!-- -->",
      "/>",
      '="',
      '"',
      "\uFEFF",
    ],
    seeds: () => seeds().filter((s) => s.length <= MAX),
    async run(input) {
      const { report, problems } = await read(scratchFile("scan.xml", input), "scans/scan.xml");
      checkProblems(problems, { file: "scans/scan.xml", located: "line", wholeFile: WHOLE_FILE });
      if (report) checkModel(ScanReport, report, "the scan report");
    },
  };
}

export const targets: FuzzTarget[] = [
  scanTarget(
    "nmap",
    readNmap,
    () => [
      ...readSeeds([
        ...repoFiles("test/corpus/scans/nmap"),
        ...repoFiles("examples/water-treatment/scans", /nmap/),
      ]),
      ...repoFiles("test/corpus/scans/nmap").flatMap((f) => headOf(f, [["</host>", "\n</nmaprun>\n"]])),
    ],
    [
      "<nmaprun ",
      "<host>",
      "</host>",
      '<host starttime="1">',
      '<status state="up"/>',
      '<address addr="',
      '" addrtype="ipv4"/>',
      '" addrtype="mac" vendor="Siemens"/>',
      '<hostnames><hostname name="',
      "<ports>",
      "</ports>",
      '<port protocol="tcp" portid="',
      '<state state="open"/>',
      '<service name="',
      'product="',
      'version="',
      "<cpe>cpe:/a:",
      "</cpe>",
      '<script id="',
      'output="',
      '<elem key="',
      "<table>",
      "<hostscript>",
      '<os><osmatch name="',
      'accuracy="',
      '<runstats><finished errormsg="',
      "modbus-discover",
      "s7-info",
      "enip-info",
      "bacnet-info",
      "Module: ",
      "Version: ",
      "Vendor: ",
      "502",
      "102",
      "44818",
      "47808",
    ],
  ),
  scanTarget(
    "nessus",
    readNessus,
    () => [
      ...readSeeds([
        ...repoFiles("test/corpus/scans/nessus"),
        ...repoFiles("examples/water-treatment/scans", /\.nessus$/),
      ]),
      ...repoFiles("test/corpus/scans/nessus").flatMap((f) =>
        headOf(
          f,
          [
            ["</ReportHost>", "\n</Report>\n</NessusClientData_v2>\n"],
            ["</ReportItem>", "\n</ReportHost>\n</Report>\n</NessusClientData_v2>\n"],
            // The scan policy (its plugin preferences) can outweigh the findings: left out.
          ],
          /<Policy>[\s\S]*?<\/Policy>/,
        ),
      ),
    ],
    [
      "<NessusClientData_v2>",
      '<Report name="',
      '<ReportHost name="',
      "</ReportHost>",
      "<HostProperties>",
      '<tag name="host-ip">',
      '<tag name="mac-address">',
      '<tag name="operating-system">',
      '<tag name="host-fqdn">',
      '<tag name="netbios-name">',
      "</tag>",
      '<ReportItem port="',
      '" svc_name="',
      '" protocol="tcp" severity="',
      '" pluginID="',
      '" pluginName="',
      "</ReportItem>",
      "<cve>CVE-2021-22681</cve>",
      "<cvss3_base_score>",
      "<cvss3_vector>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      "<cvss_vector>CVSS2#AV:N/AC:L/Au:N/C:C/I:C/A:C",
      "<cvss_base_score>",
      "<risk_factor>",
      "<solution>",
      "<plugin_output>",
      "<exploit_available>true",
      "<see_also>",
    ],
  ),
  scanTarget("openvas", readOpenvas, () => readSeeds(repoFiles("test/corpus/scans/openvas")), [
    '<report id="',
    '<get_reports_response status="200">',
    "<results>",
    '<result id="',
    "</result>",
    "<host>",
    '<asset asset_id="',
    "<port>",
    "502/tcp",
    "general/tcp",
    '<nvt oid="',
    "<refs>",
    '<ref type="cve" id="CVE-2020-1472"/>',
    "<cvss_base>",
    '<severities score="',
    "<severity>",
    "<threat>High</threat>",
    "<threat>Log</threat>",
    '<solution type="VendorFix">',
    "<tags>",
    "cvss_base_vector=AV:N/AC:L/Au:N/C:C/I:C/A:C|",
    "<detail><name>best_os_cpe</name><value>",
    "<detail><name>hostname</name><value>",
    "<detail><name>MAC</name><value>",
    "</value></detail>",
  ]),
];
