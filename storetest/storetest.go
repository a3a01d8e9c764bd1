// Package storetest is the conformance suite of dossier.EventStore. Every
// backend's tests call Run on a fresh, empty store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) dossier.EventStore {
//			db, err := duckdb.Open(filepath.Join(t.TempDir(), "dossier.db"), duckdb.Options{})
//			if err != nil {
//				t.Fatal(err)
//			}
//			return db
//		})
//	}
//
// The suite fixes what the interface's comments leave open:
//   - every canonical field of an event comes back exactly as written: nil
//     pointers stay nil, zero and false stay zero and false, dates come back
//     as UTC midnight of the same calendar day, empty lists and maps come
//     back empty; File is the name of the file the event was last imported
//     from and Line its line there;
//   - events are ordered by date, then source and source id; events without a
//     date come last;
//   - an event's provenance (File, Line, and the file Sources counts it
//     under) is the import that last wrote it: the one that added it or
//     last changed it; an import that finds it unchanged leaves it alone,
//     so that File and Line always say where the stored row came from;
//   - a file is identified by (name, sha256): importing it again updates its
//     record instead of adding one;
//   - the EventWriter's Write returns a *dossier.RowError for an event the
//     store cannot keep (no source id, text that is not valid UTF-8) and
//     keeps nothing of it; the fill may go on with the next event.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"dossier"
)

// Run runs the suite. open must return a new, empty store for each call;
// Run closes it at the end of the subtest that opened it.
func Run(t *testing.T, open func(t *testing.T) dossier.EventStore) {
	tests := []subtest[dossier.EventStore]{
		{"RoundTrip", testRoundTrip},
		{"Reimport", testReimport},
		{"Changed", testChanged},
		{"FailedFill", testFailedFill},
		{"CanceledContext", testCanceledContext},
		{"Duplicates", testDuplicates},
		{"NewAndStoredSources", testNewAndStoredSources},
		{"RejectedWrites", testRejectedWrites},
		{"Filters", testFilters},
		{"Paging", testPaging},
		{"InvalidFilter", testInvalidFilter},
		{"NotFound", testNotFound},
		{"Sources", testSources},
		{"Empty", testEmpty},
		{"Many", testMany},
		{"StopEvents", testStopEvents},
	}
	runSubtests(t, open, tests)
}

// day is midnight UTC of the given date.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// file returns an ImportFile named name with made-up metadata.
func file(name string, at time.Time) dossier.ImportFile {
	return dossier.ImportFile{
		Name:          name,
		Path:          "/data/in/" + name,
		Format:        "gtd",
		Source:        dossier.SourceGTD,
		SourceVersion: "1222dist",
		Licence:       dossier.LicenceGTD,
		SHA256:        fmt.Sprintf("%064x", len(name)*7919),
		Size:          int64(1000 + len(name)),
		Header:        []string{"eventid", "iyear", "imonth", "iday", "summary"},
		ImportedAt:    at,
	}
}

