// Charts of the leader's dashboard (reports/dashboard.html): tasks by status, late tasks by unit, models by field.
// Data comes from <script id="dashboard-data" type="application/json"> (json_script); no inline script (CSP).
"use strict";

(function () {
  const source = document.getElementById("dashboard-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  const charts = [
    { id: "chart-status", series: data.status, type: "doughnut", label: "Số nhiệm vụ" },
    { id: "chart-late", series: data.late, type: "bar", label: "Nhiệm vụ chậm", color: "#b91c1c" },
    { id: "chart-field", series: data.field, type: "bar", label: "Số mô hình", color: "#9f1239" },
  ];
  const palette = ["#6c757d", "#0d6efd", "#198754", "#adb5bd"];
  charts.forEach(function (chart) {
    const canvas = document.getElementById(chart.id);
    if (!canvas || !chart.series || chart.series.values.length === 0) {
      return;
    }
    const bar = chart.type === "bar";
    new window.Chart(canvas, {
      type: chart.type,
      data: {
        labels: chart.series.labels,
        datasets: [
          {
            label: chart.label,
            data: chart.series.values,
            backgroundColor: bar ? chart.color : palette,
          },
        ],
      },
      options: {
        responsive: true,
        aspectRatio: 2,
        animation: false,
        indexAxis: bar ? "y" : undefined,
        plugins: { legend: { display: !bar, position: "right" } },
        scales: bar ? { x: { beginAtZero: true, ticks: { precision: 0 } } } : {},
      },
    });
  });
})();
