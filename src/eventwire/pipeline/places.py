"""Places: find place names and resolve each to a gazetteer record.

Recognition: spaCy's GPE/LOC/FAC entities and demonyms (NORP "Afghan"),
plus proper-noun runs that the gazetteer knows, which override a wrong
label ("Baghlan" tagged ORG, "Panjshir" tagged PERSON) unless a guard says
the words are a person's name or a common word. An area word next to a name
("Panjshir province", "Andarab district", "the Swat valley") both finds the
name and tells its kind.

Resolution reads like a human reader, in three rounds: each name's
candidates are first ranked by prominence (kind, population, capital); the
article's dominant countries are then weighed from all names; last, the
text's own hierarchy (a district next to its province, "Athens, Ga."),
relative phrases ("north of Kabul") and nearness to the other places pick
among what is left. One name is one place in an article. A camp, airport,
market or quarter the gazetteer lacks ("the Zamzam camp near El Fasher") is a
`feature` at the point of the place that holds it.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from eventwire.gazetteer import ABBREVIATION, ALTERNATE, DEMONYM, NAME, SHORT, Gazetteer, gazetteer, normalize
from eventwire.gazetteer.build import load_names_file
from eventwire.knowledge import actors as actor_knowledge
from eventwire.knowledge import casing
from eventwire.pipeline.extensions import ACTOR_SPANS, PLACE_SPANS
from eventwire.pipeline.structure import dateline_place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PARTY_TAGS = {"D", "R", "I", "DFL"}  # party letters before a legislator's home place ("D-Charleston")
NAME_LABELS = {"PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP"}  # may open with a place's name
# Area words after a name, and the kinds they point to.
AREA_HINTS = {
    "province": ("admin1",), "state": ("admin1",), "governorate": ("admin1",), "region": ("admin1", "region"),
    "oblast": ("admin1",), "prefecture": ("admin1",), "district": ("admin2", "admin1"), "county": ("admin2",),
    "parish": ("admin2",), "municipality": ("admin2", "populated_place"),
    "valley": ("admin1", "admin2", "populated_place"),
    "city": ("populated_place",), "town": ("populated_place",), "village": ("populated_place",),
    "township": ("populated_place", "admin2"), "borough": ("populated_place", "admin2"),
}
PLURAL_AREAS = {"counties": "county", "provinces": "province", "districts": "district", "states": "state",
                "regions": "region", "oblasts": "oblast", "governorates": "governorate", "parishes": "parish"}
# Words after a name that make it a part of a place the gazetteer may lack ("the Zamzam camp"),
# and the words that may stand between ("the Kakuma refugee camp").
SUB_PLACE_WORDS = {"camp", "airport", "airfield", "market", "bazaar", "neighbourhood", "neighborhood", "district",
                   "quarter", "suburb", "section"}
# Words after a name that make it a part of the story's city, never a namesake town ("the Lawndale neighborhood").
NEIGHBORHOOD_WORDS = {"neighborhood", "neighbourhood", "section"}
# Natural features and parks the gazetteer has no records of: after a name ("the Kanawha River")
# or, for some, before it ("Lake Lanier", "Mount Hood").
FEATURE_WORDS = {"river", "creek", "lake", "park", "mountains", "mountain", "island", "islands", "bay", "forest",
                 "wilderness", "beach", "reservoir", "canal", "peak", "lakeshore"}
FEATURE_PREFIXES = {"lake", "mount", "mt"}
SUB_PLACE_MODIFIERS = {"refugee", "displacement", "displaced", "idp", "international", "military", "main", "central"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "northern", "southern", "eastern", "western", "central", "north-east", "north-west",
              "south-east", "south-west"}
PRECISION = {"populated_place": "point", "admin2": "admin2", "admin1": "admin1", "country": "country",
             "region": "region", "feature": "point"}
SPECIFICITY = {"point": 4, "admin2": 3, "admin1": 2, "country": 1, "region": 0}
_HOW_COST = {NAME: 0.0, ALTERNATE: 1.0, SHORT: 0.3, DEMONYM: 0.0, ABBREVIATION: 0.2}
_KIND_BONUS = {"country": 4.0, "admin1": 1.2, "admin2": 0.0, "populated_place": 0.0, "region": 1.0}
_LOOSE = 9  # `how` of a name found only by its transliteration key
_NAMESAKE_AREA_COST = 4.0  # an area named like a city inside it is the city unless an area word says so
_UNLINKED_CAP = 4.0  # support from names the text does not tie to this one counts up to this much
_MAX_TOKENS = 5
_ALIAS_OF_ANOTHER_COST = 1.5  # a town's alias that is another place's own name
# Words before a name that say it is where something is ("shot in Dayton", "a home near Salem").
LOCATIVE_PREPS = {"in", "at", "near", "outside", "from", "into", "across", "toward", "towards", "through", "around"}
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}  # after a surname: "Martinez Jr."
# Nouns after a name that make it a home place ("Gainesville residents", "a Columbus boy").
RESIDENT_NOUNS = {"resident", "residents", "native", "natives", "area", "man", "men", "woman", "women", "teen",
                  "teens", "teenager", "boy", "girl", "couple"}


@dataclass
class Mention:
    """A place name in the text, before and after resolution."""

    start: int  # token indices
    end: int
    key: str  # normalized name: one key, one place per article
    label: str  # the NER label of the words, "" if none
    hints: tuple[str, ...] = ()  # kinds an adjacent area word points to
    candidates: list[tuple[dict, int]] = field(default_factory=list)  # (record, how)
    vouched: bool = True  # a place label, an area word or an earlier labelled mention says it is a place


def _place_id(record: dict) -> str:
    if record["geonameid"]:
        return f"place:{record['geonameid']}"
    return f"place:{record['kind']}-{abs(record['id'])}"


def _prominence(record: dict, how: int) -> float:
    """How likely a reader takes a name for this place with no context at all."""
    population = record["population"] or 0
    if record["kind"] in ("admin1", "admin2"):
        population /= 4  # an area's people are spread out: a city of a million is better known
    score = math.log10(population + 100) + _KIND_BONUS.get(record["kind"], 0.0)
    if record.get("capital"):
        score += 2.0
    if how == SHORT and record["kind"] == "admin2":
        return score - 1.5  # a bare county name ("DeKalb") is more often the town
    if how == ALTERNATE and record["kind"] != "populated_place":
        return score - 0.4  # areas' aliases are mostly spellings of the name
    return score - _HOW_COST.get(how, 2.0)


def _function_word(token) -> bool:
    """A stop word that no place name opens with ("of", "Of"), though "US" and "IN" may."""
    return token.is_stop and not token.is_upper


def is_demonym(span: Span) -> bool:
    """A place mention that names people or things from there ("Russian", "a German tourist"), not a scene."""
    return span.root.pos_ == "ADJ" or span.root.ent_type_ == "NORP"


def distance_km(a: dict, b: dict) -> float:
    """Great-circle distance between two places' points (dicts with lat, lon); 20,000 km when either has none."""
    if a["lat"] is None or b["lat"] is None:
        return 20000.0
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dl = math.radians(b["lon"] - a["lon"])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@functools.lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """One-word titles before a person's name ("officer", "sgt"), from the actors stage's cues."""
    titles = actor_knowledge.load().cues["titles"].values()
    return frozenset(t.rstrip(".") for words in titles for t in words if " " not in t)


