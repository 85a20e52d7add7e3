/**
 * Flattens a CSAF 2.0 product tree into products: every leaf of the branches with the vendor, family, name
 * and version on its path; every full_product_name; every relationship, read as the platform product
 * carrying the component's version ("firmware MX-V4.1.4.11 installed on camera D24M").
 */
import type { AdvisoryProduct } from "../model/vulnerability.js";

export interface CsafHelper {
  cpe?: string | undefined;
  purl?: string | undefined;
  model_numbers?: string[] | undefined;
  skus?: string[] | undefined;
}

export interface CsafFullProductName {
  name: string;
  product_id: string;
  product_identification_helper?: CsafHelper | undefined;
}

export interface CsafBranch {
  category: string;
  name: string;
  branches?: CsafBranch[] | undefined;
  product?: CsafFullProductName | undefined;
}

export interface CsafRelationship {
  category: string;
  full_product_name: CsafFullProductName;
  product_reference: string;
  relates_to_product_reference: string;
}

export interface CsafProductTree {
  branches?: CsafBranch[] | undefined;
  full_product_names?: CsafFullProductName[] | undefined;
  relationships?: CsafRelationship[] | undefined;
  product_groups?: { group_id: string; product_ids: string[] }[] | undefined;
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

export function flattenProductTree(tree: CsafProductTree | undefined): AdvisoryProduct[] {
  if (!tree) return [];
  const byId = new Map<string, AdvisoryProduct>();
  const start: PathState = {
    vendor: "",
    family: [],
    name: null,
    version: null,
    versionField: null,
    suffix: [],
  };
  const walk = (branches: CsafBranch[], state: PathState) => {
    for (const b of branches) {
      const next = step(state, b);
      if (b.product) byId.set(b.product.product_id, leaf(b.product, next));
      if (b.branches) walk(b.branches, next);
    }
  };
  walk(tree.branches ?? [], start);
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
  return [...byId.values()];
}

function step(state: PathState, b: CsafBranch): PathState {
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

function leaf(p: CsafFullProductName, state: PathState): AdvisoryProduct {
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
