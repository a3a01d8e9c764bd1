package duckdb

import "context"

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

// SetPhaseHook makes Import call f at the start of each phase of its merge.
func SetPhaseHook(f func(string)) { phase = f }
