/**
 * The report's stylesheet, inlined so the file stands alone. Screen: a readable page of cards. Print (the PDF):
 * A4, a cover page, each major part on a new page, tables whose heads repeat, figures and findings kept whole.
 */
import { FONT } from "./figures/svg.js";
import { ACCENT, INK, LINE, MUTED, NAVY, SEVERITY_COLOURS } from "./view/palette.js";

/** The stylesheet; the sections listed in `newPage` start on a new page in print. */
export function reportCss(newPage: readonly string[]): string {
  return `
:root { --fg:${INK}; --muted:${MUTED}; --line:${LINE}; --navy:${NAVY}; --accent:${ACCENT};
  --crit:${SEVERITY_COLOURS.critical}; --high:${SEVERITY_COLOURS.high}; --med:${SEVERITY_COLOURS.medium}; --low:${SEVERITY_COLOURS.low}; --info:${SEVERITY_COLOURS.info}; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 14px/1.5 ${FONT}; color: var(--fg); margin: 0; background: #f3f5f8; }
a { color: var(--accent); }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
.small { font-size: 12px; } .muted { color: var(--muted); } .nowrap { white-space: nowrap; } .warn { color: var(--high); font-weight: 600; }

.cover { background: var(--navy); color: #fff; padding: 36px 48px 28px; }
.cover .kicker { margin: 0; text-transform: uppercase; letter-spacing: .12em; font-size: 12px; opacity: .75; }
.cover h1 { margin: 4px 0 14px; font-size: 30px; line-height: 1.2; }
.cover-meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 16px; font-size: 13px; }
.cover-meta dt { opacity: .7; } .cover-meta dd { margin: 0; }
.cover-posture { display: inline-block; padding: 6px 14px; border-radius: 4px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; background: #fff; }
.cover-unapproved { background: #fff4f2; color: var(--crit); border-left: 5px solid var(--crit); border-radius: 4px; padding: 8px 12px; margin: 14px 0 0; max-width: 860px; font-size: 13px; }
.confidential { font-size: 12px; opacity: .8; margin: 14px 0 0; max-width: 760px; }
.cover-assessor { display: flex; align-items: center; gap: 12px; margin: 0 0 18px; }
.cover-logo { height: 48px; width: auto; background: #fff; border-radius: 4px; padding: 4px; }
.cover-assessor-name { font-size: 15px; font-weight: 700; letter-spacing: .02em; }
table.sign-off td.signature { min-width: 160px; height: 44px; }
table.sign-off th[scope="row"] { text-align: left; white-space: nowrap; }
.toc { max-width: 1200px; margin: 0 auto; padding: 16px 48px 0; }
.toc h2 { font-size: 15px; margin: 8px 0 4px; border: none; }
.toc ol { columns: 2; column-gap: 40px; margin: 0; padding-left: 22px; font-size: 13.5px; }
.toc a { text-decoration: none; color: var(--fg); } .toc a:hover { color: var(--accent); text-decoration: underline; }

main { max-width: 1200px; margin: 0 auto; padding: 8px 48px 40px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 18px 26px 14px; margin: 18px 0; }
/* A large plant's report has thousands of rows: let the browser lay out only the parts in view. */
@media screen { main > section { content-visibility: auto; contain-intrinsic-size: auto 1500px; } }
h2 { margin: 0 0 8px; font-size: 21px; color: var(--navy); border-bottom: 2px solid var(--navy); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; color: var(--navy); }
h4 { font-size: 14.5px; margin: 2px 0 4px; }
.lead { font-size: 14.5px; margin: 4px 0 12px; }
.note { color: var(--muted); font-size: 12.5px; }
.empty { color: var(--muted); font-style: italic; background: #f7f8fa; border-left: 3px solid var(--line); padding: 8px 12px; margin: 8px 0; }
.source { color: var(--muted); font-size: 11.5px; margin: 4px 0 12px; }
.source > span:first-child { font-weight: 600; }

.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: #e9edf2; color: var(--navy); font-weight: 600; border-bottom: 2px solid #c5ced9; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.counts th, table.counts td { text-align: center; } table.counts th:first-child, table.counts td:first-child { text-align: left; }
tr.flagged td { background: #fff4f2; }
tr.undeclared td { background: #fff8e6; }
table.sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
table.sortable th::after { content: " ⇅"; color: #9aa3ae; font-size: 10px; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; color: var(--navy); }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; color: var(--navy); }
ul.compact, ul.evidence-list { margin: 0; padding-left: 16px; } ul.compact li, ul.evidence-list li { margin: 0; }
ul.evidence-list { list-style: none; padding-left: 0; }
.refs-cell { font-size: 12px; white-space: nowrap; }
a.ev, span.ev { text-decoration: none; } a.ev code { color: var(--accent); }
.ev-note { color: var(--muted); font-size: 11.5px; }

.badge { display: inline-block; color: #fff; border-radius: 3px; padding: 1px 7px; font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; vertical-align: 1px; }
.badge.sev-critical { background: var(--crit); } .badge.sev-high { background: var(--high); } .badge.sev-medium { background: var(--med); }
.badge.sev-low { background: var(--low); } .badge.sev-info { background: var(--info); } .badge.kev { background: #6a1b9a; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 3px; padding: 0 5px; font-size: 11px; background: #f7f8fa; }
.tag.exposure-external, .tag.exposure-enterprise { border-color: var(--high); color: var(--high); }
.pill { display: inline-block; border: 1.5px solid; border-radius: 10px; padding: 0 8px; font-size: 11.5px; font-weight: 600; white-space: nowrap; }
.result { display: inline-block; border: 1.5px solid; border-radius: 3px; padding: 0 6px; font-size: 11.5px; font-weight: 600; white-space: nowrap; }
.cvss { font-weight: 700; } .cvss-critical { color: var(--crit); } .cvss-high { color: var(--high); } .cvss-medium { color: var(--med); } .cvss-low { color: var(--low); }
.risk-level { display: inline-block; padding: 1px 6px; border-radius: 3px; font-size: 12px; white-space: nowrap; }
.swatch { display: inline-block; width: 12px; height: 10px; border: 1.5px solid; margin-right: 6px; vertical-align: -1px; }

.posture { display: flex; gap: 20px; border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: 14px 18px; margin: 6px 0 8px; background: #fbfcfd; }
.posture-rating { display: flex; flex-direction: column; min-width: 130px; }
.posture-rating .label { font-size: 11px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
.posture-rating .value { font-size: 26px; font-weight: 800; text-transform: capitalize; }
.posture .headline { font-weight: 600; font-size: 15px; margin: 0 0 6px; }
.posture ul { margin: 0; padding-left: 18px; } .posture li { margin: 3px 0; }
.posture-critical { border-left-color: var(--crit); } .posture-critical .value, .cover-posture.posture-critical { color: var(--crit); }
.posture-poor { border-left-color: var(--high); } .posture-poor .value, .cover-posture.posture-poor { color: var(--high); }
.posture-fair { border-left-color: var(--med); } .posture-fair .value, .cover-posture.posture-fair { color: var(--med); }
.posture-good { border-left-color: #2e7d32; } .posture-good .value, .cover-posture.posture-good { color: #2e7d32; }

.cards { display: flex; gap: 10px; flex-wrap: wrap; margin: 12px 0 4px; }
.card { border-radius: 6px; padding: 8px 14px; min-width: 118px; display: flex; flex-direction: column; background: #eef1f5; border-top: 4px solid #9aa3ae; }
.card .n { font-size: 24px; font-weight: 800; line-height: 1.2; } .card .l { font-size: 12px; color: var(--muted); }
.card.sev-critical { border-top-color: var(--crit); } .card.sev-high { border-top-color: var(--high); } .card.sev-medium { border-top-color: var(--med); }
.card.sev-low { border-top-color: var(--low); } .card.ok { border-top-color: #2e7d32; } .card.bad { border-top-color: var(--crit); }
table.actions td.rank { font-size: 18px; font-weight: 800; color: var(--navy); text-align: center; width: 34px; }
table.actions .action-text { color: #39424e; font-size: 12.5px; }
table.actions .basis { color: var(--muted); font-size: 11px; font-style: italic; }
.warn-note { color: var(--high); font-weight: 600; }

.figure { margin: 10px 0 16px; }
.figure-body { overflow-x: auto; margin: 0 auto; }
.figure figcaption { text-align: center; }
.figure-body svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: var(--fg); margin-top: 6px; }
figcaption .source { display: inline; margin: 0; }

.finding { border: 1px solid var(--line); border-left: 5px solid var(--line); border-radius: 4px; padding: 8px 14px; margin: 10px 0; }
.finding.sev-critical { border-left-color: var(--crit); } .finding.sev-high { border-left-color: var(--high); }
.finding.sev-medium { border-left-color: var(--med); } .finding.sev-low { border-left-color: var(--low); } .finding.sev-info { border-left-color: var(--info); }
table.instances { margin-top: 6px; font-size: 12px; } table.instances td.subject { white-space: nowrap; }
table.instances tr:target td { background: #fff3c4; }
.disposition { display: inline-block; margin-top: 4px; padding: 2px 6px; border-left: 3px solid var(--muted); background: #f4f6f9; }
.disposition-accepted { border-left-color: var(--high); } .disposition-compensated { border-left-color: #2e7d32; }
.finding p { margin: 2px 0 6px; }
.fid { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 11.5px; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: 110px 1fr; gap: 2px 10px; margin: 4px 0; font-size: 12.5px; }
dl.facts dt { color: var(--muted); font-weight: 600; } dl.facts dd { margin: 0; }
dl.facts.wide { grid-template-columns: 170px 1fr; margin: 4px 0 10px; }
td.reqs .req { display: inline-block; font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 11px; background: #f1f3f6; border-radius: 3px; padding: 0 4px; margin: 1px 0; white-space: nowrap; }
.outside-suc { color: var(--muted); font-style: italic; }
table.crs-levels th:nth-child(-n+3) { width: 110px; white-space: nowrap; } table.crs-levels th:nth-child(2), table.crs-levels th:nth-child(3) { text-align: center; }
h3.sev-heading { border-bottom: 1px solid var(--line); padding-bottom: 3px; }

.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
.column.improved h3 { color: #2e7d32; } .column.regressed h3 { color: var(--high); }
ul.trend-list { padding-left: 18px; font-size: 13px; } .trend-list .area { display: inline-block; min-width: 96px; color: var(--muted); font-size: 11.5px; }
.still-open { font-size: 12px; color: var(--muted); }
.still-open .req { display: inline-block; font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 11px; background: #f1f3f6; border-radius: 3px; padding: 0 4px; margin: 1px 0; color: var(--fg); }
table.gaps td.refs-cell { white-space: normal; word-break: break-all; min-width: 150px; }
table.gaps td.gap-cell { white-space: nowrap; }
table.risks tr:not(.risk-why) td { border-bottom: none; }
table.risks tr.risk-why td { color: var(--muted); padding-top: 0; border-bottom: 1px solid #c5ced9; }
td.sl-cell { text-align: center; font-weight: 700; font-variant-numeric: tabular-nums; }
td.hash { font-size: 10.5px; word-break: break-all; }
details.near-misses { margin: 8px 0; font-size: 12.5px; } details summary { cursor: pointer; color: var(--accent); }
ul.problems { font-size: 12px; }

.controls { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin: 6px 0 10px; font-size: 13px; }
.controls input[type=search] { flex: 1 1 260px; padding: 6px 10px; border: 1px solid #b8c1cc; border-radius: 4px; font: inherit; }
.controls select { padding: 5px 6px; border: 1px solid #b8c1cc; border-radius: 4px; font: inherit; background: #fff; }
footer.report-footer { max-width: 1200px; margin: 0 auto 30px; padding: 0 48px; color: var(--muted); font-size: 12px; }

@media (max-width: 800px) {
  .cover, .toc, main { padding-left: 16px; padding-right: 16px; } .toc ol { columns: 1; } .columns { grid-template-columns: 1fr; }
  section { padding: 14px; } .posture { flex-direction: column; }
}

@media print {
  @page { size: A4; }
  body { background: #fff; font-size: 10.5pt; }
  .cover { background: #fff; color: var(--fg); padding: 40mm 0 0; border-top: 10mm solid var(--navy); min-height: 120mm; }
  .cover .kicker { color: var(--navy); opacity: 1; } .cover h1 { font-size: 28pt; color: var(--navy); }
  .cover-posture { border: 2px solid currentColor; }
  .cover-unapproved { break-inside: avoid; }
  .toc { padding: 0; break-after: page; } .toc ol { font-size: 11pt; }
  main, footer.report-footer { padding: 0; max-width: none; }
  section { border: none; border-radius: 0; padding: 0; margin: 0 0 8mm; }
  ${newPage.map((id) => `section#${id}`).join(", ")} { break-before: page; }
  h2, h3, h4, .lead { break-after: avoid; }
  .figure-body svg { max-height: 205mm; width: auto; }
  .figure, .posture, .cards, tr, dl.facts, .finding-head, .finding h4 { break-inside: avoid; }
  .finding h4, .finding-head, dl.facts { break-after: avoid; }
  thead { display: table-header-group; }
  .table-wrap, .figure-body { overflow: visible; }
  .controls, table.sortable th::after { display: none; }
  tr[hidden] { display: table-row; }
  a { color: inherit; text-decoration: none; } a.ev code { color: var(--accent); }
  table.instances tr:target td { background: none; }
  table { font-size: 8.5pt; } th, td { padding: 3px 5px; }
}
`;
}
