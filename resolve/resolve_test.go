package resolve_test

import (
	"testing"
	"time"

	"dossier"
	"dossier/resolve"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Tehrik-i-Taliban Pakistan (TTP)", "tehrik i taliban pakistan ttp"},
		{"Jamā‘at Nuṣrat al-Islām wal-Muslimīn", "jamaat nusrat al islam wal muslimin"},
		{"  ISIS-K ", "isis k"},
		{"ＩＳＫＰ", "iskp"}, // full-width, NFKC
		{"Lashkar-e-Jhangvi", "lashkar e jhangvi"},
		{"Hay'at Tahrir al-Sham", "hayat tahrir al sham"},
		{"Straße", "strasse"},
		{"", ""},
	} {
		if got := resolve.Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func kb() *resolve.Resolver {
	groups := []dossier.Group{
		{ID: "iskp", Name: "Islamic State Khorasan Province"},
		{ID: "islamic-state", Name: "Islamic State"},
		{ID: "ttp", Name: "Tehrik-i-Taliban Pakistan"},
		{ID: "jnim", Name: "Jama'at Nusrat al-Islam wal-Muslimin"},
		{ID: "isgs", Name: "Islamic State in the Greater Sahara"},
		{ID: "taliban", Name: "Taliban"},
	}
	aliases := []dossier.Alias{
		{GroupID: "iskp", Name: "ISIS-K"}, {GroupID: "iskp", Name: "ISKP"},
		{GroupID: "iskp", Name: "Khorasan Chapter of the Islamic State"},
		{GroupID: "iskp", Name: "IS", Countries: []string{"AFG", "PAK"}, From: "2015"},
		{GroupID: "islamic-state", Name: "IS"}, {GroupID: "islamic-state", Name: "ISIS"},
		{GroupID: "ttp", Name: "TTP"},
		{GroupID: "jnim", Name: "JNIM"}, {GroupID: "jnim", Name: "Group for Support of Islam and Muslims"},
		{GroupID: "isgs", Name: "Islamic State (Sahel)"},
	}
	return resolve.New(groups, aliases)
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestResolve(t *testing.T) {
	r := kb()
	for _, tc := range []struct {
		name, country, date string
		group, rule         string
	}{
		{"ISIS-K", "", "", "iskp", resolve.RuleExact},
		{"isis k", "", "", "iskp", resolve.RuleExact},
		{"Khorasan Chapter of the Islamic State", "AFG", "2021-08-26", "iskp", resolve.RuleExact},
		{"IS", "AFG", "2019-01-01", "iskp", resolve.RuleScoped},
		{"IS", "PAK", "2016-05-01", "iskp", resolve.RuleScoped},
		{"IS", "AFG", "2010-01-01", "islamic-state", resolve.RuleExact}, // before the branch existed
		{"IS", "SYR", "2019-01-01", "islamic-state", resolve.RuleExact},
		{"Tehrik-i-Taliban Pakistan (TTP)", "PAK", "", "ttp", resolve.RuleAcronym}, // GTD writes the acronym after the name
		{"JNIM: Group for Support of Islam and Muslims", "MLI", "", "jnim", resolve.RuleExact},
		{"Khorasan Chapter of the Islamic Stat", "", "", "iskp", resolve.RuleFuzzy},
		{"Unknown", "", "", "", resolve.RuleUnattributed},
		{"Unidentified Armed Group (Benin)", "BEN", "", "", resolve.RuleUnattributed},
		{"Civilians (Mali)", "MLI", "", "", resolve.RuleGeneric},
		{"Military Forces of Mali (2013-)", "MLI", "", "", resolve.RuleGeneric},
		{"Some Group Nobody Knows", "", "", "", resolve.RuleNone},
	} {
		var d time.Time
		if tc.date != "" {
			d = day(tc.date)
		}
		ms := r.Resolve(tc.name, tc.country, d)
		if len(ms) != 1 {
			t.Fatalf("Resolve(%q) gave %d matches, want 1", tc.name, len(ms))
		}
		m := ms[0]
		if m.GroupID != tc.group || m.Rule != tc.rule {
			t.Errorf("Resolve(%q, %q, %q) = %s by %s, want %s by %s", tc.name, tc.country, tc.date, m.GroupID, m.Rule, tc.group, tc.rule)
		}
		if m.Resolved() && (m.Confidence <= 0 || m.Confidence > 1) {
			t.Errorf("Resolve(%q) confidence %v out of (0, 1]", tc.name, m.Confidence)
		}
	}
}

func TestCompositeIsUncertain(t *testing.T) {
	ms := kb().Resolve("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)", "BFA", day("2023-04-20"))
	if len(ms) != 2 {
		t.Fatalf("got %d matches, want 2: %+v", len(ms), ms)
	}
	for i, want := range []string{"jnim", "isgs"} {
		if ms[i].GroupID != want || !ms[i].Uncertain || ms[i].Confidence > resolve.CompositeConfidence {
			t.Errorf("part %d = %+v, want uncertain %s with confidence ≤ %v", i, ms[i], want, resolve.CompositeConfidence)
		}
	}
}

func TestAmbiguousAliasResolvesToNothing(t *testing.T) {
	r := resolve.New([]dossier.Group{{ID: "a", Name: "Alpha Front"}, {ID: "b", Name: "Beta Front"}},
		[]dossier.Alias{{GroupID: "a", Name: "The Front"}, {GroupID: "b", Name: "The Front"}})
	if m := r.Resolve("The Front", "", time.Time{})[0]; m.Resolved() {
		t.Errorf("ambiguous alias resolved to %s", m.GroupID)
	}
}

func TestFuzzyKeepsNumbersApart(t *testing.T) {
	r := resolve.New([]dossier.Group{{ID: "b313", Name: "Brigade 313 of the North"}}, nil)
	if m := r.Resolve("Brigade 314 of the North", "", time.Time{})[0]; m.Resolved() {
		t.Errorf("Brigade 314 resolved to %s by %s", m.GroupID, m.Rule)
	}
}

func BenchmarkResolve(b *testing.B) {
	r := kb()
	names := []string{"ISIS-K", "IS", "Tehrik-i-Taliban Pakistan (TTP)", "Unknown", "Civilians (Mali)", "Some Group Nobody Knows", "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)"}
	d := day("2020-01-01")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Resolve(names[i%len(names)], "AFG", d)
	}
}
