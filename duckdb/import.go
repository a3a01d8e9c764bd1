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
	"sync"
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
// their actors, unchanged ones are left alone. When no event's source has
// stored events and no key repeats within the file — a first import of a
// provider — every event is new and the staged events are inserted without
// comparing them. An event's provenance (file and line) is thus the import
// that last wrote it: the one that added it or last changed it. Within the
// file the last row of a (source, source id) wins; earlier ones count as
// Duplicates. If fill or the merge fails, nothing of the file is kept. The
// summary has Added, Updated, Unchanged and Duplicates set, and File and
// Format from file; the caller sets Rows and Rejected.
//
// The writer's Write returns a *dossier.RowError for an event the store
// cannot keep (no source or source id, text that is not UTF-8, a coordinate
// that is not a finite number) without staging it: fill may reject that row
// and go on, or return the error to abort the import. Write does not retain
// the event. The writer is a dossier.FingerprintWriter.
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
	stored, err := storedSources(ctx, conn)
	if err != nil {
		return sum, fmt.Errorf("import %s: %w", file.Name, err)
	}

	var w *writer
	err = conn.Raw(func(dc any) error {
		var err error
		w, err = newWriter(ctx, dc.(driver.Conn), file.Name, stored)
		if err != nil {
			return fmt.Errorf("import %s: %w", file.Name, err)
		}
		fillErr := fill(w)
		closeErr := w.close(fillErr != nil)
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
	if err := db.merge(ctx, conn, file, w, &sum); err != nil {
		return dossier.ImportSummary{File: file.Name, Format: file.Format}, fmt.Errorf("import %s: %w", file.Name, err)
	}
	return sum, nil
}

// storedSources returns the sources that have events in the database.
func storedSources(ctx context.Context, conn *sql.Conn) (map[dossier.Source]bool, error) {
	rows, err := conn.QueryContext(ctx, `SELECT DISTINCT source FROM events`)
	if err != nil {
		return nil, fmt.Errorf("read stored sources: %w", err)
	}
	defer rows.Close()
	m := map[dossier.Source]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("read stored sources: %w", err)
		}
		m[dossier.Source(s)] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read stored sources: %w", err)
	}
	return m, nil
}

// merge applies the staged events in one transaction.
func (db *DB) merge(ctx context.Context, conn *sql.Conn, file dossier.ImportFile, w *writer, sum *dossier.ImportSummary) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	fileID, err := recordFile(ctx, tx, file)
	if err != nil {
		return err
	}
	written := w.seq
	keys, err := db.classify(ctx, tx, w, sum)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE import_files
		SET events_written = ?, added = ?, updated = ?, unchanged = ?, duplicates = ? WHERE id = ?`,
		written, sum.Added, sum.Updated, sum.Unchanged, sum.Duplicates, fileID); err != nil {
		return fmt.Errorf("record file: %w", err)
	}

	// Which staged rows to insert: all of them when all are new, else
	// those stage_keys marks new or changed.
	events, actors := `FROM stage_events s`, `FROM stage_actors a`
	if keys {
		events += ` JOIN stage_keys k ON k.seq = s.seq WHERE k.class IN (` + strconv.Itoa(classNew) + `, ` + strconv.Itoa(classChanged) + `)`
		actors += ` JOIN stage_keys k ON k.seq = a.seq WHERE k.class IN (` + strconv.Itoa(classNew) + `, ` + strconv.Itoa(classChanged) + `)`
	}
	// A changed event is deleted and inserted again, with its actors: in
	// DuckDB an UPDATE of every column keeps the new values in memory until
	// the commit, while an insert spills.
	if sum.Updated > 0 {
		for _, table := range []string{"event_actors", "events"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` USING stage_keys k
				WHERE k.class = ? AND `+table+`.source = k.source AND `+table+`.source_id = k.source_id`, classChanged); err != nil {
				return fmt.Errorf("remove the old versions of changed events (%s): %w", table, err)
			}
		}
	}
	db.mark("insert")
	if sum.Added+sum.Updated > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (`+strings.Join(eventColumns, ", ")+`, file_id, line)
			SELECT s.`+strings.Join(eventColumns, ", s.")+`, ?, s.line `+events, fileID); err != nil {
			return fmt.Errorf("insert new and changed events: %w", err)
		}
		db.mark("insert actors")
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_actors (source, source_id, `+strings.Join(actorColumns, ", ")+`)
			SELECT a.source, a.source_id, a.`+strings.Join(actorColumns, ", a.")+` `+actors); err != nil {
			return fmt.Errorf("insert actors: %w", err)
		}
	}
	db.mark("commit")
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// classify sets the counts of sum and reports whether it built stage_keys,
// which classifies the last staged row of each key. It does not when every
// staged event is new and its key unique — no event's source has stored
// events and no two staged keys have the same hash —: then there is
// nothing to compare.
func (db *DB) classify(ctx context.Context, tx *sql.Tx, w *writer, sum *dossier.ImportSummary) (bool, error) {
	if !w.someStored {
		var repeated int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) - count(DISTINCT hash(source, source_id)) FROM stage_events`).Scan(&repeated); err != nil {
			return false, fmt.Errorf("compare staged events: %w", err)
		}
		if repeated == 0 {
			sum.Added = int(w.seq)
			return false, nil
		}
	}
	// The keys are compared in parts by a hash of the key, so that the
	// aggregate and the join of each part fit in memory whatever the size
	// of the file and of the database.
	parts := max(1, (w.seq+db.compareRows-1)/db.compareRows)
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE stage_keys
		(source TEXT, source_id TEXT, seq BIGINT, n BIGINT, class INTEGER)`); err != nil {
		return false, fmt.Errorf("compare with stored events: %w", err)
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
			return false, fmt.Errorf("compare with stored events: %w", err)
		}
	}
	var keys, rows, added, updated, unchanged int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(n), 0),
			coalesce(sum(CASE WHEN class = ? THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN class = ? THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN class = ? THEN 1 ELSE 0 END), 0)
		FROM stage_keys`, classNew, classChanged, classUnchanged).Scan(&keys, &rows, &added, &updated, &unchanged); err != nil {
		return false, fmt.Errorf("count staged events: %w", err)
	}
	if rows != w.seq {
		return false, fmt.Errorf("staged %d events of %d written", rows, w.seq)
	}
	sum.Added, sum.Updated, sum.Unchanged = int(added), int(updated), int(unchanged)
	sum.Duplicates = int(rows - keys)
	return true, nil
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
// Write checks and encodes an event into row values; a goroutine of its
// own hands the rows to the appenders, so that DuckDB's work on them
// overlaps with the encoding of the next events.
type writer struct {
	ctx  context.Context
	file string
	seq  int64 // events staged so far

	// stored are the sources with stored events; someStored tells whether
	// an event of one of them was staged. When none was, the staged
	// events can only repeat each other.
	stored     map[dossier.Source]bool
	someStored bool

	// The appenders; only the appending goroutine uses them until close.
	events, actors *duckdb.Appender

	cur     *rowBatch      // being filled by Write
	batches chan *rowBatch // to the appending goroutine
	free    chan *rowBatch // back from it
	done    chan struct{}  // closed when the appending goroutine ends
	errMu   sync.Mutex
	err     error // the first error of the appending goroutine

	// pending estimates the bytes the appenders hold: DuckDB's appender
	// buffers up to 204,800 rows outside its memory limit unless flushed.
	pending int
}

