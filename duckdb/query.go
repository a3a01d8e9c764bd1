package duckdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

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
func where(f dossier.EventFilter) (string, []any, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return "", nil, &dossier.Error{Code: dossier.EInvalid,
			Message: fmt.Sprintf("negative limit (%d) or offset (%d)", f.Limit, f.Offset),
			Hint:    "pass a limit and offset of 0 or more (limit 0: no limit)"}
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
	if f.GroupID != "" {
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

// selectEvents returns the query of the events selected by where (with
// its args) and page, with their actors, and the query's args: one row for
// each event (kind 0) followed by one row for each of its actors (kind 1,
// in their order, and for an actor whose name resolved in several parts
// one row per part). Every row starts with kind, then the columns of
// events and the file name and line, then actorColumns and the part; the
// columns a row's kind does not use are NULL. This keeps the raw row out of
// the actors' rows, and the query portable.
//
// Without a page the where clause is applied in both branches; with one,
// the page's keys are selected first (and materialised: keys only, as a
// materialised CTE of whole events ran out of memory on large reads).
func selectEvents(where string, args []any, page string) (string, []any) {
	var ev, ac []string
	for _, c := range eventColumns {
		ev = append(ev, "e."+c)
		switch c {
		case "source", "source_id", "date_start":
			ac = append(ac, "e."+c)
		default:
			ac = append(ac, "NULL")
		}
	}
	ev = append(ev, "f.name AS file_name", "e.line")
	ac = append(ac, "NULL", "NULL")
	for _, c := range append(actorColumns[:len(actorColumns):len(actorColumns)], "part") {
		ev = append(ev, "NULL AS "+c)
		ac = append(ac, actorExprs[c])
	}
	const order = ` ORDER BY date_start, source, source_id, kind, ord, part`
	events := ` JOIN event_actors a ON a.source = e.source AND a.source_id = e.source_id ` + resolutionJoin("e")
	if page == "" {
		q := `SELECT 0 AS kind, ` + strings.Join(ev, ", ") + `
			FROM events e LEFT JOIN import_files f ON f.id = e.file_id` + where + `
			UNION ALL
			SELECT 1, ` + strings.Join(ac, ", ") + ` FROM events e` + events + where + order
		return q, append(append([]any(nil), args...), args...)
	}
	sel := ` JOIN events e ON e.source = sel.source AND e.source_id = sel.source_id`
	q := `WITH sel AS (SELECT e.source, e.source_id FROM events e` + where + ` ORDER BY ` + eventOrder + page + `)
		SELECT 0 AS kind, ` + strings.Join(ev, ", ") + `
			FROM sel` + sel + ` LEFT JOIN import_files f ON f.id = e.file_id
		UNION ALL
		SELECT 1, ` + strings.Join(ac, ", ") + ` FROM sel` + sel + events + order
	return q, args
}

// Events calls fn for each event matching f, ordered by date (undated
// events last), then source and source id. It stops at and returns the
// first error of fn. A negative limit or offset, or a range that ends
// before it starts, is an EInvalid *dossier.Error.
func (db *DB) Events(ctx context.Context, f dossier.EventFilter, fn func(*dossier.Event) error) error {
	w, args, err := where(f)
	if err != nil {
		return err
	}
	var stop error
	q, args := selectEvents(w, args, page(f))
	err = db.events(ctx, q, args, func(e *dossier.Event) error {
		stop = fn(e)
		return stop
	})
	switch {
	case stop != nil:
		return stop
	case err != nil:
		return fmt.Errorf("read events of %s: %w", db.path, err)
	}
	return nil
}

// events runs a query of selectEvents and calls fn for each event.
func (db *DB) events(ctx context.Context, q string, args []any, fn func(*dossier.Event) error) error {
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur *dossier.Event
	next := 0 // the ord of the next actor of cur
	for rows.Next() {
		e, a, err := scanRow(rows)
		if err != nil {
			return err
		}
		if e != nil {
			if cur != nil {
				if err := fn(cur); err != nil {
					return err
				}
			}
			cur, next = e, 0
			continue
		}
		// The parts of one actor share its ord.
		if cur == nil || (a.ord != next && a.ord != next-1) || (a.ord == next-1 && a.part == 0) {
			return fmt.Errorf("actor %d of an event out of order", a.ord)
		}
		next = a.ord + 1
		cur.Actors = append(cur.Actors, a.Actor)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if cur != nil {
		return fn(cur)
	}
	return nil
}

// CountEvents returns the number of events matching f, ignoring its limit
// and offset.
func (db *DB) CountEvents(ctx context.Context, f dossier.EventFilter) (int, error) {
	f.Limit, f.Offset = 0, 0
	w, args, err := where(f)
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
	var found *dossier.Event
	q, args := selectEvents(" WHERE e.source = ? AND e.source_id = ?", []any{string(source), sourceID}, "")
	err := db.events(ctx, q, args, func(e *dossier.Event) error {
		found = e
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read event %s:%s of %s: %w", source, sourceID, db.path, err)
	}
	if found == nil {
		return nil, &dossier.Error{Code: dossier.ENotFound,
			Message: fmt.Sprintf("event %s:%s not found", source, sourceID),
			Hint:    "check the source and id, or import the file that holds the event"}
	}
	return found, nil
}

// actor is an actor row of selectEvents.
type actor struct {
	dossier.Actor
	ord, part int
}

// scanRow reads one row of selectEvents: an event without its actors, or
// one actor.
func scanRow(rows *sql.Rows) (*dossier.Event, actor, error) {
	var (
		kind                                                 int
		source, sourceID, raw, fingerprint                   sql.NullString
		version, licence, prec, country, countryName         sql.NullString
		admin1, admin2, place, geoPrec, typ, srcType, srcSub sql.NullString
		targets, summary, citations, details, fileName       sql.NullString
		date, dateEnd                                        sql.NullTime
		lat, lon                                             sql.NullFloat64
		fat, fatLow, fatHigh, injuries, hostages             sql.NullInt64
		suicide, claimed, success, doubtful                  sql.NullBool
		line, ord, part                                      sql.NullInt64
		role, name, groupID, rule                            sql.NullString
		uncertain                                            sql.NullBool
		confidence                                           sql.NullFloat64
	)
	if err := rows.Scan(&kind, &source, &sourceID, &version, &licence, &date, &dateEnd, &prec,
		&country, &countryName, &admin1, &admin2, &place, &lat, &lon, &geoPrec,
		&typ, &srcType, &srcSub, &targets,
		&fat, &fatLow, &fatHigh, &injuries, &hostages,
		&suicide, &claimed, &success, &doubtful,
		&summary, &citations, &details, &raw, &fingerprint, &fileName, &line,
		&ord, &role, &name, &uncertain, &groupID, &confidence, &rule, &part); err != nil {
		return nil, actor{}, err
	}
	if kind == 1 {
		return nil, actor{ord: int(ord.Int64), part: int(part.Int64), Actor: dossier.Actor{
			Name: name.String, Role: dossier.Role(role.String), Uncertain: uncertain.Bool,
			GroupID: groupID.String, Confidence: confidence.Float64, Rule: rule.String,
		}}, nil
	}
	var e dossier.Event
	e.Source, e.SourceID = dossier.Source(source.String), sourceID.String
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
	e.Raw = raw.String
	e.File = fileName.String
	e.Line = int(line.Int64)
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
				return nil, actor{}, fmt.Errorf("event %s: %s: %w", e.Key(), l.col, err)
			}
		}
	}
	return &e, actor{}, nil
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
// with the number of events whose latest import came from it and the
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
