/* Ground Up case explorer: faceted filtering over window.GROUND_UP_EXPLORE (see explore-data.js).
 * Plain JavaScript, no framework, no network: works from a web server and from file://.
 * AND across facets, OR within a facet; state lives in the URL query so views can be shared. */
(function () {
  "use strict";
  var root = document.getElementById("gu-explorer");
  var data = window.GROUND_UP_EXPLORE;
  if (!root || !data) return;

  var PAGE = 100;
  var form = document.getElementById("gu-filters");
  var search = document.getElementById("gu-q");
  var countEl = document.getElementById("result-count");
  var list = document.getElementById("gu-cards");
  var more = document.getElementById("gu-more");
  var clear = document.getElementById("gu-clear");
  var facetIds = data.facets.map(function (f) { return f.id; });
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var countSpans = {};
  boxes.forEach(function (box) {
    countSpans[box.name + "\u0000" + box.value] = box.parentNode.querySelector(".gu-count");
  });
  var shown = PAGE;
  var matches = [];

  // Case pages sit beside this page's folder (directory URLs) or beside this file (offline build).
  var flat = /\.html$/.test(location.pathname) && !/\/index\.html$/.test(location.pathname);
  function caseUrl(slug) { return flat ? "cases/" + slug + ".html" : "../cases/" + slug + "/"; }

  function readState() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "", selected: {} };
    facetIds.forEach(function (id) { state.selected[id] = params.getAll(id); });
    return state;
  }

  function formState() {
    var state = { q: search.value.trim(), selected: {} };
    facetIds.forEach(function (id) { state.selected[id] = []; });
    boxes.forEach(function (box) { if (box.checked) state.selected[box.name].push(box.value); });
    return state;
  }

  function applyToForm(state) {
    search.value = state.q;
    boxes.forEach(function (box) { box.checked = state.selected[box.name].indexOf(box.value) !== -1; });
  }

  function query(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    facetIds.forEach(function (id) { state.selected[id].forEach(function (v) { params.append(id, v); }); });
    var text = params.toString();
    return text ? "?" + text : location.pathname.split("/").pop() || "./";
  }

  function filter(state) {
    var active = facetIds.filter(function (id) { return state.selected[id].length > 0; });
    var sets = {};
    active.forEach(function (id) { sets[id] = new Set(state.selected[id]); });
    var words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    var counts = {};
    facetIds.forEach(function (id) { counts[id] = {}; });
    var found = [];
    data.cases.forEach(function (c) {
      if (words.length && !words.every(function (w) { return c.text.indexOf(w) !== -1; })) return;
      var failed = null;
      var failures = 0;
      for (var i = 0; i < active.length && failures < 2; i++) {
        var values = c.f[active[i]];
        var hit = false;
        for (var j = 0; j < values.length; j++) { if (sets[active[i]].has(values[j])) { hit = true; break; } }
        if (!hit) { failures++; failed = active[i]; }
      }
      if (failures === 0) found.push(c);
      // A value's count: cases matching every other facet, so it says what ticking it would give.
      facetIds.forEach(function (id) {
        if (failures === 0 || (failures === 1 && failed === id)) {
          c.f[id].forEach(function (v) { counts[id][v] = (counts[id][v] || 0) + 1; });
        }
      });
    });
    return { found: found, counts: counts };
  }

  function card(c) {
    var li = document.createElement("li");
    li.className = "gu-card";
    li.setAttribute("data-slug", c.slug);
    var h = document.createElement("h3");
    var a = document.createElement("a");
    a.href = caseUrl(c.slug);
    a.textContent = c.title;
    h.appendChild(a);
    var p = document.createElement("p");
    p.textContent = c.summary;
    var m = document.createElement("p");
    m.className = "gu-card-meta";
    m.textContent = c.countries + " \u00b7 " + c.model;
    li.appendChild(h);
    li.appendChild(p);
    li.appendChild(m);
    return li;
  }

  function renderCards() {
    var fragment = document.createDocumentFragment();
    matches.slice(0, shown).forEach(function (c) { fragment.appendChild(card(c)); });
    list.replaceChildren(fragment);
    more.hidden = matches.length <= shown;
  }

  function render(state) {
    var result = filter(state);
    matches = result.found;
    shown = PAGE;
    boxes.forEach(function (box) {
      var n = result.counts[box.name][box.value] || 0;
      var span = countSpans[box.name + "\u0000" + box.value];
      if (span) span.textContent = "(" + n + ")";
      box.parentNode.classList.toggle("gu-empty", n === 0 && !box.checked);
    });
    var total = data.cases.length;
    countEl.textContent = matches.length === total
      ? total + (total === 1 ? " case" : " cases")
      : matches.length + " of " + total + " cases match";
    renderCards();
  }

  function update(push) {
    var state = formState();
    var url = query(state);
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    render(state);
  }

  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") update(true);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  search.addEventListener("input", function () { update(false); });
  clear.addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    search.value = "";
    update(true);
  });
  more.addEventListener("click", function () {
    shown += PAGE;
    renderCards();
    var next = list.children[shown - PAGE];
    if (next) next.querySelector("a").focus();
  });
  window.addEventListener("popstate", function () {
    var state = readState();
    applyToForm(state);
    render(state);
  });

  var initial = readState();
  applyToForm(initial);
  render(initial);
})();
