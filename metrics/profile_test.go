package metrics_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"dossier"
	"dossier/metrics"
)

// fixture is a hand-made event set for group "g". The expected figures in
// TestProfile are worked out by hand from it; see the comments there.
func fixture() []*dossier.Event {
	gov := perp("Government of Pakistan", "")

	e1 := place(with(ev(dossier.SourceGTD, "1", day(2021, 3, 10), dossier.TypeBombing, perp("G", "g")), 10, 20, 0), "AFG", "Nangarhar")
	e1.Suicide = dossier.Bool(true)
	e1.TargetCategories = []dossier.TargetCategory{dossier.TargetCivilians}
	e1.Licence = dossier.LicenceGTD

	e2 := place(with(ev(dossier.SourceGTD, "2", day(2021, 3, 11), dossier.TypeArmedAssault, uncertainPerp("G", "g")), -1, 5, -1), "AFG", "Nangarhar")
	e2.Suicide = dossier.Bool(false)
	e2.TargetCategories = []dossier.TargetCategory{dossier.TargetPolice}
	e2.Licence = dossier.LicenceGTD

	e3 := place(with(ev(dossier.SourceACLED, "AFG3", day(2021, 3, 11), dossier.TypeBattle, perp("G", "g"), target("Military Forces", "")), 4, -1, -1), "AFG", "nangarhar")
	e3.TargetCategories = []dossier.TargetCategory{dossier.TargetMilitary}
	e3.Licence = dossier.LicenceACLED

	// Battle where the group is actor2: not its attack.
	e4 := place(with(ev(dossier.SourceACLED, "AFG4", day(2021, 6, 1), dossier.TypeBattle, perp("Military Forces", ""), target("G", "g")), 100, -1, -1), "AFG", "Kunar")

	e5 := place(with(ev(dossier.SourceUCDP, "5", day(2021, 7, 15), dossier.TypeBattle, gov, perp("G", "g")), 7, -1, -1), "PAK", "Khyber Pakhtunkhwa")
	e5.SourceType = "state-based"
	e5.FatalitiesLow, e5.FatalitiesHigh = dossier.Int(5), dossier.Int(12)
	e5.Licence = dossier.LicenceUCDP
	e5.SourceVersion = "23.1"

	// Before the window: counts for the trend and the impact score only.
	e6 := place(with(ev(dossier.SourceUCDP, "6", day(2020, 12, 31), dossier.TypeOneSidedViolence, perp("G", "g"), target("Civilians", "")), 3, -1, -1), "PAK", "Khyber Pakhtunkhwa")
	e6.SourceType = "one-sided"
	e6.FatalitiesLow, e6.FatalitiesHigh = dossier.Int(3), dossier.Int(3)

	// GDELT: never counts by default.
	e7 := place(with(ev(dossier.SourceGDELT, "7", day(2021, 8, 1), dossier.TypeMassViolence, perp("G", "g")), 50, -1, -1), "AFG", "Kabul")

	e8 := place(with(ev(dossier.SourceACLED, "AFG8", day(2021, 12, 31), dossier.TypeArmedAssault, perp("G", "g")), 0, -1, 2), "AFG", "Kabul")
	e8.TargetCategories = []dossier.TargetCategory{dossier.TargetCivilians, dossier.TargetJournalists}

	// Another group's attack.
	e9 := place(with(ev(dossier.SourceGTD, "9", day(2021, 5, 5), dossier.TypeBombing, perp("H", "h")), 30, 30, -1), "AFG", "Nangarhar")

	// After the window.
	e10 := place(with(ev(dossier.SourceGTD, "10", day(2022, 1, 1), dossier.TypeBombing, perp("G", "g")), 1, 1, -1), "AFG", "Kabul")

	return []*dossier.Event{e1, e2, e3, e4, e5, e6, e7, e8, e9, e10}
}

var year2021 = metrics.Window{From: day(2021, 1, 1), To: day(2021, 12, 31)}

