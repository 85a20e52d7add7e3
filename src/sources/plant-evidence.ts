/**
 * A plant folder's evidence files read into the evidence the analyses take: the control evidence, the
 * vulnerability evidence and the firewall configurations. Each file goes to the first importer of the
 * registry (importers.ts) at its location that takes its name and recognises its content, opened once however
 * many importers look at it; notes are left alone, and a file no importer takes is reported as its location
 * says. Every problem names its file, and problems come in the order of the files; no file stops the others.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { EvidenceSpan } from "../model/assessment.js";
import { DEFAULT_BASELINE } from "../model/baseline.js";
import type { ControlEvidence } from "../model/controls.js";
import type { FirewallConfig } from "../model/firewall.js";
import { type InputProblem, problemAt, WHOLE_FILE } from "../model/problem.js";
import type { KevCatalog, VulnerabilityEvidence } from "../model/vulnerability.js";
import { append } from "./append.js";
import { readFailureCode } from "./bounded-read.js";
import { readCsvTable } from "./csv-table.js";
import type {
  EvidenceRecords,
  Imported,
  ImportFile,
  Opened,
  Opening,
  PlantLocation,
  RecordKind,
} from "./importer.js";
import { IMPORTERS, PLANT_LOCATIONS, type PlantLocationName } from "./importers.js";
import { readText } from "./text-decode.js";
import { rootElement } from "./xml-stream.js";

export interface PlantEvidence {
  controls: ControlEvidence;
  /** null when the plant folder has no advisories, scans or asset register. */
  vulnerabilities: VulnerabilityEvidence | null;
  firewalls: FirewallConfig[];
  problems: InputProblem[];
  /**
   * When the evidence of each file read at a dated location (scans/, accounts/, firewalls/, ...) was taken; null
   * when the file does not say. Files of other locations, and files no importer read, are not in it.
   */
  spans: Map<string, EvidenceSpan | null>;
}

