package kb_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier"
	"dossier/kb"
)

// readStarterDir reads the starter files from disk, so that every problem is
// listed (Starter stops at the first broken KB).
func readStarterDir(t *testing.T) *kb.KB {
	t.Helper()
	k, err := kb.ReadDir(os.DirFS("starter"))
	if err != nil {
		t.Fatalf("ReadDir(starter): %v", err)
	}
	return k
}

func TestStarterValidates(t *testing.T) {
	k := readStarterDir(t)
	err := k.Validate()
	var ve *kb.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			t.Errorf("%s", p)
		}
	} else if err != nil {
		t.Fatal(err)
	}
	if _, err := kb.Starter(); err != nil {
		t.Fatalf("Starter: %v", err)
	}
}

func TestStarterFilesNamedByID(t *testing.T) {
	entries, err := fs.ReadDir(os.DirFS("starter"), ".")
	if err != nil {
		t.Fatal(err)
	}
	k := readStarterDir(t)
	for _, g := range k.Groups {
		if got, want := g.File, g.ID+".yaml"; got != want {
			t.Errorf("group %s is in %s, want %s", g.ID, got, want)
		}
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".yaml" {
			t.Errorf("starter/%s: only .yaml files belong in starter/", e.Name())
		}
	}
}

// Every citation defined in the starter is used somewhere: an unused one is
// a fact that lost its claim.
func TestStarterCitationsUsed(t *testing.T) {
	k := readStarterDir(t)
	used := map[string]bool{}
	for _, g := range k.Groups {
		for _, r := range g.Relations {
			for _, c := range r.Citations {
				used[c] = true
			}
		}
		for _, c := range g.Claims {
			for _, id := range c.Citations {
				used[id] = true
			}
		}
		for _, e := range g.Events {
			for _, id := range e.Citations {
				used[id] = true
			}
		}
	}
	for _, c := range k.AllCitations() {
		if !used[c.ID] {
			t.Errorf("citation %s is defined but never cited", c.ID)
		}
	}
}

func hasAlias(g *kb.GroupDoc, name string, kind dossier.AliasKind, source string) *dossier.Alias {
	for i, a := range g.Aliases {
		if a.Name == name && (kind == "" || a.Kind == kind) && (source == "" || a.Source == source) {
			return &g.Aliases[i]
		}
	}
	return nil
}

func findClaim(g *kb.GroupDoc, typ dossier.ClaimType, contains ...string) *dossier.Claim {
	for i, c := range g.Claims {
		if c.Type != typ {
			continue
		}
		ok := true
		for _, s := range contains {
			if !strings.Contains(c.Text, s) && !strings.Contains(c.Value, s) {
				ok = false
			}
		}
		if ok {
			return &g.Claims[i]
		}
	}
	return nil
}

