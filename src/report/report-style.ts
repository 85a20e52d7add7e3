/** The report's stylesheet, inlined so the file stands alone; print rules keep findings whole on paper. */
export const REPORT_CSS = `
:root { --fg:#1d2430; --muted:#5b6472; --line:#d8dde5; --crit:#8e1b1b; --high:#c0392b; --med:#d68910; --low:#2e86c1; --info:#7f8c8d; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; background: #f6f7f9; }
header { background: #14324a; color: #fff; padding: 24px 40px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
.meta { margin: 0; opacity: .8; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 40px 60px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px 24px; margin: 16px 0; }
h2 { margin-top: 0; font-size: 19px; border-bottom: 2px solid #14324a; padding-bottom: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; }
.mono, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
.source { color: var(--muted); font-size: 12px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border-radius: 6px; padding: 10px 16px; color: #fff; min-width: 110px; display: flex; flex-direction: column; }
.card .n { font-size: 26px; font-weight: 700; }
.sev-critical.card, .sev-critical .badge { background: var(--crit); }
.sev-high.card, .sev-high .badge { background: var(--high); }
.sev-medium.card, .sev-medium .badge { background: var(--med); }
.sev-low.card, .sev-low .badge { background: var(--low); }
.sev-info.card, .sev-info .badge { background: var(--info); }
.finding { border-left: 4px solid var(--line); padding: 4px 12px; margin: 12px 0; }
.finding.sev-critical { border-color: var(--crit); } .finding.sev-high { border-color: var(--high); }
.finding.sev-medium { border-color: var(--med); } .finding.sev-low { border-color: var(--low); }
.finding h3 { font-size: 15px; margin: 4px 0; }
.badge { color: #fff; border-radius: 3px; padding: 1px 6px; font-size: 11px; text-transform: uppercase; }
.refs, .evidence { color: var(--muted); font-size: 12px; margin: 2px 0; }
tr.undeclared td { background: #fff8e6; }
@media print {
  body { background: #fff; } header { background: none; color: #000; padding: 0 0 8px; }
  section { border: none; padding: 0; page-break-inside: auto; } .finding { page-break-inside: avoid; }
  h2 { page-break-after: avoid; }
}
`;
