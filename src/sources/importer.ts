/**
 * What an importer is, for the registry of a plant folder's importers (importers.ts): where its files are,
 * how a file is told to be of its format, how it is read, and the collection of evidence its records join.
 */
import type { AssessmentInput, EvidenceSpan } from "../model/assessment.js";
import type { Baseline } from "../model/baseline.js";
import type {
  AuditPolicy,
  BackupFile,
  BackupRecord,
  HotfixList,
  ImportedAccount,
  IosConfig,
  Leaver,
  SecurityPolicy,
} from "../model/controls.js";
import type { FirewallConfig } from "../model/firewall.js";
import type { InputProblem } from "../model/problem.js";
import type { Advisory, KevCatalog, RegisterRow, ScanReport } from "../model/vulnerability.js";
import type { CsvTable } from "./csv-table.js";

export type InputKind = AssessmentInput["kind"];

/** A file or folder of the plant folder, with the input kind of what it holds and how its strays are told. */
export interface PlantLocation {
  kind: InputKind;
  /** Who reads it when no importer does: plant.yaml's and answers.yaml's loaders, the capture stage. */
  readElsewhere?: string;
  /** Notes kept beside the inputs (a README): skipped without a word. */
  notes?: RegExp;
  /** The warning for a file no importer of the folder takes by its name; without it, skipped silently. */
  otherNames?: string;
  /** The problem for a file whose content no importer recognises (at the CSV header, else the whole file). */
  unrecognised?: { message: string; severity: InputProblem["severity"] };
  /**
   * What it holds was taken from the plant at some time (a capture, a scan, an export) and ages: each file gets the
   * span its importer reads from it, or an unknown one. Reference data (advisories, the KEV catalog), registers
   * and what people write (plant.yaml, answers) have none.
   */
  dated?: true;
}

/** The record each collection of a plant's evidence holds; an importer fills one collection. */
export interface RecordTypes {
  baseline: Baseline;
  leavers: Leaver;
  backupRegister: BackupRecord;
  backupFiles: BackupFile;
  accounts: ImportedAccount;
  policies: SecurityPolicy;
  auditPolicies: AuditPolicy;
  hotfixes: HotfixList;
  networkConfigs: IosConfig;
  advisories: Advisory;
  kevCatalogs: KevCatalog;
  scans: ScanReport;
  register: RegisterRow;
  firewalls: FirewallConfig;
}
export type RecordKind = keyof RecordTypes;
export type EvidenceRecords = { [K in RecordKind]: RecordTypes[K][] };

/** A file as it is opened for importers to recognise and read it, once whichever of them asks. */
export interface Opened {
  /** Nothing: the importer opens the file itself (it streams it, or has its own parser). */
  file: null;
  /** Decoded text (UTF-8 or UTF-16, as Windows tools write it). */
  text: string;
  /** A CSV table with normalised column names; columns that may hold secrets are already dropped. */
  csv: CsvTable;
  /** Parsed JSON. */
  json: unknown;
  /** The XML root element's name; the importer streams the file itself. */
  xml: string;
  /** The file's hash and size, for files that are kept rather than read (backups). */
  hash: { sha256: string; bytes: number };
}
export type Opening = keyof Opened;

export interface ImportFile {
  /** The name evidence and problems carry: relative to the plant folder, with forward slashes. */
  path: string;
  absolute: string;
}

export interface Imported<R> {
  records: R[];
  problems: InputProblem[];
  /** When the file's evidence was taken, when the file tells (a scan's start and end, an export's date). */
  span?: EvidenceSpan | null;
}

export interface Importer<L extends string, K extends RecordKind, O extends Opening> {
  /** The format, as people call it: "auditpol /r export". */
  name: string;
  /** Its location in the plant folder (its input kind is the location's). */
  at: L;
  /** The file names it takes in a folder; all when absent. */
  names?: RegExp;
  opens: O;
  /** Whether the opened file is of this format; the first importer of the location that says so reads it. */
  recognise?: (opened: Opened[O]) => boolean;
  /** Never throws on content: what it cannot read is a problem (`problemAt`, a code of PROBLEM_CODES). */
  read(opened: Opened[O], file: ImportFile): Imported<RecordTypes[K]> | Promise<Imported<RecordTypes[K]>>;
  /** The collection its records join. */
  into: K;
}

/** Any importer of the locations `L`: the registry is checked against this, entry by entry. */
export type AnyImporter<L extends string> = {
  [K in RecordKind]: { [O in Opening]: Importer<L, K, O> }[Opening];
}[RecordKind];

/** The records of a reader that reports into a problem list, as an importer returns them. */
export function gathered<R>(read: (problems: InputProblem[]) => R[]): Imported<R> {
  const problems: InputProblem[] = [];
  const records = read(problems);
  return { records, problems };
}
