package resolve_test

import (
	"strconv"
	"sync"
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

func smallKB() *resolve.Resolver {
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
	r := smallKB()
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
	ms := smallKB().Resolve("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)", "BFA", day("2023-04-20"))
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
	r := smallKB()
	names := []string{"ISIS-K", "IS", "Tehrik-i-Taliban Pakistan (TTP)", "Unknown", "Civilians (Mali)", "Some Group Nobody Knows", "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)"}
	d := day("2020-01-01")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Resolve(names[i%len(names)], "AFG", d)
	}
}

// rulesKB is a small knowledge base for the rules beyond exact aliases.
func rulesKB() *resolve.Resolver {
	groups := []dossier.Group{
		{ID: "islamic-state", Name: "Islamic State"},
		{ID: "iswap", Name: "Islamic State West Africa Province"},
		{ID: "is-libya", Name: "Islamic State Libya Province"},
		{ID: "ttp", Name: "Tehrik-i-Taliban Pakistan"},
		{ID: "adf", Name: "Allied Democratic Forces"},
		{ID: "hamas", Name: "Hamas"},
		{ID: "hts", Name: "Hay'at Tahrir al-Sham"},
		{ID: "cma", Name: "Coordination of Movements of the Azawad"},
		{ID: "abu-sayyaf", Name: "Abu Sayyaf Group"},
		{ID: "jaysh", Name: "Jaysh al-Adl"},
	}
	aliases := []dossier.Alias{
		{GroupID: "islamic-state", Name: "Islamic State of Iraq and the Levant"},
		{GroupID: "islamic-state", Name: "ISIL"},
		{GroupID: "iswap", Name: "Islamic State in Iraq and the Levant – West Africa (ISIL-WA)"},
		{GroupID: "is-libya", Name: "Islamic State in Iraq and the Levant - Libya"},
		{GroupID: "ttp", Name: "TTP"},
		{GroupID: "adf", Name: "ADF"},
		{GroupID: "hts", Name: "Jabhat Fateh al-Sham", From: "2016-07", To: "2017-01"},
		{GroupID: "cma", Name: "CMA: Coordination of Movements of the Azawad"},
		{GroupID: "cma", Name: "CMA"},
		{GroupID: "abu-sayyaf", Name: "Al Harakat Al Islamiyya"},
		{GroupID: "jaysh", Name: "Jundallah", Countries: []string{"IRN", "PAK"}, To: "2012"},
	}
	return resolve.New(groups, aliases)
}

func TestRules(t *testing.T) {
	r := rulesKB()
	for _, tc := range []struct {
		name, country, date string
		group, rule         string
	}{
		// The same name up to particles.
		{"Islamic State in Iraq and the Levant", "", "", "islamic-state", resolve.RuleVariant},
		{"Islamic State of Iraq and the Levant – West Africa", "", "", "iswap", resolve.RuleVariant},
		// An added word is another group, never a fuzzy match.
		{"Islamic State of Iraq and the Levant of Yemen", "", "", "", resolve.RuleNone},
		{"Islamic State of Iraq and the Levant Libya Branch", "", "", "", resolve.RuleNone},
		// A near spelling of every word is.
		{"Islamic State of Irak and the Levant", "", "", "islamic-state", resolve.RuleFuzzy},
		// The qualifier picks a province; without a province to pick, the
		// base is not trusted when several groups share its words.
		{"Islamic State (West Africa)", "NGA", "2020-01-01", "iswap", resolve.RuleQualified},
		{"Islamic State (Afghanistan)", "AFG", "2020-01-01", "", resolve.RuleNone},
		{"Hamas (Islamic Resistance Movement)", "PSE", "", "hamas", resolve.RuleBase},
		// The acronym must share a distinctive word with the spelled-out name.
		{"Tehrik-i-Taliban Pakistan (TTP)", "PAK", "", "ttp", resolve.RuleAcronym},
		{"Ambazonia Defence Forces (ADF)", "CMR", "", "", resolve.RuleNone},
		// A splinter is not the group it broke from.
		{"CMA: Coordination of Movements of the Azawad (Splinter Faction)", "MLI", "", "", resolve.RuleNone},
		{"CMA: Coordination of Movements of the Azawad", "MLI", "", "cma", resolve.RuleExact},
		// A dataset using a later name for earlier years.
		{"Jabhat Fateh al-Sham", "SYR", "2014-05-13", "hts", resolve.RulePeriod},
		{"Jabhat Fateh al-Sham", "SYR", "2016-09-01", "hts", resolve.RuleScoped},
		// Outside an alias's countries nothing matches.
		{"Jundallah", "AFG", "2005-01-01", "", resolve.RuleNone},
		{"Jundallah", "PAK", "2005-01-01", "jaysh", resolve.RuleScoped},
	} {
		var d time.Time
		if tc.date != "" {
			d = day(tc.date)
		}
		ms := r.Resolve(tc.name, tc.country, d)
		if len(ms) != 1 {
			t.Fatalf("Resolve(%q) gave %d matches, want 1: %+v", tc.name, len(ms), ms)
		}
		if m := ms[0]; m.GroupID != tc.group || m.Rule != tc.rule {
			t.Errorf("Resolve(%q, %q, %q) = %q by %s (alias %q), want %q by %s",
				tc.name, tc.country, tc.date, m.GroupID, m.Rule, m.Alias, tc.group, tc.rule)
		}
	}
}

