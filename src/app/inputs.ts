/** Finds a plant folder's input files and hashes them, so an assessment records exactly what it read. */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { AssessmentInput } from "../model/assessment.js";

const FOLDERS: Record<string, AssessmentInput["kind"]> = {
  captures: "capture",
  firewalls: "firewall",
  scans: "scan",
  advisories: "advisory",
  accounts: "accounts",
  hardening: "hardening",
  network: "network",
  backups: "backup",
};

const FILES: Record<string, AssessmentInput["kind"]> = {
  "plant.yaml": "plant",
  "answers.yaml": "answers",
  "inventory.csv": "inventory",
  "baseline.yaml": "baseline",
  "leavers.csv": "accounts",
  "backup-register.csv": "backup",
};

export interface PlantInputs {
  dir: string;
  files: { path: string; absolute: string; kind: AssessmentInput["kind"] }[];
}

export function findInputs(plantDir: string): PlantInputs {
  const files: PlantInputs["files"] = [];
  for (const [name, kind] of Object.entries(FILES)) {
    const absolute = join(plantDir, name);
    if (existsSync(absolute)) files.push({ path: name, absolute, kind });
  }
  for (const [folder, kind] of Object.entries(FOLDERS)) {
    for (const absolute of listFiles(join(plantDir, folder))) {
      files.push({ path: relative(plantDir, absolute), absolute, kind });
    }
  }
  return { dir: plantDir, files };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export async function hashInputs(inputs: PlantInputs): Promise<AssessmentInput[]> {
  return Promise.all(
    inputs.files.map(async (f) => ({
      path: f.path,
      kind: f.kind,
      sha256: await sha256File(f.absolute),
      bytes: statSync(f.absolute).size,
    })),
  );
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}
