/* The booth plan's admin page: a click on the plan fills the x and y (percent) of the booth
   row being edited, and the markers follow what the rows say. Without this script the
   percentages are typed by hand. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    var placer = document.querySelector("[data-placer]");
    if (!placer) { return; }
    var image = placer.querySelector("img");
    var status = document.querySelector("[data-placer-status]");
    var current = null;

    function rows() {
      return Array.prototype.filter.call(
        document.querySelectorAll(".booth-rows tr.form-row"),
        function (row) { return !row.classList.contains("empty-form") && row.querySelector("input[name$='-x']"); }
      );
    }
    function field(row, name) { return row.querySelector("input[name$='-" + name + "']"); }

    function target() {
      if (current && document.body.contains(current)) { return current; }
      var all = rows();
      for (var i = 0; i < all.length; i++) {
        if (!field(all[i], "x").value && !field(all[i], "y").value) { return all[i]; }
      }
      return null;
    }

    function draw() {
      Array.prototype.forEach.call(placer.querySelectorAll(".booth-placer__marker"), function (m) { m.remove(); });
      rows().forEach(function (row) {
        var x = parseFloat((field(row, "x").value || "").replace(",", "."));
        var y = parseFloat((field(row, "y").value || "").replace(",", "."));
        if (isNaN(x) || isNaN(y)) { return; }
        var marker = document.createElement("span");
        marker.className = "booth-placer__marker" + (row === current ? " booth-placer__marker--current" : "");
        marker.textContent = field(row, "number").value || "?";
        marker.style.left = x + "%";
        marker.style.top = y + "%";
        placer.appendChild(marker);
      });
    }

    document.addEventListener("focusin", function (event) {
      var row = event.target.closest && event.target.closest(".booth-rows tr.form-row");
      if (row && !row.classList.contains("empty-form")) { current = row; draw(); }
    });
    document.addEventListener("input", function (event) {
      if (event.target.closest && event.target.closest(".booth-rows")) { draw(); }
    });

    image.addEventListener("click", function (event) {
      var row = target();
      if (!row) {
        status.textContent = placer.getAttribute("data-no-row") || "";
        return;
      }
      var box = image.getBoundingClientRect();
      var x = Math.min(100, Math.max(0, (event.clientX - box.left) / box.width * 100));
      var y = Math.min(100, Math.max(0, (event.clientY - box.top) / box.height * 100));
      field(row, "x").value = x.toFixed(1);
      field(row, "y").value = y.toFixed(1);
      current = row;
      draw();
      var number = field(row, "number").value;
      status.textContent = (placer.getAttribute("data-placed") || "")
        .replace("%(number)s", number || "?").replace("%(x)s", x.toFixed(1)).replace("%(y)s", y.toFixed(1));
    });

    draw();
  });
}());