// rowBatch is a batch of rows for the appenders: row i is
// vals[ends[i-1]:ends[i]], for appender apps[i].
type rowBatch struct {
	vals  []driver.Value
	ends  []int
	apps  []*duckdb.Appender
	flush bool // flush the appenders after this batch
}

// Sizes of the hand-over from Write to the appending goroutine.
const (
	batchEvents = 256 // events in a batch
	batchQueue  = 4   // batches waiting
)

// flushBytes is how much text the appenders may hold before a flush.
const flushBytes = 8 << 20

// compareRows is the number of staged events compared with the database in
// one part (DB.compareRows).
const compareRows = 500_000

func newWriter(ctx context.Context, dc driver.Conn, file string, stored map[dossier.Source]bool) (*writer, error) {
	w := &writer{ctx: ctx, file: file, stored: stored,
		batches: make(chan *rowBatch, batchQueue), free: make(chan *rowBatch, batchQueue+2), done: make(chan struct{})}
	var err error
	if w.events, err = duckdb.NewAppender(dc, "temp", "main", "stage_events"); err != nil {
		return nil, fmt.Errorf("stage events: %w", err)
	}
	if w.actors, err = duckdb.NewAppender(dc, "temp", "main", "stage_actors"); err != nil {
		w.events.Close()
		return nil, fmt.Errorf("stage actors: %w", err)
	}
	for range batchQueue + 2 {
		w.free <- &rowBatch{}
	}
	w.cur = <-w.free
	go w.appendRows()
	return w, nil
}

// appendRows hands the rows of each batch to their appenders until the
// batches channel closes; after an error it only recycles the batches.
func (w *writer) appendRows() {
	defer close(w.done)
	for b := range w.batches {
		if w.failed() == nil {
			if err := w.appendBatch(b); err != nil {
				w.errMu.Lock()
				w.err = err
				w.errMu.Unlock()
			}
		}
		clear(b.vals) // let the events' text go
		b.vals, b.ends, b.apps, b.flush = b.vals[:0], b.ends[:0], b.apps[:0], false
		w.free <- b
	}
}