// fullEvent has every field set, with values chosen to catch lossy storage:
// zero counts, false flags, negative and fractional coordinates, text in
// several scripts, quotes and newlines.
func fullEvent() *dossier.Event {
	return &dossier.Event{
		Source:        dossier.SourceGTD,
		SourceID:      "202103150001",
		SourceVersion: "1222dist",
		Licence:       dossier.LicenceGTD,
		Date:          day(2021, 3, 15),
		DateEnd:       day(2021, 3, 16),
		DatePrecision: dossier.PrecisionDay,
		Country:       "AFG",
		CountryName:   "Afghanistan",
		Admin1:        "Nangarhar / ننگرهار",
		Admin2:        "Jalalabad district",
		Place:         "Jalālābād — “city centre”",
		Latitude:      dossier.Float(34.426137),
		Longitude:     dossier.Float(-70.451523),
		GeoPrecision:  "1",
		Type:          dossier.TypeBombing,
		SourceType:    "Bombing/Explosion",
		SourceSubtype: "Suicide vest",
		Actors: []dossier.Actor{
			{Name: "Khorasan Chapter of the Islamic State", Role: dossier.RolePerpetrator, Uncertain: true,
				GroupID: "iskp", Confidence: 0.875, Rule: "exact_alias"},
			{Name: "Tehrik-i-Taliban Pakistan (TTP)", Role: dossier.RoleAssociated},
			{Name: "Civilians (Afghanistan)", Role: dossier.RoleTarget},
		},
		TargetCategories: []dossier.TargetCategory{dossier.TargetCivilians, dossier.TargetReligious},
		Fatalities:       dossier.Int(0),
		FatalitiesLow:    dossier.Int(0),
		FatalitiesHigh:   dossier.Int(12),
		Injuries:         dossier.Int(31),
		Hostages:         dossier.Int(0),
		Suicide:          dossier.Bool(false),
		Claimed:          dossier.Bool(true),
		Success:          dossier.Bool(true),
		Doubtful:         dossier.Bool(false),
		Summary:          "03/15/2021: An explosive device detonated near a mosque.\nThe \"ISKP\" claimed it; 'no' deaths.\t✓",
		Citations:        []string{"\"Blast in Jalalabad,\" Pajhwok, March 15, 2021.", "Khaama Press, 16/03/2021"},
		Details: map[string]string{
			"weaptype1_txt": "Explosives",
			"attacktype2":   "",
			"nkillus":       "0",
			"città":         "Jalālābād",
			"quote\"key":    "line1\nline2",
		},
		Raw:  "202103150001,2021,3,15,\"An explosive device detonated near a mosque.\nThe \"\"ISKP\"\" claimed it; 'no' deaths.\",ننگرهار,,-9,\r\n",
		Line: 42,
	}
}

// minimalEvent has only what every event has: all optional fields unknown.
// Its date is known to the month.
func minimalEvent() *dossier.Event {
	return &dossier.Event{
		Source:        dossier.SourceGTD,
		SourceID:      "202103000002",
		Date:          day(2021, 3, 1),
		DateEnd:       day(2021, 3, 31),
		DatePrecision: dossier.PrecisionMonth,
		Type:          dossier.TypeAttack,
		Raw:           "202103000002,2021,3,0,,,,,",
		Line:          43,
	}
}

// yearEvent is known to the year and has only unknown-or-zero figures.
func yearEvent() *dossier.Event {
	return &dossier.Event{
		Source:        dossier.SourceUCDP,
		SourceID:      "387311",
		Licence:       dossier.LicenceUCDP,
		Date:          day(2019, 1, 1),
		DateEnd:       day(2019, 12, 31),
		DatePrecision: dossier.PrecisionYear,
		Country:       "PAK",
		CountryName:   "Pakistan",
		Type:          dossier.TypeOneSidedViolence,
		Actors: []dossier.Actor{
			{Name: "IS", Role: dossier.RolePerpetrator},
			{Name: "Civilians", Role: dossier.RoleTarget},
		},
		Fatalities:     dossier.Int(3),
		FatalitiesLow:  dossier.Int(3),
		FatalitiesHigh: dossier.Int(5),
		Suicide:        dossier.Bool(true),
		Details:        map[string]string{"deaths_a": "0", "deaths_b": "3"},
		Raw:            "387311,2019,True,\"Pakistan: Islamic State\"",
		Line:           7,
	}
}

// undatedEvent has no known date at all.
func undatedEvent() *dossier.Event {
	return &dossier.Event{
		Source:   dossier.SourceACLED,
		SourceID: "BEN0001",
		Country:  "BEN",
		Type:     dossier.TypeOther,
		Raw:      "BEN0001,NA,NA",
		Line:     2,
	}
}

func roundTripEvents() []*dossier.Event {
	return []*dossier.Event{fullEvent(), minimalEvent(), yearEvent(), undatedEvent()}
}

// stored is e as a store gives it back after an import from file name.
func stored(e *dossier.Event, name string) *dossier.Event {
	c := *e
	c.File = name
	return &c
}

// write returns a fill that writes events in order.
func write(events ...*dossier.Event) func(dossier.EventWriter) error {
	return func(w dossier.EventWriter) error {
		for _, e := range events {
			if err := w.Write(e); err != nil {
				return err
			}
		}
		return nil
	}
}

func mustImport(t *testing.T, s dossier.EventStore, f dossier.ImportFile, events ...*dossier.Event) dossier.ImportSummary {
	t.Helper()
	sum, err := s.Import(context.Background(), f, write(events...))
	if err != nil {
		t.Fatalf("Import %s: %v", f.Name, err)
	}
	return sum
}

