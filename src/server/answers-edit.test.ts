import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { AnswersFile } from "../model/answers.js";
import { setAnswer } from "./answers-edit.js";

const EXAMPLE = readFileSync("examples/water-treatment/answers.yaml", "utf8");

interface Record_ {
  requirement: string;
  status: string;
  evidence?: string;
  system?: string;
}
const zoneAnswers = (text: string, zone: string) =>
  (parse(text) as { zones: { zone: string; answers: Record_[] }[] }).zones.find((z) => z.zone === zone)!
    .answers;

describe("setAnswer", () => {
  it("changes an existing answer in place, leaving every other line as it was", () => {
    const before = zoneAnswers(EXAMPLE, "dmz");
    const text = setAnswer(EXAMPLE, {
      zone: "dmz",
      requirement: "SR 1.1",
      status: "partial",
      evidence: "Two shared accounts remain on jump01.",
    });
    const after = zoneAnswers(text, "dmz");
    assert.deepEqual(
      after.map((a) => a.requirement),
      before.map((a) => a.requirement),
    );
    assert.equal(after[0]!.status, "partial");
    assert.equal(after[0]!.evidence, "Two shared accounts remain on jump01.");
    // Only the two edited lines differ.
    const lines = text.split("\n");
    const original = EXAMPLE.split("\n");
    assert.equal(lines.length, original.length);
    const changed = lines.filter((line, i) => line !== original[i]);
    assert.deepEqual(changed, [
      "        status: partial",
      "        evidence: Two shared accounts remain on jump01.",
    ]);
    assert.ok(AnswersFile.safeParse(parse(text)).success);
  });

  it("appends a new answer at the end of its zone, and a new zone at the end of the file", () => {
    const text = setAnswer(EXAMPLE, {
      zone: "dmz",
      requirement: "SR 2.12",
      status: "met",
      evidence: "x",
    });
    assert.equal(zoneAnswers(text, "dmz").at(-1)!.requirement, "SR 2.12");
    const fresh = setAnswer("# our answers\n", { zone: "control", requirement: "SR 7.3", status: "not-met" });
    assert.match(fresh, /^# our answers/);
    assert.deepEqual(zoneAnswers(fresh, "control"), [{ requirement: "SR 7.3", status: "not-met" }]);
  });

  it("leaves an answer about one system alone when setting the zone-wide one", () => {
    const text = [
      "zones:",
      "  - zone: control",
      "    answers:",
      "      - { requirement: SR 1.1, system: plc-intake, status: met, evidence: local accounts }",
      "",
    ].join("\n");
    const answers = zoneAnswers(
      setAnswer(text, { zone: "control", requirement: "SR 1.1", status: "not-met" }),
      "control",
    );
    assert.equal(answers.length, 2);
    assert.equal(answers[0]!.status, "met");
    assert.equal(answers[1]!.status, "not-met");
  });
});