export interface HashedFile {
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * Reads the evidence files of a plant folder (`files` relative to `dir`, as `findInputs` lists them). Backup
 * files are not read again: their `hashes` (as `hashInputs` gives them) are the records.
 */
export async function readPlantEvidence(
  inputs: { dir: string; files: readonly ImportFile[] },
  hashes: readonly HashedFile[] = [],
): Promise<PlantEvidence> {
  const hashOf = new Map(hashes.map((h) => [slashes(h.path), { sha256: h.sha256, bytes: h.bytes }]));
  const files = inputs.files.map((f) => ({ path: slashes(f.path), absolute: f.absolute }));
  const found = new Collected();
  for (const f of files) {
    const at = locationOf(f.path);
    if (at) found.add(f, await importFile(at, f, hashOf.get(f.path)));
  }
  const r = found.records;
  const hasInputs = (...collections: RecordKind[]) =>
    files.some((f) => IMPORTERS.some((i) => i.at === locationOf(f.path) && collections.includes(i.into)));
  const folders = (collection: RecordKind) =>
    IMPORTERS.filter((i) => i.into === collection).map((i) => join(inputs.dir, i.at.replace(/\/$/, "")));
  return {
    controls: {
      baseline: r.baseline.at(-1) ?? DEFAULT_BASELINE,
      accounts: r.accounts,
      policies: r.policies,
      auditPolicies: r.auditPolicies,
      hotfixes: r.hotfixes,
      networkConfigs: r.networkConfigs,
      backupRegister: r.backupRegister,
      // Hashes are compared whenever the folder is there, even empty: a file the register names is missing.
      backupFiles: folders("backupFiles").some((dir) => existsSync(dir)) ? r.backupFiles : null,
      leavers: hasInputs("leavers") ? r.leavers : null,
    },
    vulnerabilities: hasInputs("advisories", "kevCatalogs", "scans", "register")
      ? { advisories: r.advisories, kev: newestKev(r.kevCatalogs), scans: r.scans, register: r.register }
      : null,
    firewalls: r.firewalls,
    problems: found.problems,
    spans: found.spans,
  };
}

/** Files read as if they lay at `at`, wherever they are (the files a command names, a test's fixtures). */
export async function importFiles(
  at: PlantLocationName,
  files: readonly ImportFile[],
): Promise<{ records: EvidenceRecords; problems: InputProblem[] }> {
  const found = new Collected();
  for (const f of files) found.add(f, await importFile(at, f, undefined));
  return found;
}

/** As importFiles, for a location whose importers all read synchronously (advisories, accounts, ...). */
export function importFilesSync(
  at: PlantLocationName,
  files: readonly ImportFile[],
): { records: EvidenceRecords; problems: InputProblem[] } {
  const found = new Collected();
  for (const f of files) {
    const outcome = importFile(at, f, undefined);
    if (outcome instanceof Promise)
      throw new Error(`an importer of ${at} reads asynchronously: use importFiles`);
    found.add(f, outcome);
  }
  return found;
}

/** The newest of the KEV catalogs read, when several are. */
export function newestKev(catalogs: readonly KevCatalog[]): KevCatalog | null {
  return [...catalogs].sort((a, b) => b.version.localeCompare(a.version))[0] ?? null;
}

/** The registry location of a path relative to the plant folder (`accounts/`, `leavers.csv`), or null. */
export function locationOf(path: string): PlantLocationName | null {
  const slash = path.indexOf("/");
  const name = slash < 0 ? path : path.slice(0, slash + 1);
  return Object.hasOwn(PLANT_LOCATIONS, name) ? (name as PlantLocationName) : null;
}

function slashes(path: string): string {
  return path.replace(/\\/g, "/");
}

/** The registry's entries with their types erased: each was checked against its own types there. */
interface AnImporter {
  name: string;
  at: PlantLocationName;
  names?: RegExp;
  opens: Opening;
  recognise?: (opened: unknown) => boolean;
  read(opened: unknown, file: ImportFile): Imported<unknown> | Promise<Imported<unknown>>;
  into: RecordKind;
}
const ALL = IMPORTERS as unknown as readonly AnImporter[];

/** What became of one file: the records of the importer that read it, and every problem on the way. */
interface Outcome {
  into: RecordKind | null;
  records: unknown[];
  problems: InputProblem[];
  span?: EvidenceSpan | null | undefined;
}

function importFile(
  at: PlantLocationName,
  file: ImportFile,
  hash: Opened["hash"] | undefined,
): Outcome | Promise<Outcome> {
  const location: PlantLocation = PLANT_LOCATIONS[at];
  const none = (problems: InputProblem[] = []): Outcome => ({ into: null, records: [], problems });
  if (location.notes?.test(file.path)) return none();
  const candidates = ALL.filter((i) => i.at === at && (!i.names || i.names.test(file.path)));
  if (candidates.length === 0)
    return none(
      location.otherNames
        ? [problemAt(file.path, WHOLE_FILE, "unsupported-format", location.otherNames, "warning")]
        : [],
    );
  const opener = new Opener(file, hash, location, candidates);
  for (const importer of candidates) {
    const opened = opener.open(importer.opens);
    if (!opened) return none(opener.problems);
    if (importer.recognise && !importer.recognise(opened.value)) continue;
    const done = (read: Imported<unknown>): Outcome => ({
      into: importer.into,
      records: read.records,
      problems: [...opener.problems, ...read.problems],
      span: read.span,
    });
    const read = importer.read(opened.value, file);
    return read instanceof Promise ? read.then(done) : done(read);
  }
  return none([...opener.problems, opener.unrecognised()]);
}

/** Opens a file the ways its importers ask, each way once; what fails to open is a problem, and the end. */
class Opener {
  readonly problems: InputProblem[] = [];
  private readonly opened = new Map<Opening, { value: unknown } | null>();

  constructor(
    private readonly file: ImportFile,
    private readonly hash: Opened["hash"] | undefined,
    private readonly location: PlantLocation,
    private readonly candidates: readonly AnImporter[],
  ) {}

