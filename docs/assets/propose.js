/* Ground Up: the propose-a-case form. Fills the case template from the form, shows the Markdown,
 * and offers it as a download or as a prefilled new file on the forge. The choices come from
 * assets/propose-data.js (generated from data/*.yml), so the page works from file:// too. */
(function () {
  "use strict";

  var data = window.GROUND_UP_VOCABS;
  var form = document.getElementById("gu-propose");
  if (!form || !data) {
    return;
  }
  var PROMPTS = {
    "Context": "What problem did the organisations face, and who started the work? Cite the source like this: [1].",
    "How they collaborate": "Who governs the software, who pays, who develops, and how decisions are made.",
    "Technology": "The software, its architecture and licence.",
    "Outcomes": "Dated adoption figures and results.",
    "Challenges": "What was hard, and what is still unresolved.",
    "Lessons": "What others can learn from this case."
  };
  var YAML_WORDS = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
  var field = function (name) { return form.elements.namedItem(name); };
  var value = function (name) { return field(name).value.replace(/\s+/g, " ").trim(); };
  var output = document.getElementById("gu-propose-output");
  var status = document.getElementById("gu-propose-status");
  var download = document.getElementById("gu-propose-download");
  var pullRequest = document.getElementById("gu-propose-pr");
  var slugEdited = false;

  function fillChoices() {
    var selects = form.querySelectorAll("select[data-vocabulary]");
    Array.prototype.forEach.call(selects, function (select) {
      var name = select.getAttribute("data-vocabulary");
      var terms = name === "countries" ? data.countries : data.vocabularies[name];
      terms.forEach(function (term) {
        var option = document.createElement("option");
        option.value = term.id;
        option.textContent = term.name;
        if (term.description) {
          option.title = term.description;
        }
        select.appendChild(option);
      });
      var preset = select.getAttribute("data-default");
      if (preset) {
        select.value = preset;
      }
    });
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function slugify(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // Free text as a YAML double-quoted string; JSON escapes are YAML escapes too, except for the
  // characters YAML treats as line breaks or refuses, which are escaped here.
  function quote(text) {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function code(text) {
    return YAML_WORDS.indexOf(text.toLowerCase()) >= 0 ? quote(text) : text;
  }

  function text(name, placeholder) {
    return quote(value(name) || "TODO " + placeholder);
  }

  function countries() {
    var codes = [field("country").value || "TODO"];
    otherCountries().forEach(function (raw) {
      var c = countryCode(raw);
      if (c && codes.indexOf(c) < 0) {
        codes.push(c);
      }
    });
    return codes;
  }

  // The other countries as typed: names or ISO codes, separated by commas or semicolons.
  function otherCountries() {
    return value("more_countries").split(/[,;]+/).map(function (raw) { return raw.trim(); })
      .filter(function (raw) { return raw; });
  }

  function countryCode(raw) {
    var wanted = raw.toLowerCase();
    var found = data.countries.filter(function (c) {
      return c.id.toLowerCase() === wanted || c.name.toLowerCase() === wanted;
    });
    return found.length ? found[0].id : "";
  }

  function unknownCountries() {
    return otherCountries().filter(function (raw) { return !countryCode(raw); });
  }

  function render() {
    var date = today();
    var ccs = countries();
    var takeaways = field("takeaways").value.split(/\n+/).map(function (t) { return t.trim(); })
      .filter(Boolean).slice(0, 3);
    var lines = [
      "---",
      "title: " + text("title", "Name of the case"),
      "summary: " + text("summary", "One or two plain sentences saying who shares what software and how.")
    ].concat(takeaways.length ? ["takeaways:"].concat(takeaways.map(function (t) { return "  - " + quote(t); })) : [], [
      "status: " + (field("status").value || "active"),
      "domain: " + (field("domain").value || "TODO"),
      "countries: [" + ccs.map(code).join(", ") + "]",
      "level: " + (field("level").value || "local"),
      "started: " + (value("started") || "TODO"),
      "governance_model: " + (field("governance_model").value || "TODO"),
      "mechanisms: []",
      "recommendations: []",
      "software:",
      "  - name: " + text("software_name", "Software name")
    ]);
    if (value("software_repository")) {
      lines.push("    repository: " + quote(value("software_repository")));
    }
    if (value("software_licence")) {
      lines.push("    licence: " + quote(value("software_licence")));
    }
    lines.push(
      "organisations:",
      "  - name: " + text("organisation_name", "Organisation"),
      "    role: " + (field("organisation_role").value || "initiator"),
      "    type: " + (field("organisation_type").value || "TODO"),
      "    country: " + code(ccs[0]),
      "adoption: []",
      "sources:",
      "  - title: " + text("source_title", "Title of the source"),
      "    url: " + text("source_url", "address of the source")
    );
    if (value("source_publisher")) {
      lines.push("    publisher: " + quote(value("source_publisher")));
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(value("source_date"))) {
      lines.push("    date: " + value("source_date"));
    }
    lines.push("related: []", "derived_from: []", "published: " + date, "reviewed: " + date, "---", "");
    data.sections.forEach(function (section) {
      var prompt = PROMPTS[section] || "Write this section in your own words, citing sources as [1].";
      lines.push("## " + section, "", "TODO " + prompt, "");
    });
    return lines.join("\n");
  }

  function fileName() {
    return (value("slug") || slugify(value("title")) || "new-case") + ".md";
  }

  function update() {
    if (!slugEdited) {
      field("slug").value = slugify(value("title"));
    }
    var markdown = render();
    output.value = markdown;
    pullRequest.href = data.newFileUrl + "?filename=" + encodeURIComponent(fileName()) +
      "&value=" + encodeURIComponent(markdown);
    var unknown = unknownCountries();
    status.textContent = unknown.length ? "Not countries we know, left out: " + unknown.join(", ") + "." : "";
  }

  function ready(event) {
    update();
    if (form.checkValidity()) {
      return true;
    }
    if (!field("slug").checkValidity()) {
      document.getElementById("gu-p-advanced").open = true;  // a hidden field cannot show its error
    }
    if (event) {
      event.preventDefault();
    }
    status.textContent = "Some required fields are missing or not valid; they are marked in the form.";
    form.reportValidity();
    return false;
  }

  fillChoices();
  field("started").max = String(new Date().getFullYear());
  field("slug").pattern = data.slugPattern.replace(/^\^|\$$/g, "");
  form.hidden = false;
  document.getElementById("gu-propose-nojs").hidden = true;
  document.getElementById("gu-propose-result").hidden = false;
  form.addEventListener("input", function (event) {
    if (event.target === field("slug")) {
      slugEdited = field("slug").value !== "";
    }
    update();
  });
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (ready(null)) {
      output.focus();
    }
  });
  download.addEventListener("click", function () {
    if (!ready(null)) {
      return;
    }
    var blob = new Blob([output.value], { type: "text/markdown;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName();
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 0);
    status.textContent = "Downloaded " + fileName() + ". Put it in the cases/ folder of your copy of the repository.";
  });
  pullRequest.addEventListener("click", ready);
  update();
})();
