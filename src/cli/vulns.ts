import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { assess } from "../app/assess.js";
import { PlantInputError } from "../app/errors.js";
import { vulnerabilitiesOfRegister } from "../app/vulnerabilities.js";
import { formatProblem, type InputProblem, problemAt, WHOLE_FILE } from "../model/problem.js";
import type { VulnerabilityReport } from "../model/vulnerability.js";
import { EXIT_BAD_INPUT, UsageError } from "./exit-codes.js";
import { bold, dim, red, yellow } from "./terminal.js";
import { writeUserFile } from "./user-files.js";

interface VulnsFlags {
  inventory?: string;
  advisories?: string;
  kev?: string;
  json?: string;
}

const EMPTY: VulnerabilityReport = {
  sources: { advisories: 0, kev: null, scans: [] },
  assetsChecked: 0,
  vulnerableAssets: 0,
  matches: [],
  notAffected: [],
};

export function registerVulns(program: Command): void {
  program
    .command("vulns")
    .description(
      "match assets to CSAF advisories, the KEV catalog and scanner findings: a plant folder, or an asset register with --inventory",
    )
    .argument("[plant-dir]", "a plant folder (plant.yaml, advisories/, scans/, captures/)")
    .option("--inventory <csv>", "an asset register: name,vendor,product,model,firmware (+ any columns)")
    .option("--advisories <dir>", "CSAF advisories (a folder or one file) for --inventory")
    .option("--kev <file>", "the CISA KEV catalog (JSON) for --inventory")
    .option("--json <out>", "write the result as JSON to a file, or to stdout with -")
    .action(async (dir: string | undefined, flags: VulnsFlags) => {
      const { report, problems, readable } = await run(dir, flags);
      for (const p of problems) {
        const label =
          p.severity === "error" ? red("error", process.stderr) : yellow("warning", process.stderr);
        process.stderr.write(`${label} ${formatProblem(p)}\n`);
      }
      if (!readable) process.exitCode = EXIT_BAD_INPUT;
      if (flags.json) {
        const text = `${JSON.stringify({ ...report, problems }, null, 2)}\n`;
        if (flags.json === "-") process.stdout.write(text);
        else {
          writeUserFile("--json", flags.json, text);
          process.stderr.write(`wrote ${flags.json}\n`);
        }
        return;
      }
      process.stdout.write(table(report));
    });
}

interface Outcome {
  report: VulnerabilityReport;
  problems: InputProblem[];
  /** False when the main input could not be read: exit 2. */
  readable: boolean;
}

async function run(dir: string | undefined, flags: VulnsFlags): Promise<Outcome> {
  if (flags.inventory) {
    if (dir) throw new UsageError("give either a plant folder or --inventory, not both");
    if (!flags.advisories) throw new UsageError("--inventory needs --advisories <dir>");
    for (const [flag, path] of [
      ["--inventory", flags.inventory],
      ["--advisories", flags.advisories],
      ["--kev", flags.kev],
    ] as const)
      if (path && !existsSync(path)) throw new UsageError(`${flag} ${path}: no such file or folder`);
    return vulnerabilitiesOfRegister({
      inventory: flags.inventory,
      advisories: flags.advisories,
      ...(flags.kev ? { kev: flags.kev } : {}),
    });
  }
  if (!dir) throw new UsageError("give a plant folder, or --inventory <csv> --advisories <dir>");
  if (flags.advisories || flags.kev)
    throw new UsageError(
      "--advisories and --kev go with --inventory; a plant folder keeps them in advisories/",
    );
  if (!existsSync(join(dir, "plant.yaml"))) throw new UsageError(`${dir}: no plant.yaml here`);
  try {
    const a = await assess(dir);
    const problems = a.problems.filter(
      (p) => p.file.startsWith("advisories") || p.file.startsWith("scans") || p.file === "inventory.csv",
    );
    if (!a.vulnerabilities)
      problems.push(
        problemAt(
          dir,
          WHOLE_FILE,
          "no-evidence",
          "no advisories/, scans/ or inventory.csv in this plant folder",
          "warning",
        ),
      );
    return {
      report: a.vulnerabilities ?? { ...EMPTY, assetsChecked: a.assets.length },
      problems,
      readable: true,
    };
  } catch (err) {
    if (!(err instanceof PlantInputError)) throw err;
    return { report: EMPTY, problems: err.problems.filter((p) => p.severity === "error"), readable: false };
  }
}

/** The prioritised list for a person: one line per match, the reason dimmed below it. */
function table(r: VulnerabilityReport): string {
  const lines = [
    `${bold(`${r.vulnerableAssets} of ${r.assetsChecked} assets`)} affected or possibly affected; ${r.matches.length} matches from ${r.sources.advisories} advisories${r.sources.kev ? `, KEV ${r.sources.kev.version}` : ""}${r.sources.scans.length ? `, ${r.sources.scans.length} scan reports` : ""}`,
  ];
  for (const m of r.matches) {
    const fix = m.remediations.find((x) => x.category === "vendor_fix");
    lines.push(
      `${String(m.priority).padStart(3)}. ${m.kev ? red("KEV ") : ""}${bold(m.asset)} ${m.advisory} ${m.confidence} ${m.cvss ? `CVSS ${m.cvss.score}` : "no CVSS"} exposure ${m.exposure.level}: ${m.cves.join(", ")}${fix ? `; fix: ${fix.fixedVersion ?? "vendor fix available"}` : ""}`,
      `     ${dim(m.reason)}`,
    );
  }
  if (r.notAffected.length) lines.push(`${r.notAffected.length} near misses (not affected); see --json`);
  return `${lines.join("\n")}\n`;
}
