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
