package metrics_test

import (
	"errors"
	"reflect"
	"testing"

	"dossier"
	"dossier/metrics"
)

func TestImpactScore(t *testing.T) {
	yearly := map[int]metrics.YearTotals{
		2021: {Incidents: 10, Deaths: 5, Injuries: 4, Hostages: 2}, // 10 + 15 + 2 + 1 = 28
		2020: {Incidents: 2},                                       // 2
		2018: {Deaths: 1},                                          // 3
		2017: {Injuries: 2, Hostages: 2},                           // 1 + 1 = 2
		2016: {Incidents: 1000},                                    // out of the five years
	}
	tests := []struct {
		year int
		want float64
	}{
		// (16·28 + 8·2 + 4·0 + 2·3 + 1·2) / 5 = (448 + 16 + 6 + 2) / 5 = 94.4
		{2021, 94.4},
		// (16·0 + 8·28 + 4·2 + 2·0 + 1·3) / 5 = (224 + 8 + 3) / 5 = 47
		{2022, 47},
		// (16·2 + 8·0 + 4·3 + 2·2 + 1·1000) / 5 = (32 + 12 + 4 + 1000) / 5 = 209.6
		{2020, 209.6},
		{1990, 0},
	}
	for _, tt := range tests {
		got := metrics.ImpactScore(yearly, tt.year)
		if got.Score != tt.want {
			t.Errorf("ImpactScore(%d) = %v, want %v", tt.year, got.Score, tt.want)
		}
		if len(got.Components) != 5 || got.Components[0].Year != tt.year || got.Components[4].Year != tt.year-4 || got.Explain == "" {
			t.Errorf("ImpactScore(%d) components %+v, want years %d..%d with an explanation", tt.year, got.Components, tt.year, tt.year-4)
		}
	}
	if got, want := (metrics.YearTotals{Incidents: 1, Deaths: 2, Injuries: 3, Hostages: 5}).Raw(), 1+6+1.5+2.5; got != want {
		t.Errorf("Raw = %v, want %v", got, want)
	}
}

// gtiData is the hand-worked GTI example.
//
//	A 2021: 10 + 3·5 + 0.5·4 + 0.5·2 = 28; 2020: 2
//	  w(2021) = (16·28 + 8·2) / 5 = 92.8; w(2020) = 16·2 / 5 = 6.4
//	B, C 2021: 1 + 3·1 = 4 → w(2021) = 64 / 5 = 12.8 (a tie)
//	D 2019: 1 → w(2021) = 4·1 / 5 = 0.8; w(2019) = 3.2
//	E nothing → 0
//	M = 92.8 (A in 2021)
//	score(A) = 10·ln(93.8)/ln(93.8) = 10
//	score(B) = score(C) = 10·ln(13.8)/ln(93.8) = 5.7797… → 5.780
//	score(D) = 10·ln(1.8)/ln(93.8) = 1.2944… → 1.294
func gtiData() map[string]map[int]metrics.YearTotals {
	return map[string]map[int]metrics.YearTotals{
		"AFG": {2021: {Incidents: 10, Deaths: 5, Injuries: 4, Hostages: 2}, 2020: {Incidents: 2}},
		"MLI": {2021: {Incidents: 1, Deaths: 1}},
		"BFA": {2021: {Incidents: 1, Deaths: 1}},
		"NER": {2019: {Incidents: 1}},
		"ISL": {2021: {}},
	}
}

type rankScore struct {
	Rank  int
	ISO3  string
	Score float64
}

func ranks(cs []metrics.CountryScore) []rankScore {
	var out []rankScore
	for _, c := range cs {
		out = append(out, rankScore{c.Rank, c.ISO3, c.Score})
	}
	return out
}

func TestGTIGolden(t *testing.T) {
	got := metrics.GTI(gtiData(), 2021)
	want := []rankScore{
		{1, "AFG", 10},
		{2, "BFA", 5.78}, // tie: shares rank 2, ordered by code
		{2, "MLI", 5.78},
		{4, "NER", 1.294},
		{5, "ISL", 0},
	}
	if !reflect.DeepEqual(ranks(got), want) {
		t.Errorf("GTI = %+v, want %+v", ranks(got), want)
	}
	if got[0].Weighted != 92.8 || got[0].Incidents != 10 || got[0].Deaths != 5 || got[0].Name != "Afghanistan" {
		t.Errorf("AFG = %+v, want weighted 92.8, 10 incidents, 5 deaths, named", got[0])
	}
	if m := metrics.MaxWeighted(gtiData()); m != 92.8 {
		t.Errorf("MaxWeighted = %v, want 92.8", m)
	}

	// The cap: against a fixed M = 50, AFG's 10·ln(93.8)/ln(51) = 11.55
	// is capped at 10; BFA 10·ln(13.8)/ln(51) = 6.6754… → 6.675;
	// NER 10·ln(1.8)/ln(51) = 1.4949… → 1.495.
	got = metrics.GTIScale(gtiData(), 2021, 50)
	want = []rankScore{{1, "AFG", 10}, {2, "BFA", 6.675}, {2, "MLI", 6.675}, {4, "NER", 1.495}, {5, "ISL", 0}}
	if !reflect.DeepEqual(ranks(got), want) {
		t.Errorf("GTIScale(50) = %+v, want %+v", ranks(got), want)
	}

	// A year before any attack: everyone scores 0 and ties at rank 1.
	for _, c := range metrics.GTI(gtiData(), 2000) {
		if c.Score != 0 || c.Rank != 1 {
			t.Errorf("GTI 2000: %s score %v rank %d, want 0 and 1", c.ISO3, c.Score, c.Rank)
		}
	}
	if got := metrics.GTI(nil, 2021); len(got) != 0 {
		t.Errorf("GTI(nil) = %v, want empty", got)
	}
}

