package gdelt_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dossier"
	"dossier/gdelt"
)

var realFile = filepath.Join("..", "..", "shared", "data", "gdelt", "20161013151500.export.CSV")

// realRecords reads the real GDELT 2.0 export, splitting it on newlines and
// tabs here rather than with the package, or skips the test.
func realRecords(t testing.TB) [][]string {
	t.Helper()
	b, err := os.ReadFile(realFile)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("real data not found at %s (../shared/data is absent outside the dossier workspace)", realFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]string
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" {
			continue
		}
		recs = append(recs, strings.Split(line, "\t"))
	}
	return recs
}

func TestRealFile(t *testing.T) {
	recs := realRecords(t)
	if got, want := len(recs), 3566; got != want {
		t.Fatalf("read %d records, want %d", got, want)
	}
	if !gdelt.Detect(recs[0]) {
		t.Fatal("Detect(first record) = false")
	}
	p, err := gdelt.NewParser(recs[0], filepath.Base(realFile))
	if err != nil {
		t.Fatal(err)
	}
	if p.Version() != "2.0" {
		t.Errorf("Version() = %q, want 2.0", p.Version())
	}

	// Positions from the GDELT 2.0 codebook, used to check each event
	// against its own record.
	const (
		cID, cDate, cA1, cA2, cCode, cGeoType, cGeoName, cLat, cLong, cURL = 0, 1, 6, 16, 26, 51, 52, 56, 57, 60
	)
	types := map[dossier.EventType]int{}
	noCountry, withCoords := 0, 0
	byID := map[string]*dossier.Event{}
	for i, rec := range recs {
		ev, err := p.Parse(rec)
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		byID[ev.SourceID] = ev
		types[ev.Type]++
		if ev.Country == "" {
			noCountry++
		}
		if ev.SourceID != rec[cID] || ev.Source != dossier.SourceGDELT || ev.SourceVersion != "2.0" || ev.Licence != dossier.LicenceGDELT {
			t.Errorf("line %d: identity %s %s %s %q", i+1, ev.Source, ev.SourceID, ev.SourceVersion, ev.Licence)
		}
		if got := ev.Date.Format("20060102"); got != rec[cDate] || !ev.DateEnd.Equal(ev.Date) || ev.DatePrecision != dossier.PrecisionDay {
			t.Errorf("line %d: date %s–%s %s, want %s day", i+1, ev.Date, ev.DateEnd, ev.DatePrecision, rec[cDate])
		}
		if ev.SourceType != rec[cCode] || ev.Place != rec[cGeoName] {
			t.Errorf("line %d: source type %q place %q, want %q %q", i+1, ev.SourceType, ev.Place, rec[cCode], rec[cGeoName])
		}
		wantActors := 0
		for _, n := range []string{rec[cA1], rec[cA2]} {
			if n != "" {
				wantActors++
			}
		}
		if len(ev.Actors) != wantActors {
			t.Errorf("line %d: %d actors, want %d", i+1, len(ev.Actors), wantActors)
		}
		if rec[cLat] == "" {
			if ev.Latitude != nil || ev.Longitude != nil {
				t.Errorf("line %d: coordinates set for a blank location", i+1)
			}
		} else {
			withCoords++
			lat, _ := strconv.ParseFloat(rec[cLat], 64)
			long, _ := strconv.ParseFloat(rec[cLong], 64)
			if ev.Latitude == nil || *ev.Latitude != lat || *ev.Longitude != long {
				t.Errorf("line %d: coordinates %v,%v, want %v,%v", i+1, ev.Latitude, ev.Longitude, lat, long)
			}
		}
		if (rec[cGeoType] == "0") != (ev.GeoPrecision == "") {
			t.Errorf("line %d: geo precision %q for ActionGeo_Type %q", i+1, ev.GeoPrecision, rec[cGeoType])
		}
		if len(ev.Citations) != 1 || ev.Citations[0] != rec[cURL] {
			t.Errorf("line %d: citations %q, want [%q]", i+1, ev.Citations, rec[cURL])
		}
		if ev.Fatalities != nil || ev.Injuries != nil || ev.Hostages != nil || ev.FatalitiesLow != nil || ev.FatalitiesHigh != nil {
			t.Errorf("line %d: casualties set; GDELT records none", i+1)
		}
		if ev.Raw != "" || ev.File != "" || ev.Line != 0 {
			t.Errorf("line %d: Parse set Raw/File/Line", i+1)
		}
	}
	t.Logf("%d events, %d with coordinates, %d without an ISO3 country", len(recs), withCoords, noCountry)

	// Counts of EventCode values taken with awk on the file: 190 ×118, 193
	// ×31, 192 ×11, 191 ×1 (battle); 194 ×8, 195 ×7 (remote violence); 180
	// ×39; 181 ×10; 182 ×7, 1823 ×2; 1821 ×4; 183 ×1, 1832 ×2; 186 ×7; 202
	// ×1; 145 ×6; 141 ×26, 142 ×11.
	wantTypes := map[dossier.EventType]int{
		dossier.TypeBattle: 161, dossier.TypeRemoteViolence: 15, dossier.TypeAttack: 39,
		dossier.TypeKidnapping: 10, dossier.TypeUnarmedAssault: 9, dossier.TypeSexualViolence: 4,
		dossier.TypeBombing: 3, dossier.TypeAssassination: 7, dossier.TypeMassViolence: 1,
		dossier.TypeRiot: 6, dossier.TypeProtest: 37, dossier.TypeOther: 3274,
	}
	for typ, want := range wantTypes {
		if got := types[typ]; got != want {
			t.Errorf("%d events of type %s, want %d", got, typ, want)
		}
	}
	if got, want := withCoords, 3566-62; got != want {
		t.Errorf("%d events with coordinates, want %d (62 rows have ActionGeo_Type 0)", got, want)
	}

	// Rows checked by hand in the file (line 1799, 2781, 1).
	tests := []struct {
		id          string
		wantType    dossier.EventType
		wantActors  []dossier.Actor
		wantPlace   string
		wantCountry string
		wantName    string
		wantLat     float64
		wantDetail  [2]string
	}{
		{"588606577", dossier.TypeBombing,
			[]dossier.Actor{{Name: "BAGHDAD", Role: dossier.RolePerpetrator}, {Name: "KABUL", Role: dossier.RoleTarget}},
			"Kabul, Kabol, Afghanistan", "AFG", "Afghanistan", 34.5167, [2]string{"ActionGeo_ADM1Code", "AF13"}},
		{"588607559", dossier.TypeAssassination,
			[]dossier.Actor{{Name: "SYRIA", Role: dossier.RolePerpetrator}, {Name: "REGIME", Role: dossier.RoleTarget}},
			"Palmyra, ?ims, Syria", "SYR", "Syria", 34.5608, [2]string{"ActionGeo_CountryCode", "SY"}},
		{"588604779", dossier.TypeOther,
			[]dossier.Actor{{Name: "HALLE", Role: dossier.RoleTarget}},
			"Hollywood, California, United States", "USA", "United States", 34.0983, [2]string{"DATEADDED", "20161013151500"}},
	}
	for _, tt := range tests {
		ev := byID[tt.id]
		if ev == nil {
			t.Errorf("event %s not found", tt.id)
			continue
		}
		if ev.Type != tt.wantType || ev.Place != tt.wantPlace || ev.Country != tt.wantCountry || ev.CountryName != tt.wantName ||
			*ev.Latitude != tt.wantLat || ev.Details[tt.wantDetail[0]] != tt.wantDetail[1] {
			t.Errorf("event %s: type %s place %q country %q %q lat %v %s=%q; want %s %q %q %q %v %q",
				tt.id, ev.Type, ev.Place, ev.Country, ev.CountryName, *ev.Latitude, tt.wantDetail[0], ev.Details[tt.wantDetail[0]],
				tt.wantType, tt.wantPlace, tt.wantCountry, tt.wantName, tt.wantLat, tt.wantDetail[1])
		}
		if len(ev.Actors) != len(tt.wantActors) {
			t.Errorf("event %s: actors %v, want %v", tt.id, ev.Actors, tt.wantActors)
			continue
		}
		for i := range ev.Actors {
			if ev.Actors[i] != tt.wantActors[i] {
				t.Errorf("event %s: actor %d = %v, want %v", tt.id, i, ev.Actors[i], tt.wantActors[i])
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"v2.export.CSV", "v1daily.export.CSV", "v1historical.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			f.Add(line)
		}
	}
	f.Add("")
	f.Add("1\t20210231\t202102\t2021")
	var parsers []*gdelt.Parser
	for _, name := range []string{"v2.export.CSV", "v1daily.export.CSV", "v1historical.csv"} {
		p, err := gdelt.NewParser(readRecords(f, filepath.Join("testdata", name))[0], name)
		if err != nil {
			f.Fatal(err)
		}
		parsers = append(parsers, p)
	}
	f.Fuzz(func(t *testing.T, line string) {
		rec := gdelt.Split(line)
		gdelt.Detect(rec)
		ps := parsers[:len(parsers):len(parsers)]
		if p, err := gdelt.NewParser(rec, ""); err == nil {
			ps = append(ps, p)
		}
		for _, p := range ps {
			ev, err := p.Parse(rec)
			if err != nil {
				var re *dossier.RowError
				if !errors.Is(err, dossier.ErrSkipRow) && !errors.As(err, &re) {
					t.Fatalf("Parse error %T %v; want *dossier.RowError or ErrSkipRow", err, err)
				}
				continue
			}
			if ev.SourceID == "" || ev.Date.IsZero() || ev.Type == "" {
				t.Fatalf("event without id, date or type: %+v", ev)
			}
			if (ev.Latitude == nil) != (ev.Longitude == nil) {
				t.Fatalf("only one coordinate set: %+v", ev)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	var recs [][]string
	if _, err := os.Stat(realFile); err == nil {
		recs = realRecords(b)
	} else {
		recs = readRecords(b, filepath.Join("testdata", "v2.export.CSV"))
	}
	p, err := gdelt.NewParser(recs[0], "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Parse(recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
}
