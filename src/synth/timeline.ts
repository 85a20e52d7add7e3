/**
 * Merges many concurrent activities (one per conversation or background chatter) into one stream of
 * frames in time order. Each activity is an iterator yielding frames with non-decreasing timestamps; the
 * timeline keeps only each activity's next frame, so memory grows with concurrent activities, not with
 * packets. Ties are broken by insertion order, which keeps the output deterministic.
 */

export interface Emitted {
  /** Microseconds since the Unix epoch. */
  at: number;
  /** The frame, or null for a wake-up that puts nothing on the wire (lets an activity start others). */
  frame: Uint8Array | null;
}

export type Activity = Iterator<Emitted, void, undefined>;

interface Entry {
  at: number;
  order: number;
  item: Emitted;
  activity: Activity;
}

export class Timeline {
  private heap: Entry[] = [];
  private order = 0;
  /** Time of the frame last handed out; activities added later must not start before it. */
  now = 0;

  add(activity: Activity): void {
    const first = activity.next();
    if (first.done) return;
    this.push(first.value, activity);
  }

  get activities(): number {
    return this.heap.length;
  }

  /** Hands frames to `sink` in time order until every activity ends or `sink` returns false. */
  run(sink: (at: number, frame: Uint8Array) => boolean): void {
    while (this.heap.length > 0) {
      const top = this.heap[0];
      this.now = top.at;
      const item = top.item;
      const next = top.activity.next();
      if (next.done) this.popTop();
      else this.replaceTop(next.value, top.activity);
      if (item.frame !== null && !sink(item.at, item.frame)) return;
    }
  }

  private push(item: Emitted, activity: Activity): void {
    if (item.at < this.now) throw new Error(`activity went back in time (${item.at} < ${this.now})`);
    this.heap.push({ at: item.at, order: this.order++, item, activity });
    this.siftUp(this.heap.length - 1);
  }

  private replaceTop(item: Emitted, activity: Activity): void {
    if (item.at < this.now) throw new Error(`activity went back in time (${item.at} < ${this.now})`);
    this.heap[0] = { at: item.at, order: this.order++, item, activity };
    this.siftDown(0);
  }

  private popTop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length === 0) return;
    this.heap[0] = last;
    this.siftDown(0);
  }

  private less(i: number, j: number): boolean {
    const a = this.heap[i];
    const b = this.heap[j];
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i];
    this.heap[i] = this.heap[j];
    this.heap[j] = t;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
