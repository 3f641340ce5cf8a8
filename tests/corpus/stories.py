"""Small invented corpora for the corpus layer: records built by hand, so no model is needed.

Each story is a short wire-style article with the events the pipeline would
give it. The places are real towns; the people and incidents are invented.
"""

from __future__ import annotations

from eventwire.record import ExtractionRecord

DAYTON = {"id": "place:dayton", "name": "Dayton", "kind": "populated_place", "country": "US", "admin1": "Ohio",
          "lat": 39.7589, "lon": -84.1916, "geonameid": 4509884, "precision": "point"}
KETTERING = {"id": "place:kettering", "name": "Kettering", "kind": "populated_place", "country": "US",
             "admin1": "Ohio", "lat": 39.6895, "lon": -84.1688, "geonameid": 4515843, "precision": "point"}
OHIO = {"id": "place:ohio", "name": "Ohio", "kind": "admin1", "country": "US", "admin1": "Ohio",
        "lat": 40.25, "lon": -83.0, "geonameid": 5165418, "precision": "admin1"}
KIDAL = {"id": "place:kidal", "name": "Kidal", "kind": "populated_place", "country": "ML", "admin1": "Kidal",
         "lat": 18.4411, "lon": 1.4078, "geonameid": 2455290, "precision": "point"}

BAR_SHOOTING = (
    "DAYTON, Ohio - A gunman opened fire outside the Copper Kettle tavern on Wayne Avenue late Saturday, killing two "
    "men and wounding a woman, police said. Officers found Marcus Delane, 31, and Tobias Rhee, 27, on the sidewalk "
    "near the tavern's side door; both died at the scene. A 24-year-old woman was taken to Miami Valley Hospital with "
    "a gunshot wound to the leg. Witnesses told investigators that an argument inside the tavern spilled onto the "
    "street shortly before midnight and that a man in a grey hooded sweatshirt fired several rounds before fleeing "
    "north on foot. Police Lieutenant Carla Voss said detectives were reviewing footage from cameras along Wayne "
    "Avenue and asked anyone with information to call the tip line."
)
BAR_SHOOTING_COPY = BAR_SHOOTING.replace("late Saturday", "late on Saturday") + (
    "\n\nCopyright 2024 The Associated Press. All rights reserved."
)
BAR_SHOOTING_UPDATE = (
    "The woman wounded in Saturday's shooting outside the Copper Kettle tavern on Wayne Avenue in Dayton has died, "
    "raising the toll to three, police said Monday. Renata Ibarra, 24, died at Miami Valley Hospital on Sunday "
    "evening. Marcus Delane and Tobias Rhee were killed at the scene after an argument inside the tavern spilled "
    "onto the street. Detectives arrested a 29-year-old man in a grey hooded sweatshirt on Monday morning after "
    "footage from cameras along Wayne Avenue showed him firing several rounds and fleeing north, Lieutenant Carla "
    "Voss said. Relatives of Delane gathered outside the tavern on Sunday to leave flowers and candles."
)
BUS_STOP_SHOOTING = (
    "DAYTON, Ohio - A 17-year-old boy was shot and killed while waiting at a bus stop on Salem Avenue on Sunday "
    "afternoon, the second deadly shooting in the city this weekend. Jalen Brooks, a junior at Thurgood Marshall "
    "High School, was struck in the chest by a bullet fired from a passing silver sedan, according to Sergeant "
    "Owen Pratt. Paramedics took Brooks to Grandview Medical Center, where he was pronounced dead. His mother said "
    "he had been on his way to his grandmother's apartment. Pratt said the sedan was last seen heading toward "
    "Interstate 75 and that no arrests had been made."
)
STRIKE_CLAIM = (
    "BAMAKO - The Azawad Liberation Front said on Wednesday that its fighters had shelled a Malian army outpost "
    "outside Kidal at dawn on Tuesday, killing seven soldiers and destroying two armoured vehicles. In a statement "
    "posted online, the front's spokesman Moussa Ag Intalla said the outpost had been used to launch raids on "
    "nomadic camps in the valley east of Kidal. The front released photographs it said showed burning vehicles at "
    "the outpost's gate."
)
STRIKE_DENIAL = (
    "BAMAKO - Mali's army on Wednesday denied that the Azawad Liberation Front had shelled its outpost outside Kidal "
    "on Tuesday, calling the front's statement and photographs of burning vehicles propaganda. Army spokesman "
    "Colonel Souleymane Dembele said no soldiers had been killed and that the outpost's gate and armoured vehicles "
    "were intact. He said the front's spokesman Moussa Ag Intalla was trying to frighten nomadic camps in the "
    "valley east of Kidal."
)


