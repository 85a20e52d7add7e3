/** `npm run bench`: runs every benchmark module in turn (add new ones to the list). */
import { benchCapture } from "./capture.js";

const BENCHES: readonly (() => Promise<void>)[] = [benchCapture];

for (const bench of BENCHES) await bench();