// counts are the figures of an ImportSummary the store sets.
type counts struct{ Added, Updated, Unchanged, Duplicates int }

func countsOf(s dossier.ImportSummary) counts {
	return counts{s.Added, s.Updated, s.Unchanged, s.Duplicates}
}

func all(t *testing.T, s dossier.EventStore, f dossier.EventFilter) []*dossier.Event {
	t.Helper()
	var out []*dossier.Event
	if err := s.Events(context.Background(), f, func(e *dossier.Event) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatalf("Events(%+v): %v", f, err)
	}
	return out
}

func keysOf(events []*dossier.Event) []string {
	out := []string{}
	for _, e := range events {
		out = append(out, e.Key())
	}
	return out
}

// diffEvent lists the fields in which got differs from want, compared
// through their JSON form (where a nil pointer is null, not 0 or false),
// and the dates, which must be the same instants and in UTC.
func diffEvent(got, want *dossier.Event) string {
	if got == nil || want == nil {
		if got == want {
			return ""
		}
		return fmt.Sprintf("got %v, want %v", got, want)
	}
	g, w := fields(got), fields(want)
	var diffs []string
	for k := range w {
		if !reflect.DeepEqual(g[k], w[k]) {
			diffs = append(diffs, fmt.Sprintf("%s: got %s, want %s", k, g[k], w[k]))
		}
	}
	for k := range g {
		if _, ok := w[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: got %s, want nothing", k, g[k]))
		}
	}
	for _, f := range []struct {
		name      string
		got, want time.Time
	}{{"Date", got.Date, want.Date}, {"DateEnd", got.DateEnd, want.DateEnd}} {
		if !f.got.Equal(f.want) || !f.got.IsZero() && f.got.Location() != time.UTC {
			diffs = append(diffs, fmt.Sprintf("%s: got %v, want %v (UTC)", f.name, f.got, f.want))
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "\n")
}

// fields is e's JSON form by field, without the dates (compared apart).
func fields(e *dossier.Event) map[string]string {
	b, err := json.Marshal(e)
	if err != nil {
		panic(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	out := map[string]string{}
	for k, v := range m {
		if k == "date" || k == "date_end" {
			continue
		}
		out[k] = string(v)
	}
	// Line and File are omitempty in JSON: compare them always.
	out["line"] = fmt.Sprint(e.Line)
	out["file"] = e.File
	return out
}

func diffEvents(got, want []*dossier.Event) string {
	if g, w := keysOf(got), keysOf(want); !reflect.DeepEqual(g, w) {
		return fmt.Sprintf("keys: got %v, want %v", g, w)
	}
	var diffs []string
	for i := range want {
		if d := diffEvent(got[i], want[i]); d != "" {
			diffs = append(diffs, want[i].Key()+":\n"+d)
		}
	}
	return strings.Join(diffs, "\n")
}

// state is everything a client can observe of a store.
type state struct {
	Events  []json.RawMessage
	Count   int
	Sources []dossier.SourceFile
}

func snapshot(t *testing.T, s dossier.EventStore) state {
	t.Helper()
	var st state
	for _, e := range all(t, s, dossier.EventFilter{}) {
		b, err := json.Marshal(struct {
			*dossier.Event
			File string
			Line int
		}{e, e.File, e.Line})
		if err != nil {
			t.Fatal(err)
		}
		st.Events = append(st.Events, b)
	}
	var err error
	if st.Count, err = s.CountEvents(context.Background(), dossier.EventFilter{}); err != nil {
		t.Fatalf("CountEvents: %v", err)
	}
	if st.Sources, err = s.Sources(context.Background()); err != nil {
		t.Fatalf("Sources: %v", err)
	}
	return st
}

func diffState(got, want state) string {
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if string(g) == string(w) {
		return ""
	}
	gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			return fmt.Sprintf("first difference at line %d:\ngot  %s\nwant %s", i+1, gl[i], wl[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(gl), len(wl))
}

func testRoundTrip(t *testing.T, s dossier.EventStore) {
	ctx := context.Background()
	f := file("roundtrip.csv", day(2024, 5, 1))
	sum := mustImport(t, s, f, roundTripEvents()...)
	if got, want := countsOf(sum), (counts{Added: 4}); got != want {
		t.Errorf("summary: got %+v, want %+v", got, want)
	}

	for _, want := range roundTripEvents() {
		want = stored(want, f.Name)
		got, err := s.Event(ctx, want.Source, want.SourceID)
		if err != nil {
			t.Errorf("Event(%s): %v", want.Key(), err)
			continue
		}
		if d := diffEvent(got, want); d != "" {
			t.Errorf("Event(%s):\n%s", want.Key(), d)
		}
		if got.Fingerprint() != want.Fingerprint() {
			t.Errorf("Event(%s): fingerprint changed in the round trip", want.Key())
		}
	}

	// Ordered by date, then key; the undated event last.
	want := []*dossier.Event{yearEvent(), minimalEvent(), fullEvent(), undatedEvent()}
	for i := range want {
		want[i] = stored(want[i], f.Name)
	}
	if d := diffEvents(all(t, s, dossier.EventFilter{}), want); d != "" {
		t.Errorf("Events:\n%s", d)
	}
	n, err := s.CountEvents(ctx, dossier.EventFilter{})
	if err != nil || n != 4 {
		t.Errorf("CountEvents: got %d, %v; want 4", n, err)
	}
}

func testReimport(t *testing.T, s dossier.EventStore) {
	f := file("reimport.csv", day(2024, 5, 1))
	mustImport(t, s, f, roundTripEvents()...)
	before := snapshot(t, s)

	again := f
	again.ImportedAt = time.Time{} // the store records the time itself
	sum := mustImport(t, s, again, roundTripEvents()...)
	if got, want := countsOf(sum), (counts{Unchanged: 4}); got != want {
		t.Errorf("summary: got %+v, want %+v", got, want)
	}
	after := snapshot(t, s)
	if len(after.Sources) != 1 {
		t.Fatalf("Sources after re-import of the same file: got %d files, want 1", len(after.Sources))
	}
	// Only the time of the last import may change.
	after.Sources[0].ImportedAt = before.Sources[0].ImportedAt
	if d := diffState(after, before); d != "" {
		t.Errorf("state changed by a re-import of the same events:\n%s", d)
	}
}

func testChanged(t *testing.T, s dossier.EventStore) {
	ctx := context.Background()
	f := file("v1.csv", day(2024, 5, 1))
	mustImport(t, s, f, roundTripEvents()...)

	changed := fullEvent()
	changed.Fatalities = dossier.Int(4)
	changed.Suicide = nil
	changed.Actors = []dossier.Actor{changed.Actors[0], changed.Actors[2]} // the associated TTP is dropped
	changed.Actors[1].Uncertain = true
	changed.Details = map[string]string{"weaptype1_txt": "Firearms"}
	changed.Raw = strings.Replace(changed.Raw, "-9", "4", 1)
	changed.Line = 50
	minimal := minimalEvent()
	minimal.Line = 51 // same content at another line: the stored row stays as it came from v1

	if n, err := s.CountEvents(ctx, dossier.EventFilter{Perpetrator: "Tehrik"}); err != nil || n != 1 {
		t.Fatalf("CountEvents(perpetrator Tehrik) before the change: got %d, %v; want 1", n, err)
	}
	g := file("v2.csv", day(2024, 6, 1))
	sum := mustImport(t, s, g, changed, minimal, yearEvent(), undatedEvent())
	if got, want := countsOf(sum), (counts{Updated: 1, Unchanged: 3}); got != want {
		t.Errorf("summary: got %+v, want %+v", got, want)
	}
	for _, want := range []*dossier.Event{stored(changed, g.Name), stored(minimalEvent(), f.Name), stored(yearEvent(), f.Name)} {
		got, err := s.Event(ctx, want.Source, want.SourceID)
		if err != nil {
			t.Fatalf("Event(%s): %v", want.Key(), err)
		}
		if d := diffEvent(got, want); d != "" {
			t.Errorf("Event(%s) after update:\n%s", want.Key(), d)
		}
	}
	// The actors were replaced: the dropped one no longer matches.
	for _, tc := range []struct {
		perp string
		want int
	}{{"Khorasan", 1}, {"Tehrik", 0}} {
		n, err := s.CountEvents(ctx, dossier.EventFilter{Perpetrator: tc.perp})
		if err != nil || n != tc.want {
			t.Errorf("CountEvents(perpetrator %q) after the change: got %d, %v; want %d", tc.perp, n, err, tc.want)
		}
	}
	if n, err := s.CountEvents(ctx, dossier.EventFilter{}); err != nil || n != 4 {
		t.Errorf("CountEvents: got %d, %v; want 4", n, err)
	}
}

var errFill = errors.New("fill failed on purpose")

func testFailedFill(t *testing.T, s dossier.EventStore) {
	ctx := context.Background()
	// Into an empty store: nothing at all remains.
	empty := snapshot(t, s)
	for _, n := range []int{0, 1, 3} {
		_, err := s.Import(ctx, file("broken.csv", day(2024, 5, 1)), func(w dossier.EventWriter) error {
			if err := write(roundTripEvents()[:n]...)(w); err != nil {
				return err
			}
			return errFill
		})
		if !errors.Is(err, errFill) {
			t.Errorf("Import failing after %d events into an empty store: got error %v, want %v", n, err, errFill)
		}
		if d := diffState(snapshot(t, s), empty); d != "" {
			t.Errorf("store changed by a failed import of %d events:\n%s", n, d)
		}
	}

	// Into a store with events: new, changed and unchanged events of the
	// failed file all leave it as it was.
	mustImport(t, s, file("good.csv", day(2024, 5, 1)), fullEvent(), minimalEvent())
	before := snapshot(t, s)
	changed := fullEvent()
	changed.Fatalities = dossier.Int(99)
	changed.Actors = nil
	for _, f := range []dossier.ImportFile{file("good.csv", day(2024, 6, 1)), file("other.csv", day(2024, 6, 1))} {
		_, err := s.Import(ctx, f, func(w dossier.EventWriter) error {
			if err := write(changed, minimalEvent(), yearEvent())(w); err != nil {
				return err
			}
			return fmt.Errorf("row 4: %w", errFill)
		})
		if !errors.Is(err, errFill) {
			t.Errorf("Import %s: got error %v, want %v", f.Name, err, errFill)
		}
		if d := diffState(snapshot(t, s), before); d != "" {
			t.Errorf("store changed by a failed import of %s:\n%s", f.Name, d)
		}
	}
}

func testCanceledContext(t *testing.T, s dossier.EventStore) {
	mustImport(t, s, file("good.csv", day(2024, 5, 1)), fullEvent())
	before := snapshot(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := s.Import(ctx, file("late.csv", day(2024, 6, 1)), func(w dossier.EventWriter) error {
		if err := w.Write(yearEvent()); err != nil {
			return err
		}
		cancel()
		return nil
	})
	if err == nil {
		t.Errorf("Import with a context canceled during fill: got no error")
	}
	if d := diffState(snapshot(t, s), before); d != "" {
		t.Errorf("store changed by a canceled import:\n%s", d)
	}
}

func testDuplicates(t *testing.T, s dossier.EventStore) {
	a1 := fullEvent()
	a2 := fullEvent()
	a2.Fatalities, a2.Line = dossier.Int(2), 60
	a2.Actors = []dossier.Actor{{Name: "Islamic State", Role: dossier.RolePerpetrator}}
	a3 := fullEvent()
	a3.Fatalities, a3.Line = dossier.Int(3), 70
	a3.Actors = []dossier.Actor{{Name: "IS-K", Role: dossier.RolePerpetrator}, {Name: "Police", Role: dossier.RoleTarget}}
	b := minimalEvent()
	b2 := minimalEvent()
	b2.Line = 80 // an identical row, repeated
	f := file("dups.csv", day(2024, 5, 1))

	sum := mustImport(t, s, f, a1, b, a2, yearEvent(), a3, b2)
	if got, want := countsOf(sum), (counts{Added: 3, Duplicates: 3}); got != want {
		t.Errorf("summary: got %+v, want %+v", got, want)
	}
	want := []*dossier.Event{stored(yearEvent(), f.Name), stored(b2, f.Name), stored(a3, f.Name)}
	if d := diffEvents(all(t, s, dossier.EventFilter{}), want); d != "" {
		t.Errorf("Events: the last row of each key must win:\n%s", d)
	}
	// Only the winner's actors are kept.
	for _, tc := range []struct {
		perp string
		want int
	}{{"IS-K", 1}, {"Islamic State", 0}, {"Khorasan", 0}} {
		n, err := s.CountEvents(context.Background(), dossier.EventFilter{Perpetrator: tc.perp})
		if err != nil || n != tc.want {
			t.Errorf("CountEvents(perpetrator %q): got %d, %v; want %d", tc.perp, n, err, tc.want)
		}
	}

	// Duplicates of a stored event: the last row decides what changes.
	sum = mustImport(t, s, f, a1, a3)
	if got, want := countsOf(sum), (counts{Unchanged: 1, Duplicates: 1}); got != want {
		t.Errorf("re-import summary: got %+v, want %+v", got, want)
	}
}

func testRejectedWrites(t *testing.T, s dossier.EventStore) {
	noID := minimalEvent()
	noID.SourceID = ""
	noID.Line = 3
	badText := yearEvent()
	badText.Summary = "caf\xe9 in Latin-1"
	badText.Line = 4
	badActor := yearEvent()
	badActor.SourceID = "387312"
	badActor.Actors = []dossier.Actor{{Name: "\xff\xfe", Role: dossier.RolePerpetrator}}
	f := file("rejects.csv", day(2024, 5, 1))

	var rejected []int
	sum, err := s.Import(context.Background(), f, func(w dossier.EventWriter) error {
		for _, e := range []*dossier.Event{fullEvent(), noID, badText, badActor, undatedEvent()} {
			err := w.Write(e)
			var re *dossier.RowError
			switch {
			case errors.As(err, &re):
				rejected = append(rejected, e.Line)
			case err != nil:
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if got, want := rejected, []int{3, 4, 7}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines rejected by Write with a *dossier.RowError: got %v, want %v", got, want)
	}
	if got, want := countsOf(sum), (counts{Added: 2}); got != want {
		t.Errorf("summary: got %+v, want %+v", got, want)
	}
	want := []*dossier.Event{stored(fullEvent(), f.Name), stored(undatedEvent(), f.Name)}
	if d := diffEvents(all(t, s, dossier.EventFilter{}), want); d != "" {
		t.Errorf("Events:\n%s", d)
	}
}

func testNotFound(t *testing.T, s dossier.EventStore) {
	ctx := context.Background()
	mustImport(t, s, file("one.csv", day(2024, 5, 1)), fullEvent())
	for _, tc := range []struct {
		source dossier.Source
		id     string
	}{
		{dossier.SourceGTD, "999"},
		{dossier.SourceACLED, fullEvent().SourceID}, // right id, other source
		{dossier.SourceGTD, ""},
	} {
		e, err := s.Event(ctx, tc.source, tc.id)
		if got := dossier.ErrorCode(err); got != dossier.ENotFound {
			t.Errorf("Event(%s, %q): got code %q (%v), want %q", tc.source, tc.id, got, err, dossier.ENotFound)
		}
		if e != nil {
			t.Errorf("Event(%s, %q): got an event with the error", tc.source, tc.id)
		}
	}
}

func testEmpty(t *testing.T, s dossier.EventStore) {
	ctx := context.Background()
	if got := all(t, s, dossier.EventFilter{}); len(got) != 0 {
		t.Errorf("Events of an empty store: got %d", len(got))
	}
	if n, err := s.CountEvents(ctx, dossier.EventFilter{}); err != nil || n != 0 {
		t.Errorf("CountEvents of an empty store: got %d, %v", n, err)
	}
	src, err := s.Sources(ctx)
	if err != nil || len(src) != 0 {
		t.Errorf("Sources of an empty store: got %v, %v", src, err)
	}
	// A file without events is still recorded.
	sum := mustImport(t, s, file("empty.csv", day(2024, 5, 1)))
	if got, want := countsOf(sum), (counts{}); got != want {
		t.Errorf("summary: got %+v, want %+v", got, want)
	}
	src, err = s.Sources(ctx)
	if err != nil || len(src) != 1 || src[0].Events != 0 || !src[0].FirstDay.IsZero() || !src[0].LastDay.IsZero() {
		t.Errorf("Sources after an empty file: got %+v, %v; want one file with no events and no dates", src, err)
	}
}

func testSources(t *testing.T, s dossier.EventStore) {
	ctx := context.Background()
	ev := func(id string, date time.Time, end time.Time, fat int) *dossier.Event {
		return &dossier.Event{Source: dossier.SourceACLED, SourceID: id, Date: date, DateEnd: end,
			DatePrecision: dossier.PrecisionDay, Fatalities: dossier.Int(fat), Raw: id + "," + date.Format("2 January 2006"), Line: fat}
	}
	a := ev("A", day(2020, 1, 5), day(2020, 1, 5), 1)
	b := ev("B", day(2020, 2, 1), day(2020, 2, 29), 2)
	c := ev("C", day(2020, 3, 1), day(2020, 3, 1), 3)
	d := ev("D", day(2020, 4, 1), day(2020, 4, 1), 4)
	e := ev("E", day(2020, 5, 1), day(2020, 5, 31), 5)
	c2 := ev("C", day(2020, 3, 2), day(2020, 3, 2), 30) // corrected date
	f := ev("F", day(2021, 1, 1), day(2021, 1, 3), 6)

	t0 := time.Date(2024, 5, 1, 10, 30, 0, 0, time.UTC)
	f1 := file("acled_2020.csv", t0)
	f1.Format, f1.Source, f1.Licence, f1.SourceVersion = "acled", dossier.SourceACLED, dossier.LicenceACLED, ""
	f2 := file("acled_2020_2021.csv", t0.Add(time.Hour))
	f2.Header = nil

	mustImport(t, s, f1, a, b, c, d, e)
	sum := mustImport(t, s, f2, c2, d, f)
	if got, want := countsOf(sum), (counts{Added: 1, Updated: 1, Unchanged: 1}); got != want {
		t.Errorf("summary of the second file: got %+v, want %+v", got, want)
	}
	// D, unchanged in the second file, stays with the first.
	want := []dossier.SourceFile{
		{ImportFile: f2, Events: 2, FirstDay: day(2020, 3, 2), LastDay: day(2021, 1, 3)},
		{ImportFile: f1, Events: 4, FirstDay: day(2020, 1, 5), LastDay: day(2020, 5, 31)},
	}
	checkSources(t, s, want)

	// The events name the file that last wrote them.
	for _, tc := range []struct {
		id, file string
		line     int
	}{{"A", f1.Name, 1}, {"C", f2.Name, 30}, {"D", f1.Name, 4}, {"F", f2.Name, 6}} {
		got, err := s.Event(ctx, dossier.SourceACLED, tc.id)
		if err != nil {
			t.Fatalf("Event(%s): %v", tc.id, err)
		}
		if got.File != tc.file || got.Line != tc.line {
			t.Errorf("Event(%s): got file %q line %d, want %q line %d", tc.id, got.File, got.Line, tc.file, tc.line)
		}
	}

	// Importing the first file again writes its version of C back, and
	// updates the file's record rather than adding one.
	f1.ImportedAt = t0.Add(2 * time.Hour)
	sum = mustImport(t, s, f1, a, b, c, d, e)
	if got, want := countsOf(sum), (counts{Updated: 1, Unchanged: 4}); got != want {
		t.Errorf("summary of the first file again: got %+v, want %+v", got, want)
	}
	want = []dossier.SourceFile{
		{ImportFile: f1, Events: 5, FirstDay: day(2020, 1, 5), LastDay: day(2020, 5, 31)},
		{ImportFile: f2, Events: 1, FirstDay: day(2021, 1, 1), LastDay: day(2021, 1, 3)},
	}
	checkSources(t, s, want)

	// Same name, other content: another file. It writes A, changed, but
	// not B, unchanged.
	f3 := f1
	f3.SHA256 = strings.Repeat("ab", 32)
	f3.ImportedAt = t0.Add(3 * time.Hour)
	a3 := ev("A", day(2020, 1, 6), day(2020, 1, 6), 7)
	if got, want := countsOf(mustImport(t, s, f3, a3, b)), (counts{Updated: 1, Unchanged: 1}); got != want {
		t.Errorf("summary of the third file: got %+v, want %+v", got, want)
	}
	want = append([]dossier.SourceFile{{ImportFile: f3, Events: 1, FirstDay: a3.Date, LastDay: a3.DateEnd}}, want...)
	want[1].Events, want[1].FirstDay = 4, day(2020, 2, 1)
	checkSources(t, s, want)
}

func checkSources(t *testing.T, s dossier.EventStore, want []dossier.SourceFile) {
	t.Helper()
	got, err := s.Sources(context.Background())
	if err != nil {
		t.Fatalf("Sources: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("Sources: got %d files, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.ImportedAt.Equal(w.ImportedAt) || !g.FirstDay.Equal(w.FirstDay) || !g.LastDay.Equal(w.LastDay) {
			t.Errorf("Sources[%d] %s: got imported %v, dates %v–%v; want %v, %v–%v", i, w.Name,
				g.ImportedAt, g.FirstDay, g.LastDay, w.ImportedAt, w.FirstDay, w.LastDay)
		}
		g.ImportedAt, g.FirstDay, g.LastDay = w.ImportedAt, w.FirstDay, w.LastDay
		if !reflect.DeepEqual(g, w) {
			t.Errorf("Sources[%d]:\ngot  %+v\nwant %+v", i, g, w)
		}
	}
}

func testStopEvents(t *testing.T, s dossier.EventStore) {
	mustImport(t, s, file("three.csv", day(2024, 5, 1)), roundTripEvents()...)
	errStop := errors.New("stop")
	calls := 0
	err := s.Events(context.Background(), dossier.EventFilter{}, func(*dossier.Event) error {
		calls++
		return errStop
	})
	if !errors.Is(err, errStop) || calls != 1 {
		t.Errorf("Events with fn failing: got %v after %d calls, want %v after 1", err, calls, errStop)
	}
	// The store is still usable.
	if n, err := s.CountEvents(context.Background(), dossier.EventFilter{}); err != nil || n != 4 {
		t.Errorf("CountEvents after a stopped Events: got %d, %v", n, err)
	}
}

// testMany imports enough events to cross the batch sizes of bulk loaders.
func testMany(t *testing.T, s dossier.EventStore) {
	const n = 5000
	events := make([]*dossier.Event, n)
	for i := range events {
		e := &dossier.Event{
			Source:        dossier.SourceACLED,
			SourceID:      fmt.Sprintf("MLI%05d", i),
			Date:          day(2018, 1, 1).AddDate(0, 0, i%365),
			DatePrecision: dossier.PrecisionDay,
			Country:       "MLI",
			Fatalities:    dossier.Int(i % 7),
			Raw:           fmt.Sprintf("MLI%05d,%d,\"row\n%d\"", i, i, i),
			Line:          i + 2,
		}
		e.DateEnd = e.Date
		for j := range i % 4 {
			e.Actors = append(e.Actors, dossier.Actor{Name: fmt.Sprintf("Actor %d", (i+j)%11), Role: dossier.RolePerpetrator})
		}
		events[i] = e
	}
	f := file("many.csv", day(2024, 5, 1))
	if got, want := countsOf(mustImport(t, s, f, events...)), (counts{Added: n}); got != want {
		t.Errorf("summary: got %+v, want %+v", got, want)
	}
	want := make([]*dossier.Event, n)
	for i, e := range events {
		want[i] = stored(e, f.Name)
	}
	sort.SliceStable(want, func(i, j int) bool { return less(want[i], want[j]) })
	if d := diffEvents(all(t, s, dossier.EventFilter{}), want); d != "" {
		t.Errorf("Events:\n%.2000s", d)
	}
	events[4321].Fatalities = dossier.Int(100)
	if got, want := countsOf(mustImport(t, s, f, events...)), (counts{Updated: 1, Unchanged: n - 1}); got != want {
		t.Errorf("re-import summary: got %+v, want %+v", got, want)
	}
}

// less orders events as Events does: by date (undated last), then key.
func less(a, b *dossier.Event) bool {
	if !a.Date.Equal(b.Date) {
		if a.Date.IsZero() || b.Date.IsZero() {
			return b.Date.IsZero()
		}
		return a.Date.Before(b.Date)
	}
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	return a.SourceID < b.SourceID
}

// subtest is one test of a conformance suite.
type subtest[S any] struct {
	name string
	fn   func(t *testing.T, s S)
}

// runSubtests runs each test in a subtest of its own on a new store from
// open, closed (and checked) at its end.
func runSubtests[S interface{ Close() error }](t *testing.T, open func(t *testing.T) S, tests []subtest[S]) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}()
			tt.fn(t, s)
		})
	}
}
