package interchange_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/interchange"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func asJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// readCSV reads a whole CSV file with encoding/csv, as the importer does.
func readCSV(t testing.TB, r *csv.Reader) [][]string {
	t.Helper()
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func readCSVFile(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return readCSV(t, csv.NewReader(f))
}

// skip stands for a row that must return dossier.ErrSkipRow.
var skip = &dossier.Event{SourceID: "<skip>"}

func checkEvents(t *testing.T, where string, got []*dossier.Event, errs []error, want []*dossier.Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", where, len(got), len(want))
	}
	for i := range want {
		if want[i] == skip {
			if !errors.Is(errs[i], dossier.ErrSkipRow) || got[i] != nil {
				t.Errorf("%s row %d: got %v, %v; want dossier.ErrSkipRow", where, i+1, got[i], errs[i])
			}
			continue
		}
		if errs[i] != nil {
			t.Errorf("%s row %d: %v", where, i+1, errs[i])
			continue
		}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s row %d:\n got %s\nwant %s", where, i+1, asJSON(got[i]), asJSON(want[i]))
		}
	}
}

func TestParseCSVFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []*dossier.Event
	}{
		{"incidents.csv", []*dossier.Event{
			{
				Source: dossier.SourceUser, SourceID: "log-001",
				Date: day(2021, 8, 26), DateEnd: day(2021, 8, 26), DatePrecision: dossier.PrecisionDay,
				Country: "AFG", CountryName: "Afghanistan", Place: "Kabul airport",
				Latitude: dossier.Float(34.5653), Longitude: dossier.Float(69.2124),
				Type: dossier.TypeBombing,
				Actors: []dossier.Actor{
					{Name: "Islamic State Khorasan Province", Role: dossier.RolePerpetrator},
					{Name: "US Army", Role: dossier.RoleTarget},
					{Name: "Afghan civilians", Role: dossier.RoleTarget},
				},
				TargetCategories: []dossier.TargetCategory{dossier.TargetMilitary, dossier.TargetCivilians},
				Fatalities:       dossier.Int(170), Injuries: dossier.Int(200), Suicide: dossier.Bool(true),
				Summary:   "Suicide bombing at the airport gate.",
				Citations: []string{"https://example.org/a", "https://example.org/b"},
				Details:   map[string]string{"Notes": "checked twice"},
			},
			{
				Source: dossier.SourceUser, SourceID: "log-002",
				Date: day(2019, 5, 1), DateEnd: day(2019, 5, 31), DatePrecision: dossier.PrecisionMonth,
				Country: "PAK", CountryName: "Pakistan",
				Actors:  []dossier.Actor{{Name: "Tehrik-i-Taliban Pakistan", Role: dossier.RolePerpetrator}},
				Summary: `Attack reported, "unconfirmed" date`,
			},
			{
				Source: dossier.SourceUser, SourceID: "log-003",
				Date: day(2020, 1, 1), DateEnd: day(2020, 12, 31), DatePrecision: dossier.PrecisionYear,
				Country: "CIV", CountryName: "Côte d'Ivoire", Place: "Kafolo",
				Latitude: dossier.Float(9.6), Longitude: dossier.Float(-4.3),
				Type: dossier.TypeArmedAssault,
				Actors: []dossier.Actor{
					{Name: "Groupe de soutien à l'islam et aux musulmans", Role: dossier.RolePerpetrator},
					{Name: "Gendarmerie", Role: dossier.RoleTarget},
				},
				TargetCategories: []dossier.TargetCategory{dossier.TargetPolice},
				Fatalities:       dossier.Int(0), Suicide: dossier.Bool(false),
				Summary: "Attaque contre un poste — deux blessés\nselon la presse",
			},
			{
				Source: dossier.SourceUser, SourceID: "log-004",
				Date: day(2022, 3, 5), DateEnd: day(2022, 3, 5), DatePrecision: dossier.PrecisionDay,
				Place: "Unknown place", Type: dossier.TypeOther, Fatalities: dossier.Int(1),
			},
			skip,
			{
				Source: dossier.SourceUser, SourceID: "log-005",
				Date: day(2023, 1, 1), DateEnd: day(2023, 12, 31), DatePrecision: dossier.PrecisionYear,
				Country: "PAK", CountryName: "Pakistan",
			},
		}},
		{"extended.csv", []*dossier.Event{
			{
				Source: "mylog", SourceID: "ml-7", SourceVersion: "v3", Licence: "CC BY 4.0",
				Date: day(2020, 1, 6), DateEnd: day(2020, 1, 12), DatePrecision: dossier.PrecisionWeek,
				Country: "AFG", CountryName: "Afghanistan (Islamic Emirate)",
				Admin1: "Nangarhar", Admin2: "Jalalabad", Place: "Jalalabad city",
				Latitude: dossier.Float(34.4265), Longitude: dossier.Float(70.4515), GeoPrecision: "2",
				Type: dossier.TypeOneSidedViolence, SourceType: "Killing", SourceSubtype: "Execution",
				Actors: []dossier.Actor{
					{Name: "Taliban", Role: dossier.RolePerpetrator},
					{Name: "Islamic State Khorasan Province", Role: dossier.RolePerpetrator, Uncertain: true},
					{Name: "Local militia", Role: dossier.RoleAssociated},
					{Name: "Villagers", Role: dossier.RoleTarget},
				},
				TargetCategories: []dossier.TargetCategory{dossier.TargetCivilians},
				Fatalities:       dossier.Int(12), FatalitiesLow: dossier.Int(10), FatalitiesHigh: dossier.Int(15),
				Injuries: dossier.Int(3), Hostages: dossier.Int(2),
				Suicide: dossier.Bool(false), Claimed: dossier.Bool(true), Success: dossier.Bool(true), Doubtful: dossier.Bool(false),
				Summary:   "Twelve villagers killed; “unclear” who did it.",
				Citations: []string{"report 7"},
				Details:   map[string]string{"analyst": "R. Khan", "verified": "yes"},
			},
		}},
	}
	for _, tt := range tests {
		recs := readCSVFile(t, tt.file)
		if !interchange.Detect(recs[0]) {
			t.Fatalf("%s: Detect(header) = false", tt.file)
		}
		p, err := interchange.NewParser(recs[0], tt.file)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		var got []*dossier.Event
		var errs []error
		for _, rec := range recs[1:] {
			ev, err := p.Parse(rec)
			got, errs = append(got, ev), append(errs, err)
		}
		checkEvents(t, tt.file, got, errs, tt.want)
	}
}

