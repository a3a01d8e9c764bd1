package metrics_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"dossier"
	"dossier/metrics"
)

var (
	sources  = []dossier.Source{dossier.SourceGTD, dossier.SourceACLED, dossier.SourceUCDP, dossier.SourceGDELT, dossier.SourceCurated, "user"}
	roles    = []dossier.Role{dossier.RolePerpetrator, dossier.RoleAssociated, dossier.RoleTarget, ""}
	ucdpKind = []string{"state-based", "non-state", "one-sided", "", "9"}
)

// eventsFrom decodes arbitrary bytes into events, so that the fuzzer can
// explore every combination of missing, odd and extreme values.
func eventsFrom(data []byte) []*dossier.Event {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := int(data[0])
		data = data[1:]
		return b
	}
	opt := func() *int {
		switch v := next(); {
		case v < 40:
			return nil
		case v > 250:
			return dossier.Int(1 << 30)
		default:
			return dossier.Int(v - 40)
		}
	}
	var out []*dossier.Event
	for len(data) > 0 {
		types := dossier.EventTypes()
		e := &dossier.Event{
			Source:     sources[next()%len(sources)],
			SourceID:   fmt.Sprint(len(out)),
			Date:       time.Date(1970+next()%80, time.Month(next()%14), next()%33, 0, 0, 0, 0, time.UTC),
			Type:       types[next()%len(types)],
			SourceType: ucdpKind[next()%len(ucdpKind)],
			Country:    []string{"", "AFG", "PAK", "XXX"}[next()%4],
			Admin1:     []string{"", "A", "a", "B"}[next()%4],
		}
		e.DateEnd = e.Date.AddDate(0, 0, next()%40-5)
		e.Fatalities, e.FatalitiesLow, e.FatalitiesHigh, e.Injuries, e.Hostages = opt(), opt(), opt(), opt(), opt()
		if v := next(); v%3 != 0 {
			e.Suicide = dossier.Bool(v%3 == 1)
		}
		if v := next(); v%3 != 0 {
			e.Doubtful = dossier.Bool(v%3 == 1)
		}
		cats := dossier.TargetCategories()
		for n := next() % 4; n > 0; n-- {
			e.TargetCategories = append(e.TargetCategories, cats[next()%len(cats)])
		}
		for n := next() % 4; n > 0; n-- {
			e.Actors = append(e.Actors, dossier.Actor{
				Name:       []string{"Government of X", "G", "H", ""}[next()%4],
				Role:       roles[next()%len(roles)],
				GroupID:    []string{"", "g", "h"}[next()%3],
				Uncertain:  next()%2 == 0,
				Confidence: float64(next()) / 255,
			})
		}
		if next()%5 == 0 {
			out = append(out, nil)
		}
		out = append(out, e)
	}
	return out
}

func FuzzProfile(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("the quick brown fox jumps over the lazy dog, again and again and again"))
	f.Add([]byte{0, 10, 3, 5, 0, 2, 1, 1, 1, 50, 60, 70, 80, 90, 1, 1, 2, 0, 1, 3, 1, 1, 0, 200})
	f.Fuzz(func(t *testing.T, data []byte) {
		events := eventsFrom(data)
		o := metrics.DefaultOptions()
		if len(data) > 0 {
			o.CertainOnly = data[0]%2 == 0
			o.ExcludeDoubtful = data[0]%3 == 0
			o.UnknownDeaths = []metrics.UnknownDeaths{metrics.UnknownAsZero, metrics.UnknownExcluded, ""}[int(data[0])%3]
			o.OverlapDays = int(data[0]%5) - 1
		}
		w := metrics.Window{From: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)}
		st := metrics.Profile(events, "g", w, o)
		if st.Attacks < st.UncertainAttacks || st.Attacks < 0 {
			t.Fatalf("attacks %d < uncertain %d", st.Attacks, st.UncertainAttacks)
		}
		if st.Impact.Low > st.Impact.Score+1e-9 && !o.CertainOnly {
			// low counts fewer attributions with lower estimates
			t.Fatalf("impact low %v > score %v", st.Impact.Low, st.Impact.Score)
		}
		if st.Impact.High+1e-9 < st.Impact.Score {
			t.Fatalf("impact high %v < score %v", st.Impact.High, st.Impact.Score)
		}
		var months int
		for _, p := range st.ByMonth {
			months += p.Attacks
		}
		if months != st.Attacks {
			t.Fatalf("monthly series sums to %d, attacks %d", months, st.Attacks)
		}
		if _, err := json.Marshal(st); err != nil {
			t.Fatalf("JSON: %v", err)
		}
		tot := metrics.Totals(events, w, o)
		if _, err := metrics.Rank(tot, metrics.ByImpact); err != nil {
			t.Fatal(err)
		}
		by := metrics.CountryYearTotals(events, o)
		for _, c := range metrics.GTI(by, 2000) {
			if c.Score < 0 || c.Score > 10 {
				t.Fatalf("GTI score %v out of 0..10", c.Score)
			}
		}
	})
}

// benchEvents returns n synthetic events over 20 years, a third of them
// the group's.
func benchEvents(n int) []*dossier.Event {
	r := rand.New(rand.NewPCG(1, 2))
	groups := []string{"g", "h", "", "i"}
	out := make([]*dossier.Event, n)
	for i := range out {
		d := time.Date(2002+r.IntN(20), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		src := sources[r.IntN(3)]
		e := &dossier.Event{
			Source: src, SourceID: fmt.Sprint(i), Date: d, DateEnd: d,
			Type:       []dossier.EventType{dossier.TypeBombing, dossier.TypeBattle, dossier.TypeArmedAssault, dossier.TypeProtest}[r.IntN(4)],
			SourceType: ucdpKind[r.IntN(3)],
			Country:    []string{"AFG", "PAK", "IRQ", "SYR"}[r.IntN(4)],
			Admin1:     fmt.Sprint("P", r.IntN(30)),
			Fatalities: dossier.Int(r.IntN(20)), Injuries: dossier.Int(r.IntN(30)),
			TargetCategories: []dossier.TargetCategory{dossier.TargetCategories()[r.IntN(17)]},
			Actors: []dossier.Actor{
				{Name: "Government of X", Role: dossier.RolePerpetrator},
				{Name: "G", Role: dossier.RolePerpetrator, GroupID: groups[r.IntN(len(groups))], Uncertain: r.IntN(10) == 0},
			},
		}
		if r.IntN(4) == 0 {
			e.Fatalities = nil
		}
		out[i] = e
	}
	return out
}

func BenchmarkProfile200k(b *testing.B) {
	events := benchEvents(200_000)
	w := metrics.Window{From: time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	for b.Loop() {
		metrics.Profile(events, "g", w, metrics.DefaultOptions())
	}
}

func BenchmarkTotals200k(b *testing.B) {
	events := benchEvents(200_000)
	b.ReportAllocs()
	for b.Loop() {
		metrics.Totals(events, metrics.Window{}, metrics.DefaultOptions())
	}
}
