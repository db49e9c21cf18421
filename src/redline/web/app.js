// Redline dashboard, part 3: the pages (overview, alerts, story, events, event, article, actor, dyad) and the
// hash router, over parts.js and charts.js (loaded first). Data goes into the page as text, never as HTML.
"use strict";

function alertLine(alert) {
  return [
    el("strong", {}, alert.date),
    " ",
    link("#/dyad/" + enc(alert.actor) + "/" + enc(alert.recipient), alert.actor + " → " + alert.recipient),
    ` — ${alert.kind === "first" ? "first conflict" : "spike"}, score ${alert.score} (threshold ${alert.threshold})`,
  ];
}

function factualToggle(checked, onChange) {
  const box = el("input", { type: "checkbox", id: "factual-only", name: "factual" });
  box.checked = checked;
  box.addEventListener("change", () => onChange(box.checked));
  return el("label", { class: "toggle factual", title: "asserted acts only (modality=asserted)" }, box, "Factual only");
}

async function overview(view, params) {
  const factual = params.get("modality") === "asserted";
  const [summary, alerts, stories, dyads, timeline] = await Promise.all([
    api("/api/summary"),
    api("/api/alerts"),
    api("/api/stories", { limit: 30 }),
    api("/api/dyads", { top: 30 }),
    api("/api/timeline", { modality: factual ? "asserted" : null }),
  ]);
  const cards = [
    ["articles", summary.articles],
    ["outlets", summary.outlets],
    ["stories", summary.stories],
    ["events", summary.events],
    ["quotes", summary.quotes],
    ["quarantined", summary.quarantined],
  ].map(([label, n]) => el("div", { class: "card" }, el("div", { class: "n" }, String(n)), el("div", { class: "muted" }, label)));
  const alertItems = alerts.items.slice(0, 10).map((alert) => el("li", { class: "alert" }, alertLine(alert)));
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
  // the table's trends share one time range and one y-scale, so their heights compare
  const top = dyads.items.slice(0, 10);
  const scale = sharedScale(top);
  const dyadRows = top.map((dyad) =>
    el(
      "tr",
      {},
      el("td", {}, link("#/dyad/" + enc(dyad.actor) + "/" + enc(dyad.recipient), dyad.label)),
      el("td", { class: "num" }, String(dyad.events)),
      el("td", { class: "num" }, String(dyad.conflict)),
      el("td", {}, sparkline(dyad.days, scale)),
    ),
  );
  const trendNote = scale
    ? `Trends: ${isoDay(scale.range.lo)} to ${isoDay(scale.range.hi)}, one y-scale (0 to ${niceScale(scale.yMax, 1).top} events per day) for every row.`
    : "";
  const undated = timeline.undated ? el("p", { class: "muted" }, `${timeline.undated} event(s) without a date are not drawn.`) : null;
  append(view, [
    el("h1", {}, "Overview"),
    el("div", { class: "cards" }, cards),
    el("h2", {}, "Crisis timeline: events per day"),
    factualToggle(factual, (on) => {
      window.location.hash = on ? "#/?modality=asserted" : "#/";
    }),
    el("p", { class: "muted scope" }, factual ? "Asserted acts only (factual)." : "All modalities: negated, hypothetical, future and claimed acts included."),
    dayBars(timeline.items),
    undated,
    el(
      "div",
      { class: "grid2" },
      el(
        "section",
        {},
        el("h2", {}, "Dyad network"),
        el("p", { class: "muted" }, `The ${dyads.items.length} most active dyads, asserted acts only (as every dyad series).`),
        dyads.items.length ? dyadNetwork(dyads.items) : el("p", { class: "muted" }, "No dyads yet."),
        el("h2", {}, "Most active dyads"),
        el("div", { class: "legend muted" }, el("span", { class: "c" }, "━ conflict"), el("span", { class: "k" }, "━ cooperation")),
        dyadRows.length
          ? scroller(
              el(
                "table",
                { class: "dyads" },
                el("thead", {}, el("tr", {}, ["Dyad", "Events", "Conflict", "Trend"].map((h) => el("th", {}, h)))),
                el("tbody", {}, dyadRows),
              ),
            )
          : el("p", { class: "muted" }, "No dyads yet."),
        el("p", { class: "muted trend-note" }, trendNote),
      ),
      el(
        "section",
        {},
        el("h2", {}, "Alerts"),
        alertItems.length ? el("ul", { class: "plain alerts" }, alertItems) : el("p", { class: "muted" }, "No alerts."),
        alerts.items.length > alertItems.length ? el("p", {}, link("#/alerts", `All ${alerts.items.length} alerts`)) : null,
        el("h2", {}, "Stories"),
        storyItems.length ? el("ul", { class: "plain stories" }, storyItems) : el("p", { class: "muted" }, "No stories yet."),
      ),
    ),
  ]);
}

async function alertsView(view) {
  const alerts = await api("/api/alerts");
  const perDay = new Map();
  for (const alert of alerts.items) {
    const counts = perDay.get(alert.date) || [0, 0];
    counts[alert.kind === "first" ? 0 : 1] += 1;
    perDay.set(alert.date, counts);
  }
  const rows = [...perDay.entries()].sort().map(([date, counts]) => ({ date, counts }));
  const series = [
    { label: "first conflict", color: "#e59a4f" },
    { label: "spike", color: "#c0392b" },
  ];
  const body = alerts.items.map((alert) =>
    el(
      "tr",
      { class: "alert-row" },
      el("td", { class: "date" }, alert.date),
      el("td", {}, link("#/dyad/" + enc(alert.actor) + "/" + enc(alert.recipient), alert.actor + " → " + alert.recipient)),
      el("td", {}, alert.kind === "first" ? "first conflict" : "spike"),
      el("td", { class: "num" }, String(alert.score)),
      el("td", { class: "num" }, String(alert.threshold)),
      el("td", {}, (alert.outlets || []).join(", ") || "—"),
      el("td", { class: "muted rule-text" }, alert.rule || "—"),
    ),
  );
  append(view, [
    el("h1", {}, "Alerts"),
    el("p", { class: "muted" }, "Days when a dyad's conflict rose sharply above its own baseline (trusted, asserted acts only)."),
    alerts.items.length ? dayBars(rows, { series, className: "alerts-chart", label: "alerts per day", what: "alert(s)", yTitle: "alerts per day" }) : null,
    body.length
      ? scroller(
          el(
            "table",
            { class: "alerts-table" },
            el("thead", {}, el("tr", {}, ["Date", "Dyad", "Kind", "Score", "Threshold", "Outlets", "Rule"].map((h) => el("th", {}, h)))),
            el("tbody", {}, body),
          ),
        )
      : el("p", { class: "muted" }, "No alerts."),
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
    el("h2", {}, "Timeline: events per day (the events listed below)"),
    dayBars(quadRows(events)),
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
    if (!parts.length) await overview(fresh, params);
    else if (parts[0] === "alerts") await alertsView(fresh);
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
