"""Store: extraction records in SQLite (the default) or PostgreSQL, one schema for both.

    store = Store("sqlite:///./eventwire.db")      # or "postgresql://user@host/db"
    store.write(record)                            # False when that text is already stored
    for record in store.records(): ...

An article is keyed by the SHA-256 of its text (`pipeline.build.text_hash`),
so the same text is stored once however often it is read. Each article,
with its actors, places, times, quotes, events and links, is written in one
transaction: a crash never leaves half an article. The record JSON kept in
`articles.record` is the source of truth for exports; the other tables are
its queryable views.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.schema import CreateIndex

from eventwire.errors import StoreError
from eventwire.ingest import InputFailure
from eventwire.pipeline.build import text_hash
from eventwire.record import ClusterRecord, CorrectionRecord, CorrectionTarget, ExtractionRecord

DEFAULT_DB = "sqlite:///./eventwire.db"
DB_ENV = "EVENTWIRE_DB"

metadata = MetaData()

# One row per distinct article text; `record` is the whole extraction record.
articles = Table(
    "articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("id", Text, nullable=False, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", String(10)),
    Column("text", Text, nullable=False),
    Column("record", JSON, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)


def _article_key() -> Column:
    return Column("article_key", String(64), ForeignKey("articles.key", ondelete="CASCADE"), primary_key=True)


# Who: actor ids are stable inside one article's record, so they are keyed with it.
actors = Table(
    "actors",
    metadata,
    _article_key(),
    Column("actor_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(3)),
    Column("sector", String(16)),
    Column("aliases", JSON, nullable=False),
    Column("mentions", JSON, nullable=False),
)

places = Table(
    "places",
    metadata,
    _article_key(),
    Column("place_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("mentions", JSON, nullable=False),
)

times = Table(
    "times",
    metadata,
    _article_key(),
    Column("position", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("value", String(10)),
    Column("precision", String(8)),
    Column("anchor", String(16)),
)

quotes = Table(
    "quotes",
    metadata,
    _article_key(),
    Column("quote_id", Text, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("cue", Text),
    Column("cue_span", JSON),
    Column("speaker", Text),
    Column("speaker_span", JSON),
    Column("date", String(10)),
    Column("channel", Text),
)

events = Table(
    "events",
    metadata,
    _article_key(),
    Column("event_id", Text, primary_key=True),
    Column("type", String(32), nullable=False, index=True),
    Column("mode", Text),
    Column("context", JSON, nullable=False),
    Column("place_id", Text),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("date_basis", String(16)),
    Column("dead", Integer),
    Column("injured", Integer),
    Column("arrested", Integer),
    Column("dead_min", Integer),
    Column("modality", String(16), nullable=False),
    Column("according_to", Text),
    Column("quote_id", Text),
    Column("evidence", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
)

# Doers and done-to of each event: role is "actor" or "recipient".
event_actors = Table(
    "event_actors",
    metadata,
    Column("article_key", String(64), primary_key=True),
    Column("event_id", Text, primary_key=True),
    Column("actor_id", Text, primary_key=True),
    Column("role", String(16), primary_key=True),
    ForeignKeyConstraint(["article_key", "event_id"], ["events.article_key", "events.event_id"], ondelete="CASCADE"),
)

# Input that did not become a record; the same failure is recorded once.
failures = Table(
    "failures",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("code", String(8), nullable=False),
    Column("time", DateTime(timezone=True), nullable=False),
    # The text's key when the text was read (a stage error, a timeout): cleared once that text is stored.
    Column("article_key", String(64), index=True),
    UniqueConstraint("source", "reason", "code", name="uq_failures_source_reason_code"),
)


# Analysts' corrections (record.CorrectionRecord), beside the machine coding and never over it; `seq` orders them.
corrections = Table(
    "corrections",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False, unique=True),
    Column("target_kind", String(16), nullable=False),
    Column("target_article", Text, index=True),
    Column("target_id", Text, nullable=False),
    Column("action", String(8), nullable=False),
    Column("field", Text),
    Column("old", JSON),
    Column("new", JSON),
    Column("by", Text, nullable=False),
    Column("at", String(20), nullable=False),
    Column("note", Text),
)

# Indexes the web API's views page and count on (web/queries.py); made on older stores too.
SEARCH_INDEXES = (
    Index("ix_articles_key_published_id", articles.c.key, articles.c.published, articles.c.id),
    Index("ix_articles_published_key", articles.c.published, articles.c.key),
    Index("ix_events_date_keys", events.c.date, events.c.article_key, events.c.event_id),
    Index("ix_events_date_type", events.c.date, events.c.type),
    Index("ix_events_dead_keys", events.c.dead, events.c.article_key, events.c.event_id),
    Index("ix_events_confidence_keys", events.c.confidence, events.c.article_key, events.c.event_id),
    Index("ix_actors_id_names", actors.c.actor_id, actors.c.article_key, actors.c.name, actors.c.kind, actors.c.country, actors.c.sector),
    Index("ix_actors_name", actors.c.name),
    Index("ix_places_position", places.c.lat, places.c.lon, places.c.article_key, places.c.place_id),
    Index(
        "ix_places_entry", places.c.name, places.c.kind, places.c.country, places.c.admin1, places.c.admin2,
        places.c.lat, places.c.lon, places.c.geonameid, places.c.place_id,
    ),
)


# The corpus layer (eventwire.corpus). An article's shingle signature (MinHash), its content words (sorted
# bucket ids, `corpus.wording`), and the original it copies.
corpus_articles = Table(
    "corpus_articles",
    metadata,
    _article_key(),
    Column("shingles", LargeBinary, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("copy_of", String(64), ForeignKey("articles.key", ondelete="SET NULL"), index=True),
    Column("similarity", Float),
    Column("reports", JSON),  # the clusters it reports without an event of their type (ids when decided)
)

# One row per happening; `record` is its whole cluster record (eventwire/cluster-1).
clusters = Table(
    "clusters",
    metadata,
    Column("cluster_id", String(24), primary_key=True),
    Column("type", String(32), nullable=False, index=True),
    Column("date", String(10), index=True),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("sources", Integer, nullable=False),
    Column("dead", Integer),
    Column("first_reported", String(10)),
    Column("last_reported", String(10)),
    Column("record", JSON, nullable=False),
)

# Which cluster each event is in; `features` is what the clusterer read from the event.
cluster_members = Table(
    "cluster_members",
    metadata,
    Column("article_key", String(64), primary_key=True),
    Column("event_id", Text, primary_key=True),
    Column("cluster_id", String(24), nullable=False, index=True),
    Column("position", Integer, nullable=False, unique=True),
    Column("features", JSON, nullable=False),
    ForeignKeyConstraint(["article_key", "event_id"], ["events.article_key", "events.event_id"], ondelete="CASCADE"),
)

# A merge of two clusters: the merged-away id and the id that lives on.
cluster_merges = Table(
    "cluster_merges",
    metadata,
    Column("merged_id", String(24), primary_key=True),
    Column("into_id", String(24), nullable=False, index=True),
)

CORPUS_TABLES = (cluster_merges, cluster_members, clusters, corpus_articles)


@dataclass
class CorpusState:
    """What the clusterer needs to go on from where the last run stopped (`Store.corpus_state`)."""

    articles: list[dict]  # key, id, published, outlet, shingles, content, copy_of, reports
    members: list[dict]  # cluster_id, position, features, in position order
    merges: list[tuple[str, str]]  # (merged_id, into_id)


@dataclass
class CorpusWrite:
    """What one corpus update adds and changes (`Store.write_corpus`), written in one transaction."""

    articles: list[dict]  # article_key, shingles, content, copy_of, similarity, reports
    members: list[dict]  # article_key, event_id, cluster_id, position, features
    moved: dict[str, str]  # member cluster id -> the id it was merged into
    merges: list[tuple[str, str]]
    clusters: list[ClusterRecord]  # new and changed
    removed: list[str]  # cluster ids merged away


@dataclass
class ClusterCounts:
    """How many clusters the store holds (`Store.cluster_counts`)."""

    clusters: int
    multi_source: int
    clustered_events: int
    near_duplicates: int
    merged: int
    clusters_by_type: dict[str, int]


@dataclass
class StoreCounts:
    """How much the store holds (`Store.counts`)."""

    articles: int
    actors: int
    places: int
    quotes: int
    events: int
    failures: int
    events_by_type: dict[str, int]
    failures_by_code: dict[str, int]


def engine_url(url: str) -> str:
    """The SQLAlchemy URL for a user's database URL: postgresql:// uses psycopg 3."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


