package knowledge_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"dossier"
	"dossier/kb"
	"dossier/knowledge"
)

// resolvedState is everything resolution shows of a store: every event's
// actors as read (group, confidence, rule, uncertainty), the unresolved
// names and the statistics.
type resolvedState struct {
	Actors     map[string][]dossier.Actor
	Unresolved []dossier.NameCount
	Stats      dossier.ResolutionStats
}

func stateOf(t *testing.T, s knowledge.Store) resolvedState {
	t.Helper()
	st := resolvedState{Actors: map[string][]dossier.Actor{}}
	if err := s.Events(ctx, dossier.EventFilter{}, func(e *dossier.Event) error {
		st.Actors[e.Key()] = e.Actors
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var err error
	if st.Unresolved, err = s.Unresolved(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if st.Stats, err = s.ResolutionStats(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

func diffStates(got, want resolvedState) []string {
	var out []string
	var keys []string
	for k := range want.Actors {
		keys = append(keys, k)
	}
	for k := range got.Actors {
		if _, ok := want.Actors[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !reflect.DeepEqual(got.Actors[k], want.Actors[k]) {
			out = append(out, fmt.Sprintf("%s: got %+v, want %+v", k, got.Actors[k], want.Actors[k]))
		}
	}
	if !reflect.DeepEqual(got.Unresolved, want.Unresolved) {
		out = append(out, fmt.Sprintf("unresolved: got %v, want %v", got.Unresolved, want.Unresolved))
	}
	if got.Stats != want.Stats {
		out = append(out, fmt.Sprintf("stats: got %+v, want %+v", got.Stats, want.Stats))
	}
	return out
}

func importFile(t *testing.T, s dossier.EventStore, name string, events []*dossier.Event) dossier.ImportSummary {
	t.Helper()
	f := dossier.ImportFile{Name: name, Path: name, Format: "gtd", Source: dossier.SourceGTD, SHA256: name}
	sum, err := s.Import(ctx, f, func(w dossier.EventWriter) error {
		for _, e := range events {
			if err := w.Write(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// laterEvents are a second file's events for events(): IS-K and IS in new
// contexts and in known ones, a scoped alias outside its scope, a
// composite label, an unknown context, a changed event, and a name no
// knowledge base knows.
func laterEvents() []*dossier.Event {
	ev := func(src dossier.Source, id, country string, date time.Time, actors ...dossier.Actor) *dossier.Event {
		return &dossier.Event{Source: src, SourceID: id, Date: date, DateEnd: date, DatePrecision: dossier.PrecisionDay,
			Country: country, Type: dossier.TypeBombing, Actors: actors, Raw: id + " later"}
	}
	perp := func(name string) dossier.Actor { return dossier.Actor{Name: name, Role: dossier.RolePerpetrator} }
	return []*dossier.Event{
		ev(dossier.SourceGTD, "201903070001", "AFG", day(2019, 3, 8), perp("Khorasan Chapter of the Islamic State")),
		ev(dossier.SourceGTD, "202001010001", "AFG", day(2019, 3, 7), perp("Khorasan Chapter of the Islamic State")),
		ev(dossier.SourceUCDP, "300003", "AFG", day(2021, 8, 26), perp("IS"), dossier.Actor{Name: "Civilians (Afghanistan)", Role: dossier.RoleTarget}),
		ev(dossier.SourceUCDP, "300004", "PAK", day(2020, 2, 1), perp("IS")),
		ev(dossier.SourceUCDP, "300005", "IRQ", day(2020, 2, 1), perp("IS")),
		ev(dossier.SourceGTD, "202001020001", "AFG", day(2020, 1, 2), perp("Taliban and/or Khorasan Chapter of the Islamic State")),
		ev(dossier.SourceGTD, "202001030001", "", time.Time{}, perp("Taliban")),
		ev(dossier.SourceGTD, "202001040001", "AFG", day(2020, 1, 4), perp("Wolves of Nangarhar"), perp("Unknown")),
		ev(dossier.SourceGTD, "202001050001", "AFG", day(2020, 1, 5), perp("Lions of Kunar")),
	}
}

// TestIncrementalEqualsFull imports two files as `dossier import` does,
// resolving after each — fully after the first (the starter knowledge base
// is new), only the new occurrences after the second — and checks that
// what resolution shows equals what a full resolution of the same events
// shows.
func TestIncrementalEqualsFull(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "dossier.db"))
	defer db.Close()
	importFile(t, db, "a.csv", events())
	if _, err := knowledge.AfterImport(ctx, db); err != nil {
		t.Fatal(err)
	}
	if n, err := knowledge.ResolveNew(ctx, db); err != nil || n != 0 {
		t.Errorf("ResolveNew right after AfterImport: %d occurrences, %v; want none", n, err)
	}
	first := stateOf(t, db)

	if sum := importFile(t, db, "b.csv", laterEvents()); sum.Updated != 1 || sum.Added != len(laterEvents())-1 {
		t.Fatalf("import of b.csv: %+v", sum)
	}
	st, err := knowledge.AfterImport(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	incremental := stateOf(t, db)
	if st != incremental.Stats {
		t.Errorf("AfterImport returned %+v, the store counts %+v", st, incremental.Stats)
	}
	// Every perpetrator of b.csv was resolved: each has the rule that
	// decided it, "none" included.
	for _, e := range laterEvents() {
		for _, a := range incremental.Actors[e.Key()] {
			if a.Role == dossier.RolePerpetrator && a.Rule == "" {
				t.Errorf("%s after the incremental resolution: %+v left unresolved", e.Key(), a)
			}
		}
	}
	if got := incremental.Actors["ucdp:300003"]; len(got) == 0 || got[0].GroupID != "iskp" || got[0].Rule != "scoped" {
		t.Errorf("IS in Afghanistan in 2021 after the incremental resolution: %+v, want iskp by the scoped alias", got)
	}
	// The events of a.csv that b.csv left alone read as before.
	for k, want := range first.Actors {
		if k == "gtd:201903070001" { // changed by b.csv
			continue
		}
		if got := incremental.Actors[k]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s after the incremental resolution: %+v, want %+v as before", k, got, want)
		}
	}

	if _, err := knowledge.Resolve(ctx, db); err != nil {
		t.Fatal(err)
	}
	if d := diffStates(incremental, stateOf(t, db)); len(d) > 0 {
		t.Errorf("incremental resolution differs from a full one:\n%s", d)
	}
}

// TestKnowledgeChangeResolvesAll resolves incrementally, then changes the
// knowledge: occurrences resolved before follow the change.
func TestKnowledgeChangeResolvesAll(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "dossier.db"))
	defer db.Close()
	importFile(t, db, "a.csv", events())
	if _, err := knowledge.AfterImport(ctx, db); err != nil {
		t.Fatal(err)
	}
	importFile(t, db, "b.csv", laterEvents())
	if _, err := knowledge.AfterImport(ctx, db); err != nil {
		t.Fatal(err)
	}
	un, err := db.Unresolved(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []dossier.NameCount{{Name: "Wolves of Nangarhar", Events: 3}, {Name: "Lions of Kunar", Events: 1}}; !reflect.DeepEqual(un, want) {
		t.Fatalf("Unresolved before the change: got %v, want %v", un, want)
	}

	// A starter knowledge base with the Wolves as an alias of IS-K: the
	// Wolves of both files, resolved before as no group, follow.
	k, err := kb.Starter()
	if err != nil {
		t.Fatal(err)
	}
	changed := *k
	changed.Groups = nil
	for _, g := range k.Groups {
		if g.ID == "iskp" {
			c := *g
			c.Aliases = append(append([]dossier.Alias(nil), g.Aliases...),
				dossier.Alias{Name: "Wolves of Nangarhar", Kind: dossier.AliasDatasetLabel, Source: "test"})
			g = &c
		}
		changed.Groups = append(changed.Groups, g)
	}
	if ch, err := knowledge.SyncKB(ctx, db, dossier.OriginStarter, &changed); err != nil || !ch {
		t.Fatalf("SyncKB with a new alias: changed %v, %v; want changed", ch, err)
	}
	if un, err := db.Unresolved(ctx, 0); err != nil || !reflect.DeepEqual(un, []dossier.NameCount{{Name: "Lions of Kunar", Events: 1}}) {
		t.Errorf("Unresolved after the change: got %v, %v; want the Lions only", un, err)
	}
	got := keys(t, db, dossier.EventFilter{GroupID: "iskp", Perpetrator: "wolves"})
	if want := []string{"gtd:201907010001", "gtd:201907020001", "gtd:202001040001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("events of the Wolves resolved to iskp: got %v, want %v", got, want)
	}
}
