/**
 * CSAF 2.0 security advisories (CISA ICS advisories, Siemens ProductCERT, Schneider, ...): the product tree
 * flattened, and per vulnerability the CVE, the best CVSS score, the product status lists and the
 * remediations, with product groups expanded. Fields otaudit does not use are let through unread; a file
 * that is not CSAF is one error, and a score whose vector disagrees with it is a warning.
 */
import { z } from "zod";
import { formatPath, type InputProblem, type ProblemCode, problemAt, WHOLE_FILE } from "../model/problem.js";
import {
  type Advisory,
  type AdvisoryVulnerability,
  type Cvss,
  RemediationCategory,
} from "../model/vulnerability.js";
import { flattenProductTree, ProductTree } from "./csaf-product-tree.js";
import { cvssFromVector } from "./cvss.js";

const ScoreJson = z.looseObject({ vectorString: z.string(), baseScore: z.number().optional() });
const Ids = z.array(z.string()).optional();
const Vulnerability = z.looseObject({
  cve: z.string().optional(),
  title: z.string().optional(),
  scores: z
    .array(
      z.looseObject({
        products: z.array(z.string()),
        cvss_v2: ScoreJson.optional(),
        cvss_v3: ScoreJson.optional(),
        cvss_v4: ScoreJson.optional(),
      }),
    )
    .optional(),
  product_status: z
    .looseObject({
      known_affected: Ids,
      first_affected: Ids,
      last_affected: Ids,
      fixed: Ids,
      first_fixed: Ids,
      known_not_affected: Ids,
      recommended: Ids,
      under_investigation: Ids,
    })
    .optional(),
  remediations: z
    .array(
      z.looseObject({
        category: z.string(),
        details: z.string().optional(),
        url: z.string().optional(),
        product_ids: Ids,
        group_ids: Ids,
      }),
    )
    .optional(),
  flags: z.array(z.looseObject({ label: z.string(), product_ids: Ids, group_ids: Ids })).optional(),
});
const CsafDocument = z.looseObject({
  document: z.looseObject({
    category: z.string(),
    csaf_version: z.string(),
    title: z.string(),
    publisher: z.looseObject({ name: z.string() }),
    tracking: z.looseObject({
      id: z.string(),
      initial_release_date: z.string().optional(),
      current_release_date: z.string().optional(),
    }),
    references: z.array(z.looseObject({ category: z.string().optional(), url: z.string() })).optional(),
  }),
  product_tree: ProductTree.optional(),
  vulnerabilities: z.array(Vulnerability).optional(),
});

/** True when the parsed JSON looks like a CSAF document (so a folder can tell advisories from KEV files). */
export function isCsaf(json: unknown): boolean {
  const doc = (json as { document?: { csaf_version?: unknown } } | null)?.document;
  return typeof doc?.csaf_version === "string";
}

export interface CsafResult {
  advisory: Advisory | null;
  problems: InputProblem[];
}

/** Reads one parsed CSAF document; `file` is the name used in evidence and problems. */
export function readCsaf(json: unknown, file: string): CsafResult {
  // A JSON document has paths, not lines: every problem is placed by its path alone.
  const problem = (severity: InputProblem["severity"], code: ProblemCode, path: string, message: string) =>
    problemAt(file, { ...WHOLE_FILE, path }, code, message, severity);
  const parsed = CsafDocument.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      advisory: null,
      problems: [
        problem(
          "error",
          "unsupported-format",
          formatPath(issue.path),
          `not a CSAF 2.0 advisory: ${issue.message}`,
        ),
      ],
    };
  }
  const csaf = parsed.data;
  const problems: InputProblem[] = [];
  if (!csaf.document.csaf_version.startsWith("2."))
    problems.push(
      problem(
        "warning",
        "not-modelled",
        "document.csaf_version",
        `CSAF ${csaf.document.csaf_version} read as 2.0`,
      ),
    );

  const groups = new Map((csaf.product_tree?.product_groups ?? []).map((g) => [g.group_id, g.product_ids]));
  const expand = (ids?: string[], groupIds?: string[]) => [
    ...new Set([...(ids ?? []), ...(groupIds ?? []).flatMap((g) => groups.get(g) ?? [])]),
  ];

  const vulnerabilities = (csaf.vulnerabilities ?? []).map((v, i): AdvisoryVulnerability => {
    const status = v.product_status ?? {};
    return {
      cve: v.cve ?? null,
      title: v.title ?? null,
      scores: (v.scores ?? []).flatMap((s, j) => {
        const best = s.cvss_v4 ?? s.cvss_v3 ?? s.cvss_v2;
        if (!best) return [];
        const { cvss, warning } = cvssFromVector(best.vectorString, best.baseScore ?? null);
        if (warning)
          problems.push(problem("warning", "invalid-value", `vulnerabilities[${i}].scores[${j}]`, warning));
        return cvss ? [{ cvss: cvss satisfies Cvss, productIds: s.products }] : [];
      }),
      status: {
        affected: expand([
          ...(status.known_affected ?? []),
          ...(status.first_affected ?? []),
          ...(status.last_affected ?? []),
        ]),
        fixed: expand([...(status.fixed ?? []), ...(status.first_fixed ?? [])]),
        knownNotAffected: expand(status.known_not_affected),
        recommended: expand(status.recommended),
        underInvestigation: expand(status.under_investigation),
      },
      remediations: (v.remediations ?? []).flatMap((r, j) => {
        const category = RemediationCategory.safeParse(r.category);
        if (!category.success) {
          problems.push(
            problem(
              "warning",
              "invalid-value",
              `vulnerabilities[${i}].remediations[${j}].category`,
              `unknown category "${r.category}"`,
            ),
          );
          return [];
        }
        return [
          {
            category: category.data,
            details: r.details ?? "",
            url: r.url ?? null,
            productIds: expand(r.product_ids, r.group_ids),
          },
        ];
      }),
      flags: (v.flags ?? []).map((f) => ({ label: f.label, productIds: expand(f.product_ids, f.group_ids) })),
    };
  });

  const tree = flattenProductTree(csaf.product_tree);
  for (const p of tree.problems) problems.push(problem("warning", p.code, p.path, p.message));
  const tracking = csaf.document.tracking;
  return {
    advisory: {
      id: tracking.id,
      title: csaf.document.title,
      publisher: csaf.document.publisher.name,
      released: tracking.initial_release_date ?? null,
      revised: tracking.current_release_date ?? null,
      url: csaf.document.references?.find((r) => r.category === "self")?.url ?? null,
      file,
      products: tree.products,
      vulnerabilities,
    },
    problems,
  };
}
