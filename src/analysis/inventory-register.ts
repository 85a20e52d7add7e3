/**
 * Merges a plant folder's asset register (inventory.csv) into the inventory: a row joins the asset with one
 * of its addresses (`ip` column), or the asset whose id or name it carries; a row that joins none is an asset
 * of its own. Its vendor, product, model and firmware are added with the register line as their source; as
 * elsewhere, a value already known stays and a disagreeing register value is kept in its source's note. Its role
 * (`role` column) replaces what the captures guessed of an asset plant.yaml does not declare.
 */
import type { InventoryAsset } from "../model/assessment.js";
import { type AssetRole, AssetRole as AssetRoleSchema, type Zone } from "../model/plant.js";
import type { RegisterRow } from "../model/vulnerability.js";
import { bareAsset, mergeFact } from "./inventory-scans.js";
import { zoneLocator } from "./zone-of-address.js";

/** The addresses a register row gives (`ip` or `ips` column). */
export const registerIps = (row: RegisterRow) =>
  (row.extra.ip ?? row.extra.ips ?? "").split(/[\s;,]+/).filter(Boolean);

/** The role a register row declares (`role` column), or null when it names none or no known role. */
export function registerRole(row: RegisterRow): AssetRole | null {
  const role = AssetRoleSchema.safeParse(row.extra.role);
  return role.success && role.data !== "unknown" ? role.data : null;
}

export function withRegister(
  inventory: readonly InventoryAsset[],
  rows: readonly RegisterRow[],
  zones: readonly Zone[],
): InventoryAsset[] {
  const assets = inventory.map((a) => ({ ...a, sources: [...a.sources] }));
  const locate = zoneLocator(zones);
  const zoneIds = new Set(zones.map((z) => z.id));
  for (const row of rows) {
    const ips = registerIps(row);
    const name = row.name.toLowerCase();
    let asset =
      assets.find((a) => ips.some((ip) => a.ips.includes(ip))) ??
      assets.find((a) => a.id === row.id || a.name.toLowerCase() === name);
    const role = registerRole(row);
    if (!asset) {
      asset = bareAsset(
        row.id,
        row.name,
        role ?? "unknown",
        (row.extra.zone && zoneIds.has(row.extra.zone) ? row.extra.zone : undefined) ??
          ips.map(locate).find(Boolean) ??
          null,
        true,
      );
      assets.push(asset);
    }
    // The register's role is declared: it outranks what the captures guessed of an asset plant.yaml lacks.
    if (role !== null && !asset.declared) asset.role = role;
    asset.ips = [...new Set([...asset.ips, ...ips])];
    // An asset the captures saw only by MAC (a PROFINET station) is placed by the address the register gives it.
    asset.zone ??= asset.ips.map(locate).find(Boolean) ?? null;
    for (const key of ["vendor", "product", "model", "firmware"] as const)
      asset[key] = mergeFact(asset[key], row[key], { ...row.evidence, note: `register ${key}` }, key);
    asset.sources.push({ ...row.evidence, note: "asset register" });
  }
  return assets;
}
