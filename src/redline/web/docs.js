// Redline API docs: reads /openapi.json (with the dashboard's token when the server needs one) and renders it
// with the Swagger UI bundled in the server's Python environment. No CDN, no inline script.
"use strict";

function tokenHeaders() {
  const token = sessionStorage.getItem("redline-token");
  return token ? { Authorization: "Bearer " + token } : {};
}

function showBanner(text) {
  const banner = document.getElementById("docs-banner");
  banner.hidden = false;
  banner.textContent = text;
}

async function renderDocs() {
  let response;
  try {
    response = await fetch("/openapi.json", { headers: { Accept: "application/json", ...tokenHeaders() } });
  } catch (err) {
    showBanner("The API description could not be loaded: " + err.message);
    return;
  }
  if (response.status === 401) {
    showBanner("This server needs a token: enter it on the dashboard (link above), then come back to this page.");
    return;
  }
  if (!response.ok) {
    showBanner("The API description could not be loaded (HTTP " + response.status + ").");
    return;
  }
  const spec = await response.json();
  window.SwaggerUIBundle({
    spec,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    requestInterceptor: (request) => {
      Object.assign(request.headers, tokenHeaders());
      return request;
    },
  });
  document.body.dataset.ready = "docs";
}

document.addEventListener("DOMContentLoaded", renderDocs);
