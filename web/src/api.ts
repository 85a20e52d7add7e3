import type { Evidence } from "../../src/model/evidence.js";

/** Calls to the workbench API; the access token travels in the HttpOnly cookie the server set. */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${res.status}: ${await res.text()}`);
  return (res.headers.get("content-type") ?? "").includes("json")
    ? (res.json() as Promise<T>)
    : (res.text() as Promise<T>);
}

export const get = <T>(path: string) => call<T>("GET", path);
export const put = <T>(path: string, body: unknown) => call<T>("PUT", path, body);
export const post = <T>(path: string, body?: unknown) => call<T>("POST", path, body);
export const del = <T>(path: string) => call<T>("DELETE", path);

/** An entry of dispositions.yaml as the file holds it, without the finding's id. */
export interface DispositionDraft {
  status: string;
  justification?: string;
  owner?: string;
  approver?: string;
  expires?: string;
  rationale?: string;
  countermeasure?: string;
  requirements?: string[];
  evidence?: string;
  reference?: string;
  by?: string;
  date?: string;
}

/** The assessment record as the server stores and serves it: the model's JSON, defaults filled in. Types only. */
export type { Assessment } from "../../src/model/assessment.js";

export const FRS = ["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"];

export function evidenceText(e: Evidence): string {
  const where =
    e.kind === "frame"
      ? `${e.file}#${e.frame}`
      : e.kind === "line"
        ? `${e.file}:${e.line}`
        : `${e.file} ${e.zone}/${e.requirement}`;
  return e.note ? `${where}: ${e.note}` : where;
}

/** How the workbench words a requirement's result: "met by compensating countermeasure" where it is. */
export function resultWords(
  r: { result: string; compensations?: unknown[] | undefined } | undefined,
): string {
  if (!r) return "unknown";
  return r.result === "met" && (r.compensations?.length ?? 0) > 0
    ? "met by compensating countermeasure"
    : r.result;
}

/** A sentence as a clause inside another: without its closing full stop. */
export const clause = (text: string): string => text.trim().replace(/\.+$/, "");
