package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"dossier"
)

// The rules of what counts as an attack (metrics.IsAttack) and as a
// country's incident (metrics.IsIncident), written in SQL so that totals
// over millions of events are computed where they are stored. Tests
// compare these totals with the metrics package's on the same events.

// sqlList is a SQL list of string literals.
func sqlList[T ~string](vals ...T) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = "'" + strings.ReplaceAll(string(v), "'", "''") + "'"
	}
	return "(" + strings.Join(q, ", ") + ")"
}

var (
	// acledAttackTypes are the ACLED event types (as mapped by package
	// acled) a group's perpetrator or associated actor commits as attacks.
	acledAttackTypes = sqlList(dossier.TypeArmedAssault, dossier.TypeKidnapping, dossier.TypeSexualViolence,
		dossier.TypeBombing, dossier.TypeRemoteViolence, dossier.TypeAssassination,
		dossier.TypeOneSidedViolence, dossier.TypeAttack)
	// acledIncidentTypes are the ACLED event types that are incidents of
	// their country: violence against civilians, explosions/remote
	// violence.
	acledIncidentTypes = sqlList(dossier.TypeArmedAssault, dossier.TypeKidnapping, dossier.TypeSexualViolence,
		dossier.TypeBombing, dossier.TypeRemoteViolence)
	// notViolent are the event types that are never attacks.
	notViolent = sqlList(dossier.TypeProtest, dossier.TypeRiot, dossier.TypeStrategic, dossier.TypeOther)
	perpRoles  = sqlList(dossier.RolePerpetrator, dossier.RoleAssociated)
)

// violentType is the condition that event ev's type can be an attack.
const violentTypeFmt = `(%[1]s.event_type IS NOT NULL AND %[1]s.event_type NOT IN %[2]s)`

func violentType(ev string) string { return fmt.Sprintf(violentTypeFmt, ev, notViolent) }

// ucdpTypeExpr is the UCDP GED type of violence of event ev (1, 2, 3; 0
// unknown), as metrics reads it.
func ucdpTypeExpr(ev string) string {
	return `CASE
		WHEN lower(trim(` + ev + `.source_type)) IN ('state-based', '1', 'state-based conflict', 'state-based violence') THEN 1
		WHEN lower(trim(` + ev + `.source_type)) IN ('non-state', '2', 'non-state conflict', 'non-state violence') THEN 2
		WHEN lower(trim(` + ev + `.source_type)) IN ('one-sided', '3', 'one-sided violence') THEN 3
		ELSE coalesce(TRY_CAST(json_extract_string(` + ev + `.details, '$.type_of_violence') AS INTEGER), 0) END`
}

