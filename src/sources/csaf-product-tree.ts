/**
 * Flattens a CSAF 2.0 product tree into products: every leaf of the branches with the vendor, family, name
 * and version on its path; every full_product_name; every relationship, read as the platform product
 * carrying the component's version ("firmware MX-V4.1.4.11 installed on camera D24M").
 */
import { z } from "zod";
import { formatPath, type ProblemCode } from "../model/problem.js";
import type { AdvisoryProduct } from "../model/vulnerability.js";

const Helper = z.looseObject({
  cpe: z.string().optional(),
  purl: z.string().optional(),
  model_numbers: z.array(z.string()).optional(),
  skus: z.array(z.string()).optional(),
});
const FullProductName = z.looseObject({
  name: z.string(),
  product_id: z.string(),
  product_identification_helper: Helper.optional(),
});
type FullProductName = z.infer<typeof FullProductName>;
/** One level of a branch: its children are checked as the walk reaches them, so depth costs no recursion. */
const Branch = z.looseObject({
  category: z.string(),
  name: z.string(),
  branches: z.array(z.unknown()).optional(),
  product: FullProductName.optional(),
});
export const ProductTree = z.looseObject({
  branches: z.array(z.unknown()).optional(),
  full_product_names: z.array(FullProductName).optional(),
  relationships: z
    .array(
      z.looseObject({
        category: z.string(),
        full_product_name: FullProductName,
        product_reference: z.string(),
        relates_to_product_reference: z.string(),
      }),
    )
    .optional(),
  product_groups: z
    .array(z.looseObject({ group_id: z.string(), product_ids: z.array(z.string()) }))
    .optional(),
});
type ProductTree = z.infer<typeof ProductTree>;

/**
 * A branch path is vendor, product families, name, version, then service pack or patch level: about ten levels
 * in the advisories we have seen. 64 leaves room for deep family trees and bounds a crafted one.
 */
export const MAX_BRANCH_DEPTH = 64;

/** A branch that was skipped, with its path in the document (`product_tree.branches[0].name`). */
export interface BranchProblem {
  path: string;
  code: ProblemCode;
  message: string;
}

interface PathState {
  vendor: string;
  family: string[];
  name: string | null;
  version: string | null;
  versionField: AdvisoryProduct["versionField"];
  /** service_pack and patch_level branches, appended to the version as vendors write it ("V14 SP1"). */
  suffix: string[];
}

export function flattenProductTree(tree: ProductTree | undefined): {
  products: AdvisoryProduct[];
  problems: BranchProblem[];
} {
  const problems: BranchProblem[] = [];
  if (!tree) return { products: [], problems };
  const byId = new Map<string, AdvisoryProduct>();
  const start: PathState = {
    vendor: "",
    family: [],
    name: null,
    version: null,
    versionField: null,
    suffix: [],
  };
  // Depth first, in document order, with a stack of its own: a crafted tree cannot overflow the call stack.
  const toVisit: { raw: unknown; path: PropertyKey[]; state: PathState }[] = [];
  const pushChildren = (raw: unknown[], path: PropertyKey[], state: PathState) => {
    for (let i = raw.length - 1; i >= 0; i--) toVisit.push({ raw: raw[i], path: [...path, i], state });
  };
  pushChildren(tree.branches ?? [], ["product_tree", "branches"], start);
  for (let item = toVisit.pop(); item; item = toVisit.pop()) {
    const parsed = Branch.safeParse(item.raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push({
        path: formatPath([...item.path, ...issue.path]),
        code: "schema",
        message: `${lowerFirst(issue.message)}; branch skipped`,
      });
      continue;
    }
    const b = parsed.data;
    const next = step(item.state, b);
    if (b.product) byId.set(b.product.product_id, leaf(b.product, next));
    if (!b.branches?.length) continue;
    // item.path is product_tree, branches, then a name and an index per level.
    if ((item.path.length - 1) / 2 >= MAX_BRANCH_DEPTH) {
      problems.push({
        path: formatPath(item.path),
        code: "depth-limit",
        message: `branches nested deeper than ${MAX_BRANCH_DEPTH} levels; the branches below are skipped`,
      });
      continue;
    }
    pushChildren(b.branches, [...item.path, "branches"], next);
  }
  for (const p of tree.full_product_names ?? []) {
    if (!byId.has(p.product_id)) byId.set(p.product_id, leaf(p, start));
  }
  for (const r of tree.relationships ?? []) {
    const component = byId.get(r.product_reference);
    const platform = byId.get(r.relates_to_product_reference);
    if (!component || !platform) continue;
    const fpn = r.full_product_name;
    byId.set(fpn.product_id, {
      id: fpn.product_id,
      vendor: platform.vendor || component.vendor,
      family: platform.family,
      name: platform.name,
      fullName: fpn.name,
      version: component.version,
      versionField: component.versionField,
      modelNumbers: [...platform.modelNumbers, ...component.modelNumbers],
      skus: [...platform.skus, ...component.skus],
      cpe: component.cpe ?? platform.cpe,
      purl: component.purl ?? platform.purl,
      component: component.name,
    });
  }
  return { products: [...byId.values()], problems };
}

function step(state: PathState, b: z.infer<typeof Branch>): PathState {
  switch (b.category) {
    case "vendor":
      return { ...state, vendor: b.name };
    case "product_family":
      return { ...state, family: [...state.family, b.name] };
    case "product_name":
      return { ...state, name: b.name };
    case "product_version":
    case "product_version_range":
      return { ...state, version: b.name, versionField: b.category };
    case "service_pack":
    case "patch_level":
      return { ...state, suffix: [...state.suffix, b.name] };
    default:
      // architecture, language, platform, host_name, legacy, specification: not identity for matching.
      return state;
  }
}

function leaf(p: FullProductName, state: PathState): AdvisoryProduct {
  const helper = p.product_identification_helper ?? {};
  const version =
    state.version === null ? null : [state.version, ...state.suffix].join(" ").replace(/\s+/g, " ").trim();
  return {
    id: p.product_id,
    vendor: state.vendor,
    family: state.family.length ? state.family.join(" ") : null,
    name: state.name ?? state.family.at(-1) ?? p.name,
    fullName: p.name,
    version,
    versionField: state.versionField,
    modelNumbers: helper.model_numbers ?? [],
    skus: helper.skus ?? [],
    cpe: helper.cpe ?? null,
    purl: helper.purl ?? null,
    component: null,
  };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
