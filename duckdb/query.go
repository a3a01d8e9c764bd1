package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"dossier"
)

// actorsColumn is a correlated subquery giving the actors of event e as a
// DuckDB list of structs, in their order, each with the group it resolved
// to (see actorExprs): an actor whose name resolved in several parts
// appears once per part. (DuckDB allows the correlation with e in WHERE
// only, so the actors' event is joined again as ae.)
const actorsColumn = `(SELECT list({'name': a.name, 'role': a.role, 'uncertain': ` + actorUncertain + `,
		'group_id': ` + actorGroupID + `, 'confidence': ` + actorConfidence + `,
		'rule': ` + actorRule + `} ORDER BY a.ord, ` + actorPart + `)
	FROM event_actors a JOIN events ae ON ae.source = a.source AND ae.source_id = a.source_id
	LEFT JOIN resolutions r ON ` + resolutionOn + `
		AND r.country IS NOT DISTINCT FROM ae.country AND r.date IS NOT DISTINCT FROM ae.date_start
	WHERE a.source = e.source AND a.source_id = e.source_id)`

// The expressions of an actor a of an event and its resolutions r joined
// by resolutionJoin that give the actor's fields as read: the group,
// confidence and rule of the resolution when there is one, else those
// stored with the actor (set by its import, or NULL); uncertain when the
// provider or the resolution says so; the part of the name (0 when it did
// not resolve in parts).
const (
	actorUncertain  = "(a.uncertain OR coalesce(r.uncertain, false))"
	actorGroupID    = "CASE WHEN r.name IS NULL THEN a.group_id ELSE r.group_id END"
	actorConfidence = "CASE WHEN r.name IS NULL THEN a.confidence ELSE r.confidence END"
	actorRule       = "CASE WHEN r.name IS NULL THEN a.rule ELSE r.rule END"
	actorPart       = "coalesce(r.part, 0)"
)

// actorExprs are the expressions of actorColumns and part as read.
var actorExprs = map[string]string{
	"ord": "a.ord", "role": "a.role", "name": "a.name", "uncertain": actorUncertain,
	"group_id": actorGroupID, "confidence": actorConfidence, "rule": actorRule, "part": actorPart,
}

// eventOrder is the order of Events: by date, then key.
const eventOrder = "e.date_start, e.source, e.source_id"