func TestProfile(t *testing.T) {
	st := metrics.Profile(fixture(), "g", year2021, metrics.DefaultOptions())

	// Counted in the window: e1, e2, e3, e5, e8 (e4 battle as actor2, e7
	// GDELT; e6 and e10 outside; e9 another group).
	type figures struct {
		Attacks, Uncertain           int
		Best, Low, High, UnknownDead int
		Injuries, UnknownInjuries    int
		Hostages, UnknownHostages    int
	}
	got := figures{st.Attacks, st.UncertainAttacks, st.Deaths.Best, st.Deaths.Low, st.Deaths.High, st.Deaths.Unknown,
		st.Injuries.Total, st.Injuries.Unknown, st.Hostages.Total, st.Hostages.Unknown}
	want := figures{
		Attacks: 5, Uncertain: 1, // e2 is guncertain
		Best:        21,                     // 10 + ? + 4 + 7 + 0
		Low:         19,                     // 10 + ? + 4 + 5 + 0
		High:        26,                     // 10 + ? + 4 + 12 + 0
		UnknownDead: 1,                      // e2
		Injuries:    25, UnknownInjuries: 3, // 20 + 5; e3, e5, e8 unknown
		Hostages: 2, UnknownHostages: 3, // 0 + 2; e2, e3, e5 unknown
	}
	if got != want {
		t.Errorf("figures = %+v, want %+v", got, want)
	}

	ratios := []struct {
		name string
		got  metrics.Ratio
		want *float64
	}{
		{"lethality", st.Lethality, f(21.0 / 5)},         // unknown toll counts as 0
		{"suicide share", st.SuicideShare, f(1.0 / 2)},   // e1 yes, e2 no, others unknown
		{"civilian share", st.CivilianShare, f(2.0 / 4)}, // e1, e8 of e1, e2, e3, e8
	}
	for _, r := range ratios {
		if r.got.Value == nil || *r.got.Value != *r.want {
			t.Errorf("%s = %v, want %v", r.name, ptr(r.got.Value), *r.want)
		}
		if r.got.Explain == "" {
			t.Errorf("%s has no explanation", r.name)
		}
	}

	keysOf := func(ss []metrics.Share) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Key)
		}
		return out
	}
	mixes := []struct {
		name string
		got  []string
		want []string
	}{
		// civilians 2; then 1 each, by deaths (military 4) then key.
		{"targets", keysOf(st.Targets), []string{"civilians", "military", "journalists_media", "police"}},
		// battle e3, e5 (2, 11 deaths); armed_assault e2, e8 (2, 0); bombing e1 (1).
		{"attack types", keysOf(st.AttackTypes), []string{"battle", "armed_assault", "bombing"}},
		{"countries", keysOf(st.Countries), []string{"AFG", "PAK"}},
		// Nangarhar and nangarhar are one province: e1, e2, e3.
		{"provinces", keysOf(st.Provinces), []string{"AFG/Nangarhar", "PAK/Khyber Pakhtunkhwa", "AFG/Kabul"}},
	}
	for _, m := range mixes {
		if !reflect.DeepEqual(m.got, m.want) {
			t.Errorf("%s = %v, want %v", m.name, m.got, m.want)
		}
	}
	if got, want := st.Provinces[0].Attacks, 3; got != want {
		t.Errorf("Nangarhar attacks = %d, want %d", got, want)
	}
	if got, want := st.Countries[0].Deaths, 14; got != want { // 10 + 4 + 0
		t.Errorf("AFG deaths = %d, want %d", got, want)
	}
	if got, want := st.Countries[0].Share, 4.0/5; got != want {
		t.Errorf("AFG share = %v, want %v", got, want)
	}

	if st.First == nil || !st.First.Equal(day(2021, 3, 10)) || st.Last == nil || !st.Last.Equal(day(2021, 12, 31)) {
		t.Errorf("first, last = %v, %v; want 2021-03-10, 2021-12-31", st.First, st.Last)
	}

	if got, want := st.ByYear, []metrics.Period{{Period: "2021", Attacks: 5, Deaths: 21, Injuries: 25, Hostages: 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("by year = %+v, want %+v", got, want)
	}
	// March to December: 10 months, gaps included.
	if got, want := len(st.ByMonth), 10; got != want {
		t.Fatalf("by month has %d periods, want %d", got, want)
	}
	months := map[string]metrics.Period{}
	for _, p := range st.ByMonth {
		months[p.Period] = p
	}
	for _, w := range []metrics.Period{
		{Period: "2021-03", Attacks: 3, Deaths: 14, Injuries: 25},
		{Period: "2021-05"},
		{Period: "2021-07", Attacks: 1, Deaths: 7},
		{Period: "2021-12", Attacks: 1, Deaths: 0, Hostages: 2},
	} {
		if got := months[w.Period]; got != w {
			t.Errorf("month %s = %+v, want %+v", w.Period, got, w)
		}
	}

	var largest []string
	for _, a := range st.Largest {
		largest = append(largest, a.Key)
	}
	// By deaths: 10, 7, 4, 0, unknown last.
	if want := []string{"gtd:1", "ucdp:5", "acled:AFG3", "acled:AFG8", "gtd:2"}; !reflect.DeepEqual(largest, want) {
		t.Errorf("largest = %v, want %v", largest, want)
	}
	if st.Largest[0].Licence != dossier.LicenceGTD || !st.Largest[0].Certain || st.Largest[4].Certain {
		t.Errorf("largest[0] licence %q certain %v, largest[4] certain %v; want GTD licence, true, false", st.Largest[0].Licence, st.Largest[0].Certain, st.Largest[4].Certain)
	}

	wantExcluded := map[string]int{metrics.ReasonBattleTarget: 1, metrics.ReasonSourceExcluded: 1}
	if !reflect.DeepEqual(st.Excluded, wantExcluded) {
		t.Errorf("excluded = %v, want %v", st.Excluded, wantExcluded)
	}

	type cov struct {
		Source          dossier.Source
		Events, Attacks int
	}
	var gotCov []cov
	for _, s := range st.Sources {
		gotCov = append(gotCov, cov{s.Source, s.Events, s.Attacks})
	}
	wantCov := []cov{{"acled", 3, 2}, {"gdelt", 1, 0}, {"gtd", 2, 2}, {"ucdp", 1, 1}}
	if !reflect.DeepEqual(gotCov, wantCov) {
		t.Errorf("sources = %v, want %v", gotCov, wantCov)
	}
	if got := st.Sources[3].Versions; !reflect.DeepEqual(got, []string{"23.1"}) {
		t.Errorf("ucdp versions = %v, want [23.1]", got)
	}

	// e1 (gtd, 10 Mar) and e2 (gtd, 11 Mar) each pair with e3 (acled, 11
	// Mar) in Nangarhar; e1–e2 share a source.
	if got, want := st.Overlaps.PossibleDuplicates, 2; got != want {
		t.Errorf("possible duplicates = %d, want %d", got, want)
	}
	if got, want := st.Overlaps.Attacks, 3; got != want {
		t.Errorf("overlapping attacks = %d, want %d", got, want)
	}
	if len(st.Overlaps.Pairs) != 1 || st.Overlaps.Pairs[0].Sources != [2]dossier.Source{"acled", "gtd"} || st.Overlaps.Warning == "" {
		t.Errorf("overlap pairs = %+v, warning %q; want one acled–gtd pair and a warning", st.Overlaps.Pairs, st.Overlaps.Warning)
	}

	for _, k := range []string{"attacks", "deaths", "injuries", "hostages", "lethality", "suicide_share", "civilian_share", "targets", "trend", "impact", "overlaps"} {
		if st.Explain[k] == "" {
			t.Errorf("no explanation for %s", k)
		}
	}
	if _, err := json.Marshal(st); err != nil {
		t.Errorf("GroupStats does not encode as JSON: %v", err)
	}
}

