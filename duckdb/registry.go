package duckdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"dossier"
	"dossier/resolve"
)

var _ dossier.Registry = (*DB)(nil)

// origins are the origins of registry records, in order of precedence:
// where one group id exists in several, the first one's group row wins.
var origins = []string{dossier.OriginUser, dossier.OriginStarter, dossier.OriginUN, dossier.OriginOFAC}

// checkOrigin returns an EInvalid *dossier.Error for an origin the
// registry does not know.
func checkOrigin(op, origin string) error {
	for _, o := range origins {
		if o == origin {
			return nil
		}
	}
	return &dossier.Error{Code: dossier.EInvalid,
		Message: fmt.Sprintf("%s: unknown origin %q", op, origin),
		Hint:    "use one of " + strings.Join(origins, ", ")}
}

// scope is the set of origins a read covers, in order of precedence. Their
// names are fixed SQL-safe words, so they are written into queries as
// literals.
type scope []string

// newScope returns the scope of the given origins, all when none.
func newScope(op string, given []string) (scope, error) {
	if len(given) == 0 {
		return scope(origins), nil
	}
	want := map[string]bool{}
	for _, o := range given {
		if err := checkOrigin(op, o); err != nil {
			return nil, err
		}
		want[o] = true
	}
	var s scope
	for _, o := range origins {
		if want[o] {
			s = append(s, o)
		}
	}
	return s, nil
}

func (s scope) has(origin string) bool {
	for _, o := range s {
		if o == origin {
			return true
		}
	}
	return false
}

// in is the condition that col is one of the scope's origins.
func (s scope) in(col string) string { return col + " IN ('" + strings.Join(s, "', '") + "')" }

// precedence is the rank of the origin in col: 0 for user, the highest.
func precedence(col string) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for i, o := range origins {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", o, i)
	}
	b.WriteString(" END")
	return b.String()
}

// visible is the condition that row t (of a table with origin and
// group_id) is in the scope and not hidden: a user group replaces the
// starter's records of its id.
func (s scope) visible(t string) string {
	cond := s.in(t + ".origin")
	if s.has(dossier.OriginUser) && s.has(dossier.OriginStarter) {
		cond += " AND NOT (" + t + ".origin = 'starter' AND EXISTS (SELECT 1 FROM registry_groups u WHERE u.origin = 'user' AND u.id = " + t + ".group_id))"
	}
	return cond
}

// groups is a subquery of the effective group rows of the scope: one per
// id, from the origin of highest precedence, with its rank as prec.
func (s scope) groups() string {
	return `(SELECT * FROM (SELECT g.*, ` + precedence("g.origin") + ` AS prec,
			row_number() OVER (PARTITION BY g.id ORDER BY ` + precedence("g.origin") + `, g.seq) AS rn
		FROM registry_groups g WHERE ` + s.in("g.origin") + `) ranked WHERE rn = 1)`
}

// citations is a subquery of the effective citations of the scope: one
// per id, the version of highest precedence.
func (s scope) citations() string {
	return `(SELECT * FROM (SELECT c.*, ` + precedence("c.origin") + ` AS prec,
			row_number() OVER (PARTITION BY c.id ORDER BY ` + precedence("c.origin") + `, c.seq) AS rn
		FROM registry_citations c WHERE ` + s.in("c.origin") + `) ranked WHERE rn = 1)`
}

