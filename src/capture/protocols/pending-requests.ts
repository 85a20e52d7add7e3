/**
 * Outstanding requests of one flow, keyed by a small non-negative number (Modbus transaction id, S7 PDU
 * reference, DNP3 application sequence), each remembering the request's code so that a response can be
 * counted against it. Fixed-size ring: no allocation after construction; past `capacity` the oldest
 * request is forgotten and `add` says so (the caller reports the anomaly).
 */
const EMPTY = -1;

export class PendingRequests {
  private readonly keys: Int32Array;
  private readonly codes: Int32Array;
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.keys = new Int32Array(capacity);
    this.codes = new Int32Array(capacity);
  }

  /** Remembers a request; false when a still-unanswered older request had to be forgotten to make room. */
  add(key: number, code: number): boolean {
    let kept = true;
    if (this.size === this.capacity) {
      if (this.keys[this.head] !== EMPTY) kept = false;
      this.head = (this.head + 1) % this.capacity;
      this.size--;
      this.trimOldest();
    }
    const i = (this.head + this.size) % this.capacity;
    this.keys[i] = key;
    this.codes[i] = code;
    this.size++;
    return kept;
  }

  /** Removes the newest request with this key and returns its code, or -1 when none is pending. */
  take(key: number): number {
    for (let n = this.size - 1; n >= 0; n--) {
      const i = (this.head + n) % this.capacity;
      if (this.keys[i] !== key) continue;
      const code = this.codes[i];
      this.keys[i] = EMPTY;
      this.trimNewest();
      this.trimOldest();
      return code;
    }
    return -1;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  /** How many slots are in use (answered requests in the middle of the ring still hold theirs). */
  get length(): number {
    return this.size;
  }

  private trimOldest(): void {
    while (this.size > 0 && this.keys[this.head] === EMPTY) {
      this.head = (this.head + 1) % this.capacity;
      this.size--;
    }
  }

  private trimNewest(): void {
    while (this.size > 0 && this.keys[(this.head + this.size - 1) % this.capacity] === EMPTY) this.size--;
  }
}
