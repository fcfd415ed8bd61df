// The chart of a "Dân vận khéo" campaign page: registrations by status.
// Data comes from <script id="coverage-data" type="application/json"> (json_script); no inline script (CSP).
"use strict";

(function () {
  const source = document.getElementById("coverage-data");
  const canvas = document.getElementById("coverage-status-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.status.labels,
      datasets: [
        {
          label: "Số phiếu",
          data: data.status.values,
          backgroundColor: "#9f1239",
        },
      ],
    },
    options: {
      responsive: true,
      aspectRatio: 2.2,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();
