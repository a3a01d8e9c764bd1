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

// RegistryStore is a store that keeps events and the group registry, as
// package knowledge needs it.
type RegistryStore interface {
	dossier.EventStore
	dossier.Registry
}

// RunRegistry runs the conformance suite of dossier.Registry. open must
// return a new, empty store for each call; RunRegistry closes it at the end
// of the subtest that opened it.
//
// The suite fixes what the interface's comments leave open:
//   - SyncKnowledge reports unchanged for exactly the records an origin
//     holds, in the same order (an origin never synced holds nothing), and
//     leaves other origins alone; Knowledge of one origin gives back what
//     it was synced with;
//   - precedence: one group row per id, user over starter over un over
//     ofac; a user group hides the starter's aliases, relations, claims and
//     individuals of its id (when Knowledge is asked for both origins);
//     un and ofac records, and user aliases of a starter group, always
//     apply; one citation per id, the version of highest precedence;
//   - AddAlias skips an identical alias, and leaves the origin holding
//     what Knowledge reads back of it (syncing that is unchanged);
//   - Groups compares normalised names (any case, punctuation as spaces)
//     and ranks a whole id, name or alias first, then a prefix, then a
//     substring, ties by name;
//   - GroupProfile lists the citations its relations (outgoing, then
//     inverse) and claims cite, in first-cited order, skipping unknown ids;
//   - resolutions are keyed by (name, event country, event start date):
//     events read each perpetrator's and associated actor's group from
//     them, one actor per part of a composite name, uncertain when either
//     the provider or the resolution says so; an actor whose import set its
//     group keeps it; targets never resolve;
//   - ResolutionStats counts an actor with a group set by its import (a
//     curated event) as named and resolved;
//   - NewActorOccurrences lists the occurrences no resolution covers
//     (a NULL country or date matches a NULL one); AddResolutions skips
//     an occurrence that has resolutions, and adds nothing on an error.
func RunRegistry(t *testing.T, open func(t *testing.T) RegistryStore) {
	tests := []subtest[RegistryStore]{
		{"SyncUnchangedReplace", testSync},
		{"SyncInvalid", testSyncInvalid},
		{"Precedence", testPrecedence},
		{"AddAlias", testAddAlias},
		{"GroupsSearch", testGroupsSearch},
		{"GroupProfile", testGroupProfile},
		{"GroupNotFound", testGroupNotFound},
		{"ActorOccurrences", testActorOccurrences},
		{"ResolutionsRoundTrip", testResolutionsRoundTrip},
		{"ReplaceResolutionsAtomic", testReplaceAtomic},
		{"IncrementalResolution", testIncrementalResolution},
		{"Unresolved", testUnresolved},
		{"ResolutionStats", testResolutionStats},
		{"GroupIDFilter", testGroupIDFilter},
	}
	runSubtests(t, open, tests)
}

var ctx = context.Background()

// starterKB is a small knowledge base in the spirit of the starter one.
func starterKB() *dossier.Knowledge {
	return &dossier.Knowledge{
		Groups: []dossier.Group{
			{ID: "iskp", Name: "Islamic State Khorasan Province", Kind: "jihadist", Description: "Branch of the Islamic State in Afghanistan and Pakistan.",
				Founded: "2015-01", Status: "active"},
			{ID: "isis", Name: "Islamic State", Kind: "jihadist", Founded: "2013", Status: "active"},
			{ID: "taliban", Name: "Taliban", Kind: "islamist", Founded: "1994"},
			{ID: "isgs", Name: "Islamic State in the Greater Sahara", Kind: "jihadist", Ended: "2022-03-21", Status: "merged"},
		},
		Aliases: []dossier.Alias{
			{GroupID: "iskp", Name: "ISIS-K", Kind: dossier.AliasAcronym, Source: "press"},
			{GroupID: "iskp", Name: "ISKP", Kind: dossier.AliasAcronym},
			{GroupID: "iskp", Name: "Khorasan Chapter of the Islamic State", Kind: dossier.AliasDatasetLabel, Source: "gtd"},
			{GroupID: "iskp", Name: "IS", Kind: dossier.AliasDatasetLabel, Source: "ucdp", Countries: []string{"AFG", "PAK"}, From: "2015"},
			{GroupID: "isis", Name: "ISIL", Kind: dossier.AliasAcronym},
			{GroupID: "taliban", Name: "Islamic Emirate of Afghanistan", Kind: dossier.AliasName, From: "1996-09-27", To: "2001-12"},
			{GroupID: "isgs", Name: "ISGS", Kind: dossier.AliasAcronym},
		},
		Relations: []dossier.Relation{
			{GroupID: "iskp", Type: dossier.RelBranchOf, Other: "isis", From: "2015-01-26", Citations: []string{"c-branch"}},
			{GroupID: "iskp", Type: dossier.RelRival, Other: "taliban", Note: "Fights the Afghan Taliban.", Citations: []string{"c-rival", "c-branch"}},
			{GroupID: "isgs", Type: dossier.RelBranchOf, Other: "isis", To: "2022-03", Citations: []string{"c-sahel"}},
		},
		Claims: []dossier.Claim{
			{GroupID: "iskp", Type: dossier.ClaimDesignation, Text: "Listed by the UN Security Council.", From: "2019-05-14",
				Authority: "UN", Reference: "QDe.161", Status: dossier.ClaimAccepted, Citations: []string{"c-un", "c-branch", "c-missing"}},
			{GroupID: "iskp", Type: dossier.ClaimStrength, Text: "About 2,000 fighters.", Value: "2000", Status: dossier.ClaimDisputed,
				Citations: []string{"c-rival"}},
			{GroupID: "taliban", Type: dossier.ClaimFounded, Text: "Founded in Kandahar.", From: "1994"},
		},
		Citations: []dossier.Citation{
			{ID: "c-branch", Title: "The Islamic State in Khorasan", Publisher: "Think tank", Date: "2018", URL: "https://example.org/iskp"},
			{ID: "c-rival", Title: "Rivals in Afghanistan", Date: "2020-03"},
			{ID: "c-sahel", Title: "Sahel report", Reference: "S/2022/1"},
			{ID: "c-un", Title: "Consolidated List", Publisher: "UN Security Council"},
			{ID: "c-unused", Title: "Cited by nothing"},
		},
	}
}

