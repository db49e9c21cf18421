// Redline dashboard: hash routes over the JSON API. Every piece of data is untrusted and goes into the page
// as text (textContent / createTextNode), never as HTML.
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

// -- charts --------------------------------------------------------------------------------------------------

function conflictOf(dayRow) {
  return (dayRow.counts[2] || 0) + (dayRow.counts[3] || 0);
}

function cooperationOf(dayRow) {
  return (dayRow.counts[0] || 0) + (dayRow.counts[1] || 0);
}

function polyline(values, width, height, max, color) {
  const n = values.length;
  const points = values.map((v, i) => {
    const x = n === 1 ? width / 2 : (i / (n - 1)) * (width - 4) + 2;
    const y = height - 2 - (max ? (v / max) * (height - 4) : 0);
    return x.toFixed(1) + "," + y.toFixed(1);
  });
  return svg("polyline", { points: points.join(" "), fill: "none", stroke: color, "stroke-width": 1.5 });
}

function sparkline(days) {
  const width = 120;
  const height = 28;
  const conflict = days.map(conflictOf);
  const coop = days.map(cooperationOf);
  const max = Math.max(1, ...conflict, ...coop);
  return svg(
    "svg",
    { class: "spark", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "trend" },
    polyline(coop, width, height, max, "#1e8a5a"),
    polyline(conflict, width, height, max, "#c0392b"),
  );
}

function seriesChart(days, alerts) {
  const width = 760;
  const height = 220;
  const left = 30;
  const bottom = 24;
  const plotW = width - left - 10;
  const plotH = height - bottom - 10;
  const conflict = days.map(conflictOf);
  const coop = days.map(cooperationOf);
  const max = Math.max(1, ...conflict, ...coop);
  const x = (i) => left + (days.length === 1 ? plotW / 2 : (i / (days.length - 1)) * plotW);
  const y = (v) => 10 + plotH - (v / max) * plotH;
  const line = (values, color) =>
    svg("polyline", {
      points: values.map((v, i) => x(i).toFixed(1) + "," + y(v).toFixed(1)).join(" "),
      fill: "none",
      stroke: color,
      "stroke-width": 2,
    });
  const chart = svg(
    "svg",
    { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "dyad series" },
    svg("line", { class: "axis", x1: left, y1: 10 + plotH, x2: left + plotW, y2: 10 + plotH }),
    svg("line", { class: "axis", x1: left, y1: 10, x2: left, y2: 10 + plotH }),
    svg("text", { x: 2, y: 14, text: String(max) }),
    svg("text", { x: 2, y: 10 + plotH, text: "0" }),
    line(coop, "#1e8a5a"),
    line(conflict, "#c0392b"),
  );
  if (days.length) {
    chart.appendChild(svg("text", { x: left, y: height - 6, text: days[0].date }));
    chart.appendChild(svg("text", { x: left + plotW - 60, y: height - 6, text: days[days.length - 1].date }));
  }
  const index = new Map(days.map((d, i) => [d.date, i]));
  for (const alert of alerts || []) {
    if (!index.has(alert.date)) continue;
    const i = index.get(alert.date);
    const marker = svg("circle", { cx: x(i), cy: y(conflict[i]), r: 6, fill: "none", stroke: "#c0392b", "stroke-width": 2 });
    marker.appendChild(svg("title", { text: `alert (${alert.kind}) on ${alert.date}: score ${alert.score}` }));
    chart.appendChild(marker);
  }
  return chart;
}