@functools.lru_cache(maxsize=1)
def _word_cases() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case words of running English, and words it writes capitalized ("hilton"), from the case table."""
    table = casing.load()
    common = frozenset(word for word in table.known if word not in table.forms)
    return common, frozenset(word for word, form in table.forms.items() if form[:1].isupper())


def street_matcher(nlp: Language, street_words: frozenset[str]) -> Matcher:
    """Patterns of street names that are no towns: names in a list before a plural street word
    ("Vermont and Manchester avenues"), a name joined to a numbered street ("Lincoln and Fifth"),
    a name after or before a street and "and" ("Warren Street and Lincoln", "Broadway and Cedar Street"),
    a grid address ("200 East"),
    and a street word after a number ("13th Street")."""
    names = {"IS_TITLE": True, "IS_ALPHA": True, "OP": "{1,3}"}
    joint = {"LOWER": {"IN": ["and", "&"]}}
    plural = sorted(w + "s" for w in street_words if len(w) > 3)
    street = {"LOWER": {"IN": sorted(street_words)}, "IS_TITLE": True}
    roads = {"LOWER": {"IN": ["street", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "lane"]},
             "IS_TITLE": True}  # not "Brooklyn Bridge and Manhattan", not "St." of a saint
    matcher = Matcher(nlp.vocab)
    matcher.add("LIST", [[names, {"ORTH": ",", "OP": "?"}, joint, names, {"LOWER": {"IN": plural}}]])
    matcher.add("NUMBERED", [[names, joint, {"ENT_TYPE": "ORDINAL", "TEXT": {"REGEX": r"^([A-Z]|\d)"}}]])
    matcher.add("AFTER", [[{"IS_TITLE": True}, roads, {"ORTH": ".", "OP": "?"}, joint, names]])
    matcher.add("BEFORE", [[names, joint, {"IS_TITLE": True}, roads]])
    grid = {"LOWER": {"IN": sorted(d for d in DIRECTIONS if "-" not in d)}, "IS_TITLE": True}
    matcher.add("GRID", [[{"IS_DIGIT": True, "LENGTH": {">=": 3}}, grid, {"IS_TITLE": False}]])  # not "300 North Korean"
    matcher.add("NUMBER", [[{"TEXT": {"REGEX": r"^\d"}}, street]])
    return matcher


def street_names(matcher: Matcher, doc: Doc) -> frozenset[int]:
    """Token indices of the street names in a Doc: every capitalized word of a match but the joints."""
    found = set()
    for _, start, end in matcher(doc):
        found.update(t.i for t in doc[start:end] if t.is_title and t.lower_ != "and")
    return frozenset(found)


def _neighborhood_after(doc: Doc, end: int) -> bool:
    """Whether a neighborhood word follows the name at `end`, maybe after one more capitalized word
    ("Lawndale neighborhood", "Humboldt Park neighborhood")."""
    for i in range(end, min(end + 2, len(doc))):
        if doc[i].lower_ in NEIGHBORHOOD_WORDS:
            return True
        if not doc[i].is_title:
            return False
    return False


class PlaceFinder:
    """Recognition: the spans of a Doc that name places, with their gazetteer candidates."""

    def __init__(self, gaz: Gazetteer, institution_words: frozenset[str], street_words: frozenset[str],
                 common_words: frozenset[str] = frozenset(), name_words: frozenset[str] = frozenset(),
                 streets: frozenset[int] = frozenset()):
        self.gaz = gaz
        self.institution_words = institution_words
        self.street_words = street_words
        self.common_words = common_words
        self.name_words = name_words
        self.streets = streets  # token indices of street names (`street_names`)
        self.list_hints: dict[int, tuple[str, ...]] = {}

    def _name_like(self, token) -> bool:
        """A capitalized word that is no common lower-case word: a name even where a sentence starts
        and the tagger calls it JJ or NN ("Grovetown police said ...", but not "Police said ...")."""
        return token.text[:1].isupper() and token.is_alpha and token.lower_ not in self.common_words

    def candidates(self, words: str, loose: bool) -> list[tuple[dict, int]]:
        """The gazetteer records a name may be; a loose (transliteration) match only for areas and towns."""
        found = []
        exact = self.gaz.candidates(words, False)
        for place_id, how in exact or self.gaz.candidates(words, loose):
            record = self.gaz.place(place_id)
            if record is None:
                continue
            if not exact:
                if record["kind"] == "populated_place" and (record["population"] or 0) < 10_000:
                    continue
                how = _LOOSE
            found.append((record, how))
        return found

    def find(self, doc: Doc) -> list[Mention]:
        person_words = self._person_words(doc)
        self.list_hints = self._list_hints(doc)
        taken = [False] * len(doc)
        mentions: list[Mention] = []

        known: set[str] = set()  # names a place label vouched for somewhere in the article

        def add(start: int, end: int, label: str, loose: bool, institution: bool = False) -> bool:
            if any(taken[start:end]):
                return False
            mention = self._lookup(doc, start, end, label, loose, known, institution)
            if mention is None:
                return False
            if label in PLACE_LABELS:
                known.add(mention.key)
            for i in range(mention.start, mention.end):
                taken[i] = True
            mentions.append(mention)
            return True

        for start, end in self._dateline_parts(doc):
            add(start, end, "GPE", loose=True)  # a dateline names places, whatever NER says ("Burkina Faso" PERSON)
        for start, end in self._party_homes(doc):
            add(start, end, "GPE", loose=False)
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
                add(ent.start, ent.end, ent.label_, loose=ent.label_ in ("GPE", "LOC"))  # not "City Hall" for Chityal
        for start, end in self._proper_runs(doc, self._name_like):
            self._scan_run(doc, start, end, person_words, add)
        for ent in doc.ents:
            if any(taken[ent.start : ent.end]):
                continue
            if ent.label_ in ("ORG", "FAC", "GPE", "LOC"):
                self._scan_name(doc, ent, person_words, add)  # "Greer City Hall" not known whole
                if ent.label_ in ("ORG", "FAC"):
                    self._scan_inside(doc, ent, add)
            elif ent.label_ in NAME_LABELS:
                self._scan_opening(doc, ent, add)  # "Huntsville Fire Chief Tom Grisham" read as one PERSON
        mentions.sort(key=lambda m: m.start)
        people = self._people(doc, mentions)
        return [m for m in mentions if m.key not in people]

    @staticmethod
    def _speaks(doc: Doc, start: int, end: int) -> bool:
        """Whether a speech verb stands next to the words ("Bell said", "said Kendall", "Adams told")."""
        return (end < len(doc) and doc[end].lemma_ in ("say", "tell")) or (start > 0 and doc[start - 1].lemma_ == "say")

    def _people(self, doc: Doc, mentions: list[Mention]) -> set[str]:
        """Keys of town or county names the article uses for a person and never for a place.

        A person: the surname of a full name ("Pat Thompson ... Thompson"), a one-word name NER or
        the actors stage reads as a person beside a speech verb ("Bell said"), a name after a title
        ("Officer Milton"). A place: any mention in a place's position ("in Thompson", "Thompson, Ga.",
        "Thompson County", "Thompson police", "Thompson residents", the dateline, "R-Thompson").
        Countries and states are left alone ("Jordan", "Georgia")."""
        named: set[str] = set()  # surnames of full names, and one-word names that speak ("Bell said")
        spans = [e for e in doc.ents if e.label_ == "PERSON"]
        actors = doc._.ew_actors or {}
        if ACTOR_SPANS in doc.spans:
            spans += [s for s in doc.spans[ACTOR_SPANS] if actors.get(s.kb_id_, {}).get("kind") == "person"]
        for span in spans:
            words = [t for t in span if t.is_alpha or t.lower_ in NAME_SUFFIXES]
            while words and words[-1].lower_ in NAME_SUFFIXES:
                words.pop()
            if len(words) == 1 and not self._speaks(doc, span.start, span.end):
                continue  # NER reads many foreign towns as one-word persons ("Beirut and Sidon")
            for i in range(max(0, len(words) - 3), len(words)):
                named.add(normalize(" ".join(t.text for t in words[i:])))
        titles = _titles()
        titled = set()
        for m in mentions:
            before = m.start - 1 - (m.start > 1 and doc[m.start - 1].text == ".")  # "Sgt. Lyons"
            if before >= 0 and doc[before].lower_.rstrip(".") in titles and doc[before].text[:1].isupper():
                titled.add(m.key)
        homes = {start for start, _ in [*self._dateline_parts(doc), *self._party_homes(doc)]}
        placed = set()
        for m, following in zip(mentions, [*mentions[1:], None]):
            stated = following is not None and following.start == m.end + 1 and doc[m.end].text == ","
            after = doc[m.end].lower_ if m.end < len(doc) else ""
            serving = after in self.institution_words or after in RESIDENT_NOUNS  # "Murray police", "Gainesville residents"
            if (m.hints or m.start in homes or stated or serving
                    or (m.start > 0 and doc[m.start - 1].lower_ in LOCATIVE_PREPS)):
                placed.add(m.key)
        return {
            m.key for m in mentions
            if (m.key in named or m.key in titled) and m.key not in placed
            and all(r["kind"] in ("populated_place", "admin2") for r, _ in m.candidates)
        }

    def _scan_name(self, doc: Doc, ent: Span, person_words: set[str], add) -> None:
        """A place that opens an institution's name or follows its "of": "Texas Department of ...",
        "University of Alexandria" (but not "Paris Hilton": a short name needs an institution word)."""
        if len(ent) < 4 and not any(t.lower_ in self.institution_words for t in ent):
            return
        starts = [ent.start + (doc[ent.start].lower_ == "the")]
        starts += [t.i + 1 for t in ent if t.lower_ == "of" and t.i + 1 < ent.end]
        for i in starts:
            for j in range(min(ent.end, i + _MAX_TOKENS), i, -1):
                span = doc[i:j]
                if span[-1].tag_ not in ("NNP", "NNPS", "JJ") or any(t.text.lower() in person_words for t in span):
                    continue
                institution = j < ent.end and doc[j].lower_ in self.institution_words  # not "Department of Labor"
                if add(i, j, "ORG", loose=ent.label_ in ("GPE", "LOC"), institution=institution):  # "the Red Sea port of Hodeidah"
                    break

    def _scan_inside(self, doc: Doc, ent: Span, add) -> None:
        """A well-known place anywhere inside an organization's name ("Education Minnesota", "the
        Downtown Cleveland Alliance", "Georgia Modular Systems"): a country or state under its own
        name, or a city of 100,000 people; smaller towns need an institution word (`_scan_name`).
        Not a place followed by one name-like word only ("Paris Hilton" read as ORG)."""
        i = ent.start
        while i < ent.end:
            for j in range(min(ent.end, i + _MAX_TOKENS), i, -1):
                words = doc[i:j]
                if not all(t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper() for t in words):
                    continue
                others = [t for t in ent if not (i <= t.i < j) and t.lower_ != "the"]
                if len(others) == 1 and others[0].i == j and self._surname_like(others[0]):
                    continue
                if self._well_known(words.text) and add(i, j, "ORG", loose=False):
                    i = j - 1
                    break
            i += 1

    def _surname_like(self, token) -> bool:
        """A word English writes capitalized and that is no institution word ("Hilton", "Irving")."""
        return token.lower_ not in self.common_words and token.lower_ not in self.institution_words and token.lower_ in self.name_words

    def _well_known(self, words: str) -> bool:
        return any(
            (record["kind"] in ("country", "admin1") and how in (NAME, SHORT))
            or (record["kind"] == "populated_place" and how == NAME and (record["population"] or 0) >= 100_000)
            for record, how in self.candidates(words, False)
        )

    def _scan_opening(self, doc: Doc, ent: Span, add) -> None:
        """A place that opens a person's or work's name and is followed by an institution or office word:
        NER reads "Dublin Mayor Jane Doe" or "Huntsville Fire Chief ..." as one name (not "Jack London")."""
        for j in range(min(ent.end - 1, ent.start + _MAX_TOKENS), ent.start, -1):
            if doc[j].lower_ in self.institution_words and all(t.tag_ in ("NNP", "NNPS") for t in doc[ent.start : j]):
                if add(ent.start, j, ent.label_, loose=False, institution=True):
                    return

    def _scan_run(self, doc: Doc, start: int, end: int, person_words: set[str], add) -> None:
        """Gazetteer matches inside a run of proper nouns, longest first, with the guards."""
        i = start
        while i < end:
            for j in range(min(end, i + _MAX_TOKENS), i, -1):
                span = doc[i:j]
                ent_label = span[0].ent_type_
                if not self._allowed(doc, span, person_words):
                    continue
                if add(i, j, ent_label if ent_label not in PLACE_LABELS else "", loose=False):
                    i = j - 1
                    break
            i += 1

    def _hyphen_pair(self, doc: Doc, span: Span) -> bool:
        """Whether the span is one of two place names joined by a hyphen ("Fargo-Moorhead",
        "Egypt-US relations"), which NER reads as one name; not "Mercedes-Benz"."""
        if span.end + 1 < len(doc) and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_:
            return self._notable(doc[span.end + 1].text)
        if span.start >= 2 and doc[span.start - 1].text == "-" and not doc[span.start - 1].whitespace_:
            return self._notable(doc[span.start - 2].text)
        return False

    def _notable(self, words: str) -> bool:
        """Whether a name is an area's or a town's of some size (not a hamlet's)."""
        return any(
            record["kind"] != "populated_place" or (record["population"] or 0) >= 1000
            for record, _ in self.candidates(words, False)
        )

    def _allowed(self, doc: Doc, span: Span, person_words: set[str]) -> bool:
        """Guards for a name no place label vouches for: person names and common words are not places."""
        first = span[0]
        ent_label = first.ent_type_
        if ent_label in PLACE_LABELS or ent_label == "NORP":
            return False  # entities were looked up whole already
        if ent_label in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"):
            ent_start = first.i
            while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
                ent_start -= 1
            ent_end = first.i + 1
            while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
                ent_end += 1
            after = doc[span.end] if span.end < len(doc) else None
            owner = after is not None and after.tag_ == "POS"  # "Sri Lanka's former president ..."
            area = span[-1].lower_ in AREA_HINTS  # "Anderson County Sheriff Greg Taylor"
            if (ent_start < span.start or ent_end > span.end) and not (owner or area or self._hyphen_pair(doc, span)):
                return False  # part of a longer name: "Jack London", "Kabul University"
        if ent_label in ("DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"):
            return False
        if any(t.text.lower() in person_words for t in span):
            return False
        dateline = first.is_upper and span.end < len(doc) and doc[span.end].text in (":", "(", "-", "\u2014", "\u2013")
        if (len(span) == 1 and (first.is_sent_start or first.is_upper) and first.tag_ not in ("NNP", "NNPS")
                and not dateline and not self._name_like(first)):
            return False
        if any(t.is_stop for t in span) and len(span) == 1:
            return False
        if len(span) == 1 and first.lower_ in self.institution_words:
            return False  # "Police fired ...": an institution word alone names the institution
        return True

    def _person_words(self, doc: Doc) -> set[str]:
        """Words that are part of a full person name somewhere in the article ("Massoud" of "Ahmad Massoud"):
        not an owner before "'s" nor an area or office word ("Anderson County Sheriff Greg Taylor"), nor a
        word NER more often puts in a place or organization ("Huntsville" of a misread "Huntsville Item")."""
        person: Counter = Counter()
        other: Counter = Counter()
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS or ent.label_ == "ORG":
                other.update(t.lower_ for t in ent)
            if ent.label_ != "PERSON" or len(ent) < 2:
                continue
            owners = [t.i for t in ent if t.tag_ == "POS"]
            start = owners[-1] + 1 if owners else ent.start
            person.update(
                t.lower_ for t in doc[start : ent.end]
                if t.is_alpha and t.lower_ not in AREA_HINTS and t.lower_ not in self.institution_words
            )
        return {word for word, n in person.items() if other[word] <= n}

    @staticmethod
    def _party_homes(doc: Doc) -> list[tuple[int, int]]:
        """The home places of a legislator's party tag ("Rep. Ann Lee, D-Charleston", "R-Marshall"):
        the capitalized words after the party letter and hyphen, longest first."""
        found = []
        for token in doc[:-2]:
            if token.text not in PARTY_TAGS or token.whitespace_ or doc[token.i + 1].text != "-" or doc[token.i + 1].whitespace_:
                continue
            start = end = token.i + 2
            while end < len(doc) and end - start < 3 and doc[end].text[:1].isupper() and doc[end].is_alpha:
                end += 1
            found += [(start, e) for e in range(end, start, -1)]
        return found

    @staticmethod
    def _dateline_parts(doc: Doc) -> list[tuple[int, int]]:
        """The token spans of the dateline's place words, split at commas ("BUNIA", "Congo")."""
        span = dateline_place(doc)
        if span is None:
            return []
        parts, start = [], span.start
        for token in span:
            if token.text == ",":
                parts.append((start, token.i))
                start = token.i + 1
        parts.append((start, span.end))
        return [(s, e) for s, e in parts if s < e]

    @staticmethod
    def _list_hints(doc: Doc) -> dict[int, tuple[str, ...]]:
        """The kind a plural area word gives each name of the list before it: "Becker, Clay and
        Otter Tail counties" are three counties; one name alone holds them ("Indiana counties").
        {last token index of a name: kinds}."""
        hints: dict[int, tuple[str, ...]] = {}
        for token in doc:
            kinds = AREA_HINTS.get(PLURAL_AREAS.get(token.lower_, ""))
            if not kinds or token.i == 0 or not doc[token.i - 1].text[:1].isupper():
                continue
            i = token.i - 1
            names = []
            while i >= 0 and doc[i].text[:1].isupper():
                names.append(i)
                while i >= 0 and doc[i].text[:1].isupper():  # back over the name
                    i -= 1
                while i >= 0 and doc[i].lower_ in (",", "and", "&", "or", "to"):  # and over the separator
                    i -= 1
            if len(names) > 1:
                hints.update((name, kinds) for name in names)
        return hints

    @staticmethod
    def _proper_runs(doc: Doc, name_like):
        """Maximal runs of capitalized proper-noun tokens (linking "of", "de", "al-" allowed inside);
        `name_like(token)` admits a sentence's first word the tagger did not call a proper noun."""
        start = None
        for token in doc:
            proper = (token.tag_ in ("NNP", "NNPS") or token.is_upper or (token.is_sent_start and name_like(token))) and (
                token.text[:1].isupper() and token.text.replace(".", "").isalpha()
            )
            joined = token.i > 0 and not doc[token.i - 1].whitespace_ and token.is_alpha  # "Dahana-i-Ghuri"
            link = start is not None and (joined or token.lower_ in ("of", "de", "al", "el", "-", "la", "upon"))
            if proper or link:
                if start is None:
                    start = token.i
                continue
            if start is not None:
                yield start, token.i
                start = None
        if start is not None:
            yield start, len(doc)

    def _lookup(self, doc: Doc, start: int, end: int, label: str, loose: bool, known: set[str],
                institution: bool = False) -> Mention | None:
        """The mention for doc[start:end] if the gazetteer knows it, trimming "the", directions and area words;
        `institution`: the words open an institution's name ("Indiana Department of ...") or follow its "of"."""
        while start < end and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):  # "Burkina Faso's"
            end -= 1
        if start >= end or _function_word(doc[start]) or not any(t.text[:1].isupper() for t in doc[start:end]):
            return None  # a name is capitalized and opens with a word of its own: not "metro", not "of"
        if any(i in self.streets for i in range(start, end)):
            return None  # "Vermont and Manchester avenues", "200 East", "13th Street"
        if _neighborhood_after(doc, end):
            return None  # "the Lawndale neighborhood", "the Humboldt Park neighborhood": `_sub_places`
        hints: tuple[str, ...] = ()
        following = doc[end].lower_.rstrip(".") if end < len(doc) else ""
        if following in self.street_words and doc[end].text[:1].isupper():
            return None  # "Mitchell Road", "Clarksville Street"
        if following in AREA_HINTS:
            hints = AREA_HINTS[following]
        elif end - 1 in self.list_hints:
            hints = self.list_hints[end - 1]
        elif start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in AREA_HINTS:
            hints = AREA_HINTS[doc[start - 2].lower_]  # "the province of Baghlan"
        attempts = [(start, end, hints)]
        last = doc[end - 1].lower_
        if end - start > 1 and last in AREA_HINTS:
            attempts.append((start, end - 1, AREA_HINTS[last]))
        if end - start > 1 and doc[start].lower_ in DIRECTIONS:
            attempts.append((start + 1, end, hints))
        for s, e, h in attempts:
            if _function_word(doc[s]):
                continue
            words = doc[s:e].text
            found = self.candidates(words, loose)
            if doc[e - 1].lower_ in FEATURE_WORDS:  # "Red River" is not Red River County
                found = [(r, how) for r, how in found if r["kind"] not in ("admin1", "admin2") or normalize(r["name"]) == normalize(words)]
            if (e - s == 1 and label not in PLACE_LABELS and not h and (doc[s].lower_ in self.common_words or doc[s].lower_ in DIRECTIONS)
                    and not (doc[s].is_upper and doc[s].is_sent_start)):  # but a dateline's "HURRICANE, W.Va."
                continue  # a common word is no place without a place label: "the White Army", "Civic Analysis Centre"
            vouched = label in PLACE_LABELS or normalize(words) in known or bool(h) or (institution and e == end)
            if not vouched:
                found = [(r, how) for r, how in found if self._fits_label(r, how, label, words)]
                vouched = any(how == DEMONYM for _, how in found)
            if found:
                return Mention(s, e, normalize(words), label, h, found, vouched)
        return None

    @staticmethod
    def _fits_label(record: dict, how: int, label: str, words: str) -> bool:
        """What a span without a place label may be: a demonym for NORP; else a place notable enough
        to overrule the label (an area under its own name, a town of some size), written as it is
        named ("God" is not "Göd")."""
        if how == DEMONYM:
            return label in ("NORP", "ORG")  # "Afghan", "the Russian Foreign Ministry"
        if label == "NORP" and record["kind"] in ("country", "region"):
            return True
        population = record["population"] or 0
        if how == NAME and words.isascii() and not record["name"].isascii() and population < 100_000:
            return False  # but "Herat" is "Herāt"
        if record["kind"] in ("country", "admin1", "admin2", "region"):
            return how in (NAME, SHORT, ABBREVIATION) or population >= 100_000
        return population >= (1000 if how == NAME else 50_000)


