/**
 * A YAML file read with its positions kept, so that every problem names file:line:column.
 * Shared by the loaders of plant.yaml, answers.yaml and dispositions.yaml.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { formatPath, type InputProblem, type ProblemCode, problemAt, WHOLE_FILE } from "../model/problem.js";
import { MAX_YAML_BYTES, readBounded, readFailureCode } from "./bounded-read.js";
import { decodeText } from "./text-decode.js";
import { blamedAlias, MAX_ALIAS_COUNT } from "./yaml-aliases.js";

export interface YamlFile {
  file: string;
  value: unknown;
  /** Line and column of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PropertyKey[], at?: "key" | "value"): { line: number; column: number };
  problems: InputProblem[];
}

/** A problem a check over the raw document finds (a dangling id, a duplicate), before it is located. */
export interface ReferenceProblem {
  path: PropertyKey[];
  code: ProblemCode;
  message: string;
  severity: "error" | "warning";
}

/** A checked file's content, with the line of each record for evidence (`zones.2` -> 37). */
export interface LoadedYaml<T> {
  file: string;
  spec: T;
  lines: Record<string, number>;
}

/**
 * Reads a YAML file, checks it against `schema` and runs `references` over its raw value, so that a person
 * fixing the file sees every problem in one run, located and in line order. The content comes back only when
 * no problem is an error; `lines` then gives the line of each record.
 */
export function loadYamlFile<S extends z.ZodType>(
  path: string,
  displayName: string,
  schema: S,
  references: (value: unknown) => ReferenceProblem[],
  lines: (yaml: YamlFile) => Record<string, number>,
): { loaded: LoadedYaml<z.infer<S>> | undefined; problems: InputProblem[] } {
  const yaml = readYamlFile(path, displayName);
  if (yaml.problems.some((p) => p.severity === "error"))
    return { loaded: undefined, problems: inLineOrder(yaml.problems) };
  const checked = checkSchema(yaml, schema);
  const located = references(yaml.value).map((r): InputProblem => {
    const { line, column } = yaml.locate(r.path);
    return problemAt(displayName, { line, column, path: formatPath(r.path) }, r.code, r.message, r.severity);
  });
  const problems = inLineOrder([...yaml.problems, ...checked.problems, ...located]);
  const failed = problems.some((p) => p.severity === "error");
  return {
    loaded:
      failed || checked.data === undefined
        ? undefined
        : { file: displayName, spec: checked.data, lines: lines(yaml) },
    problems,
  };
}

function inLineOrder(problems: InputProblem[]): InputProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

export function readYamlFile(path: string, displayName = path): YamlFile {
  let text: string;
  try {
    // UTF-8 or, as Windows editors save it, UTF-16 with a BOM.
    text = decodeText(readBounded(path, MAX_YAML_BYTES)).text;
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (err as Error).message;
    const code = readFailureCode(err);
    return {
      file: displayName,
      value: undefined,
      locate: () => ({ line: 0, column: 0 }),
      problems: [problemAt(displayName, WHOLE_FILE, code, reason)],
    };
  }
  return parseYamlText(text, displayName);
}

export function parseYamlText(text: string, file: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: InputProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(e.pos[0]);
    const severity = doc.errors.includes(e as never) ? "error" : "warning";
    // A repeated key is the parser's to find, but a person fixes it as a duplicate.
    const code = e.code === "DUPLICATE_KEY" ? "duplicate-id" : "yaml-syntax";
    problems.push(
      problemAt(file, { line: pos.line, column: pos.col }, code, e.message.split("\n")[0]!, severity),
    );
  }
  const position = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const locate = (path: readonly PropertyKey[], at: "key" | "value" = "value") => {
    let node: unknown = doc.contents;
    let best = node as Node | null;
    let keyNode: Node | null = null;
    for (const part of path) {
      keyNode = null;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === part);
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof part === "number") {
        node = node.items[part];
      } else break;
      if (node && (node as Node).range) best = node as Node;
      else break;
    }
    const target = at === "key" && keyNode?.range ? keyNode : best;
    return target?.range ? position(target.range[0]) : { line: 1, column: 1 };
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // toJS throws only over aliases (too many expansions, or one before its anchor), and without a position.
    const at = blamedAlias(doc);
    const { line, column } = at === undefined ? { line: 1, column: 1 } : position(at);
    const message = (err as Error).message;
    // The library tells the two apart only in its message: an alias too far expanded, or one naming no anchor.
    const code = message.startsWith("Unresolved alias") ? "unresolved-name" : "depth-limit";
    problems.push(problemAt(file, { line, column }, code, message));
  }
  return { file, value, locate, problems };
}

