// besluitpak's page behaviour: everything works without it; this adds drag-to-order and
// keeps the keyboard focus where it was when htmx replaces a part of the page.
(function () {
  "use strict";
  var lastPressed = null;

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

  // Omhoog / Omlaag inside a part htmx replaces: after the swap, focus the button with the
  // same name and value again (or, now disabled at the end of the list, its neighbour).
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[name][value]") : null;
    lastPressed = button ? { name: button.name, value: button.value } : null;
  });

  function restoreFocus(root) {
    if (!lastPressed) { return; }
    var selector = 'button[name="' + CSS.escape(lastPressed.name) + '"][value="' +
      CSS.escape(lastPressed.value) + '"]';
    var button = root.querySelector(selector);
    if (button && button.disabled) {
      var row = button.closest("li");
      button = row ? row.querySelector("button:not([disabled])") : null;
    }
    if (button) { button.focus(); }
    lastPressed = null;
  }

  // A one-line text shown in a text area so that it wraps (Onderwerp): Enter submits its
  // form, as in a one-line field, instead of starting a new line.
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || event.shiftKey || !field.matches ||
        !field.matches("textarea[data-one-line]")) { return; }
    event.preventDefault();
    if (field.form) { field.form.requestSubmit(); }
  });

  // The built editions are swapped in again by every poll while a job or its thumbnails are
  // under way: an edition's pages the person opened stay open (and closed ones closed).
  var openEditions = null;
  document.addEventListener("htmx:beforeSwap", function () {
    openEditions = Array.prototype.map.call(
      document.querySelectorAll("#gebouwd details[open]"),
      function (details) { return details.getAttribute("data-edition"); });
  });
  function reopenEditions() {
    if (openEditions === null) { return; }
    document.querySelectorAll("#gebouwd details[data-edition]").forEach(function (details) {
      if (openEditions.indexOf(details.getAttribute("data-edition")) !== -1) { details.open = true; }
    });
    openEditions = null;
  }

  document.addEventListener("DOMContentLoaded", function () { sortables(document); });
  document.addEventListener("htmx:load", function (event) { sortables(event.target); });
  document.addEventListener("htmx:afterSettle", function () {
    reopenEditions();
    restoreFocus(document);
  });
})();