// SyncKnowledge replaces every record of origin with k in one
// transaction. When the origin already holds exactly k (the same records
// in the same order; a never-synced origin holds nothing) it writes
// nothing and reports false. A nil k is empty knowledge.
//
// Errors: EInvalid for an unknown origin or knowledge the registry cannot
// keep (a record without its group id, a group or citation id given twice,
// text that is not valid UTF-8), EConflict for a read-only database.
func (db *DB) SyncKnowledge(ctx context.Context, origin string, k *dossier.Knowledge) (bool, error) {
	op := "sync " + origin + " knowledge"
	if err := checkOrigin("sync knowledge", origin); err != nil {
		return false, err
	}
	if k == nil {
		k = &dossier.Knowledge{}
	}
	if err := checkKnowledge(op, k); err != nil {
		return false, err
	}
	sum, err := knowledgeHash(k)
	if err != nil {
		return false, fmt.Errorf("%s: %w", op, err)
	}
	have, err := db.originHash(ctx, db.sql, origin)
	if err != nil {
		return false, fmt.Errorf("%s of %s: %w", op, db.path, err)
	}
	if have == sum {
		return false, nil
	}
	if db.readOnly {
		return false, db.readOnlyError(op)
	}
	db.importMu.Lock()
	defer db.importMu.Unlock()
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("%s of %s: %w", op, db.path, err)
	}
	defer tx.Rollback()
	if have, err = db.originHash(ctx, tx, origin); err != nil { // another writer may have synced meanwhile
		return false, fmt.Errorf("%s of %s: %w", op, db.path, err)
	}
	if have == sum {
		return false, nil
	}
	for _, t := range []string{"registry_groups", "registry_aliases", "registry_relations", "registry_claims",
		"registry_citations", "registry_individuals"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE origin = ?`, origin); err != nil {
			return false, fmt.Errorf("%s of %s: clear %s: %w", op, db.path, t, err)
		}
	}
	if err := insertKnowledge(ctx, tx, origin, k, 0); err != nil {
		return false, fmt.Errorf("%s of %s: %w", op, db.path, err)
	}
	if err := setOriginHash(ctx, tx, origin, sum); err != nil {
		return false, fmt.Errorf("%s of %s: %w", op, db.path, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("%s of %s: commit: %w", op, db.path, err)
	}
	return true, nil
}

// AddAlias adds one alias of origin after the origin's other aliases,
// unless the origin holds an identical one already. The alias applies
// whatever else the registry holds: a user alias of a starter group is not
// hidden. The group need not exist (the caller checks).
//
// Errors: EInvalid for an unknown origin, an alias without a group id or
// name, or text that is not valid UTF-8; EConflict for a read-only
// database.
func (db *DB) AddAlias(ctx context.Context, origin string, a dossier.Alias) error {
	op := fmt.Sprintf("add alias %q of %s", a.Name, a.GroupID)
	if err := checkOrigin(op, origin); err != nil {
		return err
	}
	if err := checkKnowledge(op, &dossier.Knowledge{Aliases: []dossier.Alias{a}}); err != nil {
		return err
	}
	if db.readOnly {
		return db.readOnlyError(op)
	}
	db.importMu.Lock()
	defer db.importMu.Unlock()
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s to %s: %w", op, db.path, err)
	}
	defer tx.Rollback()
	var dup int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM registry_aliases
		WHERE origin = ? AND group_id = ? AND name = ? AND kind IS NOT DISTINCT FROM ? AND source IS NOT DISTINCT FROM ?
		  AND countries IS NOT DISTINCT FROM ? AND date_from IS NOT DISTINCT FROM ? AND date_to IS NOT DISTINCT FROM ?`,
		origin, a.GroupID, a.Name, text(string(a.Kind)), text(a.Source), jsonList(a.Countries), text(a.From), text(a.To)).Scan(&dup); err != nil {
		return fmt.Errorf("%s to %s: %w", op, db.path, err)
	}
	if dup > 0 {
		return nil
	}
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM registry_aliases WHERE origin = ?`, origin).Scan(&last); err != nil {
		return fmt.Errorf("%s to %s: %w", op, db.path, err)
	}
	if err := insertKnowledge(ctx, tx, origin, &dossier.Knowledge{Aliases: []dossier.Alias{a}}, last); err != nil {
		return fmt.Errorf("%s to %s: %w", op, db.path, err)
	}
	// The origin now holds what it held and a: hash it as stored, so that
	// syncing exactly that knowledge later changes nothing.
	k, err := readKnowledge(ctx, tx, scope{origin})
	if err != nil {
		return fmt.Errorf("%s to %s: %w", op, db.path, err)
	}
	sum, err := knowledgeHash(k)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := setOriginHash(ctx, tx, origin, sum); err != nil {
		return fmt.Errorf("%s to %s: %w", op, db.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s to %s: commit: %w", op, db.path, err)
	}
	return nil
}

// querier is what reads need of *sql.DB and *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// originHash returns the hash of what origin holds.
func (db *DB) originHash(ctx context.Context, q querier, origin string) (string, error) {
	var h string
	err := q.QueryRowContext(ctx, `SELECT hash FROM registry_origins WHERE origin = ?`, origin).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return emptyHash, nil
	}
	return h, err
}

func setOriginHash(ctx context.Context, tx *sql.Tx, origin, sum string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM registry_origins WHERE origin = ?`, origin); err != nil {
		return fmt.Errorf("record hash: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO registry_origins (origin, hash, synced_at) VALUES (?, ?, ?)`,
		origin, sum, time.Now().UTC().Truncate(time.Microsecond)); err != nil {
		return fmt.Errorf("record hash: %w", err)
	}
	return nil
}

