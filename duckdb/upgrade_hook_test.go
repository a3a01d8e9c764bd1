package duckdb

// OpenAtVersion opens path as the dossier release whose schema version
// was v would: one that knows only the first v embedded migrations.
func OpenAtVersion(path string, opts Options, v int) (*DB, error) {
	return open(path, opts, embeddedMigrations[:v])
}

// SetEventBatch makes Events read n events per batch, until the returned
// function restores the default.
func SetEventBatch(n int) (restore func()) {
	old := eventBatch
	eventBatch = n
	return func() { eventBatch = old }
}