// attackFilter builds the conditions f puts on events ev, with their args.
func attackFilter(f dossier.AttackFilter, ev string) (string, []any, error) {
	if !f.From.IsZero() && !f.To.IsZero() && day(f.To).(time.Time).Before(day(f.From).(time.Time)) {
		return "", nil, &dossier.Error{Code: dossier.EInvalid,
			Message: fmt.Sprintf("date range from %s to %s ends before it starts", f.From.Format(time.DateOnly), f.To.Format(time.DateOnly)),
			Hint:    "swap the dates"}
	}
	conds := []string{ev + ".date_start IS NOT NULL"}
	var args []any
	in := func(col string, not bool, vals []string) {
		op := " IN "
		if not {
			op = " NOT IN "
		}
		conds = append(conds, col+op+"(?"+strings.Repeat(", ?", len(vals)-1)+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	sources := func(ss []dossier.Source) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = string(s)
		}
		return out
	}
	if len(f.Sources) > 0 {
		in(ev+".source", false, sources(f.Sources))
	}
	if len(f.ExcludeSources) > 0 {
		in(ev+".source", true, sources(f.ExcludeSources))
	}
	if len(f.Countries) > 0 {
		c := make([]string, len(f.Countries))
		for i, v := range f.Countries {
			c[i] = strings.ToUpper(strings.TrimSpace(v))
		}
		in(ev+".country", false, c)
	}
	if !f.From.IsZero() {
		conds = append(conds, ev+".date_start >= ?")
		args = append(args, day(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, ev+".date_start <= ?")
		args = append(args, day(f.To))
	}
	if f.ExcludeDoubtful {
		conds = append(conds, "NOT coalesce("+ev+".doubtful, false)")
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// buildAttackFactsSQL fills attack_facts from events, their actors and
// their resolutions. %[1]s are the perpetrator roles, %[2]s the ACLED
// attack types, %[3]s the condition that event e's type is violent, %[4]s
// the resolution join of actor a of event e, %[5]s the GED type of
// violence of e.
//
// It runs as statements, through a temporary table: fact_groups holds
// the actors of each event summed up per group they resolved to (NULL:
// none), from first: the first actor name of each UCDP event, for the
// GED's side A, and act: every actor of every event, once per resolved part, with the
// group it resolved to, its confidence, whether it is an uncertain
// attribution, and whether the provider's rule makes the event the
// actor's attack (metrics' actorCounts). The attacks of groups come from
// it, and fl, per event, says what metrics' unattributed rule needs.
var buildAttackFactsSQL = []string{`CREATE OR REPLACE TEMP TABLE fact_groups AS
WITH first AS (
	SELECT a.source, a.source_id, arg_min(a.name, a.ord) AS name, min(a.name) = max(a.name) AS one_name
	FROM event_actors a WHERE a.source = 'ucdp'
	GROUP BY a.source, a.source_id
), act AS (
	SELECT e.rowid AS rid, a.role IN %[1]s AS perp,
		` + actorGroupID + ` AS group_id,
		coalesce(` + actorConfidence + `, 0) AS confidence,
		` + actorUncertain + ` AS uncertain,
		CASE
		WHEN e.source = 'gtd' THEN a.role IN %[1]s
		WHEN e.source = 'acled' THEN CASE
			WHEN e.event_type = 'battle' THEN a.role = 'perpetrator'
			WHEN e.event_type IN %[2]s THEN a.role IN %[1]s
			ELSE false END
		WHEN e.source = 'ucdp' THEN a.role = 'perpetrator' AND (%[5]s <> 1 OR CASE
			WHEN json_extract_string(e.details, '$.side_a') IS NOT NULL
				THEN lower(trim(json_extract_string(e.details, '$.side_a'))) <> lower(trim(a.name))
			WHEN lower(trim(json_extract_string(e.details, '$.side_b'))) = lower(trim(a.name)) THEN true
			WHEN starts_with(lower(trim(a.name)), 'government of') THEN false
			WHEN a.name <> f.name THEN true
			ELSE f.one_name END)
		ELSE a.role IN %[1]s AND %[3]s
		END AS counts
	FROM events e JOIN event_actors a ON a.source = e.source AND a.source_id = e.source_id
	%[4]s
	LEFT JOIN first f ON f.source = e.source AND f.source_id = e.source_id
	WHERE e.rowid BETWEEN ? AND ?
)
SELECT rid, group_id, bool_or(counts) AS counts, bool_or(perp) AS perp,
	max(confidence) FILTER (WHERE counts AND NOT uncertain) AS certain_conf
FROM act GROUP BY rid, group_id`,
	`INSERT INTO attack_facts
SELECT e.source, e.source_id, g.group_id, e.country, e.date_start, e.doubtful, g.counts, g.perp, g.certain_conf,
	e.fatalities, e.injuries, e.hostages
FROM temp.fact_groups g JOIN events e ON e.rowid = g.rid
WHERE g.group_id IS NOT NULL`,
	`INSERT INTO attack_facts
WITH fl AS (
	SELECT rid, bool_or(group_id IS NOT NULL AND perp) AS has_group,
		bool_or(counts) AS any_counts, bool_or(perp) AS has_perp
	FROM temp.fact_groups GROUP BY rid
)
SELECT e.source, e.source_id, NULL, e.country, e.date_start, e.doubtful, true, false, 1e9,
	e.fatalities, e.injuries, e.hostages
FROM events e LEFT JOIN fl ON fl.rid = e.rowid
WHERE e.rowid BETWEEN ? AND ? AND NOT coalesce(fl.has_group, false) AND (coalesce(fl.any_counts, false)
	OR (NOT coalesce(fl.has_perp, false) AND (e.source = 'gtd' OR (e.source NOT IN ('acled', 'ucdp') AND %[3]s))))`,
	`DROP TABLE temp.fact_groups`,
}

// buildIncidentFactsSQL fills incident_facts: metrics.IsIncident in SQL.
// %[1]s are the ACLED incident types, %[2]s the GED type of violence of
// event e, %[3]s the condition that e's type is violent.
const buildIncidentFactsSQL = `INSERT INTO incident_facts
SELECT e.source, e.source_id, e.country, e.date_start, e.doubtful, e.fatalities, e.injuries, e.hostages
FROM (SELECT e.*, CASE WHEN e.source = 'acled' THEN lower(json_extract_string(e.details, '$.inter1')) END AS inter1
	FROM events e WHERE e.date_start IS NOT NULL AND e.country IS NOT NULL) e
WHERE CASE
	WHEN e.source = 'gtd' THEN true
	WHEN e.source = 'acled' THEN e.event_type IN %[1]s
		AND coalesce(trim(e.inter1), '') NOT IN ('1', '1.0', '8', '8.0')
		AND NOT starts_with(coalesce(e.inter1, ''), 'state forces')
		AND NOT starts_with(coalesce(e.inter1, ''), 'external')
	WHEN e.source = 'ucdp' THEN %[2]s = 3 AND (e.source, e.source_id) NOT IN (SELECT (a.source, a.source_id) FROM event_actors a
		WHERE a.source = 'ucdp' AND a.role = 'perpetrator' AND starts_with(lower(a.name), 'government of'))
	ELSE %[3]s END`

// factsStampSQL sums up what the derived facts are built from: the
// imports, the events, the resolutions and the registry. When it differs
// from the stamp stored with the facts, they are out of date.
const factsStampSQL = `SELECT concat_ws('|',
	(SELECT count(*) || '/' || coalesce(CAST(max(imported_at) AS VARCHAR), '') FROM import_files),
	(SELECT count(*) FROM events),
	(SELECT count(*) FROM resolutions),
	(SELECT coalesce(string_agg(origin || ':' || hash || ':' || CAST(synced_at AS VARCHAR), ',' ORDER BY origin), '') FROM registry_origins))`

// factRows is the number of stored events (by rowid) whose facts are
// derived by one statement.
const factRows = 1_000_000

// RefreshFacts rebuilds the attack and incident facts that AttackTotals
// and IncidentTotals read, unless they are up to date with the events,
// resolutions and registry. Reads refresh them when needed; calling it
// after an import moves that work out of the first read.
func (db *DB) RefreshFacts(ctx context.Context) error {
	if db.readOnly {
		return nil
	}
	db.factsMu.Lock()
	defer db.factsMu.Unlock()
	if _, fresh, err := db.factsFresh(ctx); err != nil || fresh {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("derive attacks in %s: %w", db.path, err)
	}
	defer tx.Rollback()
	var stamp string
	if err := tx.QueryRowContext(ctx, factsStampSQL).Scan(&stamp); err != nil {
		return fmt.Errorf("derive attacks in %s: %w", db.path, err)
	}
	var last sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(rowid) FROM events`).Scan(&last); err != nil {
		return fmt.Errorf("derive attacks in %s: %w", db.path, err)
	}
	exec := func(q string, args ...any) error {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("derive attacks in %s: %w", db.path, err)
		}
		return nil
	}
	for _, q := range []string{`DELETE FROM attack_facts`, `DELETE FROM incident_facts`, `DELETE FROM derived_state WHERE name = 'facts'`} {
		if err := exec(q); err != nil {
			return err
		}
	}
	// A part of the events at a time: the memory a part takes is bounded.
	for lo := int64(0); last.Valid && lo <= last.Int64; lo += factRows {
		for _, q := range buildAttackFactsSQL {
			if strings.Contains(q, "%[") {
				q = fmt.Sprintf(q, perpRoles, acledAttackTypes, violentType("e"), resolutionJoin("e"), ucdpTypeExpr("e"))
			}
			if err := exec(q, slices.Repeat([]any{lo, lo + factRows - 1}, strings.Count(q, "?")/2)...); err != nil {
				return err
			}
		}
	}
	if err := exec(fmt.Sprintf(buildIncidentFactsSQL, acledIncidentTypes, ucdpTypeExpr("e"), violentType("e"))); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO derived_state (name, stamp) VALUES ('facts', ?)`, stamp); err != nil {
		return fmt.Errorf("derive attacks in %s: %w", db.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("derive attacks in %s: %w", db.path, err)
	}
	return nil
}

// factsFresh reports whether the derived facts are up to date, with the
// current stamp.
func (db *DB) factsFresh(ctx context.Context) (string, bool, error) {
	var stamp string
	var stored sql.NullString
	err := db.sql.QueryRowContext(ctx, `SELECT (`+factsStampSQL+`), (SELECT max(stamp) FROM derived_state WHERE name = 'facts')`).Scan(&stamp, &stored)
	if err != nil {
		return "", false, fmt.Errorf("check derived attacks in %s: %w", db.path, err)
	}
	return stamp, stored.Valid && stored.String == stamp, nil
}

// facts makes sure the derived facts are up to date before a read. A
// database open read-only cannot rebuild them: a read of out-of-date facts
// is an error saying what to do.
func (db *DB) facts(ctx context.Context) error {
	if !db.readOnly {
		return db.RefreshFacts(ctx)
	}
	_, fresh, err := db.factsFresh(ctx)
	if err != nil || fresh {
		return err
	}
	return &dossier.Error{Code: dossier.EConflict,
		Message: fmt.Sprintf("the attack totals of %s are out of date and the database is open read-only", db.path),
		Hint:    "open the database once for writing (for example run `dossier rank` without another process holding it) to bring them up to date"}
}

// certainExpr is the condition that an attack fact is a certain
// attribution under a minimum confidence (the placeholder).
const certainExpr = `(f.certain_conf IS NOT NULL AND (CAST(? AS DOUBLE) <= 0 OR f.certain_conf >= ?))`

// AttackTotals returns the totals of every group's attacks matching f, per
// group, country, source and year, by the rules of metrics.IsAttack:
// an event counts once for each group it is an attack of, and an event no
// group is known for counts for GroupID "" when it would be an attack under
// its provider's rule. A range that ends before it starts is an EInvalid
// *dossier.Error.
func (db *DB) AttackTotals(ctx context.Context, f dossier.AttackFilter) ([]dossier.AttackTotal, error) {
	w, args, err := attackFilter(f, "f")
	if err != nil {
		return nil, err
	}
	if err := db.facts(ctx); err != nil {
		return nil, err
	}
	if f.CertainOnly {
		w += " AND " + certainExpr
		args = append(args, f.MinConfidence, f.MinConfidence)
	}
	args = append([]any{f.MinConfidence, f.MinConfidence}, args...)
	rows, err := db.sql.QueryContext(ctx, `SELECT coalesce(f.group_id, ''), coalesce(f.country, ''), f.source, year(f.date_start),
			count(*), count(*) FILTER (WHERE NOT `+certainExpr+`),
			coalesce(sum(f.fatalities), 0), coalesce(sum(f.injuries), 0), coalesce(sum(f.hostages), 0)
		FROM attack_facts f`+w+` AND f.counts
		GROUP BY ALL`, args...)
	if err != nil {
		return nil, fmt.Errorf("total attacks in %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []dossier.AttackTotal
	for rows.Next() {
		var (
			t                                   dossier.AttackTotal
			src                                 string
			year, n, unc, deaths, inj, hostages int64
		)
		if err := rows.Scan(&t.GroupID, &t.Country, &src, &year, &n, &unc, &deaths, &inj, &hostages); err != nil {
			return nil, fmt.Errorf("total attacks in %s: %w", db.path, err)
		}
		t.Source, t.Year = dossier.Source(src), int(year)
		t.Attacks, t.Uncertain, t.Deaths, t.Injuries, t.Hostages = int(n), int(unc), int(deaths), int(inj), int(hostages)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("total attacks in %s: %w", db.path, err)
	}
	return out, nil
}

// IncidentTotals returns, per country and year, the incidents matching f
// by the rule of metrics.IsIncident, with their deaths (best estimates),
// injuries and hostages. Events without a country are left out. A range
// that ends before it starts is an EInvalid *dossier.Error.
func (db *DB) IncidentTotals(ctx context.Context, f dossier.AttackFilter) ([]dossier.IncidentTotal, error) {
	w, args, err := attackFilter(f, "f")
	if err != nil {
		return nil, err
	}
	if err := db.facts(ctx); err != nil {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT f.country, year(f.date_start),
			count(*), coalesce(sum(f.fatalities), 0), coalesce(sum(f.injuries), 0), coalesce(sum(f.hostages), 0)
		FROM incident_facts f`+w+`
		GROUP BY ALL`, args...)
	if err != nil {
		return nil, fmt.Errorf("total incidents in %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []dossier.IncidentTotal
	for rows.Next() {
		var (
			t                                   dossier.IncidentTotal
			year, n, deaths, injuries, hostages sql.NullInt64
		)
		if err := rows.Scan(&t.Country, &year, &n, &deaths, &injuries, &hostages); err != nil {
			return nil, fmt.Errorf("total incidents in %s: %w", db.path, err)
		}
		t.Year, t.Incidents = int(year.Int64), int(n.Int64)
		t.Deaths, t.Injuries, t.Hostages = int(deaths.Int64), int(injuries.Int64), int(hostages.Int64)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("total incidents in %s: %w", db.path, err)
	}
	return out, nil
}

var _ dossier.AttackStore = (*DB)(nil)