func (w *writer) appendBatch(b *rowBatch) error {
	start := 0
	for i, end := range b.ends {
		if err := b.apps[i].AppendRow(b.vals[start:end]...); err != nil {
			return fmt.Errorf("stage events: %w", err)
		}
		start = end
	}
	if b.flush {
		if err := w.events.Flush(); err != nil {
			return fmt.Errorf("stage events: %w", err)
		}
		if err := w.actors.Flush(); err != nil {
			return fmt.Errorf("stage actors: %w", err)
		}
	}
	return nil
}

// failed returns the appending goroutine's error, if any.
func (w *writer) failed() error {
	w.errMu.Lock()
	defer w.errMu.Unlock()
	return w.err
}

// send hands the current batch to the appending goroutine.
func (w *writer) send() error {
	if err := w.failed(); err != nil {
		return err
	}
	if w.pending >= flushBytes {
		w.pending, w.cur.flush = 0, true
	}
	w.batches <- w.cur
	w.cur = <-w.free
	return nil
}

// close hands over the last rows, waits for the appending goroutine, and
// flushes and closes the appenders; after a failed fill it discards what
// they hold.
func (w *writer) close(discard bool) error {
	var errs []error
	if !discard && len(w.cur.ends) > 0 {
		errs = append(errs, w.send())
	}
	close(w.batches)
	<-w.done
	errs = append(errs, w.failed())
	for _, a := range []*duckdb.Appender{w.events, w.actors} {
		if discard || w.failed() != nil {
			a.Clear()
		}
		errs = append(errs, a.Close())
	}
	return errors.Join(errs...)
}

// Write stages one event. See DB.Import for the errors it returns; an
// error of the store may come from a later Write than that of the event it
// concerns, or from close.
func (w *writer) Write(e *dossier.Event) error {
	return w.WriteFingerprinted(e, "")
}

// WriteFingerprinted is Write for an event whose fingerprint fp the caller
// computed (dossier.FingerprintWriter); "" computes it.
func (w *writer) WriteFingerprinted(e *dossier.Event, fp string) error {
	if w.seq%1024 == 0 {
		if err := w.ctx.Err(); err != nil {
			return err
		}
	}
	if err := w.check(e); err != nil {
		return err
	}
	details := jsonObject(e.Details)
	if fp == "" {
		fp = e.Fingerprint()
	}
	if w.stored[e.Source] {
		w.someStored = true
	}
	seq := w.seq + 1
	b := w.cur
	b.vals = append(appendEvent(append(b.vals, seq), e, details, fp), int64(e.Line))
	b.ends = append(b.ends, len(b.vals))
	b.apps = append(b.apps, w.events)
	for i, a := range e.Actors {
		var conf any
		if a.GroupID != "" || a.Confidence != 0 {
			conf = a.Confidence
		}
		b.vals = append(b.vals, seq, string(e.Source), e.SourceID, int32(i), string(a.Role), a.Name, a.Uncertain,
			text(a.GroupID), conf, text(a.Rule))
		b.ends = append(b.ends, len(b.vals))
		b.apps = append(b.apps, w.actors)
	}
	w.seq = seq
	w.pending += len(e.Raw) + len(e.Summary) + len(eventColumns)*8 + 64*len(e.Actors)
	if d, ok := details.(string); ok {
		w.pending += len(d)
	}
	if w.seq%batchEvents == 0 {
		return w.send()
	}
	return nil
}

// appendEvent appends the values of eventColumns for e to vals; details
// is e's Details as jsonObject encodes them, fp its fingerprint.
func appendEvent(vals []driver.Value, e *dossier.Event, details any, fp string) []driver.Value {
	return append(vals,
		string(e.Source), e.SourceID, text(e.SourceVersion), text(e.Licence),
		day(e.Date), day(e.DateEnd), text(string(e.DatePrecision)),
		text(e.Country), text(e.CountryName), text(e.Admin1), text(e.Admin2), text(e.Place),
		float(e.Latitude), float(e.Longitude), text(e.GeoPrecision),
		text(string(e.Type)), text(e.SourceType), text(e.SourceSubtype), jsonList(e.TargetCategories),
		integer(e.Fatalities), integer(e.FatalitiesLow), integer(e.FatalitiesHigh), integer(e.Injuries), integer(e.Hostages),
		boolean(e.Suicide), boolean(e.Claimed), boolean(e.Success), boolean(e.Doubtful),
		text(e.Summary), jsonList(e.Citations), details, e.Raw, fp)
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
	n := 2
	for _, v := range l {
		n += len(v) + 3
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('[')
	for i, v := range l {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, string(v))
	}
	b.WriteByte(']')
	return b.String()
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
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, k)
		b.WriteByte(':')
		writeJSONString(&b, m[k])
	}
	b.WriteByte('}')
	return b.String()
}

// writeJSONString writes s, valid UTF-8, as a JSON string.
func writeJSONString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// mark tells the phase hook, if any, that an import enters phase p.
func (db *DB) mark(p string) {
	if db.phase != nil {
		db.phase(p)
	}
}
