/**
 * The stage table of docs/architecture.md is the rule; this test holds src/ to it. It reads the table itself, so
 * the document and the check cannot drift apart: a stage importing one it may not, or two stages importing each
 * other, fails here with the file and the import named.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";

const DOC = "docs/architecture.md";

interface Stage {
  folder: string;
  mayImport: Set<string>;
}

/** The rows of the table under "Stages and what each may import": folder -> the stages it may import. */
function stageTable(): Stage[] {
  const text = readFileSync(DOC, "utf8");
  const start = text.indexOf("## Stages and what each may import");
  assert.ok(start >= 0, `${DOC}: no "Stages and what each may import" section`);
  const rows = text
    .slice(start)
    .split("\n")
    .filter((l) => l.startsWith("| `src/"));
  const stages = rows.map((row) => {
    const cells = row.split("|").map((c) => c.trim());
    const folder = /`src\/([^`]+?)\/?`/.exec(cells[1] ?? "")?.[1];
    assert.ok(folder, `${DOC}: a stage row without a src/ folder: ${row}`);
    return { folder, allowed: cells[3] ?? "" };
  });
  const names = stages.map((s) => s.folder);
  return stages.map(({ folder, allowed }, i) => {
    const mayImport = new Set<string>();
    if (/every stage above/.test(allowed)) for (const above of names.slice(0, i)) mayImport.add(above);
    for (const word of allowed.split(/[,\s]+/)) if (names.includes(word)) mayImport.add(word);
    return { folder, mayImport };
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    // Tests may reach across stages for their fixtures; the rule is for the product's code.
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The stage a file under src/ belongs to: the longest stage folder that contains it. */
function stageOf(stages: Stage[], file: string): Stage | undefined {
  const path = relative("src", file);
  return stages
    .filter((s) => path.startsWith(`${s.folder}/`))
    .sort((a, b) => b.folder.length - a.folder.length)[0];
}

interface Edge {
  from: string;
  to: string;
  where: string;
}

function crossStageImports(stages: Stage[]): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles("src")) {
    const from = stageOf(stages, file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gm)) {
      const to = stageOf(stages, resolve(dirname(file), m[1] ?? ""));
      if (from && to && from !== to)
        edges.push({ from: from.folder, to: to.folder, where: `${file}: ${m[1]}` });
    }
  }
  return edges;
}

/**
 * Departures the redesign (issue #17) still has to remove. Listed so that no new one can join them; a listed one
 * that is gone fails too, so the list only shrinks.
 */
const KNOWN_DEPARTURES = new Set<string>([]);

test("every file under src/ belongs to a stage of the architecture document", () => {
  const stages = stageTable();
  const homeless = sourceFiles("src").filter((f) => !stageOf(stages, f));
  assert.deepEqual(homeless, []);
});

test("stages import only what the architecture document allows", () => {
  const stages = stageTable();
  const byFolder = new Map(stages.map((s) => [s.folder, s]));
  const seen = new Set<string>();
  const wrong: string[] = [];
  for (const e of crossStageImports(stages)) {
    if (byFolder.get(e.from)?.mayImport.has(e.to)) continue;
    const pair = `${e.from} -> ${e.to}`;
    seen.add(pair);
    if (!KNOWN_DEPARTURES.has(pair)) wrong.push(`${pair} (${e.where})`);
  }
  assert.deepEqual(wrong, [], `imports the architecture does not allow:\n${wrong.join("\n")}`);
  const gone = [...KNOWN_DEPARTURES].filter((p) => !seen.has(p));
  assert.deepEqual(gone, [], "departures that no longer occur: take them off KNOWN_DEPARTURES");
});

test("no two stages import each other, directly or round a loop", () => {
  const stages = stageTable();
  const next = new Map<string, Set<string>>();
  for (const e of crossStageImports(stages)) {
    if (!next.has(e.from)) next.set(e.from, new Set());
    next.get(e.from)?.add(e.to);
  }
  const loops: string[] = [];
  const path: string[] = [];
  const done = new Set<string>();
  const walk = (stage: string): void => {
    const at = path.indexOf(stage);
    if (at >= 0) {
      loops.push([...path.slice(at), stage].join(" -> "));
      return;
    }
    if (done.has(stage)) return;
    path.push(stage);
    for (const to of next.get(stage) ?? []) walk(to);
    path.pop();
    done.add(stage);
  };
  for (const s of stages) walk(s.folder);
  assert.deepEqual(loops, []);
});
