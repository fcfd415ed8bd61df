// Add rows to the indicator table of a "Dân vận khéo" registration (a Django formset).
// The new row is a copy of <template id="indicator-empty-row"> with __prefix__ replaced by its index.
"use strict";

(function () {
  const button = document.querySelector("[data-add-indicator]");
  const rows = document.getElementById("indicator-rows");
  const template = document.getElementById("indicator-empty-row");
  if (!button || !rows || !template) {
    return;
  }
  const prefix = rows.dataset.prefix;
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const maximum = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");

  button.addEventListener("click", function () {
    const index = parseInt(total.value, 10);
    if (maximum && index >= parseInt(maximum.value, 10)) {
      return;
    }
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    const body = document.createElement("tbody");
    body.innerHTML = html.trim();
    const row = body.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    const first = row.querySelector("input");
    if (first) {
      first.focus();
    }
  });
})();