/** Checks the file's value against a schema; every issue becomes a located problem with what was found. */
export function checkSchema<S extends z.ZodType>(
  yaml: YamlFile,
  schema: S,
): { data: z.infer<S> | undefined; problems: InputProblem[] } {
  const result = schema.safeParse(yaml.value ?? {});
  if (result.success) return { data: result.data, problems: [] };
  const problems: InputProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const { line, column } = yaml.locate(path, "key");
        const allowed = allowedKeys(schema, issue.path, yaml.value);
        problems.push(
          problemAt(
            yaml.file,
            { line, column, path: formatPath(path) },
            "unknown-key",
            `unknown key "${key}"${allowed ? `; expected one of ${allowed}` : ""}`,
          ),
        );
      }
      continue;
    }
    const { line, column } = yaml.locate(issue.path);
    const found = valueAt(yaml.value, issue.path);
    problems.push(
      problemAt(
        yaml.file,
        { line, column, path: formatPath(issue.path) },
        "schema",
        describeIssue(issue, found),
      ),
    );
  }
  return { data: undefined, problems };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const part of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

function shown(v: unknown): string {
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function describeIssue(issue: z.core.$ZodIssue, found: unknown): string {
  if (found === undefined && issue.code === "invalid_type") return `missing; ${lowerFirst(issue.message)}`;
  if (issue.code === "invalid_union") {
    // The members' own messages are noise to a person; say what the value should look like.
    return `${issue.message === "Invalid input" ? "invalid value" : issue.message}, got ${shown(found)}`;
  }
  return `${lowerFirst(issue.message)}, got ${shown(found)}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * The keys an object schema accepts, to suggest the right spelling. Through a discriminated union (the statuses of a
 * disposition) it follows the member the value's discriminator names.
 */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[], value: unknown): string | undefined {
  let s: unknown = schema;
  let v: unknown = value;
  for (let i = 0; i <= path.length; i++) {
    s = member(unwrap(s), v);
    if (i === path.length) break;
    const part = path[i]!;
    const def = (s as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def?.type === "object" && typeof part === "string") s = def.shape?.[part];
    else if (def?.type === "array" && typeof part === "number") s = def.element;
    else return undefined;
    v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[part] : undefined;
  }
  const def = (unwrap(s) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape).join(", ") : undefined;
}

/** The member of a discriminated union that the value's discriminator names; any other schema as it is. */
function member(s: unknown, value: unknown): unknown {
  const def = (s as { def?: { type?: string; discriminator?: string; options?: unknown[] } }).def;
  if (def?.type !== "union" || !def.discriminator || !def.options) return s;
  const tag =
    value !== null && typeof value === "object"
      ? (value as Record<string, unknown>)[def.discriminator]
      : undefined;
  return (
    def.options.find((o) => {
      const field = (o as { def?: { shape?: Record<string, { def?: { values?: unknown[] } }> } }).def
        ?.shape?.[def.discriminator!];
      return field?.def?.values?.includes(tag) ?? false;
    }) ?? s
  );
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { type?: string; innerType?: unknown } };
  while (cur?.def && ["optional", "default", "nullable", "prefault"].includes(cur.def.type ?? "")) {
    cur = cur.def.innerType as typeof cur;
  }
  return cur;
}
