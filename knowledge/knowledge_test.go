package knowledge_test

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/duckdb"
	"dossier/kb"
	"dossier/knowledge"
)

var ctx = context.Background()

func open(t *testing.T, path string) *duckdb.DB {
	t.Helper()
	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// events are a few events as the importers give them: IS-K under GTD's and
// UCDP's names, UCDP's IS outside the Khorasan branch's countries, an
// unattributed attack, and a spelling no knowledge base knows.
func events() []*dossier.Event {
	ev := func(src dossier.Source, id, country string, date time.Time, actors ...dossier.Actor) *dossier.Event {
		return &dossier.Event{Source: src, SourceID: id, Date: date, DateEnd: date, DatePrecision: dossier.PrecisionDay,
			Country: country, Type: dossier.TypeBombing, Actors: actors, Raw: id}
	}
	perp := func(name string) dossier.Actor { return dossier.Actor{Name: name, Role: dossier.RolePerpetrator} }
	target := dossier.Actor{Name: "Civilians (Afghanistan)", Role: dossier.RoleTarget}
	return []*dossier.Event{
		ev(dossier.SourceGTD, "201903070001", "AFG", day(2019, 3, 7), perp("Khorasan Chapter of the Islamic State"), target),
		ev(dossier.SourceGTD, "201905120001", "AFG", day(2019, 5, 12),
			dossier.Actor{Name: "Khorasan Chapter of the Islamic State", Role: dossier.RolePerpetrator, Uncertain: true}),
		ev(dossier.SourceUCDP, "300001", "AFG", day(2019, 8, 17), perp("IS"), dossier.Actor{Name: "Taleban", Role: dossier.RoleTarget}),
		ev(dossier.SourceUCDP, "300002", "SYR", day(2019, 1, 2), perp("IS")),
		ev(dossier.SourceGTD, "201906010001", "AFG", day(2019, 6, 1), perp("Unknown"), target),
		ev(dossier.SourceGTD, "201907010001", "AFG", day(2019, 7, 1), perp("Wolves of Nangarhar")),
		ev(dossier.SourceGTD, "201907020001", "AFG", day(2019, 7, 2), perp("Wolves of Nangarhar")),
	}
}

func importEvents(t *testing.T, s dossier.EventStore) {
	t.Helper()
	f := dossier.ImportFile{Name: "made-up.csv", Path: "made-up.csv", Format: "gtd", Source: dossier.SourceGTD, SHA256: "made-up"}
	_, err := s.Import(ctx, f, func(w dossier.EventWriter) error {
		for _, e := range events() {
			if err := w.Write(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func keys(t *testing.T, s dossier.EventStore, f dossier.EventFilter) []string {
	t.Helper()
	out := []string{}
	if err := s.Events(ctx, f, func(e *dossier.Event) error {
		out = append(out, e.Key())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// curated returns the keys of the starter's curated events, and of those
// the keys of the ones attributed to group.
func curated(t *testing.T, group string) (all, ofGroup []string) {
	t.Helper()
	k, err := kb.Starter()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range k.Events() {
		all = append(all, e.Key())
		for _, a := range e.Perpetrators() {
			if a.GroupID == group {
				ofGroup = append(ofGroup, e.Key())
				break
			}
		}
	}
	return all, ofGroup
}

func sorted(l ...[]string) []string {
	out := []string{}
	for _, x := range l {
		out = append(out, x...)
	}
	sort.Strings(out)
	return out
}

// TestResolveEndToEnd loads the starter knowledge base into a DuckDB
// file, imports events, resolves them, and follows a new alias.
func TestResolveEndToEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dossier.db")
	db := open(t, path)
	defer func() { db.Close() }()

	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		t.Fatal(err)
	}
	importEvents(t, db)
	st, err := knowledge.Resolve(ctx, db)
	if err != nil {
		t.Fatal(err)
	}

	allCurated, iskpCurated := curated(t, "iskp")
	if len(iskpCurated) == 0 {
		t.Fatal("the starter knowledge base has no curated IS-K event: the test needs one")
	}
	iskp := []string{"gtd:201903070001", "gtd:201905120001", "ucdp:300001"}
	if got, want := keys(t, db, dossier.EventFilter{GroupID: "iskp"}), sorted(iskp, iskpCurated); !reflect.DeepEqual(got, want) {
		t.Errorf("events of iskp: got %v, want %v", got, want)
	}
	if got, want := keys(t, db, dossier.EventFilter{GroupID: "iskp", Sources: []dossier.Source{dossier.SourceUCDP}}), []string{"ucdp:300001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("UCDP events of iskp: got %v, want %v", got, want)
	}
	// UCDP's IS in Syria is the Islamic State itself.
	if got := keys(t, db, dossier.EventFilter{GroupID: "islamic-state", Sources: []dossier.Source{dossier.SourceUCDP}}); !reflect.DeepEqual(got, []string{"ucdp:300002"}) {
		t.Errorf("UCDP events of islamic-state: got %v, want [ucdp:300002]", got)
	}

	// The actors as read: resolved, the provider's uncertainty kept.
	e, err := db.Event(ctx, dossier.SourceGTD, "201905120001")
	if err != nil {
		t.Fatal(err)
	}
	if a := e.Actors[0]; a.GroupID != "iskp" || a.Rule != "exact" || a.Confidence != 1 || !a.Uncertain {
		t.Errorf("actor of gtd:201905120001: got %+v, want iskp by rule exact, confidence 1, uncertain", a)
	}
	e, err = db.Event(ctx, dossier.SourceUCDP, "300001")
	if err != nil {
		t.Fatal(err)
	}
	if a := e.Actors[0]; a.GroupID != "iskp" || a.Rule != "scoped" {
		t.Errorf("actor of ucdp:300001: got %+v, want iskp by rule scoped", a)
	}
	if a := e.Actors[1]; a.GroupID != "" {
		t.Errorf("target of ucdp:300001: got %+v, want no group (targets are not resolved)", a)
	}

	// Stats: the curated events are named and resolved; "Unknown" is not a
	// named perpetrator; the Wolves are named but unresolved.
	want := dossier.ResolutionStats{Events: len(events()) + len(allCurated), WithActor: 6 + len(allCurated), Resolved: 4 + len(allCurated)}
	if st != want {
		t.Errorf("Resolve: stats %+v, want %+v", st, want)
	}
	un, err := db.Unresolved(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []dossier.NameCount{{Name: "Wolves of Nangarhar", Events: 2}}; !reflect.DeepEqual(un, want) {
		t.Errorf("Unresolved: got %v, want %v", un, want)
	}

	// A new spelling: its events follow once re-resolved.
	if err := db.AddAlias(ctx, dossier.OriginUser, dossier.Alias{GroupID: "iskp", Name: "Wolves of Nangarhar", Kind: dossier.AliasDatasetLabel, Source: dossier.OriginUser}); err != nil {
		t.Fatal(err)
	}
	st, err = knowledge.Resolve(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	want.Resolved += 2
	if st != want {
		t.Errorf("Resolve after AddAlias: stats %+v, want %+v", st, want)
	}
	wolves := []string{"gtd:201907010001", "gtd:201907020001"}
	if got, want := keys(t, db, dossier.EventFilter{GroupID: "iskp"}), sorted(iskp, wolves, iskpCurated); !reflect.DeepEqual(got, want) {
		t.Errorf("events of iskp after AddAlias: got %v, want %v", got, want)
	}
	if un, err := db.Unresolved(ctx, 10); err != nil || len(un) != 0 {
		t.Errorf("Unresolved after AddAlias: got %v, %v; want none", un, err)
	}

	// The file keeps it all: reopened, the starter is unchanged, the user's
	// alias and the resolutions are there.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = open(t, path)
	k, err := kb.Starter()
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := db.SyncKnowledge(ctx, dossier.OriginStarter, knowledge.FromKB(k)); err != nil || changed {
		t.Errorf("starter synced again after reopening: changed %v, %v; want unchanged", changed, err)
	}
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		t.Fatal(err)
	}
	if got, want := keys(t, db, dossier.EventFilter{GroupID: "iskp"}), sorted(iskp, wolves, iskpCurated); !reflect.DeepEqual(got, want) {
		t.Errorf("events of iskp after reopening: got %v, want %v", got, want)
	}
	gs, err := db.Groups(ctx, "wolves of")
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 1 || gs[0].ID != "iskp" {
		t.Errorf("Groups(wolves of): got %v, want iskp", gs)
	}
}

// TestGroupsFindsISKP searches the starter knowledge base for IS-K by the
// names users type.
func TestGroupsFindsISKP(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "dossier.db"))
	defer db.Close()
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		first bool // iskp must come first, not only be found
	}{
		{"ISIS-K", true},
		{"isis k", true},
		{"ISKP", true},
		{"iskp", true},
		{"Khorasan Chapter of the Islamic State", true},
		{"Khorasan", false},
		{"khorasan province", false},
	}
	for _, tt := range tests {
		gs, err := db.Groups(ctx, tt.query)
		if err != nil {
			t.Fatalf("Groups(%q): %v", tt.query, err)
		}
		var ids []string
		for _, g := range gs {
			ids = append(ids, g.ID)
		}
		switch {
		case len(ids) == 0:
			t.Errorf("Groups(%q): nothing found, want iskp", tt.query)
		case tt.first && ids[0] != "iskp":
			t.Errorf("Groups(%q): got %v, want iskp first", tt.query, ids)
		case !tt.first && !slices.Contains(ids, "iskp"):
			t.Errorf("Groups(%q): got %v, want iskp among them", tt.query, ids)
		}
	}
	all, err := db.Groups(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	k, err := kb.Starter()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(all), len(k.Groups); got != want {
		t.Errorf("Groups(\"\"): %d groups, want the starter's %d", got, want)
	}
}

// TestImportKBReplacesStarterGroup checks that a user's version of a
// group replaces the starter's in resolution: the starter's aliases of it
// stop applying.
func TestImportKBReplacesStarterGroup(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "dossier.db"))
	defer db.Close()
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		t.Fatal(err)
	}
	importEvents(t, db)
	if _, err := knowledge.Resolve(ctx, db); err != nil {
		t.Fatal(err)
	}
	user, err := kb.Parse("iskp.yaml", strings.NewReader(`id: iskp
name: Islamic State Khorasan (user's version)
kind: jihadist
aliases:
  - {name: Wolves of Nangarhar, kind: dataset_label, source: user}
`))
	if err != nil {
		t.Fatal(err)
	}
	changed, err := knowledge.ImportKB(ctx, db, user)
	if err != nil || !changed {
		t.Fatalf("ImportKB: changed %v, %v; want changed", changed, err)
	}
	p, err := db.GroupProfile(ctx, "iskp")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Name, "Islamic State Khorasan (user's version)"; got != want {
		t.Errorf("GroupProfile(iskp) name %q, want %q", got, want)
	}
	var names []string
	for _, a := range p.Aliases {
		names = append(names, a.Name)
	}
	if !reflect.DeepEqual(names, []string{"Wolves of Nangarhar"}) {
		t.Errorf("GroupProfile(iskp) aliases: got %q, want only the user's", names)
	}
	// GTD's and UCDP's names were the starter's aliases of iskp: no longer.
	_, iskpCurated := curated(t, "iskp")
	want := sorted([]string{"gtd:201907010001", "gtd:201907020001"}, iskpCurated)
	if got := keys(t, db, dossier.EventFilter{GroupID: "iskp"}); !reflect.DeepEqual(got, want) {
		t.Errorf("events of iskp after the user replaced it: got %v, want %v", got, want)
	}
	// Importing the same again changes nothing.
	if changed, err := knowledge.ImportKB(ctx, db, user); err != nil || changed {
		t.Errorf("ImportKB again: changed %v, %v; want unchanged", changed, err)
	}
}
