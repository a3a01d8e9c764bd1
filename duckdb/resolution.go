package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"dossier"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Rules of resolve that name no armed group: such actors do not count as a
// named perpetrator.
const (
	ruleUnattributed = "unattributed"
	ruleGeneric      = "generic"
)

// resolutionJoin joins to actor a of event ev (a table alias of events)
// its resolutions r: those of its name in the event's country and on its
// start date, one row per part. A target, and an actor whose group its
// import set (curated events), joins none.
func resolutionJoin(ev string) string {
	return `LEFT JOIN resolutions r ON ` + resolutionOn + `
		AND r.country IS NOT DISTINCT FROM ` + ev + `.country AND r.date IS NOT DISTINCT FROM ` + ev + `.date_start`
}

// resolutionOn is the condition on the name of resolution r of actor a.
const resolutionOn = `r.name = CASE WHEN a.group_id IS NULL AND a.role IN ('perpetrator', 'associated') THEN a.name END`

// ActorOccurrences calls fn for each distinct perpetrator or associated
// actor name in its event context (the event's country and start date),
// with the number of events it occurs in, in no particular order. Actors
// whose group their import set (curated events) need no resolution and are
// left out. It stops at and returns the first error of fn.
func (db *DB) ActorOccurrences(ctx context.Context, fn func(dossier.ActorOccurrence) error) error {
	return db.actorOccurrences(ctx, false, fn)
}

// NewActorOccurrences calls fn, as ActorOccurrences does, for each
// occurrence that has no resolution row yet.
func (db *DB) NewActorOccurrences(ctx context.Context, fn func(dossier.ActorOccurrence) error) error {
	return db.actorOccurrences(ctx, true, fn)
}

// occurrencesQuery selects the distinct actor occurrences with their
// number of events; %s is a condition on occurrence o.
const occurrencesQuery = `SELECT name, country, date_start, count(*) FROM (
		SELECT DISTINCT a.source, a.source_id, a.name, e.country, e.date_start
		FROM event_actors a JOIN events e ON e.source = a.source AND e.source_id = a.source_id
		WHERE a.role IN ('perpetrator', 'associated') AND a.group_id IS NULL) o
	WHERE %s
	GROUP BY name, country, date_start`

func (db *DB) actorOccurrences(ctx context.Context, onlyNew bool, fn func(dossier.ActorOccurrence) error) error {
	cond := "TRUE"
	if onlyNew {
		cond = `NOT EXISTS (SELECT 1 FROM resolutions r WHERE r.name = o.name
			AND r.country IS NOT DISTINCT FROM o.country AND r.date IS NOT DISTINCT FROM o.date_start)`
	}
	rows, err := db.sql.QueryContext(ctx, fmt.Sprintf(occurrencesQuery, cond))
	if err != nil {
		return fmt.Errorf("read actors of %s: %w", db.path, err)
	}
	defer rows.Close()
	// Millions of occurrences share a few thousand names and countries:
	// the caller keeps them all, so each is kept once.
	interned := map[string]string{}
	intern := func(s string) string {
		if v, ok := interned[s]; ok {
			return v
		}
		if len(interned) < 1<<20 {
			interned[s] = s
		}
		return s
	}
	for rows.Next() {
		var (
			o    dossier.ActorOccurrence
			date nullDate
			n    int64
		)
		if err := rows.Scan(&o.Name, nullText{&o.Country}, &date, &n); err != nil {
			return fmt.Errorf("read actors of %s: %w", db.path, err)
		}
		o.Name, o.Country = intern(o.Name), intern(o.Country)
		o.Date, o.Events = date.t, int(n)
		if err := fn(o); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read actors of %s: %w", db.path, err)
	}
	return nil
}

// nullDate scans a nullable DATE, NULL as the zero time, a date as UTC
// midnight.
type nullDate struct{ t time.Time }

func (d *nullDate) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		d.t = time.Time{}
	case time.Time:
		d.t = x.UTC()
	default:
		return fmt.Errorf("date column holds %T", v)
	}
	return nil
}

