/* Ground Up: compare two governance models (governance/compare). Plain JavaScript, no network:
 * it copies the two chosen rows of the side-by-side table on the page into a pairwise view, so it
 * works from file:// and, without it, the full table still shows every model. State: ?a=<id>&b=<id>. */
(function () {
  "use strict";
  var form = document.getElementById("gu-pair-form");
  var out = document.getElementById("gu-pair");
  var table = document.getElementById("gu-models");
  if (!form || !out || !table) return;
  var selects = { a: form.elements.a, b: form.elements.b };
  var headings = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });

  function row(id) { return document.getElementById("model-" + id); }

  function readState() {
    var params = new URLSearchParams(location.search);
    ["a", "b"].forEach(function (key) {
      var id = params.get(key);
      if (id && row(id)) selects[key].value = id;
    });
  }

  function cellContent(cell) {
    var copy = cell.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".gu-cell-label, .gu-card-meta, br"), function (el) {
      el.parentNode.removeChild(el);
    });
    return copy.innerHTML;
  }

  function column(rowEl, i) {
    var div = document.createElement("div");
    div.className = "gu-pair-col";
    var name = document.createElement("p");
    name.className = "gu-pair-model";
    name.textContent = rowEl.cells[0].querySelector("a").textContent;
    div.appendChild(name);
    var body = document.createElement("div");
    if (i === 0) {
      // The name heads every column already: here the description, then the way to the model's page.
      var cell = rowEl.cells[0];
      var about = document.createElement("p");
      about.textContent = cell.querySelector(".gu-model-description").textContent;
      var more = document.createElement("p");
      var a = document.createElement("a");
      a.href = cell.querySelector("a").getAttribute("href");
      a.textContent = "More about this model (" + cell.querySelector(".gu-card-meta").textContent + ")";
      more.appendChild(a);
      body.appendChild(about);
      body.appendChild(more);
    } else {
      body.innerHTML = cellContent(rowEl.cells[i]);
    }
    div.appendChild(body);
    return div;
  }

  function render() {
    var rows = [row(selects.a.value), row(selects.b.value)];
    out.textContent = "";
    var title = document.createElement("h2");
    title.id = "pair-title";
    title.textContent = rows[0].cells[0].querySelector("a").textContent + " and " +
      rows[1].cells[0].querySelector("a").textContent;
    out.appendChild(title);
    for (var i = 0; i < headings.length; i++) {
      var section = document.createElement("section");
      section.className = "gu-pair-row";
      var h3 = document.createElement("h3");
      h3.textContent = i === 0 ? "What it is" : headings[i];
      section.appendChild(h3);
      var cols = document.createElement("div");
      cols.className = "gu-pair-cols";
      rows.forEach(function (r) { cols.appendChild(column(r, i)); });
      section.appendChild(cols);
      out.appendChild(section);
    }
  }

  function writeState() {
    var query = "?a=" + encodeURIComponent(selects.a.value) + "&b=" + encodeURIComponent(selects.b.value);
    history.replaceState(null, "", query);
  }

  form.addEventListener("change", function () { render(); writeState(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("popstate", function () { readState(); render(); });
  readState();
  form.hidden = false;
  render();
})();
