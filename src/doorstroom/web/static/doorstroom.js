/* Doorstroom: draws the charts from their JSON data blocks (no inline scripts; CSP 'self'),
   and moves focus to an error summary so screen-reader users hear what to fix. */
(function () {
  "use strict";

  function teken(root) {
    if (typeof window.Plotly === "undefined") { return; }
    root.querySelectorAll("[data-figuur]").forEach(function (vlak) {
      if (vlak.dataset.getekend) { return; }
      var blok = document.getElementById(vlak.dataset.figuur);
      if (!blok) { return; }
      var figuur = JSON.parse(blok.textContent);
      window.Plotly.newPlot(vlak, figuur.data, figuur.layout, { displayModeBar: false, responsive: true, locale: "nl" });
      vlak.dataset.getekend = "1";
    });
  }

  function focusFout(root) {
    var fout = root.querySelector("#foutmelding");
    if (fout) { fout.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    teken(document);
    focusFout(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    teken(event.target);
    focusFout(event.target);
  });
})();
