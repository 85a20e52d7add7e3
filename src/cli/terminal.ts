/** Colour and progress on stderr, only where a person is watching. */

const useColour = (stream: NodeJS.WriteStream): boolean =>
  Boolean(stream.isTTY) &&
  !("NO_COLOR" in process.env && process.env.NO_COLOR !== "") &&
  process.env.TERM !== "dumb";

function paint(code: number, text: string, stream: NodeJS.WriteStream): string {
  return useColour(stream) ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export const bold = (t: string, s: NodeJS.WriteStream = process.stdout) => paint(1, t, s);
export const red = (t: string, s: NodeJS.WriteStream = process.stdout) => paint(31, t, s);
export const yellow = (t: string, s: NodeJS.WriteStream = process.stdout) => paint(33, t, s);
export const green = (t: string, s: NodeJS.WriteStream = process.stdout) => paint(32, t, s);
export const dim = (t: string, s: NodeJS.WriteStream = process.stdout) => paint(2, t, s);

/** A progress line on stderr (bytes, rate, ETA), redrawn in place on a TTY and silent elsewhere. */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = done / seconds;
    const fraction = this.total > 0 ? Math.min(done / this.total, 1) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const eta = rate > 0 && this.total > done ? `${Math.ceil((this.total - done) / rate)}s` : "0s";
    const bar = `[${"#".repeat(filled)}${" ".repeat(width - filled)}]`;
    this.stream.write(
      `\r${this.label} ${bar} ${(done / 1e6).toFixed(1)}/${(this.total / 1e6).toFixed(1)} MB ${(rate / 1e6).toFixed(1)} MB/s ETA ${eta}  `,
    );
  }

  done(): void {
    if (this.enabled) this.stream.write("\n");
  }
}
