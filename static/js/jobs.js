// Background job progress (templates/jobs/progress.html). Loaded as a file: the CSP forbids inline
// scripts and styles, so the bar's width is set here from data-job-percent.
"use strict";

(function () {
  function sizeBars(root) {
    const bars = Array.from(root.querySelectorAll ? root.querySelectorAll("[data-job-percent]") : []);
    if (root.matches && root.matches("[data-job-percent]")) {
      bars.push(root);
    }
    bars.forEach(function (bar) {
      bar.style.width = bar.dataset.jobPercent + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    sizeBars(document);
  });
  document.addEventListener("htmx:load", function (event) {
    sizeBars(event.detail.elt);
  });
  // A poll's answer replaces the bar out of band.
  document.addEventListener("htmx:afterSettle", function () {
    sizeBars(document);
  });

  // Poll only while the tab is visible; catch up at once when it comes back.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (document.visibilityState !== "visible" && event.detail.elt.matches("[data-job-poll]")) {
      event.preventDefault();
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && window.htmx) {
      document.querySelectorAll("[data-job-poll]").forEach(function (element) {
        window.htmx.trigger(element, "job:refresh");
      });
    }
  });
})();
