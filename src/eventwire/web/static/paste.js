// Paste an article: POST it to /api/articles, then show its marked text and events from the server.
"use strict";

(function () {
  const form = document.getElementById("paste");
  const status = document.getElementById("paste-status");
  const result = document.getElementById("result");
  let articleId = null;

  async function show() {
    const response = await fetch(`/articles/${encodeURIComponent(articleId)}?fragment=1`);
    result.innerHTML = await response.text(); // server-rendered and escaped
    ew.bindReview(result);
  }
  ew.afterReview = show;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = form.elements;
    const body = {
      [fields.is_html.checked ? "html" : "text"]: fields.text.value,
      title: fields.title.value || null,
      published: fields.published.value || null,
      outlet: fields.outlet.value || null,
    };
    status.textContent = "reading… (the first article takes a few seconds while the model loads)";
    try {
      const record = await ew.post("/api/articles", body);
      articleId = record.article.id;
      status.textContent = `${record.events.length} events, ${record.quotes.length} quotes, ${record.actors.length} actors, ${record.places.length} places`;
      await show();
    } catch (error) {
      status.textContent = "failed: " + error.message;
    }
  });
})();
