// The plan editor (plans/plan_edit.html and the part pages): forms loaded in place, confirmations,
// numbering that follows the parent section, searchable unit pickers. Every part also works without it.
"use strict";

(function () {
  // The same folding as danvan.text.fold on the server: lower case, no diacritics, "đ" read as "d".
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  // A refused form comes back with 400 and its errors, or 409 with both versions when someone else
  // saved first (plans/views/editor.py): show it in place instead of dropping it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 400 || event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
    // The form that was sent may have been replaced meanwhile (another part opened in its slot): keep
    // the new one, and still apply the lists that come with the answer, which are swapped by id.
    if (event.detail.target && !event.detail.target.isConnected) {
      event.detail.target = document.createElement("div");
      event.detail.swapOverride = "innerHTML";
    }
  });

  // Ask before a delete sent by htmx, with the same data-confirm text the plain form carries (static/js/app.js).
  document.addEventListener("htmx:confirm", function (event) {
    const holder = event.detail.elt.closest("[data-confirm]");
    if (!holder) {
      return;
    }
    event.preventDefault();
    if (window.confirm(holder.dataset.confirm)) {
      event.detail.issueRequest(true);
    }
  });

  // Close a form loaded in place, and give the focus back to the button that opened it.
  document.addEventListener("click", function (event) {
    const close = event.target.closest("[data-editor-close]");
    if (!close) {
      return;
    }
    const slot = close.closest(".editor-slot");
    if (slot) {
      const kind = slot.id.replace("-slot", "");
      slot.replaceChildren();
      const opener = document.querySelector('[data-editor-add="' + kind + '"]');
      if (opener) {
        opener.focus();
      }
    }
  });

  // A new section takes the numbering of its level (I. > 1. > a) > - > +) until the official picks one.
  document.addEventListener("change", function (event) {
    const select = event.target;
    if (select.matches("select[data-follows-parent]")) {
      select.dataset.touched = "true";
      return;
    }
    if (select.name !== "parent" || !select.form) {
      return;
    }
    const numbering = select.form.querySelector("select[data-follows-parent]");
    const option = select.selectedOptions[0];
    if (numbering && !numbering.dataset.touched && option && option.dataset.numbering) {
      numbering.value = option.dataset.numbering;
    }
  });

  function pickers(input) {
    const scope = input.closest("form") || document;
    return scope.querySelectorAll('select[data-unit-picker="' + input.dataset.unitFilter + '"]');
  }

  function summarize(input) {
    const chosen = [];
    pickers(input).forEach(function (select) {
      Array.from(select.selectedOptions).forEach(function (option) {
        chosen.push(option.textContent.trim());
      });
    });
    const summary = input.parentElement.querySelector("[data-unit-summary]");
    if (summary) {
      summary.textContent = chosen.length ? "Đã chọn: " + chosen.join("; ") : "Chưa chọn đơn vị nào.";
    }
  }

  // Show only the units and groups whose name holds what was typed, diacritics ignored; chosen ones stay.
  function filter(input) {
    const query = fold(input.value.trim());
    pickers(input).forEach(function (select) {
      Array.from(select.options).forEach(function (option) {
        if (!option.dataset.folded) {
          option.dataset.folded = fold(option.textContent);
        }
        option.hidden = query !== "" && !option.selected && !option.dataset.folded.includes(query);
      });
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("input[data-unit-filter]")) {
      filter(event.target);
    }
  });

  // One click picks or drops a unit, without holding Ctrl; the keyboard keeps the browser's own keys.
  document.addEventListener("mousedown", function (event) {
    const option = event.target;
    if (!(option instanceof HTMLOptionElement)) {
      return;
    }
    const select = option.closest("select[data-unit-picker]");
    if (!select || !select.multiple || option.disabled) {
      return;
    }
    event.preventDefault();
    option.selected = !option.selected;
    select.focus();
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });

  document.addEventListener("change", function (event) {
    const select = event.target.closest("select[data-unit-picker]");
    if (!select || !select.form) {
      return;
    }
    const input = select.form.querySelector('input[data-unit-filter="' + select.dataset.unitPicker + '"]');
    if (input) {
      summarize(input);
    }
  });

  function setUp(root) {
    root.querySelectorAll("[data-unit-filter-box]").forEach(function (box) {
      box.hidden = false;
      summarize(box.querySelector("input[data-unit-filter]"));
    });
    // Put the focus where the person continues: the first field of a form loaded in place, the first
    // refused field of a form sent back, or the message after a change.
    if (!(root instanceof Element)) {
      return;
    }
    if (root.matches("[data-editor-notice]")) {
      root.focus();
    } else if (root.closest(".editor-slot")) {
      const field = root.querySelector(".is-invalid") || root.querySelector("input:not([type=hidden]), select, textarea");
      if (field) {
        field.focus();
      }
      root.scrollIntoView({ block: "nearest" });
    }
  }

  if (window.htmx) {
    window.htmx.onLoad(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      setUp(document);
    });
  }
})();
