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
// DuckDB list of structs, in their order.
const actorsColumn = `(SELECT list({'name': a.name, 'role': a.role, 'uncertain': a.uncertain,
		'group_id': a.group_id, 'confidence': a.confidence, 'rule': a.rule} ORDER BY a.ord)
	FROM event_actors a WHERE a.source = e.source AND a.source_id = e.source_id)`

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
		conds = append(conds, perp+"a.group_id = ?)")
		args = append(args, f.GroupID)
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

// selectEvents returns the query of the events selected by where and
// page, with their actors: one row for each event (kind 0) followed by one
// row for each of its actors (kind 1, in their order). Every row starts
// with kind, then the columns of events and the file name and line, then
// actorColumns; the columns a row's kind does not use are NULL. This keeps
// the raw row out of the actors' rows, and the query portable.
func selectEvents(where string, page string) string {
	var ev, ac []string
	for _, c := range eventColumns {
		ev = append(ev, "sel."+c)
		switch c {
		case "source", "source_id", "date_start":
			ac = append(ac, "sel."+c)
		default:
			ac = append(ac, "NULL")
		}
	}
	ev = append(ev, "sel.file_name", "sel.line")
	ac = append(ac, "NULL", "NULL")
	for _, c := range actorColumns {
		ev = append(ev, "NULL AS "+c)
		ac = append(ac, "a."+c)
	}
	// The page is cut before the actors are joined.
	return `WITH sel AS (SELECT e.` + strings.Join(eventColumns, ", e.") + `, f.name AS file_name, e.line
			FROM events e LEFT JOIN import_files f ON f.id = e.file_id` + where + `
			ORDER BY ` + eventOrder + page + `)
		SELECT 0 AS kind, ` + strings.Join(ev, ", ") + ` FROM sel
		UNION ALL
		SELECT 1, ` + strings.Join(ac, ", ") + `
			FROM sel JOIN event_actors a ON a.source = sel.source AND a.source_id = sel.source_id
		ORDER BY date_start, source, source_id, kind, ord`
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
	err = db.events(ctx, selectEvents(w, page(f)), args, func(e *dossier.Event) error {
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
			cur = e
			continue
		}
		if cur == nil || a.ord != len(cur.Actors) {
			return fmt.Errorf("actor %d of an event out of order", a.ord)
		}
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
	err := db.events(ctx, selectEvents(" WHERE e.source = ? AND e.source_id = ?", ""),
		[]any{string(source), sourceID}, func(e *dossier.Event) error {
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
	ord int
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
		line, ord                                            sql.NullInt64
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
		&ord, &role, &name, &uncertain, &groupID, &confidence, &rule); err != nil {
		return nil, actor{}, err
	}
	if kind == 1 {
		return nil, actor{ord: int(ord.Int64), Actor: dossier.Actor{
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
