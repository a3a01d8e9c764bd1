package gtd_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/gtd"
)

const realFile = "globalterrorismdb_2021Jan-June_1222dist.csv"

// realData returns the path of a file under ../shared/data, skipping the
// test when the data is absent (a clone outside the project's machines).
func realData(t *testing.T, rel string) string {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real data %s absent (%v): tests against real GTD files run only where ../shared/data exists", path, err)
	}
	checkSum(t, rel)
	return path
}

// checkSum fails the test when the file differs from its SHA256SUMS entry,
// since the counts asserted below hold only for that file.
func checkSum(t *testing.T, rel string) {
	t.Helper()
	root := filepath.Join("..", "..", "shared", "data")
	sums, err := os.Open(filepath.Join(root, "SHA256SUMS"))
	if err != nil {
		t.Logf("no SHA256SUMS (%v): not checking %s", err, rel)
		return
	}
	defer sums.Close()
	want := ""
	sc := bufio.NewScanner(sums)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if ok && strings.TrimPrefix(name, "./") == rel {
			want = sum
		}
	}
	if want == "" {
		t.Fatalf("SHA256SUMS has no entry for %s", rel)
	}
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Fatalf("%s has sha256 %s, SHA256SUMS says %s: the counts in this test are for the listed file", rel, got, want)
	}
}

// raw gives a record's fields by column name.
type raw struct {
	header []string
	rec    []string
}

