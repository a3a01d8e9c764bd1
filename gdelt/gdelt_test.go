package gdelt_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/gdelt"
)

// readRecords reads a tab-separated fixture the way the tests expect a
// caller to: lines split on "\n", fields on "\t".
func readRecords(t testing.TB, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]string
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		recs = append(recs, strings.Split(line, "\t"))
	}
	return recs
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func asJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func TestParseFixtures(t *testing.T) {
	kabul := func() *dossier.Event {
		return &dossier.Event{
			Source: dossier.SourceGDELT, SourceID: "700000001", SourceVersion: "2.0", Licence: dossier.LicenceGDELT,
			Date: day(2021, 8, 26), DateEnd: day(2021, 8, 26), DatePrecision: dossier.PrecisionDay,
			Country: "AFG", CountryName: "Afghanistan", Place: "Kabul, Kabol, Afghanistan",
			Latitude: dossier.Float(34.5167), Longitude: dossier.Float(69.1833), GeoPrecision: "4",
			Type: dossier.TypeBombing, SourceType: "1831",
			Actors: []dossier.Actor{
				{Name: "ISLAMIC STATE KHORASAN", Role: dossier.RolePerpetrator},
				{Name: "KABUL", Role: dossier.RoleTarget},
			},
			TargetCategories: []dossier.TargetCategory{dossier.TargetCivilians},
			Suicide:          dossier.Bool(true),
			Citations:        []string{"https://example.org/news/kabul-airport-attack"},
			Details: map[string]string{
				"Actor1Code": "AFGREB", "Actor1CountryCode": "AFG", "Actor1Religion1Code": "MOS", "Actor1Type1Code": "REB",
				"Actor2Code": "AFGCVL", "Actor2CountryCode": "AFG", "Actor2Type1Code": "CVL",
				"IsRootEvent": "1", "EventBaseCode": "183", "EventRootCode": "18", "QuadClass": "4",
				"GoldsteinScale": "-10.0", "NumMentions": "40", "NumSources": "10", "NumArticles": "40", "AvgTone": "-8.5",
				"ActionGeo_CountryCode": "AF", "ActionGeo_ADM1Code": "AF13", "ActionGeo_ADM2Code": "12345",
				"ActionGeo_FeatureID": "-3378435", "DATEADDED": "20210826151500",
			},
		}
	}
	tests := []struct {
		file string
		want []*dossier.Event
	}{
		{"v2.export.CSV", []*dossier.Event{
			kabul(),
			{
				Source: dossier.SourceGDELT, SourceID: "700000002", SourceVersion: "2.0", Licence: dossier.LicenceGDELT,
				Date: day(2021, 8, 27), DateEnd: day(2021, 8, 27), DatePrecision: dossier.PrecisionDay,
				Country: "PAK", CountryName: "Pakistan", Place: "Pakistan",
				Latitude: dossier.Float(30), Longitude: dossier.Float(70), GeoPrecision: "1",
				Type: dossier.TypeProtest, SourceType: "141",
				Actors:    []dossier.Actor{{Name: "PROTESTER", Role: dossier.RolePerpetrator}},
				Citations: []string{"https://example.org/protest"},
				Details: map[string]string{
					"Actor1Code": "PAKOPP", "Actor1CountryCode": "PAK", "Actor1Type1Code": "OPP",
					"IsRootEvent": "0", "EventBaseCode": "141", "EventRootCode": "14", "QuadClass": "3",
					"GoldsteinScale": "-6.5", "NumMentions": "4", "NumSources": "1", "NumArticles": "4", "AvgTone": "-2.25",
					"ActionGeo_CountryCode": "PK", "ActionGeo_ADM1Code": "PK", "ActionGeo_FeatureID": "PK",
					"DATEADDED": "20210827001500",
				},
			},
			{
				Source: dossier.SourceGDELT, SourceID: "700000003", SourceVersion: "2.0", Licence: dossier.LicenceGDELT,
				Date: day(2021, 8, 28), DateEnd: day(2021, 8, 28), DatePrecision: dossier.PrecisionDay,
				Type: dossier.TypeBattle, SourceType: "190",
				Actors: []dossier.Actor{
					{Name: "SOLDIER", Role: dossier.RolePerpetrator},
					{Name: "REBEL", Role: dossier.RoleTarget},
				},
				TargetCategories: []dossier.TargetCategory{dossier.TargetNonState},
				Details: map[string]string{
					"Actor1Code": "MIL", "Actor1Type1Code": "MIL", "Actor2Code": "REB", "Actor2Type1Code": "REB",
					"IsRootEvent": "1", "EventBaseCode": "190", "EventRootCode": "19", "QuadClass": "4",
					"GoldsteinScale": "-10.0", "NumMentions": "2", "NumSources": "1", "NumArticles": "2", "AvgTone": "-5",
					"DATEADDED": "20210828120000",
				},
			},
			{
				Source: dossier.SourceGDELT, SourceID: "700000004", SourceVersion: "2.0", Licence: dossier.LicenceGDELT,
				Date: day(2021, 8, 29), DateEnd: day(2021, 8, 29), DatePrecision: dossier.PrecisionDay,
				Country: "CHL", CountryName: "Chile", Place: "Ñuñoa, Region Metropolitana, Chile",
				Latitude: dossier.Float(-33.4569), Longitude: dossier.Float(-70.5978), GeoPrecision: "4",
				Type: dossier.TypeRiot, SourceType: "145",
				Actors: []dossier.Actor{
					{Name: "SANTIAGO", Role: dossier.RolePerpetrator},
					{Name: "POLICÍA", Role: dossier.RoleTarget},
				},
				Citations: []string{"https://example.org/santiago"},
				Details: map[string]string{
					"Actor1Code": "CHL", "Actor1CountryCode": "CHL", "Actor2Code": "CHLCOP", "Actor2CountryCode": "CHL", "Actor2Type1Code": "COP",
					"IsRootEvent": "1", "EventBaseCode": "145", "EventRootCode": "14", "QuadClass": "4",
					"GoldsteinScale": "-7.5", "NumMentions": "6", "NumSources": "2", "NumArticles": "6", "AvgTone": "-4.1",
					"ActionGeo_CountryCode": "CI", "ActionGeo_ADM1Code": "CI12", "ActionGeo_FeatureID": "-882218",
					"DATEADDED": "20210829180000",
				},
			},
		}},
		{"v1daily.export.CSV", []*dossier.Event{
			{
				Source: dossier.SourceGDELT, SourceID: "300000001", SourceVersion: "1.0", Licence: dossier.LicenceGDELT,
				Date: day(2014, 6, 15), DateEnd: day(2014, 6, 15), DatePrecision: dossier.PrecisionDay,
				Country: "IRQ", CountryName: "Iraq", Place: "Mosul, Ninawa, Iraq",
				Latitude: dossier.Float(36.335), Longitude: dossier.Float(43.1189), GeoPrecision: "4",
				Type: dossier.TypeAssassination, SourceType: "186",
				Actors: []dossier.Actor{
					{Name: "MILITANT", Role: dossier.RolePerpetrator},
					{Name: "POLICE", Role: dossier.RoleTarget},
				},
				TargetCategories: []dossier.TargetCategory{dossier.TargetPolice},
				Citations:        []string{"http://example.com/mosul"},
				Details: map[string]string{
					"Actor1Code": "IRQREB", "Actor1CountryCode": "IRQ", "Actor1Type1Code": "REB",
					"Actor2Code": "IRQCOP", "Actor2CountryCode": "IRQ", "Actor2Type1Code": "COP",
					"IsRootEvent": "1", "EventBaseCode": "186", "EventRootCode": "18", "QuadClass": "4",
					"GoldsteinScale": "-10.0", "NumMentions": "8", "NumSources": "1", "NumArticles": "8", "AvgTone": "-9.1",
					"ActionGeo_CountryCode": "IZ", "ActionGeo_ADM1Code": "IZ15", "ActionGeo_FeatureID": "-1240993",
					"DATEADDED": "20140615",
				},
			},
			{
				Source: dossier.SourceGDELT, SourceID: "300000002", SourceVersion: "1.0", Licence: dossier.LicenceGDELT,
				Date: day(2014, 6, 16), DateEnd: day(2014, 6, 16), DatePrecision: dossier.PrecisionDay,
				Country: "SYR", CountryName: "Syria", Place: "Aleppo, Halab, Syria",
				Latitude: dossier.Float(36.2), Longitude: dossier.Float(37.16), GeoPrecision: "5",
				Type: dossier.TypeRemoteViolence, SourceType: "195",
				Actors: []dossier.Actor{
					{Name: "SYRIA", Role: dossier.RolePerpetrator},
					{Name: "REBEL GROUP", Role: dossier.RoleTarget},
				},
				TargetCategories: []dossier.TargetCategory{dossier.TargetNonState},
				Citations:        []string{"BBC Monitoring"},
				Details: map[string]string{
					"Actor1Code": "SYR", "Actor1CountryCode": "SYR",
					"Actor2Code": "SYRREB", "Actor2CountryCode": "SYR", "Actor2Type1Code": "REB",
					"IsRootEvent": "1", "EventBaseCode": "195", "EventRootCode": "19", "QuadClass": "4",
					"GoldsteinScale": "-10.0", "NumMentions": "3", "NumSources": "1", "NumArticles": "3", "AvgTone": "-7",
					"ActionGeo_CountryCode": "SY", "ActionGeo_ADM1Code": "SY09", "ActionGeo_FeatureID": "-2127004",
					"DATEADDED": "20140616",
				},
			},
		}},
		{"v1historical.csv", []*dossier.Event{
			{
				Source: dossier.SourceGDELT, SourceID: "100000001", SourceVersion: "1.0", Licence: dossier.LicenceGDELT,
				Date: day(1995, 4, 20), DateEnd: day(1995, 4, 20), DatePrecision: dossier.PrecisionDay,
				Country: "USA", CountryName: "United States", Place: "Oklahoma City, Oklahoma, United States",
				Latitude: dossier.Float(35.4676), Longitude: dossier.Float(-97.5164), GeoPrecision: "3",
				Type: dossier.TypeBombing, SourceType: "1832",
				Actors: []dossier.Actor{
					{Name: "UNITED STATES", Role: dossier.RolePerpetrator},
					{Name: "GOVERNMENT", Role: dossier.RoleTarget},
				},
				TargetCategories: []dossier.TargetCategory{dossier.TargetGovernment},
				Details: map[string]string{
					"Actor1Code": "USA", "Actor1CountryCode": "USA",
					"Actor2Code": "USAGOV", "Actor2CountryCode": "USA", "Actor2Type1Code": "GOV",
					"IsRootEvent": "1", "EventBaseCode": "183", "EventRootCode": "18", "QuadClass": "4",
					"GoldsteinScale": "-10.0", "NumMentions": "20", "NumSources": "4", "NumArticles": "20",
					"ActionGeo_CountryCode": "US", "ActionGeo_ADM1Code": "USOK", "ActionGeo_FeatureID": "1102140",
					"DATEADDED": "20130203",
				},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			recs := readRecords(t, filepath.Join("testdata", tt.file))
			if !gdelt.Detect(recs[0]) {
				t.Fatalf("Detect(first record) = false, want true")
			}
			p, err := gdelt.NewParser(recs[0], tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(recs), len(tt.want); got != want {
				t.Fatalf("fixture has %d records, want %d", got, want)
			}
			for i, rec := range recs {
				got, err := p.Parse(rec)
				if err != nil {
					t.Fatalf("record %d: %v", i+1, err)
				}
				if !reflect.DeepEqual(got, tt.want[i]) {
					t.Errorf("record %d:\n got %s\nwant %s", i+1, asJSON(got), asJSON(tt.want[i]))
				}
			}
		})
	}
}

func TestVersionAndColumns(t *testing.T) {
	tests := []struct {
		file        string
		wantVersion string
		wantCols    int
		wantLast    string
	}{
		{"v2.export.CSV", "2.0", 61, "SOURCEURL"},
		{"v1daily.export.CSV", "1.0", 58, "SOURCEURL"},
		{"v1historical.csv", "1.0", 57, "DATEADDED"},
	}
	for _, tt := range tests {
		recs := readRecords(t, filepath.Join("testdata", tt.file))
		p, err := gdelt.NewParser(recs[0], tt.file)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Version(); got != tt.wantVersion {
			t.Errorf("%s: Version() = %q, want %q", tt.file, got, tt.wantVersion)
		}
		cols := p.Columns()
		if len(cols) != tt.wantCols || cols[0] != "GLOBALEVENTID" || cols[len(cols)-1] != tt.wantLast {
			t.Errorf("%s: Columns() = %d names, first %q last %q; want %d, GLOBALEVENTID, %s",
				tt.file, len(cols), cols[0], cols[len(cols)-1], tt.wantCols, tt.wantLast)
		}
		cols[0] = "changed"
		if p.Columns()[0] != "GLOBALEVENTID" {
			t.Errorf("%s: Columns() returned the parser's own slice", tt.file)
		}
	}
}

func TestDetect(t *testing.T) {
	v2 := readRecords(t, filepath.Join("testdata", "v2.export.CSV"))[0]
	v1 := readRecords(t, filepath.Join("testdata", "v1daily.export.CSV"))[0]
	v1h := readRecords(t, filepath.Join("testdata", "v1historical.csv"))[0]
	with := func(rec []string, i int, v string) []string {
		c := append([]string(nil), rec...)
		c[i] = v
		return c
	}
	tests := []struct {
		name string
		rec  []string
		want bool
	}{
		{"gdelt 2.0", v2, true},
		{"gdelt 1.0 daily", v1, true},
		{"gdelt 1.0 historical", v1h, true},
		{"gtd header", []string{"eventid", "iyear", "imonth", "iday"}, false},
		{"empty", nil, false},
		{"one comma-joined field", []string{strings.Join(v2, ",")}, false},
		{"text id", with(v2, 0, "GLOBALEVENTID"), false},
		{"iso date", with(v2, 1, "2021-08-26"), false},
		{"bad MonthYear", with(v2, 2, "2021"), false},
		{"60 fields", v2[:60], false},
		{"59 fields", v2[:59], false},
		{"62 fields", append(append([]string(nil), v2...), "x"), false},
	}
	for _, tt := range tests {
		if got := gdelt.Detect(tt.rec); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNewParserRejects(t *testing.T) {
	tests := []struct {
		name string
		rec  []string
	}{
		{"header-like record", []string{"GLOBALEVENTID", "SQLDATE"}},
		{"comma-separated line", []string{"1,20210101,202101,2021"}},
		{"nothing", nil},
	}
	for _, tt := range tests {
		p, err := gdelt.NewParser(tt.rec, "x.export.CSV")
		var de *dossier.Error
		if p != nil || !errors.As(err, &de) {
			t.Fatalf("%s: NewParser = %v, %v; want nil and *dossier.Error", tt.name, p, err)
		}
		if de.Code != dossier.EInvalid || de.Hint == "" {
			t.Errorf("%s: error code %q hint %q; want %q and a hint", tt.name, de.Code, de.Hint, dossier.EInvalid)
		}
	}
}

func TestParseErrors(t *testing.T) {
	recs := readRecords(t, filepath.Join("testdata", "v2.export.CSV"))
	base := recs[0]
	p, err := gdelt.NewParser(base, "")
	if err != nil {
		t.Fatal(err)
	}
	with := func(i int, v string) []string {
		c := append([]string(nil), base...)
		c[i] = v
		return c
	}
	const lat, long = 56, 57
	tests := []struct {
		name       string
		rec        []string
		wantColumn string
		wantValue  string
	}{
		{"missing id", with(0, ""), "GLOBALEVENTID", ""},
		{"text id", with(0, "12a"), "GLOBALEVENTID", "12a"},
		{"february 31", with(1, "20210231"), "SQLDATE", "20210231"},
		{"iso date", with(1, "2021-08-26"), "SQLDATE", "2021-08-26"},
		{"month 13", with(1, "20211301"), "SQLDATE", "20211301"},
		{"year zero", with(1, "00000101"), "SQLDATE", "00000101"},
		{"year one", with(1, "00010101"), "SQLDATE", "00010101"},
		{"year 1899", with(1, "18991231"), "SQLDATE", "18991231"},
		{"blank date", with(1, ""), "SQLDATE", ""},
		{"latitude out of range", with(lat, "91"), "ActionGeo_Lat", "91"},
		{"latitude NaN", with(lat, "NaN"), "ActionGeo_Lat", "NaN"},
		{"longitude not a number", with(long, "abc"), "ActionGeo_Long", "abc"},
		{"longitude out of range", with(long, "-180.5"), "ActionGeo_Long", "-180.5"},
		{"short row", base[:40], "", "40 fields"},
		{"1.0 row in a 2.0 file", base[:58], "", "58 fields"},
		{"extra non-empty field", append(append([]string(nil), base...), "x"), "", "62 fields"},
	}
	for _, tt := range tests {
		ev, err := p.Parse(tt.rec)
		var re *dossier.RowError
		if ev != nil || !errors.As(err, &re) {
			t.Fatalf("%s: Parse = %v, %v; want nil and *dossier.RowError", tt.name, ev, err)
		}
		if re.Column != tt.wantColumn || re.Value != tt.wantValue || re.Reason == "" || re.Hint == "" {
			t.Errorf("%s: RowError{Column %q, Value %q, Reason %q, Hint %q}; want column %q value %q with reason and hint",
				tt.name, re.Column, re.Value, re.Reason, re.Hint, tt.wantColumn, tt.wantValue)
		}
		if re.File != "" || re.Line != 0 || re.Raw != "" {
			t.Errorf("%s: RowError sets File/Line/Raw (%q, %d, %q); the caller does", tt.name, re.File, re.Line, re.Raw)
		}
	}
}

func TestParseLenient(t *testing.T) {
	v2 := readRecords(t, filepath.Join("testdata", "v2.export.CSV"))[0]
	v1 := readRecords(t, filepath.Join("testdata", "v1daily.export.CSV"))[0]
	p2, err := gdelt.NewParser(v2, "")
	if err != nil {
		t.Fatal(err)
	}
	p1, err := gdelt.NewParser(v1, "")
	if err != nil {
		t.Fatal(err)
	}
	spaced := append([]string(nil), v2...)
	spaced[0], spaced[6], spaced[56] = " 700000001 ", " ISLAMIC STATE KHORASAN\r", "34.5167 "
	latin1 := append([]string(nil), v2...)
	latin1[52] = "Bogot\xe1, Bogota, Colombia"
	lastCR := append([]string(nil), v2...)
	lastCR[60] += "\r"
	tests := []struct {
		name        string
		p           *gdelt.Parser
		rec         []string
		wantID      string
		wantCite    int
		wantVersion string
	}{
		{"trailing empty fields", p2, append(append([]string(nil), v2...), "", ""), "700000001", 1, "2.0"},
		{"spaces and CR around values", p2, spaced, "700000001", 1, "2.0"},
		{"CR at end of line", p2, lastCR, "700000001", 1, "2.0"},
		{"Latin-1 byte in a place name", p2, latin1, "700000001", 1, "2.0"},
		{"1.0 historical row in a 1.0 daily file", p1, v1[:57], "300000001", 0, "1.0"},
	}
	for _, tt := range tests {
		ev, err := tt.p.Parse(tt.rec)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if ev.SourceID != tt.wantID || len(ev.Citations) != tt.wantCite || ev.SourceVersion != tt.wantVersion {
			t.Errorf("%s: id %q, %d citations, version %q; want %q, %d, %q",
				tt.name, ev.SourceID, len(ev.Citations), ev.SourceVersion, tt.wantID, tt.wantCite, tt.wantVersion)
		}
		if tt.name == "spaces and CR around values" {
			if ev.Actors[0].Name != "ISLAMIC STATE KHORASAN" || *ev.Latitude != 34.5167 {
				t.Errorf("%s: actor %q latitude %v; want trimmed values", tt.name, ev.Actors[0].Name, *ev.Latitude)
			}
		}
		if tt.name == "Latin-1 byte in a place name" && ev.Place != "Bogot\uFFFD, Bogota, Colombia" {
			t.Errorf("%s: place %q, want the byte replaced by U+FFFD", tt.name, ev.Place)
		}
		if tt.name == "CR at end of line" && ev.Citations[0] != "https://example.org/news/kabul-airport-attack" {
			t.Errorf("%s: citation %q keeps the carriage return", tt.name, ev.Citations[0])
		}
	}

	for _, rec := range [][]string{{""}, make([]string, 61), {" ", "\t"}} {
		if ev, err := p2.Parse(rec); ev != nil || !errors.Is(err, dossier.ErrSkipRow) {
			t.Errorf("blank record %q: Parse = %v, %v; want dossier.ErrSkipRow", rec, ev, err)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"1\t2\t\t4\n", []string{"1", "2", "", "4"}},
		{"a, b\tc\r\n", []string{"a, b", "c"}},
		{"", []string{""}},
	}
	for _, tt := range tests {
		if got := gdelt.Split(tt.line); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		code        string
		wantType    dossier.EventType
		wantSuicide bool
	}{
		{"180", dossier.TypeAttack, false},
		{"18", dossier.TypeAttack, false},
		{"181", dossier.TypeKidnapping, false},
		{"182", dossier.TypeUnarmedAssault, false},
		{"1821", dossier.TypeSexualViolence, false},
		{"1822", dossier.TypeUnarmedAssault, false},
		{"1823", dossier.TypeUnarmedAssault, false},
		{"183", dossier.TypeBombing, false},
		{"1831", dossier.TypeBombing, true},
		{"1832", dossier.TypeBombing, false},
		{"1833", dossier.TypeBombing, false},
		{"1834", dossier.TypeBombing, false},
		{"184", dossier.TypeAttack, false},
		{"185", dossier.TypeAssassination, false},
		{"186", dossier.TypeAssassination, false},
		{"19", dossier.TypeBattle, false},
		{"190", dossier.TypeBattle, false},
		{"193", dossier.TypeBattle, false},
		{"194", dossier.TypeRemoteViolence, false},
		{"195", dossier.TypeRemoteViolence, false},
		{"1951", dossier.TypeRemoteViolence, false},
		{"1952", dossier.TypeRemoteViolence, false},
		{"196", dossier.TypeBattle, false},
		{"20", dossier.TypeMassViolence, false},
		{"202", dossier.TypeMassViolence, false},
		{"2042", dossier.TypeMassViolence, false},
		{"14", dossier.TypeProtest, false},
		{"141", dossier.TypeProtest, false},
		{"1411", dossier.TypeProtest, false},
		{"145", dossier.TypeRiot, false},
		{"1452", dossier.TypeRiot, false},
		{"040", dossier.TypeOther, false},
		{"173", dossier.TypeOther, false},
		{"", dossier.TypeOther, false},
		{"1", dossier.TypeOther, false},
		{"18a", dossier.TypeOther, false},
		{"---", dossier.TypeOther, false},
		{"18311", dossier.TypeOther, false},
	}
	for _, tt := range tests {
		gotType, gotSuicide := gdelt.Classify(tt.code)
		if gotType != tt.wantType || gotSuicide != tt.wantSuicide {
			t.Errorf("Classify(%q) = %q, %v; want %q, %v", tt.code, gotType, gotSuicide, tt.wantType, tt.wantSuicide)
		}
	}
}

func TestTargetCategories(t *testing.T) {
	base := readRecords(t, filepath.Join("testdata", "v2.export.CSV"))[0]
	p, err := gdelt.NewParser(base, "")
	if err != nil {
		t.Fatal(err)
	}
	const eventCode, a2Eth, a2Rel, a2T1, a2T2, a2T3 = 26, 19, 20, 22, 23, 24
	tests := []struct {
		name                string
		code                string
		t1, t2, t3, rel, et string
		want                []dossier.TargetCategory
	}{
		{"civilians", "190", "CVL", "", "", "", "", []dossier.TargetCategory{dossier.TargetCivilians}},
		{"police and military, no duplicates", "193", "COP", "MIL", "COP", "", "", []dossier.TargetCategory{dossier.TargetPolice, dossier.TargetMilitary}},
		{"journalists", "186", "MED", "", "", "", "", []dossier.TargetCategory{dossier.TargetJournalists}},
		{"religious", "183", "", "", "", "CHR", "", []dossier.TargetCategory{dossier.TargetReligious}},
		{"ethnic", "202", "", "", "", "", "kur", []dossier.TargetCategory{dossier.TargetReligious}},
		{"aid workers", "181", "NGO", "", "", "", "", []dossier.TargetCategory{dossier.TargetAidWorkers}},
		{"no category for unclear roles", "190", "LAB", "HLH", "", "", "", nil},
		{"not violent: none", "040", "CVL", "", "", "", "", nil},
		{"protest: none", "141", "GOV", "", "", "", "", nil},
	}
	for _, tt := range tests {
		rec := append([]string(nil), base...)
		rec[eventCode], rec[a2T1], rec[a2T2], rec[a2T3], rec[a2Rel], rec[a2Eth] = tt.code, tt.t1, tt.t2, tt.t3, tt.rel, tt.et
		ev, err := p.Parse(rec)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !reflect.DeepEqual(ev.TargetCategories, tt.want) {
			t.Errorf("%s: TargetCategories = %v, want %v", tt.name, ev.TargetCategories, tt.want)
		}
	}
}

func TestCountry(t *testing.T) {
	base := readRecords(t, filepath.Join("testdata", "v2.export.CSV"))[0]
	p, err := gdelt.NewParser(base, "")
	if err != nil {
		t.Fatal(err)
	}
	const geoType, geoName, geoCC = 51, 52, 53
	tests := []struct {
		name                string
		typ, fullName, fips string
		wantISO3, wantName  string
	}{
		{"FIPS code, name after the last comma", "4", "Kyiv, Kyyiv, Misto, Ukraine", "UP", "UKR", "Ukraine"},
		{"FIPS code differs from ISO2", "4", "Berlin, Berlin, Germany", "GM", "DEU", "Germany"},
		{"FIPS code only: GDELT left the country name blank", "4", "Belgrade, Serbia (general),", "RB", "SRB", ""},
		{"country-level location: the whole name", "1", "Vietnam, Republic Of", "VM", "VNM", "Vietnam, Republic Of"},
		{"no FIPS code: the name", "4", "Kabul, Kabol, Afghanistan", "", "AFG", "Afghanistan"},
		{"neither resolves", "4", "Somewhere, Nowhere, Atlantis", "QQ", "", "Atlantis"},
		{"no location", "0", "", "", "", ""},
	}
	for _, tt := range tests {
		rec := append([]string(nil), base...)
		rec[geoType], rec[geoName], rec[geoCC] = tt.typ, tt.fullName, tt.fips
		ev, err := p.Parse(rec)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if ev.Country != tt.wantISO3 || ev.CountryName != tt.wantName || ev.Place != tt.fullName {
			t.Errorf("%s: country %q name %q place %q; want %q %q %q",
				tt.name, ev.Country, ev.CountryName, ev.Place, tt.wantISO3, tt.wantName, tt.fullName)
		}
	}
}
