// Copy buttons for the citations on case pages. Without JavaScript (or a clipboard) the citation
// stays selectable text; the button only appears when the script runs.
(function () {
  "use strict";

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "gu-offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () {
        return copyWithSelection(text);
      });
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function addButton(block, label) {
    var code = block.querySelector("code") || block;
    var bar = document.createElement("div");
    bar.className = "gu-copy";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button gu-copy-button";
    button.textContent = label;
    var status = document.createElement("span");
    status.className = "gu-copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copy(code.textContent.replace(/\n$/, "")).then(function (ok) {
        if (ok) {
          status.textContent = "Copied.";
        } else {
          selectText(code);
          status.textContent = "Selected: press Ctrl+C (or Cmd+C) to copy.";
        }
      });
    });
    bar.appendChild(button);
    bar.appendChild(status);
    block.parentNode.insertBefore(bar, block);
  }

  function init() {
    var labels = { "gu-cite-text": "Copy citation", "gu-cite-bibtex": "Copy BibTeX" };
    Object.keys(labels).forEach(function (name) {
      document.querySelectorAll(".gu-cite pre." + name).forEach(function (block) { addButton(block, labels[name]); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