function timelineChart(events) {
  const counts = new Map();
  for (const event of events) {
    if (!event.date) continue;
    const key = day(event.date);
    const slot = counts.get(key) || { conflict: 0, coop: 0 };
    if (event.quad >= 3) slot.conflict += 1;
    else slot.coop += 1;
    counts.set(key, slot);
  }
  const days = [...counts.keys()].sort();
  const width = 760;
  const height = 90;
  const chart = svg("svg", { class: "chart timeline", width, height, viewBox: `0 0 ${width} ${height}` });
  if (!days.length) return chart;
  const max = Math.max(1, ...days.map((d) => counts.get(d).conflict + counts.get(d).coop));
  const barW = Math.max(4, Math.min(40, (width - 20) / days.length - 2));
  days.forEach((d, i) => {
    const slot = counts.get(d);
    const x = 10 + i * (barW + 2);
    const hConflict = (slot.conflict / max) * (height - 24);
    const hCoop = (slot.coop / max) * (height - 24);
    const conflictBar = svg("rect", { x, y: height - 16 - hConflict, width: barW, height: hConflict, fill: "#c0392b" });
    const coopBar = svg("rect", { x, y: height - 16 - hConflict - hCoop, width: barW, height: hCoop, fill: "#1e8a5a" });
    const tip = svg("title", { text: `${d}: ${slot.conflict} conflict, ${slot.coop} cooperation` });
    chart.appendChild(svg("g", {}, conflictBar, coopBar, tip));
  });
  chart.appendChild(svg("text", { x: 10, y: height - 3, text: days[0] }));
  if (days.length > 1) chart.appendChild(svg("text", { x: width - 70, y: height - 3, text: days[days.length - 1] }));
  return chart;
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
  { label: "Evidence", cell: (e) => el("td", {}, e.text) },
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
  return el("table", { class: "events" }, el("thead", {}, el("tr", {}, headers)), tbody);
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

async function overview(view) {
  const [summary, alerts, stories, dyads] = await Promise.all([
    api("/api/summary"),
    api("/api/alerts"),
    api("/api/stories", { limit: 30 }),
    api("/api/dyads", { top: 10 }),
  ]);
  const cards = [
    ["articles", summary.articles],
    ["outlets", summary.outlets],
    ["stories", summary.stories],
    ["events", summary.events],
    ["quotes", summary.quotes],
    ["quarantined", summary.quarantined],
  ].map(([label, n]) => el("div", { class: "card" }, el("div", { class: "n" }, String(n)), el("div", { class: "muted" }, label)));
  const alertItems = alerts.items.map((alert) =>
    el(
      "li",
      { class: "alert" },
      el("strong", {}, alert.date),
      " ",
      link("#/dyad/" + enc(alert.actor) + "/" + enc(alert.recipient), alert.actor + " → " + alert.recipient),
      ` — ${alert.kind === "first" ? "first conflict" : "spike"}, score ${alert.score} (threshold ${alert.threshold})`,
    ),
  );
  const storyItems = stories.items.map((story) =>
    el(
      "li",
      { class: "story" },
      link("#/story/" + enc(story.id), story.title || story.id),
      el(
        "div",
        { class: "muted" },
        `${story.size} article(s) · ${(story.outlets || []).join(", ") || "no outlet"} · ${day(story.start)}`,
      ),
    ),
  );
  const dyadRows = dyads.items.map((dyad) =>
    el(
      "tr",
      {},
      el("td", {}, link("#/dyad/" + enc(dyad.actor) + "/" + enc(dyad.recipient), dyad.label)),
      el("td", {}, String(dyad.events)),
      el("td", {}, String(dyad.conflict)),
      el("td", {}, sparkline(dyad.days)),
    ),
  );
  append(view, [
    el("h1", {}, "Overview"),
    el("div", { class: "cards" }, cards),
    el(
      "div",
      { class: "grid2" },
      el(
        "section",
        {},
        el("h2", {}, "Alerts"),
        alertItems.length ? el("ul", { class: "plain alerts" }, alertItems) : el("p", { class: "muted" }, "No alerts."),
        el("h2", {}, "Most active dyads"),
        el("div", { class: "legend muted" }, el("span", { class: "c" }, "━ conflict"), el("span", { class: "k" }, "━ cooperation")),
        dyadRows.length
          ? el(
              "table",
              { class: "dyads" },
              el("thead", {}, el("tr", {}, ["Dyad", "Events", "Conflict", "Trend"].map((h) => el("th", {}, h)))),
              el("tbody", {}, dyadRows),
            )
          : el("p", { class: "muted" }, "No dyads yet."),
      ),
      el(
        "section",
        {},
        el("h2", {}, "Stories"),
        storyItems.length ? el("ul", { class: "plain stories" }, storyItems) : el("p", { class: "muted" }, "No stories yet."),
      ),
    ),
  ]);
}

function highlightInto(container, text, start, end, sentence) {
  container.textContent = "";
  let from = start;
  let to = end;
  if (!(Number.isInteger(from) && Number.isInteger(to) && text.slice(from, to) === sentence)) {
    from = sentence ? text.indexOf(sentence) : -1;
    to = from >= 0 ? from + sentence.length : -1;
  }
  if (from < 0 || to <= from) {
    container.appendChild(document.createTextNode(text));
    return null;
  }
  const mark = el("mark", { class: "evidence" }, text.slice(from, to));
  append(container, [text.slice(0, from), mark, text.slice(to)]);
  return mark;
}

async function storyView(view, storyId) {
  const story = await api("/api/stories/" + enc(storyId));
  const columns = new Map();
  const showRemoved = el("input", { type: "checkbox", id: "show-removed" });
  const articles = story.articles.map((article) => {
    const text = el("div", { class: "text" }, article.text);
    const removed = el(
      "div",
      { class: "removed", hidden: true },
      el("div", {}, `Removed by cleaning (${article.removed.length} line(s)):`),
      el(
        "ul",
        {},
        article.removed.map((line) => el("li", { title: line.rule }, line.text)),
      ),
    );
    const column = el(
      "article",
      { class: "article", "data-id": article.id },
      el("div", { class: "muted" }, `${article.outlet || "unknown outlet"} · ${day(article.published)} · ${article.language || "?"}`),
      el("h3", {}, article.title || "(no title)"),
      text,
      removed,
    );
    columns.set(article.id, { column, text, article, removed });
    return column;
  });
  showRemoved.addEventListener("change", () => {
    for (const { removed } of columns.values()) removed.hidden = !showRemoved.checked;
  });
  const evidenceNote = el("p", { class: "muted evidence-note" }, "Click an event to see its evidence in each report.");
  let selectedRow = null;
  const select = (event, row) => {
    if (selectedRow) selectedRow.classList.remove("selected");
    selectedRow = row;
    row.classList.add("selected");
    for (const { column, text, article } of columns.values()) {
      column.classList.remove("reported");
      text.textContent = article.text;
    }
    const reports = event.reports && event.reports.length
      ? event.reports
      : [{ article_id: event.article_id, sentence: event.text, start: -1, end: -1 }];
    let shown = 0;
    let first = null;
    const outlets = [];
    for (const report of reports) {
      const slot = columns.get(report.article_id);
      if (!slot) continue;
      const mark = highlightInto(slot.text, slot.article.text, report.start, report.end, report.sentence);
      if (mark) {
        slot.column.classList.add("reported");
        shown += 1;
        first = first || mark;
        outlets.push(slot.article.outlet || "unknown outlet");
      }
    }
    const who = `${(event.actor || []).map(actorLabel).join(", ") || "?"} → ${(event.recipient || []).map(actorLabel).join(", ") || "?"}`;
    const where = outlets.length ? ": " + outlets.join(", ") : "";
    evidenceNote.textContent = `${typeLabel(event)} [${modalityOf(event)}] (${who}): evidence highlighted in ${shown} of ${reports.length} report(s)${where}.`;
    if (first) first.scrollIntoView({ block: "nearest" });
  };
  append(view, [
    el("h1", {}, story.title || story.id),
    el(
      "p",
      { class: "muted" },
      `${story.articles.length} article(s) from ${(story.outlets || []).join(", ") || "unknown outlets"} · ${day(story.start)} – ${day(story.end)}`,
    ),
    el("h2", {}, "Merged events"),
    eventsTable(story.events, select),
    evidenceNote,
    el("h2", {}, "Reports side by side"),
    el("label", { class: "toggle" }, showRemoved, "Show removed boilerplate"),
    el("div", { class: "outlets" }, articles),
    el("h2", {}, "Quotes"),
    quotesList(story.quotes),
  ]);
}

function choice(name, values, current, label) {
  const select = el("select", { name }, el("option", { value: "" }, "any"));
  const known = values.map(String);
  if (current && !known.includes(current)) known.push(current);
  for (const value of known) select.appendChild(el("option", { value }, label ? label(value) : value));
  select.value = current || "";
  return select;
}

async function eventsView(view, params) {
  const fields = ["type", "mode", "quad", "actor", "recipient", "country", "since", "until", "text"];
  const filters = {};
  for (const name of [...fields, "modality"]) if (params.get(name)) filters[name] = params.get(name);
  const [codebook, page] = await Promise.all([api("/api/codebook"), api("/api/events", { ...filters, limit: 200 })]);
  const inputs = {};
  const form = el("form", { class: "filters" });
  for (const name of fields) {
    let input;
    if (name === "type") input = choice(name, codebook.types, filters.type);
    else if (name === "mode") input = choice(name, codebook.modes, filters.mode);
    else if (name === "quad") input = choice(name, Object.keys(codebook.quads), filters.quad, (q) => `${q} ${codebook.quads[q]}`);
    else {
      input = el("input", { name, type: name === "since" || name === "until" ? "date" : "text", size: 10 });
      input.value = filters[name] || "";
    }
    inputs[name] = input;
    form.appendChild(el("label", {}, name, input));
  }
  // "factual only" is the API's modality=asserted: negated, hypothetical, future and claimed acts left out
  const factual = el("input", { type: "checkbox", id: "factual-only", name: "factual" });
  factual.checked = filters.modality === "asserted";
  const go = () => {
    const query = new URLSearchParams();
    for (const name of fields) if (inputs[name].value) query.set(name, inputs[name].value);
    if (factual.checked) query.set("modality", "asserted");
    else if (filters.modality && filters.modality !== "asserted") query.set("modality", filters.modality);
    window.location.hash = "#/events?" + query.toString();
  };
  factual.addEventListener("change", go);
  form.appendChild(el("label", { class: "toggle factual", title: "asserted acts only (modality=asserted)" }, factual, "Factual only"));
  form.appendChild(el("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go();
  });
  const events = page.items;
  const openEvent = (event) => {
    window.location.hash = event.story_id ? "#/story/" + enc(event.story_id) : "#/event/" + enc(event.id);
  };
  const scope = filters.modality
    ? `Only ${filters.modality} acts (${MODALITIES[filters.modality] || filters.modality}).`
    : "All modalities: only “asserted” rows are reported as done; negated, hypothetical, future and claimed ones are not facts.";
  append(view, [
    el("h1", {}, "Events"),
    form,
    el("h2", {}, "Timeline"),
    timelineChart(events),
    el("h2", {}, `${events.length} event(s)${page.next ? " (first page)" : ""}`),
    el("p", { class: "muted scope" }, scope),
    eventsTable(events, openEvent),
  ]);
}

function sourceLinks(report, article) {
  const links = [];
  const url = article && safeUrl(article.url);
  if (url) links.push(el("a", { href: url, class: "source", rel: "noopener noreferrer", target: "_blank" }, "original article"));
  if (report.article_id) {
    const span = Number.isInteger(report.start) && report.start >= 0 ? `?start=${report.start}&end=${report.end}` : "";
    if (links.length) links.push(" · ");
    links.push(link("#/article/" + enc(report.article_id) + span, "stored copy"));
  }
  return links;
}

async function eventView(view, eventId) {
  const event = await api("/api/events/" + enc(eventId));
  const articles = new Map((event.articles || []).map((a) => [a.id, a]));
  const reports = (event.reports && event.reports.length
    ? event.reports
    : [{ article_id: event.article_id, sentence: event.text, start: -1, end: -1, date: event.date }]
  ).map((report) => {
    const article = articles.get(report.article_id);
    const outlet = report.outlet || (article && article.outlet) || "unknown outlet";
    const date = report.date || (article && article.published);
    return el(
      "li",
      { class: "report" },
      el("div", { class: "muted" }, `${outlet} · ${day(date)}`, article && article.title ? ` · ${article.title}` : "", " · ", sourceLinks(report, article)),
      el("mark", { class: "evidence" }, report.sentence),
    );
  });
  append(view, [
    el("h1", { class: isNegated(event) ? "negated" : null }, `${typeLabel(event)}: `, actorLinks(event.actor), " → ", actorLinks(event.recipient)),
    el("p", { class: "muted" }, `${day(event.date)} · ${QUADS[event.quad] || "quad " + event.quad} · ${event.report_count} report(s)`),
    el(
      "p",
      { class: "certainty" },
      modalityBadge(event),
      ` ${MODALITIES[modalityOf(event)] || ""} · mode ${event.mode || "—"} · confidence ${confidenceText(event)} · rule `,
      el("code", { class: "rule" }, event.rule || "—"),
    ),
    event.story_id ? el("p", {}, link("#/story/" + enc(event.story_id), "Open the story")) : null,
    el("h2", {}, "Reports"),
    el("ul", { class: "plain reports" }, reports),
  ]);
}

async function articleView(view, articleId, params) {
  const article = await api("/api/articles/" + enc(articleId));
  const url = safeUrl(article.url);
  const start = Number.parseInt(params.get("start"), 10);
  const end = Number.parseInt(params.get("end"), 10);
  const text = el("div", { class: "text" });
  const sentence = start >= 0 && end > start ? article.text.slice(start, end) : "";
  highlightInto(text, article.text, start, end, sentence);
  append(view, [
    el("h1", {}, article.title || "(no title)"),
    el("p", { class: "muted" }, `${article.outlet || "unknown outlet"} · ${day(article.published)} · ${article.language || "?"}`),
    el(
      "p",
      {},
      url ? el("a", { href: url, class: "source", rel: "noopener noreferrer", target: "_blank" }, "Original article") : el("span", { class: "muted" }, "No address stored."),
      article.story ? [" · ", link("#/story/" + enc(article.story), "Open the story")] : null,
    ),
    el("article", { class: "article stored" }, text),
  ]);
}

function network(center, dyads) {
  const width = 420;
  const height = 300;
  const cx = width / 2;
  const cy = height / 2;
  const partners = new Map();
  for (const dyad of dyads) {
    const other = dyad.actor.toLowerCase() === center.toLowerCase() ? dyad.recipient : dyad.actor;
    const slot = partners.get(other) || { events: 0, conflict: 0 };
    slot.events += dyad.events;
    slot.conflict += dyad.conflict;
    partners.set(other, slot);
  }
  const chart = svg("svg", { class: "chart network", width, height, viewBox: `0 0 ${width} ${height}` });
  const names = [...partners.keys()];
  names.forEach((name, i) => {
    const angle = (2 * Math.PI * i) / names.length;
    const x = cx + Math.cos(angle) * 110;
    const y = cy + Math.sin(angle) * 100;
    const slot = partners.get(name);
    const color = slot.conflict > 0 ? "#c0392b" : "#1e8a5a";
    const edge = svg("line", { x1: cx, y1: cy, x2: x, y2: y, stroke: color, "stroke-width": Math.min(8, 1 + slot.events) });
    const anchor = svg("a", { href: "#/actor/" + enc(name) }, svg("circle", { cx: x, cy: y, r: 14, fill: "#eef0f4", stroke: color }));
    anchor.appendChild(svg("text", { x: x - 14, y: y + 26, text: name }));
    chart.appendChild(edge);
    chart.appendChild(anchor);
  });
  chart.appendChild(svg("circle", { cx, cy, r: 18, fill: "#1d2330" }));
  chart.appendChild(svg("text", { x: cx - 16, y: cy + 32, text: center }));
  return chart;
}

async function actorView(view, name) {
  const actor = await api("/api/actors/" + enc(name));
  const open = (event) => {
    window.location.hash = event.story_id ? "#/story/" + enc(event.story_id) : "#/event/" + enc(event.id);
  };
  append(view, [
    el("h1", {}, actor.actor),
    el("h2", {}, "Dyad partners"),
    actor.dyads.length ? network(actor.actor, actor.dyads) : el("p", { class: "muted" }, "No dyads."),
    el(
      "ul",
      { class: "plain" },
      actor.dyads.map((d) => el("li", {}, link("#/dyad/" + enc(d.actor) + "/" + enc(d.recipient), d.label), ` — ${d.events} event(s)`)),
    ),
    el("h2", {}, "Events as actor"),
    eventsTable(actor.events_as_actor, open),
    el("h2", {}, "Events as recipient"),
    eventsTable(actor.events_as_recipient, open),
    el("h2", {}, "Quotes"),
    quotesList(actor.quotes),
  ]);
}

async function dyadView(view, a, b) {
  const dyad = await api("/api/dyads/" + enc(a) + "/" + enc(b));
  append(view, [
    el("h1", {}, link("#/actor/" + enc(dyad.actor), dyad.actor), " → ", link("#/actor/" + enc(dyad.recipient), dyad.recipient)),
    el("p", { class: "muted" }, `${dyad.events} event(s), conflict score ${dyad.conflict}`),
    el("div", { class: "legend muted" }, el("span", { class: "c" }, "━ conflict"), el("span", { class: "k" }, "━ cooperation"), "◯ alert"),
    seriesChart(dyad.days, dyad.alerts),
    el("h2", {}, "Alerts"),
    dyad.alerts.length
      ? el(
          "ul",
          { class: "plain alerts" },
          dyad.alerts.map((alert) => el("li", { class: "alert" }, `${alert.date}: ${alert.kind}, score ${alert.score} (threshold ${alert.threshold})`)),
        )
      : el("p", { class: "muted" }, "No alerts."),
    el("p", {}, link("#/events?actor=" + enc(dyad.actor) + "&recipient=" + enc(dyad.recipient) + "&modality=asserted", "See these events (factual only)")),
  ]);
}

// -- router --------------------------------------------------------------------------------------------------

async function route() {
  const view = document.getElementById("view");
  const hash = window.location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || "");
  const fresh = el("main", { id: "view", "aria-live": "polite" });
  try {
    if (!parts.length) await overview(fresh);
    else if (parts[0] === "story" && parts[1]) await storyView(fresh, parts[1]);
    else if (parts[0] === "events") await eventsView(fresh, params);
    else if (parts[0] === "event" && parts[1]) await eventView(fresh, parts[1]);
    else if (parts[0] === "article" && parts[1]) await articleView(fresh, parts[1], params);
    else if (parts[0] === "actor" && parts[1]) await actorView(fresh, parts[1]);
    else if (parts[0] === "dyad" && parts[2]) await dyadView(fresh, parts[1], parts[2]);
    else append(fresh, [el("h1", {}, "Not found"), el("p", {}, "There is no page at this address. "), link("#/", "Back to the overview")]);
    clearError();
  } catch (err) {
    showError(err);
    append(fresh, [el("p", { class: "muted" }, "This page could not be loaded.")]);
  }
  view.replaceWith(fresh);
  document.body.dataset.ready = hash;
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);