// emptyHash is the hash of empty knowledge: what an origin never synced
// holds.
var emptyHash = func() string {
	h, err := knowledgeHash(&dossier.Knowledge{})
	if err != nil {
		panic("duckdb: hash of empty knowledge: " + err.Error())
	}
	return h
}()

// knowledgeHash is the SHA-256 of k's canonical JSON encoding: every
// record in order, empty lists the same as nil ones (the store keeps no
// difference between them).
func knowledgeHash(k *dossier.Knowledge) (string, error) {
	c := dossier.Knowledge{}
	for _, g := range k.Groups {
		c.Groups = append(c.Groups, g)
	}
	for _, a := range k.Aliases {
		a.Countries = nilIfEmpty(a.Countries)
		c.Aliases = append(c.Aliases, a)
	}
	for _, r := range k.Relations {
		r.Citations = nilIfEmpty(r.Citations)
		c.Relations = append(c.Relations, r)
	}
	for _, cl := range k.Claims {
		cl.Citations = nilIfEmpty(cl.Citations)
		c.Claims = append(c.Claims, cl)
	}
	c.Citations = append(c.Citations, k.Citations...)
	for _, in := range k.Individuals {
		in.Aliases = nilIfEmpty(in.Aliases)
		c.Individuals = append(c.Individuals, in)
	}
	b, err := json.Marshal(&c)
	if err != nil {
		return "", fmt.Errorf("hash knowledge: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

func nilIfEmpty(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return l
}

// checkKnowledge returns an EInvalid *dossier.Error for knowledge the
// registry cannot keep, saying which record is wrong.
func checkKnowledge(op string, k *dossier.Knowledge) error {
	bad := func(what, reason, hint string) error {
		return &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("%s: %s: %s", op, what, reason), Hint: hint}
	}
	const hintUTF8 = "convert the knowledge base to UTF-8"
	utf := func(what string, fields ...string) error {
		for _, f := range fields {
			if !utf8.ValidString(f) {
				return bad(what, fmt.Sprintf("%q is not valid UTF-8", strings.ToValidUTF8(f, "\uFFFD")), hintUTF8)
			}
		}
		return nil
	}
	ids := map[string]bool{}
	for i, g := range k.Groups {
		what := fmt.Sprintf("group %d (%s)", i, g.ID)
		if g.ID == "" {
			return bad(what, "no id", "give every group an id")
		}
		if ids[g.ID] {
			return bad(what, "the id is given twice", "merge the two groups of that id")
		}
		ids[g.ID] = true
		if err := utf(what, g.ID, g.Name, g.Kind, g.Description, g.Founded, g.Ended, g.Status); err != nil {
			return err
		}
	}
	for i, a := range k.Aliases {
		what := fmt.Sprintf("alias %d (%q of %s)", i, a.Name, a.GroupID)
		if a.GroupID == "" || strings.TrimSpace(a.Name) == "" {
			return bad(what, "no group id or no name", "give every alias a group id and a name")
		}
		if err := utf(what, append([]string{a.GroupID, a.Name, string(a.Kind), a.Source, a.From, a.To}, a.Countries...)...); err != nil {
			return err
		}
	}
	for i, r := range k.Relations {
		what := fmt.Sprintf("relation %d (%s %s %s)", i, r.GroupID, r.Type, r.Other)
		if r.GroupID == "" {
			return bad(what, "no group id", "give every relation the id of the group it starts from")
		}
		if err := utf(what, append([]string{r.GroupID, string(r.Type), r.Other, r.From, r.To, r.Note}, r.Citations...)...); err != nil {
			return err
		}
	}
	for i, c := range k.Claims {
		what := fmt.Sprintf("claim %d (%s of %s)", i, c.Type, c.GroupID)
		if c.GroupID == "" {
			return bad(what, "no group id", "give every claim the id of its group")
		}
		if err := utf(what, append([]string{c.GroupID, string(c.Type), c.Text, c.Value, c.From, c.To,
			c.Authority, c.Reference, c.Status}, c.Citations...)...); err != nil {
			return err
		}
	}
	cites := map[string]bool{}
	for i, c := range k.Citations {
		what := fmt.Sprintf("citation %d (%s)", i, c.ID)
		if c.ID == "" {
			return bad(what, "no id", "give every citation an id")
		}
		if cites[c.ID] {
			return bad(what, "the id is given twice", "keep one citation of each id")
		}
		cites[c.ID] = true
		if err := utf(what, c.ID, c.Title, c.Publisher, c.Date, c.URL, c.Reference); err != nil {
			return err
		}
	}
	for i, in := range k.Individuals {
		what := fmt.Sprintf("individual %d (%s %s)", i, in.Authority, in.Reference)
		if err := utf(what, append([]string{in.Authority, in.Reference, in.Name, in.Listed, in.GroupID, in.Comments}, in.Aliases...)...); err != nil {
			return err
		}
	}
	return nil
}

// insertKnowledge inserts the records of k as origin's, numbering them
// from after+1 in each table.
func insertKnowledge(ctx context.Context, tx *sql.Tx, origin string, k *dossier.Knowledge, after int64) error {
	seq := func(i int) int64 { return after + int64(i) + 1 }
	steps := []struct {
		table string
		cols  []string
		n     int
		row   func(i int) []any
	}{
		{"registry_groups", []string{"id", "name", "kind", "description", "founded", "ended", "status", "norm_id", "norm_name"},
			len(k.Groups), func(i int) []any {
				g := k.Groups[i]
				return []any{g.ID, text(g.Name), text(g.Kind), text(g.Description), text(g.Founded), text(g.Ended), text(g.Status),
					resolve.Normalize(g.ID), resolve.Normalize(g.Name)}
			}},
		{"registry_aliases", []string{"group_id", "name", "kind", "source", "countries", "date_from", "date_to", "norm"},
			len(k.Aliases), func(i int) []any {
				a := k.Aliases[i]
				return []any{a.GroupID, a.Name, text(string(a.Kind)), text(a.Source), jsonList(a.Countries), text(a.From), text(a.To),
					resolve.Normalize(a.Name)}
			}},
		{"registry_relations", []string{"group_id", "type", "other", "date_from", "date_to", "note", "citations"},
			len(k.Relations), func(i int) []any {
				r := k.Relations[i]
				return []any{r.GroupID, text(string(r.Type)), text(r.Other), text(r.From), text(r.To), text(r.Note), jsonList(r.Citations)}
			}},
		{"registry_claims", []string{"group_id", "type", "text", "value", "date_from", "date_to", "authority", "reference", "status", "citations"},
			len(k.Claims), func(i int) []any {
				c := k.Claims[i]
				return []any{c.GroupID, text(string(c.Type)), text(c.Text), text(c.Value), text(c.From), text(c.To),
					text(c.Authority), text(c.Reference), text(c.Status), jsonList(c.Citations)}
			}},
		{"registry_citations", []string{"id", "title", "publisher", "date", "url", "reference"},
			len(k.Citations), func(i int) []any {
				c := k.Citations[i]
				return []any{c.ID, text(c.Title), text(c.Publisher), text(c.Date), text(c.URL), text(c.Reference)}
			}},
		{"registry_individuals", []string{"authority", "reference", "name", "aliases", "listed", "group_id", "comments"},
			len(k.Individuals), func(i int) []any {
				in := k.Individuals[i]
				return []any{text(in.Authority), text(in.Reference), text(in.Name), jsonList(in.Aliases), text(in.Listed),
					text(in.GroupID), text(in.Comments)}
			}},
	}
	for _, s := range steps {
		cols := append([]string{"origin", "seq"}, s.cols...)
		err := insertRows(ctx, tx, s.table, cols, s.n, func(i int) []any {
			return append([]any{origin, seq(i)}, s.row(i)...)
		})
		if err != nil {
			return fmt.Errorf("insert into %s: %w", s.table, err)
		}
	}
	return nil
}

// insertBatch is the number of rows one INSERT statement of insertRows
// carries: one statement per row would make syncing a designation list of
// thousands of aliases take seconds.
const insertBatch = 256

// insertRows inserts n rows into table, row(i) giving the values of cols.
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, row func(i int) []any) error {
	one := "(?" + strings.Repeat(", ?", len(cols)-1) + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	args := make([]any, 0, insertBatch*len(cols))
	for start := 0; start < n; start += insertBatch {
		end := min(n, start+insertBatch)
		args = args[:0]
		for i := start; i < end; i++ {
			args = append(args, row(i)...)
		}
		q := head + one + strings.Repeat(", "+one, end-start-1)
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// Knowledge returns the records of the given origins (all when none), as
// the registry applies them when only those origins exist: one group row
// per id, from the origin of highest precedence (user, starter, un, ofac);
// no starter aliases, relations, claims or individuals of a group the user
// origin also holds (when both are asked for); one citation per id, the
// version of highest precedence. Records come in order of their origin's
// precedence, then in the order the origin gave them.
//
// Errors: EInvalid for an unknown origin.
func (db *DB) Knowledge(ctx context.Context, origins ...string) (*dossier.Knowledge, error) {
	s, err := newScope("read knowledge", origins)
	if err != nil {
		return nil, err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read knowledge of %s: %w", db.path, err)
	}
	defer tx.Rollback()
	k, err := readKnowledge(ctx, tx, s)
	if err != nil {
		return nil, fmt.Errorf("read knowledge of %s: %w", db.path, err)
	}
	return k, nil
}

// Columns of the registry tables as the readers scan them.
const (
	groupCols      = "g.id, g.name, g.kind, g.description, g.founded, g.ended, g.status"
	aliasCols      = "a.group_id, a.name, a.kind, a.source, a.countries, a.date_from, a.date_to"
	relationCols   = "r.group_id, r.type, r.other, r.date_from, r.date_to, r.note, r.citations"
	claimCols      = "c.group_id, c.type, c.text, c.value, c.date_from, c.date_to, c.authority, c.reference, c.status, c.citations"
	citationCols   = "c.id, c.title, c.publisher, c.date, c.url, c.reference"
	individualCols = "i.authority, i.reference, i.name, i.aliases, i.listed, i.group_id, i.comments"
)

func readKnowledge(ctx context.Context, q querier, s scope) (*dossier.Knowledge, error) {
	k := &dossier.Knowledge{}
	var err error
	order := func(t string) string { return " ORDER BY " + precedence(t+".origin") + ", " + t + ".seq" }
	if k.Groups, err = scanGroups(ctx, q, `SELECT `+groupCols+` FROM `+s.groups()+` g ORDER BY g.prec, g.seq`); err != nil {
		return nil, err
	}
	if k.Aliases, err = scanAliases(ctx, q, `SELECT `+aliasCols+` FROM registry_aliases a WHERE `+s.visible("a")+order("a")); err != nil {
		return nil, err
	}
	if k.Relations, err = scanRelations(ctx, q, `SELECT `+relationCols+` FROM registry_relations r WHERE `+s.visible("r")+order("r")); err != nil {
		return nil, err
	}
	if k.Claims, err = scanClaims(ctx, q, `SELECT `+claimCols+` FROM registry_claims c WHERE `+s.visible("c")+order("c")); err != nil {
		return nil, err
	}
	if k.Citations, err = scanCitations(ctx, q, `SELECT `+citationCols+` FROM `+s.citations()+` c ORDER BY c.prec, c.seq`); err != nil {
		return nil, err
	}
	if k.Individuals, err = scanIndividuals(ctx, q, `SELECT `+individualCols+` FROM registry_individuals i WHERE `+s.visible("i")+order("i")); err != nil {
		return nil, err
	}
	return k, nil
}

// Groups lists the groups whose id, name or an alias contains query, all
// compared in the normalised form of resolve.Normalize (any case,
// punctuation as spaces: "isis k" finds the alias "ISIS-K"). Best matches
// come first: a whole id, name or alias, then one that starts with the
// query, then one that contains it; ties by name. An empty query lists
// every group by name; a query of punctuation only finds nothing.
func (db *DB) Groups(ctx context.Context, query string) ([]dossier.Group, error) {
	s := scope(origins)
	var out []dossier.Group
	var err error
	if query == "" {
		out, err = scanGroups(ctx, db.sql, `SELECT `+groupCols+` FROM `+s.groups()+` g ORDER BY lower(g.name), g.id`)
	} else {
		q := resolve.Normalize(query)
		if q == "" {
			return nil, nil
		}
		out, err = scanGroups(ctx, db.sql, `WITH g AS `+s.groups()+`,
			m AS (SELECT id AS gid, norm_id AS n FROM g
				UNION ALL SELECT id, norm_name FROM g
				UNION ALL SELECT a.group_id, a.norm FROM registry_aliases a WHERE `+s.visible("a")+`)
			SELECT `+groupCols+` FROM g JOIN (
				SELECT gid, min(CASE WHEN n = ? THEN 0 WHEN substr(n, 1, length(?)) = ? THEN 1 ELSE 2 END) AS best
				FROM m WHERE strpos(n, ?) > 0 GROUP BY gid) hit ON hit.gid = g.id
			ORDER BY hit.best, lower(g.name), g.id`, q, q, q, q)
	}
	if err != nil {
		return nil, fmt.Errorf("search groups of %s for %q: %w", db.path, query, err)
	}
	return out, nil
}

// GroupProfile returns the group id with its aliases, its relations to
// other groups and theirs to it, its claims, the designated individuals
// linked to it, and the citations any of these cite, in the order they
// are first cited (relations, inverse relations, claims). Precedence
// applies as in Knowledge of every origin. The group is an ENotFound
// *dossier.Error when the registry has no group id.
func (db *DB) GroupProfile(ctx context.Context, id string) (*dossier.GroupProfile, error) {
	p, err := db.groupProfile(ctx, id)
	if err != nil && dossier.ErrorCode(err) == dossier.EInternal {
		return nil, fmt.Errorf("read group %s of %s: %w", id, db.path, err)
	}
	return p, err
}

func (db *DB) groupProfile(ctx context.Context, id string) (*dossier.GroupProfile, error) {
	s := scope(origins)
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	groups, err := scanGroups(ctx, tx, `SELECT `+groupCols+` FROM `+s.groups()+` g WHERE g.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(groups) == 0 {
		return nil, &dossier.Error{Code: dossier.ENotFound, Message: fmt.Sprintf("no group %q", id),
			Hint: "find the group's id with `dossier groups QUERY`"}
	}
	p := &dossier.GroupProfile{Group: groups[0]}
	order := func(t string) string { return " ORDER BY " + precedence(t+".origin") + ", " + t + ".seq" }
	if p.Aliases, err = scanAliases(ctx, tx, `SELECT `+aliasCols+` FROM registry_aliases a
		WHERE a.group_id = ? AND `+s.visible("a")+order("a"), id); err != nil {
		return nil, err
	}
	if p.Relations, err = scanRelations(ctx, tx, `SELECT `+relationCols+` FROM registry_relations r
		WHERE r.group_id = ? AND `+s.visible("r")+order("r"), id); err != nil {
		return nil, err
	}
	if p.Inverse, err = scanRelations(ctx, tx, `SELECT `+relationCols+` FROM registry_relations r
		WHERE r.other = ? AND `+s.visible("r")+" ORDER BY r.group_id, "+precedence("r.origin")+", r.seq", id); err != nil {
		return nil, err
	}
	if p.Claims, err = scanClaims(ctx, tx, `SELECT `+claimCols+` FROM registry_claims c
		WHERE c.group_id = ? AND `+s.visible("c")+order("c"), id); err != nil {
		return nil, err
	}
	if p.Individuals, err = scanIndividuals(ctx, tx, `SELECT `+individualCols+` FROM registry_individuals i
		WHERE i.group_id = ? AND `+s.visible("i")+order("i"), id); err != nil {
		return nil, err
	}
	var cited []string
	seen := map[string]bool{}
	cite := func(ids []string) {
		for _, c := range ids {
			if !seen[c] {
				seen[c] = true
				cited = append(cited, c)
			}
		}
	}
	for _, r := range p.Relations {
		cite(r.Citations)
	}
	for _, r := range p.Inverse {
		cite(r.Citations)
	}
	for _, c := range p.Claims {
		cite(c.Citations)
	}
	p.Citations = []dossier.Citation{}
	if len(cited) > 0 {
		args := make([]any, len(cited))
		for i, c := range cited {
			args[i] = c
		}
		cs, err := scanCitations(ctx, tx, `SELECT `+citationCols+` FROM `+s.citations()+` c
			WHERE c.id IN (?`+strings.Repeat(", ?", len(cited)-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		byID := map[string]dossier.Citation{}
		for _, c := range cs {
			byID[c.ID] = c
		}
		for _, id := range cited {
			if c, ok := byID[id]; ok {
				p.Citations = append(p.Citations, c)
			}
		}
	}
	if p.Aliases == nil {
		p.Aliases = []dossier.Alias{}
	}
	if p.Relations == nil {
		p.Relations = []dossier.Relation{}
	}
	if p.Inverse == nil {
		p.Inverse = []dossier.Relation{}
	}
	if p.Claims == nil {
		p.Claims = []dossier.Claim{}
	}
	return p, nil
}

// nullText scans a nullable text column into *p, NULL as "".
type nullText struct{ p *string }

func (n nullText) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*n.p = ""
	case string:
		*n.p = x
	case []byte:
		*n.p = string(x)
	default:
		return fmt.Errorf("text column holds %T", v)
	}
	return nil
}

// kindText scans a nullable text column into a string type such as
// dossier.AliasKind, NULL as "".
type kindText[S ~string] struct{ p *S }

func (k kindText[S]) Scan(v any) error {
	var s string
	if err := (nullText{&s}).Scan(v); err != nil {
		return err
	}
	*k.p = S(s)
	return nil
}

func textOf[S ~string](p *S) kindText[S] { return kindText[S]{p} }

// jsonStrings scans a nullable JSON array of strings into *p, NULL as nil.
type jsonStrings struct{ p *[]string }

func (j jsonStrings) Scan(v any) error {
	var s string
	if err := (nullText{&s}).Scan(v); err != nil {
		return err
	}
	*j.p = nil
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), j.p); err != nil {
		return fmt.Errorf("list %q: %w", s, err)
	}
	if len(*j.p) == 0 {
		*j.p = nil
	}
	return nil
}

// scanAll runs q and scans each row with scan into a new element.
func scanAll[T any](ctx context.Context, db querier, q string, args []any, scan func(*T) []any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(scan(&v)...); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func scanGroups(ctx context.Context, q querier, query string, args ...any) ([]dossier.Group, error) {
	return scanAll(ctx, q, query, args, func(g *dossier.Group) []any {
		return []any{&g.ID, nullText{&g.Name}, nullText{&g.Kind}, nullText{&g.Description}, nullText{&g.Founded},
			nullText{&g.Ended}, nullText{&g.Status}}
	})
}

func scanAliases(ctx context.Context, q querier, query string, args ...any) ([]dossier.Alias, error) {
	return scanAll(ctx, q, query, args, func(a *dossier.Alias) []any {
		return []any{&a.GroupID, &a.Name, textOf(&a.Kind), nullText{&a.Source}, jsonStrings{&a.Countries},
			nullText{&a.From}, nullText{&a.To}}
	})
}

func scanRelations(ctx context.Context, q querier, query string, args ...any) ([]dossier.Relation, error) {
	return scanAll(ctx, q, query, args, func(r *dossier.Relation) []any {
		return []any{&r.GroupID, textOf(&r.Type), nullText{&r.Other}, nullText{&r.From}, nullText{&r.To},
			nullText{&r.Note}, jsonStrings{&r.Citations}}
	})
}

func scanClaims(ctx context.Context, q querier, query string, args ...any) ([]dossier.Claim, error) {
	return scanAll(ctx, q, query, args, func(c *dossier.Claim) []any {
		return []any{&c.GroupID, textOf(&c.Type), nullText{&c.Text}, nullText{&c.Value}, nullText{&c.From},
			nullText{&c.To}, nullText{&c.Authority}, nullText{&c.Reference}, nullText{&c.Status}, jsonStrings{&c.Citations}}
	})
}

func scanCitations(ctx context.Context, q querier, query string, args ...any) ([]dossier.Citation, error) {
	return scanAll(ctx, q, query, args, func(c *dossier.Citation) []any {
		return []any{&c.ID, nullText{&c.Title}, nullText{&c.Publisher}, nullText{&c.Date}, nullText{&c.URL},
			nullText{&c.Reference}}
	})
}

func scanIndividuals(ctx context.Context, q querier, query string, args ...any) ([]dossier.Individual, error) {
	return scanAll(ctx, q, query, args, func(in *dossier.Individual) []any {
		return []any{nullText{&in.Authority}, nullText{&in.Reference}, nullText{&in.Name}, jsonStrings{&in.Aliases},
			nullText{&in.Listed}, nullText{&in.GroupID}, nullText{&in.Comments}}
	})
}