func TestParseJSONFixture(t *testing.T) {
	want := []*dossier.Event{
		{
			Source: dossier.SourceUser, SourceID: "j-1",
			Date: day(2021, 8, 26), DateEnd: day(2021, 8, 26), DatePrecision: dossier.PrecisionDay,
			Country: "AFG", CountryName: "Afghanistan",
			Latitude: dossier.Float(34.5653), Longitude: dossier.Float(69.2124),
			Type: dossier.TypeBombing,
			Actors: []dossier.Actor{
				{Name: "Islamic State Khorasan Province", Role: dossier.RolePerpetrator},
				{Name: "Taliban; Haqqani Network", Role: dossier.RoleTarget},
				{Name: "US Army", Role: dossier.RoleTarget},
			},
			TargetCategories: []dossier.TargetCategory{dossier.TargetMilitary, dossier.TargetCivilians},
			Fatalities:       dossier.Int(170), Injuries: dossier.Int(200), Suicide: dossier.Bool(true),
			Citations: []string{"https://example.org/a"},
			Details:   map[string]string{"analyst": "R. Khan", "score": "3", "notes": "checked", "tags": `["a","b"]`},
		},
		skip,
		{
			Source: "mylog", SourceID: "12",
			Date: day(2019, 5, 1), DateEnd: day(2019, 5, 31), DatePrecision: dossier.PrecisionMonth,
			Country: "PAK", CountryName: "",
			Actors:  []dossier.Actor{{Name: "Lashkar-e-Jhangvi", Role: dossier.RolePerpetrator, Uncertain: true}},
			Suicide: dossier.Bool(false), Claimed: dossier.Bool(false),
			Summary: "Attaque à Quetta — “unconfirmed”",
		},
		{
			Source: dossier.SourceUser, SourceID: "j-3",
			Date: day(2020, 1, 1), DateEnd: day(2021, 6, 30), DatePrecision: dossier.PrecisionYear,
			CountryName: "Somaliland", Hostages: dossier.Int(2),
		},
	}
	b, err := os.ReadFile(filepath.Join("testdata", "incidents.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var got []*dossier.Event
	var errs []error
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		ev, err := interchange.ParseJSON([]byte(line))
		got, errs = append(got, ev), append(errs, err)
	}
	checkEvents(t, "incidents.jsonl", got, errs, want)
}

func TestDetect(t *testing.T) {
	tests := []struct {
		header []string
		want   bool
	}{
		{[]string{"source_id", "date", "country"}, true},
		{[]string{"Country", "\ufeffSource ID", "DATE", "notes"}, true},
		{[]string{"source-id", "date", "country"}, true},
		{[]string{"source_id", "date"}, false},
		{[]string{"event_id_cnty", "event_date", "country"}, false},
		{[]string{"eventid", "iyear", "country"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := interchange.Detect(tt.header); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestNewParserRejects(t *testing.T) {
	tests := []struct {
		name        string
		header      []string
		wantMention []string
	}{
		{"missing date and country", []string{"source_id", "place"}, []string{"date", "country"}},
		{"missing source_id", []string{"date", "country"}, []string{"source_id"}},
		{"duplicate column", []string{"source_id", "date", "country", "Place", "place"}, []string{"place"}},
		{"duplicate after normalising", []string{"source_id", "date", "country", "Source ID"}, []string{"Source ID"}},
	}
	for _, tt := range tests {
		p, err := interchange.NewParser(tt.header, "mine.csv")
		var de *dossier.Error
		if p != nil || !errors.As(err, &de) {
			t.Fatalf("%s: NewParser = %v, %v; want nil and *dossier.Error", tt.name, p, err)
		}
		if de.Code != dossier.EInvalid || de.Hint == "" {
			t.Errorf("%s: code %q hint %q; want %q and a hint", tt.name, de.Code, de.Hint, dossier.EInvalid)
		}
		for _, m := range tt.wantMention {
			if !strings.Contains(de.Message, m) || !strings.Contains(de.Message, "mine.csv") {
				t.Errorf("%s: message %q does not name %q and the file", tt.name, de.Message, m)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	header := []string{"source", "source_id", "date", "date_end", "date_precision", "country", "latitude", "longitude",
		"type", "target_category", "fatalities", "injuries", "suicide", "details"}
	p, err := interchange.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	good := map[string]string{"source_id": "1", "date": "2021-08-26", "country": "AFG"}
	rec := func(set map[string]string) []string {
		r := make([]string, len(header))
		for i, h := range header {
			r[i] = good[h]
			if v, ok := set[h]; ok {
				r[i] = v
			}
		}
		return r
	}
	tests := []struct {
		name       string
		set        map[string]string
		wantColumn string
		wantValue  string
		wantHint   string // a word the hint must contain
	}{
		{"missing id", map[string]string{"source_id": ""}, "source_id", "", "id"},
		{"missing date", map[string]string{"date": ""}, "date", "", "YYYY"},
		{"day-first date", map[string]string{"date": "26/08/2021"}, "date", "26/08/2021", "YYYY"},
		{"february 30", map[string]string{"date": "2021-02-30"}, "date", "2021-02-30", "YYYY"},
		{"month 13", map[string]string{"date": "2021-13"}, "date", "2021-13", "YYYY"},
		{"two-digit year", map[string]string{"date": "21-08-26"}, "date", "21-08-26", "YYYY"},
		{"year 999", map[string]string{"date": "0999"}, "date", "0999", "YYYY"},
		{"time of day", map[string]string{"date": "2021-08-26T10:00"}, "date", "2021-08-26T10:00", "YYYY"},
		{"end before start", map[string]string{"date_end": "2021-08-25"}, "date_end", "2021-08-25", "swap"},
		{"bad end", map[string]string{"date_end": "soon"}, "date_end", "soon", "blank"},
		{"unknown precision", map[string]string{"date_precision": "fortnight"}, "date_precision", "fortnight", "week"},
		{"precision finer than date", map[string]string{"date": "2021-08", "date_precision": "day"}, "date_precision", "day", "YYYY-MM-DD"},
		{"unknown country", map[string]string{"country": "Atlantis"}, "country", "Atlantis", "alpha-3"},
		{"latitude out of range", map[string]string{"latitude": "91", "longitude": "1"}, "latitude", "91", "degrees"},
		{"latitude with comma", map[string]string{"latitude": "34,5", "longitude": "1"}, "latitude", "34,5", "point"},
		{"latitude without longitude", map[string]string{"latitude": "34.5"}, "longitude", "", "both"},
		{"longitude without latitude", map[string]string{"longitude": "69"}, "latitude", "", "both"},
		{"longitude not a number", map[string]string{"latitude": "1", "longitude": "abc"}, "longitude", "abc", "degrees"},
		{"unknown type", map[string]string{"type": "massacre"}, "type", "massacre", "one_sided_violence"},
		{"unknown category", map[string]string{"target_category": "civilians;children"}, "target_category", "children", "journalists_media"},
		{"negative sentinel", map[string]string{"fatalities": "-99"}, "fatalities", "-99", "blank"},
		{"fraction", map[string]string{"fatalities": "1.5"}, "fatalities", "1.5", "count"},
		{"words", map[string]string{"fatalities": "many"}, "fatalities", "many", "count"},
		{"thousands separator", map[string]string{"injuries": "1,000"}, "injuries", "1,000", "separators"},
		{"huge", map[string]string{"injuries": "99999999999999999999"}, "injuries", "99999999999999999999", "count"},
		{"not a boolean", map[string]string{"suicide": "maybe"}, "suicide", "maybe", "true"},
		{"source with space", map[string]string{"source": "my log"}, "source", "my log", "mylog"},
		{"broken details", map[string]string{"details": `{"a":`}, "details", `{"a":`, "JSON"},
	}
	for _, tt := range tests {
		ev, err := p.Parse(rec(tt.set))
		var re *dossier.RowError
		if ev != nil || !errors.As(err, &re) {
			t.Errorf("%s: Parse = %v, %v; want nil and *dossier.RowError", tt.name, ev, err)
			continue
		}
		if re.Column != tt.wantColumn || re.Value != tt.wantValue || re.Reason == "" || !strings.Contains(re.Hint, tt.wantHint) {
			t.Errorf("%s: RowError{Column %q, Value %q, Reason %q, Hint %q}; want column %q value %q, hint with %q",
				tt.name, re.Column, re.Value, re.Reason, re.Hint, tt.wantColumn, tt.wantValue, tt.wantHint)
		}
		if re.File != "" || re.Line != 0 || re.Raw != "" {
			t.Errorf("%s: Parse set File/Line/Raw", tt.name)
		}
	}

	// A field beyond the header that holds a value.
	ev, err := p.Parse(append(rec(nil), "", "stray"))
	var re *dossier.RowError
	if ev != nil || !errors.As(err, &re) || re.Column != "" || re.Value != "stray" {
		t.Errorf("stray field: Parse = %v, %v; want a *dossier.RowError for the row with value \"stray\"", ev, err)
	}
}

func TestParseLenient(t *testing.T) {
	header := []string{"source_id", "date", "country", "type", "fatalities", "suicide", "claimed", "perpetrator", "details", "extra"}
	p, err := interchange.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		rec  []string
		want *dossier.Event
	}{
		{"spaces, case, 1.0, YES, one-digit month",
			[]string{" 7 ", " 2021-8-5 ", " afghanistan ", " Remote Violence ", " 3.0 ", "YES", "0", " A ;; B ;", "", ""},
			&dossier.Event{Source: dossier.SourceUser, SourceID: "7",
				Date: day(2021, 8, 5), DateEnd: day(2021, 8, 5), DatePrecision: dossier.PrecisionDay,
				Country: "AFG", CountryName: "afghanistan", Type: dossier.TypeRemoteViolence,
				Fatalities: dossier.Int(3), Suicide: dossier.Bool(true), Claimed: dossier.Bool(false),
				Actors: []dossier.Actor{{Name: "A", Role: dossier.RolePerpetrator}, {Name: "B", Role: dossier.RolePerpetrator}}}},
		{"short row, plain-text details",
			[]string{"8", "2021", "", "", "", "", "", "", "seen on video"},
			&dossier.Event{Source: dossier.SourceUser, SourceID: "8",
				Date: day(2021, 1, 1), DateEnd: day(2021, 12, 31), DatePrecision: dossier.PrecisionYear,
				Details: map[string]string{"details": "seen on video"}}},
		{"trailing empty fields, own column wins over details key",
			[]string{"9", "2021-02", "PAK", "", "", "", "", "", `{"extra":"from details","k":"v"}`, "own", "", ""},
			&dossier.Event{Source: dossier.SourceUser, SourceID: "9",
				Date: day(2021, 2, 1), DateEnd: day(2021, 2, 28), DatePrecision: dossier.PrecisionMonth,
				Country: "PAK", CountryName: "Pakistan",
				Details: map[string]string{"extra": "own", "k": "v"}}},
		{"leap day", []string{"10", "2024-02-29", "", "", "", "", "", "", "", ""},
			&dossier.Event{Source: dossier.SourceUser, SourceID: "10",
				Date: day(2024, 2, 29), DateEnd: day(2024, 2, 29), DatePrecision: dossier.PrecisionDay}},
	}
	for _, tt := range tests {
		got, err := p.Parse(tt.rec)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, asJSON(got), asJSON(tt.want))
		}
	}
	for _, rec := range [][]string{nil, {""}, {" ", "", "\t"}} {
		if ev, err := p.Parse(rec); ev != nil || !errors.Is(err, dossier.ErrSkipRow) {
			t.Errorf("blank row %q: Parse = %v, %v; want dossier.ErrSkipRow", rec, ev, err)
		}
	}
}

func TestNotUTF8(t *testing.T) {
	p, err := interchange.NewParser([]string{"source_id", "date", "country", "place"}, "")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := p.Parse([]string{"1", "2021", "AFG", "Bogot\xe1"})
	var re *dossier.RowError
	if ev != nil || !errors.As(err, &re) || re.Column != "place" || re.Hint == "" {
		t.Errorf("CSV Latin-1 value: Parse = %v, %v; want a *dossier.RowError for column place with a hint", ev, err)
	}
	ev, err = interchange.ParseJSON([]byte("{\"source_id\":\"1\",\"date\":\"2021\",\"country\":\"AFG\",\"place\":\"Bogot\xe1\"}"))
	if ev != nil || !errors.As(err, &re) || re.Hint == "" {
		t.Errorf("JSON Latin-1 value: ParseJSON = %v, %v; want a *dossier.RowError with a hint", ev, err)
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		name       string
		line       string
		wantColumn string
	}{
		{"array line", `[1,2]`, ""},
		{"not JSON", `source_id=1`, ""},
		{"unclosed", `{"source_id":"1"`, ""},
		{"syntax error", `{"source_id" "1"}`, ""},
		{"two values", `{"source_id":"1","date":"2021","country":"AFG"} {}`, ""},
		{"duplicate field", `{"source_id":"1","date":"2021","country":"AFG","Date":"2020"}`, "Date"},
		{"no source_id", `{"date":"2021","country":"AFG"}`, "source_id"},
		{"no country field", `{"source_id":"1","date":"2021"}`, "country"},
		{"no date field", `{"source_id":"1","country":"AFG"}`, "date"},
		{"numeric date", `{"source_id":"1","date":20210826,"country":"AFG"}`, "date"},
		{"array for a single value", `{"source_id":"1","date":["2021"],"country":"AFG"}`, "date"},
		{"object for a list", `{"source_id":"1","date":"2021","country":"AFG","perpetrator":{"name":"x"}}`, "perpetrator"},
		{"nested array element", `{"source_id":"1","date":"2021","country":"AFG","target":[["x"]]}`, "target"},
		{"details array", `{"source_id":"1","date":"2021","country":"AFG","details":[1]}`, "details"},
		{"fatalities as boolean", `{"source_id":"1","date":"2021","country":"AFG","fatalities":true}`, "fatalities"},
		{"suicide as 2", `{"source_id":"1","date":"2021","country":"AFG","suicide":2}`, "suicide"},
	}
	for _, tt := range tests {
		ev, err := interchange.ParseJSON([]byte(tt.line))
		var re *dossier.RowError
		if ev != nil || !errors.As(err, &re) {
			t.Errorf("%s: ParseJSON = %v, %v; want nil and *dossier.RowError", tt.name, ev, err)
			continue
		}
		if re.Column != tt.wantColumn || re.Reason == "" || re.Hint == "" {
			t.Errorf("%s: RowError{Column %q, Reason %q, Hint %q}; want column %q with reason and hint",
				tt.name, re.Column, re.Reason, re.Hint, tt.wantColumn)
		}
	}
	for _, line := range []string{"", "   ", "\r"} {
		if ev, err := interchange.ParseJSON([]byte(line)); ev != nil || !errors.Is(err, dossier.ErrSkipRow) {
			t.Errorf("blank line %q: ParseJSON = %v, %v; want dossier.ErrSkipRow", line, ev, err)
		}
	}
}

// roundTripEvents are events as importers produce them, covering every
// canonical field, unknown (nil) values and awkward text.
func roundTripEvents() []*dossier.Event {
	return []*dossier.Event{
		{
			Source: dossier.SourceGTD, SourceID: "202108260001", SourceVersion: "1222dist", Licence: dossier.LicenceGTD,
			Date: day(2021, 8, 26), DateEnd: day(2021, 8, 26), DatePrecision: dossier.PrecisionDay,
			Country: "AFG", CountryName: "Afghanistan", Admin1: "Kabul", Admin2: "Kabul district", Place: "Kabul",
			Latitude: dossier.Float(34.516895), Longitude: dossier.Float(69.147011), GeoPrecision: "1",
			Type: dossier.TypeBombing, SourceType: "Bombing/Explosion", SourceSubtype: "Suicide (carried, vehicle)",
			Actors: []dossier.Actor{
				{Name: "Khorasan Chapter of the Islamic State", Role: dossier.RolePerpetrator},
				{Name: "Taliban", Role: dossier.RolePerpetrator, Uncertain: true},
				{Name: "Haqqani Network", Role: dossier.RoleAssociated},
				{Name: "U.S. Armed Forces", Role: dossier.RoleTarget},
				{Name: "Civilians, \"Afghan\"", Role: dossier.RoleTarget},
			},
			TargetCategories: []dossier.TargetCategory{dossier.TargetMilitary, dossier.TargetCivilians},
			Fatalities:       dossier.Int(183), FatalitiesLow: dossier.Int(170), FatalitiesHigh: dossier.Int(190),
			Injuries: dossier.Int(150), Hostages: dossier.Int(0),
			Suicide: dossier.Bool(true), Claimed: dossier.Bool(true), Success: dossier.Bool(true), Doubtful: dossier.Bool(false),
			Summary:   "08/26/2021: A suicide bomber detonated, \"at the gate\"\nthen gunmen opened fire; – ünïcödé, 中文, عربى.",
			Citations: []string{"https://example.org/a?x=1&y=2", "Agence, \"Report\", 27 August 2021"},
			Details:   map[string]string{"weaptype1_txt": "Explosives", "empty": "", "json-ish": `{"a":1}`},
		},
		{ // everything optional unknown
			Source: dossier.SourceUser, SourceID: "min",
			Date: day(2020, 1, 1), DateEnd: day(2020, 1, 1), DatePrecision: dossier.PrecisionDay,
		},
		{ // month precision, no country code
			Source: dossier.SourceACLED, SourceID: "BEN123", Licence: dossier.LicenceACLED,
			Date: day(2022, 12, 1), DateEnd: day(2022, 12, 31), DatePrecision: dossier.PrecisionMonth,
			CountryName: "Somaliland", Latitude: dossier.Float(-0.5), Longitude: dossier.Float(-179.999999),
			Type: dossier.TypeBattle, Fatalities: dossier.Int(0),
			Actors:  []dossier.Actor{{Name: "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)", Role: dossier.RolePerpetrator}},
			Details: map[string]string{"inter1": "2"},
		},
		{ // week precision with a range
			Source: dossier.SourceUCDP, SourceID: "244657", SourceVersion: "23.1", Licence: dossier.LicenceUCDP,
			Date: day(2020, 1, 6), DateEnd: day(2020, 1, 12), DatePrecision: dossier.PrecisionWeek,
			Country: "PAK", CountryName: "Pakistan", Type: dossier.TypeOneSidedViolence,
			FatalitiesLow: dossier.Int(1), FatalitiesHigh: dossier.Int(4),
		},
		{ // year precision
			Source: "mylog", SourceID: "y", Date: day(1995, 1, 1), DateEnd: day(1995, 12, 31), DatePrecision: dossier.PrecisionYear,
			Country: "CIV", CountryName: "Ivory Coast", Type: dossier.TypeOther, Suicide: dossier.Bool(false),
		},
	}
}

func TestRoundTripCSV(t *testing.T) {
	var buf bytes.Buffer
	w := interchange.NewCSVWriter(&buf)
	events := roundTripEvents()
	for _, e := range events {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, csv.NewReader(&buf))
	if !reflect.DeepEqual(recs[0], interchange.Columns()) {
		t.Fatalf("header %q, want Columns() %q", recs[0], interchange.Columns())
	}
	p, err := interchange.NewParser(recs[0], "export.csv")
	if err != nil {
		t.Fatal(err)
	}
	var got []*dossier.Event
	var errs []error
	for _, rec := range recs[1:] {
		ev, err := p.Parse(rec)
		got, errs = append(got, ev), append(errs, err)
	}
	checkEvents(t, "csv round trip", got, errs, events)
}

func TestRoundTripJSONL(t *testing.T) {
	var buf bytes.Buffer
	w := interchange.NewJSONLWriter(&buf)
	events := roundTripEvents()
	for _, e := range events {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	var got []*dossier.Event
	var errs []error
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		ev, err := interchange.ParseJSON(sc.Bytes())
		got, errs = append(got, ev), append(errs, err)
	}
	checkEvents(t, "jsonl round trip", got, errs, events)
}

func TestWriteSeparatorInValue(t *testing.T) {
	e := &dossier.Event{
		Source: dossier.SourceACLED, SourceID: "X1",
		Date: day(2022, 1, 1), DateEnd: day(2022, 1, 1), DatePrecision: dossier.PrecisionDay,
		Country: "BEN", CountryName: "Benin",
		Actors:    []dossier.Actor{{Name: "Group A; also B", Role: dossier.RoleTarget}},
		Citations: []string{"Jeune Afrique; Reuters"},
	}
	// CSV writes such lists as a JSON array in the cell and reads them back.
	var buf bytes.Buffer
	w := interchange.NewCSVWriter(&buf)
	if err := w.Write(e); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `[""Jeune Afrique; Reuters""]`) {
		t.Errorf("citation cell not written as a JSON array: %q", buf.String())
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("CSV output: %v, %d records", err, len(recs))
	}
	p, err := interchange.NewParser(recs[0], "")
	if err != nil {
		t.Fatal(err)
	}
	back, err := p.Parse(recs[1])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Citations, e.Citations) || back.Actors[0].Name != e.Actors[0].Name {
		t.Errorf("CSV round trip: citations %q actors %+v, want %q and %q", back.Citations, back.Actors, e.Citations, e.Actors[0].Name)
	}

	// JSON Lines keeps such values whole.
	buf.Reset()
	jw := interchange.NewJSONLWriter(&buf)
	if err := jw.Write(e); err != nil {
		t.Fatal(err)
	}
	if err := jw.Flush(); err != nil {
		t.Fatal(err)
	}
	got, err := interchange.ParseJSON(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, e) {
		t.Errorf("JSON Lines round trip:\n got %s\nwant %s", asJSON(got), asJSON(e))
	}
}

func TestEmptyExports(t *testing.T) {
	var buf bytes.Buffer
	if err := interchange.NewCSVWriter(&buf).Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), strings.Join(interchange.Columns(), ",")+"\n"; got != want {
		t.Errorf("empty CSV export = %q, want the header %q", got, want)
	}
	buf.Reset()
	if err := interchange.NewJSONLWriter(&buf).Flush(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("empty JSON Lines export = %q, want nothing", buf.String())
	}
}

func TestColumns(t *testing.T) {
	cols := interchange.Columns()
	want := []string{"source", "source_id", "date", "country", "perpetrator", "uncertain_perpetrator", "associated",
		"target", "target_category", "fatalities", "fatalities_low", "fatalities_high", "injuries", "hostages",
		"suicide", "claimed", "success", "doubtful", "summary", "citation", "details", "date_end", "date_precision",
		"country_name", "admin1", "admin2", "place", "latitude", "longitude", "geo_precision", "type",
		"source_type", "source_subtype", "licence", "source_version"}
	have := map[string]bool{}
	for _, c := range cols {
		if have[c] {
			t.Errorf("Columns() lists %q twice", c)
		}
		have[c] = true
	}
	for _, c := range want {
		if !have[c] {
			t.Errorf("Columns() lacks %q", c)
		}
	}
	if len(cols) != len(want) {
		t.Errorf("Columns() has %d names, want %d", len(cols), len(want))
	}
	cols[0] = "changed"
	if interchange.Columns()[0] == "changed" {
		t.Error("Columns() returns a shared slice")
	}
}

// TestFormatExamples parses the examples in FORMAT.md, so that the
// documentation stays true.
func TestFormatExamples(t *testing.T) {
	b, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(b), "```")
	var csvBlocks, jsonLines int
	for i := 1; i < len(blocks); i += 2 {
		kind, body, _ := strings.Cut(blocks[i], "\n")
		switch kind {
		case "csv":
			recs := readCSV(t, csv.NewReader(strings.NewReader(body)))
			p, err := interchange.NewParser(recs[0], "FORMAT.md")
			if err != nil {
				t.Fatalf("csv example: %v", err)
			}
			for _, rec := range recs[1:] {
				if _, err := p.Parse(rec); err != nil {
					t.Errorf("csv example %q: %v", rec, err)
				}
			}
			csvBlocks++
		case "json":
			for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
				if _, err := interchange.ParseJSON([]byte(line)); err != nil {
					t.Errorf("json example %s: %v", line, err)
				}
				jsonLines++
			}
		}
	}
	if csvBlocks != 1 || jsonLines != 4 {
		t.Errorf("found %d csv examples and %d json lines in FORMAT.md, want 1 and 4", csvBlocks, jsonLines)
	}
}
