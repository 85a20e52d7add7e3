/** SHA-256 of a file, or of its first `length` bytes, streamed. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export async function sha256File(path: string, length?: number): Promise<string> {
  const hash = createHash("sha256");
  if (length === 0) return hash.digest("hex");
  const stream = createReadStream(path, {
    highWaterMark: 1 << 20,
    ...(length === undefined ? {} : { start: 0, end: length - 1 }),
  });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
