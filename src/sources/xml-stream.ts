/**
 * Streaming XML for scanner reports. saxes reads the file chunk by chunk; the caller names the elements it
 * wants (an nmap <host>, a Nessus <ReportItem>) and receives each as a small tree once it closes, so memory
 * grows with one host, not with the file (100 MB reports are common).
 *
 * Hardening: a document that declares entities in its DTD is refused before its root element is read, and
 * saxes never fetches anything, so neither external entities (XXE) nor entity expansion bombs can work.
 * An XML error stops the file and is returned with its line and column; what was complete before it is kept.
 * Files are decoded from UTF-8, or UTF-16 LE/BE as Windows tools save them (told by the BOM or NUL pattern).
 */
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { TextDecoder } from "node:util";
import { SaxesParser } from "saxes";
import { checkReadable, MAX_STREAMED_BYTES } from "./bounded-read.js";
import { DECODER_LABEL, decodeText, sniffEncoding } from "./text-decode.js";

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  /** Line of the element's start tag, 1-based. */
  line: number;
}

export interface XmlError {
  line: number;
  column: number;
  message: string;
}

export interface XmlStreamHandlers {
  /** Given the names of the open elements (root first, this one last): collect this element as a tree? */
  collect(path: readonly string[]): boolean;
  /** A collected element, complete; `path` ends with its name. */
  onNode(node: XmlNode, path: readonly string[]): void;
  /** Every start tag outside collected trees (for the root name and context such as Nessus ReportHost). */
  onOpen?(name: string, attrs: Record<string, string>, path: readonly string[], line: number): void;
  onClose?(name: string, path: readonly string[]): void;
}

/** Text kept per element and per attribute value: scanner outputs can be long, and no analysis needs more. */
export const MAX_TEXT_PER_ELEMENT = 64 * 1024;
/** Text and attribute values kept per collected tree, so one host costs at most this much besides its nodes. */
export const MAX_TEXT_PER_TREE = 4 * 1024 * 1024;
/** Elements kept per collected tree: a host with more is cut there (a named cap, not a crash). */
export const MAX_NODES_PER_TREE = 50_000;

/** Reads `path`; resolves with the XML error that stopped it, or null when the whole file was read. */
export async function streamXml(path: string, handlers: XmlStreamHandlers): Promise<XmlError | null> {
  const parser = new SaxesParser({ position: true });
  const path_: string[] = [];
  const stack: XmlNode[] = [];
  let treeNodes = 0;
  /** Characters of text and attribute values the current tree may still keep. */
  let treeText = 0;
  /** As much of `value` as `room` and the tree's budget allow. */
  const keep = (value: string, room: number): string => {
    const n = Math.max(0, Math.min(value.length, room, treeText));
    treeText -= n;
    return n === value.length ? value : value.slice(0, n);
  };
  let error: XmlError | null = null;
  let startLine = 1;

  const fail = (message: string) => {
    error ??= { line: parser.line, column: parser.column, message };
  };

  parser.on("error", (e) => fail(e.message.replace(/^\d+:\d+: /, "")));
  parser.on("doctype", (doctype) => {
    if (/<!ENTITY/i.test(doctype))
      fail("the document type declares entities; they are refused (external entities are never resolved)");
  });
  parser.on("opentagstart", () => {
    startLine = parser.line;
  });
  parser.on("opentag", (tag) => {
    if (error) return;
    path_.push(tag.name);
    const collected = stack.length > 0 || handlers.collect(path_);
    if (collected && stack.length === 0) {
      treeNodes = 0;
      treeText = MAX_TEXT_PER_TREE;
    }
    const attrs: Record<string, string> = {};
    for (const [k, value] of Object.entries(tag.attributes as Record<string, string>))
      attrs[k] = detach(collected ? keep(value, MAX_TEXT_PER_ELEMENT) : value.slice(0, MAX_TEXT_PER_ELEMENT));
    if (collected) {
      const node: XmlNode = { name: tag.name, attrs, children: [], text: "", line: startLine };
      if (++treeNodes <= MAX_NODES_PER_TREE) stack.at(-1)?.children.push(node);
      stack.push(node);
    } else {
      handlers.onOpen?.(tag.name, attrs, path_, startLine);
    }
  });
  const onText = (text: string) => {
    const node = stack.at(-1);
    if (!node || node.text.length >= MAX_TEXT_PER_ELEMENT) return;
    node.text += keep(text, MAX_TEXT_PER_ELEMENT - node.text.length);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag) => {
    if (error) return;
    const node = stack.pop();
    if (node) node.text = detach(node.text);
    if (node && stack.length === 0) handlers.onNode(node, path_);
    else if (!node) handlers.onClose?.(tag.name, path_);
    path_.pop();
  });

  let stream: ReturnType<typeof createReadStream> | undefined;
  try {
    checkReadable(path, MAX_STREAMED_BYTES);
    stream = createReadStream(path, { highWaterMark: 256 * 1024, end: MAX_STREAMED_BYTES - 1 });
    // The first chunk tells the encoding; the decoder drops the BOM and keeps characters split across chunks.
    let decoder: TextDecoder | undefined;
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      decoder ??= new TextDecoder(DECODER_LABEL[sniffEncoding(bytes).encoding]);
      parser.write(decoder.decode(bytes, { stream: true }));
      if (error) break;
    }
    if (!error && decoder) parser.write(decoder.decode());
    if (!error) parser.close();
  } catch (err) {
    // saxes throws from write/close when it has no error listener left to call; ours records, so this is I/O.
    fail((err as Error).message);
  } finally {
    stream?.destroy();
  }
  return error;
}

/**
 * A copy of a string that shares no memory with the chunk it was cut from: V8 keeps a whole 256 KB chunk alive
 * for the sake of one short substring, so without this a report's retained values would pin the file.
 */
export function detach(s: string): string {
  return s.length === 0 ? s : Buffer.from(s, "utf8").toString("utf8");
}

/** The first child named `name`, if any. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function children(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The trimmed text of the first child named `name`, or null when absent or empty. */
export function childText(node: XmlNode, name: string): string | null {
  const t = child(node, name)?.text.trim();
  return t ? t : null;
}

/** The root element's name (null when there is none), or why the file cannot be read. */
export type RootElement = { name: string | null } | { unreadable: string };

/** Bytes read to find the root element: past a long comment or DOCTYPE, not the whole report. */
const ROOT_PEEK = 64 * 1024 + 1;

/** Reads the first bytes of a file to tell its root element, without parsing the whole file. */
export function rootElement(path: string): RootElement {
  let head: Buffer;
  try {
    checkReadable(path, MAX_STREAMED_BYTES);
    head = readHead(path, ROOT_PEEK);
  } catch (err) {
    return { unreadable: (err as Error).message };
  }
  const text = decodeText(head).text;
  // Skip the XML declaration, comments, processing instructions and the DOCTYPE.
  const match = /<([A-Za-z_][\w.:-]*)[\s>/]/.exec(
    text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/g, ""),
  );
  return { name: match ? match[1]! : null };
}

function readHead(path: string, length: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(length);
    let n = 0;
    while (n < length) {
      const got = readSync(fd, buf, n, length - n, n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
