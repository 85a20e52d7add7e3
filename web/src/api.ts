/** Calls to the workbench API; the access token travels in the HttpOnly cookie the server set. */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${res.status}: ${await res.text()}`);
  return (res.headers.get("content-type") ?? "").includes("json") ? res.json() : (res.text() as Promise<T>);
}

export const get = <T>(path: string) => call<T>("GET", path);
export const put = <T>(path: string, body: unknown) => call<T>("PUT", path, body);
export const post = <T>(path: string) => call<T>("POST", path);

// biome-ignore lint/suspicious/noExplicitAny: the assessment record is typed on the server; the UI reads it loosely
export type Assessment = any;

export const FRS = ["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"];

export function evidenceText(e: {
  kind: string;
  file: string;
  line?: number;
  frame?: number;
  zone?: string;
  requirement?: string;
  note?: string;
}): string {
  const where =
    e.kind === "frame"
      ? `${e.file}#${e.frame}`
      : e.kind === "line"
        ? `${e.file}:${e.line}`
        : `${e.file} ${e.zone}/${e.requirement}`;
  return e.note ? `${where}: ${e.note}` : where;
}
