package duckdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dossier"
)

// exportColumns are the columns of a Parquet export, one row per event:
// the canonical fields with lists as Parquet lists, details as a map,
// actors as a list of structs, and the file and line the event was last
// imported from.
const exportColumns = `e.source, e.source_id, e.source_version, e.licence,
	e.date_start, e.date_end, e.date_precision,
	e.country, e.country_name, e.admin1, e.admin2, e.place,
	e.latitude, e.longitude, e.geo_precision,
	e.event_type, e.source_type, e.source_subtype,
	CAST(CAST(e.target_categories AS JSON) AS VARCHAR[]) AS target_categories,
	` + actorsColumn + ` AS actors,
	e.fatalities, e.fatalities_low, e.fatalities_high, e.injuries, e.hostages,
	e.suicide, e.claimed, e.success, e.doubtful,
	e.summary,
	CAST(CAST(e.citations AS JSON) AS VARCHAR[]) AS citations,
	CAST(CAST(e.details AS JSON) AS MAP(VARCHAR, VARCHAR)) AS details,
	e.raw, f.name AS file, e.line`

// ExportParquet writes the events matching f to a Parquet file at path,
// one row per event in the order of Events, with every canonical field,
// the actors as a list of structs (name, role, uncertain, group_id,
// confidence, rule) and the raw row. Each row carries its source's licence:
// GTD and ACLED forbid redistribution. The file appears at path only once
// complete; an existing file is replaced.
func (db *DB) ExportParquet(ctx context.Context, f dossier.EventFilter, path string) error {
	w, args, err := where(f)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return &dossier.Error{Code: dossier.EInvalid, Err: err,
			Message: fmt.Sprintf("export to %s: cannot write in %s", path, dir),
			Hint:    "pass an output path in an existing, writable directory"}
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName) // after a successful rename it is gone already

	q := `COPY (SELECT ` + exportColumns + `
		FROM events e LEFT JOIN import_files f ON f.id = e.file_id` + w + `
		ORDER BY ` + eventOrder + page(f) + `)
		TO '` + strings.ReplaceAll(tmpName, "'", "''") + `' (FORMAT parquet, COMPRESSION zstd)`
	if _, err := db.sql.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("export events of %s to %s: %w", db.path, path, err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("export events of %s: %w", db.path, err)
	}
	return nil
}
