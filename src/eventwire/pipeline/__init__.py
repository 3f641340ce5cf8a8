"""The spaCy stages of eventwire, one module each, in pipeline order.

normalize (tokenizer) → model (tagger, parser, ner) → actors → places →
times → quotes → events; `build.py` turns the finished Doc into a record.
"""

STAGES = ("eventwire_actors", "eventwire_places", "eventwire_times", "eventwire_quotes", "eventwire_events")