// TestISKPFacts checks the facts DESIGN.md lists for IS-K, each with its
// citation.
func TestISKPFacts(t *testing.T) {
	k, err := kb.Starter()
	if err != nil {
		t.Fatal(err)
	}
	g, ok := k.Group("iskp")
	if !ok {
		t.Fatal("iskp missing")
	}
	if g.Name != "Islamic State Khorasan Province" || g.Founded != "2015-01" || g.Status != "active" {
		t.Errorf("group: got %+v", g.Group)
	}

	aliases := []struct {
		name   string
		kind   dossier.AliasKind
		source string
	}{
		{"ISIS-K", "", ""}, {"IS-K", "", ""}, {"ISKP", "", ""}, {"ISISK", "", ""},
		{"Islamic State Khorasan Province", "", ""}, {"Wilayat Khorasan", "", ""},
		{"Khorasan Chapter of the Islamic State", dossier.AliasDatasetLabel, "gtd"},
		{"Islamic State (Afghanistan)", dossier.AliasDatasetLabel, "acled"},
		{"ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN", dossier.AliasDesignation, "un"},
		{"ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN (ISIL-K)", dossier.AliasDesignation, "un"},
		{"ISIL KHORASAN", dossier.AliasDesignation, "ofac"},
	}
	for _, a := range aliases {
		if hasAlias(g, a.name, a.kind, a.source) == nil {
			t.Errorf("alias %q (%s, %s) missing", a.name, a.kind, a.source)
		}
	}
	is := hasAlias(g, "IS", dossier.AliasDatasetLabel, "ucdp")
	if is == nil {
		t.Error("UCDP alias IS missing")
	} else if strings.Join(is.Countries, ",") != "AFG,PAK" || is.From != "2015" {
		t.Errorf("UCDP alias IS scope: got %v from %q, want AFG,PAK from 2015", is.Countries, is.From)
	}

	var branch, rival bool
	for _, r := range g.Relations {
		if r.Type == dossier.RelBranchOf && r.Other == "islamic-state" && r.From == "2015-01" {
			branch = true
		}
		if r.Type == dossier.RelRival && r.Other == "taliban" {
			rival = true
		}
	}
	if !branch {
		t.Error("relation branch_of islamic-state from 2015-01 missing")
	}
	if !rival {
		t.Error("relation rival taliban missing")
	}

	claims := []struct {
		name string
		typ  dossier.ClaimType
		has  []string
	}{
		{"founded January 2015", dossier.ClaimFounded, []string{"2015-01", "January 2015"}},
		{"founders", dossier.ClaimEvent, []string{"Tehrik-e Taliban Pakistan", "Afghan Taliban", "Islamic Movement of Uzbekistan"}},
		{"area", dossier.ClaimArea, []string{"AFG", "PAK", "east"}},
		{"targets", dossier.ClaimTargets, []string{"Shia", "Hazara", "Sikhs", "journalists", "security forces", "officials"}},
		{"GTI 2019", dossier.ClaimEvent, []string{"Global Terrorism Index 2019", "four deadliest", "2018"}},
		{"Kabul airport", dossier.ClaimEvent, []string{"26 August 2021", "170 Afghans", "13 US service members"}},
		{"surrenders late 2019", dossier.ClaimEvent, []string{"surrendered", "November 2019"}},
	}
	for _, c := range claims {
		if findClaim(g, c.typ, c.has...) == nil {
			t.Errorf("claim %s (%s containing %q) missing", c.name, c.typ, c.has)
		}
	}
	un := findClaim(g, dossier.ClaimDesignation, "14 May 2019")
	if un == nil || un.Authority != "UN" || un.Reference != "QDe.161" || un.From != "2019-05-14" {
		t.Errorf("UN designation: got %+v", un)
	}

	wantEvents := map[string]struct {
		date    string
		country string
	}{
		"iskp-2021-08-26-kabul-airport":    {"2021-08-26", "AFG"},
		"iskp-2024-03-22-crocus-city-hall": {"2024-03-22", "RUS"},
		"iskp-2024-01-03-kerman":           {"2024-01-03", "IRN"},
		"iskp-2023-07-30-bajaur":           {"2023-07-30", "PAK"},
		"iskp-2018-07-13-mastung":          {"2018-07-13", "PAK"},
	}
	for _, e := range g.Events {
		w, ok := wantEvents[e.ID]
		if !ok {
			continue
		}
		delete(wantEvents, e.ID)
		if e.Date != w.date || e.Country != w.country || e.Fatalities == nil || len(e.Citations) == 0 {
			t.Errorf("event %s: got date %s country %s fatalities %v citations %v", e.ID, e.Date, e.Country, e.Fatalities, e.Citations)
		}
	}
	for id := range wantEvents {
		t.Errorf("event %s missing", id)
	}
	ev := k.Events()
	var airport *dossier.Event
	for _, e := range ev {
		if e.SourceID == "iskp-2021-08-26-kabul-airport" {
			airport = e
		}
	}
	if airport == nil || *airport.Fatalities != 183 || airport.Actors[0].GroupID != "iskp" || !*airport.Suicide {
		t.Errorf("Kabul airport event: got %+v", airport)
	}
}
