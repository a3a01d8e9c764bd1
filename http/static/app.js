// dossier web UI: draws every <figure class="viz" data-viz="KIND"> from the
// JSON in its <script type="application/json" class="viz-data">, and adds
// search suggestions to <input data-suggest="URL-prefix">.
//
// Kinds: timeline, map, graph, bars, choropleth (the JSON of each is
// described above its draw function). When a figure is drawn, data-drawn="N"
// is set on it, N being the number of marks drawn (points, bars, nodes,
// countries coloured); with no data it shows "No data" and data-drawn="0".
//
// Data never becomes HTML: text goes in with textContent (d3's .text()),
// attributes with setAttribute (d3's .attr()), and links only take
// same-site paths or http(s) URLs.
(() => {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";

  // Okabe-Ito colours: distinguishable with the common colour blindnesses.
  const SOURCE_COLOURS = {
    gtd: "#0072B2",
    acled: "#D55E00",
    ucdp: "#009E73",
    gdelt: "#CC79A7",
    curated: "#9a6b00",
    article: "#56B4E9",
  };
  const OTHER_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#9a6b00", "#56B4E9", "#000000"];

  // How each relation type is drawn: colour, dash pattern, arrow (directed).
  const EDGE_STYLES = {
    branch_of: { colour: "#1f4e8c", dash: null, arrow: true, name: "branch of" },
    splinter_of: { colour: "#b35c00", dash: "6 4", arrow: true, name: "splinter of" },
    merged_into: { colour: "#6a3d9a", dash: "2 3", arrow: true, name: "merged into" },
    successor_of: { colour: "#555555", dash: "9 3 2 3", arrow: true, name: "successor of" },
    ally: { colour: "#2e7d32", dash: null, arrow: false, name: "ally" },
    rival: { colour: "#c62828", dash: "10 4", arrow: false, name: "rival" },
  };
  const EDGE_OTHER = { colour: "#888888", dash: "1 3", arrow: true, name: null };

  // ---------------------------------------------------------------- helpers

  // safeHref returns h when it is a same-site path or an http(s) URL, and
  // null otherwise (javascript:, data:, protocol-relative, non-strings).
  function safeHref(h) {
    if (typeof h !== "string" || h === "") return null;
    if (/^\/(?![\/\\])/.test(h)) return h;
    if (/^https?:\/\//i.test(h)) return h;
    return null;
  }

  function num(v) {
    const n = typeof v === "number" ? v : v == null || v === "" ? NaN : Number(v);
    return Number.isFinite(n) ? n : NaN;
  }

  function str(v) {
    return v == null ? "" : String(v);
  }

  function list(v) {
    return Array.isArray(v) ? v : [];
  }

  const formatInt = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
  const formatDec = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
  function fmt(v) {
    if (!Number.isFinite(v)) return "–";
    return Number.isInteger(v) ? formatInt.format(v) : formatDec.format(v);
  }

  function sourceColour(source, i) {
    return SOURCE_COLOURS[str(source).toLowerCase()] || OTHER_COLOURS[i % OTHER_COLOURS.length];
  }

  const SOURCE_NAMES = { gtd: "GTD", acled: "ACLED", ucdp: "UCDP", gdelt: "GDELT" };
  function sourceName(source) {
    const s = str(source);
    return SOURCE_NAMES[s.toLowerCase()] || s.charAt(0).toUpperCase() + s.slice(1);
  }

  function plural(n, one, many) {
    return `${fmt(n)} ${n === 1 ? one : many}`;
  }

  // measure returns the rendered width of text in the figure's font.
  let measureCtx = null;
  function measure(text, font) {
    if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
    if (!measureCtx) return text.length * 7;
    measureCtx.font = font;
    return measureCtx.measureText(text).width;
  }

  // truncate shortens text with an ellipsis to fit width pixels.
  function truncate(text, width, font) {
    if (measure(text, font) <= width) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (measure(text.slice(0, mid) + "…", font) <= width) lo = mid;
      else hi = mid - 1;
    }
    return text.slice(0, lo) + "…";
  }

  let uid = 0;
  function nextId(prefix) {
    uid += 1;
    return `${prefix}-${uid}`;
  }

  // mark appends to parent (a d3 selection) an <a href> when href is safe,
  // or a plain <g> otherwise, and gives it an accessible name.
  function mark(parent, href, label) {
    const h = safeHref(href);
    const el = h ? parent.append("a").attr("href", h) : parent.append("g");
    el.attr("class", h ? "viz-mark viz-link" : "viz-mark");
    if (label) el.attr("aria-label", label);
    return el;
  }

  // Tooltip: one per figure, plain text lines, the first in bold.
  function makeTip(fig) {
    const el = document.createElement("div");
    el.className = "viz-tip";
    el.setAttribute("role", "tooltip");
    el.hidden = true;
    fig.appendChild(el);
    return {
      show(event, lines) {
        const rows = lines.filter((l) => l !== "" && l != null);
        el.replaceChildren(
          ...rows.map((line, i) => {
            const row = document.createElement(i === 0 ? "strong" : "div");
            row.textContent = line;
            return row;
          }),
        );
        el.hidden = false;
        const box = fig.getBoundingClientRect();
        let x;
        let y;
        if (event && typeof event.clientX === "number" && event.clientX !== 0) {
          x = event.clientX - box.left;
          y = event.clientY - box.top;
        } else if (event && event.target && event.target.getBoundingClientRect) {
          const r = event.target.getBoundingClientRect();
          x = r.left + r.width / 2 - box.left;
          y = r.top + r.height / 2 - box.top;
        } else {
          x = 0;
          y = 0;
        }
        const w = el.offsetWidth;
        const left = Math.max(4, Math.min(x + 14, fig.clientWidth - w - 4));
        el.style.left = `${left}px`;
        el.style.top = `${Math.max(4, y + 14)}px`;
      },
      hide() {
        el.hidden = true;
      },
    };
  }

  // hover wires tooltip lines to a mark for mouse, keyboard focus and touch.
  function hover(sel, tip, lines) {
    sel
      .on("mouseenter mousemove focus", (event, d) => tip.show(event, lines(d)))
      .on("mouseleave blur", () => tip.hide());
  }

  // legend adds an HTML legend: items are {swatch: Element, text}.
  function legend(canvas, items, note) {
    const box = document.createElement("div");
    box.className = "viz-legend";
    for (const item of items) {
      const span = document.createElement("span");
      span.className = "viz-legend-item";
      if (item.swatch) span.appendChild(item.swatch);
      span.appendChild(document.createTextNode(item.text));
      box.appendChild(span);
    }
    if (note) {
      const span = document.createElement("span");
      span.className = "viz-legend-note";
      span.textContent = note;
      box.appendChild(span);
    }
    canvas.appendChild(box);
    return box;
  }

  function swatch(colour, shape) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "viz-swatch");
    const el = document.createElementNS(SVG, shape === "circle" ? "circle" : "rect");
    if (shape === "circle") {
      el.setAttribute("cx", "7");
      el.setAttribute("cy", "7");
      el.setAttribute("r", "5");
    } else {
      el.setAttribute("x", "1");
      el.setAttribute("y", "1");
      el.setAttribute("width", "12");
      el.setAttribute("height", "12");
    }
    el.setAttribute("fill", colour);
    svg.appendChild(el);
    return svg;
  }

  function lineSwatch(style) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "30");
    svg.setAttribute("height", "10");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "viz-swatch");
    const line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "1");
    line.setAttribute("x2", "29");
    line.setAttribute("y1", "5");
    line.setAttribute("y2", "5");
    line.setAttribute("stroke", style.colour);
    line.setAttribute("stroke-width", "2.5");
    if (style.dash) line.setAttribute("stroke-dasharray", style.dash);
    svg.appendChild(line);
    return svg;
  }

  // mapLayers clips a map to its box over a sea background: root holds
  // everything, base the layers that zoom and pan.
  function mapLayers(svg, width, height) {
    const clip = nextId("viz-clip");
    svg.append("clipPath").attr("id", clip).append("rect").attr("width", width).attr("height", height);
    const root = svg.append("g").attr("clip-path", `url(#${clip})`);
    root.append("rect").attr("class", "viz-sea").attr("width", width).attr("height", height);
    return { root, base: root.append("g") };
  }

  function newSvg(canvas, width, height, label) {
    return d3
      .select(canvas)
      .append("svg")
      .attr("class", "viz-svg")
      .attr("viewBox", `0 0 ${width} ${height}`)
      .attr("width", "100%")
      .attr("role", "group")
      .attr("aria-label", label)
      .style("max-height", `${height}px`)
      .attr("preserveAspectRatio", "xMidYMid meet");
  }

  // The world atlas: window.dossierAtlas is set by vendor/world-50m.js.
  let atlasCache = null;
  function countries() {
    if (atlasCache) return atlasCache;
    const topo = window.dossierAtlas;
    if (!topo || !window.topojson) throw new Error("the world atlas is not loaded (run make assets)");
    const fc = topojson.feature(topo, topo.objects.countries);
    const borders = topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b);
    atlasCache = { features: fc.features, borders };
    return atlasCache;
  }

  // zoomable adds pan (drag), zoom (ctrl/⌘ + wheel, pinch, double-click,
  // buttons) to svg; onZoom receives the d3 zoom transform.
  function zoomable(canvas, svg, width, height, onZoom) {
    const zoom = d3
      .zoom()
      .scaleExtent([1, 60])
      .translateExtent([
        [-width * 0.25, -height * 0.25],
        [width * 1.25, height * 1.25],
      ])
      .filter((event) => {
        if (event.type === "wheel") return event.ctrlKey || event.metaKey;
        return !event.button;
      })
      .on("zoom", (event) => onZoom(event.transform));
    svg.call(zoom);

    const bar = document.createElement("div");
    bar.className = "viz-controls";
    const button = (text, label, fn) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", fn);
      bar.appendChild(b);
    };
    button("+", "Zoom in", () => svg.transition().duration(250).call(zoom.scaleBy, 2));
    button("−", "Zoom out", () => svg.transition().duration(250).call(zoom.scaleBy, 0.5));
    button("Reset", "Reset zoom", () => svg.transition().duration(250).call(zoom.transform, d3.zoomIdentity));
    const hint = document.createElement("span");
    hint.className = "viz-hint";
    hint.textContent = "Drag to pan · Ctrl + scroll to zoom";
    bar.appendChild(hint);
    canvas.insertBefore(bar, canvas.firstChild);

    // zoomTo centres the view on base (unzoomed) coordinates at scale k.
    return function zoomTo(x, y, k) {
      const t = d3.zoomIdentity
        .translate(width / 2, height / 2)
        .scale(k)
        .translate(-x, -y);
      svg.transition().duration(400).call(zoom.transform, t);
    };
  }

  // --------------------------------------------------------------- timeline
  // {"series":[{"source":"gtd","points":[{"month":"2021-08","attacks":3,
  //   "deaths":170,"href":"/events?..."}]}]}
  // Two panels sharing the time axis: attacks per month, deaths per month;
  // one line per source. Months of a source's span without a point are 0.

  function parseMonth(m) {
    const match = /^(\d{4})-(\d{2})$/.exec(str(m));
    if (!match) return null;
    const month = Number(match[2]);
    if (month < 1 || month > 12) return null;
    return new Date(Date.UTC(Number(match[1]), month - 1, 1));
  }

  // monthAxis is a bottom axis with ticks on whole months (or years) that
  // fit the width: every 1, 2, 3 or 6 months, or every 1, 2, 3, 5, 10 years.
  function monthAxis(x, lo, hi, innerWidth) {
    const months = d3.utcMonth.count(lo, hi) + 1;
    const room = Math.max(2, Math.floor(innerWidth / 72));
    const step = [1, 2, 3, 6, 12, 24, 36, 60, 120].find((k) => months / k <= room) || 240;
    const axis = d3.axisBottom(x);
    if (step < 12) return axis.ticks(d3.utcMonth.every(step)).tickFormat(d3.utcFormat(months > 12 ? "%b %Y" : "%b"));
    return axis.ticks(d3.utcYear.every(step / 12)).tickFormat(d3.utcFormat("%Y"));
  }

  function drawTimeline(canvas, data, tip) {
    const series = list(data.series)
      .map((s, i) => ({
        source: str(s && s.source),
        colour: sourceColour(s && s.source, i),
        points: list(s && s.points)
          .map((p) => ({
            date: parseMonth(p && p.month),
            month: str(p && p.month),
            attacks: num(p && p.attacks),
            deaths: num(p && p.deaths),
            href: p && p.href,
          }))
          .filter((p) => p.date)
          .sort((a, b) => a.date - b.date),
      }))
      .filter((s) => s.points.length > 0);
    if (series.length === 0) return 0;

    const width = Math.max(300, canvas.clientWidth || 640);
    const m = { top: 26, right: 14, bottom: 26, left: 50 };
    const panelH = width < 500 ? 120 : 150;
    const gap = 52;
    const height = m.top + panelH + gap + panelH + m.bottom;
    const monthName = d3.utcFormat("%b %Y");

    const dates = series.flatMap((s) => s.points.map((p) => p.date));
    let lo = d3.min(dates);
    let hi = d3.max(dates);
    if (+lo === +hi) {
      lo = d3.utcMonth.offset(lo, -1);
      hi = d3.utcMonth.offset(hi, 1);
    }
    // Half a month of room at each end, so the end points show whole.
    const x = d3
      .scaleUtc()
      .domain([d3.utcDay.offset(lo, -15), d3.utcDay.offset(hi, 15)])
      .range([m.left, width - m.right]);
    const xAxis = monthAxis(x, lo, hi, width - m.left - m.right);

    legend(
      canvas,
      series.map((s) => ({ swatch: swatch(s.colour, "rect"), text: sourceName(s.source) })),
      "One line per source · points link to the events",
    );
    const svg = newSvg(canvas, width, height, "Attacks and deaths by month, by source");

    const panels = [
      { key: "attacks", title: "Attacks per month", top: m.top },
      { key: "deaths", title: "Deaths per month", top: m.top + panelH + gap },
    ];
    let drawn = 0;
    const r = dates.length > 240 ? 2 : 3;
    for (const panel of panels) {
      const max = d3.max(series, (s) => d3.max(s.points, (p) => (Number.isFinite(p[panel.key]) ? p[panel.key] : 0)));
      const y = d3
        .scaleLinear()
        .domain([0, max > 0 ? max : 1])
        .nice()
        .range([panel.top + panelH, panel.top]);
      const g = svg.append("g").attr("class", `viz-panel viz-panel-${panel.key}`);

      g.append("g")
        .attr("class", "viz-axis viz-grid")
        .attr("transform", `translate(${m.left},0)`)
        .call(
          d3
            .axisLeft(y)
            .tickValues(y.ticks(4).filter(Number.isInteger))
            .tickFormat((v) => (v >= 10000 ? d3.format("~s")(v) : formatInt.format(v)))
            .tickSize(-(width - m.left - m.right)),
        );
      g.append("g")
        .attr("class", "viz-axis")
        .attr("transform", `translate(0,${panel.top + panelH})`)
        .call(xAxis);
      g.append("text")
        .attr("class", "viz-axis-title")
        .attr("x", m.left)
        .attr("y", panel.top - 10)
        .text(panel.title);

      for (const s of series) {
        // Fill the months of the source's span that have no point with 0.
        const byMonth = new Map(s.points.map((p) => [+p.date, p]));
        const filled = d3.utcMonth
          .range(s.points[0].date, d3.utcMonth.offset(s.points[s.points.length - 1].date, 1))
          .map((d) => {
            const p = byMonth.get(+d);
            const v = p ? p[panel.key] : 0;
            return { date: d, v: Number.isFinite(v) ? v : 0 };
          });
        g.append("path")
          .attr("class", "viz-line")
          .attr("fill", "none")
          .attr("stroke", s.colour)
          .attr("stroke-width", 1.8)
          .attr("d", d3.line().x((d) => x(d.date)).y((d) => y(d.v))(filled));

        const marks = g.append("g").attr("class", "viz-points");
        for (const p of s.points) {
          // A month without attacks or deaths is the line's floor, not a mark.
          if (!(p.attacks > 0) && !(p.deaths > 0)) continue;
          const v = Number.isFinite(p[panel.key]) ? p[panel.key] : 0;
          const lines = [
            `${monthName(p.date)} · ${sourceName(s.source)}`,
            plural(p.attacks, "attack", "attacks"),
            plural(p.deaths, "death", "deaths"),
          ];
          const a = mark(marks, p.href, lines.join(", "));
          // The deaths panel links where the attacks panel does: one tab
          // stop per point is enough for the keyboard.
          if (panel.key !== "attacks") a.attr("tabindex", -1);
          a.append("circle")
            .attr("class", "viz-hit")
            .attr("cx", x(p.date))
            .attr("cy", y(v))
            .attr("r", 9);
          a.append("circle")
            .attr("class", "viz-dot")
            .attr("cx", x(p.date))
            .attr("cy", y(v))
            .attr("r", r)
            .attr("fill", s.colour);
          hover(a, tip, () => lines);
          drawn += 1;
        }
      }
    }
    return drawn;
  }

  // -------------------------------------------------------------------- map
  // {"points":[{"lat":34.5,"lon":69.2,"deaths":170,"label":"Kabul, 2021-08-26",
  //   "href":"/events/gtd/202108260001"}]}
  // Country outlines, the view fitted to the points, points clustered on
  // screen (recomputed at every zoom); a cluster shows how many events it
  // holds and zooms in when clicked; a single event links to its page.

  function drawMap(canvas, data, tip) {
    const points = list(data.points)
      .map((p) => ({
        lat: num(p && p.lat),
        lon: num(p && p.lon),
        deaths: num(p && p.deaths),
        label: str(p && p.label),
        href: p && p.href,
      }))
      .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180);
    if (points.length === 0) return 0;

    const width = Math.max(300, canvas.clientWidth || 640);
    const height = Math.round(Math.min(560, Math.max(260, width * 0.6)));
    const world = countries();

    // Fit the projection to the points' extent, at least 12° wide and tall.
    let [w, e] = d3.extent(points, (p) => p.lon);
    let [s, n] = d3.extent(points, (p) => p.lat);
    const padLon = Math.max(2, (12 - (e - w)) / 2, (e - w) * 0.15);
    const padLat = Math.max(2, (12 - (n - s)) / 2, (n - s) * 0.15);
    w = Math.max(-180, w - padLon);
    e = Math.min(180, e + padLon);
    s = Math.max(-85, s - padLat);
    n = Math.min(85, n + padLat);
    const projection = d3.geoNaturalEarth1().fitExtent(
      [
        [10, 10],
        [width - 10, height - 10],
      ],
      {
        type: "MultiPoint",
        coordinates: [
          [w, s],
          [w, n],
          [e, s],
          [e, n],
        ],
      },
    );
    const path = d3.geoPath(projection);
    for (const p of points) p.xy = projection([p.lon, p.lat]);

    legend(
      canvas,
      [
        { swatch: swatch("#c0392b", "circle"), text: "one event (size: deaths)" },
        { swatch: swatch("#7b1f14", "circle"), text: "several events (number shown; click to zoom)" },
      ],
      `${plural(points.length, "event", "events")} with coordinates`,
    );
    const svg = newSvg(canvas, width, height, `Map of ${plural(points.length, "event", "events")}`);
    const { root, base } = mapLayers(svg, width, height);
    base
      .append("g")
      .attr("class", "viz-land")
      .selectAll("path")
      .data(world.features)
      .join("path")
      .attr("d", path);
    base.append("path").attr("class", "viz-borders").attr("d", path(world.borders));
    const layer = root.append("g").attr("class", "viz-points");

    const maxDeaths = d3.max(points, (p) => (Number.isFinite(p.deaths) ? p.deaths : 0)) || 1;
    const single = d3.scaleSqrt().domain([0, maxDeaths]).range([4, 13]);
    let zoomTo = null;

    function render(t) {
      base.attr("transform", t);
      layer.selectAll("*").remove();
      for (const c of cluster(points, t, 26)) {
        const deaths = d3.sum(c.members, (p) => (Number.isFinite(p.deaths) ? p.deaths : 0));
        if (c.members.length === 1) {
          const p = c.members[0];
          const lines = [p.label || "Event", Number.isFinite(p.deaths) ? plural(p.deaths, "death", "deaths") : "deaths unknown"];
          const a = mark(layer, p.href, lines.join(", "));
          a.append("circle")
            .attr("class", "viz-event")
            .attr("cx", c.x)
            .attr("cy", c.y)
            .attr("r", single(Number.isFinite(p.deaths) ? p.deaths : 0));
          hover(a, tip, () => lines);
          continue;
        }
        const count = c.members.length;
        const names = c.members
          .slice()
          .sort((a, b) => (b.deaths || 0) - (a.deaths || 0))
          .slice(0, 3)
          .map((p) => p.label)
          .filter(Boolean);
        const lines = [plural(count, "event", "events"), plural(deaths, "death", "deaths"), ...names, count > 3 ? "…" : "", "Click to zoom in"];
        const g = layer
          .append("g")
          .attr("class", "viz-mark viz-cluster")
          .attr("role", "button")
          .attr("tabindex", 0)
          .attr("aria-label", `${plural(count, "event", "events")}, ${plural(deaths, "death", "deaths")}; zoom in`);
        const radius = Math.min(26, 10 + 3 * Math.log2(count));
        g.append("circle").attr("cx", c.x).attr("cy", c.y).attr("r", radius);
        g.append("text")
          .attr("x", c.x)
          .attr("y", c.y)
          .attr("dy", "0.35em")
          .attr("text-anchor", "middle")
          .text(count > 999 ? `${Math.round(count / 100) / 10}k` : String(count));
        hover(g, tip, () => lines);
        const bx = d3.mean(c.members, (p) => p.xy[0]);
        const by = d3.mean(c.members, (p) => p.xy[1]);
        const zoomIn = () => {
          tip.hide();
          zoomTo(bx, by, Math.min(60, t.k * 3));
        };
        g.on("click", zoomIn).on("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            zoomIn();
          }
        });
      }
    }

    zoomTo = zoomable(canvas, svg, width, height, render);
    render(d3.zoomIdentity);
    return points.length;
  }

  // cluster groups points whose screen positions (transform t) lie within
  // radius of a cluster's first (largest) member, greedily.
  function cluster(points, t, radius) {
    const cell = radius;
    const grid = new Map();
    const placed = points.map((p) => {
      const [x, y] = t.apply(p.xy);
      return { p, x, y, taken: false };
    });
    for (const q of placed) {
      const key = `${Math.floor(q.x / cell)},${Math.floor(q.y / cell)}`;
      if (!grid.has(key)) grid.set(key, []);
      grid.get(key).push(q);
    }
    const order = placed.slice().sort((a, b) => (b.p.deaths || 0) - (a.p.deaths || 0));
    const clusters = [];
    for (const q of order) {
      if (q.taken) continue;
      q.taken = true;
      const members = [q];
      const cx = Math.floor(q.x / cell);
      const cy = Math.floor(q.y / cell);
      for (let i = cx - 1; i <= cx + 1; i++) {
        for (let j = cy - 1; j <= cy + 1; j++) {
          for (const o of grid.get(`${i},${j}`) || []) {
            if (o.taken) continue;
            if ((o.x - q.x) ** 2 + (o.y - q.y) ** 2 <= radius * radius) {
              o.taken = true;
              members.push(o);
            }
          }
        }
      }
      clusters.push({
        x: d3.mean(members, (o) => o.x),
        y: d3.mean(members, (o) => o.y),
        members: members.map((o) => o.p),
      });
    }
    return clusters;
  }

  // ------------------------------------------------------------- choropleth
  // {"countries":[{"iso3":"AFG","numeric":"004","name":"Afghanistan",
  //   "value":8.2,"href":"/gti?year=2021#AFG"}],"label":"GTI score"}
  // Countries matched to the atlas by ISO 3166-1 numeric code (by name for
  // the few atlas shapes without one).

  function drawChoropleth(canvas, data, tip) {
    const rows = list(data.countries)
      .map((c) => ({
        numeric: /^\d{1,3}$/.test(str(c && c.numeric)) ? str(c.numeric).padStart(3, "0") : "",
        iso3: str(c && c.iso3),
        name: str(c && c.name),
        value: num(c && c.value),
        href: c && c.href,
      }))
      .filter((c) => Number.isFinite(c.value));
    if (rows.length === 0) return 0;
    const label = str(data.label) || "value";

    const byNumeric = new Map();
    const byName = new Map();
    for (const r of rows) {
      if (r.numeric) byNumeric.set(r.numeric, r);
      if (r.name) byName.set(r.name.toLowerCase(), r);
    }

    const width = Math.max(300, canvas.clientWidth || 640);
    const height = Math.round(width * 0.5);
    const world = countries();
    const features = world.features.filter((f) => f.id !== "010"); // no Antarctica
    const projection = d3.geoNaturalEarth1().fitExtent(
      [
        [6, 6],
        [width - 6, height - 6],
      ],
      { type: "FeatureCollection", features },
    );
    const path = d3.geoPath(projection);

    const values = rows.map((r) => r.value);
    const lo = Math.min(0, d3.min(values));
    const hi = d3.max(values) > lo ? d3.max(values) : lo + 1;
    const colour = d3.scaleSequential(d3.interpolateYlOrRd).domain([lo, hi]);

    // Legend: a gradient bar with ticks, and the "no data" grey.
    const box = legend(canvas, [], null);
    const lw = Math.min(260, width - 40);
    const lsvg = d3
      .select(box)
      .append("svg")
      .attr("class", "viz-scale")
      .attr("width", lw + 20)
      .attr("height", 38)
      .attr("aria-hidden", "true");
    const grad = nextId("viz-grad");
    const stops = lsvg.append("defs").append("linearGradient").attr("id", grad);
    for (let i = 0; i <= 10; i++) {
      stops
        .append("stop")
        .attr("offset", `${i * 10}%`)
        .attr("stop-color", colour(lo + ((hi - lo) * i) / 10));
    }
    lsvg.append("rect").attr("x", 10).attr("y", 4).attr("width", lw).attr("height", 10).attr("fill", `url(#${grad})`);
    lsvg
      .append("g")
      .attr("class", "viz-axis")
      .attr("transform", "translate(0,14)")
      .call(
        d3
          .axisBottom(d3.scaleLinear().domain([lo, hi]).range([10, lw + 10]))
          .ticks(5)
          .tickSize(4),
      );
    const cap = document.createElement("span");
    cap.className = "viz-legend-item";
    cap.textContent = label;
    box.insertBefore(cap, box.firstChild);
    const nodata = document.createElement("span");
    nodata.className = "viz-legend-item";
    nodata.append(swatch("#d5d9de", "rect"), document.createTextNode("no data"));
    box.appendChild(nodata);

    const svg = newSvg(canvas, width, height, `World map of ${label}`);
    const { root, base } = mapLayers(svg, width, height);
    const land = base.append("g").attr("class", "viz-land");

    let coloured = 0;
    for (const f of features) {
      const props = f.properties || {};
      const row = (f.id && byNumeric.get(String(f.id))) || (!f.id && props.name ? byName.get(str(props.name).toLowerCase()) : undefined);
      if (!row) {
        land.append("path").attr("class", "viz-nodata").attr("d", path(f));
        continue;
      }
      const name = row.name || str(props.name) || row.iso3;
      const lines = [name, `${label}: ${fmt(row.value)}`];
      const a = mark(land, row.href, lines.join(", "));
      // A style, not an attribute: the stylesheet's grey would win over it.
      a.append("path").attr("class", "viz-country").style("fill", colour(row.value)).attr("d", path(f));
      hover(a, tip, () => lines);
      coloured += 1;
    }
    base.append("path").attr("class", "viz-borders").attr("d", path(world.borders));
    zoomable(canvas, svg, width, height, (t) => base.attr("transform", t));
    return coloured;
  }

  // ------------------------------------------------------------------ graph
  // {"nodes":[{"id":"iskp","name":"…","href":"/groups/iskp","focus":true}],
  //  "edges":[{"from":"iskp","to":"is","type":"branch_of","label":"…"}]}
  // Force-directed layout computed up front (no animation), the focus node
  // in the middle; edge types styled and listed in the legend.

  function drawGraph(canvas, data, tip) {
    const seen = new Set();
    const nodes = [];
    for (const n of list(data.nodes)) {
      const id = str(n && n.id);
      if (id === "" || seen.has(id)) continue;
      seen.add(id);
      nodes.push({ id, name: str(n.name) || id, href: n.href, focus: n.focus === true });
    }
    if (nodes.length === 0) return 0;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const links = list(data.edges)
      .map((e) => ({
        source: str(e && e.from),
        target: str(e && e.to),
        type: str(e && e.type) || "related",
        label: str(e && e.label),
      }))
      .filter((l) => byId.has(l.source) && byId.has(l.target) && l.source !== l.target);

    const width = Math.max(300, canvas.clientWidth || 640);
    const height = Math.round(Math.min(640, Math.max(320, 200 + nodes.length * 22)));
    const font = `12px ${getComputedStyle(canvas).fontFamily || "sans-serif"}`;
    const maxLabel = Math.min(260, width / 3);
    for (const n of nodes) {
      n.text = truncate(n.name, maxLabel, n.focus ? `bold ${font}` : font);
      n.r = n.focus ? 13 : 8;
      n.half = measure(n.text, font) / 2 + 4;
    }
    const focus = nodes.find((n) => n.focus);
    if (focus) {
      focus.fx = width / 2;
      focus.fy = height / 2;
    }

    const sim = d3
      .forceSimulation(nodes)
      .force(
        "link",
        d3
          .forceLink(links)
          .id((d) => d.id)
          .distance(Math.max(90, Math.min(170, width / 7)))
          .strength(0.5),
      )
      .force("charge", d3.forceManyBody().strength(-500))
      .force("x", d3.forceX(width / 2).strength(0.05))
      .force("y", d3.forceY(height / 2).strength(0.09))
      .force("collide", d3.forceCollide((d) => Math.max(d.r + 14, d.half * 0.8)))
      .stop();
    for (let i = 0; i < 320; i++) sim.tick();

    // Fit the layout into the viewport (keeping labels inside).
    const margin = { x: Math.min(110, width / 4), y: 26 };
    for (const axis of ["x", "y"]) {
      const size = axis === "x" ? width : height;
      const pad = axis === "x" ? margin.x : margin.y;
      const [a, b] = d3.extent(nodes, (n) => n[axis]);
      const span = b - a;
      const room = size - 2 * pad;
      for (const n of nodes) {
        n[axis] = span > room ? pad + ((n[axis] - a) / span) * room : n[axis] - (a + b) / 2 + size / 2;
      }
    }

    // Legend: the edge types present, in a stable order.
    const types = [...new Set(links.map((l) => l.type))].sort((a, b) => {
      const order = Object.keys(EDGE_STYLES);
      const ia = order.indexOf(a) < 0 ? 99 : order.indexOf(a);
      const ib = order.indexOf(b) < 0 ? 99 : order.indexOf(b);
      return ia - ib || a.localeCompare(b);
    });
    const styleOf = (type) => EDGE_STYLES[type] || EDGE_OTHER;
    const typeName = (type) => styleOf(type).name || type.replace(/_/g, " ");
    legend(
      canvas,
      types.map((t) => ({ swatch: lineSwatch(styleOf(t)), text: typeName(t) })),
      links.length ? "Arrows point from a group to the group it relates to" : "No known relations",
    );

    const svg = newSvg(canvas, width, height, `Relationship graph of ${plural(nodes.length, "group", "groups")}`);
    const defs = svg.append("defs");
    const markers = new Map();
    for (const t of types) {
      const style = styleOf(t);
      if (!style.arrow) continue;
      const id = nextId("viz-arrow");
      markers.set(t, id);
      defs
        .append("marker")
        .attr("id", id)
        .attr("viewBox", "0 -5 10 10")
        .attr("refX", 9)
        .attr("refY", 0)
        .attr("markerWidth", 7)
        .attr("markerHeight", 7)
        .attr("orient", "auto")
        .append("path")
        .attr("d", "M0,-5L10,0L0,5")
        .attr("fill", style.colour);
    }

    // Parallel edges between the same pair bend apart.
    const pairs = new Map();
    for (const l of links) {
      const key = [l.source.id, l.target.id].sort().join("\u0000");
      if (!pairs.has(key)) pairs.set(key, []);
      pairs.get(key).push(l);
    }
    for (const group of pairs.values()) {
      group.forEach((l, i) => {
        const sign = l.source.id < l.target.id ? 1 : -1;
        l.bend = (i - (group.length - 1) / 2) * 36 * sign;
      });
    }

    const edgeLayer = svg.append("g").attr("class", "viz-edges");
    const nodeLayer = svg.append("g").attr("class", "viz-nodes");
    const edgeEls = [];
    for (const l of links) {
      const style = styleOf(l.type);
      const s = l.source;
      const t = l.target;
      const dx = t.x - s.x;
      const dy = t.y - s.y;
      const len = Math.hypot(dx, dy) || 1;
      const ux = dx / len;
      const uy = dy / len;
      // Control point of the curve, perpendicular to the straight line.
      const mx = (s.x + t.x) / 2 - uy * l.bend;
      const my = (s.y + t.y) / 2 + ux * l.bend;
      // End short of the target's circle so the arrow shows.
      const ex = t.x - ((t.x - mx) / (Math.hypot(t.x - mx, t.y - my) || 1)) * (t.r + 3);
      const ey = t.y - ((t.y - my) / (Math.hypot(t.x - mx, t.y - my) || 1)) * (t.r + 3);
      const d = `M${s.x},${s.y}Q${mx},${my} ${ex},${ey}`;
      const g = edgeLayer.append("g").attr("class", "viz-edge").attr("data-type", l.type);
      g.append("path").attr("class", "viz-hit").attr("d", d);
      const p = g
        .append("path")
        .attr("class", "viz-edge-line")
        .attr("d", d)
        .attr("stroke", style.colour)
        .attr("stroke-width", l.type === "rival" || l.type === "branch_of" ? 2.4 : 1.8);
      if (style.dash) p.attr("stroke-dasharray", style.dash);
      if (markers.has(l.type)) p.attr("marker-end", `url(#${markers.get(l.type)})`);
      const lines = [`${s.name} — ${typeName(l.type)} — ${t.name}`, l.label];
      hover(g, tip, () => lines);
      edgeEls.push({ l, g });
    }

    let drawn = 0;
    for (const n of nodes) {
      const a = mark(nodeLayer, n.href, n.name);
      a.classed("viz-node", true).classed("viz-focus", n.focus);
      a.append("circle").attr("cx", n.x).attr("cy", n.y).attr("r", n.r);
      a.append("text")
        .attr("x", n.x)
        .attr("y", n.y + n.r + 13)
        .attr("text-anchor", "middle")
        .text(n.text);
      const degree = links.filter((l) => l.source === n || l.target === n).length;
      const lines = [n.name, n.focus ? "this group" : "", plural(degree, "relation", "relations")];
      hover(a, tip, () => lines);
      a.on("mouseenter.focus focus.focus", () => {
        for (const { l, g } of edgeEls) g.classed("viz-dim", l.source !== n && l.target !== n);
      }).on("mouseleave.focus blur.focus", () => {
        for (const { g } of edgeEls) g.classed("viz-dim", false);
      });
      drawn += 1;
    }
    return drawn;
  }

  // ------------------------------------------------------------------- bars
  // {"items":[{"label":"civilians","value":12,"href":"/events?..."}],
  //  "unit":"attacks"}

  function drawBars(canvas, data, tip) {
    const items = list(data.items)
      .map((it) => ({ label: str(it && it.label), value: num(it && it.value), href: it && it.href }))
      .filter((it) => Number.isFinite(it.value));
    if (items.length === 0) return 0;
    const unit = str(data.unit);

    const width = Math.max(280, canvas.clientWidth || 640);
    const font = `13px ${getComputedStyle(canvas).fontFamily || "sans-serif"}`;
    const rowH = 26;
    const valueW = Math.max(...items.map((it) => measure(fmt(it.value), font))) + 12;
    const labelW = Math.min(width * 0.4, Math.max(...items.map((it) => measure(it.label, font))) + 12);
    const height = items.length * rowH + 6;
    const max = d3.max(items, (it) => it.value);
    const x = d3
      .scaleLinear()
      .domain([Math.min(0, d3.min(items, (it) => it.value)), max > 0 ? max : 1])
      .range([labelW, width - valueW]);

    const svg = newSvg(canvas, width, height, unit ? `Bars: ${unit}` : "Bars");
    let drawn = 0;
    items.forEach((it, i) => {
      const y = 3 + i * rowH;
      const text = `${it.label}: ${fmt(it.value)}${unit ? ` ${unit}` : ""}`;
      const a = mark(svg, it.href, text);
      a.classed("viz-bar", true);
      a.append("rect")
        .attr("class", "viz-hit")
        .attr("x", 0)
        .attr("y", y)
        .attr("width", width)
        .attr("height", rowH - 2);
      a.append("text")
        .attr("class", "viz-bar-label")
        .attr("x", labelW - 8)
        .attr("y", y + rowH / 2)
        .attr("dy", "0.32em")
        .attr("text-anchor", "end")
        .text(truncate(it.label, labelW - 10, font));
      const x0 = x(Math.min(0, it.value));
      a.append("rect")
        .attr("class", "viz-bar-rect")
        .attr("x", x0)
        .attr("y", y + 4)
        .attr("width", Math.max(1, Math.abs(x(it.value) - x(0))))
        .attr("height", rowH - 10);
      a.append("text")
        .attr("class", "viz-bar-value")
        .attr("x", Math.max(x(it.value), x(0)) + 5)
        .attr("y", y + rowH / 2)
        .attr("dy", "0.32em")
        .text(fmt(it.value));
      hover(a, tip, () => [it.label, `${fmt(it.value)}${unit ? ` ${unit}` : ""}`]);
      drawn += 1;
    });
    if (unit) legend(canvas, [], `Values in ${unit}`);
    return drawn;
  }

  // ------------------------------------------------------------ the figures

  const DRAW = {
    timeline: drawTimeline,
    map: drawMap,
    graph: drawGraph,
    bars: drawBars,
    choropleth: drawChoropleth,
  };

  function message(canvas, cls, text) {
    const p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    canvas.appendChild(p);
  }

  // drawFigure (re)draws one figure and returns nothing; the outcome is in
  // its data-drawn attribute (and data-error when drawing failed).
  function drawFigure(fig) {
    let canvas = fig.querySelector(":scope > .viz-canvas");
    if (!canvas) {
      canvas = document.createElement("div");
      canvas.className = "viz-canvas";
      const caption = fig.querySelector(":scope > figcaption");
      if (caption && caption === fig.firstElementChild) caption.after(canvas);
      else fig.insertBefore(canvas, fig.firstChild);
    }
    canvas.replaceChildren();
    for (const old of fig.querySelectorAll(":scope > .viz-tip")) old.remove();
    fig.removeAttribute("data-error");

    const kind = fig.getAttribute("data-viz");
    const draw = DRAW[kind];
    const script = fig.querySelector("script.viz-data");
    let drawn = 0;
    try {
      if (!draw) throw new Error(`unknown kind of figure: ${kind}`);
      if (!window.d3) throw new Error("the chart library is not loaded (run make assets)");
      const data = script ? JSON.parse(script.textContent) : null;
      if (data && typeof data === "object") drawn = draw(canvas, data, makeTip(fig));
      if (!drawn) {
        canvas.replaceChildren();
        message(canvas, "viz-empty", "No data");
      }
    } catch (err) {
      drawn = 0;
      canvas.replaceChildren();
      message(canvas, "viz-empty viz-failed", "This figure could not be drawn.");
      fig.setAttribute("data-error", str(err && err.message));
      console.error(`figure ${fig.id || kind}:`, err);
    }
    fig.setAttribute("data-drawn", String(drawn));
    return canvas;
  }

  function drawAll() {
    for (const fig of document.querySelectorAll("figure.viz")) {
      const canvas = drawFigure(fig);
      watchWidth(fig, canvas);
    }
  }

  // watchWidth redraws a figure when its width changes noticeably.
  function watchWidth(fig, canvas) {
    if (!window.ResizeObserver) return;
    let last = canvas.clientWidth;
    let timer = 0;
    new ResizeObserver(() => {
      const w = canvas.clientWidth;
      if (Math.abs(w - last) < 40 || w === 0) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        last = canvas.clientWidth;
        drawFigure(fig);
      }, 200);
    }).observe(canvas);
  }

  // ------------------------------------------------------ search suggestions
  // <input data-suggest="/api/v1/groups?q="> gets a list of groups as the
  // user types (JSON array of {id, name, aliases}); arrows move, Enter opens
  // /groups/{id}, Escape closes. Without a chosen suggestion the form
  // submits as usual (the server's search page).

  function normal(s) {
    return str(s)
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "");
  }

  // highlight appends text to el with the first match of q in a <mark>.
  function highlight(el, text, q) {
    const i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
    if (i < 0) {
      el.textContent = text;
      return;
    }
    const m = document.createElement("mark");
    m.textContent = text.slice(i, i + q.length);
    el.append(document.createTextNode(text.slice(0, i)), m, document.createTextNode(text.slice(i + q.length)));
  }

  function suggest(input) {
    const base = input.getAttribute("data-suggest");
    if (!base) return;
    const hadFocus = document.activeElement === input;
    // The server's <datalist> serves browsers without JavaScript; here the
    // richer list below replaces it.
    input.removeAttribute("list");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");

    const wrap = document.createElement("span");
    wrap.className = "suggest-wrap";
    input.before(wrap);
    wrap.appendChild(input);
    const box = document.createElement("ul");
    box.className = "suggest";
    box.id = `${input.id || nextId("search")}-suggest`;
    box.setAttribute("role", "listbox");
    box.hidden = true;
    wrap.appendChild(box);
    input.setAttribute("aria-controls", box.id);
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    wrap.appendChild(status);
    if (hadFocus) input.focus();

    let items = [];
    let active = -1;
    let timer = 0;
    let seq = 0;
    let ctrl = null;

    let leaving = false;
    function go(item) {
      if (leaving) return;
      leaving = true;
      close();
      window.location.assign(`/groups/${encodeURIComponent(item.id)}`);
    }

    // pick is the group that Enter or the search button opens: the chosen
    // suggestion, or the one whose name or alias is exactly the text typed.
    function pick() {
      if (!box.hidden && active >= 0 && items[active]) return items[active];
      const nq = normal(input.value);
      if (!nq) return null;
      return items.find((it) => normal(it.name) === nq || it.aliases.some((a) => normal(a) === nq)) || null;
    }

    function close() {
      box.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function setActive(i) {
      const options = box.children;
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(found, q) {
      items = found;
      active = -1;
      box.replaceChildren();
      if (items.length === 0) {
        close();
        status.textContent = "No group found";
        return;
      }
      const nq = normal(q);
      items.forEach((item, i) => {
        const li = document.createElement("li");
        li.id = `${box.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-id", item.id);
        const name = document.createElement("span");
        name.className = "suggest-name";
        highlight(name, item.name, q);
        li.appendChild(name);
        if (!normal(item.name).includes(nq)) {
          const alias = item.aliases.find((a) => normal(a).includes(nq));
          if (alias) {
            const also = document.createElement("span");
            also.className = "suggest-alias";
            also.append(document.createTextNode("also "));
            const span = document.createElement("span");
            highlight(span, alias, q);
            also.appendChild(span);
            li.appendChild(also);
          }
        }
        li.addEventListener("mousedown", (event) => event.preventDefault());
        li.addEventListener("click", () => go(item));
        box.appendChild(li);
      });
      box.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = `${plural(items.length, "group", "groups")} found; use the arrow keys to choose`;
    }

    async function lookup() {
      const q = input.value.trim();
      if (q === "") {
        close();
        return;
      }
      const my = ++seq;
      if (ctrl) ctrl.abort();
      ctrl = window.AbortController ? new AbortController() : null;
      try {
        const res = await fetch(base + encodeURIComponent(q), {
          headers: { Accept: "application/json" },
          signal: ctrl ? ctrl.signal : undefined,
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = await res.json();
        if (my !== seq) return;
        const found = (Array.isArray(body) ? body : list(body && (body.groups || body.items)))
          .filter((g) => g && str(g.id) !== "")
          .slice(0, 10)
          .map((g) => ({ id: str(g.id), name: str(g.name) || str(g.id), aliases: list(g.aliases).map(str) }));
        render(found, q);
      } catch (err) {
        if (err && err.name === "AbortError") return;
        if (my === seq) close();
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(lookup, 150);
    });
    input.addEventListener("keydown", (event) => {
      const open = !box.hidden && items.length > 0;
      switch (event.key) {
        case "ArrowDown":
          if (!open) {
            if (items.length) {
              box.hidden = false;
              input.setAttribute("aria-expanded", "true");
            } else return;
          }
          event.preventDefault();
          setActive(active + 1 >= items.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (!open) return;
          event.preventDefault();
          setActive(active <= 0 ? items.length - 1 : active - 1);
          break;
        case "Enter": {
          const target = pick();
          if (target) {
            event.preventDefault();
            go(target);
          }
          break;
        }
        case "Escape":
          if (open) {
            event.preventDefault();
            close();
          }
          break;
        default:
      }
    });
    if (input.form) {
      input.form.addEventListener("submit", (event) => {
        const target = pick();
        if (target || leaving) {
          event.preventDefault();
          if (target) go(target);
        }
      });
    }
    // Back from the group page (the page restored from the cache): usable again.
    window.addEventListener("pageshow", () => {
      leaving = false;
    });
    input.addEventListener("blur", () => setTimeout(close, 120));
    input.addEventListener("focus", () => {
      if (items.length && input.value.trim() !== "") {
        box.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    });
  }

  function init() {
    document.documentElement.classList.add("js");
    for (const input of document.querySelectorAll("input[data-suggest]")) suggest(input);
    drawAll();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
