// Review controls: accept, reject or correct one field of an event; POSTs a correction and shows it.
"use strict";

const INTEGER_FIELDS = new Set(["dead", "injured", "arrested", "dead_min"]);

// The ids and names of the article's actors and places (from the page), so an analyst may type names.
function knownIds(root) {
  const data = root.querySelector("#ids") || document.getElementById("ids");
  return data ? JSON.parse(data.textContent) : { actors: {}, places: {} };
}

function toId(value, known) {
  for (const [id, name] of Object.entries(known)) if (value === id || value.toLowerCase() === name.toLowerCase()) return id;
  return value;
}

function parseValue(field, raw, ids) {
  const value = raw.trim();
  if (field === "actors" || field === "recipients") {
    return value ? value.split(",").map((v) => toId(v.trim(), ids.actors)).filter(Boolean) : [];
  }
  if (!value) return null;
  if (INTEGER_FIELDS.has(field)) return parseInt(value, 10);
  if (field === "confidence") return parseFloat(value);
  if (field === "place") return toId(value, ids.places);
  if (field === "according_to") return toId(value, ids.actors);
  return field === "type" ? value.toUpperCase() : value;
}

ew.afterReview = () => location.reload();

ew.bindReview = function (root) {
  const ids = knownIds(root);
  for (const box of root.querySelectorAll(".review")) {
    const status = box.querySelector(".status");
    const send = async (body) => {
      if (!ew.analyst()) {
        status.textContent = "give your name (analyst) at the top first";
        return;
      }
      status.textContent = "saving…";
      try {
        await ew.post("/api/corrections", {
          target: { kind: "event", article: box.dataset.article, id: box.dataset.event },
          by: ew.analyst(), ...body,
        });
        status.textContent = "saved";
        await ew.afterReview();
      } catch (error) {
        status.textContent = "not saved: " + error.message;
      }
    };
    box.querySelector(".accept").addEventListener("click", () => send({ action: "accept" }));
    box.querySelector(".reject").addEventListener("click", () => send({ action: "reject" }));
    box.querySelector(".correct").addEventListener("submit", (event) => {
      event.preventDefault();
      const form = event.target;
      const field = form.elements.field.value;
      send({ action: "correct", field, new: parseValue(field, form.elements.new.value, ids), note: form.elements.note.value || null });
    });
  }
};

ew.bindReview(document);
