// Redline dashboard, charts: inline SVG drawn here (no third-party code), over the DOM helpers of parts.js.
// The x axis is calendar time: a day's position is proportional to its date, so days without events show as
// gaps, and the range is clipped to the bulk of the data (a stray far-off date is counted, not drawn).
"use strict";

const DAY_MS = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// the four quad classes, in the order of the API's `counts`
const QUAD_SERIES = [
  { label: "verbal cooperation", color: "#7cc49a" },
  { label: "material cooperation", color: "#1e8a5a" },
  { label: "verbal conflict", color: "#e59a4f" },
  { label: "material conflict", color: "#c0392b" },
];
const COLOR_CONFLICT = "#c0392b";
const COLOR_COOP = "#1e8a5a";

// -- time ----------------------------------------------------------------------------------------------------

/** Days since 1970-01-01 (UTC) of an ISO date ("2023-03-14..."), or null when it is not one. */
function dayNumber(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ""));
  if (!m) return null;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(time) ? Math.round(time / DAY_MS) : null;
}

function isoDay(n) {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The range of the bulk of weighted days ([{day, weight}]): the quartiles widened by 3 times their spread (two
 * weeks at least) on each side (Tukey's far-out fences); days beyond are outliers, left out and counted.
 */
function robustRange(points) {
  const pts = points.filter((p) => p.day !== null && p.weight > 0).sort((a, b) => a.day - b.day);
  if (!pts.length) return null;
  const total = pts.reduce((sum, p) => sum + p.weight, 0);
  const at = (q) => {
    const target = q * (total - 1);
    let seen = 0;
    for (const p of pts) {
      seen += p.weight;
      if (seen > target) return p.day;
    }
    return pts[pts.length - 1].day;
  };
  const low = at(0.25);
  const high = at(0.75);
  const spread = Math.max(high - low, 14);
  const inside = pts.filter((p) => p.day >= low - 3 * spread && p.day <= high + 3 * spread);
  const outside = pts.filter((p) => !inside.includes(p));
  return {
    lo: inside[0].day,
    hi: inside[inside.length - 1].day,
    outside: outside.reduce((sum, p) => sum + p.weight, 0),
    outsideDays: outside.map((p) => p.day),
  };
}

/** Tick days for [lo, hi]: every 1, 2, 7 or 14 days, else every 1, 2, 3 or 6 months, else every n years. */
function timeTicks(lo, hi, most) {
  const span = hi - lo + 1;
  for (const step of [1, 2, 7, 14]) {
    if (span / step > most) continue;
    const ticks = [];
    // weekly ticks fall on Mondays (day 4 since the epoch was a Monday)
    const first = step >= 7 ? lo + ((((4 - lo) % step) + step) % step) : lo;
    for (let d = first; d <= hi; d += step) ticks.push({ day: d, label: dayLabel(d) });
    return ticks;
  }
  const start = new Date(lo * DAY_MS);
  const months = (hi - lo) / 30.4;
  const step = [1, 2, 3, 6, 12, 24, 60, 120].find((m) => months / m <= most) || 240;
  const ticks = [];
  // month index since year 0, rounded up to the step: ticks on the first of a month (of January for years)
  for (let index = Math.ceil((start.getUTCFullYear() * 12 + start.getUTCMonth()) / step) * step; ; index += step) {
    const d = Math.round(Date.UTC(Math.floor(index / 12), index % 12, 1) / DAY_MS);
    if (d > hi) break;
    if (d >= lo) ticks.push({ day: d, label: step >= 12 ? String(Math.floor(index / 12)) : monthLabel(d) });
  }
  return ticks;
}

function dayLabel(d) {
  const date = new Date(d * DAY_MS);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

function monthLabel(d) {
  const date = new Date(d * DAY_MS);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function yearsOf(lo, hi) {
  const a = new Date(lo * DAY_MS).getUTCFullYear();
  const b = new Date(hi * DAY_MS).getUTCFullYear();
  return a === b ? String(a) : `${a}–${b}`;
}

/** A round top for a count axis and its tick step (at most `most` steps). */
function niceScale(max, most) {
  const value = Math.max(1, max);
  for (let power = 1; ; power *= 10) {
    for (const unit of [1, 2, 5]) {
      const step = unit * power;
      if (Math.ceil(value / step) <= most) return { top: Math.ceil(value / step) * step, step };
    }
  }
}

/** How wide to draw a full-size chart: `most`, or the screen's width on a phone (so its text stays legible). */
function chartWidth(most) {
  return Math.round(Math.min(most, Math.max(300, (window.innerWidth || most) - 30)));
}

// -- frame: a plot area with labelled axes -------------------------------------------------------------------

/**
 * An SVG with a time x axis and a count y axis. `range` is {lo, hi} in days; each day is a slot of equal width
 * and `x(day)` the centre of its slot, so distances are proportional to time.
 */
function timeFrame({ width, height, range, yMax, yTitle, className, label, compact }) {
  const margin = compact ? { left: 26, right: 6, top: 6, bottom: 14 } : { left: 46, right: 14, top: 10, bottom: 38 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const span = range.hi - range.lo + 1;
  const scale = niceScale(yMax, compact ? 1 : 5);
  const x = (day) => margin.left + ((day - range.lo + 0.5) / span) * plotW;
  const y = (value) => margin.top + plotH - (value / scale.top) * plotH;
  const root = svg("svg", {
    class: "chart " + className,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": label,
    "data-lo": isoDay(range.lo),
    "data-hi": isoDay(range.hi),
    "data-ymax": scale.top,
  });
  const bottom = margin.top + plotH;
  const xAxis = svg("g", { class: "axis x-axis" }, svg("line", { x1: margin.left, y1: bottom, x2: margin.left + plotW, y2: bottom }));
  const yAxis = svg("g", { class: "axis y-axis" }, svg("line", { x1: margin.left, y1: margin.top, x2: margin.left, y2: bottom }));
  if (compact) {
    xAxis.appendChild(svg("text", { class: "tick", x: margin.left, y: height - 2, text: isoDay(range.lo).slice(5) }));
    xAxis.appendChild(svg("text", { class: "tick", x: width - margin.right, y: height - 2, "text-anchor": "end", text: isoDay(range.hi).slice(5) }));
    yAxis.appendChild(svg("text", { class: "tick", x: margin.left - 3, y: margin.top + 8, "text-anchor": "end", text: String(scale.top) }));
    yAxis.appendChild(svg("text", { class: "tick", x: margin.left - 3, y: bottom, "text-anchor": "end", text: "0" }));
  } else {
    for (const tick of timeTicks(range.lo, range.hi, Math.max(2, Math.floor(plotW / 70)))) {
      const at = x(tick.day);
      xAxis.appendChild(svg("line", { class: "tick-mark", x1: at, y1: bottom, x2: at, y2: bottom + 4 }));
      // a label near an edge hangs inwards, so it is never cut off
      const anchor = at > width - 30 ? "end" : at < 30 ? "start" : "middle";
      xAxis.appendChild(svg("text", { class: "tick", x: at, y: bottom + 15, "text-anchor": anchor, "data-day": isoDay(tick.day), text: tick.label }));
    }
    xAxis.appendChild(
      svg("text", { class: "axis-title", x: margin.left + plotW / 2, y: height - 4, "text-anchor": "middle", text: `date (${yearsOf(range.lo, range.hi)}, one slot per day, UTC)` }),
    );
    for (let v = 0; v <= scale.top; v += scale.step) {
      const at = y(v);
      yAxis.appendChild(svg("line", { class: "grid", x1: margin.left, y1: at, x2: margin.left + plotW, y2: at }));
      yAxis.appendChild(svg("text", { class: "tick", x: margin.left - 5, y: at + 3, "text-anchor": "end", text: String(v) }));
    }
    yAxis.appendChild(
      svg("text", { class: "axis-title", x: 11, y: margin.top + plotH / 2, "text-anchor": "middle", transform: `rotate(-90 11 ${margin.top + plotH / 2})`, text: yTitle }),
    );
  }
  root.appendChild(yAxis);
  root.appendChild(xAxis);
  return { root, x, y, slot: plotW / span, bottom, range };
}

function outsideNote(range, what) {
  if (!range || !range.outside) return null;
  const days = range.outsideDays.map(isoDay);
  const shown = days.slice(0, 3).join(", ") + (days.length > 3 ? ", …" : "");
  return el("p", { class: "muted outside-note" }, `${range.outside} ${what} outside the range shown (${shown}).`);
}

function legend(items) {
  return el(
    "div",
    { class: "legend muted" },
    items.map((item) =>
      el(
        "span",
        { class: "key" },
        svg("svg", { width: 12, height: 12, viewBox: "0 0 12 12", "aria-hidden": "true" }, svg("rect", { x: 1, y: 1, width: 10, height: 10, fill: item.color })),
        " " + item.label,
      ),
    ),
  );
}

// -- day bars: counts per day, stacked -----------------------------------------------------------------------

/** Count rows [{date, counts: [..]}] per day into [{day, counts}], dates that are not days left out. */
function dayRows(rows) {
  return rows.map((row) => ({ day: dayNumber(row.date), counts: row.counts })).filter((row) => row.day !== null);
}

/** Stacked bars of counts per day on a time axis; `series` names and colours each index of `counts`. */
function dayBars(rows, { series = QUAD_SERIES, className = "timeline", label = "events per day", what = "event(s)", yTitle = "events per day" } = {}) {
  const days = dayRows(rows);
  const total = (row) => row.counts.reduce((a, b) => a + b, 0);
  const range = robustRange(days.map((row) => ({ day: row.day, weight: total(row) })));
  const box = el("figure", { class: "chart-box " + className + "-box" });
  if (!range) {
    append(box, [el("p", { class: "muted empty-chart" }, "No dated events to draw.")]);
    return box;
  }
  const shown = days.filter((row) => row.day >= range.lo && row.day <= range.hi);
  const frame = timeFrame({ width: chartWidth(760), height: 200, range, yMax: Math.max(...shown.map(total)), yTitle, className, label });
  const barW = Math.max(1, Math.min(frame.slot * 0.8, 40));
  for (const row of shown) {
    let top = frame.bottom;
    const group = svg("g", { class: "day", "data-date": isoDay(row.day), "data-x": frame.x(row.day).toFixed(2) });
    row.counts.forEach((count, i) => {
      if (!count) return;
      const h = frame.bottom - frame.y(count);
      top -= h;
      group.appendChild(svg("rect", { class: "bar", x: (frame.x(row.day) - barW / 2).toFixed(2), y: top.toFixed(2), width: barW.toFixed(2), height: h.toFixed(2), fill: series[i].color }));
    });
    const parts = row.counts.map((count, i) => `${count} ${series[i].label}`).filter((text) => !text.startsWith("0 "));
    group.appendChild(svg("title", { text: `${isoDay(row.day)}: ${parts.join(", ")}` }));
    frame.root.appendChild(group);
  }
  append(box, [frame.root, legend(series), outsideNote(range, what)]);
  return box;
}

/** Events ([{date, quad}]) counted per day by quad, as the API's timeline rows. */
function quadRows(events) {
  const days = new Map();
  for (const event of events) {
    if (!event.date || !(event.quad >= 1 && event.quad <= 4)) continue;
    const key = String(event.date).slice(0, 10);
    const counts = days.get(key) || [0, 0, 0, 0];
    counts[event.quad - 1] += 1;
    days.set(key, counts);
  }
  return [...days.entries()].sort().map(([date, counts]) => ({ date, counts }));
}

// -- dyad series: conflict and cooperation lines -------------------------------------------------------------

function conflictOf(dayRow) {
  return (dayRow.counts[2] || 0) + (dayRow.counts[3] || 0);
}

function cooperationOf(dayRow) {
  return (dayRow.counts[0] || 0) + (dayRow.counts[1] || 0);
}

/** One range and y-scale shared by dyads' series (so their charts compare), clipped to the bulk of the data. */
function sharedScale(dyads) {
  const points = [];
  for (const dyad of dyads) for (const row of dyad.days || []) points.push({ day: dayNumber(row.date), weight: conflictOf(row) + cooperationOf(row) });
  const range = robustRange(points);
  if (!range) return null;
  let yMax = 1;
  for (const dyad of dyads) {
    for (const row of dyad.days || []) {
      const d = dayNumber(row.date);
      if (d !== null && d >= range.lo && d <= range.hi) yMax = Math.max(yMax, conflictOf(row), cooperationOf(row));
    }
  }
  return { range, yMax };
}

/** The conflict and cooperation lines of a dyad's days over the whole range, days without events at zero. */
function seriesLines(frame, days, stroke) {
  const byDay = new Map();
  for (const row of days) {
    const d = dayNumber(row.date);
    if (d !== null && d >= frame.range.lo && d <= frame.range.hi) byDay.set(d, row);
  }
  const points = { conflict: [], coop: [] };
  const empty = { counts: [0, 0, 0, 0] };
  const dense = frame.range.hi - frame.range.lo <= 5000;
  const list = dense ? Array.from({ length: frame.range.hi - frame.range.lo + 1 }, (_, i) => frame.range.lo + i) : [...byDay.keys()].sort((a, b) => a - b);
  for (const d of list) {
    const row = byDay.get(d) || empty;
    points.coop.push(frame.x(d).toFixed(1) + "," + frame.y(cooperationOf(row)).toFixed(1));
    points.conflict.push(frame.x(d).toFixed(1) + "," + frame.y(conflictOf(row)).toFixed(1));
  }
  const line = (list, color, name) => svg("polyline", { class: "series " + name, points: list.join(" "), fill: "none", stroke: color, "stroke-width": stroke });
  return [line(points.coop, COLOR_COOP, "coop"), line(points.conflict, COLOR_CONFLICT, "conflict")];
}

/** A small trend of one dyad on the shared `scale` (sharedScale), with its range and y-scale marked. */
function sparkline(days, scale) {
  const own = scale || sharedScale([{ days }]);
  if (!own) return el("span", { class: "muted" }, "—");
  const frame = timeFrame({ width: 180, height: 50, range: own.range, yMax: own.yMax, className: "spark", label: "trend: events per day", compact: true });
  for (const line of seriesLines(frame, days, 1.5)) frame.root.appendChild(line);
  return frame.root;
}

/** A dyad's daily conflict and cooperation counts on a time axis, its alerts circled. */
function seriesChart(days, alerts) {
  const scale = sharedScale([{ days }]);
  const box = el("figure", { class: "chart-box series-box" });
  if (!scale) return append(box, [el("p", { class: "muted empty-chart" }, "No dated events to draw.")]);
  const frame = timeFrame({ width: chartWidth(760), height: 240, range: scale.range, yMax: scale.yMax, yTitle: "events per day", className: "series", label: "dyad series" });
  for (const line of seriesLines(frame, days, 2)) frame.root.appendChild(line);
  const byDate = new Map(days.map((row) => [row.date, row]));
  for (const alert of alerts || []) {
    const d = dayNumber(alert.date);
    if (d === null || d < scale.range.lo || d > scale.range.hi) continue;
    const row = byDate.get(alert.date);
    const marker = svg("circle", { class: "alert-mark", cx: frame.x(d), cy: frame.y(row ? conflictOf(row) : 0), r: 6, fill: "none", stroke: COLOR_CONFLICT, "stroke-width": 2 });
    marker.appendChild(svg("title", { text: `alert (${alert.kind}) on ${alert.date}: score ${alert.score}` }));
    frame.root.appendChild(marker);
  }
  return append(box, [frame.root, outsideNote(scale.range, "event(s)")]);
}

// -- networks ------------------------------------------------------------------------------------------------

/** A colour for a mean Goldstein score: red for conflict (−5 and below), grey at 0, green for cooperation. */
function goldsteinColor(score) {
  const t = Math.max(-1, Math.min(1, (score || 0) / 5));
  const grey = [154, 163, 176];
  const end = t < 0 ? [192, 57, 43] : [30, 138, 90];
  const mix = grey.map((g, i) => Math.round(g + (end[i] - g) * Math.abs(t)));
  return `rgb(${mix.join(",")})`;
}

/**
 * The dyads as a network on a circle (actors in alphabetical order, so the layout is the same on every load):
 * an edge per dyad, its width the number of events and its colour the mean Goldstein score; an edge bends to
 * its left going from actor to recipient, so A → B and B → A stay apart. Nodes open actor pages, edges dyads.
 */
function dyadNetwork(dyads) {
  const width = chartWidth(560);
  const height = Math.round(width * 0.8);
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.min(width * 0.27, height * 0.36, width / 2 - 90);
  const totals = new Map();
  for (const d of dyads) {
    totals.set(d.actor, (totals.get(d.actor) || 0) + d.events);
    totals.set(d.recipient, (totals.get(d.recipient) || 0) + d.events);
  }
  const names = [...totals.keys()].sort();
  const place = new Map(
    names.map((name, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, names.length);
      return [name, { x: cx + Math.cos(angle) * radius, y: cy + Math.sin(angle) * radius, angle }];
    }),
  );
  const maxEvents = Math.max(1, ...dyads.map((d) => d.events));
  const maxTotal = Math.max(1, ...totals.values());
  const chart = svg("svg", { class: "chart network dyad-network", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "dyad network" });
  for (const d of dyads) {
    const a = place.get(d.actor);
    const b = place.get(d.recipient);
    const mean = d.events ? d.intensity / d.events : 0;
    const bend = 0.15;
    const mx = (a.x + b.x) / 2 + (b.y - a.y) * bend;
    const my = (a.y + b.y) / 2 - (b.x - a.x) * bend;
    const edge = svg("path", {
      class: "edge",
      d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`,
      fill: "none",
      stroke: goldsteinColor(mean),
      "stroke-width": (1 + 6 * Math.sqrt(d.events / maxEvents)).toFixed(2),
      "data-events": d.events,
      "data-goldstein": mean.toFixed(2),
    });
    edge.appendChild(svg("title", { text: `${d.actor} → ${d.recipient}: ${d.events} event(s), mean Goldstein ${mean.toFixed(1)}` }));
    chart.appendChild(svg("a", { href: "#/dyad/" + enc(d.actor) + "/" + enc(d.recipient), class: "edge-link" }, edge));
  }
  for (const name of names) {
    const p = place.get(name);
    const r = 5 + 9 * Math.sqrt(totals.get(name) / maxTotal);
    const cos = Math.cos(p.angle);
    const anchor = Math.abs(cos) < 0.3 ? "middle" : cos > 0 ? "start" : "end";
    const lx = p.x + cos * (r + 6);
    const ly = p.y + Math.sin(p.angle) * (r + 6) + (Math.abs(cos) < 0.3 ? (Math.sin(p.angle) > 0 ? 10 : -2) : 4);
    const node = svg(
      "a",
      { href: "#/actor/" + enc(name), class: "node", "data-name": name },
      svg("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1), fill: "#eef0f4", stroke: "#1d2330" }),
      svg("text", { class: "node-label", x: lx.toFixed(1), y: ly.toFixed(1), "text-anchor": anchor, text: name }),
    );
    node.appendChild(svg("title", { text: `${name}: ${totals.get(name)} event(s) in these dyads` }));
    chart.appendChild(node);
  }
  const key = [
    { label: "mean Goldstein −5 or below (conflict)", color: goldsteinColor(-5) },
    { label: "0", color: goldsteinColor(0) },
    { label: "+5 or above (cooperation)", color: goldsteinColor(5) },
  ];
  return el(
    "figure",
    { class: "chart-box network-box" },
    chart,
    legend(key),
    el("p", { class: "muted" }, "Edge width: events in the dyad; an edge bends to its left from actor to recipient."),
  );
}

/** One actor and its dyad partners around it. */
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
    const color = slot.conflict > 0 ? COLOR_CONFLICT : COLOR_COOP;
    const edge = svg("line", { x1: cx, y1: cy, x2: x, y2: y, stroke: color, "stroke-width": Math.min(8, 1 + slot.events) });
    const anchor = svg("a", { href: "#/actor/" + enc(name) }, svg("circle", { cx: x, cy: y, r: 14, fill: "#eef0f4", stroke: color }));
    anchor.appendChild(svg("text", { x, y: y + 26, "text-anchor": "middle", text: name }));
    chart.appendChild(edge);
    chart.appendChild(anchor);
  });
  chart.appendChild(svg("circle", { cx, cy, r: 18, fill: "#1d2330" }));
  chart.appendChild(svg("text", { x: cx, y: cy + 32, "text-anchor": "middle", text: center }));
  return chart;
}