// ReplaceResolutions replaces all resolutions with those fill writes, in
// one transaction: if fill or the store fails, the old resolutions stay.
// The resolutions are appended to a staging table first, so that millions
// of them take seconds. Write returns an EInvalid *dossier.Error for a
// resolution the store cannot keep (text that is not valid UTF-8, a
// negative part); ReplaceResolutions returns one when fill wrote the same
// (name, country, date, part) twice. EConflict for a read-only database.
func (db *DB) ReplaceResolutions(ctx context.Context, fill func(write func(dossier.Resolution) error) error) error {
	return db.writeResolutions(ctx, "store resolutions", fill, `DELETE FROM resolutions;
		INSERT INTO resolutions SELECT * FROM stage_resolutions`)
}

// AddResolutions adds the resolutions fill writes to the stored ones, in
// one transaction, as ReplaceResolutions does but keeping the others. What
// fill writes for an occurrence (name, country, date) that has resolutions
// already is skipped. It returns the errors of ReplaceResolutions.
func (db *DB) AddResolutions(ctx context.Context, fill func(write func(dossier.Resolution) error) error) error {
	return db.writeResolutions(ctx, "add resolutions", fill, `INSERT INTO resolutions
		SELECT s.* FROM stage_resolutions s
		WHERE NOT EXISTS (SELECT 1 FROM resolutions r WHERE r.name = s.name
			AND r.country IS NOT DISTINCT FROM s.country AND r.date IS NOT DISTINCT FROM s.date)`)
}

