// The timeline: stacked bars of event counts by type (d3), by day for short spans, else by month.
// Dragging across it (d3-brush) calls onBrush(from, to) with the dates it covers.
"use strict";

async function drawTimeline(box, params, onBrush) {
  const query = new URLSearchParams(params);
  query.delete("date_from");
  query.delete("date_to");
  const fetchCounts = async (bucket) =>
    (await (await fetch(`/api/events/timeline?bucket=${bucket}&${query}`)).json()).items;
  let bucket = "month";
  let counts = await fetchCounts(bucket);
  if (new Set(counts.map((c) => c.period)).size <= 3) {
    bucket = "day";
    counts = await fetchCounts(bucket);
  }
  const periods = [...new Set(counts.map((c) => c.period))].sort();
  const types = [...new Set(counts.map((c) => c.type))].sort();
  const rows = periods.map((period) => {
    const row = { period };
    for (const type of types) row[type] = 0;
    return row;
  });
  const index = new Map(periods.map((p, i) => [p, i]));
  for (const c of counts) rows[index.get(c.period)][c.type] = c.count;

  const width = box.clientWidth || 900, height = 160, margin = { top: 8, right: 8, bottom: 22, left: 32 };
  const svg = d3.select(box).append("svg").attr("width", width).attr("height", height).attr("role", "img");
  const x = d3.scaleBand().domain(periods).range([margin.left, width - margin.right]).padding(0.15);
  const stacked = d3.stack().keys(types)(rows);
  const y = d3.scaleLinear().domain([0, d3.max(stacked.at(-1) || [], (d) => d[1]) || 1]).nice()
    .range([height - margin.bottom, margin.top]);
  svg.append("g").selectAll("g").data(stacked).join("g").attr("fill", (s) => ew.colour(s.key))
    .selectAll("rect").data((s) => s).join("rect")
    .attr("x", (d) => x(d.data.period)).attr("width", x.bandwidth())
    .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]));
  const every = Math.max(1, Math.ceil(periods.length / 12));
  svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).tickValues(periods.filter((_, i) => i % every === 0)));
  svg.append("g").attr("transform", `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(4));

  const legend = document.getElementById("legend");
  legend.replaceChildren(...types.map((type) => {
    const item = ew.element("span", { class: "key" }, type);
    item.style.setProperty("--colour", ew.colour(type));
    return item;
  }));

  // A period's first and last day, for the date filter.
  const first = (p) => (p.length === 4 ? p + "-01-01" : p.length === 7 ? p + "-01" : p);
  const last = (p) => {
    if (p.length === 10) return p;
    if (p.length === 4) return p + "-12-31";
    const [yy, mm] = p.split("-").map(Number);
    return `${p}-${String(new Date(Date.UTC(yy, mm, 0)).getUTCDate()).padStart(2, "0")}`;
  };
  const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
    .on("end", (event) => {
      if (!event.sourceEvent) return;
      if (!event.selection) return onBrush(null, null);
      const [a, b] = event.selection;
      const inside = periods.filter((p) => x(p) + x.bandwidth() >= a && x(p) <= b);
      if (inside.length) onBrush(first(inside[0]), last(inside.at(-1)));
    });
  svg.append("g").attr("class", "brush").call(brush);
  box.dataset.periods = String(periods.length);
}
