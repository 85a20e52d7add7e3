import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { DispositionsFile } from "../model/dispositions.js";
import { clearDisposition, setDisposition } from "./dispositions-edit.js";

/** The example's file: comments above and between entries, folded (`>-`) texts, blank lines between entries. */
const EXAMPLE = readFileSync("examples/water-treatment/dispositions.yaml", "utf8");

const DISMISS = {
  finding: "ARCH-005:sw-control:ssh",
  status: "false-positive",
  justification: "ews-01 is the OT engineering station: managing sw-control from it is local engineering.",
  by: "E2E Assessor",
  date: "2026-12-08",
} as const;

const findings = (text: string) => DispositionsFile.parse(parse(text)).dispositions.map((d) => d.finding);

/** The text of the entry that starts with `- finding: <id>`, up to the next entry, comment or blank line. */
function entryText(text: string, id: string): string {
  const start = text.indexOf(`  - finding: ${id}\n`);
  assert.ok(start >= 0, id);
  const rest = text.slice(start + 1);
  const next = rest.search(/\n(\s*\n|\s*#|\s*- )/);
  return text.slice(start, start + 1 + next + 1);
}

describe("setDisposition and clearDisposition", () => {
  it("add a new entry after the last, every byte before it as it was", () => {
    const text = setDisposition(EXAMPLE, DISMISS);
    assert.ok(text.startsWith(EXAMPLE), "the file up to its end is unchanged");
    assert.equal(
      text.slice(EXAMPLE.length),
      [
        "",
        "  - finding: ARCH-005:sw-control:ssh",
        "    status: false-positive",
        '    justification: "ews-01 is the OT engineering station: managing sw-control from it is local engineering."',
        "    by: E2E Assessor",
        "    date: 2026-12-08",
        "",
      ].join("\n"),
    );
    assert.deepEqual(findings(text), [...findings(EXAMPLE), DISMISS.finding]);
  });

  it("change one entry in its place, keeping its comment and the other entries byte for byte", () => {
    const id = "RA-003:dosetech-modem";
    const old = entryText(EXAMPLE, id);
    const text = setDisposition(EXAMPLE, {
      finding: id,
      status: "accepted",
      owner: "Jana Meyer (OT engineering)",
      approver: "Helen Park (Head of operations)",
      expires: "2027-03-31",
      rationale: "The router is replaced by the jump host path in Q1 2027.",
      by: "E2E Assessor",
      date: "2026-12-08",
    });
    const at = EXAMPLE.indexOf(old);
    // Everything before and after the entry is the same text; the comment above it stays.
    assert.equal(text.slice(0, at), EXAMPLE.slice(0, at));
    assert.ok(
      text
        .slice(0, at)
        .endsWith(
          "  # DoseTech's modem has no second factor of its own; the site's call-back procedure stands in for one.\n",
        ),
    );
    assert.ok(text.endsWith(EXAMPLE.slice(at + old.length)));
    assert.equal(
      entryText(text, id),
      [
        "  - finding: RA-003:dosetech-modem",
        "    status: accepted",
        "    owner: Jana Meyer (OT engineering)",
        "    approver: Helen Park (Head of operations)",
        "    expires: 2027-03-31",
        "    rationale: The router is replaced by the jump host path in Q1 2027.",
        "    by: E2E Assessor",
        "    date: 2026-12-08",
        "",
      ].join("\n"),
    );
    assert.deepEqual(findings(text), findings(EXAMPLE));
  });

  it("clear one entry with its comment, the others byte for byte, one blank line between them", () => {
    const id = "RA-003:dosetech-modem";
    const { text, removed } = clearDisposition(EXAMPLE, id);
    assert.ok(removed);
    const comment =
      "  # DoseTech's modem has no second factor of its own; the site's call-back procedure stands in for one.\n";
    const from = EXAMPLE.indexOf(comment);
    const to = from + comment.length + entryText(EXAMPLE, id).length + 1;
    assert.equal(text, EXAMPLE.slice(0, from) + EXAMPLE.slice(to));
    assert.deepEqual(
      findings(text),
      findings(EXAMPLE).filter((f) => f !== id),
    );
    assert.equal(clearDisposition(text, id).removed, false);
    // The last entry gone leaves no blank line at the end.
    const last = clearDisposition(EXAMPLE, "ACC-005:dc01/t.brandt").text;
    assert.ok(last.endsWith("    date: 2026-11-28\n"), JSON.stringify(last.slice(-40)));
  });

  it("start a file that has none, keeping what it has; compensated requirements on one line", () => {
    const text = setDisposition("# our dispositions\n", {
      finding: "RA-003:dosetech-modem",
      status: "compensated",
      countermeasure: "Call-back to a registered number",
      requirements: ["SR 1.1 RE 2", "SR 1.13"],
      evidence: "OPS-14",
      by: "E2E",
      date: "2026-12-08",
    });
    assert.equal(
      text,
      [
        "# our dispositions",
        "dispositions:",
        "  - finding: RA-003:dosetech-modem",
        "    status: compensated",
        "    countermeasure: Call-back to a registered number",
        "    requirements: [SR 1.1 RE 2, SR 1.13]",
        "    evidence: OPS-14",
        "    by: E2E",
        "    date: 2026-12-08",
        "",
      ].join("\n"),
    );
    assert.deepEqual(findings(setDisposition("dispositions: []\n", DISMISS)), [DISMISS.finding]);
    assert.throws(() => setDisposition("dispositions: {", DISMISS), /does not parse/);
  });
});
