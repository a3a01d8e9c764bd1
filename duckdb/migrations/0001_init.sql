-- Schema version 1 of a dossier database.
--
-- import_files: one row per imported file, identified by (name, sha256); a
--   re-import of the same file updates its row (imported_at and the counts of
--   its last import) instead of adding one. header is the file's header as a
--   JSON array of strings, so that events.raw can be read back column by
--   column. events_written, added, updated, unchanged and duplicates are the
--   counts of the file's last import.
--
-- events: one row per event, keyed by (source, source_id), holding every
--   canonical field of dossier.Event. Unknown values are NULL: a nil pointer in
--   the domain is NULL here and comes back nil; an empty string is NULL too.
--   date_start and date_end are the first and last day the event may have
--   happened on (NULL when the provider gave no date). target_categories and
--   citations are JSON arrays of strings, details a JSON object of strings;
--   raw is the provider's row verbatim. fingerprint is dossier's
--   Event.Fingerprint(): an import compares it to tell changed events from
--   unchanged ones. file_id (import_files.id) and line say which import last
--   wrote the event and where in that file the row stands.
--
-- event_actors: the actor names of each event in the order the provider gave
--   them (ord from 0), with their role (perpetrator, associated, target) and
--   whether the provider marked them uncertain. group_id, confidence and rule
--   record how the name resolved to a group (NULL until resolved). An import
--   that changes an event replaces all its actor rows.
--
-- schema_version: one row per applied migration.
--
-- The SQL is kept to what PostgreSQL accepts as well.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE import_files_id_seq START 1;

CREATE TABLE import_files (
    id             BIGINT PRIMARY KEY DEFAULT nextval('import_files_id_seq'),
    name           TEXT NOT NULL,
    path           TEXT NOT NULL,
    format         TEXT NOT NULL,
    source         TEXT NOT NULL,
    source_version TEXT NOT NULL,
    licence        TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    size           BIGINT NOT NULL,
    header         TEXT NOT NULL,
    imported_at    TIMESTAMP NOT NULL,
    events_written BIGINT NOT NULL,
    added          BIGINT NOT NULL,
    updated        BIGINT NOT NULL,
    unchanged      BIGINT NOT NULL,
    duplicates     BIGINT NOT NULL,
    UNIQUE (name, sha256)
);

CREATE TABLE events (
    source            TEXT NOT NULL,
    source_id         TEXT NOT NULL,
    source_version    TEXT,
    licence           TEXT,
    date_start        DATE,
    date_end          DATE,
    date_precision    TEXT,
    country           TEXT,
    country_name      TEXT,
    admin1            TEXT,
    admin2            TEXT,
    place             TEXT,
    latitude          DOUBLE PRECISION,
    longitude         DOUBLE PRECISION,
    geo_precision     TEXT,
    event_type        TEXT,
    source_type       TEXT,
    source_subtype    TEXT,
    target_categories TEXT,
    fatalities        BIGINT,
    fatalities_low    BIGINT,
    fatalities_high   BIGINT,
    injuries          BIGINT,
    hostages          BIGINT,
    suicide           BOOLEAN,
    claimed           BOOLEAN,
    success           BOOLEAN,
    doubtful          BOOLEAN,
    summary           TEXT,
    citations         TEXT,
    details           TEXT,
    raw               TEXT NOT NULL,
    fingerprint       TEXT NOT NULL,
    file_id           BIGINT NOT NULL,
    line              BIGINT NOT NULL
);

CREATE TABLE event_actors (
    source     TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    ord        INTEGER NOT NULL,
    role       TEXT NOT NULL,
    name       TEXT NOT NULL,
    uncertain  BOOLEAN NOT NULL,
    group_id   TEXT,
    confidence DOUBLE PRECISION,
    rule       TEXT
);

-- Indexes. The filters of dossier.EventFilter (source, country, date range,
-- perpetrator name, group id) are served by the min-max zone maps DuckDB
-- keeps for every column of every row group, and by scans of a few columns:
-- DuckDB's ART indexes speed up only point lookups, must fit in memory
-- whenever a transaction touches them, and made the commit of a 2-million-
-- event import fail under the memory limit. So this schema declares none
-- on events and event_actors: the import's merge keeps (source, source_id)
-- unique (imports are serialised, and DuckDB lets one process write).
-- A PostgreSQL schema declares PRIMARY KEY (source, source_id) on events
-- and B-tree indexes on events (country), events (date_start, date_end),
-- event_actors (source, source_id), event_actors (name) and
-- event_actors (group_id).
