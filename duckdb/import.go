package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dossier"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// eventColumns are the columns of events an import copies from its staging
// table, in the order writer.Write appends them; file_id and line follow.
var eventColumns = []string{
	"source", "source_id", "source_version", "licence",
	"date_start", "date_end", "date_precision",
	"country", "country_name", "admin1", "admin2", "place",
	"latitude", "longitude", "geo_precision",
	"event_type", "source_type", "source_subtype", "target_categories",
	"fatalities", "fatalities_low", "fatalities_high", "injuries", "hostages",
	"suicide", "claimed", "success", "doubtful",
	"summary", "citations", "details", "raw", "fingerprint",
}

// actorColumns are the columns of event_actors after source and source_id.
var actorColumns = []string{"ord", "role", "name", "uncertain", "group_id", "confidence", "rule"}

// Classes of staged events, by what the import does with them.
const (
	classNew       = 0 // key not in events: insert
	classChanged   = 1 // fingerprint differs: replace the event and its actors
	classUnchanged = 2 // same fingerprint: nothing to do
)

// Import runs fill, which writes the events of file to the EventWriter it
// is given, and applies them in one transaction.
//
// Events are first appended to temporary staging tables (DuckDB spills them
// to the temporary directory beyond the memory limit), then merged set-based:
// new keys are inserted, events whose fingerprint changed are replaced with
// their actors, unchanged ones are left alone. An event's provenance (file
// and line) is thus the import that last wrote it: the one that added it or
// last changed it. Within the file the last row of a (source, source id)
// wins; earlier ones count as Duplicates. If fill or the merge fails, nothing
// of the file is kept. The summary has Added, Updated, Unchanged and
// Duplicates set, and File and Format from file; the caller sets Rows and
// Rejected.
//
// The writer's Write returns a *dossier.RowError for an event the store
// cannot keep (no source or source id, text that is not UTF-8, a coordinate
// that is not a finite number) without staging it: fill may reject that row
// and go on, or return the error to abort the import. Write does not retain
// the event.
//
// Import returns an EInvalid *dossier.Error for a file without a name and
// EConflict for a read-only database.
func (db *DB) Import(ctx context.Context, file dossier.ImportFile, fill func(w dossier.EventWriter) error) (dossier.ImportSummary, error) {
	sum := dossier.ImportSummary{File: file.Name, Format: file.Format}
	if db.readOnly {
		return sum, db.readOnlyError("import " + file.Name)
	}
	if file.Name == "" {
		return sum, &dossier.Error{Code: dossier.EInvalid, Message: "import: the file has no name",
			Hint: "set ImportFile.Name to the file's base name"}
	}
	db.importMu.Lock()
	defer db.importMu.Unlock()

	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return sum, fmt.Errorf("import %s: %w", file.Name, err)
	}
	defer conn.Close()

	// Temporary tables belong to this connection only.
	stage := `CREATE OR REPLACE TEMP TABLE stage_events AS
		SELECT CAST(0 AS BIGINT) AS seq, ` + strings.Join(eventColumns, ", ") + `, line FROM events LIMIT 0;
		CREATE OR REPLACE TEMP TABLE stage_actors AS
		SELECT CAST(0 AS BIGINT) AS seq, source, source_id, ` + strings.Join(actorColumns, ", ") + ` FROM event_actors LIMIT 0`
	if _, err := conn.ExecContext(ctx, stage); err != nil {
		return sum, fmt.Errorf("import %s: create staging tables: %w", file.Name, err)
	}
	defer conn.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.stage_events;
		DROP TABLE IF EXISTS temp.stage_actors; DROP TABLE IF EXISTS temp.stage_keys`)

	var written int64
	err = conn.Raw(func(dc any) error {
		w, err := newWriter(ctx, dc.(driver.Conn), file.Name)
		if err != nil {
			return fmt.Errorf("import %s: %w", file.Name, err)
		}
		fillErr := fill(w)
		closeErr := w.close(fillErr != nil)
		written = w.seq
		if fillErr != nil {
			return fmt.Errorf("import %s: %w", file.Name, fillErr)
		}
		if closeErr != nil {
			return fmt.Errorf("import %s: stage events: %w", file.Name, closeErr)
		}
		return nil
	})
	if err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("import %s: %w", file.Name, err)
	}

	db.mark("compare")
	if err := db.merge(ctx, conn, file, written, &sum); err != nil {
		return dossier.ImportSummary{File: file.Name, Format: file.Format}, fmt.Errorf("import %s: %w", file.Name, err)
	}
	return sum, nil
}

// merge applies the staged events in one transaction.
func (db *DB) merge(ctx context.Context, conn *sql.Conn, file dossier.ImportFile, written int64, sum *dossier.ImportSummary) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	fileID, err := recordFile(ctx, tx, file)
	if err != nil {
		return err
	}

	// The winning (last) row of each key, and what to do with it. The keys
	// are compared in parts by a hash of the key, so that the aggregate
	// and the join of each part fit in memory whatever the size of the file
	// and of the database.
	parts := max(1, (written+db.compareRows-1)/db.compareRows)
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE stage_keys
		(source TEXT, source_id TEXT, seq BIGINT, n BIGINT, class INTEGER)`); err != nil {
		return fmt.Errorf("compare with stored events: %w", err)
	}
	for part := range parts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO stage_keys
			SELECT k.source, k.source_id, k.seq, k.n,
				CASE WHEN e.fingerprint IS NULL THEN `+strconv.Itoa(classNew)+`
				     WHEN e.fingerprint <> s.fingerprint THEN `+strconv.Itoa(classChanged)+`
				     ELSE `+strconv.Itoa(classUnchanged)+` END
			FROM (SELECT source, source_id, max(seq) AS seq, count(*) AS n FROM stage_events
			      WHERE hash(source, source_id) % ? = ? GROUP BY source, source_id) k
			JOIN stage_events s ON s.seq = k.seq
			LEFT JOIN (SELECT source, source_id, fingerprint FROM events
			           WHERE hash(source, source_id) % ? = ?) e
				ON e.source = k.source AND e.source_id = k.source_id`,
			parts, part, parts, part); err != nil {
			return fmt.Errorf("compare with stored events: %w", err)
		}
	}
	var keys, rows, added, updated, unchanged int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(n), 0),
			coalesce(sum(CASE WHEN class = ? THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN class = ? THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN class = ? THEN 1 ELSE 0 END), 0)
		FROM stage_keys`, classNew, classChanged, classUnchanged).Scan(&keys, &rows, &added, &updated, &unchanged); err != nil {
		return fmt.Errorf("count staged events: %w", err)
	}
	if rows != written {
		return fmt.Errorf("staged %d events of %d written", rows, written)
	}
	sum.Added, sum.Updated, sum.Unchanged = int(added), int(updated), int(unchanged)
	sum.Duplicates = int(rows - keys)
	if _, err := tx.ExecContext(ctx, `UPDATE import_files
		SET events_written = ?, added = ?, updated = ?, unchanged = ?, duplicates = ? WHERE id = ?`,
		written, sum.Added, sum.Updated, sum.Unchanged, sum.Duplicates, fileID); err != nil {
		return fmt.Errorf("record file: %w", err)
	}

	// A changed event is deleted and inserted again, with its actors: in
	// DuckDB an UPDATE of every column keeps the new values in memory until
	// the commit, while an insert spills.
	if updated > 0 {
		for _, table := range []string{"event_actors", "events"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` USING stage_keys k
				WHERE k.class = ? AND `+table+`.source = k.source AND `+table+`.source_id = k.source_id`, classChanged); err != nil {
				return fmt.Errorf("remove the old versions of changed events (%s): %w", table, err)
			}
		}
	}
	db.mark("insert")
	if added+updated > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (`+strings.Join(eventColumns, ", ")+`, file_id, line)
			SELECT s.`+strings.Join(eventColumns, ", s.")+`, ?, s.line
			FROM stage_events s JOIN stage_keys k ON k.seq = s.seq WHERE k.class IN (?, ?)`,
			fileID, classNew, classChanged); err != nil {
			return fmt.Errorf("insert new and changed events: %w", err)
		}
		db.mark("insert actors")
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_actors (source, source_id, `+strings.Join(actorColumns, ", ")+`)
			SELECT a.source, a.source_id, a.`+strings.Join(actorColumns, ", a.")+`
			FROM stage_actors a JOIN stage_keys k ON k.seq = a.seq WHERE k.class IN (?, ?)`,
			classNew, classChanged); err != nil {
			return fmt.Errorf("insert actors: %w", err)
		}
	}
	db.mark("commit")
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// recordFile inserts or updates the import_files row of file and returns
// its id. The counts of the import are set once known.
func recordFile(ctx context.Context, tx *sql.Tx, file dossier.ImportFile) (int64, error) {
	header, err := json.Marshal(file.Header)
	if err != nil {
		return 0, fmt.Errorf("record file: %w", err)
	}
	if file.Header == nil {
		header = []byte("[]")
	}
	at := file.ImportedAt
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC().Truncate(time.Microsecond)
	args := []any{file.Path, file.Format, string(file.Source), file.SourceVersion, file.Licence,
		file.Size, string(header), at}

	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM import_files WHERE name = ? AND sha256 = ?`, file.Name, file.SHA256).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = tx.QueryRowContext(ctx, `INSERT INTO import_files (path, format, source, source_version, licence,
				size, header, imported_at, name, sha256, events_written, added, updated, unchanged, duplicates)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0) RETURNING id`,
			append(args, file.Name, file.SHA256)...).Scan(&id)
	case err == nil:
		_, err = tx.ExecContext(ctx, `UPDATE import_files SET path = ?, format = ?, source = ?, source_version = ?,
				licence = ?, size = ?, header = ?, imported_at = ?
			WHERE id = ?`, append(args, id)...)
	}
	if err != nil {
		return 0, fmt.Errorf("record file: %w", err)
	}
	return id, nil
}

// writer stages the events of one import through two DuckDB appenders.
type writer struct {
	ctx    context.Context
	file   string
	events *duckdb.Appender
	actors *duckdb.Appender
	seq    int64 // events staged so far
	row    []driver.Value
	// pending estimates the bytes the appenders hold: DuckDB's appender
	// buffers up to 204,800 rows outside its memory limit unless flushed.
	pending int
}

// flushBytes is how much text the appenders may hold before a flush.
const flushBytes = 8 << 20

// compareRows is the number of staged events compared with the database in
// one part (DB.compareRows).
const compareRows = 500_000

func newWriter(ctx context.Context, dc driver.Conn, file string) (*writer, error) {
	ev, err := duckdb.NewAppender(dc, "temp", "main", "stage_events")
	if err != nil {
		return nil, fmt.Errorf("stage events: %w", err)
	}
	ac, err := duckdb.NewAppender(dc, "temp", "main", "stage_actors")
	if err != nil {
		ev.Close()
		return nil, fmt.Errorf("stage actors: %w", err)
	}
	return &writer{ctx: ctx, file: file, events: ev, actors: ac,
		row: make([]driver.Value, 0, len(eventColumns)+2)}, nil
}

// close flushes and closes the appenders; after a failed fill it discards
// what they hold.
func (w *writer) close(discard bool) error {
	if discard {
		w.events.Clear()
		w.actors.Clear()
	}
	return errors.Join(w.events.Close(), w.actors.Close())
}

// Write stages one event. See DB.Import for the errors it returns.
func (w *writer) Write(e *dossier.Event) error {
	if w.seq%1024 == 0 {
		if err := w.ctx.Err(); err != nil {
			return err
		}
	}
	if err := w.check(e); err != nil {
		return err
	}
	tc, cit, details := jsonList(e.TargetCategories), jsonList(e.Citations), jsonObject(e.Details)
	seq := w.seq + 1
	w.row = append(w.row[:0], seq,
		string(e.Source), e.SourceID, text(e.SourceVersion), text(e.Licence),
		day(e.Date), day(e.DateEnd), text(string(e.DatePrecision)),
		text(e.Country), text(e.CountryName), text(e.Admin1), text(e.Admin2), text(e.Place),
		float(e.Latitude), float(e.Longitude), text(e.GeoPrecision),
		text(string(e.Type)), text(e.SourceType), text(e.SourceSubtype), tc,
		integer(e.Fatalities), integer(e.FatalitiesLow), integer(e.FatalitiesHigh), integer(e.Injuries), integer(e.Hostages),
		boolean(e.Suicide), boolean(e.Claimed), boolean(e.Success), boolean(e.Doubtful),
		text(e.Summary), cit, details, e.Raw, e.Fingerprint(), int64(e.Line))
	if err := w.events.AppendRow(w.row...); err != nil {
		return fmt.Errorf("stage event %s: %w", e.Key(), err)
	}
	for i, a := range e.Actors {
		var conf any
		if a.GroupID != "" || a.Confidence != 0 {
			conf = a.Confidence
		}
		if err := w.actors.AppendRow(seq, string(e.Source), e.SourceID, int32(i), string(a.Role), a.Name, a.Uncertain,
			text(a.GroupID), conf, text(a.Rule)); err != nil {
			return fmt.Errorf("stage actors of event %s: %w", e.Key(), err)
		}
	}
	w.seq = seq
	w.pending += len(e.Raw) + len(e.Summary) + len(w.row)*8 + 64*len(e.Actors)
	if d, ok := details.(string); ok {
		w.pending += len(d)
	}
	if w.pending >= flushBytes {
		w.pending = 0
		if err := w.events.Flush(); err != nil {
			return fmt.Errorf("stage events: %w", err)
		}
		if err := w.actors.Flush(); err != nil {
			return fmt.Errorf("stage actors: %w", err)
		}
	}
	return nil
}

// check returns a *dossier.RowError for an event the store cannot keep.
func (w *writer) check(e *dossier.Event) error {
	rowErr := func(col, val, reason, hint string) error {
		return &dossier.RowError{File: w.file, Line: e.Line, Column: col, Value: val,
			Reason: reason, Hint: hint, Raw: e.Raw}
	}
	if e.Source == "" {
		return rowErr("source", "", "the event has no source", "set Event.Source (gtd, acled, ucdp…)")
	}
	if e.SourceID == "" {
		return rowErr("source_id", "", "the event has no source id", "check the file's id column")
	}
	for _, f := range []struct {
		col string
		v   *float64
	}{{"latitude", e.Latitude}, {"longitude", e.Longitude}} {
		if f.v != nil && (math.IsNaN(*f.v) || math.IsInf(*f.v, 0)) {
			return rowErr(f.col, strconv.FormatFloat(*f.v, 'g', -1, 64), "the coordinate is not a finite number",
				"leave unknown coordinates empty")
		}
	}
	const hintUTF8 = "convert the file to UTF-8 (or give its encoding) and import it again"
	bad := func(col, v string) error {
		return rowErr(col, strings.ToValidUTF8(v, "\uFFFD"), "the text is not valid UTF-8", hintUTF8)
	}
	for _, f := range []struct{ col, v string }{
		{"source", string(e.Source)}, {"source_id", e.SourceID}, {"source_version", e.SourceVersion},
		{"licence", e.Licence}, {"date_precision", string(e.DatePrecision)},
		{"country", e.Country}, {"country_name", e.CountryName}, {"admin1", e.Admin1},
		{"admin2", e.Admin2}, {"place", e.Place}, {"geo_precision", e.GeoPrecision},
		{"type", string(e.Type)}, {"source_type", e.SourceType}, {"source_subtype", e.SourceSubtype},
		{"summary", e.Summary}, {"raw", e.Raw},
	} {
		if !utf8.ValidString(f.v) {
			return bad(f.col, f.v)
		}
	}
	for i, a := range e.Actors {
		for _, f := range []struct{ col, v string }{
			{"name", a.Name}, {"role", string(a.Role)}, {"group_id", a.GroupID}, {"rule", a.Rule},
		} {
			if !utf8.ValidString(f.v) {
				return bad(fmt.Sprintf("actors[%d].%s", i, f.col), f.v)
			}
		}
	}
	for i, c := range e.TargetCategories {
		if !utf8.ValidString(string(c)) {
			return bad(fmt.Sprintf("target_categories[%d]", i), string(c))
		}
	}
	for i, c := range e.Citations {
		if !utf8.ValidString(c) {
			return bad(fmt.Sprintf("citations[%d]", i), c)
		}
	}
	for k, v := range e.Details {
		if !utf8.ValidString(k) {
			return bad("details", k)
		}
		if !utf8.ValidString(v) {
			return bad("details["+strings.ToValidUTF8(k, "\uFFFD")+"]", v)
		}
	}
	return nil
}

// text is s, or NULL for "".
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// day is the calendar day of t as a DATE, or NULL for the zero time. The
// day is t's own (in t's location), not UTC's.
func day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func float(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func integer(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func boolean(p *bool) any {
	if p == nil {
		return nil
	}
	return *p
}

// jsonList is a JSON array of the strings in l, or NULL for an empty list.
func jsonList[S ~string](l []S) any {
	if len(l) == 0 {
		return nil
	}
	b := []byte{'['}
	for i, v := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, string(v))
	}
	return string(append(b, ']'))
}

// jsonObject is a JSON object of m with its keys sorted, or NULL for an
// empty map.
func jsonObject(m map[string]string) any {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	n := 2
	for k, v := range m {
		keys = append(keys, k)
		n += len(k) + len(v) + 6
	}
	slices.Sort(keys)
	b := make([]byte, 0, n)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, m[k])
	}
	return string(append(b, '}'))
}

// appendJSONString appends s, valid UTF-8, as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// mark tells the phase hook, if any, that an import enters phase p.
func (db *DB) mark(p string) {
	if db.phase != nil {
		db.phase(p)
	}
}