// userKB replaces iskp and adds a group of its own.
func userKB() *dossier.Knowledge {
	return &dossier.Knowledge{
		Groups: []dossier.Group{
			{ID: "iskp", Name: "Islamic State – Khorasan", Kind: "jihadist", Description: "The user's version.", Founded: "2014-10"},
			{ID: "ttp", Name: "Tehrik-i-Taliban Pakistan", Kind: "jihadist", Founded: "2007-12"},
		},
		Aliases: []dossier.Alias{
			{GroupID: "iskp", Name: "Wilayat Khurasan", Kind: dossier.AliasTransliteration, Source: "user"},
			{GroupID: "ttp", Name: "TTP", Kind: dossier.AliasAcronym, Source: "user"},
		},
		Relations: []dossier.Relation{
			{GroupID: "iskp", Type: dossier.RelSplinterOf, Other: "ttp", From: "2014-10", Citations: []string{"c-user"}},
		},
		Claims: []dossier.Claim{
			{GroupID: "iskp", Type: dossier.ClaimLeader, Text: "Led by Shahab al-Muhajir.", Value: "Shahab al-Muhajir", From: "2020-06",
				Citations: []string{"c-user"}},
		},
		Citations: []dossier.Citation{
			{ID: "c-user", Title: "User's source"},
			{ID: "c-rival", Title: "Rivals in Afghanistan (user's edition)"},
		},
	}
}

// unKB is knowledge a designation list gives: names of known groups, a
// proposed group, claims and individuals.
func unKB() *dossier.Knowledge {
	return &dossier.Knowledge{
		Groups: []dossier.Group{
			{ID: "some-front", Name: "Some Front", Kind: "other", Status: "proposed"},
			{ID: "isis", Name: "ISLAMIC STATE (UN)", Status: "proposed"},
		},
		Aliases: []dossier.Alias{
			{GroupID: "iskp", Name: "ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN (ISIL-K)", Kind: dossier.AliasDesignation, Source: "un"},
			{GroupID: "some-front", Name: "Some Front", Kind: dossier.AliasDesignation, Source: "un"},
		},
		Claims: []dossier.Claim{
			{GroupID: "iskp", Type: dossier.ClaimDesignation, Text: "Listed as QDe.161.", Authority: "UN", Reference: "QDe.161",
				From: "2019-05-14", Status: dossier.ClaimAccepted, Citations: []string{"un-list"}},
		},
		Citations: []dossier.Citation{{ID: "un-list", Title: "United Nations Security Council Consolidated List"}},
		Individuals: []dossier.Individual{
			{Authority: "UN", Reference: "QDi.431", Name: "SANAULLAH GHAFARI", Aliases: []string{"Shahab al-Muhajir"}, Listed: "2021-11-22", GroupID: "iskp"},
			{Authority: "UN", Reference: "QDi.001", Name: "NOBODY LINKED"},
		},
	}
}

// ofacKB holds a group id the un origin holds too.
func ofacKB() *dossier.Knowledge {
	return &dossier.Knowledge{
		Groups:  []dossier.Group{{ID: "some-front", Name: "SOME FRONT (OFAC)", Status: "proposed"}},
		Aliases: []dossier.Alias{{GroupID: "iskp", Name: "ISIL KHORASAN", Kind: dossier.AliasDesignation, Source: "ofac"}},
		Citations: []dossier.Citation{
			{ID: "un-list", Title: "OFAC's copy of the UN list"},
			{ID: "ofac-list", Title: "SDN list"},
		},
	}
}

func mustSync(t *testing.T, s dossier.Registry, origin string, k *dossier.Knowledge, want bool) {
	t.Helper()
	got, err := s.SyncKnowledge(ctx, origin, k)
	if err != nil {
		t.Fatalf("SyncKnowledge(%s): %v", origin, err)
	}
	if got != want {
		t.Errorf("SyncKnowledge(%s): changed %v, want %v", origin, got, want)
	}
}

func mustKnowledge(t *testing.T, s dossier.Registry, origins ...string) *dossier.Knowledge {
	t.Helper()
	k, err := s.Knowledge(ctx, origins...)
	if err != nil {
		t.Fatalf("Knowledge(%v): %v", origins, err)
	}
	return k
}

// diffJSON compares got and want through their JSON form, indented, and
// returns a description of the first difference.
func diffJSON(got, want any) string {
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if string(g) == string(w) {
		return ""
	}
	gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var a, b string
		if i < len(gl) {
			a = gl[i]
		}
		if i < len(wl) {
			b = wl[i]
		}
		if a != b {
			return fmt.Sprintf("line %d: got %s, want %s", i+1, strings.TrimSpace(a), strings.TrimSpace(b))
		}
	}
	return ""
}

func testSync(t *testing.T, s RegistryStore) {
	// An origin never synced holds nothing.
	mustSync(t, s, dossier.OriginOFAC, &dossier.Knowledge{}, false)
	mustSync(t, s, dossier.OriginOFAC, nil, false)

	mustSync(t, s, dossier.OriginStarter, starterKB(), true)
	if d := diffJSON(mustKnowledge(t, s, dossier.OriginStarter), starterKB()); d != "" {
		t.Errorf("Knowledge(starter) after sync: %s", d)
	}
	if !reflect.DeepEqual(mustKnowledge(t, s, dossier.OriginStarter), starterKB()) {
		t.Errorf("Knowledge(starter) after sync is not deeply equal to what was synced (nil and empty lists?)")
	}
	// The same records again, and a copy of them: unchanged.
	mustSync(t, s, dossier.OriginStarter, starterKB(), false)
	k := starterKB()
	k.Aliases[0].Countries = []string{} // empty is the same as nil
	mustSync(t, s, dossier.OriginStarter, k, false)

	mustSync(t, s, dossier.OriginUser, userKB(), true)
	mustSync(t, s, dossier.OriginUN, unKB(), true)
	mustSync(t, s, dossier.OriginUser, userKB(), false)

	// One changed field, a reordering, a removed record: each a change,
	// read back exactly, and other origins untouched.
	changes := []struct {
		name string
		edit func(k *dossier.Knowledge)
	}{
		{"claim text", func(k *dossier.Knowledge) { k.Claims[1].Text = "About 4,000 fighters." }},
		{"alias scope", func(k *dossier.Knowledge) { k.Aliases[3].Countries = []string{"AFG"} }},
		{"order", func(k *dossier.Knowledge) { k.Groups[0], k.Groups[1] = k.Groups[1], k.Groups[0] }},
		{"removed", func(k *dossier.Knowledge) { k.Relations = k.Relations[:1] }},
	}
	for _, c := range changes {
		k := starterKB()
		c.edit(k)
		mustSync(t, s, dossier.OriginStarter, k, true)
		if d := diffJSON(mustKnowledge(t, s, dossier.OriginStarter), k); d != "" {
			t.Errorf("%s: Knowledge(starter): %s", c.name, d)
		}
		mustSync(t, s, dossier.OriginStarter, k, false)
		if d := diffJSON(mustKnowledge(t, s, dossier.OriginUser), userKB()); d != "" {
			t.Errorf("%s: Knowledge(user) changed by a starter sync: %s", c.name, d)
		}
		if d := diffJSON(mustKnowledge(t, s, dossier.OriginUN), unKB()); d != "" {
			t.Errorf("%s: Knowledge(un) changed by a starter sync: %s", c.name, d)
		}
	}

	// Syncing nothing empties the origin.
	mustSync(t, s, dossier.OriginStarter, &dossier.Knowledge{}, true)
	if d := diffJSON(mustKnowledge(t, s, dossier.OriginStarter), &dossier.Knowledge{}); d != "" {
		t.Errorf("Knowledge(starter) after syncing nothing: %s", d)
	}
	mustSync(t, s, dossier.OriginStarter, nil, false)
	if d := diffJSON(mustKnowledge(t, s, dossier.OriginUser), userKB()); d != "" {
		t.Errorf("Knowledge(user) after emptying starter: %s", d)
	}
}

