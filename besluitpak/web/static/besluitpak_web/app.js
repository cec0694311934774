// besluitpak's page behaviour: everything works without it; this only adds drag-to-order.
(function () {
  "use strict";
  function sortables(root) {
    if (typeof Sortable === "undefined") { return; }
    root.querySelectorAll("[data-sortable]").forEach(function (list) {
      if (list.dataset.sortableReady) { return; }
      list.dataset.sortableReady = "1";
      Sortable.create(list, {
        handle: "[data-sortable-handle]",
        animation: 150,
        onEnd: function () {
          var form = list.closest("form");
          if (form) { form.requestSubmit(); }
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { sortables(document); });
  document.addEventListener("htmx:load", function (event) { sortables(event.target); });
})();
