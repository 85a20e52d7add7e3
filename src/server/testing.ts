/** Test helper: a throw-away copy of the example plant, without its stored runs and outputs. */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";

export function examplePlantCopy(prefix: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), prefix)), "plant");
  cpSync("examples/water-treatment", dir, {
    recursive: true,
    filter: (src) => !src.includes(`${sep}.otaudit`) && !src.includes(`${sep}out`),
  });
  return dir;
}
