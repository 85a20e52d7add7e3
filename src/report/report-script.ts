/**
 * The report's only script, inlined: sorts tables with class `sortable` when a heading is clicked and filters
 * the asset inventory. Plain browser JavaScript, no library, nothing fetched; the report reads fine without it.
 */
export const REPORT_SCRIPT = `
(function () {
  "use strict";
  var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  function keyOf(cell) {
    if (!cell) return "";
    var k = cell.getAttribute("data-key");
    return k !== null ? k : cell.textContent.trim();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var order = collator.compare(keyOf(x.cells[column]), keyOf(y.cells[column]));
          return ascending ? order : -order;
        });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (r) { fragment.appendChild(r); });
        body.appendChild(fragment);
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  });

  var table = document.getElementById("asset-table");
  if (!table) return;
  var text = document.getElementById("asset-filter");
  var zone = document.getElementById("asset-zone");
  var role = document.getElementById("asset-role");
  var undeclared = document.getElementById("asset-undeclared");
  var counter = document.getElementById("asset-count");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var haystacks = rows.map(function (r) { return r.textContent.toLowerCase(); });
  function apply() {
    var words = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r, i) {
      var visible =
        (zone.value === "*" || r.getAttribute("data-zone") === zone.value) &&
        (role.value === "*" || r.getAttribute("data-role") === role.value) &&
        (!undeclared.checked || r.getAttribute("data-declared") === "0") &&
        words.every(function (w) { return haystacks[i].indexOf(w) !== -1; });
      r.hidden = !visible;
      if (visible) shown++;
    });
    counter.textContent = shown + " of " + rows.length + " assets";
  }
  [text, zone, role, undeclared].forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });
})();
`;