func ptr(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestProfileImpactRange(t *testing.T) {
	st := metrics.Profile(fixture(), "g", year2021, metrics.DefaultOptions())
	im := st.Impact
	// raw(2021), best: 5 incidents + 3·21 + 0.5·25 + 0.5·2 = 5 + 63 + 12.5 + 1 = 81.5
	// raw(2020): e6, 1 + 3·3 = 10
	// score = (16·81.5 + 8·10) / 5 = 1384 / 5 = 276.8
	// low, certain only (e2 out) with low estimates: 4 + 3·19 + 0.5·20 + 0.5·2 = 72;
	//   (16·72 + 8·10) / 5 = 1232 / 5 = 246.4
	// high, all with high estimates: 5 + 3·26 + 12.5 + 1 = 96.5;
	//   (16·96.5 + 8·10) / 5 = 1624 / 5 = 324.8
	got := [4]float64{float64(im.Year), im.Score, im.Low, im.High}
	want := [4]float64{2021, 276.8, 246.4, 324.8}
	if got != want {
		t.Errorf("impact (year, score, low, high) = %v, want %v", got, want)
	}
	if len(im.Components) != 5 || im.Components[0].Raw != 81.5 || im.Components[1].Raw != 10 || im.Components[1].Weight != 8 {
		t.Errorf("components = %+v, want raw 81.5 (w 16), 10 (w 8), …", im.Components)
	}

	// Without uncertain attributions and ranges the range collapses.
	var certain []*dossier.Event
	for _, e := range fixture() {
		if e.Source == dossier.SourceUCDP || e.SourceID == "2" {
			continue
		}
		certain = append(certain, e)
	}
	st = metrics.Profile(certain, "g", year2021, metrics.DefaultOptions())
	if st.Impact.Low != st.Impact.Score || st.Impact.High != st.Impact.Score {
		t.Errorf("certain-only impact range = %v..%v around %v, want all equal", st.Impact.Low, st.Impact.High, st.Impact.Score)
	}
}

func TestProfileOptions(t *testing.T) {
	o := metrics.DefaultOptions()
	o.UnknownDeaths = metrics.UnknownExcluded
	st := metrics.Profile(fixture(), "g", year2021, o)
	// 21 deaths over the 4 attacks of known toll.
	if v := st.Lethality.Value; v == nil || *v != 21.0/4 {
		t.Errorf("lethality excluding unknown tolls = %v, want %v", ptr(v), 21.0/4)
	}

	o = metrics.DefaultOptions()
	o.CertainOnly = true
	st = metrics.Profile(fixture(), "g", year2021, o)
	if st.Attacks != 4 || st.UncertainAttacks != 0 || st.Excluded[metrics.ReasonUncertain] != 1 {
		t.Errorf("certain only: attacks %d, uncertain %d, excluded %v; want 4, 0, one uncertain", st.Attacks, st.UncertainAttacks, st.Excluded)
	}

	o = metrics.DefaultOptions()
	o.Largest = 2
	st = metrics.Profile(fixture(), "g", year2021, o)
	if len(st.Largest) != 2 || st.Largest[1].Key != "ucdp:5" {
		t.Errorf("largest 2 = %+v, want gtd:1, ucdp:5", st.Largest)
	}

	// Open window: everything the group did, e6 to e10.
	st = metrics.Profile(fixture(), "g", metrics.Window{}, metrics.DefaultOptions())
	if st.Attacks != 7 || st.Impact.Year != 2022 {
		t.Errorf("open window: attacks %d, impact year %d; want 7, 2022", st.Attacks, st.Impact.Year)
	}

	// Unknown group: zero figures, nil ratios.
	st = metrics.Profile(fixture(), "nobody", year2021, metrics.DefaultOptions())
	if st.Attacks != 0 || st.Lethality.Value != nil || st.First != nil || st.Trend.Direction != "none" || st.Impact.Score != 0 {
		t.Errorf("unknown group: %+v", st)
	}
}

func TestTrendMonthBoundaries(t *testing.T) {
	g := func(id string, d time.Time, deaths int) *dossier.Event {
		return with(ev(dossier.SourceGTD, id, d, dossier.TypeBombing, perp("G", "g")), deaths, 0, 0)
	}
	events := []*dossier.Event{
		g("a", day(2019, 12, 31), 100),                             // before both periods
		g("b", day(2020, 1, 1), 1),                                 // previous: first day
		g("c", time.Date(2020, 12, 31, 23, 59, 0, 0, time.UTC), 2), // previous: last minute
		g("d", day(2021, 1, 1), 3),                                 // recent: first day
		g("e", day(2021, 12, 31), 4),                               // recent: last day
		g("f", day(2022, 1, 1), 1000),                              // after
	}
	tests := []struct {
		name   string
		window metrics.Window
		want   metrics.Trend
	}{
		{"window ends 31 Dec 2021", metrics.Window{To: day(2021, 12, 31)}, metrics.Trend{
			Months: 12, RecentFrom: "2021-01", RecentTo: "2021-12", PreviousFrom: "2020-01", PreviousTo: "2020-12",
			Recent:   metrics.Period{Period: "2021-01/2021-12", Attacks: 2, Deaths: 7},
			Previous: metrics.Period{Period: "2020-01/2020-12", Attacks: 2, Deaths: 3},
			// (2−2)/2 = 0 %; (7−3)/3·100 = 133.333 %
			AttacksChange: f(0), DeathsChange: f(133.333), Direction: "flat",
		}},
		{"window ends mid-month counts the whole month", metrics.Window{To: day(2021, 12, 15)}, metrics.Trend{
			Months: 12, RecentFrom: "2021-01", RecentTo: "2021-12", PreviousFrom: "2020-01", PreviousTo: "2020-12",
			Recent:        metrics.Period{Period: "2021-01/2021-12", Attacks: 2, Deaths: 7},
			Previous:      metrics.Period{Period: "2020-01/2020-12", Attacks: 2, Deaths: 3},
			AttacksChange: f(0), DeathsChange: f(133.333), Direction: "flat",
		}},
		{"window ends 1 Jan 2022", metrics.Window{To: day(2022, 1, 1)}, metrics.Trend{
			Months: 12, RecentFrom: "2021-02", RecentTo: "2022-01", PreviousFrom: "2020-02", PreviousTo: "2021-01",
			// recent: e (4), f (1000); previous: c (2), d (3)
			Recent:        metrics.Period{Period: "2021-02/2022-01", Attacks: 2, Deaths: 1004},
			Previous:      metrics.Period{Period: "2020-02/2021-01", Attacks: 2, Deaths: 5},
			AttacksChange: f(0), DeathsChange: f(19980), Direction: "flat",
		}},
		{"window ends 31 Jan 2020", metrics.Window{To: day(2020, 1, 31)}, metrics.Trend{
			Months: 12, RecentFrom: "2019-02", RecentTo: "2020-01", PreviousFrom: "2018-02", PreviousTo: "2019-01",
			Recent:    metrics.Period{Period: "2019-02/2020-01", Attacks: 2, Deaths: 101},
			Previous:  metrics.Period{Period: "2018-02/2019-01"},
			Direction: "new",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metrics.Profile(events, "g", tt.window, metrics.DefaultOptions()).Trend
			got.Explain = ""
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("trend =\n%+v (changes %v, %v)\nwant\n%+v (changes %v, %v)", got, ptr(got.AttacksChange), ptr(got.DeathsChange), tt.want, ptr(tt.want.AttacksChange), ptr(tt.want.DeathsChange))
			}
		})
	}
	down := metrics.Profile(events[:4], "g", metrics.Window{To: day(2021, 12, 31)}, metrics.DefaultOptions()).Trend
	// recent: d only (1); previous: b, c (2): −50 %
	if down.Direction != "down" || down.AttacksChange == nil || *down.AttacksChange != -50 {
		t.Errorf("trend direction %q change %v, want down −50", down.Direction, ptr(down.AttacksChange))
	}
}
