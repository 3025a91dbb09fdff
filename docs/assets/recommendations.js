/* Ground Up: filter the recommendations list by audience and theme. Plain JavaScript, no network,
 * works from file://; without it every recommendation shows. State: ?audience=<id>&theme=<id>. */
(function () {
  "use strict";
  var form = document.getElementById("gu-rec-filters");
  if (!form) return;
  var count = document.getElementById("gu-rec-count");
  var empty = document.getElementById("gu-rec-empty");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.gu-rec"));
  var stages = Array.prototype.slice.call(document.querySelectorAll(".gu-rec-stage"));
  var fields = ["audience", "theme"];

  function readState() {
    var params = new URLSearchParams(location.search);
    fields.forEach(function (name) {
      var value = params.get(name) || "";
      var select = form.elements[name];
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    });
  }

  function apply() {
    var shown = 0;
    items.forEach(function (li) {
      var ok = fields.every(function (name) {
        var value = form.elements[name].value;
        return !value || li.classList.contains("gu-" + name + "-" + value);
      });
      li.hidden = !ok;
      if (ok) shown++;
    });
    stages.forEach(function (section) { section.hidden = !section.querySelector("li.gu-rec:not([hidden])"); });
    empty.hidden = shown > 0;
    count.hidden = false;
    count.textContent = shown + " of " + items.length + (items.length === 1 ? " recommendation" : " recommendations");
  }

  function writeState() {
    var params = new URLSearchParams();
    fields.forEach(function (name) { if (form.elements[name].value) params.set(name, form.elements[name].value); });
    var text = params.toString();
    history.replaceState(null, "", text ? "?" + text : location.pathname.split("/").pop() || "./");
  }

  form.addEventListener("change", function () { apply(); writeState(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  readState();
  form.hidden = false;
  apply();
})();
