/**
 * The report bench's synthetic assessment stays one the report accepts: a model change that it misses would
 * otherwise only show when someone runs `npm run bench`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Assessment } from "../src/model/assessment.js";
import { reportView } from "../src/report/view/report-view.js";
import { syntheticAssessment } from "./report.js";

test("the synthetic assessment of the report bench is a valid assessment the report renders", async () => {
  const a = syntheticAssessment();
  const parsed = Assessment.safeParse(a);
  assert.ok(parsed.success, parsed.success ? "" : parsed.error.message.slice(0, 2000));
  const view = await reportView(a);
  assert.equal(view.a.assets.length, 2000);
  assert.ok(view.actions.length > 0 && view.figures.heatMap !== null);
});
