import assert from "node:assert/strict";
import { test } from "node:test";
import type { CsvTable } from "./csv-table.js";
import type { AnyImporter, PlantLocation } from "./importer.js";
import { IMPORTERS, PLANT_LOCATIONS } from "./importers.js";

const LOCATIONS: [string, PlantLocation][] = Object.entries(PLANT_LOCATIONS);

test("every importer sits at a location of the registry; every location is read, here or elsewhere", () => {
  for (const i of IMPORTERS)
    assert.ok(Object.hasOwn(PLANT_LOCATIONS, i.at), `${i.name}: no location ${i.at}`);
  for (const [at, location] of LOCATIONS) {
    const importers = IMPORTERS.filter((i) => i.at === at);
    assert.equal(importers.length > 0, location.readElsewhere === undefined, at);
  }
  assert.equal(new Set(IMPORTERS.map((i) => i.name)).size, IMPORTERS.length, "importer names are unique");
});

test("single files come before folders, each location once, folders named with a slash", () => {
  const names = LOCATIONS.map(([at]) => at);
  const firstFolder = names.findIndex((n) => n.endsWith("/"));
  assert.ok(names.slice(firstFolder).every((n) => n.endsWith("/")));
  assert.ok(names.every((n) => n.indexOf("/") === -1 || n.indexOf("/") === n.length - 1));
});

test("a single file has one importer, which takes it whatever its content", () => {
  for (const [at] of LOCATIONS.filter(([n, l]) => !n.endsWith("/") && !l.readElsewhere)) {
    const importers = IMPORTERS.filter((i) => i.at === at);
    assert.equal(importers.length, 1, at);
    assert.ok(!("recognise" in importers[0]!) && !("names" in importers[0]!), at);
  }
});

test("a folder whose importers tell formats by content says what becomes of content none recognises", () => {
  for (const [at, location] of LOCATIONS) {
    if (IMPORTERS.some((i) => i.at === at && "recognise" in i))
      assert.ok(location.unrecognised, `${at} has no word for a file none of its importers recognises`);
  }
});

test("the registry's type refuses an importer whose records are not those of the collection it names", () => {
  const wrong = {
    name: "a table as accounts",
    at: "accounts/",
    opens: "csv",
    read: (table: CsvTable) => ({ records: [table], problems: [] }),
    into: "accounts",
  } as const;
  // @ts-expect-error a CsvTable is no ImportedAccount
  const refused: AnyImporter<"accounts/"> = wrong;
  const right = { ...wrong, read: () => ({ records: [], problems: [] }) } as const;
  const taken: AnyImporter<"accounts/"> = right;
  assert.deepEqual([refused.into, taken.into], ["accounts", "accounts"]);
});