class PlaceResolver:
    """Resolution: one gazetteer record per distinct name, chosen from the whole article's evidence."""

    def resolve(self, doc: Doc, mentions: list[Mention]) -> tuple[dict[str, dict], dict[str, float]]:
        """The place of each distinct name, and the article's country shares.

        doc (Doc): the article.
        mentions (list[Mention]): its place names with their candidates.
        RETURNS (tuple[dict[str, dict], dict[str, float]]): {name key: record}, {alpha-2: share}.
        """
        by_key: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_key[m.key].append(m)
        options = {key: self._options(ms) for key, ms in by_key.items()}
        votes = self._votes(options, by_key, "country")
        countries = {key: self._shares(votes, key) for key in options}
        area_votes = self._votes(options, by_key, "admin1_id")
        areas = {key: self._shares(area_votes, key) for key in options}

        def dominance(key: str, record: dict) -> float:
            return 5.0 * countries[key].get(record["country"], 0.0) + 2.5 * areas[key].get(record["admin1_id"], 0.0)

        fits = self._fits(options)
        chosen = {
            key: self._best(opts, lambda r, key=key: dominance(key, r) + 1.5 * fits(key, r))
            for key, opts in options.items()
        }
        links = self._links(doc, mentions)
        weight = {key: 1.0 if any(m.vouched for m in ms) else 0.5 for key, ms in by_key.items()}
        for _ in range(2):
            chosen = {
                key: self._best(opts, lambda r, key=key: dominance(key, r) + 1.5 * fits(key, r)
                                + self._context(key, r, chosen, links, weight))
                for key, opts in options.items()
            }
        return chosen, self._shares(votes, "")

    @staticmethod
    def _options(mentions: list[Mention]) -> list[tuple[dict, float]]:
        """Each candidate of a name with its prominence and the hints of all its mentions."""
        hints = {h for m in mentions for h in m.hints}
        seen: dict[int, tuple[dict, float]] = {}
        named = any(how == NAME for m in mentions for _, how in m.candidates)
        for m in mentions:
            for record, how in m.candidates:
                score = _prominence(record, how)
                if named and how == ALTERNATE and record["kind"] == "populated_place":
                    score -= _ALIAS_OF_ANOTHER_COST  # "Pittsburgh" is Pittsburgh before any Pittsburg
                if hints:
                    score += 3.0 if record["kind"] in hints else -1.0
                if record["id"] not in seen or score > seen[record["id"]][1]:
                    seen[record["id"]] = (record, score)
        # A city that shares its name with the area that holds it is the city ("Kabul", "Kharkiv")
        # unless the text says province, region, state or oblast.
        namesakes = {
            area for r, _ in seen.values() if r["kind"] == "populated_place" for area in (r["admin1_id"], r["admin2_id"]) if area
        }
        return [
            (r, s - (_NAMESAKE_AREA_COST if r["kind"] in ("admin1", "admin2") and not hints and r["id"] in namesakes else 0.0))
            for r, s in seen.values()
        ]

    @staticmethod
    def _fits(options: dict[str, list[tuple[dict, float]]]):
        """fits(key, record): how many other names could be an area holding the record, or a place
        inside it ("Paris" and "Henry County" agree on Tennessee before either is settled)."""
        ids = {key: {r["id"] for r, _ in opts} for key, opts in options.items()}
        parents = {key: {p for r, _ in opts for p in (r["admin1_id"], r["admin2_id"]) if p} for key, opts in options.items()}

        def fits(key: str, record: dict) -> int:
            """A city named like an area that holds it fits what the area holds ("Kharkiv" the city
            fits "Chuhuiv" as "Kharkiv" the oblast does)."""
            own = (record["admin1_id"], record["admin2_id"])
            held = {record["id"]} | ({p for p in own if p in ids[key]} if record["kind"] == "populated_place" else set())
            return sum(
                1 for other in options
                if other != key and (any(p in ids[other] for p in own if p and p != record["id"]) or held & parents[other])
            )

        return fits

    @staticmethod
    def _best(options: list[tuple[dict, float]], context) -> dict:
        return max(options, key=lambda o: o[1] + context(o[0]))[0]

    @staticmethod
    def _votes(options: dict[str, list[tuple[dict, float]]], by_key: dict[str, list[Mention]], field: str) -> dict[str, Counter]:
        """Each name's votes for countries (or admin1 areas): its candidates' prior probabilities, times its
        mentions (half as much for one only the gazetteer found: "Officer", "Metro")."""
        votes: dict[str, Counter] = {}
        for key, opts in options.items():
            weight = sum(1.0 if m.vouched else 0.5 for m in by_key[key])
            top = max(s for _, s in opts)
            weights = [(r, math.exp(s - top)) for r, s in opts]
            total = sum(w for _, w in weights)
            votes[key] = Counter()
            for r, w in weights:
                if r[field] and weight:
                    votes[key][r[field]] += w / total * weight
        return votes

    @staticmethod
    def _shares(votes: dict[str, Counter], key: str) -> dict:
        """The article's dominant countries (or areas) as the other names see them (a name does not vote for itself)."""
        shares: Counter = Counter()
        for other, counter in votes.items():
            if other != key:
                shares.update(counter)
        total = max(sum(shares.values()), 1.0)  # one weak name ("Martin", half a vote) is not a consensus
        return {c: v / total for c, v in shares.items()}

    @staticmethod
    def _links(doc: Doc, mentions: list[Mention]) -> dict[str, dict[str, str]]:
        """Pairs of names the text ties together: "X, Y" (X lies in Y), same sentence, "north of Y"."""
        links: dict[str, dict[str, str]] = defaultdict(dict)
        sentence = {}
        for number, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                sentence[i] = number
        for a, b in zip(mentions, mentions[1:]):
            between = doc[a.end : b.start]
            if a.key != b.key and len(between) == 1 and between[0].text == ",":
                links[a.key][b.key] = "in"
        for m in mentions:
            if m.start >= 2 and doc[m.start - 1].lower_ == "of" and doc[m.start - 2].lower_ in DIRECTIONS:
                for other in mentions:
                    if other.end <= m.start - 2 and sentence[other.start] == sentence[m.start]:
                        links[other.key].setdefault(m.key, "near")
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_sentence[sentence[m.start]].append(m)
        for group in by_sentence.values():
            for a in group:
                for b in group:
                    if a.key != b.key:
                        links[a.key].setdefault(b.key, "sentence")
        return links

    @staticmethod
    def _context(key: str, record: dict, chosen: dict[str, dict], links, weight: dict[str, float]) -> float:
        """Evidence for `record` from the other names: containment, nearness, shared admin areas.
        Each name counts by its weight (half for a name only the gazetteer found); names the text
        does not tie to this one count up to `_UNLINKED_CAP` together, so that a crowd of loose
        names ("Martin", "Titan") cannot outvote a well-known place."""
        linked = unlinked = 0.0
        for other_key, other in chosen.items():
            if other_key == key:
                continue
            relation = links.get(key, {}).get(other_key) or links.get(other_key, {}).get(key)
            contains = other["id"] in (record["admin1_id"], record["admin2_id"]) or (
                other["kind"] == "country" and other["country"] == record["country"]
            )
            contained = record["kind"] != "populated_place" and record["id"] in (other["admin1_id"], other["admin2_id"])
            same_admin1 = other["admin1_id"] and other["admin1_id"] == record["admin1_id"]
            score = 0.0
            if relation == "in" and (contains or contained):
                score += 6.0
            elif contains and other["kind"] != "country":
                score += 4.0 if relation else 3.0
            elif contained:
                score += 2.0 if relation else 1.0
            elif same_admin1:
                score += 1.5 if relation else 1.0
            if record["kind"] in ("populated_place", "admin2") and other["kind"] in ("populated_place", "admin2"):
                distance = distance_km(record, other)
                score += 1.5 if distance < 50 else 0.75 if distance < 150 else 0.0
            if relation == "near" and distance_km(record, other) < 300:
                score += 3.0
            if relation:
                linked += score * weight[other_key]
            else:
                unlinked += score * weight[other_key]
        return linked + min(unlinked, _UNLINKED_CAP)


