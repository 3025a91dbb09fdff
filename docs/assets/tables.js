// Ground Up: on narrow screens the stylesheet shows tables as one card per row. Generated tables carry
// each column's name on their cells (data-label); this gives hand-written Markdown tables the same.
(function () {
  "use strict";
  document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
    if (table.closest(".gu-table")) return;
    var labels = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (!labels.length) return;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (labels[i]) cell.setAttribute("data-label", labels[i]);
      });
    });
    table.setAttribute("data-gu-cards", "");
  });
})();
