package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	"dossier"
)

// occKey is an actor occurrence as the suite compares them.
type occKey struct {
	name, country string
	date          time.Time
}

func (k occKey) String() string {
	return fmt.Sprintf("%s|%s|%s", k.name, k.country, k.date.Format(time.DateOnly))
}

// occurrencesOf computes, from events, the distinct (name, country, date)
// of perpetrators and associated actors whose import set no group, with
// the number of distinct events of each.
func occurrencesOf(events []*dossier.Event) map[occKey]int {
	seen := map[occKey]map[string]bool{}
	for _, e := range events {
		for _, a := range e.Perpetrators() {
			if a.GroupID != "" {
				continue
			}
			k := occKey{a.Name, e.Country, e.Date}
			if seen[k] == nil {
				seen[k] = map[string]bool{}
			}
			seen[k][e.Key()] = true
		}
	}
	out := map[occKey]int{}
	for k, evs := range seen {
		out[k] = len(evs)
	}
	return out
}

// newOccurrences lists what NewActorOccurrences gives, as sorted
// "name|country|date|events" strings.
func newOccurrences(t *testing.T, s dossier.Registry) []string {
	t.Helper()
	got := []string{}
	err := s.NewActorOccurrences(ctx, func(o dossier.ActorOccurrence) error {
		if !o.Date.IsZero() && o.Date.Location() != time.UTC {
			t.Errorf("new occurrence %q: date %v not in UTC", o.Name, o.Date)
		}
		got = append(got, fmt.Sprintf("%s|%d", occKey{o.Name, o.Country, o.Date}, o.Events))
		return nil
	})
	if err != nil {
		t.Fatalf("NewActorOccurrences: %v", err)
	}
	sort.Strings(got)
	return got
}

// incrementalEvents are a second file's events for resolutionEvents'
// store: a changed event (6, now in PAK), occurrences resolved already
// (by an event, or only by a resolution: IS in AFG on 1 May), the
// undated and countryless contexts of a known name, and new names.
func incrementalEvents() []*dossier.Event {
	ev := func(id, country string, date time.Time, actors ...dossier.Actor) *dossier.Event {
		return &dossier.Event{Source: dossier.SourceGTD, SourceID: id, Date: date, DateEnd: date, DatePrecision: dossier.PrecisionDay,
			Country: country, Type: dossier.TypeAttack, Actors: actors, Raw: id + ",raw,b"}
	}
	perp := func(name string) dossier.Actor { return dossier.Actor{Name: name, Role: dossier.RolePerpetrator} }
	assoc := func(name string) dossier.Actor { return dossier.Actor{Name: name, Role: dossier.RoleAssociated} }
	d1, d2, d3 := day(2019, 5, 1), day(2019, 5, 2), day(2019, 5, 3)
	return []*dossier.Event{
		ev("6", "PAK", d1, perp("Unknown")),
		ev("20", "AFG", d1, perp("Khorasan Chapter of the Islamic State"), perp("IS")),
		ev("21", "PAK", time.Time{}, perp("Lashkar-e-Jhangvi")),
		ev("22", "", d2, perp("Lashkar-e-Jhangvi"), assoc("Jaish-e-Mohammed")),
		ev("23", "", time.Time{}, perp("Lashkar-e-Jhangvi")),
		ev("24", "IND", d3, perp("Hizbul Mujahideen"), dossier.Actor{Name: "Civilians", Role: dossier.RoleTarget}),
		ev("25", "IND", d3, perp("Jaish-e-Mohammed"), assoc("Hizbul Mujahideen")),
		ev("26", "IND", d3, dossier.Actor{Name: "Lashkar-e-Taiba", Role: dossier.RolePerpetrator, GroupID: "let", Confidence: 1, Rule: "curated"}),
		ev("27", "IND", d3, dossier.Actor{Name: "Indian Mujahideen", Role: dossier.RoleTarget}),
	}
}

