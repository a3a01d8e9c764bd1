package storetest

import (
	"testing"

	"dossier"
)

// testNewAndStoredSources imports files that mix events of sources with
// stored events and of sources without, with keys repeated within a file:
// a store may take a shortcut for events that cannot match stored ones
// (a source's first import), but the counts and the winning rows must be
// those of the general upsert.
func testNewAndStoredSources(t *testing.T, s dossier.EventStore) {
	gtd := func(id string, fatalities, line int) *dossier.Event {
		e := minimalEvent()
		e.SourceID, e.Fatalities, e.Line, e.Raw = id, dossier.Int(fatalities), line, id+","+string(rune('0'+fatalities))
		return e
	}
	ucdp := func(id string, fatalities, line int) *dossier.Event {
		e := yearEvent()
		e.SourceID, e.Fatalities, e.Line, e.Raw = id, dossier.Int(fatalities), line, id+","+string(rune('0'+fatalities))
		return e
	}
	acled := func(id string, line int) *dossier.Event {
		e := undatedEvent()
		e.SourceID, e.Line, e.Raw = id, line, id
		return e
	}

	// A first import of two sources, one key repeated (the last row wins).
	f1 := file("first.csv", day(2024, 1, 1))
	sum := mustImport(t, s, f1, gtd("g1", 1, 2), ucdp("u1", 1, 3), gtd("g2", 1, 4), gtd("g1", 2, 5))
	if got, want := countsOf(sum), (counts{Added: 3, Duplicates: 1}); got != want {
		t.Errorf("first import: got %+v, want %+v", got, want)
	}
	want := map[string]*dossier.Event{
		"gtd:g1": stored(gtd("g1", 2, 5), f1.Name), "gtd:g2": stored(gtd("g2", 1, 4), f1.Name),
		"ucdp:u1": stored(ucdp("u1", 1, 3), f1.Name),
	}
	check := func(what string) {
		t.Helper()
		var wl []*dossier.Event
		for _, e := range all(t, s, dossier.EventFilter{}) {
			if w, ok := want[e.Key()]; ok {
				wl = append(wl, w)
			} else {
				t.Errorf("%s: unexpected event %s", what, e.Key())
			}
		}
		if len(wl) != len(want) {
			t.Errorf("%s: %d events, want %d", what, len(wl), len(want))
		}
		if d := diffEvents(all(t, s, dossier.EventFilter{}), wl); d != "" {
			t.Errorf("%s:\n%s", what, d)
		}
	}
	check("after the first import")

	// A new source first, then stored ones: new, changed, unchanged, and a
	// key of the new source repeated.
	f2 := file("second.csv", day(2024, 2, 1))
	sum = mustImport(t, s, f2, acled("a1", 2), acled("a2", 3), gtd("g1", 3, 4), ucdp("u1", 1, 5), acled("a1", 6), gtd("g3", 1, 7))
	if got, want := countsOf(sum), (counts{Added: 3, Updated: 1, Unchanged: 1, Duplicates: 1}); got != want {
		t.Errorf("second import: got %+v, want %+v", got, want)
	}
	want["acled:a1"] = stored(acled("a1", 6), f2.Name)
	want["acled:a2"] = stored(acled("a2", 3), f2.Name)
	want["gtd:g1"] = stored(gtd("g1", 3, 4), f2.Name)
	want["gtd:g3"] = stored(gtd("g3", 1, 7), f2.Name)
	check("after the second import")

	// Only a new source, its key repeated with the same row: one event, one
	// duplicate, and the line of the last row.
	f3 := file("third.csv", day(2024, 3, 1))
	e := fullEvent()
	e.Source, e.SourceID = dossier.SourceGDELT, "x1"
	e2 := *e
	e2.Line = 99
	sum = mustImport(t, s, f3, e, &e2)
	if got, want := countsOf(sum), (counts{Added: 1, Duplicates: 1}); got != want {
		t.Errorf("third import: got %+v, want %+v", got, want)
	}
	want["gdelt:x1"] = stored(&e2, f3.Name)
	check("after the third import")

	// A new source and a stored one, no key repeated: the stored event is
	// unchanged, not added again.
	f4 := file("fourth.csv", day(2024, 4, 1))
	c := minimalEvent()
	c.Source, c.SourceID = dossier.SourceCurated, "c1"
	sum = mustImport(t, s, f4, c, gtd("g2", 1, 4))
	if got, want := countsOf(sum), (counts{Added: 1, Unchanged: 1}); got != want {
		t.Errorf("fourth import: got %+v, want %+v", got, want)
	}
	want["curated:c1"] = stored(c, f4.Name)
	check("after the fourth import")
}