class Store:
    """The eventwire database: records in, records and counts out.

    url (str): "sqlite:///path.db" (WAL, foreign keys on) or "postgresql://user:pw@host/db".
        Defaults to DEFAULT_DB. Tables are created when missing.
    """

    def __init__(self, url: str = DEFAULT_DB):
        self.url = url
        try:
            self.engine: Engine = create_engine(engine_url(url))
        except (ArgumentError, ImportError, ValueError) as err:
            raise StoreError(f"cannot use the database URL {url!r}: {err}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        try:
            _create_tables(self.engine)
            _add_missing_columns(self.engine)
            self._create_search_indexes()
        except SQLAlchemyError as err:
            raise StoreError(f"cannot open the database {url!r}: {_first_line(err)}") from None

    def _create_search_indexes(self) -> None:
        """The web views' indexes, and full-text search over article texts: an FTS5 table kept by
        triggers (SQLite), a GIN index (PostgreSQL). All IF NOT EXISTS: two runs may open a new store at once."""
        with self.engine.begin() as conn:
            for index in SEARCH_INDEXES:
                conn.execute(CreateIndex(index, if_not_exists=True))
            if self.engine.dialect.name == "postgresql":
                conn.exec_driver_sql(
                    "CREATE INDEX IF NOT EXISTS ix_articles_text_fts ON articles USING gin (to_tsvector('english', text))"
                )
                return
            existed = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").first()
            if existed:
                return
            conn.exec_driver_sql(
                "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(text, content='articles', content_rowid='seq')"
            )
            conn.exec_driver_sql(
                "CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN "
                "INSERT INTO articles_fts(rowid, text) VALUES (new.seq, new.text); END"
            )
            conn.exec_driver_sql(
                "CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN "
                "INSERT INTO articles_fts(articles_fts, rowid, text) VALUES ('delete', old.seq, old.text); END"
            )
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")

    def close(self) -> None:
        self.engine.dispose()

    def has(self, text: str) -> bool:
        """Whether an article with exactly this text is stored (so it need not be read again)."""
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.seq).where(articles.c.key == text_hash(text))).first() is not None

    def write(self, record: ExtractionRecord) -> bool:
        """Store one article's record and its rows, all in one transaction.

        record (ExtractionRecord): the record from `eventwire.extract`.
        RETURNS (bool): True if stored, False if the same text was already there (nothing added).
        """
        data = record.to_dict()
        article = data["article"]
        key = text_hash(article["text"])
        try:
            with self.engine.begin() as conn:
                inserted = conn.execute(
                    self._insert(articles)
                    .values(
                        key=key,
                        id=article["id"],
                        title=article["title"],
                        url=article["url"],
                        outlet=article["outlet"],
                        published=article["published"],
                        text=article["text"],
                        record=data,
                        stored_at=dt.datetime.now(dt.timezone.utc),
                    )
                    .on_conflict_do_nothing(index_elements=["key"])
                    .returning(articles.c.seq)
                ).first()
                if inserted is None:
                    return False  # stored by an earlier run, or by a concurrent writer just now
                for table, rows in _child_rows(key, data):
                    if rows:
                        conn.execute(table.insert(), rows)
                conn.execute(failures.delete().where(failures.c.article_key == key))
        except SQLAlchemyError as err:
            raise StoreError(f"cannot store article {article['id']}: {_first_line(err)}") from None
        return True

    def add_failure(self, failure: InputFailure) -> None:
        """Record input that did not become a record; a failure already recorded is not added again."""
        row = {
            "source": failure.source,
            "reason": failure.reason[:1000],
            "code": failure.code,
            "time": dt.datetime.now(dt.timezone.utc),
            "article_key": failure.key,
        }
        with self.engine.begin() as conn:
            conn.execute(self._insert(failures).values(**row).on_conflict_do_nothing())

    def records(self) -> Iterator[ExtractionRecord]:
        """Every stored record, in the order it was stored."""
        with self.engine.connect() as conn:
            for (data,) in conn.execute(select(articles.c.record).order_by(articles.c.seq)):
                yield ExtractionRecord.model_validate(data)

    def record_for(self, text: str) -> ExtractionRecord | None:
        """The stored record of exactly this text, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.record).where(articles.c.key == text_hash(text))).first()
        return ExtractionRecord.model_validate(row[0]) if row else None

    def record_by_id(self, article_id: str) -> ExtractionRecord | None:
        """The first stored record with this article id, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(articles.c.record).where(articles.c.id == article_id).order_by(articles.c.seq).limit(1)
            ).first()
        return ExtractionRecord.model_validate(row[0]) if row else None

    def analyze(self) -> None:
        """Refresh the query planner's statistics (ANALYZE), so large stores get index-driven plans."""
        with self.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")

    def add_correction(self, correction: CorrectionRecord) -> None:
        """Store an analyst's correction beside the machine coding (the record itself is never changed)."""
        target = correction.target
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    corrections.insert().values(
                        id=correction.id,
                        target_kind=target.kind,
                        target_article=target.article,
                        target_id=target.id,
                        **correction.model_dump(mode="json", include={"action", "field", "old", "new", "by", "at", "note"}),
                    )
                )
        except SQLAlchemyError as err:
            raise StoreError(f"cannot store correction {correction.id}: {_first_line(err)}") from None

    def corrections(self, article: str | None = None) -> list[CorrectionRecord]:
        """Corrections in the order they were made, all or those of one article's coding."""
        query = select(corrections).order_by(corrections.c.seq)
        if article is not None:
            query = query.where(corrections.c.target_article == article)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            CorrectionRecord(
                target=CorrectionTarget(kind=row["target_kind"], article=row["target_article"], id=row["target_id"]),
                **{k: row[k] for k in ("id", "action", "field", "old", "new", "by", "at", "note")},
            )
            for row in rows
        ]

    def failure_rows(self) -> list[dict]:
        """Every recorded failure: source, reason, code, time."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.seq))
            return [{k: v for k, v in row._mapping.items() if k != "seq"} for row in rows]

    def counts(self) -> StoreCounts:
        """Row counts of the main tables, events by type and failures by code."""
        with self.engine.connect() as conn:

            def count(table: Table) -> int:
                return conn.execute(select(func.count()).select_from(table)).scalar_one()

            def grouped(column) -> dict[str, int]:
                rows = conn.execute(select(column, func.count()).group_by(column).order_by(func.count().desc(), column))
                return {name: n for name, n in rows}

            return StoreCounts(
                articles=count(articles),
                actors=count(actors),
                places=count(places),
                quotes=count(quotes),
                events=count(events),
                failures=count(failures),
                events_by_type=grouped(events.c.type),
                failures_by_code=grouped(failures.c.code),
            )

    def table_sizes(self) -> dict[str, int]:
        """The number of rows in every table (for checks that a rerun adds nothing)."""
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in metadata.tables.items()
            }

    # -- the corpus layer --------------------------------------------------------------------

    def corpus_pending(self) -> Iterator[tuple[str, ExtractionRecord]]:
        """Stored articles the corpus layer has not seen, by publication date then id: (key, record)."""
        query = (
            select(articles.c.key, articles.c.record)
            .outerjoin(corpus_articles, corpus_articles.c.article_key == articles.c.key)
            .where(corpus_articles.c.article_key.is_(None))
            .order_by(func.coalesce(articles.c.published, ""), articles.c.id, articles.c.key)
        )
        with self.engine.connect() as conn:
            for key, data in conn.execute(query):
                yield key, ExtractionRecord.model_validate(data)

    def corpus_state(self) -> CorpusState:
        """Signatures, cluster members and merges decided so far."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(articles.c.key, articles.c.id, articles.c.published, articles.c.outlet,
                       corpus_articles.c.shingles, corpus_articles.c.content, corpus_articles.c.copy_of,
                       corpus_articles.c.reports)
                .join(corpus_articles, corpus_articles.c.article_key == articles.c.key)
                .order_by(func.coalesce(articles.c.published, ""), articles.c.id, articles.c.key)
            )
            found = [dict(row._mapping) for row in rows]
            members = [
                dict(row._mapping)
                for row in conn.execute(
                    select(cluster_members.c.cluster_id, cluster_members.c.position, cluster_members.c.features)
                    .order_by(cluster_members.c.position)
                )
            ]
            merges = [(m, i) for m, i in conn.execute(select(cluster_merges.c.merged_id, cluster_merges.c.into_id))]
        return CorpusState(found, members, merges)

    def write_corpus(self, change: CorpusWrite) -> bool:
        """Add signatures and members, move members of merged clusters, replace changed cluster rows.

        RETURNS (bool): False, with nothing written, when a concurrent update stored some of these articles first.
        """
        try:
            with self.engine.begin() as conn:
                if change.articles:
                    conn.execute(corpus_articles.insert(), change.articles)
                for old, new in sorted(change.moved.items()):
                    conn.execute(update(cluster_members).where(cluster_members.c.cluster_id == old).values(cluster_id=new))
                if change.members:
                    conn.execute(cluster_members.insert(), change.members)
                if change.merges:
                    conn.execute(cluster_merges.insert(), [{"merged_id": m, "into_id": i} for m, i in change.merges])
                    for merged, into in change.merges:
                        conn.execute(update(cluster_merges).where(cluster_merges.c.into_id == merged).values(into_id=into))
                gone = set(change.removed) | {c.cluster_id for c in change.clusters}
                if gone:
                    conn.execute(delete(clusters).where(clusters.c.cluster_id.in_(sorted(gone))))
                if change.clusters:
                    conn.execute(clusters.insert(), [_cluster_row(c) for c in change.clusters])
        except IntegrityError:
            return False
        except SQLAlchemyError as err:
            raise StoreError(f"cannot store clusters: {_first_line(err)}") from None
        return True

    def clear_corpus(self) -> None:
        """Forget every signature, cluster, member and merge (before `eventwire recluster`)."""
        with self.engine.begin() as conn:
            for table in CORPUS_TABLES:
                conn.execute(delete(table))

    def clusters(self) -> Iterator[ClusterRecord]:
        """Every cluster record, by date then id."""
        query = select(clusters.c.record).order_by(func.coalesce(clusters.c.date, ""), clusters.c.cluster_id)
        with self.engine.connect() as conn:
            for (data,) in conn.execute(query):
                yield ClusterRecord.model_validate(data)

    def cluster(self, cluster_id: str) -> ClusterRecord | None:
        """One cluster by id; a merged-away id gives the cluster it was merged into."""
        with self.engine.connect() as conn:
            into = conn.execute(select(cluster_merges.c.into_id).where(cluster_merges.c.merged_id == cluster_id)).first()
            row = conn.execute(select(clusters.c.record).where(clusters.c.cluster_id == (into[0] if into else cluster_id))).first()
        return ClusterRecord.model_validate(row[0]) if row else None

    def event_clusters(self) -> dict[tuple[str, str], str]:
        """The cluster of every clustered event: (article key, event id) -> cluster id."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(cluster_members.c.article_key, cluster_members.c.event_id, cluster_members.c.cluster_id))
            return {(key, event_id): cluster_id for key, event_id, cluster_id in rows}

    def cluster_counts(self) -> ClusterCounts:
        """How many clusters, with more than one source, clustered events, copies, merges; clusters by type."""
        with self.engine.connect() as conn:

            def scalar(query) -> int:
                return conn.execute(query).scalar_one()

            by_type = conn.execute(
                select(clusters.c.type, func.count()).group_by(clusters.c.type).order_by(func.count().desc(), clusters.c.type)
            )
            return ClusterCounts(
                clusters=scalar(select(func.count()).select_from(clusters)),
                multi_source=scalar(select(func.count()).select_from(clusters).where(clusters.c.sources > 1)),
                clustered_events=scalar(select(func.count()).select_from(cluster_members)),
                near_duplicates=scalar(select(func.count()).select_from(corpus_articles).where(corpus_articles.c.copy_of.is_not(None))),
                merged=scalar(select(func.count()).select_from(cluster_merges)),
                clusters_by_type={name: n for name, n in by_type},
            )


def _add_missing_columns(engine: Engine) -> None:
    """Add the nullable columns a newer eventwire defines to tables an older one created."""
    present = inspect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            if not present.has_table(table.name):
                continue
            have = {column["name"] for column in present.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have and column.nullable:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.execute(sql_text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=300000")  # wait out another run's long write (a corpus update) rather than fail
    cursor.close()


def _create_tables(engine: Engine) -> None:
    """Create the missing tables; a run opening the same new store at once may create some first.

    Each "already exists" means the other run created one more table or index, so a retry per
    table and index always gets through, however the two runs interleave.
    """
    attempts = sum(1 + len(table.indexes) for table in metadata.tables.values()) + 2
    for attempt in range(attempts):
        try:
            metadata.create_all(engine)
            return
        except SQLAlchemyError as err:
            if attempt == attempts - 1 or "already exists" not in str(err):
                raise
            time.sleep(0.05)


def _cluster_row(cluster: ClusterRecord) -> dict:
    place = cluster.place
    return {
        "cluster_id": cluster.cluster_id,
        "type": cluster.type,
        "date": cluster.date,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "sources": cluster.sources,
        "dead": cluster.dead.best,
        "first_reported": cluster.first_reported,
        "last_reported": cluster.last_reported,
        "record": cluster.to_dict(),
    }


def _first_line(err: Exception) -> str:
    return str(getattr(err, "orig", None) or err).strip().splitlines()[0]


def _child_rows(key: str, data: dict) -> list[tuple[Table, list[dict]]]:
    """The rows one record adds beside its article row, table by table, in foreign-key order."""
    actor_rows = [
        {
            "article_key": key,
            "actor_id": a["id"],
            "name": a["name"],
            "kind": a["kind"],
            "country": a["country"],
            "sector": a["sector"],
            "aliases": a["aliases"],
            "mentions": a["mentions"],
        }
        for a in data["actors"]
    ]
    place_rows = [
        {"article_key": key, "place_id": p["id"], "mentions": p["mentions"]}
        | {k: p[k] for k in ("name", "kind", "country", "admin1", "admin2", "lat", "lon", "geonameid")}
        for p in data["places"]
    ]
    time_rows = [
        {
            "article_key": key,
            "position": i,
            "text": t["text"],
            "span_start": t["span"][0],
            "span_end": t["span"][1],
            "value": t["value"],
            "precision": t["precision"],
            "anchor": t["anchor"],
        }
        for i, t in enumerate(data["times"])
    ]
    quote_rows = [
        {
            "article_key": key,
            "quote_id": q["id"],
            "span_start": q["span"][0],
            "span_end": q["span"][1],
        }
        | {k: q[k] for k in ("kind", "text", "cue", "cue_span", "speaker", "speaker_span", "date", "channel")}
        for q in data["quotes"]
    ]
    event_rows = []
    link_rows = []
    for e in data["events"]:
        magnitude = e["magnitude"]
        event_rows.append(
            {
                "article_key": key,
                "event_id": e["id"],
                "type": e["type"],
                "mode": e["mode"],
                "context": e["context"],
                "place_id": e["place"],
                "date": e["date"],
                "date_precision": e["date_precision"],
                "date_basis": e["date_basis"],
                "dead": magnitude["dead"],
                "injured": magnitude["injured"],
                "arrested": magnitude["arrested"],
                "dead_min": magnitude["dead_min"],
                "modality": e["modality"],
                "according_to": e["according_to"],
                "quote_id": e["quote"],
                "evidence": e["evidence"],
                "confidence": e["confidence"],
            }
        )
        links = {(a, "actor") for a in e["actors"]} | {(r, "recipient") for r in e["recipients"]}
        link_rows += [
            {"article_key": key, "event_id": e["id"], "actor_id": a, "role": role} for a, role in sorted(links)
        ]
    return [
        (actors, actor_rows),
        (places, place_rows),
        (times, time_rows),
        (quotes, quote_rows),
        (events, event_rows),
        (event_actors, link_rows),
    ]
