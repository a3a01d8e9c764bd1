-- Schema version 4 of a dossier database: attacks and incidents, derived
-- from events and their actors' resolutions so that rankings and the
-- Global Terrorism Index over millions of events need not join them.
--
-- attack_facts: one row per event and group an actor of the event
--   resolved to, counts telling whether the event is the group's attack by
--   the rules of metrics.IsAttack and perp whether the group is among the
--   event's perpetrators or associated actors; and one row with group_id
--   NULL (counts true) per event that would be an attack under its
--   provider's rule but whose perpetrators resolved to no group
--   (unattributed). certain_conf is the highest confidence of the certain
--   attributions that make the event the group's attack (NULL when every
--   one is uncertain; 1e9 for unattributed rows, always certain).
--
-- incident_facts: one row per event that is a terrorism incident of its
--   country by the rule of metrics.IsIncident. Undated events and events
--   without a country have no row.
--
-- derived_state: what the facts were built from (see attackFactsStamp):
--   when the events, the resolutions or the registry change, the facts are
--   rebuilt before they are read.

CREATE TABLE attack_facts (
    source       TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    group_id     TEXT,
    country      TEXT,
    date_start   DATE,
    doubtful     BOOLEAN,
    counts       BOOLEAN NOT NULL,
    perp         BOOLEAN NOT NULL,
    certain_conf DOUBLE PRECISION,
    fatalities   BIGINT,
    injuries     BIGINT,
    hostages     BIGINT
);

CREATE TABLE incident_facts (
    source     TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    country    TEXT NOT NULL,
    date_start DATE NOT NULL,
    doubtful   BOOLEAN,
    fatalities BIGINT,
    injuries   BIGINT,
    hostages   BIGINT
);

CREATE TABLE derived_state (
    name  TEXT NOT NULL,
    stamp TEXT NOT NULL
);