// testIncrementalResolution checks what resolving only the occurrences of
// newly imported events relies on: NewActorOccurrences lists exactly the
// occurrences without a resolution, and AddResolutions adds theirs while
// every stored resolution stays as it was.
func testIncrementalResolution(t *testing.T, s RegistryStore) {
	if got := newOccurrences(t, s); len(got) != 0 {
		t.Errorf("NewActorOccurrences of an empty store: got %q", got)
	}
	a := resolutionEvents()
	mustImport(t, s, regFile("a.csv"), a...)
	// Before any resolution every occurrence is new.
	want := []string{}
	for k, n := range occurrencesOf(a) {
		want = append(want, fmt.Sprintf("%s|%d", k, n))
	}
	sort.Strings(want)
	if got := newOccurrences(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("NewActorOccurrences before any resolution:\ngot  %q\nwant %q", got, want)
	}
	mustReplace(t, s, resolutions())
	if got := newOccurrences(t, s); len(got) != 0 {
		t.Errorf("NewActorOccurrences after resolving everything: got %q, want none", got)
	}
	before := map[string][]string{}
	for _, e := range all(t, s, dossier.EventFilter{}) {
		before[e.Key()] = actorList(e)
	}

	b := incrementalEvents()
	sum := mustImport(t, s, regFile("b.csv"), b...)
	if sum.Added != len(b)-1 || sum.Updated != 1 {
		t.Fatalf("import of b.csv: %+v, want %d added and 1 updated", sum, len(b)-1)
	}
	// Expected: the occurrences of all events now stored that no
	// resolution covers.
	stored := map[string]*dossier.Event{}
	for _, e := range a {
		stored[e.Key()] = e
	}
	for _, e := range b {
		stored[e.Key()] = e
	}
	var now []*dossier.Event
	for _, e := range stored {
		now = append(now, e)
	}
	resolved := map[occKey]bool{}
	for _, r := range resolutions() {
		resolved[occKey{r.Name, r.Country, r.Date}] = true
	}
	want = []string{}
	var fresh []occKey
	for k, n := range occurrencesOf(now) {
		if !resolved[k] {
			want = append(want, fmt.Sprintf("%s|%d", k, n))
			fresh = append(fresh, k)
		}
	}
	sort.Strings(want)
	if len(want) != 5 { // the suite's own check of its data
		t.Fatalf("expected new occurrences: %q", want)
	}
	if got := newOccurrences(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("NewActorOccurrences after importing b.csv:\ngot  %q\nwant %q", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.NewActorOccurrences(ctx, func(dossier.ActorOccurrence) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("NewActorOccurrences with a failing fn: %d calls, error %v; want 1 call and the fn's error", n, err)
	}

	// Resolutions of the new occurrences; one part each, the composite-
	// free names resolving to made-up groups; plus a different resolution
	// of an occurrence resolved already, which must not replace it.
	var add []dossier.Resolution
	sort.Slice(fresh, func(i, j int) bool { return fresh[i].String() < fresh[j].String() })
	for _, k := range fresh {
		r := dossier.Resolution{Name: k.name, Country: k.country, Date: k.date, Rule: "none"}
		switch k.name {
		case "Hizbul Mujahideen":
			r.GroupID, r.Confidence, r.Rule = "hm", 1, "exact"
		case "Jaish-e-Mohammed":
			r.GroupID, r.Confidence, r.Rule = "jem", 0.9, "fuzzy"
		case "Unknown":
			r.Rule = "unattributed"
		}
		add = append(add, r)
	}
	old := resolutions()[0] // Khorasan Chapter in AFG on 1 May: iskp
	old.GroupID, old.Rule = "someone-else", "exact"
	addAll := func(rs []dossier.Resolution) func(func(dossier.Resolution) error) error {
		return func(write func(dossier.Resolution) error) error {
			for _, r := range rs {
				if err := write(r); err != nil {
					return err
				}
			}
			return nil
		}
	}

	// A failed fill, a resolution written twice and a canceled context
	// add nothing.
	boom := errors.New("boom")
	if err := s.AddResolutions(ctx, func(write func(dossier.Resolution) error) error {
		if err := write(add[0]); err != nil {
			return err
		}
		return boom
	}); !errors.Is(err, boom) {
		t.Errorf("AddResolutions with a failing fill: got %v, want the fill's error", err)
	}
	if err := s.AddResolutions(ctx, addAll(append(add[:len(add):len(add)], add[0]))); dossier.ErrorCode(err) != dossier.EInvalid {
		t.Errorf("AddResolutions with a resolution written twice: got %v, want an EInvalid error", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.AddResolutions(cctx, addAll(add)); !errors.Is(err, context.Canceled) {
		t.Errorf("AddResolutions with a canceled context: got %v, want context.Canceled", err)
	}
	if got := newOccurrences(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("NewActorOccurrences after failed additions:\ngot  %q\nwant %q", got, want)
	}

	if err := s.AddResolutions(ctx, addAll(append([]dossier.Resolution{old}, add...))); err != nil {
		t.Fatalf("AddResolutions: %v", err)
	}
	if got := newOccurrences(t, s); len(got) != 0 {
		t.Errorf("NewActorOccurrences after adding their resolutions: got %q, want none", got)
	}

	// Events of a.csv read as before (but the changed event 6); the new
	// ones read the added resolutions, and those resolved already by a
	// stored resolution read that.
	wantActors := map[string][]string{
		"gtd:6": {"Unknown/perpetrator//0.00/unattributed/false"},
		"gtd:20": {"Khorasan Chapter of the Islamic State/perpetrator/iskp/1.00/exact/false",
			"IS/perpetrator/iskp/1.00/scoped/false"},
		"gtd:21": {"Lashkar-e-Jhangvi/perpetrator//0.00/none/false"},
		"gtd:22": {"Lashkar-e-Jhangvi/perpetrator//0.00/none/false", "Jaish-e-Mohammed/associated/jem/0.90/fuzzy/false"},
		"gtd:23": {"Lashkar-e-Jhangvi/perpetrator//0.00/none/false"},
		"gtd:24": {"Hizbul Mujahideen/perpetrator/hm/1.00/exact/false", "Civilians/target//0.00//false"},
		"gtd:25": {"Jaish-e-Mohammed/perpetrator/jem/0.90/fuzzy/false", "Hizbul Mujahideen/associated/hm/1.00/exact/false"},
		"gtd:26": {"Lashkar-e-Taiba/perpetrator/let/1.00/curated/false"},
		"gtd:27": {"Indian Mujahideen/target//0.00//false"},
	}
	got := map[string][]string{}
	for _, e := range all(t, s, dossier.EventFilter{}) {
		got[e.Key()] = actorList(e)
	}
	for k, w := range before {
		if _, ok := wantActors[k]; !ok {
			wantActors[k] = w
		}
	}
	if !reflect.DeepEqual(got, wantActors) {
		for k := range wantActors {
			if !reflect.DeepEqual(got[k], wantActors[k]) {
				t.Errorf("after adding resolutions, %s actors:\ngot  %q\nwant %q", k, got[k], wantActors[k])
			}
		}
		if len(got) != len(wantActors) {
			t.Errorf("after adding resolutions: %d events, want %d", len(got), len(wantActors))
		}
	}

	// Adding the same again changes nothing.
	if err := s.AddResolutions(ctx, addAll(add)); err != nil {
		t.Fatalf("AddResolutions again: %v", err)
	}
	for _, e := range all(t, s, dossier.EventFilter{}) {
		if g := actorList(e); !reflect.DeepEqual(g, wantActors[e.Key()]) {
			t.Errorf("after adding resolutions again, %s actors:\ngot  %q\nwant %q", e.Key(), g, wantActors[e.Key()])
		}
	}
}
