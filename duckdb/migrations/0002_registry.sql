-- Schema version 2 of a dossier database: the group registry and the
-- resolutions of event actors.
--
-- registry_groups, registry_aliases, registry_relations, registry_claims,
--   registry_citations, registry_individuals: the records of
--   dossier.Knowledge, each row tagged with its origin (starter, user, un,
--   ofac) and numbered by seq in the order its origin gave it. Syncing an
--   origin replaces all of its rows. Unknown values are NULL, as in
--   events: an empty string is NULL too. Dates (founded, date_from…) are the
--   YYYY[-MM[-DD]] strings they were given as; lists (an alias's
--   countries, the citations of a relation or claim, an individual's
--   aliases) are JSON arrays of strings, NULL when empty. norm (aliases) and
--   norm_id, norm_name (groups) hold the names in the normalised form of
--   resolve.Normalize, for searching. One group id may exist in several
--   origins: reads pick user over starter over un over ofac, and a user
--   group hides the starter's aliases, relations, claims and individuals of
--   that id.
--
-- registry_origins: one row per synced origin with the SHA-256 of its
--   knowledge, so that syncing the same knowledge again writes nothing.
--
-- resolutions: how each distinct perpetrator or associated actor name
--   resolved in its event context (the event's country and start date,
--   NULL when unknown); a composite label has one row per part (part from
--   0). group_id is NULL when the part resolved to no group. Events read
--   their actors' group ids from here, joining on (name, country, date), so
--   an event imported later with the same name, country and date is
--   resolved as well. event_actors.group_id, when an import set it (curated
--   events), takes precedence. The table is replaced as a whole on every
--   re-resolution.
--
-- The SQL is kept to what PostgreSQL accepts as well. No keys or indexes:
-- the registry is small, and resolutions are read by hash joins (see the
-- note on indexes in 0001_init.sql).

CREATE TABLE registry_origins (
    origin    TEXT NOT NULL,
    hash      TEXT NOT NULL,
    synced_at TIMESTAMP NOT NULL
);

CREATE TABLE registry_groups (
    origin      TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT,
    kind        TEXT,
    description TEXT,
    founded     TEXT,
    ended       TEXT,
    status      TEXT,
    norm_id     TEXT NOT NULL,
    norm_name   TEXT NOT NULL
);

CREATE TABLE registry_aliases (
    origin    TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    group_id  TEXT NOT NULL,
    name      TEXT NOT NULL,
    kind      TEXT,
    source    TEXT,
    countries TEXT,
    date_from TEXT,
    date_to   TEXT,
    norm      TEXT NOT NULL
);

CREATE TABLE registry_relations (
    origin    TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    group_id  TEXT NOT NULL,
    type      TEXT,
    other     TEXT,
    date_from TEXT,
    date_to   TEXT,
    note      TEXT,
    citations TEXT
);

CREATE TABLE registry_claims (
    origin    TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    group_id  TEXT NOT NULL,
    type      TEXT,
    text      TEXT,
    value     TEXT,
    date_from TEXT,
    date_to   TEXT,
    authority TEXT,
    reference TEXT,
    status    TEXT,
    citations TEXT
);

CREATE TABLE registry_citations (
    origin    TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    id        TEXT NOT NULL,
    title     TEXT,
    publisher TEXT,
    date      TEXT,
    url       TEXT,
    reference TEXT
);

CREATE TABLE registry_individuals (
    origin    TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    authority TEXT,
    reference TEXT,
    name      TEXT,
    aliases   TEXT,
    listed    TEXT,
    group_id  TEXT,
    comments  TEXT
);

CREATE TABLE resolutions (
    name       TEXT NOT NULL,
    country    TEXT,
    date       DATE,
    part       INTEGER NOT NULL,
    group_id   TEXT,
    confidence DOUBLE PRECISION NOT NULL,
    rule       TEXT NOT NULL,
    uncertain  BOOLEAN NOT NULL
);