func TestGeneric(t *testing.T) {
	r := smallKB()
	for _, tc := range []struct{ name, rule string }{
		{"Unknown", resolve.RuleUnattributed},
		{"Unidentified Armed Group (Niger)", resolve.RuleUnattributed},
		{"Unidentified Communal Militia (Benin)", resolve.RuleUnattributed},
		{"Islamist Militia (Mali)", resolve.RuleUnattributed},
		{"Militia (Pro-Government)", resolve.RuleUnattributed},
		{"Vigilante Militia (Niger)", resolve.RuleUnattributed},
		{"Anti-Police extremists", resolve.RuleUnattributed},
		{"Separatists", resolve.RuleUnattributed},
		{"Civilians", resolve.RuleGeneric},
		{"Civilians (International)", resolve.RuleGeneric},
		{"Civilians: Raphael Bawa, Mabo Agah", resolve.RuleGeneric},
		{"Military Forces of Niger (2011-) Gendarmerie", resolve.RuleGeneric},
		{"Mutiny of Military Forces of Mali (2002-2012)", resolve.RuleGeneric},
		{"Police Forces of Mali (2013-) Prison Gurads", resolve.RuleGeneric},
		{"Government of Pakistan", resolve.RuleGeneric},
		{"Protesters (Togo)", resolve.RuleGeneric},
		{"Rioters (Benin)", resolve.RuleGeneric},
		{"Refugees/IDPs (Burkina Faso)", resolve.RuleGeneric},
		{"LGBTQ+ (Benin)", resolve.RuleGeneric},
		{"Supporters of PPP", resolve.RuleGeneric},
		{"Tchaourou Communal Militia (Benin)", resolve.RuleGeneric},
		{"Gogounou Communal Group (Benin)", resolve.RuleGeneric},
		{"Dogon Ethnic Militia (Burkina Faso)", resolve.RuleGeneric},
		{"Gandakoy Ethinic Militia (Mali)", resolve.RuleGeneric}, // ACLED's typo
		{"Sunni Muslim Group (Benin)", resolve.RuleGeneric},
		{"Protestant Christian Group (Ghana)", resolve.RuleGeneric},
		// Names of groups are not generic.
		{"Boko Haram", resolve.RuleNone},
		{"Koglweogo Militia", resolve.RuleNone},
		{"Cooperative for the Development of the Congo (CODECO) militia", resolve.RuleNone},
		{"Civil Defence Forces", resolve.RuleNone},
	} {
		m := r.Resolve(tc.name, "", time.Time{})[0]
		if m.Rule != tc.rule || m.Resolved() {
			t.Errorf("Resolve(%q) = %q by %s, want no group by %s", tc.name, m.GroupID, m.Rule, tc.rule)
		}
	}
}

func TestAliasWinsOverGenericPattern(t *testing.T) {
	// The knowledge base may gather a dataset's collective label.
	r := resolve.New([]dossier.Group{{ID: "fulani", Name: "Fulani militants"}},
		[]dossier.Alias{{GroupID: "fulani", Name: "Fulani Ethnic Militia (Nigeria)"}})
	if m := r.Resolve("Fulani Ethnic Militia (Nigeria)", "NGA", day("2019-01-01"))[0]; m.GroupID != "fulani" || m.Rule != resolve.RuleExact {
		t.Errorf("got %q by %s, want fulani by exact", m.GroupID, m.Rule)
	}
	if m := r.Resolve("Fulani Ethnic Militia (Mali)", "MLI", day("2019-01-01"))[0]; m.Resolved() || m.Rule != resolve.RuleGeneric {
		t.Errorf("got %q by %s, want no group by generic", m.GroupID, m.Rule)
	}
}

