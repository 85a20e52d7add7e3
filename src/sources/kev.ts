/**
 * The CISA Known Exploited Vulnerabilities catalog (JSON feed). An entry that does not fit the published
 * schema is reported and skipped; the others are kept.
 */
import { z } from "zod";
import { type InputProblem, type ProblemCode, problemAt, WHOLE_FILE } from "../model/problem.js";
import type { KevCatalog, KevEntry } from "../model/vulnerability.js";

const Entry = z.looseObject({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,19}$/, "expected a CVE id like CVE-2021-44228"),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  dateAdded: z.string(),
  requiredAction: z.string(),
  dueDate: z.string().optional(),
  knownRansomwareCampaignUse: z.string().optional(),
});

const Catalog = z.looseObject({
  catalogVersion: z.string(),
  dateReleased: z.string(),
  vulnerabilities: z.array(z.unknown()),
});

/** True when the parsed JSON looks like a KEV catalog. */
export function isKevCatalog(json: unknown): boolean {
  return Catalog.safeParse(json).success;
}

export function readKev(json: unknown, file: string): { kev: KevCatalog | null; problems: InputProblem[] } {
  const problem = (
    code: ProblemCode,
    path: string,
    message: string,
    severity: InputProblem["severity"] = "warning",
  ) => problemAt(file, { ...WHOLE_FILE, path }, code, message, severity);
  const catalog = Catalog.safeParse(json);
  if (!catalog.success)
    return {
      kev: null,
      problems: [
        problem(
          "unsupported-format",
          "",
          "not a KEV catalog: expected catalogVersion, dateReleased and vulnerabilities",
          "error",
        ),
      ],
    };
  const problems: InputProblem[] = [];
  const entries: KevEntry[] = [];
  catalog.data.vulnerabilities.forEach((raw, i) => {
    const e = Entry.safeParse(raw);
    if (!e.success) {
      const issue = e.error.issues[0]!;
      problems.push(
        problem("schema", `vulnerabilities[${i}].${issue.path.join(".")}`, `entry skipped: ${issue.message}`),
      );
      return;
    }
    const ransomware = e.data.knownRansomwareCampaignUse;
    entries.push({
      cve: e.data.cveID,
      vendor: e.data.vendorProject,
      product: e.data.product,
      name: e.data.vulnerabilityName,
      dateAdded: e.data.dateAdded,
      dueDate: e.data.dueDate ?? null,
      ransomware:
        ransomware === "Known" ? true : ransomware === "Unknown" || ransomware === undefined ? null : false,
      requiredAction: e.data.requiredAction,
    });
  });
  return {
    kev: { file, version: catalog.data.catalogVersion, released: catalog.data.dateReleased, entries },
    problems,
  };
}
