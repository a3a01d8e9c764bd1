package duckdb

// OpenAtVersion opens path as the dossier release whose schema version
// was v would: one that knows only the first v embedded migrations.
func OpenAtVersion(path string, opts Options, v int) (*DB, error) {
	return open(path, opts, embeddedMigrations[:v])
}
