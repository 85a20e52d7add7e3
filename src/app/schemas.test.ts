import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { jsonSchemas } from "./schemas.js";

test("the committed schemas/ are what `otaudit schema` generates from the model", () => {
  for (const [name, text] of Object.entries(jsonSchemas())) {
    assert.equal(
      readFileSync(`schemas/${name}`, "utf8"),
      text,
      `schemas/${name} is stale: run otaudit schema`,
    );
  }
});

test("an editor using the plant schema accepts the example and flags an unknown key and a bad level", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(jsonSchemas()["plant.schema.json"]!));
  const example = parse(readFileSync("examples/water-treatment/plant.yaml", "utf8"));
  assert.equal(validate(example), true, JSON.stringify(validate.errors));

  example.zones[0].slTraget = 2;
  example.zones[1].slTarget = 9;
  assert.equal(validate(example), false);
  const where = (validate.errors ?? []).map((e) => e.instancePath);
  assert.ok(where.includes("/zones/0"), JSON.stringify(validate.errors));
  assert.ok(
    where.some((p) => p.startsWith("/zones/1/slTarget")),
    JSON.stringify(validate.errors),
  );
});