func TestCountryYearTotals(t *testing.T) {
	state := place(with(ev(dossier.SourceACLED, "s", day(2021, 1, 2), dossier.TypeRemoteViolence, perp("Military Forces of Mali", "")), 9, -1, -1), "MLI", "Mopti")
	state.Details = map[string]string{"inter1": "1"}
	rebel := place(with(ev(dossier.SourceACLED, "r", day(2021, 1, 3), dossier.TypeBombing, perp("JNIM", "")), 2, -1, -1), "MLI", "Mopti")
	rebel.Details = map[string]string{"inter1": "Rebel group"}
	battle := place(with(ev(dossier.SourceACLED, "b", day(2021, 1, 3), dossier.TypeBattle, perp("JNIM", "")), 20, -1, -1), "MLI", "Mopti")
	osv := place(with(ev(dossier.SourceUCDP, "o", day(2021, 2, 1), dossier.TypeOneSidedViolence, perp("JNIM", ""), target("Civilians", "")), 4, -1, -1), "MLI", "")
	osv.SourceType = "one-sided"
	govOSV := place(with(ev(dossier.SourceUCDP, "go", day(2021, 2, 1), dossier.TypeOneSidedViolence, perp("Government of Mali", ""), target("Civilians", "")), 40, -1, -1), "MLI", "")
	govOSV.SourceType = "one-sided"
	gtd := place(with(ev(dossier.SourceGTD, "1", day(2020, 5, 1), dossier.TypeBombing, perp("Unknown", "")), -1, 3, 1), "MLI", "")
	gdelt := place(with(ev(dossier.SourceGDELT, "x", day(2021, 5, 1), dossier.TypeMassViolence, perp("X", "")), 99, -1, -1), "MLI", "")
	nowhere := with(ev(dossier.SourceGTD, "2", day(2021, 5, 1), dossier.TypeBombing, perp("Unknown", "")), 1, -1, -1)

	got := metrics.CountryYearTotals([]*dossier.Event{state, rebel, battle, osv, govOSV, gtd, gdelt, nowhere}, metrics.DefaultOptions())
	want := map[string]map[int]metrics.YearTotals{
		"MLI": {
			2021: {Incidents: 2, Deaths: 6},                           // rebel (2) + JNIM one-sided (4)
			2020: {Incidents: 1, Deaths: 0, Injuries: 3, Hostages: 1}, // GTD, unknown toll
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CountryYearTotals = %+v, want %+v", got, want)
	}
}

func TestRank(t *testing.T) {
	groups := []metrics.GroupTotals{
		{GroupID: "a", Attacks: 10, Deaths: 20, Impact: 5},
		{GroupID: "b", Attacks: 4, Deaths: 20, Impact: 9},
		{GroupID: "c", Attacks: 4, Deaths: 2},
		{GroupID: "", Attacks: 50, Deaths: 70},
		{GroupID: "d", Attacks: 0},
	}
	type row struct {
		Rank int
		ID   string
	}
	tests := []struct {
		by   string
		want []row
	}{
		{metrics.ByAttacks, []row{{1, "a"}, {2, "b"}, {2, "c"}, {4, "d"}}},
		{metrics.ByDeaths, []row{{1, "a"}, {1, "b"}, {3, "c"}, {4, "d"}}},
		// b 5, a 2, c 0.5, d 0 (no attacks)
		{metrics.ByLethality, []row{{1, "b"}, {2, "a"}, {3, "c"}, {4, "d"}}},
		{metrics.ByImpact, []row{{1, "b"}, {2, "a"}, {3, "c"}, {3, "d"}}},
	}
	for _, tt := range tests {
		r, err := metrics.Rank(groups, tt.by)
		if err != nil {
			t.Fatalf("Rank(%s): %v", tt.by, err)
		}
		var got []row
		for _, g := range r.Groups {
			got = append(got, row{g.Rank, g.GroupID})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Rank(%s) = %v, want %v", tt.by, got, tt.want)
		}
		if r.Unattributed.Attacks != 50 || r.Unattributed.Deaths != 70 {
			t.Errorf("Rank(%s) unattributed = %+v, want 50 attacks, 70 deaths", tt.by, r.Unattributed)
		}
	}
	_, err := metrics.Rank(groups, "coolness")
	var de *dossier.Error
	if !errors.As(err, &de) || de.Code != dossier.EInvalid {
		t.Errorf("Rank(coolness) error = %v, want a dossier.Error with code invalid", err)
	}
}

func TestTotals(t *testing.T) {
	got := metrics.Totals(fixture(), year2021, metrics.DefaultOptions())
	// g: as in TestProfile, 5 attacks, 21 deaths, 25 injured, 2 hostages,
	//    impact 276.8.
	// h: e9, 30 deaths, 30 injured; raw(2021) = 1 + 90 + 15 = 106 →
	//    16·106 / 5 = 339.2.
	// unattributed: e4 has no resolved perpetrator and is an ACLED battle
	//    initiated by actor1 (100 deaths): raw 1 + 300 = 301 → 963.2.
	want := []metrics.GroupTotals{
		{GroupID: "", Attacks: 1, Deaths: 100, Impact: 963.2},
		{GroupID: "g", Attacks: 5, Deaths: 21, Injuries: 25, Hostages: 2, Impact: 276.8},
		{GroupID: "h", Attacks: 1, Deaths: 30, Injuries: 30, Impact: 339.2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Totals =\n%+v\nwant\n%+v", got, want)
	}
}