func testSyncInvalid(t *testing.T, s RegistryStore) {
	mustSync(t, s, dossier.OriginStarter, starterKB(), true)
	bad := []struct {
		name   string
		origin string
		edit   func(k *dossier.Knowledge)
	}{
		{"unknown origin", "elsewhere", func(*dossier.Knowledge) {}},
		{"empty origin", "", func(*dossier.Knowledge) {}},
		{"group without id", dossier.OriginStarter, func(k *dossier.Knowledge) { k.Groups[1].ID = "" }},
		{"group id twice", dossier.OriginStarter, func(k *dossier.Knowledge) { k.Groups = append(k.Groups, k.Groups[0]) }},
		{"alias without group", dossier.OriginStarter, func(k *dossier.Knowledge) { k.Aliases[0].GroupID = "" }},
		{"alias without name", dossier.OriginStarter, func(k *dossier.Knowledge) { k.Aliases[0].Name = " " }},
		{"claim without group", dossier.OriginStarter, func(k *dossier.Knowledge) { k.Claims[0].GroupID = "" }},
		{"relation without group", dossier.OriginStarter, func(k *dossier.Knowledge) { k.Relations[0].GroupID = "" }},
		{"citation id twice", dossier.OriginStarter, func(k *dossier.Knowledge) { k.Citations = append(k.Citations, k.Citations[0]) }},
		{"bad UTF-8", dossier.OriginStarter, func(k *dossier.Knowledge) { k.Claims[0].Text = "bad \xff byte" }},
	}
	for _, b := range bad {
		k := starterKB()
		k.Groups[0].Name = "Changed, so that only the error stops the sync"
		b.edit(k)
		changed, err := s.SyncKnowledge(ctx, b.origin, k)
		if got := dossier.ErrorCode(err); got != dossier.EInvalid || changed {
			t.Errorf("%s: got changed %v, code %q (%v); want false, %q", b.name, changed, got, err, dossier.EInvalid)
		}
		if d := diffJSON(mustKnowledge(t, s, dossier.OriginStarter), starterKB()); d != "" {
			t.Errorf("%s: a refused sync changed the origin: %s", b.name, d)
		}
	}
	if _, err := s.Knowledge(ctx, "elsewhere"); dossier.ErrorCode(err) != dossier.EInvalid {
		t.Errorf("Knowledge(elsewhere): got %v, want an EInvalid error", err)
	}
}

func groupIDs(gs []dossier.Group) []string {
	out := []string{}
	for _, g := range gs {
		out = append(out, g.ID)
	}
	return out
}

func aliasNames(as []dossier.Alias) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.GroupID+":"+a.Name)
	}
	return out
}

func relationKeys(rs []dossier.Relation) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.GroupID+" "+string(r.Type)+" "+r.Other)
	}
	return out
}

func claimTexts(cs []dossier.Claim) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.GroupID+": "+c.Text)
	}
	return out
}

func citationTitles(cs []dossier.Citation) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ID+": "+c.Title)
	}
	return out
}

func individualRefs(is []dossier.Individual) []string {
	out := []string{}
	for _, i := range is {
		out = append(out, i.Reference)
	}
	return out
}

