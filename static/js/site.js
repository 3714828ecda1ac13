// Small improvements only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so screen readers announce it (autofocus covers
  // most browsers; this covers the rest).
  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
  // Buttons that need a confirmation (cancel a registration): data-confirm="question".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // A second press while the first submit is on its way does nothing.
    if (form.getAttribute("data-submitting") === "1") {
      event.preventDefault();
      return;
    }
    if ((form.method || "").toLowerCase() === "post") {
      form.setAttribute("data-submitting", "1");
    }
  });
})();

// Print buttons (service checklists, the programme) are hidden without JavaScript; the
// browser's own print works there.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();

// === workshops ===
// The desa/kelurahan list shows only the chosen kecamatan's <optgroup>; without this
// script every group is listed and the server checks the pair.
(function () {
  "use strict";
  var kecamatan = document.getElementById("id_kecamatan");
  var village = document.getElementById("id_village");
  if (!kecamatan || !village) { return; }
  function filter() {
    var chosen = kecamatan.options[kecamatan.selectedIndex];
    var name = chosen && chosen.value ? chosen.text : "";
    Array.prototype.forEach.call(village.querySelectorAll("optgroup"), function (group) {
      var show = !name || group.label === name;
      group.hidden = !show;
      group.disabled = !show;
    });
    var selected = village.options[village.selectedIndex];
    if (selected && selected.parentNode.disabled) { village.value = ""; }
  }
  kecamatan.addEventListener("change", filter);
  filter();
})();

// Offline copies of the visitor's own ticket and the programme (README "Offline"): the page
// names the worker; browsers without service workers simply go on as before.
(function () {
  "use strict";
  var script = document.querySelector("script[data-offline-worker]");
  var worker = script && script.getAttribute("data-offline-worker");
  if (worker && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(worker, { scope: "/" }).catch(function () {});
  }
})();