def story(article_id: str, text: str, published: str, events: list[dict], actors=(), places=(), outlet=None):
    """An extraction record of an invented article; events name actors and places by id."""
    return ExtractionRecord.model_validate(
        {
            "article": {"id": article_id, "text": text, "published": published, "outlet": outlet},
            "actors": [
                {"id": f"actor:{name.lower().replace(' ', '-')}", "name": name, "kind": kind, "country": country,
                 "sector": sector}
                for name, kind, country, sector in actors
            ],
            "places": list(places),
            "events": [
                {"id": f"event:{i}", "evidence": [[0, 10]], "confidence": 0.7} | event
                for i, event in enumerate(events, 1)
            ],
        }
    )


def person(name: str):
    return (name, "person", None, None)


def bar_shooting(article_id="dayton-daily-1", outlet="Dayton Daily", text=BAR_SHOOTING, published="2024-06-09"):
    return story(
        article_id, text, published,
        [{"type": "ASSAULT", "mode": "firearms", "place": "place:dayton", "date": "2024-06-08",
          "date_precision": "day", "recipients": ["actor:marcus-delane", "actor:tobias-rhee"],
          "magnitude": {"dead": 2, "injured": 1}}],
        actors=[person("Marcus Delane"), person("Tobias Rhee"), person("Carla Voss")], places=[DAYTON], outlet=outlet,
    )


def bar_shooting_update():
    return story(
        "ohio-news-2", BAR_SHOOTING_UPDATE, "2024-06-10",
        [{"type": "ASSAULT", "mode": "firearms", "place": "place:dayton", "date": "2024-06-08",
          "date_precision": "day", "recipients": ["actor:renata-ibarra", "actor:marcus-delane", "actor:tobias-rhee"],
          "magnitude": {"dead": 3}},
         {"type": "COERCE", "mode": "arrest", "place": "place:dayton", "date": "2024-06-10", "date_precision": "day",
          "actors": ["actor:police"], "magnitude": {"arrested": 1}}],
        actors=[person("Renata Ibarra"), person("Marcus Delane"), person("Tobias Rhee"), person("Carla Voss"),
                ("police", "organization", "USA", "COP")],
        places=[DAYTON], outlet="Ohio News",
    )


def bus_stop_shooting():
    return story(
        "dayton-daily-3", BUS_STOP_SHOOTING, "2024-06-10",
        [{"type": "ASSAULT", "mode": "firearms", "place": "place:dayton", "date": "2024-06-09",
          "date_precision": "day", "recipients": ["actor:jalen-brooks"], "magnitude": {"dead": 1}}],
        actors=[person("Jalen Brooks"), person("Owen Pratt")], places=[DAYTON], outlet="Dayton Daily",
    )


def strike_claim():
    return story(
        "sahel-wire-1", STRIKE_CLAIM, "2024-03-06",
        [{"type": "ASSAULT", "mode": "heavy-weapons", "place": "place:kidal", "date": "2024-03-05",
          "date_precision": "day", "actors": ["actor:azawad-liberation-front"], "recipients": ["actor:malian-army"],
          "magnitude": {"dead": 7}, "modality": "claimed", "according_to": "actor:azawad-liberation-front"}],
        actors=[("Azawad Liberation Front", "group", "MLI", "REB"), ("Malian army", "organization", "MLI", "MIL"),
                person("Moussa Ag Intalla")],
        places=[KIDAL], outlet="Sahel Wire",
    )


def strike_denial():
    return story(
        "bamako-daily-2", STRIKE_DENIAL, "2024-03-06",
        [{"type": "ASSAULT", "mode": "heavy-weapons", "place": "place:kidal", "date": "2024-03-05",
          "date_precision": "day", "actors": ["actor:azawad-liberation-front"], "recipients": ["actor:malian-army"],
          "magnitude": {"dead": 0}, "modality": "negated", "according_to": "actor:malian-army"}],
        actors=[("Azawad Liberation Front", "group", "MLI", "REB"), ("Malian army", "organization", "MLI", "MIL"),
                person("Souleymane Dembele"), person("Moussa Ag Intalla")],
        places=[KIDAL], outlet="Bamako Daily",
    )


def corpus():
    """Every story in date order (publication date, then id): a strike claimed and denied, a wire story and its
    copy, its update, another shooting in the same city."""
    return [
        strike_denial(), strike_claim(), bar_shooting(), bar_shooting("wire-copy-1", "Metro Wire", BAR_SHOOTING_COPY),
        bus_stop_shooting(), bar_shooting_update(),
    ]
