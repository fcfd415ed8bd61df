// Chart of the supervisor's roll-up (reports/rollup.html): per commune, the share of tasks done and of units with
// a model. Data comes from <script id="rollup-data" type="application/json"> (json_script); no inline script (CSP).
// The same figures are in the table below the chart, which is the text alternative.
"use strict";

(function () {
  const source = document.getElementById("rollup-data");
  const canvas = document.getElementById("rollup-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  if (data.labels.length === 0) {
    return;
  }
  // One bar pair per commune: give each commune room so long names stay readable on a phone.
  canvas.parentElement.style.height = Math.max(200, 40 * data.labels.length + 80) + "px";
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Nhiệm vụ hoàn thành (%)", data: data.done, backgroundColor: "#9f1239" },
        { label: "Đơn vị có mô hình (%)", data: data.coverage, backgroundColor: "#475569" },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: "y",
      plugins: { legend: { position: "bottom" } },
      scales: { x: { beginAtZero: true, max: 100, ticks: { precision: 0 } } },
    },
  });
})();