// writeResolutions stages the resolutions fill writes, checks them, and
// runs apply, which moves them from stage_resolutions to resolutions, in
// one transaction.
func (db *DB) writeResolutions(ctx context.Context, op string, fill func(write func(dossier.Resolution) error) error, apply string) error {
	if db.readOnly {
		return db.readOnlyError(op)
	}
	db.importMu.Lock()
	defer db.importMu.Unlock()
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("%s in %s: %w", op, db.path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE stage_resolutions AS SELECT * FROM resolutions LIMIT 0`); err != nil {
		return fmt.Errorf("%s in %s: create staging table: %w", op, db.path, err)
	}
	defer conn.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.stage_resolutions`)

	written := 0
	err = conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppender(dc.(driver.Conn), "temp", "main", "stage_resolutions")
		if err != nil {
			return fmt.Errorf("stage resolutions: %w", err)
		}
		write := func(r dossier.Resolution) error {
			if written%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			for _, s := range []string{r.Name, r.Country, r.GroupID, r.Rule} {
				if !utf8.ValidString(s) {
					return &dossier.Error{Code: dossier.EInvalid,
						Message: fmt.Sprintf("%s: resolution of %q: text is not valid UTF-8", op, r.Name),
						Hint:    "resolve names as the store returned them"}
				}
			}
			if r.Part < 0 {
				return &dossier.Error{Code: dossier.EInvalid,
					Message: fmt.Sprintf("%s: resolution of %q: part %d", op, r.Name, r.Part),
					Hint:    "number the parts of a name from 0"}
			}
			var gid any
			if r.GroupID != "" {
				gid = r.GroupID
			}
			written++
			return app.AppendRow(r.Name, text(r.Country), day(r.Date), int32(r.Part), gid, r.Confidence, r.Rule, r.Uncertain)
		}
		fillErr := fill(write)
		if fillErr != nil {
			app.Clear()
		}
		closeErr := app.Close()
		if fillErr != nil {
			return fillErr
		}
		if closeErr != nil {
			return fmt.Errorf("stage resolutions: %w", closeErr)
		}
		return nil
	})
	if err != nil {
		var de *dossier.Error
		if errors.As(err, &de) {
			return err
		}
		return fmt.Errorf("%s in %s: %w", op, db.path, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s in %s: %w", op, db.path, err)
	}

	var dup struct {
		name string
		part int64
		n    int64
	}
	err = conn.QueryRowContext(ctx, `SELECT name, part, count(*) FROM stage_resolutions
		GROUP BY name, country, date, part HAVING count(*) > 1 LIMIT 1`).Scan(&dup.name, &dup.part, &dup.n)
	switch {
	case err == nil:
		return &dossier.Error{Code: dossier.EInvalid,
			Message: fmt.Sprintf("%s: part %d of %q in one country and date written %d times", op, dup.part, dup.name, dup.n),
			Hint:    "resolve each distinct actor occurrence once"}
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("%s in %s: check staged resolutions: %w", op, db.path, err)
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s in %s: %w", op, db.path, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, apply); err != nil {
		return fmt.Errorf("%s in %s: %w", op, db.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s in %s: commit: %w", op, db.path, err)
	}
	return nil
}

// Unresolved lists the perpetrator and associated actor names that
// resolved to no group in some event context, with the number of events
// of those contexts, most first (ties by name); names whose every part is
// unattributed or generic are left out, and so are names not resolved
// yet. limit 0 means no limit; a negative limit is an EInvalid
// *dossier.Error.
func (db *DB) Unresolved(ctx context.Context, limit int) ([]dossier.NameCount, error) {
	if limit < 0 {
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("list unresolved names: negative limit %d", limit),
			Hint: "pass a limit of 0 or more (0: no limit)"}
	}
	lim := ""
	if limit > 0 {
		lim = fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := db.sql.QueryContext(ctx, `WITH occ AS (
			SELECT name, country, date FROM resolutions
			GROUP BY name, country, date
			HAVING max(CASE WHEN group_id IS NOT NULL THEN 1 ELSE 0 END) = 0
			   AND max(CASE WHEN rule IN ('`+ruleUnattributed+`', '`+ruleGeneric+`') THEN 0 ELSE 1 END) = 1)
		SELECT name, count(*) AS n FROM (
			SELECT DISTINCT a.source, a.source_id, a.name
			FROM event_actors a
			JOIN events e ON e.source = a.source AND e.source_id = a.source_id
			JOIN occ o ON o.name = a.name AND o.country IS NOT DISTINCT FROM e.country AND o.date IS NOT DISTINCT FROM e.date_start
			WHERE a.role IN ('perpetrator', 'associated') AND a.group_id IS NULL) x
		GROUP BY name
		ORDER BY n DESC, name`+lim)
	if err != nil {
		return nil, fmt.Errorf("list unresolved names of %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []dossier.NameCount
	for rows.Next() {
		var (
			nc dossier.NameCount
			n  int64
		)
		if err := rows.Scan(&nc.Name, &n); err != nil {
			return nil, fmt.Errorf("list unresolved names of %s: %w", db.path, err)
		}
		nc.Events = int(n)
		out = append(out, nc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list unresolved names of %s: %w", db.path, err)
	}
	return out, nil
}

// ResolutionStats counts all events; the events with a perpetrator or
// associated actor that names someone (not unattributed or generic: an
// actor not resolved yet counts, and so does one whose group its import
// set, as for curated events); and the events with such an actor resolved
// to a group.
func (db *DB) ResolutionStats(ctx context.Context) (dossier.ResolutionStats, error) {
	var st dossier.ResolutionStats
	var events, named, resolved int64
	err := db.sql.QueryRowContext(ctx, `WITH ea AS (
			SELECT a.source, a.source_id,
				CASE WHEN a.group_id IS NOT NULL OR r.rule IS NULL THEN 1
				     WHEN r.rule IN ('`+ruleUnattributed+`', '`+ruleGeneric+`') THEN 0 ELSE 1 END AS named,
				CASE WHEN a.group_id IS NOT NULL OR r.group_id IS NOT NULL THEN 1 ELSE 0 END AS resolved
			FROM event_actors a
			JOIN events e ON e.source = a.source AND e.source_id = a.source_id
			`+resolutionJoin("e")+`
			WHERE a.role IN ('perpetrator', 'associated')),
		pe AS (SELECT max(named) AS named, max(resolved) AS resolved FROM ea GROUP BY source, source_id)
		SELECT (SELECT count(*) FROM events), coalesce(sum(named), 0), coalesce(sum(resolved), 0) FROM pe`).
		Scan(&events, &named, &resolved)
	if err != nil {
		return st, fmt.Errorf("count resolved events of %s: %w", db.path, err)
	}
	st.Events, st.WithActor, st.Resolved = int(events), int(named), int(resolved)
	return st, nil
}
