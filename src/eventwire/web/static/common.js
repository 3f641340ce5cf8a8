// Shared by every page: the analyst's name and write token, POSTs to the API, type colours.
"use strict";

const ew = {
  // One colour per PLOVER type: cooperation in greens and blues, conflict in oranges and reds.
  colours: {
    AGREE: "#1b9e77", CONSULT: "#66c2a5", SUPPORT: "#2c7fb8", CONCEDE: "#7fcdbb", COOPERATE: "#41ab5d",
    AID: "#78c679", RETREAT: "#a6bddb", REQUEST: "#8c6bb1", ACCUSE: "#dd3497", REJECT: "#f768a1",
    THREATEN: "#fd8d3c", PROTEST: "#fed976", SANCTION: "#bf812d", MOBILIZE: "#8c510a", COERCE: "#e31a1c",
    ASSAULT: "#99000d",
  },
  colour(type) { return ew.colours[type] || "#777"; },
  token() { return sessionStorage.getItem("ew-token") || ""; },
  analyst() { return localStorage.getItem("ew-analyst") || ""; },

  // POST JSON with the bearer token; resolves to the answer, rejects with the server's reason.
  async post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + ew.token() },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = data.detail;
      throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail || response.statusText));
    }
    return data;
  },

  // The filter of this page's URL, empty fields dropped: the same names the API takes.
  filterParams() {
    const params = new URLSearchParams(location.search);
    for (const [key, value] of [...params]) if (!value) params.delete(key);
    return params;
  },

  element(tag, attributes = {}, text = "") {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.textContent = text;
    return node;
  },
};

(function keepCredentials() {
  const token = document.getElementById("token");
  const analyst = document.getElementById("analyst");
  token.value = ew.token();
  analyst.value = ew.analyst();
  token.addEventListener("input", () => sessionStorage.setItem("ew-token", token.value));
  analyst.addEventListener("input", () => localStorage.setItem("ew-analyst", analyst.value));
  document.getElementById("auth").addEventListener("submit", (event) => event.preventDefault());
})();