// where builds the WHERE clause selecting the events of f from events e.
// With facts, the derived attack facts are up to date and serve the group
// filter.
func where(f dossier.EventFilter, facts bool) (string, []any, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return "", nil, &dossier.Error{Code: dossier.EInvalid,
			Message: fmt.Sprintf("negative limit (%d) or offset (%d)", f.Limit, f.Offset),
			Hint:    "pass a limit and offset of 0 or more (limit 0: no limit)"}
	}
	texts := append([]string{f.Perpetrator, f.GroupID}, f.Countries...)
	for _, src := range f.Sources {
		texts = append(texts, string(src))
	}
	for _, s := range texts {
		if !utf8.ValidString(s) {
			return "", nil, &dossier.Error{Code: dossier.EInvalid,
				Message: fmt.Sprintf("filter %q is not valid UTF-8", strings.ToValidUTF8(s, "\uFFFD")),
				Hint:    "give names, ids and country codes as UTF-8 text"}
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && day(f.To).(time.Time).Before(day(f.From).(time.Time)) {
		return "", nil, &dossier.Error{Code: dossier.EInvalid,
			Message: fmt.Sprintf("date range from %s to %s ends before it starts", f.From.Format(time.DateOnly), f.To.Format(time.DateOnly)),
			Hint:    "swap the dates"}
	}
	var conds []string
	var args []any
	in := func(col string, vals []string) {
		conds = append(conds, col+" IN (?"+strings.Repeat(", ?", len(vals)-1)+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	if len(f.Sources) > 0 {
		s := make([]string, len(f.Sources))
		for i, v := range f.Sources {
			s[i] = string(v)
		}
		in("e.source", s)
	}
	if len(f.Countries) > 0 {
		c := make([]string, len(f.Countries))
		for i, v := range f.Countries {
			c[i] = strings.ToUpper(strings.TrimSpace(v))
		}
		in("e.country", c)
	}
	// An event matches when [date_start, date_end] overlaps [From, To].
	if !f.From.IsZero() {
		conds = append(conds, "coalesce(e.date_end, e.date_start) >= ?")
		args = append(args, day(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "e.date_start <= ?")
		args = append(args, day(f.To))
	}
	const perp = `EXISTS (SELECT 1 FROM event_actors a WHERE a.source = e.source AND a.source_id = e.source_id
		AND a.role IN ('perpetrator', 'associated') AND `
	if f.Perpetrator != "" {
		conds = append(conds, perp+"strpos(lower(a.name), lower(?)) > 0)")
		args = append(args, f.Perpetrator)
	}
	if f.GroupID != "" && facts {
		conds = append(conds, `(e.source, e.source_id) IN (SELECT (f.source, f.source_id) FROM attack_facts f WHERE f.group_id = ? AND f.perp)`)
		args = append(args, f.GroupID)
	} else if f.GroupID != "" {
		// The group its import set, or the group of a resolution of its
		// name in the event's context. (Two EXISTS: one nested in the other
		// ran three times slower.)
		conds = append(conds, `(`+perp+`a.group_id = ?)
			OR EXISTS (SELECT 1 FROM event_actors a JOIN resolutions r ON r.name = a.name AND r.group_id = ?
				WHERE a.source = e.source AND a.source_id = e.source_id AND a.role IN ('perpetrator', 'associated')
				  AND a.group_id IS NULL AND r.country IS NOT DISTINCT FROM e.country AND r.date IS NOT DISTINCT FROM e.date_start))`)
		args = append(args, f.GroupID, f.GroupID)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// groupFacts brings the derived facts up to date for a read filtered by
// group, and reports whether they are: a database open read-only reads
// out-of-date facts by the slower filter on resolutions.
func (db *DB) groupFacts(ctx context.Context, f dossier.EventFilter) bool {
	return f.GroupID != "" && db.facts(ctx) == nil
}

// page is the LIMIT and OFFSET clause of f.
func page(f dossier.EventFilter) string {
	var s string
	if f.Limit > 0 {
		s += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	if f.Offset > 0 {
		s += fmt.Sprintf(" OFFSET %d", f.Offset)
	}
	return s
}

// eventBatch is about the number of events Events reads with one query.
// The driver materialises a query's whole result before the first row is
// read, so a read of millions of events goes batch by batch: memory stays
// bounded by the batch, however many events are read. It is a variable
// only so that tests can make batches of a few events.
var eventBatch = 25000

// eventKey is the position of an event in the order of Events.
type eventKey struct {
	date             sql.NullTime
	source, sourceID string
}

// after is the condition that event e comes after k in the order of
// Events (undated events last), with its args.
func (k eventKey) after() (string, []any) {
	tie := `(e.source > ? OR (e.source = ? AND e.source_id > ?))`
	if !k.date.Valid {
		return `(e.date_start IS NULL AND ` + tie + `)`, []any{k.source, k.source, k.sourceID}
	}
	return `(e.date_start > CAST(? AS DATE) OR e.date_start IS NULL OR (e.date_start = CAST(? AS DATE) AND ` + tie + `))`,
		[]any{k.date.Time, k.date.Time, k.source, k.source, k.sourceID}
}

// dayCount is the number of events of one start date (NULL: undated).
type dayCount struct {
	date sql.NullTime
	n    int
}

// Events calls fn for each event matching f, ordered by date (undated
// events last), then source and source id. It stops at and returns the
// first error of fn. A negative limit or offset, or a range that ends
// before it starts, is an EInvalid *dossier.Error.
//
// Events are read in batches of consecutive dates holding about
// eventBatch events (a date holding more is read eventBatch events at a
// time), each batch in a transaction of its own: an import that commits
// during a long read may show in its later batches.
func (db *DB) Events(ctx context.Context, f dossier.EventFilter, fn func(*dossier.Event) error) error {
	w, args, err := where(f, db.groupFacts(ctx, f))
	if err != nil {
		return err
	}
	if err := db.readEvents(ctx, f, w, args, fn); err != nil {
		var stop fnError
		if errors.As(err, &stop) {
			return stop.err
		}
		return fmt.Errorf("read events of %s: %w", db.path, err)
	}
	return nil
}

// fnError carries the error of Events' fn through readEvents.
type fnError struct{ err error }

func (e fnError) Error() string { return e.err.Error() }

func (db *DB) readEvents(ctx context.Context, f dossier.EventFilter, w string, args []any, fn func(*dossier.Event) error) error {
	eventBatch := eventBatch
	if f.NoRaw {
		// Events without their rows are small: batches can be larger.
		eventBatch *= 4
	}
	if f.Limit > 0 && f.Limit <= eventBatch {
		// A page: one batch.
		batch, err := db.eventBatch(ctx, w, args, "", nil, f.Offset, f.Limit, f.NoRaw)
		if err != nil {
			return err
		}
		for _, e := range batch {
			if err := fn(e.Event); err != nil {
				return fnError{err}
			}
		}
		return nil
	}
	days, err := db.dayCounts(ctx, w, args)
	if err != nil {
		return err
	}
	skip, left := f.Offset, f.Limit // left 0: no limit
	emit := func(batch []keyedEvent) error {
		for _, e := range batch {
			if err := fn(e.Event); err != nil {
				return fnError{err}
			}
		}
		if f.Limit > 0 {
			left -= len(batch)
		}
		return nil
	}
	for i := 0; i < len(days) && (f.Limit == 0 || left > 0); {
		if skip >= days[i].n {
			skip -= days[i].n
			i++
			continue
		}
		// Consecutive days holding at most eventBatch events, or one day.
		j, total := i+1, days[i].n
		for j < len(days) && total+days[j].n <= eventBatch {
			total += days[j].n
			j++
		}
		cond, condArgs := dayRange(days[i].date, days[j-1].date)
		if j > i+1 || total <= eventBatch {
			batch, err := db.eventBatch(ctx, w, args, cond, condArgs, skip, limitOf(f.Limit, left, 0), f.NoRaw)
			if err != nil {
				return err
			}
			if err := emit(batch); err != nil {
				return err
			}
		} else {
			// One day of many events: eventBatch at a time, by key.
			c, a := cond, condArgs
			for f.Limit == 0 || left > 0 {
				n := limitOf(f.Limit, left, eventBatch)
				batch, err := db.eventBatch(ctx, w, args, c, a, skip, n, f.NoRaw)
				if err != nil {
					return err
				}
				if err := emit(batch); err != nil {
					return err
				}
				if len(batch) < n {
					break
				}
				after, afterArgs := batch[len(batch)-1].key.after()
				c, a, skip = cond+" AND "+after, append(append([]any(nil), condArgs...), afterArgs...), 0
			}
		}
		skip = 0
		i = j
	}
	return nil
}

// limitOf is the LIMIT of a batch: at most batch events (0: any number),
// and no more than are left when the read has a limit.
func limitOf(limit, left, batch int) int {
	if limit > 0 && (batch == 0 || left < batch) {
		return left
	}
	return batch
}

// dayRange is the condition that an event starts between from and to
// (days of dayCounts, in order; NULL, undated, comes last).
func dayRange(from, to sql.NullTime) (string, []any) {
	switch {
	case !from.Valid:
		return "e.date_start IS NULL", nil
	case !to.Valid:
		return "(e.date_start >= CAST(? AS DATE) OR e.date_start IS NULL)", []any{from.Time}
	}
	return "e.date_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)", []any{from.Time, to.Time}
}

// dayCounts counts the events matching where by start date, in order,
// undated last.
func (db *DB) dayCounts(ctx context.Context, where string, args []any) ([]dayCount, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT e.date_start, count(*) FROM events e`+where+`
		GROUP BY e.date_start ORDER BY e.date_start NULLS LAST`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dayCount
	for rows.Next() {
		var (
			d dayCount
			n int64
		)
		if err := rows.Scan(&d.date, &n); err != nil {
			return nil, err
		}
		d.n = int(n)
		out = append(out, d)
	}
	return out, rows.Err()
}

// keyedEvent is an event read with its key and the id of its import
// record.
type keyedEvent struct {
	*dossier.Event
	key    eventKey
	fileID int64
}

// eventBatch reads the events matching where (with args) and cond (with
// condArgs; "" for none) in the order of Events, skipping offset and at most limit of
// them (0: all), with their actors: the actors first, then the events, in
// one transaction, so that both see the same state of the database. With
// noRaw, the events' Raw is left empty.
func (db *DB) eventBatch(ctx context.Context, where string, args []any, cond string, condArgs []any, offset, limit int, noRaw bool) ([]keyedEvent, error) {
	switch {
	case cond == "":
	case where == "":
		where = " WHERE " + cond
	default:
		where += " AND " + cond
	}
	args = append(append([]any(nil), args...), condArgs...)
	page := " ORDER BY " + eventOrder
	if limit > 0 {
		page += fmt.Sprintf(" LIMIT %d", limit)
	}
	if offset > 0 {
		page += fmt.Sprintf(" OFFSET %d", offset)
	}

	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	// The actors of the batch's events, each actor once per part of its
	// name, in order.
	var exprs []string
	for _, c := range append(actorColumns[:len(actorColumns):len(actorColumns)], "part") {
		exprs = append(exprs, actorExprs[c])
	}
	rows, err := tx.QueryContext(ctx, `WITH sel AS (SELECT e.source, e.source_id, e.country, e.date_start FROM events e`+where+page+`)
		SELECT e.source, e.source_id, `+strings.Join(exprs, ", ")+`
		FROM sel e JOIN event_actors a ON a.source = e.source AND a.source_id = e.source_id
		`+resolutionJoin("e")+`
		ORDER BY e.source, e.source_id, a.ord, part`, args...)
	if err != nil {
		return nil, err
	}
	actors := map[[2]string][]dossier.Actor{}
	var cur [2]string
	next := int64(0) // the ord of cur's next actor; its parts share its ord
	for rows.Next() {
		var (
			key           [2]string
			ord, part     int64
			role, name    string
			uncertain     bool
			groupID, rule sql.NullString
			confidence    sql.NullFloat64
		)
		if err := rows.Scan(&key[0], &key[1], &ord, &role, &name, &uncertain, &groupID, &confidence, &rule, &part); err != nil {
			rows.Close()
			return nil, err
		}
		if key != cur {
			cur, next = key, 0
		}
		if ord != next && (ord != next-1 || part == 0) {
			rows.Close()
			return nil, fmt.Errorf("actor %d of event %s:%s out of order", ord, key[0], key[1])
		}
		next = ord + 1
		actors[key] = append(actors[key], dossier.Actor{Name: name, Role: dossier.Role(role), Uncertain: uncertain,
			GroupID: groupID.String, Confidence: confidence.Float64, Rule: rule.String})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	cols := "e." + strings.Join(eventColumns, ", e.")
	if noRaw {
		cols = strings.Replace(cols, "e.raw,", "'' AS raw,", 1)
	}
	rows, err = tx.QueryContext(ctx, `SELECT `+cols+`, e.file_id, e.line
		FROM events e`+where+page, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []keyedEvent
	for rows.Next() {
		e, k, fileID, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		e.Actors = actors[[2]string{k.source, k.sourceID}]
		out = append(out, keyedEvent{e, k, fileID})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(out) > 0 {
		if err := db.fileNames(ctx, tx, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fileNames sets the File of each event from its import record.
func (db *DB) fileNames(ctx context.Context, tx *sql.Tx, events []keyedEvent) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM import_files`)
	if err != nil {
		return err
	}
	defer rows.Close()
	names := map[int64]string{}
	for rows.Next() {
		var (
			id   int64
			name string
		)
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		names[id] = name
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range events {
		e.File = names[e.fileID]
	}
	return nil
}

// CountEvents returns the number of events matching f, ignoring its limit
// and offset.
func (db *DB) CountEvents(ctx context.Context, f dossier.EventFilter) (int, error) {
	f.Limit, f.Offset = 0, 0
	w, args, err := where(f, db.groupFacts(ctx, f))
	if err != nil {
		return 0, err
	}
	var n int64
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM events e`+w, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count events of %s: %w", db.path, err)
	}
	return int(n), nil
}

// Event returns the event source:sourceID, or an ENotFound *dossier.Error.
func (db *DB) Event(ctx context.Context, source dossier.Source, sourceID string) (*dossier.Event, error) {
	batch, err := db.eventBatch(ctx, "", nil, "e.source = ? AND e.source_id = ?", []any{string(source), sourceID}, 0, 1, false)
	if err != nil {
		return nil, fmt.Errorf("read event %s:%s of %s: %w", source, sourceID, db.path, err)
	}
	if len(batch) == 0 {
		return nil, &dossier.Error{Code: dossier.ENotFound,
			Message: fmt.Sprintf("event %s:%s not found", source, sourceID),
			Hint:    "check the source and id, or import the file that holds the event"}
	}
	return batch[0].Event, nil
}

// scanEvent reads one event without its actors or its file name, its key
// and the id of its import record.
func scanEvent(rows *sql.Rows) (*dossier.Event, eventKey, int64, error) {
	var (
		source, sourceID, raw, fingerprint                   string
		version, licence, prec, country, countryName         sql.NullString
		admin1, admin2, place, geoPrec, typ, srcType, srcSub sql.NullString
		targets, summary, citations, details                 sql.NullString
		date, dateEnd                                        sql.NullTime
		lat, lon                                             sql.NullFloat64
		fat, fatLow, fatHigh, injuries, hostages             sql.NullInt64
		suicide, claimed, success, doubtful                  sql.NullBool
		fileID, line                                         int64
	)
	if err := rows.Scan(&source, &sourceID, &version, &licence, &date, &dateEnd, &prec,
		&country, &countryName, &admin1, &admin2, &place, &lat, &lon, &geoPrec,
		&typ, &srcType, &srcSub, &targets,
		&fat, &fatLow, &fatHigh, &injuries, &hostages,
		&suicide, &claimed, &success, &doubtful,
		&summary, &citations, &details, &raw, &fingerprint, &fileID, &line); err != nil {
		return nil, eventKey{}, 0, err
	}
	var e dossier.Event
	e.Source, e.SourceID = dossier.Source(source), sourceID
	e.SourceVersion, e.Licence = version.String, licence.String
	if date.Valid {
		e.Date = date.Time.UTC()
	}
	if dateEnd.Valid {
		e.DateEnd = dateEnd.Time.UTC()
	}
	e.DatePrecision = dossier.Precision(prec.String)
	e.Country, e.CountryName = country.String, countryName.String
	e.Admin1, e.Admin2, e.Place = admin1.String, admin2.String, place.String
	e.Latitude, e.Longitude = floatPtr(lat), floatPtr(lon)
	e.GeoPrecision = geoPrec.String
	e.Type, e.SourceType, e.SourceSubtype = dossier.EventType(typ.String), srcType.String, srcSub.String
	e.Fatalities, e.FatalitiesLow, e.FatalitiesHigh = intPtr(fat), intPtr(fatLow), intPtr(fatHigh)
	e.Injuries, e.Hostages = intPtr(injuries), intPtr(hostages)
	e.Suicide, e.Claimed, e.Success, e.Doubtful = boolPtr(suicide), boolPtr(claimed), boolPtr(success), boolPtr(doubtful)
	e.Summary = summary.String
	e.Raw = raw
	e.Line = int(line)
	for _, l := range []struct {
		col string
		v   sql.NullString
		dst any
	}{
		{"target_categories", targets, &e.TargetCategories},
		{"citations", citations, &e.Citations},
		{"details", details, &e.Details},
	} {
		if l.v.Valid {
			if err := json.Unmarshal([]byte(l.v.String), l.dst); err != nil {
				return nil, eventKey{}, 0, fmt.Errorf("event %s: %s: %w", e.Key(), l.col, err)
			}
		}
	}
	return &e, eventKey{date: date, source: source, sourceID: sourceID}, fileID, nil
}

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return dossier.Float(n.Float64)
}

func intPtr(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	return dossier.Int(int(n.Int64))
}

func boolPtr(n sql.NullBool) *bool {
	if !n.Valid {
		return nil
	}
	return dossier.Bool(n.Bool)
}

// Sources lists the imported files, most recently imported first, each
// with the number of events it last wrote (added, or changed last) and the
// first and last day of those events.
func (db *DB) Sources(ctx context.Context) ([]dossier.SourceFile, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT f.name, f.path, f.format, f.source, f.source_version, f.licence,
			f.sha256, f.size, f.header, f.imported_at, coalesce(c.n, 0), c.first_day, c.last_day
		FROM import_files f
		LEFT JOIN (SELECT file_id, count(*) AS n, min(date_start) AS first_day,
				max(coalesce(date_end, date_start)) AS last_day
			FROM events GROUP BY file_id) c ON c.file_id = f.id
		ORDER BY f.imported_at DESC, f.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list sources of %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []dossier.SourceFile
	for rows.Next() {
		var (
			s           dossier.SourceFile
			source      string
			header      string
			n           int64
			first, last sql.NullTime
		)
		if err := rows.Scan(&s.Name, &s.Path, &s.Format, &source, &s.SourceVersion, &s.Licence,
			&s.SHA256, &s.Size, &header, &s.ImportedAt, &n, &first, &last); err != nil {
			return nil, fmt.Errorf("list sources of %s: %w", db.path, err)
		}
		s.Source = dossier.Source(source)
		s.ImportedAt = s.ImportedAt.UTC()
		if err := json.Unmarshal([]byte(header), &s.Header); err != nil {
			return nil, fmt.Errorf("list sources of %s: header of %s: %w", db.path, s.Name, err)
		}
		if len(s.Header) == 0 {
			s.Header = nil
		}
		s.Events = int(n)
		if first.Valid {
			s.FirstDay = first.Time.UTC()
		}
		if last.Valid {
			s.LastDay = last.Time.UTC()
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sources of %s: %w", db.path, err)
	}
	return out, nil
}
