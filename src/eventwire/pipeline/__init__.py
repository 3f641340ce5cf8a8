"""The spaCy stages of eventwire, one module each, in pipeline order.

normalize (tokenizer) → model (tagger) → structure → model (parser, ner) →
actors → places → actor_places (actors settled by the places' reading) →
times → quotes → events; `build.py` turns the finished Doc into a record.
The structure stage goes before the parser (STRUCTURE), the others after the
model (STAGES).
"""

STRUCTURE = "eventwire_structure"

STAGES = (
    "eventwire_actors",
    "eventwire_places",
    "eventwire_actor_places",
    "eventwire_times",
    "eventwire_quotes",
    "eventwire_events",
)