def _place_dict(record: dict, place_id: str) -> dict:
    return {
        "id": place_id,
        "name": record["name"],
        "kind": record["kind"],
        "country": record["country"],
        "admin1": record["admin1"],
        "admin1_code": record["admin1_code"],
        "admin2": record["admin2"],
        "lat": record["lat"],
        "lon": record["lon"],
        "geonameid": record["geonameid"],
        "precision": PRECISION[record["kind"]],
    }


class PlacesStage:
    """Find place names and resolve each to a gazetteer record."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        words = load_names_file()
        self.institution_words = frozenset(w.lower() for w in words["institution_words"])
        self.street_words = frozenset(w.lower() for w in words["street_words"])
        self.street_matcher = street_matcher(nlp, self.street_words)

    def __call__(self, doc: Doc) -> Doc:
        streets = street_names(self.street_matcher, doc)
        finder = PlaceFinder(gazetteer(), self.institution_words, self.street_words, *_word_cases(), streets)
        mentions = finder.find(doc)
        chosen, shares = PlaceResolver().resolve(doc, mentions)
        mentions = [m for m in mentions if m.vouched or self._credible(chosen[m.key], shares)]
        mentions = [m for m in mentions if not self._stray(m.key, chosen)]
        self.set_annotations(doc, mentions, chosen, self._sub_places(doc, mentions, self._story_city(doc, mentions, chosen)))
        return doc

    @staticmethod
    def _story_city(doc: Doc, mentions: list[Mention], chosen: dict[str, dict]) -> Mention | None:
        """The city a neighborhood of the story lies in: the dateline's town, else the largest town named
        (neighborhoods are named in big cities' stories; "Lawndale" beside Chicago and a hospital's "Mount Sinai")."""
        towns = [m for m in mentions if chosen[m.key]["kind"] == "populated_place"]
        filed = dateline_place(doc)
        if filed is not None:
            towns_filed = [m for m in towns if filed.start <= m.start < filed.end]
            if towns_filed:
                return towns_filed[0]
        return max(towns, key=lambda m: chosen[m.key]["population"] or 0, default=None)

    @staticmethod
    def _sub_places(doc: Doc, mentions: list[Mention], city: Mention | None = None) -> list[tuple[int, int, Mention]]:
        """Camps, airports, markets, quarters, rivers, lakes and parks the gazetteer lacks ("the Zamzam
        camp", "Kabul's Shar-e Naw district", "the Kanawha River", "Lake Lanier"), each with the place
        that holds it: the one named after it ("of Y", "in Y", "near Y"), else for a neighborhood the
        story's `city`, else the nearest in its sentence, else the latest named before it (or the first after).
        RETURNS (list[tuple[int, int, Mention]]): (start, end, container) token spans."""
        if not mentions:
            return []
        taken = {i for m in mentions for i in range(m.start, m.end)}
        starting = {m.start: m for m in mentions}
        starts = [m.start for m in mentions]
        found = []
        for token in doc:
            if token.i in taken:
                continue
            span = PlacesStage._named_before(doc, token, taken) or PlacesStage._named_after(doc, token, taken)
            if span is None:
                continue
            start, end = span
            after = end
            if after < len(doc) and doc[after].lower_ in ("of", "in", "near", "outside"):
                after += 1 + (after + 1 < len(doc) and doc[after + 1].lower_ == "the")
                if after in starting:
                    found.append((start, end, starting[after]))
                    continue
            if city is not None and doc[end - 1].lower_ in NEIGHBORHOOD_WORDS:
                found.append((start, end, city))  # "the Lawndale neighborhood" lies in the story's city
                continue
            at = bisect.bisect_left(starts, start)
            before = mentions[at - 1] if at > 0 else None
            following = mentions[at] if at < len(mentions) else None
            sentence = token.sent
            near = [m for m in (before, following) if m is not None and sentence.start <= m.start < sentence.end]
            if near:
                container = min(near, key=lambda m: min(abs(m.start - start), abs(m.end - start)))
            else:
                container = before or following
            found.append((start, end, container))
        return found

    @staticmethod
    def _named_before(doc: Doc, token, taken: set[int]) -> tuple[int, int] | None:
        """The span of a name and the feature word after it ("the Zamzam camp", "the Kanawha River")."""
        if token.lower_ not in SUB_PLACE_WORDS and token.lower_ not in FEATURE_WORDS:
            return None
        end = token.i - (token.i > 0 and doc[token.i - 1].lower_ in SUB_PLACE_MODIFIERS)
        start = end
        while start > 0 and doc[start - 1].tag_ in ("NNP", "NNPS") and start - 1 not in taken and end - start < _MAX_TOKENS:
            start -= 1
        if start == end or doc[start].ent_type_ in ("DATE", "TIME") or (
            doc[start].ent_type_ == "PERSON" and (start == 0 or doc[start - 1].lower_ != "the")  # "the Zarbangi camp"
        ):
            return None
        return start, token.i + 1

    @staticmethod
    def _named_after(doc: Doc, token, taken: set[int]) -> tuple[int, int] | None:
        """The span of a feature word and the name after it ("Lake Lanier", "Mount Hood")."""
        if token.lower_.rstrip(".") not in FEATURE_PREFIXES or not token.text[:1].isupper():
            return None
        end = token.i + 1
        while end < len(doc) and doc[end].tag_ in ("NNP", "NNPS") and end not in taken and end - token.i <= _MAX_TOKENS:
            end += 1
        return (token.i, end) if end > token.i + 1 else None

    @staticmethod
    def _stray(key: str, chosen: dict[str, dict]) -> bool:
        """A small town abroad that a name resolved to for want of a better one, in an article
        whose other places (three or more) all lie elsewhere: "Officer" in a Chicago police story
        is not the Australian town, "Cody" in a story about Houston and its suburbs is not the Wyoming one. Dropped rather
        than given as a place."""
        record = chosen[key]
        if record["kind"] not in ("populated_place", "admin2") or (record["population"] or 0) >= 20_000:
            return False
        others = [r for k, r in chosen.items() if k != key]
        if len(others) < 3:
            return False
        if record["country"] not in {r["country"] for r in others}:
            return True
        local = [r for r in others if r["kind"] in ("populated_place", "admin2")]
        return len(local) >= 3 and all(distance_km(record, r) > 1500 for r in local)

    @staticmethod
    def _credible(record: dict, shares: dict[str, float]) -> bool:
        """Whether a name only the gazetteer vouches for is believable where it resolved:
        a well-known place, or one in a country the article is about ("Pepper" in a Texas
        story is not a Jamaican parish)."""
        if record["kind"] in ("country", "region", "admin1") or (record["population"] or 0) >= 100_000:
            return True
        return shares.get(record["country"], 0.0) >= 0.3

    @staticmethod
    def set_annotations(doc: Doc, mentions: list[Mention], chosen: dict[str, dict],
                        sub_places: list[tuple[int, int, Mention]] = ()) -> None:
        """Write the places and their mention spans; a sub-place is a `feature` at its container's
        point, with the container's (coarser) precision."""
        places: dict[str, dict] = {}
        spans = []
        for m in mentions:
            record = chosen[m.key]
            place_id = _place_id(record)
            spans.append(Span(doc, m.start, m.end, label=record["kind"], kb_id=place_id))
            places.setdefault(place_id, _place_dict(record, place_id))
        for start, end, container in sub_places:
            record = chosen[container.key]
            words = doc[start:end].text
            place_id = f"{_place_id(record)}/{normalize(words).replace(' ', '-')}"
            spans.append(Span(doc, start, end, label="feature", kb_id=place_id))
            places.setdefault(place_id, {
                **_place_dict(record, place_id), "name": words, "kind": "feature", "geonameid": None,
            })
        doc._.ew_places = places
        doc.spans[PLACE_SPANS] = sorted(spans, key=lambda s: s.start)


@Language.factory("eventwire_places", assigns=["doc._.ew_places"])
def make_places(nlp: Language, name: str) -> PlacesStage:
    """Build the places stage.

    nlp (Language): the pipeline it joins.
    name (str): the component's name in that pipeline.
    RETURNS (PlacesStage): the component.
    """
    return PlacesStage(nlp, name)
