/**
 * plant.yaml, answers.yaml and baseline.yaml. Contract (src/sources/yaml-file.ts): never throw; every problem of
 * the file in one run, each with the file and its line, in line order; the content only when no problem is an
 * error, and then always.
 */
import { ANSWERS_SKELETON, PLANT_SKELETON } from "../../src/app/skeleton.js";
import { Baseline } from "../../src/model/baseline.js";
import type { Plant } from "../../src/model/plant.js";
import type { InputProblem } from "../../src/model/problem.js";
import { loadAnswersFile } from "../../src/sources/answers-yaml.js";
import { readBaseline } from "../../src/sources/baseline-yaml.js";
import { loadPlantFile } from "../../src/sources/plant-yaml.js";
import { broken, checkModel, checkProblems, encode, type FuzzTarget } from "../target.js";
import { readSeeds, repoFiles, scratchFile } from "./common.js";

const EXAMPLE = "examples/water-treatment";
const SOURCES = ["src/sources/yaml-file.js", "src/sources/plant-yaml.js", "src/sources/plant-references.js"];

/** Other real YAML of the repository: valid YAML, wrong schema. */
const foreignYaml = () => readSeeds(repoFiles("test/corpus/captures/mqtt", /\.yaml$/).slice(0, 3));

function checkLoad(loaded: unknown, problems: readonly InputProblem[], file: string): void {
  checkProblems(problems, { file, located: "line", sorted: true });
  const failed = problems.some((p) => p.severity === "error");
  if (failed && loaded !== undefined) broken("content returned although a problem is an error");
  if (!failed && loaded === undefined) broken("no content returned although no problem is an error");
}

const YAML_WORDS = [
  "\n- ",
  ": ",
  "{ ",
  " }",
  "[",
  "]",
  ", ",
  "&a ",
  "*a",
  "<<: *a",
  "!!str ",
  "!!int ",
  "!!binary ",
  "? ",
  "|\n",
  ">-\n",
  "---\n",
  "...\n",
  "%YAML 1.2\n",
  "#",
  '"',
  "'",
  "~",
  "null",
  "true",
  "no",
  "0x1F",
  "0o17",
  ".inf",
  "-.nan",
  "1e400",
  "2026-11-24",
  "\t",
  "\r\n",
  "  ",
];

let plant: Plant | undefined;

export const targets: FuzzTarget[] = [
  {
    name: "plant-yaml",
    sources: SOURCES,
    maxLen: 64 * 1024,
    dictionary: [
      ...YAML_WORDS,
      "site:",
      "zones:",
      "conduits:",
      "assets:",
      "accounts:",
      "backups:",
      "vendors:",
      "remoteAccess:",
      "riskOverrides:",
      "program:",
      "id: ",
      "name: ",
      "purdue: ",
      "slTarget: ",
      "subnets: ",
      "zones: ",
      "flows: ",
      "ips: ",
      "zone: ",
      "role: ",
      "criticality: ",
      "vendor: ",
      "via: ",
      "from: ",
      "to: ",
      "10.10.0.0/16",
      "10.10.1.5",
      "fe80::/10",
      "supervisory",
      "control",
      "plc",
      "hmi",
      "[1, 2, 3, 4, 5, 6, 7]",
    ],
    seeds: () => [...readSeeds([`${EXAMPLE}/plant.yaml`]), encode(PLANT_SKELETON), ...foreignYaml()],
    run(input) {
      const { plant: loaded, problems } = loadPlantFile(scratchFile("plant.yaml", input), "plant.yaml");
      checkLoad(loaded, problems, "plant.yaml");
    },
  },
  {
    name: "answers-yaml",
    sources: [...SOURCES, "src/sources/answers-yaml.js", "src/sources/answers-references.js"],
    maxLen: 96 * 1024,
    dictionary: [
      ...YAML_WORDS,
      "zones:",
      "program:",
      "normativeTexts: ",
      "zone: ",
      "answers:",
      "requirement: ",
      "system: ",
      "status: ",
      "evidence: ",
      "justification: ",
      "assessor: ",
      "date: ",
      "comment: ",
      "workflow: ",
      "element: ",
      "maturity: ",
      "met",
      "partial",
      "not-met",
      "not-applicable",
      "SR 1.1",
      "SR 3.3 RE 2",
      "SR 7.8",
      "CM 1",
      "EVENT 1",
      "supervisory",
      "control",
      "safety",
      "hmi-02",
    ],
    seeds: () => [...readSeeds([`${EXAMPLE}/answers.yaml`]), encode(ANSWERS_SKELETON), ...foreignYaml()],
    setup() {
      plant = loadPlantFile(`${EXAMPLE}/plant.yaml`).plant;
      if (!plant) throw new Error("the example plant.yaml does not load");
    },
    run(input) {
      const { answers, problems } = loadAnswersFile(
        scratchFile("answers.yaml", input),
        plant!,
        "answers.yaml",
      );
      checkLoad(answers, problems, "answers.yaml");
    },
  },
  {
    name: "baseline-yaml",
    sources: ["src/sources/yaml-file.js", "src/sources/baseline-yaml.js"],
    maxLen: 16 * 1024,
    dictionary: [
      ...YAML_WORDS,
      "windows:",
      "password:",
      "lockout:",
      "securityOptions:",
      "userRights:",
      "auditPolicy:",
      "eventAudit:",
      "maxUpdateAgeDays: ",
      "accounts:",
      "staleDays: ",
      "backups:",
      "maxAgeDays: ",
      "restoreTestMaxDays: ",
      "MinimumPasswordLength: ",
      "{ min: 12 }",
      "{ max: 0 }",
      "{ equals: 1 }",
      "guid: ",
      "require: ",
      "success-and-failure",
      "null",
    ],
    seeds: () => [...readSeeds([`${EXAMPLE}/baseline.yaml`]), ...foreignYaml()],
    run(input) {
      const { baseline, problems } = readBaseline(scratchFile("baseline.yaml", input), "baseline.yaml");
      checkProblems(problems, { file: "baseline.yaml", located: "line" });
      checkModel(Baseline, baseline, "the baseline");
    },
  },
];
