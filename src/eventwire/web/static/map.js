// The map: country outlines from world-atlas, the filtered events as points coloured by type,
// sized by dead, clustered when dense; the timeline's brush sets the date range.
"use strict";

(async function () {
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([20, 10], 2);
  const world = await (await fetch("/static/vendor/countries-110m.json")).json();
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: { color: "#8a8f98", weight: 0.6, fillColor: "#eef0f2", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);

  const points = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(points);
  const form = document.getElementById("filters");
  const count = document.getElementById("map-count");

  function popup(p) {
    const box = ew.element("div", { class: "popup" });
    box.append(ew.element("b", {}, p.type), ` ${p.mode || ""} ${p.date || ""}`);
    box.append(ew.element("div", {}, `${p.place || ""}${p.country ? " (" + p.country + ")" : ""}`));
    if (p.dead != null) box.append(ew.element("div", {}, `dead: ${p.dead}`));
    box.append(ew.element("div", {}, `${p.modality}, confidence ${Number(p.confidence).toFixed(2)}`));
    const link = ew.element("a", { href: `/articles/${encodeURIComponent(p.article_id)}#${encodeURIComponent(p.event_id)}` }, "open the event");
    box.append(link);
    return box;
  }

  async function load(params) {
    const box = document.getElementById("map");
    box.dataset.loading = "yes";
    const query = params.toString();
    for (const format of ["csv", "geojson"]) {
      document.getElementById("dl-" + format).href = `/api/events?format=${format}${query ? "&" + query : ""}`;
    }
    const data = await (await fetch(`/api/events?format=geojson${query ? "&" + query : ""}`)).json();
    points.clearLayers();
    const markers = data.features.map((feature) => {
      const p = feature.properties;
      const [lon, lat] = feature.geometry.coordinates;
      const marker = L.circleMarker([lat, lon], {
        radius: 5 + 3 * Math.sqrt(p.dead || 0), color: "#333", weight: 1,
        fillColor: ew.colour(p.type), fillOpacity: 0.85, className: "event-point",
      });
      marker.bindPopup(() => popup(p));
      return marker;
    });
    points.addLayers(markers);
    count.textContent = `${markers.length} events on the map`;
    box.dataset.points = String(markers.length);
    box.dataset.loading = "no";
  }

  // The brush writes the dates into the form and reloads the points (and the URL) without a page load.
  function setDates(from, to) {
    form.elements.date_from.value = from || "";
    form.elements.date_to.value = to || "";
    const params = new URLSearchParams(new FormData(form));
    for (const [key, value] of [...params]) if (!value) params.delete(key);
    history.replaceState(null, "", "?" + params.toString());
    load(params);
  }

  const params = ew.filterParams();
  await Promise.all([load(params), drawTimeline(document.getElementById("timeline"), params, setDates)]);
})();
