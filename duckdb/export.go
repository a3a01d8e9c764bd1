package duckdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dossier"
)

// exportColumns are the columns of a Parquet export, one row per event of
// events e joined with its file f and its actors xa: the canonical fields,
// with lists as Parquet lists, details as a map, actors as a list of
// structs, and the file and line the event was last written from.
const exportColumns = `e.source, e.source_id, e.source_version, e.licence,
	e.date_start, e.date_end, e.date_precision,
	e.country, e.country_name, e.admin1, e.admin2, e.place,
	e.latitude, e.longitude, e.geo_precision,
	e.event_type, e.source_type, e.source_subtype,
	CAST(CAST(e.target_categories AS JSON) AS VARCHAR[]) AS target_categories,
	xa.actors,
	e.fatalities, e.fatalities_low, e.fatalities_high, e.injuries, e.hostages,
	e.suicide, e.claimed, e.success, e.doubtful,
	e.summary,
	CAST(CAST(e.citations AS JSON) AS VARCHAR[]) AS citations,
	CAST(CAST(e.details AS JSON) AS MAP(VARCHAR, VARCHAR)) AS details,
	e.raw, f.name AS file, e.line`

// exportRows is about the number of events an export writes in one part
// (DB.exportRows).
const exportRows = 200_000

// parquetOptions are the options of the Parquet files an export writes.
// Parquet row groups of 16,384 rows keep the writer's buffers small (it
// holds a row group of each column in memory).
const parquetOptions = "FORMAT parquet, ROW_GROUP_SIZE 16384"

// ExportParquet writes the events matching f to a Parquet file at path,
// one row per event, in no particular order (sort on date_start, source,
// source_id to read them in the order of Events), with every canonical
// field, the actors as a list of structs (name, role, uncertain, group_id,
// confidence, rule, read as Events reads them) and the raw row. Each row
// carries its source's licence: GTD and ACLED forbid redistribution.
//
// The file appears at path only once complete; an existing file is
// replaced. Memory stays bounded: the events are written in parts of about
// exportRows, each part gathering its actors alone, and the parts are then
// copied into one file. An output directory that cannot be written is an
// EInvalid *dossier.Error.
func (db *DB) ExportParquet(ctx context.Context, f dossier.EventFilter, path string) error {
	w, args, err := where(f, db.groupFacts(ctx, f))
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	work, err := os.MkdirTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return &dossier.Error{Code: dossier.EInvalid, Err: err,
			Message: fmt.Sprintf("export to %s: cannot write in %s", path, dir),
			Hint:    "pass an output path in an existing, writable directory"}
	}
	defer os.RemoveAll(work)
	if err := db.exportParquet(ctx, f, w, args, work, path); err != nil {
		return fmt.Errorf("export events of %s to %s: %w", db.path, path, err)
	}
	return nil
}

func (db *DB) exportParquet(ctx context.Context, f dossier.EventFilter, w string, args []any, work, path string) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()

	// A page is cut by key first (a sort of the keys alone), then written
	// like a whole selection of events.
	from := `events e`
	if f.Limit > 0 || f.Offset > 0 {
		if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE export_keys AS
			SELECT e.source, e.source_id FROM events e`+w+` ORDER BY `+eventOrder+page(f), args...); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.export_keys`)
		from = `events e SEMI JOIN temp.export_keys k ON k.source = e.source AND k.source_id = e.source_id`
		w, args = "", nil
	}
	var n int64
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM `+from+w, args...).Scan(&n); err != nil {
		return err
	}
	parts := max(1, (n+db.exportRows-1)/db.exportRows)

	var actor []string
	for _, c := range []string{"name", "role", "uncertain", "group_id", "confidence", "rule"} {
		actor = append(actor, "'"+c+"': "+actorExprs[c])
	}
	inPart := func(part int64) (string, []any) {
		cond := fmt.Sprintf("hash(e.source, e.source_id) %% %d = %d", parts, part)
		if w == "" {
			return " WHERE " + cond, args
		}
		return w + " AND " + cond, args
	}
	files := make([]string, parts)
	for part := range parts {
		pw, pargs := inPart(part)
		files[part] = filepath.Join(work, fmt.Sprintf("part-%d.parquet", part))
		// Parts are compressed fast: they are read once, into the final
		// file.
		out, compression := files[part], "snappy"
		if parts == 1 {
			out, compression = filepath.Join(work, "events.parquet"), "zstd"
		}
		q := `COPY (
			WITH xa AS (
				SELECT e.source, e.source_id,
					list({` + strings.Join(actor, ", ") + `} ORDER BY ` + actorExprs["ord"] + `, ` + actorExprs["part"] + `) AS actors
				FROM ` + from + ` JOIN event_actors a ON a.source = e.source AND a.source_id = e.source_id
				` + resolutionJoin("e") + pw + `
				GROUP BY e.source, e.source_id)
			SELECT ` + exportColumns + `
			FROM ` + from + `
			LEFT JOIN import_files f ON f.id = e.file_id
			LEFT JOIN xa ON xa.source = e.source AND xa.source_id = e.source_id` + pw + `)
			TO ` + quote(out) + ` (` + parquetOptions + `, COMPRESSION ` + compression + `)`
		if _, err := conn.ExecContext(ctx, q, append(append([]any(nil), pargs...), pargs...)...); err != nil {
			return err
		}
	}
	final := filepath.Join(work, "events.parquet")
	if parts > 1 {
		var list []string
		for _, f := range files {
			list = append(list, quote(f))
		}
		if _, err := conn.ExecContext(ctx, `COPY (SELECT * FROM read_parquet([`+strings.Join(list, ", ")+`]))
			TO `+quote(final)+` (`+parquetOptions+`, COMPRESSION zstd)`); err != nil {
			return err
		}
	}
	return os.Rename(final, path)
}
