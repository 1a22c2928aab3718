/* Doorstroom: draws the charts from their JSON data blocks (no inline scripts; CSP 'self'),
   moves focus to an error summary so screen-reader users hear what to fix, and wires print buttons. */
(function () {
  "use strict";

  // Dutch month names, decimal comma and thousands point for every axis and hover label.
  var NL = {
    moduleType: "locale",
    name: "nl",
    dictionary: {},
    format: {
      days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
      shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
      months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december"],
      shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
      date: "%d-%m-%Y",
      decimal: ",",
      thousands: "."
    }
  };
  var geregistreerd = false;

  function teken(root) {
    if (typeof window.Plotly === "undefined") { return; }
    if (!geregistreerd) { window.Plotly.register(NL); geregistreerd = true; }
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

  // A print button (the AVG inspection): the browser prints or saves as PDF; no inline handler (CSP).
  function afdrukknoppen(root) {
    root.querySelectorAll("[data-afdrukken]").forEach(function (knop) {
      knop.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    teken(document);
    focusFout(document);
    afdrukknoppen(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    teken(event.target);
    focusFout(event.target);
  });
})();
