// Small behaviours of the portal. Loaded as a file: the CSP forbids inline scripts.
"use strict";

// Ask before destructive actions: <form data-confirm="Xóa mục này?"> or <button data-confirm="...">.
document.addEventListener("submit", function (event) {
  const form = event.target;
  const submitter = event.submitter;
  const message = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Send the CSRF token with every htmx request.
document.addEventListener("htmx:configRequest", function (event) {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.value;
  }
});