func TestJointList(t *testing.T) {
	r := rulesKB()
	for _, tc := range []struct {
		name   string
		groups []string // per part, "" for none
		rules  []string
	}{
		{"Jabhat Fateh al-Sham, Rahman Corps", []string{"hts", ""},
			[]string{resolve.RuleJoint + "+" + resolve.RuleScoped, resolve.RuleNone}},
		{"Tehrik-i-Taliban Pakistan (TTP); Government of Pakistan", []string{"ttp", ""},
			[]string{resolve.RuleJoint + "+" + resolve.RuleAcronym, resolve.RuleGeneric}},
		// Commas inside parentheses do not separate actors.
		{"Tehrik-i-Taliban Pakistan (TTP, Pakistani Taliban), Rahman Corps", []string{"ttp", ""},
			[]string{resolve.RuleJoint + "+" + resolve.RuleBase, resolve.RuleNone}},
	} {
		ms := r.Resolve(tc.name, "SYR", day("2016-08-01"))
		if len(ms) != len(tc.groups) {
			t.Fatalf("Resolve(%q) gave %d matches, want %d: %+v", tc.name, len(ms), len(tc.groups), ms)
		}
		for i, m := range ms {
			if m.GroupID != tc.groups[i] || m.Rule != tc.rules[i] || m.Uncertain || m.Input != tc.name {
				t.Errorf("Resolve(%q)[%d] = %+v, want %q by %s, certain", tc.name, i, m, tc.groups[i], tc.rules[i])
			}
		}
	}
	// A list none of whose parts is a known group stays one name.
	for _, name := range []string{"Return, Reclamation, Rehabilitation (3R)", "Bonde dos 13, PCC"} {
		if ms := r.Resolve(name, "", time.Time{}); len(ms) != 1 || ms[0].Resolved() || ms[0].Part != "" {
			t.Errorf("Resolve(%q) = %+v, want one unresolved match", name, ms)
		}
	}
}

func TestCompositePartsAreNamed(t *testing.T) {
	ms := smallKB().Resolve("JNIM: Group for Support of Islam and Muslims and/or Some Other Group", "MLI", day("2020-01-01"))
	if len(ms) != 2 {
		t.Fatalf("got %d matches, want 2", len(ms))
	}
	want := []struct{ part, group string }{{"JNIM: Group for Support of Islam and Muslims", "jnim"}, {"Some Other Group", ""}}
	for i, m := range ms {
		if m.Part != want[i].part || m.GroupID != want[i].group || !m.Uncertain {
			t.Errorf("part %d = %+v, want uncertain %q for %q", i, m, want[i].group, want[i].part)
		}
	}
}

func TestCacheIsBounded(t *testing.T) {
	r := smallKB()
	for i := 0; i < resolve.MaxCached+10; i++ {
		r.Resolve("Group "+strconv.Itoa(i), "", time.Time{})
	}
	// Resolution still works after the cache started afresh.
	if m := r.Resolve("ISKP", "", time.Time{})[0]; m.GroupID != "iskp" {
		t.Errorf("ISKP resolved to %q after the cache filled", m.GroupID)
	}
}

func TestConcurrentResolve(t *testing.T) {
	r := smallKB()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				name := []string{"ISIS-K", "IS", "Unknown", "Group " + strconv.Itoa(i%50)}[(i+g)%4]
				r.Resolve(name, "AFG", day("2020-01-01"))
			}
		}(g)
	}
	wg.Wait()
}

// FuzzResolve checks that no name makes the resolver panic and that every
// match is well formed.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"ISIS-K", "IS", "Islamic State (West Africa)", "A and/or B", "A, B; C", "((", ")(", "a (b (c))",
		"JNIM: x (y)", ": ", "Civilians (", "Ethnic Militia", "\xff\xfe", "and/or and/or", ", , ;", "Brigade 313"} {
		f.Add(s, "AFG")
	}
	r := rulesKB()
	f.Fuzz(func(t *testing.T, name, country string) {
		ms := r.Resolve(name, country, day("2020-01-01"))
		if len(ms) == 0 {
			t.Fatalf("Resolve(%q) gave no match", name)
		}
		for _, m := range ms {
			if m.Resolved() != (m.Confidence > 0) || m.Confidence > 1 || m.Rule == "" {
				t.Errorf("Resolve(%q) = %+v: malformed match", name, m)
			}
		}
	})
}

// FuzzNormalize checks that normalising is idempotent and never panics.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Tehrik-i-Taliban Pakistan (TTP)", "Jamā‘at Nuṣrat", "ＩＳＫＰ", "Straße", "\xff", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := resolve.Normalize(s)
		if again := resolve.Normalize(n); again != n {
			t.Errorf("Normalize(%q) = %q, but Normalize(%q) = %q", s, n, n, again)
		}
	})
}