  open<O extends Opening>(how: O): { value: Opened[O] } | null {
    if (!this.opened.has(how)) this.opened.set(how, this.openNow(how));
    return this.opened.get(how) as { value: Opened[O] } | null;
  }

  /** The location's word for content none of its importers recognises: at the CSV header, or whole-file. */
  unrecognised(severity?: InputProblem["severity"]): InputProblem {
    const said = this.location.unrecognised ?? {
      message: `not a ${this.candidates.map((i) => i.name).join(" or ")}; skipped`,
      severity: "warning" as const,
    };
    const table = this.opened.get("csv")?.value as Opened["csv"] | undefined;
    return problemAt(
      this.file.path,
      table ? { line: table.headerLine } : WHOLE_FILE,
      "unsupported-format",
      said.message,
      severity ?? said.severity,
    );
  }

  private openNow(how: Opening): { value: unknown } | null {
    const { path, absolute } = this.file;
    switch (how) {
      case "file":
        return { value: null };
      case "hash":
        return this.hash ? { value: this.hash } : null;
      case "text":
        try {
          return { value: readText(absolute).text };
        } catch (err) {
          this.problems.push(
            problemAt(path, WHOLE_FILE, readFailureCode(err), `cannot be read: ${(err as Error).message}`),
          );
          return null;
        }
      case "csv": {
        const text = this.open("text");
        const table = text && readCsvTable(text.value, path, this.problems);
        return table ? { value: table } : null;
      }
      case "json": {
        const text = this.open("text");
        if (!text) return null;
        try {
          return { value: JSON.parse(text.value) };
        } catch (err) {
          this.problems.push(
            problemAt(path, WHOLE_FILE, "json-syntax", `not readable as JSON: ${(err as Error).message}`),
          );
          return null;
        }
      }
      case "xml": {
        const root = rootElement(absolute);
        if ("unreadable" in root) {
          this.problems.push(problemAt(path, WHOLE_FILE, "unreadable", `cannot be read: ${root.unreadable}`));
          return null;
        }
        // Not XML at all is an error; XML of another kind only a warning.
        if (root.name === null) {
          this.problems.push(this.unrecognised("error"));
          return null;
        }
        return { value: root.name };
      }
    }
  }
}

/** The records read so far, by collection, and the problems in the order of the files. */
class Collected {
  readonly records: EvidenceRecords = {
    baseline: [],
    leavers: [],
    backupRegister: [],
    backupFiles: [],
    accounts: [],
    policies: [],
    auditPolicies: [],
    hotfixes: [],
    networkConfigs: [],
    advisories: [],
    kevCatalogs: [],
    scans: [],
    register: [],
    firewalls: [],
  };
  readonly problems: InputProblem[] = [];
  readonly spans = new Map<string, EvidenceSpan | null>();
  /** Advisory id -> the file it was read from: an advisory in two files is kept once. */
  private readonly advisoryFiles = new Map<string, string>();

  add(file: ImportFile, outcome: Outcome): void {
    append(this.problems, outcome.problems);
    const at = locationOf(file.path);
    if (outcome.into && at && (PLANT_LOCATIONS[at] as PlantLocation).dated)
      this.spans.set(file.path, outcome.span ?? null);
    if (outcome.into === "advisories") {
      for (const advisory of outcome.records as EvidenceRecords["advisories"]) {
        const earlier = this.advisoryFiles.get(advisory.id);
        if (earlier === undefined) {
          this.advisoryFiles.set(advisory.id, file.path);
          this.records.advisories.push(advisory);
        } else
          this.problems.push(
            problemAt(
              file.path,
              WHOLE_FILE,
              "duplicate-id",
              `advisory ${advisory.id} already read from ${earlier}; this copy is skipped`,
              "warning",
            ),
          );
      }
    } else if (outcome.into) append(this.records[outcome.into] as unknown[], outcome.records);
  }
}