func (r raw) get(name string) string {
	i := slices.Index(r.header, name)
	if i < 0 || i >= len(r.rec) {
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

// count reads a GTD count the way its codebook defines it, independently
// of the parser: blank, -9 and -99 are unknown.
func (r raw) count(t *testing.T, name string) *int {
	s := r.get(name)
	if s == "" || s == "-9" || s == "-99" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%s: %s=%q is not a whole number", r.get("eventid"), name, s)
	}
	return &n
}

func (r raw) flag(name string) *bool {
	switch r.get(name) {
	case "1":
		return dossier.Bool(true)
	case "0":
		return dossier.Bool(false)
	}
	return nil
}

func (r raw) atoi(t *testing.T, name string) int {
	n, err := strconv.Atoi(r.get(name))
	if err != nil {
		t.Fatalf("%s: %s=%q: %v", r.get("eventid"), name, r.get(name), err)
	}
	return n
}

func eqInt(a, b *int) bool   { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
func eqBool(a, b *bool) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func TestRealFile(t *testing.T) {
	path := realData(t, "gtd/"+realFile)
	header, recs := readCSV(t, path)
	if !gtd.Detect(header) {
		t.Fatal("Detect rejects the real GTD header")
	}
	p, err := gtd.NewParser(header, realFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4960 {
		t.Errorf("%d records, want 4,960", len(recs))
	}

	events := map[string]*dossier.Event{}
	types := map[dossier.EventType]int{}
	var noISO3 int
	unresolved := map[string]int{}
	var fatalities, wantFatalities, uncertain, wantUncertain int
	for _, rec := range recs {
		r := raw{header, rec}
		e, err := p.Parse(rec)
		if err != nil {
			t.Errorf("eventid %s: %v", r.get("eventid"), err)
			continue
		}
		id := r.get("eventid")
		events[e.SourceID] = e
		types[e.Type]++
		if e.Country == "" {
			noISO3++
			unresolved[e.CountryName]++
		}

		// Every row against its own raw columns.
		wantDate := time.Date(r.atoi(t, "iyear"), time.Month(r.atoi(t, "imonth")), r.atoi(t, "iday"), 0, 0, 0, 0, time.UTC)
		var wantLat, wantLon *float64
		if r.get("latitude") != "" && r.get("longitude") != "" {
			la, err1 := strconv.ParseFloat(r.get("latitude"), 64)
			lo, err2 := strconv.ParseFloat(r.get("longitude"), 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: coordinates %q %q", id, r.get("latitude"), r.get("longitude"))
			}
			wantLat, wantLon = &la, &lo
		}
		place := func(s string) string {
			if s == "Unknown" {
				return ""
			}
			return s
		}
		var wantPerps []dossier.Actor
		for i, g := range []string{"gname", "gname2", "gname3"} {
			if r.get(g) != "" {
				u := r.get("guncertain"+strconv.Itoa(i+1)) == "1"
				wantPerps = append(wantPerps, dossier.Actor{Name: r.get(g), Role: dossier.RolePerpetrator, Uncertain: u})
				if u {
					wantUncertain++
				}
			}
		}
		var wantCites []string
		for _, c := range []string{"scite1", "scite2", "scite3"} {
			if r.get(c) != "" {
				wantCites = append(wantCites, r.get(c))
			}
		}
		perps := e.Perpetrators()
		for _, a := range perps {
			if a.Uncertain {
				uncertain++
			}
		}
		if e.Fatalities != nil {
			fatalities += *e.Fatalities
		}
		if n := r.count(t, "nkill"); n != nil {
			wantFatalities += *n
		}

		checks := []struct {
			what string
			ok   bool
		}{
			{"source", e.Source == dossier.SourceGTD && e.SourceVersion == "1222dist" && e.Licence == dossier.LicenceGTD},
			{"id", e.SourceID == id},
			{"date", e.Date.Equal(wantDate) && e.DateEnd.Equal(wantDate) && e.DatePrecision == dossier.PrecisionDay},
			{"country name", e.CountryName == r.get("country_txt")},
			{"admin1", e.Admin1 == place(r.get("provstate"))},
			{"place", e.Place == place(r.get("city"))},
			{"latitude", (e.Latitude == nil) == (wantLat == nil) && (wantLat == nil || *e.Latitude == *wantLat)},
			{"longitude", (e.Longitude == nil) == (wantLon == nil) && (wantLon == nil || *e.Longitude == *wantLon)},
			{"geo precision", e.GeoPrecision == r.get("specificity")},
			{"source type", e.SourceType == r.get("attacktype1_txt") && e.SourceSubtype == r.get("weaptype1_txt")},
			{"perpetrators", slices.Equal(perps, wantPerps)},
			{"fatalities", eqInt(e.Fatalities, r.count(t, "nkill"))},
			{"injuries", eqInt(e.Injuries, r.count(t, "nwound"))},
			{"hostages", eqInt(e.Hostages, r.count(t, "nhostkid"))},
			{"suicide", eqBool(e.Suicide, r.flag("suicide"))},
			{"success", eqBool(e.Success, r.flag("success"))},
			{"claimed", eqBool(e.Claimed, r.flag("claimed"))},
			{"doubtful", eqBool(e.Doubtful, r.flag("doubtterr"))},
			{"summary", e.Summary == r.get("summary")},
			{"citations", slices.Equal(e.Citations, wantCites)},
			{"region", e.Details["region_txt"] == r.get("region_txt")},
			{"target categories", len(e.TargetCategories) >= 1 && len(e.TargetCategories) <= 3},
		}
		for _, c := range checks {
			if !c.ok {
				t.Errorf("eventid %s: %s differs from the raw row", id, c.what)
			}
		}
	}
	if len(events) != len(recs) {
		t.Errorf("%d distinct event ids, want %d", len(events), len(recs))
	}
	if fatalities != wantFatalities {
		t.Errorf("fatalities sum %d, raw nkill sum %d", fatalities, wantFatalities)
	}
	if uncertain != wantUncertain {
		t.Errorf("%d uncertain perpetrators, raw guncertain says %d", uncertain, wantUncertain)
	}
	t.Logf("%d events, %d fatalities, %d uncertain attributions", len(events), fatalities, uncertain)
	t.Logf("%d events without an ISO3 country: %v", noISO3, unresolved)

	// Attack types, counted with grep on attacktype1_txt.
	wantTypes := map[dossier.EventType]int{
		dossier.TypeBombing: 1828, dossier.TypeArmedAssault: 1292, dossier.TypeAttack: 603,
		dossier.TypeAssassination: 450, dossier.TypeKidnapping: 448, dossier.TypeFacilityAttack: 281,
		dossier.TypeUnarmedAssault: 28, dossier.TypeHostageTaking: 16, dossier.TypeHijacking: 14,
	}
	for typ, want := range wantTypes {
		if types[typ] != want {
			t.Errorf("%d events of type %s, want %d", types[typ], typ, want)
		}
	}

	// Samples, values read off the file.
	samples := []struct {
		id    string
		check func(e *dossier.Event) bool
	}{
		{"202101130002", func(e *dossier.Event) bool {
			return e.Type == dossier.TypeArmedAssault &&
				e.Country == "AFG" && e.Admin1 == "Nangarhar" && e.Place == "Jalalabad" &&
				*e.Latitude == 34.41712 && *e.Longitude == 70.449594 &&
				slices.Equal(e.Actors, []dossier.Actor{
					{Name: "Khorasan Chapter of the Islamic State", Role: dossier.RolePerpetrator},
					{Name: "Government of Nangarhar Province", Role: dossier.RoleTarget},
				}) &&
				slices.Equal(e.TargetCategories, []dossier.TargetCategory{dossier.TargetGovernment}) &&
				*e.Fatalities == 1 && *e.Injuries == 1 && e.Hostages == nil &&
				*e.Claimed && *e.Success && !*e.Suicide && !*e.Doubtful &&
				len(e.Citations) == 2 && e.Details["claimmode_txt"] == "Posted to website, blog, etc." &&
				e.Details["INT_IDEO"] == "1" && e.Details["nperps"] == "" &&
				e.Details["targsubtype1_txt"] == "Government Personnel (excluding police, military)"
		}},
		{"202101060016", func(e *dossier.Event) bool {
			return e.Type == dossier.TypeHostageTaking && e.Country == "USA" && e.Place == "Washington" &&
				slices.Equal(e.Actors, []dossier.Actor{
					{Name: "Oath Keepers", Role: dossier.RolePerpetrator},
					{Name: "Proud Boys", Role: dossier.RolePerpetrator},
					{Name: "Three Percenters", Role: dossier.RolePerpetrator},
					{Name: "United States Congress", Role: dossier.RoleTarget},
					{Name: "Government of the United States", Role: dossier.RoleTarget},
					{Name: "Capitol Police", Role: dossier.RoleTarget},
				}) &&
				slices.Equal(e.TargetCategories, []dossier.TargetCategory{dossier.TargetGovernment, dossier.TargetPolice}) &&
				*e.Fatalities == 1 && *e.Injuries == 182 && e.Hostages == nil
		}},
		{"202103240022", func(e *dossier.Event) bool {
			return e.Type == dossier.TypeKidnapping && e.Country == "MOZ" && e.Place == "Palma" &&
				*e.Fatalities == 23 && e.Injuries == nil && e.Hostages == nil &&
				e.Details["extended"] == "1" && e.Details["resolution"] == "2021-03-26" &&
				len(e.Perpetrators()) == 2
		}},
	}
	for _, s := range samples {
		e, ok := events[s.id]
		if !ok {
			t.Errorf("event %s missing", s.id)
			continue
		}
		if !s.check(e) {
			t.Errorf("event %s: %s", s.id, show(e))
		}
	}
}