func testPrecedence(t *testing.T, s RegistryStore) {
	mustSync(t, s, dossier.OriginOFAC, ofacKB(), true)
	mustSync(t, s, dossier.OriginUN, unKB(), true)
	mustSync(t, s, dossier.OriginStarter, starterKB(), true)
	mustSync(t, s, dossier.OriginUser, userKB(), true)
	if err := s.AddAlias(ctx, dossier.OriginUser, dossier.Alias{GroupID: "taliban", Name: "Taleban", Kind: dossier.AliasDatasetLabel, Source: "user"}); err != nil {
		t.Fatal(err)
	}

	k := mustKnowledge(t, s)
	// Groups: one row per id. iskp from user, isis from starter (over un),
	// some-front from un (over ofac).
	wantGroups := map[string]string{
		"iskp": "Islamic State – Khorasan", "ttp": "Tehrik-i-Taliban Pakistan", "isis": "Islamic State",
		"taliban": "Taliban", "isgs": "Islamic State in the Greater Sahara", "some-front": "Some Front",
	}
	got := map[string]string{}
	for _, g := range k.Groups {
		if _, dup := got[g.ID]; dup {
			t.Errorf("Knowledge(): group %s twice", g.ID)
		}
		got[g.ID] = g.Name
	}
	if !reflect.DeepEqual(got, wantGroups) {
		t.Errorf("Knowledge() groups: got %v, want %v", got, wantGroups)
	}
	// The user's iskp hides the starter's iskp aliases, relations and
	// claims; un and ofac aliases, and the user alias of starter's taliban,
	// apply; the starter records of other groups apply.
	checks := []struct {
		name      string
		got, want []string
	}{
		{"aliases", aliasNames(k.Aliases), []string{
			"iskp:Wilayat Khurasan", "ttp:TTP", "taliban:Taleban",
			"isis:ISIL", "taliban:Islamic Emirate of Afghanistan", "isgs:ISGS",
			"iskp:ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN (ISIL-K)", "some-front:Some Front",
			"iskp:ISIL KHORASAN",
		}},
		{"relations", relationKeys(k.Relations), []string{"iskp splinter_of ttp", "isgs branch_of isis"}},
		{"claims", claimTexts(k.Claims), []string{
			"iskp: Led by Shahab al-Muhajir.", "taliban: Founded in Kandahar.", "iskp: Listed as QDe.161.",
		}},
		{"citations", citationTitles(k.Citations), []string{
			"c-user: User's source", "c-rival: Rivals in Afghanistan (user's edition)",
			"c-branch: The Islamic State in Khorasan", "c-sahel: Sahel report", "c-un: Consolidated List", "c-unused: Cited by nothing",
			"un-list: United Nations Security Council Consolidated List", "ofac-list: SDN list",
		}},
		{"individuals", individualRefs(k.Individuals), []string{"QDi.431", "QDi.001"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("Knowledge() %s:\ngot  %q\nwant %q", c.name, c.got, c.want)
		}
	}

	// Precedence applies among the origins asked for: the starter alone
	// gives its own iskp; un and ofac together give un's some-front.
	if d := diffJSON(mustKnowledge(t, s, dossier.OriginStarter), starterKB()); d != "" {
		t.Errorf("Knowledge(starter): %s", d)
	}
	ko := mustKnowledge(t, s, dossier.OriginOFAC, dossier.OriginUN)
	if got, want := fmt.Sprintf("%v %s", groupIDs(ko.Groups), ko.Groups[0].Name), "[some-front isis] Some Front"; got != want {
		t.Errorf("Knowledge(ofac, un) groups: got %s, want %s", got, want)
	}
	if got, want := citationTitles(ko.Citations), []string{"un-list: United Nations Security Council Consolidated List", "ofac-list: SDN list"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Knowledge(ofac, un) citations: got %q, want %q", got, want)
	}

	// Reads of one group apply the same precedence.
	p, err := s.GroupProfile(ctx, "iskp")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Name, "Islamic State – Khorasan"; got != want {
		t.Errorf("GroupProfile(iskp) name %q, want the user's %q", got, want)
	}
	if got, want := aliasNames(p.Aliases), []string{"iskp:Wilayat Khurasan",
		"iskp:ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN (ISIL-K)", "iskp:ISIL KHORASAN"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GroupProfile(iskp) aliases: got %q, want %q", got, want)
	}
	if got, want := claimTexts(p.Claims), []string{"iskp: Led by Shahab al-Muhajir.", "iskp: Listed as QDe.161."}; !reflect.DeepEqual(got, want) {
		t.Errorf("GroupProfile(iskp) claims: got %q, want %q", got, want)
	}
	// Inverse relations of taliban: the starter's iskp rival relation is
	// hidden with the rest of the starter's iskp.
	p, err = s.GroupProfile(ctx, "taliban")
	if err != nil {
		t.Fatal(err)
	}
	if got := relationKeys(p.Inverse); len(got) != 0 {
		t.Errorf("GroupProfile(taliban) inverse: got %q, want none (the starter's iskp is replaced)", got)
	}
	if got, want := aliasNames(p.Aliases), []string{"taliban:Taleban", "taliban:Islamic Emirate of Afghanistan"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GroupProfile(taliban) aliases: got %q, want %q", got, want)
	}

	// Search sees no hidden alias: "Khorasan Chapter" was the starter's.
	gs, err := s.Groups(ctx, "Khorasan Chapter")
	if err != nil {
		t.Fatal(err)
	}
	if got := groupIDs(gs); len(got) != 0 {
		t.Errorf("Groups(Khorasan Chapter): got %v, want none (a hidden starter alias)", got)
	}
	gs, err = s.Groups(ctx, "isil khorasan")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := groupIDs(gs), []string{"iskp"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Groups(isil khorasan): got %v, want %v (an ofac alias)", got, want)
	}

	// Removing the user's knowledge brings the starter's iskp back.
	mustSync(t, s, dossier.OriginUser, nil, true)
	p, err = s.GroupProfile(ctx, "iskp")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Name, "Islamic State Khorasan Province"; got != want {
		t.Errorf("after removing the user's iskp: name %q, want %q", got, want)
	}
	if got, want := len(p.Relations), 2; got != want {
		t.Errorf("after removing the user's iskp: %d relations, want %d", got, want)
	}
}

func testAddAlias(t *testing.T, s RegistryStore) {
	mustSync(t, s, dossier.OriginStarter, starterKB(), true)
	a := dossier.Alias{GroupID: "iskp", Name: "Daesh Khorasan", Kind: dossier.AliasName, Source: "user", Countries: []string{"AFG"}, From: "2016", To: "2020-06-30"}
	for range 2 { // the second is an identical duplicate: skipped
		if err := s.AddAlias(ctx, dossier.OriginUser, a); err != nil {
			t.Fatalf("AddAlias: %v", err)
		}
	}
	b := a
	b.Countries = []string{"PAK"} // differs in scope: added
	if err := s.AddAlias(ctx, dossier.OriginUser, b); err != nil {
		t.Fatalf("AddAlias: %v", err)
	}
	want := &dossier.Knowledge{Aliases: []dossier.Alias{a, b}}
	if d := diffJSON(mustKnowledge(t, s, dossier.OriginUser), want); d != "" {
		t.Errorf("Knowledge(user) after AddAlias: %s", d)
	}
	// The alias applies to the starter's group, which stays whole.
	p, err := s.GroupProfile(ctx, "iskp")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := aliasNames(p.Aliases), []string{"iskp:Daesh Khorasan", "iskp:Daesh Khorasan", "iskp:ISIS-K", "iskp:ISKP",
		"iskp:Khorasan Chapter of the Islamic State", "iskp:IS"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GroupProfile(iskp) aliases: got %q, want %q", got, want)
	}
	if got, want := p.Name, "Islamic State Khorasan Province"; got != want {
		t.Errorf("GroupProfile(iskp) name %q, want %q", got, want)
	}
	// The origin holds what Knowledge reads back of it.
	mustSync(t, s, dossier.OriginUser, want, false)
	// An alias of another origin.
	if err := s.AddAlias(ctx, dossier.OriginUN, dossier.Alias{GroupID: "isis", Name: "ISIL (UN)"}); err != nil {
		t.Fatal(err)
	}
	if got, want := aliasNames(mustKnowledge(t, s, dossier.OriginUN).Aliases), []string{"isis:ISIL (UN)"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Knowledge(un) aliases: got %q, want %q", got, want)
	}
	gs, err := s.Groups(ctx, "daesh")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := groupIDs(gs), []string{"iskp"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Groups(daesh) after AddAlias: got %v, want %v", got, want)
	}

	for _, bad := range []struct {
		origin string
		a      dossier.Alias
	}{
		{"nowhere", a},
		{dossier.OriginUser, dossier.Alias{GroupID: "iskp"}},
		{dossier.OriginUser, dossier.Alias{Name: "No group"}},
		{dossier.OriginUser, dossier.Alias{GroupID: "iskp", Name: "bad \xfe"}},
	} {
		if err := s.AddAlias(ctx, bad.origin, bad.a); dossier.ErrorCode(err) != dossier.EInvalid {
			t.Errorf("AddAlias(%s, %+v): got %v, want an EInvalid error", bad.origin, bad.a, err)
		}
	}
	if d := diffJSON(mustKnowledge(t, s, dossier.OriginUser), want); d != "" {
		t.Errorf("Knowledge(user) after refused aliases: %s", d)
	}
}

func testGroupsSearch(t *testing.T, s RegistryStore) {
	all, err := s.Groups(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 0 {
		t.Errorf("Groups(\"\") of an empty registry: got %v", groupIDs(all))
	}
	mustSync(t, s, dossier.OriginStarter, starterKB(), true)
	mustSync(t, s, dossier.OriginUN, unKB(), true)
	tests := []struct {
		query string
		want  []string
	}{
		// Every group, by name.
		{"", []string{"isis", "isgs", "iskp", "some-front", "taliban"}},
		{"ISIS-K", []string{"iskp"}},
		{"isis k", []string{"iskp"}},
		{"ISKP", []string{"iskp"}},
		{"iskp", []string{"iskp"}},
		{"Khorasan", []string{"iskp"}},
		{"KHORASAN", []string{"iskp"}},
		{"  khorasan   chapter ", []string{"iskp"}},
		// Exact id (isis) before a prefix of an alias (iskp's "isis k").
		{"ISIS", []string{"isis", "iskp"}},
		// Exact name, then prefixes by name.
		{"Islamic State", []string{"isis", "isgs", "iskp"}},
		// Substrings only: by name.
		{"state", []string{"isis", "isgs", "iskp"}},
		// "is" is the whole alias IS of iskp; a prefix of the ids isis and
		// isgs and of taliban's alias "Islamic Emirate of Afghanistan",
		// those by name.
		{"is", []string{"iskp", "isis", "isgs", "taliban"}},
		{"emirate", []string{"taliban"}},
		{"some front", []string{"some-front"}},
		{"some-front", []string{"some-front"}},
		{"zzz", []string{}},
		{"-!-", []string{}},
	}
	for _, tt := range tests {
		gs, err := s.Groups(ctx, tt.query)
		if err != nil {
			t.Errorf("Groups(%q): %v", tt.query, err)
			continue
		}
		if got := groupIDs(gs); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Groups(%q): got %v, want %v", tt.query, got, tt.want)
		}
	}
	// The rows are the effective groups.
	gs, err := s.Groups(ctx, "isis")
	if err != nil {
		t.Fatal(err)
	}
	if d := diffJSON(gs[0], starterKB().Groups[1]); d != "" {
		t.Errorf("Groups(isis)[0]: %s", d)
	}
}

func testGroupProfile(t *testing.T, s RegistryStore) {
	mustSync(t, s, dossier.OriginStarter, starterKB(), true)
	mustSync(t, s, dossier.OriginUN, unKB(), true)
	// A user group with a relation to iskp, which is not replaced.
	mustSync(t, s, dossier.OriginUser, &dossier.Knowledge{
		Groups:    []dossier.Group{{ID: "splinter", Name: "A Splinter"}},
		Relations: []dossier.Relation{{GroupID: "splinter", Type: dossier.RelSplinterOf, Other: "iskp", Citations: []string{"c-split", "c-un"}}},
		Citations: []dossier.Citation{{ID: "c-split", Title: "Split"}},
	}, true)

	p, err := s.GroupProfile(ctx, "iskp")
	if err != nil {
		t.Fatal(err)
	}
	sk := starterKB()
	uk := unKB()
	want := &dossier.GroupProfile{
		Group:     sk.Groups[0],
		Aliases:   append(sk.Aliases[:4:4], uk.Aliases[0]),
		Relations: sk.Relations[:2],
		Inverse:   []dossier.Relation{{GroupID: "splinter", Type: dossier.RelSplinterOf, Other: "iskp", Citations: []string{"c-split", "c-un"}}},
		Claims:    append(sk.Claims[:2:2], uk.Claims[0]),
		// First cited: relations c-branch, c-rival (c-branch again);
		// inverse c-split, c-un; claims c-un, c-branch, c-missing (no such
		// citation: skipped), c-rival, un-list.
		Citations:   []dossier.Citation{sk.Citations[0], sk.Citations[1], {ID: "c-split", Title: "Split"}, sk.Citations[3], uk.Citations[0]},
		Individuals: uk.Individuals[:1],
	}
	if d := diffJSON(p, want); d != "" {
		t.Errorf("GroupProfile(iskp): %s", d)
	}
	// isis: inverse relations from iskp and isgs, no claims.
	p, err = s.GroupProfile(ctx, "isis")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := relationKeys(p.Inverse), []string{"isgs branch_of isis", "iskp branch_of isis"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GroupProfile(isis) inverse: got %q, want %q", got, want)
	}
	if got, want := citationTitles(p.Citations), []string{"c-sahel: Sahel report", "c-branch: The Islamic State in Khorasan"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GroupProfile(isis) citations: got %q, want %q", got, want)
	}
	if p.Claims == nil || p.Relations == nil || p.Aliases == nil {
		t.Errorf("GroupProfile(isis): empty lists should be empty, not nil (JSON [] rather than null): %+v", p)
	}
	// A group known only to a designation list.
	p, err = s.GroupProfile(ctx, "some-front")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Status, "proposed"; got != want {
		t.Errorf("GroupProfile(some-front) status %q, want %q", got, want)
	}
}

func testGroupNotFound(t *testing.T, s RegistryStore) {
	for _, id := range []string{"iskp", "", "ISKP"} {
		p, err := s.GroupProfile(ctx, id)
		var de *dossier.Error
		if !errors.As(err, &de) || de.Code != dossier.ENotFound || p != nil {
			t.Errorf("GroupProfile(%q) of an empty registry: got %v, %v; want nil and an ENotFound *dossier.Error", id, p, err)
		}
	}
	mustSync(t, s, dossier.OriginStarter, starterKB(), true)
	for _, id := range []string{"nosuch", "ISKP", "Khorasan Chapter of the Islamic State"} {
		_, err := s.GroupProfile(ctx, id)
		var de *dossier.Error
		if !errors.As(err, &de) || de.Code != dossier.ENotFound {
			t.Errorf("GroupProfile(%q): got %v, want an ENotFound *dossier.Error", id, err)
		} else if !strings.Contains(de.Hint, "dossier groups") {
			t.Errorf("GroupProfile(%q): hint %q, want it to name `dossier groups`", id, de.Hint)
		}
	}
}

// resolutionEvents are events whose actors exercise resolution: several
// contexts of one name, a composite label, the provider's own uncertainty,
// targets, an actor whose import set its group, undated and countryless
// events.
func resolutionEvents() []*dossier.Event {
	ev := func(id, country string, date time.Time, actors ...dossier.Actor) *dossier.Event {
		return &dossier.Event{Source: dossier.SourceGTD, SourceID: id, Date: date, DateEnd: date, DatePrecision: dossier.PrecisionDay,
			Country: country, Type: dossier.TypeAttack, Actors: actors, Raw: id + ",raw"}
	}
	perp := func(name string) dossier.Actor { return dossier.Actor{Name: name, Role: dossier.RolePerpetrator} }
	d1, d2 := day(2019, 5, 1), day(2019, 5, 2)
	return []*dossier.Event{
		ev("1", "AFG", d1, perp("Khorasan Chapter of the Islamic State"), dossier.Actor{Name: "Civilians", Role: dossier.RoleTarget}),
		ev("2", "AFG", d1, dossier.Actor{Name: "Khorasan Chapter of the Islamic State", Role: dossier.RolePerpetrator, Uncertain: true}),
		ev("3", "AFG", d2, perp("Khorasan Chapter of the Islamic State"), dossier.Actor{Name: "IS", Role: dossier.RoleAssociated}),
		ev("4", "SYR", d1, perp("IS"), dossier.Actor{Name: "IS", Role: dossier.RoleTarget}),
		ev("5", "AFG", d1, perp("Taliban and/or IS"), perp("Unknown")),
		ev("6", "AFG", d1, perp("Unknown")),
		ev("7", "PAK", time.Time{}, perp("Lashkar-e-Jhangvi")),
		ev("8", "", d2, perp("Lashkar-e-Jhangvi")),
		ev("9", "PAK", d2, perp("Lashkar-e-Jhangvi"), perp("Lashkar-e-Jhangvi")),
		ev("10", "AFG", d1, dossier.Actor{Name: "IS", Role: dossier.RolePerpetrator, GroupID: "curated-group", Confidence: 1, Rule: "curated"}),
		ev("11", "MLI", d2, perp("Civilians (Mali)")),
		ev("12", "AFG", d2, dossier.Actor{Name: "Khorasan Chapter of the Islamic State", Role: dossier.RoleTarget}),
		ev("13", "NGA", d2),
	}
}

// resolutions resolves the names of resolutionEvents as a resolver would.
func resolutions() []dossier.Resolution {
	d1, d2 := day(2019, 5, 1), day(2019, 5, 2)
	r := func(name, country string, date time.Time, part int, group string, conf float64, rule string, unc bool) dossier.Resolution {
		return dossier.Resolution{Name: name, Country: country, Date: date, Part: part, GroupID: group, Confidence: conf, Rule: rule, Uncertain: unc}
	}
	return []dossier.Resolution{
		r("Khorasan Chapter of the Islamic State", "AFG", d1, 0, "iskp", 1, "exact", false),
		r("Khorasan Chapter of the Islamic State", "AFG", d2, 0, "iskp", 1, "exact", false),
		r("IS", "AFG", d1, 0, "iskp", 1, "scoped", false),
		r("IS", "AFG", d2, 0, "iskp", 1, "scoped", false),
		r("IS", "SYR", d1, 0, "", 0, "none", false),
		r("Taliban and/or IS", "AFG", d1, 0, "taliban", 0.8, "composite+exact", true),
		r("Taliban and/or IS", "AFG", d1, 1, "iskp", 0.8, "composite+scoped", true),
		r("Unknown", "AFG", d1, 0, "", 0, "unattributed", false),
		r("Lashkar-e-Jhangvi", "PAK", time.Time{}, 0, "", 0, "none", false),
		r("Lashkar-e-Jhangvi", "", d2, 0, "", 0, "none", false),
		r("Lashkar-e-Jhangvi", "PAK", d2, 0, "lej", 0.9, "fuzzy", false),
		r("Civilians (Mali)", "MLI", d2, 0, "", 0, "generic", false),
	}
}

func regFile(name string) dossier.ImportFile {
	return dossier.ImportFile{Name: name, Path: "/in/" + name, Format: "gtd", Source: dossier.SourceGTD, SHA256: "sha-" + name}
}

func mustReplace(t *testing.T, s dossier.Registry, rs []dossier.Resolution) {
	t.Helper()
	err := s.ReplaceResolutions(ctx, func(write func(dossier.Resolution) error) error {
		for _, r := range rs {
			if err := write(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ReplaceResolutions: %v", err)
	}
}

func testActorOccurrences(t *testing.T, s RegistryStore) {
	events := resolutionEvents()
	mustImport(t, s, regFile("occ.csv"), events...)

	// Expected, from the events: distinct (name, country, date) of
	// perpetrators and associated actors whose import set no group, with
	// the number of distinct events.
	type key struct {
		name, country string
		date          time.Time
	}
	seen := map[key]map[string]bool{}
	for _, e := range events {
		for _, a := range e.Perpetrators() {
			if a.GroupID != "" {
				continue
			}
			k := key{a.Name, e.Country, e.Date}
			if seen[k] == nil {
				seen[k] = map[string]bool{}
			}
			seen[k][e.Key()] = true
		}
	}
	var want []string
	for k, evs := range seen {
		want = append(want, fmt.Sprintf("%s|%s|%s|%d", k.name, k.country, k.date.Format(time.DateOnly), len(evs)))
	}
	sort.Strings(want)

	var got []string
	err := s.ActorOccurrences(ctx, func(o dossier.ActorOccurrence) error {
		if !o.Date.IsZero() && o.Date.Location() != time.UTC {
			t.Errorf("occurrence %q: date %v not in UTC", o.Name, o.Date)
		}
		got = append(got, fmt.Sprintf("%s|%s|%s|%d", o.Name, o.Country, o.Date.Format(time.DateOnly), o.Events))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ActorOccurrences:\ngot  %q\nwant %q", got, want)
	}
	// fn's error stops it.
	stop := errors.New("stop")
	n := 0
	err = s.ActorOccurrences(ctx, func(dossier.ActorOccurrence) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("ActorOccurrences with a failing fn: %d calls, error %v; want 1 call and the fn's error", n, err)
	}
}

// actorList renders an event's actors for comparison.
func actorList(e *dossier.Event) []string {
	out := []string{}
	for _, a := range e.Actors {
		out = append(out, fmt.Sprintf("%s/%s/%s/%.2f/%s/%v", a.Name, a.Role, a.GroupID, a.Confidence, a.Rule, a.Uncertain))
	}
	return out
}

func testResolutionsRoundTrip(t *testing.T, s RegistryStore) {
	mustImport(t, s, regFile("res.csv"), resolutionEvents()...)
	// Before any resolution, actors come back as imported.
	for _, e := range all(t, s, dossier.EventFilter{}) {
		for _, a := range e.Actors {
			if a.GroupID != "" && a.Rule != "curated" {
				t.Errorf("event %s before resolution: actor %+v has a group", e.Key(), a)
			}
		}
	}
	mustReplace(t, s, resolutions())
	want := map[string][]string{
		"gtd:1": {"Khorasan Chapter of the Islamic State/perpetrator/iskp/1.00/exact/false", "Civilians/target//0.00//false"},
		// The provider's uncertainty stays.
		"gtd:2": {"Khorasan Chapter of the Islamic State/perpetrator/iskp/1.00/exact/true"},
		"gtd:3": {"Khorasan Chapter of the Islamic State/perpetrator/iskp/1.00/exact/false", "IS/associated/iskp/1.00/scoped/false"},
		// Other country: other resolution; a target never resolves.
		"gtd:4": {"IS/perpetrator//0.00/none/false", "IS/target//0.00//false"},
		// A composite label: one actor per part, uncertain.
		"gtd:5": {"Taliban and/or IS/perpetrator/taliban/0.80/composite+exact/true", "Taliban and/or IS/perpetrator/iskp/0.80/composite+scoped/true",
			"Unknown/perpetrator//0.00/unattributed/false"},
		"gtd:6": {"Unknown/perpetrator//0.00/unattributed/false"},
		"gtd:7": {"Lashkar-e-Jhangvi/perpetrator//0.00/none/false"},
		"gtd:8": {"Lashkar-e-Jhangvi/perpetrator//0.00/none/false"},
		"gtd:9": {"Lashkar-e-Jhangvi/perpetrator/lej/0.90/fuzzy/false", "Lashkar-e-Jhangvi/perpetrator/lej/0.90/fuzzy/false"},
		// The import's group wins over a resolution of the same name.
		"gtd:10": {"IS/perpetrator/curated-group/1.00/curated/false"},
		"gtd:11": {"Civilians (Mali)/perpetrator//0.00/generic/false"},
		"gtd:12": {"Khorasan Chapter of the Islamic State/target//0.00//false"},
		"gtd:13": {},
	}
	got := map[string][]string{}
	for _, e := range all(t, s, dossier.EventFilter{}) {
		got[e.Key()] = actorList(e)
	}
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("Events: %s actors:\ngot  %q\nwant %q", k, got[k], w)
		}
		src, id, _ := strings.Cut(k, ":")
		e, err := s.Event(ctx, dossier.Source(src), id)
		if err != nil {
			t.Fatal(err)
		}
		if g := actorList(e); !reflect.DeepEqual(g, w) {
			t.Errorf("Event(%s) actors:\ngot  %q\nwant %q", k, g, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("Events: %d events, want %d", len(got), len(want))
	}
	// Paging cuts events, not actors: the composite event comes whole.
	page := all(t, s, dossier.EventFilter{Sources: []dossier.Source{dossier.SourceGTD}, Countries: []string{"AFG"}, From: day(2019, 5, 1), To: day(2019, 5, 1), Limit: 1, Offset: 3})
	if len(page) != 1 || page[0].Key() != "gtd:5" || len(page[0].Actors) != 3 {
		t.Errorf("page of one: got %v, want gtd:5 with 3 actors", keysOf(page))
	}

	// A new event in a resolved context resolves at once; the fingerprint
	// of an event ignores its resolution, so a re-import is unchanged.
	sum := mustImport(t, s, regFile("more.csv"),
		&dossier.Event{Source: dossier.SourceUCDP, SourceID: "u1", Date: day(2019, 5, 2), Country: "AFG", Raw: "u1",
			Actors: []dossier.Actor{{Name: "IS", Role: dossier.RolePerpetrator}}})
	if sum.Added != 1 {
		t.Fatalf("import of one new event: %+v", sum)
	}
	e, err := s.Event(ctx, dossier.SourceUCDP, "u1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := actorList(e), []string{"IS/perpetrator/iskp/1.00/scoped/false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("new event in a resolved context: got %q, want %q", got, want)
	}
	if sum := mustImport(t, s, regFile("res.csv"), resolutionEvents()...); sum.Unchanged != len(resolutionEvents()) {
		t.Errorf("re-import after resolution: %+v, want all unchanged", sum)
	}

	// Replacing drops what is not written again.
	mustReplace(t, s, resolutions()[:1])
	e, err = s.Event(ctx, dossier.SourceGTD, "5")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := actorList(e), []string{"Taliban and/or IS/perpetrator//0.00//false", "Unknown/perpetrator//0.00//false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after replacing with fewer resolutions: got %q, want %q", got, want)
	}
}

func testReplaceAtomic(t *testing.T, s RegistryStore) {
	mustImport(t, s, regFile("res.csv"), resolutionEvents()...)
	mustReplace(t, s, resolutions())
	before := map[string][]string{}
	for _, e := range all(t, s, dossier.EventFilter{}) {
		before[e.Key()] = actorList(e)
	}
	check := func(what string) {
		t.Helper()
		for _, e := range all(t, s, dossier.EventFilter{}) {
			if got := actorList(e); !reflect.DeepEqual(got, before[e.Key()]) {
				t.Errorf("%s: event %s actors changed: got %q, want %q", what, e.Key(), got, before[e.Key()])
			}
		}
	}
	boom := errors.New("boom")
	err := s.ReplaceResolutions(ctx, func(write func(dossier.Resolution) error) error {
		if err := write(dossier.Resolution{Name: "Unknown", Country: "AFG", Date: day(2019, 5, 1), GroupID: "x", Rule: "exact"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("ReplaceResolutions with a failing fill: got %v, want the fill's error", err)
	}
	check("after a failed fill")

	dup := append(resolutions(), resolutions()[0])
	err = s.ReplaceResolutions(ctx, func(write func(dossier.Resolution) error) error {
		for _, r := range dup {
			if err := write(r); err != nil {
				return err
			}
		}
		return nil
	})
	if dossier.ErrorCode(err) != dossier.EInvalid {
		t.Errorf("ReplaceResolutions with a resolution written twice: got %v, want an EInvalid error", err)
	}
	check("after a duplicate")

	var writeErr error
	err = s.ReplaceResolutions(ctx, func(write func(dossier.Resolution) error) error {
		writeErr = write(dossier.Resolution{Name: "bad \xff", Rule: "none"})
		return writeErr
	})
	if dossier.ErrorCode(writeErr) != dossier.EInvalid || err == nil {
		t.Errorf("write of a name that is not UTF-8: got %v (ReplaceResolutions: %v), want an EInvalid error", writeErr, err)
	}
	check("after an invalid resolution")

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	err = s.ReplaceResolutions(cctx, func(write func(dossier.Resolution) error) error {
		for _, r := range resolutions()[:2] {
			if err := write(r); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("ReplaceResolutions with a canceled context: got %v, want context.Canceled", err)
	}
	check("after a canceled context")
}

func testUnresolved(t *testing.T, s RegistryStore) {
	names, err := s.Unresolved(ctx, 0)
	if err != nil || len(names) != 0 {
		t.Errorf("Unresolved of an empty store: got %v, %v; want nothing", names, err)
	}
	mustImport(t, s, regFile("res.csv"), resolutionEvents()...)
	mustReplace(t, s, resolutions())
	// Expected: Lashkar-e-Jhangvi is unresolved in events 7 and 8 (resolved
	// in 9); IS in event 4 (SYR). Unknown is unattributed, Civilians (Mali)
	// generic, the composite resolved.
	tests := []struct {
		limit int
		want  []dossier.NameCount
	}{
		{0, []dossier.NameCount{{Name: "Lashkar-e-Jhangvi", Events: 2}, {Name: "IS", Events: 1}}},
		{1, []dossier.NameCount{{Name: "Lashkar-e-Jhangvi", Events: 2}}},
		{50, []dossier.NameCount{{Name: "Lashkar-e-Jhangvi", Events: 2}, {Name: "IS", Events: 1}}},
	}
	for _, tt := range tests {
		got, err := s.Unresolved(ctx, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Unresolved(%d): got %v, want %v", tt.limit, got, tt.want)
		}
	}
	if _, err := s.Unresolved(ctx, -1); dossier.ErrorCode(err) != dossier.EInvalid {
		t.Errorf("Unresolved(-1): got %v, want an EInvalid error", err)
	}
	// Ties by name.
	rs := resolutions()
	rs[10].GroupID, rs[10].Rule = "", "none" // Lashkar-e-Jhangvi in event 9 as well
	rs = append(rs, dossier.Resolution{Name: "Aaa", Country: "AFG", Date: day(2019, 5, 1), Rule: "none"})
	mustReplace(t, s, rs)
	mustImport(t, s, regFile("aaa.csv"),
		&dossier.Event{Source: dossier.SourceACLED, SourceID: "a1", Date: day(2019, 5, 1), Country: "AFG", Raw: "a1",
			Actors: []dossier.Actor{{Name: "Aaa", Role: dossier.RoleAssociated}}},
		&dossier.Event{Source: dossier.SourceACLED, SourceID: "a2", Date: day(2019, 5, 1), Country: "AFG", Raw: "a2",
			Actors: []dossier.Actor{{Name: "Aaa", Role: dossier.RolePerpetrator}, {Name: "Aaa", Role: dossier.RoleAssociated}}},
		&dossier.Event{Source: dossier.SourceACLED, SourceID: "a3", Date: day(2019, 5, 1), Country: "AFG", Raw: "a3",
			Actors: []dossier.Actor{{Name: "Aaa", Role: dossier.RoleTarget}}})
	got, err := s.Unresolved(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []dossier.NameCount{{Name: "Lashkar-e-Jhangvi", Events: 3}, {Name: "Aaa", Events: 2}, {Name: "IS", Events: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Unresolved(0) with a tie: got %v, want %v", got, want)
	}
}

func testResolutionStats(t *testing.T, s RegistryStore) {
	st, err := s.ResolutionStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st != (dossier.ResolutionStats{}) {
		t.Errorf("ResolutionStats of an empty store: got %+v", st)
	}
	events := resolutionEvents()
	mustImport(t, s, regFile("res.csv"), events...)
	// Before resolution every named perpetrator counts as named; only the
	// curated event is resolved.
	st, err = s.ResolutionStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (dossier.ResolutionStats{Events: 13, WithActor: 11, Resolved: 1}); st != want {
		t.Errorf("ResolutionStats before resolution: got %+v, want %+v", st, want)
	}
	mustReplace(t, s, resolutions())
	// Named: 1 2 3 4 5 7 8 9 10 (not 6 Unknown, 11 generic, 12 target
	// only, 13 no actor). Resolved: 1 2 3 5 9 10.
	st, err = s.ResolutionStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (dossier.ResolutionStats{Events: 13, WithActor: 9, Resolved: 6}); st != want {
		t.Errorf("ResolutionStats: got %+v, want %+v", st, want)
	}
}

func testGroupIDFilter(t *testing.T, s RegistryStore) {
	mustImport(t, s, regFile("res.csv"), resolutionEvents()...)
	mustReplace(t, s, resolutions())
	tests := []struct {
		f    dossier.EventFilter
		want []string
	}{
		// 1 2 3 by name, 3 also by its associated IS, 5 by a part of the
		// composite; not 4 (SYR), not 12 (target).
		{dossier.EventFilter{GroupID: "iskp"}, []string{"gtd:1", "gtd:2", "gtd:5", "gtd:3"}},
		{dossier.EventFilter{GroupID: "taliban"}, []string{"gtd:5"}},
		{dossier.EventFilter{GroupID: "curated-group"}, []string{"gtd:10"}},
		{dossier.EventFilter{GroupID: "lej"}, []string{"gtd:9"}},
		{dossier.EventFilter{GroupID: "nosuch"}, []string{}},
		{dossier.EventFilter{GroupID: "iskp", From: day(2019, 5, 2)}, []string{"gtd:3"}},
		{dossier.EventFilter{GroupID: "iskp", Perpetrator: "and/or"}, []string{"gtd:5"}},
		{dossier.EventFilter{GroupID: "iskp", Limit: 2, Offset: 1}, []string{"gtd:2", "gtd:5"}},
	}
	for _, tt := range tests {
		got := keysOf(all(t, s, tt.f))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Events(%s): got %v, want %v", describe(tt.f), got, tt.want)
		}
		n, err := s.CountEvents(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		want := len(tt.want)
		if tt.f.Limit > 0 {
			want = len(keysOf(all(t, s, dossier.EventFilter{GroupID: tt.f.GroupID})))
		}
		if n != want {
			t.Errorf("CountEvents(%s): got %d, want %d", describe(tt.f), n, want)
		}
	}
}
