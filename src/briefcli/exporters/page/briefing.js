/* briefcli's HTML briefing: lays out the brief's data (the JSON in #brief-data) as the
   briefing, an interactive link chart, a timeline and a table of claims.
   Text from the brief reaches the page only as textContent or an attribute's value, never as
   markup; links and colours come from the page itself. */
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("brief-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const DAY = 86400000;

  /* ------------------------------------------------------------------ small helpers */

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    return node;
  }

  function words(type) {
    return type.replace(/_/g, " ");
  }

  function dayNumber(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d) / DAY;
  }

  function isoDay(number) {
    return new Date(number * DAY).toISOString().slice(0, 10);
  }

  function period(held) {
    const parts = [];
    if (held.since) parts.push("since " + held.since);
    if (held.until) parts.push("until " + held.until);
    return parts.join(", ");
  }

  /* In force on `day` as the CLI reads it (brief/dates.py in_force): begun by then (the first
     day `since` can mean), and not ended (the last day `until` can mean is later). */
  function stateOn(held, day) {
    if (held.start && held.start > day) return "future";
    if (held.end && held.end <= day) return "former";
    return "current";
  }

  /* What a tie is on the day shown, said as "in force on DAY", "ended by DAY": "ended on
     DAY" read as the day it ended. */
  const STATE_WORDS = { current: "in force on", former: "ended by", future: "not yet begun on" };

  /* ------------------------------------------------------------------ the briefing */

  function drawBriefing() {
    const root = document.getElementById("briefing");
    for (const block of data.briefing) {
      if (block.heading !== undefined) {
        root.append(el(block.level === 1 ? "h1" : "h2", null, block.heading));
      } else if (block.paragraph !== undefined) {
        const item = block.paragraph.startsWith("• ");
        const text = item ? block.paragraph.slice(2) : block.paragraph;
        root.append(el("p", item ? "item" : block.quiet ? "quiet" : null, text));
      } else {
        const list = el("dl", "fields");
        for (const [label, value] of block.fields) {
          const row = el("div");
          row.append(el("dt", null, label), el("dd", null, value));
          list.append(row);
        }
        root.append(list);
      }
    }
    document.getElementById("marking").textContent = data.meta.handling;
    document.getElementById("colophon").textContent =
      data.meta.handling + " · made by " + data.meta.generator + " from the brief as of " +
      data.meta.asOf;
  }

  /* ------------------------------------------------------------------ the link chart */

  const kinds = new Map(data.kinds.map((k) => [k.name, k]));
  const classes = new Map(data.classes.map((c) => [c.name, c]));
  const claims = new Map(data.claims.map((c) => [c.id, c]));
  const nodes = data.nodes.map((n) => Object.assign({ degree: 0 }, n));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = data.edges.map((e) => Object.assign({}, e));
  const present = data.classes.filter((c) => edges.some((e) => e.class === c.name));
  const chart = document.getElementById("chart");
  const viewport = svg("g", { id: "viewport" });
  const view = { x: 0, y: 0, k: 1 };
  const state = { day: data.meta.asOf, shown: new Set(present.map((c) => c.name)), former: true };
  let selected = null;

  for (const e of edges) {
    byId.get(e.source).degree += 1;
    byId.get(e.target).degree += 1;
  }
  for (const n of nodes) n.r = 7 + 2.2 * Math.sqrt(n.degree);

  /* Edges between the same two actors fan out, each bent by its own offset. */
  function spreadParallelEdges() {
    const pairs = new Map();
    for (const e of edges) {
      const key = [e.source, e.target].sort().join(" ");
      if (!pairs.has(key)) pairs.set(key, []);
      pairs.get(key).push(e);
    }
    for (const group of pairs.values()) {
      group.forEach((e, i) => { e.offset = (i - (group.length - 1) / 2) * 22; });
    }
    return pairs;
  }

  /* Linked actors settle by force; actors linked to no one wait in a row beneath them. */
  function place(pairs) {
    const links = [...pairs.keys()].map((key) => {
      const [source, target] = key.split(" ");
      return { source, target };
    });
    const linked = nodes.filter((n) => n.degree > 0);
    // A wide, short layout: charts are read on screens and landscape pages.
    const simulation = d3.forceSimulation(linked)
      .force("link", d3.forceLink(links).id((n) => n.id).distance(80))
      .force("charge", d3.forceManyBody().strength(-300).distanceMax(400))
      .force("x", d3.forceX(0).strength(0.05))
      .force("y", d3.forceY(0).strength(0.1))
      .force("collide", d3.forceCollide((n) => n.r + 20).iterations(2))
      .stop();
    const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
    for (let i = 0; i < ticks; i += 1) simulation.tick();
    const alone = nodes.filter((n) => n.degree === 0);
    const xs = linked.map((n) => n.x);
    const left = linked.length ? Math.min(...xs) : 0;
    const width = linked.length ? Math.max(Math.max(...xs) - left, 600) : 900;
    const top = linked.length ? Math.max(...linked.map((n) => n.y)) + 90 : 0;
    const step = 140;
    const across = Math.max(1, Math.floor(width / step) + 1);
    alone.forEach((n, i) => {
      n.x = left + (i % across) * step;
      n.y = top + Math.floor(i / across) * 60;
    });
    stretchToFit();
    return alone.length ? { x: Math.min(...alone.map((n) => n.x)) - 12, y: top - 30 } : null;
  }

  /* Widens a layout narrower than the chart's box (up to 1.8 times): labels run across, so
     room across is what they need most. */
  function stretchToFit() {
    if (nodes.length < 2) return;
    const box = chart.getBoundingClientRect();
    const aspect = box.width > 0 && box.height > 0 ? box.width / box.height : 1.6;
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const wide = Math.max(...xs) - Math.min(...xs) || 1;
    const tall = Math.max(...ys) - Math.min(...ys) + 2 * MARGIN;
    const middle = (Math.max(...xs) + Math.min(...xs)) / 2;
    const stretch = Math.min(1.8, Math.max(1, (aspect * tall - 2 * MARGIN - 80) / wide));
    for (const n of nodes) n.x = middle + (n.x - middle) * stretch;
  }

  const MARGIN = 50; // room round the outermost nodes for their labels

  /* The box round every node and its label; never so small that a few nodes are blown up to
     more than 1.25 times their size on screen. */
  function fittedViewBox() {
    if (!nodes.length) return "0 0 800 400";
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const screen = chart.getBoundingClientRect();
    const width = Math.max(Math.max(...xs) - Math.min(...xs) + 2 * MARGIN + 80, screen.width / 1.25, 200);
    const height = Math.max(Math.max(...ys) - Math.min(...ys) + 2 * MARGIN, screen.height / 1.25, 150);
    const left = (Math.max(...xs) + Math.min(...xs)) / 2 - width / 2;
    const top = (Math.max(...ys) + Math.min(...ys)) / 2 - height / 2;
    return [left, top, width, height].map((v) => v.toFixed(1)).join(" ");
  }

  function rim(fromX, fromY, node, gap) {
    const dx = node.x - fromX;
    const dy = node.y - fromY;
    const length = Math.hypot(dx, dy) || 1;
    return [node.x - (dx / length) * (node.r + gap), node.y - (dy / length) * (node.r + gap)];
  }

  function edgePath(e) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    const sign = e.source < e.target ? 1 : -1; // one normal per pair, so offsets fan out
    const cx = (a.x + b.x) / 2 - (dy / length) * sign * e.offset;
    const cy = (a.y + b.y) / 2 + (dx / length) * sign * e.offset;
    const [x1, y1] = rim(cx, cy, a, 1);
    const [x2, y2] = rim(cx, cy, b, e.mutual ? 1 : 3);
    const f = (v) => v.toFixed(1);
    return `M${f(x1)},${f(y1)} Q${f(cx)},${f(cy)} ${f(x2)},${f(y2)}`;
  }

  function caption(e) {
    const from = byId.get(e.source).name;
    const to = byId.get(e.target).name;
    const how = e.role ? "holds the role “" + e.role + "” in" : words(e.type);
    const about = [e.role ? "role" : e.confidence + " confidence"];
    if (e.inferred) about.push("inferred");
    if (period(e)) about.push(period(e));
    return `${from} ${how} ${to} (${about.join(", ")})`;
  }

  const WIDTHS = { high: 2.6, moderate: 1.8, low: 1.1 };

  function drawChart() {
    const pairs = spreadParallelEdges();
    const shelf = place(pairs);
    chart.setAttribute("viewBox", fittedViewBox());
    const defs = svg("defs");
    data.classes.forEach((c, i) => {
      c.marker = "arrow-" + i;
      const marker = svg("marker", {
        id: c.marker, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "9",
        markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto",
      });
      marker.append(svg("path", { d: "M0,1 L10,5 L0,9 z", fill: c.colour }));
      defs.append(marker);
    });
    const backdrop = svg("rect", { class: "backdrop", x: "-100000", y: "-100000", width: "200000", height: "200000" });
    const edgeLayer = svg("g", { class: "edges" });
    const nodeLayer = svg("g", { class: "nodes" });
    for (const e of edges) {
      const look = classes.get(e.class) || classes.get("other");
      const group = svg("g", { class: "edge", "data-id": e.id, "data-class": e.class });
      const line = svg("path", {
        d: edgePath(e), fill: "none", stroke: look.colour,
        "stroke-width": String(WIDTHS[e.confidence] || 1.8),
      });
      if (e.inferred) line.setAttribute("stroke-dasharray", "7 4");
      if (!e.mutual) line.setAttribute("marker-end", `url(#${look.marker})`);
      group.append(line, svg("title"));
      group.lastChild.textContent = caption(e);
      e.element = group;
      e.line = line;
      edgeLayer.append(group);
    }
    for (const n of nodes) {
      const look = kinds.get(n.kind);
      const group = svg("g", {
        class: "node", "data-id": n.id, "data-kind": n.kind, tabindex: "0", role: "button",
        transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`,
      });
      group.setAttribute("aria-label", n.name + ", " + n.kind);
      const label = n.name.length > 30 ? n.name.slice(0, 29) + "…" : n.name;
      const title = svg("title");
      title.textContent = n.name + " (" + n.kind + (n.type ? ", " + n.type : "") + ")";
      const text = svg("text", { y: (n.r + 12).toFixed(1), "text-anchor": "middle" });
      text.textContent = label;
      group.append(title, svg("circle", { r: n.r.toFixed(1), fill: look ? look.colour : "#999" }), text);
      n.element = group;
      nodeLayer.append(group);
      handleNode(n);
    }
    viewport.append(backdrop, edgeLayer, nodeLayer);
    if (shelf) {
      const note = svg("text", { class: "shelf", x: shelf.x.toFixed(1), y: shelf.y.toFixed(1) });
      note.textContent = "Linked to no other actor in this brief:";
      viewport.insertBefore(note, edgeLayer);
    }
    chart.append(defs, viewport);
    handleViewport();
  }

  function redrawEdgesOf(n) {
    for (const e of edges) {
      if (e.source === n.id || e.target === n.id) e.line.setAttribute("d", edgePath(e));
    }
  }

  function setView() {
    viewport.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
  }

  /* A pointer's place in the chart's own coordinates (before or after the user's zoom). */
  function chartPoint(event, zoomed) {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(
      chart.getScreenCTM().inverse());
    return zoomed ? { x: (point.x - view.x) / view.k, y: (point.y - view.y) / view.k } : point;
  }

  function zoom(factor, around) {
    const k = Math.min(8, Math.max(0.25, view.k * factor));
    view.x = around.x - ((around.x - view.x) * k) / view.k;
    view.y = around.y - ((around.y - view.y) * k) / view.k;
    view.k = k;
    setView();
  }

  function handleViewport() {
    let pan = null;
    // Ctrl + wheel (a trackpad's pinch) zooms; the wheel alone still scrolls the page.
    chart.addEventListener("wheel", (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, chartPoint(event, false));
    }, { passive: false });
    chart.addEventListener("pointerdown", (event) => {
      if (event.target.closest(".node")) return;
      pan = { from: chartPoint(event, false), x: view.x, y: view.y };
      chart.setPointerCapture(event.pointerId);
    });
    chart.addEventListener("pointermove", (event) => {
      if (!pan) return;
      const point = chartPoint(event, false);
      view.x = pan.x + point.x - pan.from.x;
      view.y = pan.y + point.y - pan.from.y;
      setView();
    });
    for (const end of ["pointerup", "pointercancel"]) chart.addEventListener(end, () => { pan = null; });
    const middle = () => {
      const box = chart.viewBox.baseVal;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    };
    document.getElementById("zoom-in").addEventListener("click", () => zoom(1.3, middle()));
    document.getElementById("zoom-out").addEventListener("click", () => zoom(1 / 1.3, middle()));
    document.getElementById("zoom-fit").addEventListener("click", () => {
      Object.assign(view, { x: 0, y: 0, k: 1 });
      setView();
    });
  }

  /* Dragging a node moves it; a press that does not move it is a click, which selects it. */
  function handleNode(n) {
    let drag = null;
    n.element.addEventListener("pointerdown", (event) => {
      drag = { from: chartPoint(event, true), x: n.x, y: n.y, moved: false };
      n.element.setPointerCapture(event.pointerId);
    });
    n.element.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const point = chartPoint(event, true);
      const dx = point.x - drag.from.x;
      const dy = point.y - drag.from.y;
      if (!drag.moved && Math.hypot(dx, dy) < 3) return;
      drag.moved = true;
      n.x = drag.x + dx;
      n.y = drag.y + dy;
      n.element.setAttribute("transform", `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`);
      redrawEdgesOf(n);
    });
    n.element.addEventListener("pointerup", () => {
      n.dragged = drag !== null && drag.moved;
      drag = null;
    });
    n.element.addEventListener("click", () => {
      if (!n.dragged) select(n.id);
      n.dragged = false;
    });
    n.element.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(n.id);
      }
    });
  }

  function visible(e) {
    const now = stateOn(e, state.day);
    return state.shown.has(e.class) && now !== "future" && (now !== "former" || state.former);
  }

  /* Shows the links the filters let through, in the style their state on the day calls for. */
  function update() {
    const linked = new Set();
    let count = 0;
    for (const e of edges) {
      const shown = visible(e);
      e.element.setAttribute("data-state", stateOn(e, state.day));
      e.element.classList.toggle("hidden", !shown);
      if (shown) {
        count += 1;
        linked.add(e.source);
        linked.add(e.target);
      }
    }
    for (const n of nodes) n.element.classList.toggle("unlinked", !linked.has(n.id));
    document.getElementById("as-of").value = state.day;
    document.getElementById("as-of-days").value = String(dayNumber(state.day) - dayNumber(data.meta.first));
    const plural = count === 1 ? "" : "s";
    const when = state.day === data.meta.asOf ? state.day + " (the brief's date)" : state.day;
    document.getElementById("chart-caption").textContent =
      `${nodes.length} actors, ${count} of ${edges.length} links shown: those in force on ${when}` +
      (state.former ? ", and those ended by then (dotted)." : ".");
    chart.setAttribute("aria-label", `Link chart: ${nodes.length} actors, ${count} link${plural}`);
    if (selected) highlight(selected);
    if (selected) drawProfile(selected);
  }

  function drawFilters() {
    const box = document.getElementById("class-filters");
    for (const c of present) {
      const label = el("label", "filter");
      const input = el("input");
      input.type = "checkbox";
      input.checked = true;
      input.value = c.name;
      input.setAttribute("data-class", c.name);
      input.addEventListener("change", () => {
        if (input.checked) state.shown.add(c.name);
        else state.shown.delete(c.name);
        update();
      });
      label.append(input, lineSample(c.colour, null, 1.8), c.label);
      box.append(label);
    }
    const date = document.getElementById("as-of");
    const slider = document.getElementById("as-of-days");
    const first = dayNumber(data.meta.first);
    date.min = data.meta.first;
    date.max = data.meta.asOf;
    slider.max = String(dayNumber(data.meta.asOf) - first);
    slider.disabled = data.meta.first === data.meta.asOf;
    slider.addEventListener("input", () => {
      state.day = isoDay(first + Number(slider.value));
      update();
    });
    date.addEventListener("change", () => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(date.value)) state.day = date.value;
      update();
    });
    const former = document.getElementById("show-former");
    former.addEventListener("change", () => {
      state.former = former.checked;
      update();
    });
    document.getElementById("reset").addEventListener("click", () => {
      state.day = data.meta.asOf;
      state.former = former.checked = true;
      for (const input of box.querySelectorAll("input")) input.checked = true;
      state.shown = new Set(present.map((c) => c.name));
      update();
    });
  }

  function lineSample(colour, dash, width, opacity) {
    const sample = svg("svg", { class: "sample", width: "34", height: "10", "aria-hidden": "true" });
    const line = svg("line", { x1: "1", y1: "5", x2: "33", y2: "5", stroke: colour, "stroke-width": String(width) });
    if (dash) line.setAttribute("stroke-dasharray", dash);
    if (opacity) line.setAttribute("opacity", String(opacity));
    sample.append(line);
    return sample;
  }

  function drawLegend() {
    const legend = document.getElementById("legend");
    const actors = el("div", "legend-group");
    actors.append(el("span", "legend-title", "Actors"));
    for (const k of data.kinds) {
      if (!nodes.some((n) => n.kind === k.name)) continue;
      const item = el("span", "legend-item");
      const dot = svg("svg", { class: "sample", width: "14", height: "14", "aria-hidden": "true" });
      dot.append(svg("circle", { cx: "7", cy: "7", r: "6", fill: k.colour, stroke: "#333", "stroke-width": "0.8" }));
      item.append(dot, k.label);
      actors.append(item);
    }
    const links = el("div", "legend-group");
    links.append(el("span", "legend-title", "Relations"));
    for (const c of present) {
      const item = el("span", "legend-item");
      item.append(lineSample(c.colour, null, 2.2), c.label);
      links.append(item);
    }
    const styles = el("div", "legend-group");
    styles.append(el("span", "legend-title", "Lines"));
    const grey = "#444";
    for (const [dash, width, opacity, text] of [
      [null, WIDTHS.high, null, "high confidence"],
      [null, WIDTHS.moderate, null, "moderate"],
      [null, WIDTHS.low, null, "low confidence"],
      ["7 4", WIDTHS.moderate, null, "inferred by the analyst"],
      ["1.5 4", WIDTHS.moderate, 0.5, "ended by the date shown"],
    ]) {
      const item = el("span", "legend-item");
      item.append(lineSample(grey, dash, width, opacity), text);
      styles.append(item);
    }
    styles.append(el("span", "legend-item", "An arrow reads subject → object; a line without one holds both ways."));
    legend.append(actors, links, styles);
  }

  /* ------------------------------------------------------------------ an actor's profile */

  function highlight(id) {
    chart.classList.add("focused");
    const near = new Set([id]);
    for (const e of edges) {
      const touches = e.source === id || e.target === id;
      e.element.classList.toggle("touching", touches);
      if (touches && visible(e)) {
        near.add(e.source);
        near.add(e.target);
      }
    }
    for (const n of nodes) {
      n.element.classList.toggle("selected", n.id === id);
      n.element.classList.toggle("faded", !near.has(n.id));
    }
  }

  function select(id) {
    selected = id;
    highlight(id);
    drawProfile(id);
  }

  function clearSelection() {
    selected = null;
    chart.classList.remove("focused");
    for (const e of edges) e.element.classList.remove("touching");
    for (const n of nodes) n.element.classList.remove("selected", "faded");
    drawEmptyProfile();
  }

  function actorButton(id) {
    const button = el("button", "actor-link", byId.get(id).name);
    button.type = "button";
    button.addEventListener("click", () => select(id));
    return button;
  }

  function fact(list, label, value) {
    if (!value) return;
    const row = el("div");
    row.append(el("dt", null, label), el("dd", null, value));
    list.append(row);
  }

  function claimCard(id) {
    const claim = claims.get(id);
    const card = el("li", "claim");
    const grade = el("span", "grade", claim.grade);
    grade.title = claim.gradeMeaning;
    card.append(grade, " ", el("span", "statement", claim.statement));
    card.append(el("div", "chain", "Source: " + chainText(claim)));
    card.append(el("blockquote", "excerpt", claim.excerpt));
    return card;
  }

  function chainText(claim) {
    return claim.chain.join(" ← ") + (claim.named ? "" : " (anonymous)");
  }

  function linkItem(n, e) {
    const item = el("li", "link");
    item.setAttribute("data-state", stateOn(e, state.day));
    const look = classes.get(e.class) || classes.get("other");
    const line = el("div", "link-line");
    line.append(lineSample(look.colour, e.inferred ? "7 4" : null, WIDTHS[e.confidence] || 1.8));
    const how = e.role ? " holds the role “" + e.role + "” in " : " " + words(e.type) + " ";
    const other = e.source === n.id ? e.target : e.source;
    if (e.source === n.id) line.append(el("strong", null, n.name), how, actorButton(other));
    else line.append(actorButton(other), how, el("strong", null, n.name));
    item.append(line);
    const about = [look.label, e.role ? "role" : e.confidence + " confidence"];
    if (e.inferred) about.push("inferred");
    if (period(e)) about.push(period(e));
    about.push(STATE_WORDS[stateOn(e, state.day)] + " " + state.day);
    item.append(el("div", "link-about", about.join(" · ")));
    if (e.description) item.append(el("p", "link-description", e.description));
    if (e.claims.length) {
      const list = el("ol", "claims");
      for (const id of e.claims) list.append(claimCard(id));
      item.append(list);
    } else {
      item.append(el("p", "quiet", e.role ? "A role in the actor's record; no claim cited." : "No claim cited."));
    }
    return item;
  }

  function drawProfile(id) {
    const n = byId.get(id);
    const panel = document.getElementById("profile");
    panel.replaceChildren();
    const close = el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close the profile");
    close.addEventListener("click", clearSelection);
    const heading = el("h3", "profile-name", n.name);
    panel.append(close, heading);
    const list = el("dl", "facts");
    fact(list, "Kind", n.kind + (n.type ? " (" + n.type + ")" : ""));
    fact(list, "Status", n.status + (n.statusDate ? " " + n.statusDate : ""));
    fact(list, "Blocs", n.blocs.join(", "));
    fact(list, "Also", n.aliases.join("; "));
    panel.append(list);
    if (n.description) panel.append(el("p", "description", n.description));
    if (n.roles.length) {
      panel.append(el("h4", null, "Roles"));
      const roles = el("ul", "roles");
      for (const role of n.roles) {
        const item = el("li");
        item.append(role.title);
        if (role.of) item.append(", ", byId.has(role.of) ? actorButton(role.of) : role.ofName);
        const when = [period(role), STATE_WORDS[stateOn(role, state.day)] + " " + state.day];
        item.append(el("span", "link-about", " — " + when.filter(Boolean).join(" · ")));
        roles.append(item);
      }
      panel.append(roles);
    }
    const mine = edges.filter((e) => e.source === id || e.target === id);
    const order = { current: 0, former: 1, future: 2 };
    mine.sort((a, b) => order[stateOn(a, state.day)] - order[stateOn(b, state.day)]);
    panel.append(el("h4", null, `Links (${mine.length}) and the claims behind them`));
    const links = el("ul", "links");
    for (const e of mine) links.append(linkItem(n, e));
    if (!mine.length) panel.append(el("p", "quiet", "No relations in this brief."));
    else panel.append(links);
  }

  function drawEmptyProfile() {
    const panel = document.getElementById("profile");
    panel.replaceChildren(
      el("p", "quiet", "Click an actor to see its profile: its roles, blocs and relations, and the claims behind each link."),
      el("p", "quiet", "Drag the background to move the chart, and an actor to move it; Ctrl + wheel, or + and −, to zoom."));
  }

  /* ------------------------------------------------------------------ the timeline */

  function drawTimeline() {
    const root = document.getElementById("timeline");
    const events = data.timeline;
    if (!events.length) {
      root.append(el("p", "quiet", "No events in this brief."));
      return;
    }
    const dated = events.filter((e) => e.start);
    const low = dated.length ? Math.min(...dated.map((e) => dayNumber(e.start))) : 0;
    const high = dated.length ? Math.max(...dated.map((e) => dayNumber(e.end))) + 1 : 1;
    const span = Math.max(high - low, 1);
    const at = (day) => ((day - low) / span) * 100;
    root.append(el("p", "caption",
      "Each bar spans the days an event may have happened on; a hatched bar is an uncertain date (?), a pale one an approximate date (~), a dot one known day."));
    const table = el("table", "timeline");
    const head = el("thead");
    const headRow = el("tr");
    const axis = el("th", "track-cell");
    const ticks = el("div", "axis");
    if (dated.length) {
      // The first and last days, and one between when there is room for it (not in print).
      const count = Math.min(2, span - 1);
      for (let i = 0; i <= count; i += 1) {
        const day = low + Math.round((i * (span - 1)) / Math.max(count, 1));
        const tick = el("span", "tick", isoDay(day));
        tick.style.left = at(day) + "%";
        if (i === count && i > 0) tick.classList.add("last");
        else if (i > 0) tick.classList.add("middle");
        ticks.append(tick);
      }
    }
    axis.append(ticks);
    headRow.append(el("th", null, "When"), axis, el("th", null, "Event"), el("th", null, "Where"), el("th", null, "Who"));
    head.append(headRow);
    const body = el("tbody");
    for (const event of events) {
      const row = el("tr");
      row.setAttribute("data-id", event.id);
      const track = el("div", "track");
      if (event.start) {
        const first = dayNumber(event.start);
        const last = dayNumber(event.end) + 1;
        const bar = el("span", "bar");
        bar.style.left = at(first) + "%";
        bar.style.width = ((last - first) / span) * 100 + "%";
        if (last - first === 1) bar.classList.add("day");
        if (event.uncertain) bar.classList.add("uncertain");
        if (event.approximate) bar.classList.add("approximate");
        bar.title = event.date;
        track.append(bar);
      }
      const cell = el("td", "track-cell");
      cell.append(track);
      const what = el("td");
      what.append(el("span", "event-title", event.title), el("span", "event-kind", " " + event.kind));
      const when = event.date + (event.time ? " " + event.time : "");
      row.append(el("td", "when", when), cell, what, el("td", null, event.place || ""), el("td", "who", event.who.join("; ")));
      body.append(row);
    }
    table.append(head, body);
    root.append(table);
  }

  /* ------------------------------------------------------------------ the claims table */

  const COLUMNS = [
    { label: "Claim", key: (c) => c.id },
    { label: "Statement and excerpt", key: (c) => c.statement.toLowerCase() },
    { label: "Grade", key: (c) => c.grade },
    { label: "Source chain", key: (c) => chainText(c).toLowerCase() },
  ];

  function drawClaims() {
    const root = document.getElementById("claims");
    const table = el("table", "claims-table");
    const head = el("thead");
    const headRow = el("tr");
    const body = el("tbody");
    const rows = data.claims.map((claim, position) => {
      const row = el("tr");
      row.setAttribute("data-id", claim.id);
      const statement = el("td");
      statement.append(el("div", "statement", claim.statement), el("blockquote", "excerpt", claim.excerpt));
      const grade = el("td", "grade-cell");
      const badge = el("span", "grade", claim.grade);
      badge.title = claim.gradeMeaning;
      grade.append(badge);
      const chain = el("td", null, chainText(claim) + (claim.translated ? " · via a translation" : ""));
      row.append(el("td", "claim-id", claim.id), statement, grade, chain);
      return { row, claim, position };
    });
    let sorted = { column: -1, up: true };
    COLUMNS.forEach((column, number) => {
      const th = el("th");
      th.setAttribute("aria-sort", "none");
      const button = el("button", "sort", column.label);
      button.type = "button";
      button.addEventListener("click", () => {
        sorted = { column: number, up: sorted.column === number ? !sorted.up : true };
        for (const other of headRow.children) other.setAttribute("aria-sort", "none");
        th.setAttribute("aria-sort", sorted.up ? "ascending" : "descending");
        const key = column.key;
        rows.sort((a, b) => {
          const x = key(a.claim);
          const y = key(b.claim);
          const order = x < y ? -1 : x > y ? 1 : a.position - b.position;
          return sorted.up ? order : -order;
        });
        body.replaceChildren(...rows.map((r) => r.row));
      });
      th.append(button);
      headRow.append(th);
    });
    head.append(headRow);
    body.append(...rows.map((r) => r.row));
    table.append(head, body);
    root.append(table);
  }

  /* ------------------------------------------------------------------ */

  document.title = data.meta.title;
  drawBriefing();
  drawChart();
  drawFilters();
  drawLegend();
  drawEmptyProfile();
  drawTimeline();
  drawClaims();
  update();
})();
