-- Schema version 3 of a dossier database: analyst notes on groups.
--
-- notes: one row per note, as `dossier serve`'s group pages and the API
--   take them. email is kept so that the author can be reached and is never
--   shown. created_at is UTC. Notes are only ever added: no keys or indexes
--   beyond the id (see the note on indexes in 0001_init.sql); a group's
--   notes are read by a filter on group_id.
--
-- The SQL is kept to what PostgreSQL accepts as well.

CREATE SEQUENCE notes_id_seq START 1;

CREATE TABLE notes (
    id         BIGINT PRIMARY KEY DEFAULT nextval('notes_id_seq'),
    group_id   TEXT NOT NULL,
    author     TEXT NOT NULL,
    email      TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
