package duckdb

import (
	"context"
	"database/sql"
)

// OpenWithExtraMigrations opens path as a newer dossier would: one that
// knows the embedded migrations and, after them, one migration for each
// script of extra.
func OpenWithExtraMigrations(path string, opts Options, extra ...string) (*DB, error) {
	migs := append([]migration(nil), embeddedMigrations...)
	for _, sql := range extra {
		migs = append(migs, migration{version: len(migs) + 1, name: "test", sql: sql})
	}
	return open(path, opts, migs)
}

// KnownSchemaVersion is the schema version this binary knows.
var KnownSchemaVersion = len(embeddedMigrations)

// Setting returns the current value of a DuckDB setting.
func (db *DB) Setting(ctx context.Context, name string) (string, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, `SELECT current_setting(?)`, name).Scan(&v)
	return v, err
}

// TempTables counts the temporary tables of the database's connections.
func (db *DB) TempTables(ctx context.Context) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE temporary`).Scan(&n)
	return n, err
}

// SetPhaseHook makes Import call f at the start of each of its phases.
func (db *DB) SetPhaseHook(f func(string)) { db.phase = f }

// MemoryUsage describes DuckDB's memory use by tag, in MiB (in memory /
// spilled).
func (db *DB) MemoryUsage(ctx context.Context) string {
	var s sql.NullString
	err := db.sql.QueryRowContext(ctx, `SELECT string_agg(tag || '=' || (memory_usage_bytes >> 20) || '/' ||
			(temporary_storage_bytes >> 20), ' ')
		FROM duckdb_memory() WHERE memory_usage_bytes + temporary_storage_bytes >= 1 << 20`).Scan(&s)
	if err != nil {
		return err.Error()
	}
	return s.String
}

// SetCompareRows sets how many staged events an import compares with the
// stored ones at a time.
func (db *DB) SetCompareRows(n int64) { db.compareRows = n }

// SetExportRows sets how many events an export writes at a time.
func (db *DB) SetExportRows(n int64) { db.exportRows = n }
