package duckdb

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"dossier"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one step of the schema: migrations/NNNN_name.sql brings a
// database from version NNNN-1 to NNNN.
type migration struct {
	version int
	name    string
	sql     string
}

// embeddedMigrations are the migrations built into the binary, in order.
var embeddedMigrations = mustLoadMigrations(migrationFiles)

func mustLoadMigrations(fsys fs.FS) []migration {
	migs, err := loadMigrations(fsys)
	if err != nil {
		panic("duckdb: " + err.Error()) // the embedded files are part of the binary: a build error
	}
	return migs
}

// loadMigrations reads migrations/NNNN_name.sql from fsys. Versions must
// run 1, 2, 3… without gaps.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var migs []migration
	for _, n := range names {
		base := path.Base(n)
		num, rest, ok := strings.Cut(strings.TrimSuffix(base, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_description.sql", n)
		}
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		migs = append(migs, migration{version: v, name: rest, sql: string(b)})
	}
	sort.Slice(migs, func(i, j int) bool { return migs[i].version < migs[j].version })
	for i, m := range migs {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %04d_%s: expected version %d", m.version, m.name, i+1)
		}
	}
	return migs, nil
}

// SchemaVersion returns the version of the database's schema: the number of
// the last migration applied to it.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	v, err := db.schemaVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("schema version of %s: %w", db.path, err)
	}
	return v, nil
}

// schemaVersion returns 0 for a database without a schema_version table:
// a new file.
func (db *DB) schemaVersion(ctx context.Context) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_name = 'schema_version' AND table_catalog = current_database()
		  AND table_schema = current_schema()`).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v *int64
	if err := db.sql.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, err
	}
	if v == nil {
		return 0, nil
	}
	return int(*v), nil
}

// migrate brings the schema to the last of migs in one transaction, so that
// a failed upgrade leaves the file as it was. It refuses a schema newer than
// migs, and in a read-only database one older than migs.
func (db *DB) migrate(ctx context.Context, migs []migration) error {
	have, err := db.schemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("open database %s: read schema version: %w", db.path, err)
	}
	want := len(migs)
	switch {
	case have > want:
		return &dossier.Error{Code: dossier.EConflict,
			Message: fmt.Sprintf("database %s has schema version %d, newer than this dossier knows (%d)", db.path, have, want),
			Hint:    "upgrade dossier to a release that knows schema version " + strconv.Itoa(have)}
	case have == want:
		return nil
	case db.readOnly:
		return &dossier.Error{Code: dossier.EConflict,
			Message: fmt.Sprintf("database %s has schema version %d, older than this dossier needs (%d), and is open read-only", db.path, have, want),
			Hint:    "open it once without --read-only to upgrade it"}
	}

	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("upgrade database %s: %w", db.path, err)
	}
	defer tx.Rollback()
	for _, m := range migs[have:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("upgrade database %s to schema version %d (%s): %w", db.path, m.version, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, time.Now().UTC()); err != nil {
			return fmt.Errorf("upgrade database %s to schema version %d (%s): %w", db.path, m.version, m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("upgrade database %s: %w", db.path, err)
	}
	return nil
}
