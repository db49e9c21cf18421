// Redline dashboard, part 1: DOM helpers, the API client and the event and quote tables shared by the pages
// (charts.js draws the charts, app.js holds the pages and the router). Every piece of data is untrusted and
// goes into the page as text (textContent / createTextNode), never as HTML.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

// -- DOM helpers ---------------------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) if (child) node.appendChild(child);
  return node;
}

/** A wide table in its own horizontal scroller, so a narrow screen scrolls the table, not the page. */
function scroller(table) {
  return el("div", { class: "table-scroll" }, table);
}

function link(href, text) {
  return el("a", { href }, text);
}

function enc(value) {
  return encodeURIComponent(value);
}

function actorLabel(actor) {
  return actor.name || actor.country || actor.text || "?";
}

function actorKey(actor) {
  return actor.country || actor.name || actor.text || "";
}

function actorLinks(actors) {
  if (!actors || !actors.length) return [el("span", { class: "muted" }, "—")];
  const out = [];
  actors.forEach((actor, i) => {
    if (i) out.push(", ");
    const key = actorKey(actor);
    out.push(key ? link("#/actor/" + enc(key), actorLabel(actor)) : actorLabel(actor));
  });
  return out;
}

function speakerLabel(speaker) {
  if (!speaker) return "unknown speaker";
  return speaker.name || speaker.mention || "unknown speaker";
}

function day(value) {
  return value ? String(value).slice(0, 10) : "undated";
}

// -- API -----------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem("redline-token");
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(url, { headers });
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    body = null;
  }
  if (!response.ok) {
    const error = (body && body.error) || {};
    throw new ApiError(response.status, error.code || "error", error.message || "the server answered " + response.status);
  }
  return body;
}

function showError(err) {
  const banner = document.getElementById("banner");
  banner.hidden = false;
  banner.textContent = "";
  if (err instanceof ApiError && err.status === 401) {
    const input = el("input", { type: "password", placeholder: "token", "aria-label": "token" });
    const form = el(
      "form",
      {
        onsubmit: (event) => {
          event.preventDefault();
          sessionStorage.setItem("redline-token", input.value);
          banner.hidden = true;
          route();
        },
      },
      "This server needs a token: ",
      input,
      el("button", { type: "submit" }, "Use token"),
    );
    banner.appendChild(form);
    return;
  }
  banner.textContent = err && err.message ? err.message : String(err);
}

function clearError() {
  const banner = document.getElementById("banner");
  banner.hidden = true;
  banner.textContent = "";
}

// -- views ---------------------------------------------------------------------------------------------------

// How a report puts an act (the API's `modality`): only "asserted" says it happened.
const MODALITIES = {
  asserted: "reported as done",
  negated: "reported as NOT done",
  hypothetical: "conditional: only if something else happens",
  future: "announced or planned, not yet done",
  claimed: "a third party says so",
};

function modalityOf(event) {
  if (event.modality) return event.modality;
  if (event.negated) return "negated";
  if (event.hypothetical) return "hypothetical";
  if (event.future) return "future";
  return event.claimed ? "claimed" : "asserted";
}

function isNegated(event) {
  return Boolean(event.negated) || modalityOf(event) === "negated";
}

function typeLabel(event) {
  return (isNegated(event) ? "not " : "") + event.event_type;
}

function modalityBadge(event) {
  const modality = modalityOf(event);
  return el("span", { class: "badge modality-" + modality, title: MODALITIES[modality] || modality }, modality);
}

function confidenceText(event) {
  return typeof event.confidence === "number" ? event.confidence.toFixed(2) : "—";
}

function safeUrl(value) {
  try {
    const url = new URL(String(value));
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (err) {
    return null;
  }
}

// The event tables' columns: a cell per event, and a sort key where a click on the header sorts the rows.
const EVENT_COLUMNS = [
  { label: "Date", cell: (e) => el("td", { class: "date" }, day(e.date)), key: (e) => e.date || "" },
  {
    label: "Type",
    cell: (e) =>
      el(
        "td",
        { class: "type quad" + e.quad + (isNegated(e) ? " negated" : ""), title: isNegated(e) ? "negated: the report says this did not happen" : null },
        typeLabel(e),
      ),
    key: (e) => e.event_type + (isNegated(e) ? " (not)" : ""),
  },
  { label: "Mode", cell: (e) => el("td", { class: "mode" }, e.mode || el("span", { class: "muted" }, "—")) },
  { label: "Modality", cell: (e) => el("td", { class: "modality" }, modalityBadge(e)) },
  { label: "Confidence", cell: (e) => el("td", { class: "confidence num" }, confidenceText(e)), key: (e) => e.confidence ?? -1 },
  { label: "Actor", cell: (e) => el("td", {}, actorLinks(e.actor)) },
  { label: "Recipient", cell: (e) => el("td", {}, actorLinks(e.recipient)) },
  { label: "Reports", cell: (e) => el("td", { class: "num" }, String(e.report_count || (e.reports || []).length || 1)) },
  { label: "Evidence", cell: (e) => el("td", { class: "evidence-text" }, e.text) },
  { label: "Rule", cell: (e) => el("td", { class: "rule muted", title: "the rule that fired" }, e.rule || "—") },
];

function eventsTable(events, onSelect) {
  const pairs = events.map((event) => {
    const row = el(
      "tr",
      {
        class: "clickable event-row" + (isNegated(event) ? " negated" : ""),
        "data-id": event.id,
        "data-modality": modalityOf(event),
        tabindex: 0,
      },
      EVENT_COLUMNS.map((column) => column.cell(event)),
    );
    row.addEventListener("click", (e) => {
      if (e.target.closest("a")) return;
      onSelect(event, row);
    });
    row.addEventListener("keydown", (e) => {
      if (e.key === "Enter") onSelect(event, row);
    });
    return { event, row };
  });
  const tbody = el(
    "tbody",
    {},
    pairs.length ? pairs.map((p) => p.row) : [el("tr", {}, el("td", { colspan: EVENT_COLUMNS.length, class: "muted" }, "No events."))],
  );
  // client-side sort of the loaded rows: a first click sorts descending (newest, highest), a second ascending
  const headers = EVENT_COLUMNS.map((column) => {
    if (!column.key) return el("th", {}, column.label);
    const th = el("th", { "aria-sort": "none" });
    const button = el("button", { type: "button", class: "sort", "data-sort": column.label.toLowerCase() }, column.label);
    button.addEventListener("click", () => {
      const descending = th.getAttribute("aria-sort") !== "descending";
      for (const other of th.parentNode.children) if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      const sorted = [...pairs].sort((a, b) => {
        const x = column.key(a.event);
        const y = column.key(b.event);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return descending ? -order : order;
      });
      for (const { row } of sorted) tbody.appendChild(row);
    });
    th.appendChild(button);
    return th;
  });
  return scroller(el("table", { class: "events" }, el("thead", {}, el("tr", {}, headers)), tbody));
}

function quotesList(quotes) {
  if (!quotes.length) return el("p", { class: "muted" }, "No quotes.");
  return el(
    "ul",
    { class: "plain quotes" },
    quotes.map((quote) =>
      el(
        "li",
        { class: "quote" },
        el("span", { class: "speaker" }, speakerLabel(quote.speaker)),
        quote.cue ? " " + quote.cue + ": " : ": ",
        el("span", { class: "quote-text" }, "“" + quote.text + "”"),
      ),
    ),
  );
}
