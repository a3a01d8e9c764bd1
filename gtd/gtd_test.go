package gtd_test

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/gtd"
)

// readCSV reads a whole CSV file: its header (BOM and spaces trimmed, as
// the caller of Detect and NewParser does) and its records.
func readCSV(t testing.TB, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	all, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(all) == 0 {
		t.Fatalf("%s is empty", path)
	}
	header := all[0]
	for i, h := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	return header, all[1:]
}

func fixture(t testing.TB) ([]string, [][]string) {
	return readCSV(t, filepath.Join("testdata", "events.csv"))
}

// set returns a copy of rec with the named column set to value.
func set(t testing.TB, header, rec []string, column, value string) []string {
	t.Helper()
	out := slices.Clone(rec)
	i := slices.Index(header, column)
	if i < 0 {
		t.Fatalf("no column %s", column)
	}
	out[i] = value
	return out
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestDetect(t *testing.T) {
	gtdHeader, _ := fixture(t)
	upper := make([]string, len(gtdHeader))
	for i, h := range gtdHeader {
		upper[i] = strings.ToUpper(h)
	}
	tests := []struct {
		name   string
		header []string
		want   bool
	}{
		{"gtd 135 columns", gtdHeader, true},
		{"gtd upper case", upper, true},
		{"gtd minimal", []string{"eventid", "iyear", "imonth", "iday"}, true},
		{"gtd without iday", []string{"eventid", "iyear", "imonth", "country_txt", "gname"}, false},
		{"ucdp", []string{"id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id"}, false},
		{"acled", []string{"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type"}, false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := gtd.Detect(tt.header); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNewParserMissingColumns(t *testing.T) {
	tests := []struct {
		name    string
		header  []string
		missing []string
	}{
		{"no country or group", []string{"eventid", "iyear", "imonth", "iday"}, []string{"country_txt", "gname"}},
		{"no id", []string{"iyear", "imonth", "iday", "country_txt", "gname"}, []string{"eventid"}},
		{"empty", nil, []string{"eventid", "iyear", "imonth", "iday", "country_txt", "gname"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := gtd.NewParser(tt.header, "x.csv")
			if p != nil {
				t.Errorf("NewParser returned a parser with error %v", err)
			}
			var e *dossier.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want *dossier.Error", err, err)
			}
			if e.Code != dossier.EInvalid {
				t.Errorf("code %q, want %q", e.Code, dossier.EInvalid)
			}
			if e.Hint == "" {
				t.Error("no hint")
			}
			for _, m := range tt.missing {
				if !strings.Contains(e.Message, m) {
					t.Errorf("message %q does not name missing column %s", e.Message, m)
				}
			}
		})
	}
}

func TestVersion(t *testing.T) {
	tests := []struct{ name, want string }{
		{"globalterrorismdb_2021Jan-June_1222dist.xlsx", "1222dist"},
		{"globalterrorismdb_0522dist.xlsx", "0522dist"},
		{"globalterrorismdb_0718dist.csv", "0718dist"},
		{"GTD_1970-2019_0221DIST.CSV", "0221dist"},
		{"0617dist.csv", "0617dist"},
		{"globalterrorismdb.csv", ""},
		{"export_12345dist.csv", ""}, // five digits: not a release
		{"", ""},
	}
	header, _ := fixture(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := gtd.Version(tt.name); got != tt.want {
				t.Errorf("Version(%q) = %q, want %q", tt.name, got, tt.want)
			}
			p, err := gtd.NewParser(header, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Version(); got != tt.want {
				t.Errorf("parser version %q, want %q", got, tt.want)
			}
		})
	}
}

// detailWant lists Details values an event must have and keys it must not.
type detailWant struct {
	has    map[string]string
	hasNot []string
}

func TestParseFixtures(t *testing.T) {
	header, recs := fixture(t)
	p, err := gtd.NewParser(header, "globalterrorismdb_0522dist.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	base := dossier.Event{Source: dossier.SourceGTD, SourceVersion: "0522dist", Licence: dossier.LicenceGTD}
	perp := func(name string, uncertain bool) dossier.Actor {
		return dossier.Actor{Name: name, Role: dossier.RolePerpetrator, Uncertain: uncertain}
	}
	target := func(name string) dossier.Actor { return dossier.Actor{Name: name, Role: dossier.RoleTarget} }

	tests := []struct {
		name    string
		want    func(e *dossier.Event)
		details detailWant
	}{
		{
			name: "full row, day precision",
			want: func(e *dossier.Event) {
				e.SourceID = "202103150001"
				e.Date, e.DateEnd, e.DatePrecision = day(2021, 3, 15), day(2021, 3, 15), dossier.PrecisionDay
				e.Country, e.CountryName, e.Admin1, e.Place = "AFG", "Afghanistan", "Kabul", "Kabul"
				e.Latitude, e.Longitude, e.GeoPrecision = dossier.Float(34.516667), dossier.Float(69.183333), "1"
				e.Type, e.SourceType, e.SourceSubtype = dossier.TypeBombing, "Bombing/Explosion", "Explosives"
				e.Actors = []dossier.Actor{perp("Khorasan Chapter of the Islamic State", false), target("Civilians"), target("Afghan Police")}
				e.TargetCategories = []dossier.TargetCategory{dossier.TargetCivilians, dossier.TargetPolice}
				e.Fatalities, e.Injuries = dossier.Int(3), dossier.Int(7)
				e.Suicide, e.Claimed, e.Success, e.Doubtful = dossier.Bool(true), dossier.Bool(true), dossier.Bool(true), dossier.Bool(false)
				e.Summary = "03/15/2021: An invented explosion at an invented market in Kabul, Afghanistan."
				e.Citations = []string{`"Invented blast in Kabul," Made-up News, March 15, 2021.`, `"Second invented source," Example Times, March 16, 2021.`}
			},
			details: detailWant{
				has: map[string]string{
					"region_txt": "South Asia", "extended": "0", "vicinity": "0", "crit1": "1",
					"location":        "The incident occurred near a made-up market.",
					"attacktype2_txt": "Armed Assault", "targtype1_txt": "Private Citizens & Property",
					"targsubtype1_txt": "Marketplace/Plaza/Square", "corp1": "Not Applicable", "target1": "Civilians",
					"natlty1_txt": "Afghanistan", "gsubname": "Invented Cell", "nperps": "2", "motive": "Invented motive.",
					"weapdetail": "An invented explosive vest was used.", "nkillter": "1", "nkillus": "0",
					"propextent_txt": "Minor (likely < $1 million)", "propcomment": "Shops damaged",
					"INT_LOG": "0", "INT_IDEO": "1", "INT_MISC": "0", "INT_ANY": "1",
					"dbsource": "START Primary Collection", "related": "202103150001, 202103150002",
					"claimmode_txt": "Posted to website, blog, etc.",
				},
				hasNot: []string{"propvalue", "approxdate", "attacktype1", "country", "region", "targtype1", "natlty1",
					"weapsubtype1", "propextent", "eventid", "nkill", "gname", "summary", "weaptype1_txt", "attacktype1_txt", "scite1"},
			},
		},
		{
			name: "day unknown, counts unknown, no coordinates",
			want: func(e *dossier.Event) {
				e.SourceID = "197205000001"
				e.Date, e.DateEnd, e.DatePrecision = day(1972, 5, 1), day(1972, 5, 31), dossier.PrecisionMonth
				e.Country, e.CountryName = "FRA", "France"
				e.GeoPrecision = "5"
				e.Type, e.SourceType, e.SourceSubtype = dossier.TypeFacilityAttack, "Facility/Infrastructure Attack", "Incendiary"
				e.Actors = []dossier.Actor{perp("Unknown", false), target("Invented Telecom Company")}
				e.TargetCategories = []dossier.TargetCategory{dossier.TargetInfrastructure}
				e.Suicide, e.Success = dossier.Bool(false), dossier.Bool(true)
				e.Citations = []string{`"Invented fire," Le Journal Inventé, June 1, 1972.`}
			},
			details: detailWant{
				has: map[string]string{"approxdate": "May 1972", "targtype1_txt": "Utilities", "targtype2_txt": "Telecommunication",
					"corp1": "Unknown", "target1": "Unknown", "target2": "Relay Mast"},
				hasNot: []string{"nperps", "nperpcap", "ishostkid", "ransom", "INT_LOG", "INT_ANY", "provstate", "city", "latitude"},
			},
		},
		{
			name: "month and day unknown, counts written 2.0",
			want: func(e *dossier.Event) {
				e.SourceID = "197000000002"
				e.Date, e.DateEnd, e.DatePrecision = day(1970, 1, 1), day(1970, 12, 31), dossier.PrecisionYear
				e.Country, e.CountryName, e.Admin1, e.Place = "MEX", "Mexico", "Federal", "Mexico City"
				e.Latitude, e.Longitude, e.GeoPrecision = dossier.Float(19.4326), dossier.Float(-99.1332), "1"
				e.Type, e.SourceType, e.SourceSubtype = dossier.TypeKidnapping, "Hostage Taking (Kidnapping)", "Unknown"
				e.Actors = []dossier.Actor{perp("Invented Liberation League", false), target("Invented Embassy")}
				e.TargetCategories = []dossier.TargetCategory{dossier.TargetDiplomatic}
				e.Fatalities, e.Injuries, e.Hostages = dossier.Int(1), dossier.Int(0), dossier.Int(2)
				e.Suicide, e.Claimed, e.Success, e.Doubtful = dossier.Bool(false), dossier.Bool(false), dossier.Bool(true), dossier.Bool(false)
			},
			details: detailWant{
				has: map[string]string{"extended": "1", "resolution": "1970-08-15", "ransomamt": "800000", "ndays": "12",
					"ishostkid": "1", "nhostkidus": "0", "nreleased": "2", "target1": "Diplomat: Jane Example",
					"hostkidoutcome_txt": "Hostage(s) released by perpetrators"},
				hasNot: []string{"hostkidoutcome", "nhostkid", "guncertain1"},
			},
		},
		{
			name: "three groups, guncertain, unicode",
			want: func(e *dossier.Event) {
				e.SourceID = "202106200007"
				e.Date, e.DateEnd, e.DatePrecision = day(2021, 6, 20), day(2021, 6, 20), dossier.PrecisionDay
				e.Country, e.CountryName, e.Admin1, e.Place = "NER", "Niger", "Tillabéri", "Ouallam"
				e.Latitude, e.Longitude, e.GeoPrecision = dossier.Float(14.3181), dossier.Float(2.0867), "2"
				e.Type, e.SourceType, e.SourceSubtype = dossier.TypeArmedAssault, "Armed Assault", "Firearms"
				e.Actors = []dossier.Actor{
					perp("Jamaat Nusrat al-Islam wal Muslimin (JNIM)", true),
					perp("Islamic State in the Greater Sahara (ISGS)", false),
					perp("Katiba « Invented »", true),
					target("Forces Armées Nigériennes (FAN)"),
					target("Soldats à l’avant-poste"),
					target("Médecins Imaginaires"),
				}
				e.TargetCategories = []dossier.TargetCategory{dossier.TargetMilitary, dossier.TargetAidWorkers}
				e.Fatalities, e.Injuries = dossier.Int(0), dossier.Int(2)
				e.Suicide, e.Claimed, e.Success, e.Doubtful = dossier.Bool(false), dossier.Bool(false), dossier.Bool(false), dossier.Bool(true)
				e.Summary = "06/20/2021: Des assaillants inventés ont attaqué une patrouille près d’Ouallam, Tillabéri — Niger. 战斗 ✓"
				e.Citations = []string{`"Attaque inventée à Ouallam," Journal Imaginaire, 20 juin 2021.`, `"Third invented source," Example Wire, June 22, 2021.`}
			},
			details: detailWant{
				has: map[string]string{"gsubname3": "Unité ‘Ḥ’", "vicinity": "1", "alternative_txt": "Insurgency/Guerilla Action",
					"targtype3_txt": "NGO", "corp3": "Médecins Imaginaires", "target3": "Convoi"},
				hasNot: []string{"alternative", "gname2", "guncertain3", "scite2"},
			},
		},
		{
			name: "unknown attack and target types",
			want: func(e *dossier.Event) {
				e.SourceID = "201512310099"
				e.Date, e.DateEnd, e.DatePrecision = day(2015, 12, 31), day(2015, 12, 31), dossier.PrecisionDay
				e.Country, e.CountryName, e.Admin1, e.Place = "IRQ", "Iraq", "Nineveh", "Mosul"
				e.Latitude, e.Longitude, e.GeoPrecision = dossier.Float(36.34), dossier.Float(43.13), "1"
				e.Type, e.SourceType, e.SourceSubtype = dossier.TypeAttack, "Unknown", "Unknown"
				e.Actors = []dossier.Actor{perp("Unknown", false)}
				e.TargetCategories = []dossier.TargetCategory{dossier.TargetUnknown}
				e.Suicide, e.Claimed, e.Success, e.Doubtful = dossier.Bool(false), dossier.Bool(false), dossier.Bool(true), dossier.Bool(false)
			},
			details: detailWant{has: map[string]string{"corp1": "Unknown"}, hasNot: []string{"nkill", "nwound"}},
		},
	}
	if len(recs) != len(tests) {
		t.Fatalf("fixture has %d rows, test has %d cases", len(recs), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Parse(recs[i])
			if err != nil {
				t.Fatal(err)
			}
			want := base
			tt.want(&want)
			details := got.Details
			cmp := *got
			cmp.Details = nil
			if !reflect.DeepEqual(&cmp, &want) {
				t.Errorf("got  %s\nwant %s", show(&cmp), show(&want))
			}
			for k, v := range tt.details.has {
				if g, ok := details[k]; !ok || g != v {
					t.Errorf("Details[%q] = %q (present %v), want %q", k, g, ok, v)
				}
			}
			for _, k := range tt.details.hasNot {
				if g, ok := details[k]; ok {
					t.Errorf("Details[%q] = %q, want absent", k, g)
				}
			}
			if got.Raw != "" || got.File != "" || got.Line != 0 {
				t.Errorf("Parse set Raw/File/Line: %q %q %d", got.Raw, got.File, got.Line)
			}
		})
	}
}

// show writes an event as JSON, pointers dereferenced, for failure messages.
func show(e *dossier.Event) string {
	b, err := json.Marshal(e)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// TestCoordinatesOutOfRange: a coordinate outside the globe (the full GTD
// has a 1982 event with longitude -86185896) leaves the location unknown
// and noted, and does not fail the row.
func TestCoordinatesOutOfRange(t *testing.T) {
	header, recs := fixture(t)
	p, err := gtd.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ column, value string }{
		{"latitude", "91"}, {"latitude", "-90.5"}, {"longitude", "180.0001"}, {"longitude", "-86185896"},
	} {
		rec := set(t, header, recs[0], tc.column, tc.value)
		ev, err := p.Parse(rec)
		if err != nil {
			t.Fatalf("%s=%s: %v", tc.column, tc.value, err)
		}
		if ev.Latitude != nil || ev.Longitude != nil {
			t.Errorf("%s=%s: coordinates %v,%v, want unknown", tc.column, tc.value, ev.Latitude, ev.Longitude)
		}
		if !strings.Contains(ev.Details["coordinates_invalid"], tc.value) {
			t.Errorf("%s=%s: Details[coordinates_invalid] = %q, want the value noted", tc.column, tc.value, ev.Details["coordinates_invalid"])
		}
	}
}

func TestParseErrors(t *testing.T) {
	header, recs := fixture(t)
	p, err := gtd.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	good := recs[0]
	tests := []struct {
		name, column, value string
	}{
		{"missing id", "eventid", ""},
		{"id in scientific notation", "eventid", "2.02103E+11"},
		{"id with letters", "eventid", "2021031500A1"},
		{"year not a number", "iyear", "20x1"},
		{"year blank", "iyear", ""},
		{"year two digits", "iyear", "21"},
		{"month 13", "imonth", "13"},
		{"month negative", "imonth", "-1"},
		{"day 32", "iday", "32"},
		{"day with fraction", "iday", "3.5"},
		{"no such day", "iday", "31"}, // March has 31: use February below
		{"latitude not a number", "latitude", "north"},
		{"latitude NaN", "latitude", "NaN"},
		{"fatalities a word", "nkill", "many"},
		{"fatalities fractional", "nkill", "2.5"},
		{"injuries negative", "nwound", "-3"},
		{"hostages a word", "nhostkid", "some"},
		{"suicide 2", "suicide", "2"},
		{"success yes", "success", "yes"},
		{"claimed 0.5", "claimed", "0.5"},
		{"doubtterr x", "doubtterr", "x"},
		{"guncertain 3", "guncertain1", "3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := set(t, header, good, tt.column, tt.value)
			if tt.name == "no such day" {
				rec = set(t, header, rec, "imonth", "4") // April has 30 days
			}
			ev, err := p.Parse(rec)
			if err == nil {
				t.Fatalf("Parse accepted %s=%q: %+v", tt.column, tt.value, ev)
			}
			var re *dossier.RowError
			if !errors.As(err, &re) {
				t.Fatalf("error %v (%T), want *dossier.RowError", err, err)
			}
			if re.Column != tt.column || re.Value != tt.value {
				t.Errorf("column %q value %q, want %q %q", re.Column, re.Value, tt.column, tt.value)
			}
			if re.Reason == "" || re.Hint == "" {
				t.Errorf("reason %q hint %q: both must be set", re.Reason, re.Hint)
			}
			if re.File != "" || re.Line != 0 || re.Raw != "" {
				t.Errorf("Parse set File/Line/Raw: %q %d %q", re.File, re.Line, re.Raw)
			}
		})
	}
	// The second and third groups' flags are checked too.
	rec := set(t, header, good, "gname2", "Second Group")
	rec = set(t, header, rec, "guncertain2", "yes")
	var re *dossier.RowError
	if _, err := p.Parse(rec); !errors.As(err, &re) || re.Column != "guncertain2" {
		t.Errorf("guncertain2=yes: error %v, want a RowError on guncertain2", err)
	}
}

func TestParseLenient(t *testing.T) {
	header, recs := fixture(t)
	p, err := gtd.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	good := recs[0]
	tests := []struct {
		name  string
		edits map[string]string
		check func(e *dossier.Event) (got, want any)
	}{
		{"spaces around values", map[string]string{"nkill": " 4 ", "gname": "  Taliban ", "eventid": " 202103150001 "},
			func(e *dossier.Event) (any, any) {
				return []any{*e.Fatalities, e.Actors[0].Name, e.SourceID}, []any{4, "Taliban", "202103150001"}
			}},
		{"spreadsheet numbers", map[string]string{"eventid": "202103150001.0", "iyear": "2021.0", "imonth": "3.0", "iday": "15.0", "nwound": "7.00", "suicide": "1.0"},
			func(e *dossier.Event) (any, any) {
				return []any{e.SourceID, e.Date, *e.Injuries, *e.Suicide}, []any{"202103150001", day(2021, 3, 15), 7, true}
			}},
		{"blank month and day are unknown", map[string]string{"imonth": "", "iday": ""},
			func(e *dossier.Event) (any, any) {
				return []any{e.DatePrecision, e.Date, e.DateEnd}, []any{dossier.PrecisionYear, day(2021, 1, 1), day(2021, 12, 31)}
			}},
		{"day given but month unknown", map[string]string{"imonth": "0", "iday": "15"},
			func(e *dossier.Event) (any, any) {
				return []any{e.DatePrecision, e.Date, e.DateEnd}, []any{dossier.PrecisionYear, day(2021, 1, 1), day(2021, 12, 31)}
			}},
		{"February of a leap year", map[string]string{"iyear": "2020", "imonth": "2", "iday": "0"},
			func(e *dossier.Event) (any, any) {
				return []any{e.Date, e.DateEnd}, []any{day(2020, 2, 1), day(2020, 2, 29)}
			}},
		{"29 February of a leap year", map[string]string{"iyear": "2020", "imonth": "2", "iday": "29"},
			func(e *dossier.Event) (any, any) { return e.Date, day(2020, 2, 29) }},
		{"one coordinate only", map[string]string{"longitude": ""},
			func(e *dossier.Event) (any, any) {
				return []any{e.Latitude, e.Longitude}, []any{(*float64)(nil), (*float64)(nil)}
			}},
		{"coordinates at the limits", map[string]string{"latitude": "-90", "longitude": "180"},
			func(e *dossier.Event) (any, any) { return []any{*e.Latitude, *e.Longitude}, []any{-90.0, 180.0} }},
		{"specificity -9 is unknown", map[string]string{"specificity": "-9"},
			func(e *dossier.Event) (any, any) { return e.GeoPrecision, "" }},
		{"unknown sentinels", map[string]string{"nkill": "-9", "nwound": "-99", "suicide": "-9", "claimed": "", "doubtterr": "-9"},
			func(e *dossier.Event) (any, any) {
				return []any{e.Fatalities == nil, e.Injuries == nil, e.Suicide == nil, e.Claimed == nil, e.Doubtful == nil},
					[]any{true, true, true, true, true}
			}},
		{"attack type in other case", map[string]string{"attacktype1_txt": "hostage taking (barricade incident)"},
			func(e *dossier.Event) (any, any) {
				return []any{e.Type, e.SourceType}, []any{dossier.TypeHostageTaking, "hostage taking (barricade incident)"}
			}},
		{"attack text blank, code given", map[string]string{"attacktype1_txt": "", "attacktype1": "4"},
			func(e *dossier.Event) (any, any) {
				return []any{e.Type, e.SourceType}, []any{dossier.TypeHijacking, "Hijacking"}
			}},
		{"attack type unheard of", map[string]string{"attacktype1_txt": "Drone Strike", "attacktype1": "42"},
			func(e *dossier.Event) (any, any) {
				return []any{e.Type, e.SourceType}, []any{dossier.TypeAttack, "Drone Strike"}
			}},
		{"codebook target spellings", map[string]string{"targtype1_txt": "Maritime (includes ports and maritime facilities)", "targtype2_txt": "Transportation (other than aviation)"},
			func(e *dossier.Event) (any, any) {
				return e.TargetCategories, []dossier.TargetCategory{dossier.TargetTransport}
			}},
		{"target text blank, code given", map[string]string{"targtype1_txt": "", "targtype1": "15", "targtype2_txt": "Abortion Related"},
			func(e *dossier.Event) (any, any) {
				return e.TargetCategories, []dossier.TargetCategory{dossier.TargetReligious, dossier.TargetOther}
			}},
		{"target type unheard of", map[string]string{"targtype1_txt": "Space Station", "targtype1": "99", "targtype2_txt": ""},
			func(e *dossier.Event) (any, any) {
				return e.TargetCategories, []dossier.TargetCategory{dossier.TargetOther, dossier.TargetPolice} // targtype2 code 3 remains
			}},
		{"repeated spaces in type", map[string]string{"targtype1_txt": "Private  Citizens &  Property", "targtype2_txt": "Violent Political Party"},
			func(e *dossier.Event) (any, any) {
				return e.TargetCategories, []dossier.TargetCategory{dossier.TargetCivilians, dossier.TargetPolitical}
			}},
		{"resolution as ISO date and time", map[string]string{"resolution": "2021-03-26 00:00:00"},
			func(e *dossier.Event) (any, any) { return e.Details["resolution"], "2021-03-26" }},
		{"resolution as US date", map[string]string{"resolution": "3/26/2021"},
			func(e *dossier.Event) (any, any) { return e.Details["resolution"], "2021-03-26" }},
		{"resolution as serial", map[string]string{"resolution": "44281"},
			func(e *dossier.Event) (any, any) { return e.Details["resolution"], "2021-03-26" }},
		{"resolution as a small number", map[string]string{"resolution": "2021"},
			func(e *dossier.Event) (any, any) { return e.Details["resolution"], "2021" }},
		{"resolution as text", map[string]string{"resolution": "late March"},
			func(e *dossier.Event) (any, any) { return e.Details["resolution"], "late March" }},
		{"unknown country keeps its name", map[string]string{"country_txt": "Atlantis"},
			func(e *dossier.Event) (any, any) { return []any{e.Country, e.CountryName}, []any{"", "Atlantis"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := good
			for k, v := range tt.edits {
				rec = set(t, header, rec, k, v)
			}
			e, err := p.Parse(rec)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := tt.check(e); !reflect.DeepEqual(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

// TestCodes checks the codebook's attack and target type codes, used when
// a file has the codes without their _txt columns.
func TestCodes(t *testing.T) {
	header := []string{"eventid", "iyear", "imonth", "iday", "country_txt", "gname", "attacktype1", "targtype1"}
	p, err := gtd.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	attacks := []dossier.EventType{
		1: dossier.TypeAssassination, 2: dossier.TypeArmedAssault, 3: dossier.TypeBombing,
		4: dossier.TypeHijacking, 5: dossier.TypeHostageTaking, 6: dossier.TypeKidnapping,
		7: dossier.TypeFacilityAttack, 8: dossier.TypeUnarmedAssault, 9: dossier.TypeAttack,
	}
	targets := []dossier.TargetCategory{
		1: dossier.TargetBusiness, 2: dossier.TargetGovernment, 3: dossier.TargetPolice, 4: dossier.TargetMilitary,
		5: dossier.TargetOther, 6: dossier.TargetTransport, 7: dossier.TargetDiplomatic, 8: dossier.TargetEducation,
		9: dossier.TargetInfrastructure, 10: dossier.TargetJournalists, 11: dossier.TargetTransport, 12: dossier.TargetAidWorkers,
		13: dossier.TargetOther, 14: dossier.TargetCivilians, 15: dossier.TargetReligious, 16: dossier.TargetInfrastructure,
		17: dossier.TargetNonState, 18: dossier.TargetTourists, 19: dossier.TargetTransport, 20: dossier.TargetUnknown,
		21: dossier.TargetInfrastructure, 22: dossier.TargetPolitical,
	}
	for code := 1; code < len(targets); code++ {
		attack := min(code, len(attacks)-1)
		rec := []string{"1", "2000", "1", "1", "Peru", "X", strconv.Itoa(attack), strconv.Itoa(code)}
		e, err := p.Parse(rec)
		if err != nil {
			t.Fatal(err)
		}
		if e.Type != attacks[attack] {
			t.Errorf("attacktype1 %d: type %q, want %q", attack, e.Type, attacks[attack])
		}
		if want := []dossier.TargetCategory{targets[code]}; !reflect.DeepEqual(e.TargetCategories, want) {
			t.Errorf("targtype1 %d: categories %v, want %v", code, e.TargetCategories, want)
		}
	}
}

func TestParseSkip(t *testing.T) {
	header, _ := fixture(t)
	p, err := gtd.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		rec  []string
	}{
		{"empty record", nil},
		{"blank fields", make([]string, len(header))},
		{"spaces", []string{" ", "", "\t"}},
		{"repeated header", header},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := p.Parse(tt.rec)
			if !errors.Is(err, dossier.ErrSkipRow) {
				t.Errorf("Parse = %v, %v; want ErrSkipRow", ev, err)
			}
		})
	}
}

func TestParseRecordLength(t *testing.T) {
	header, recs := fixture(t)
	p, err := gtd.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	full, err := p.Parse(recs[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Run("trailing fields", func(t *testing.T) {
		got, err := p.Parse(append(slices.Clone(recs[0]), "", "extra"))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, full) {
			t.Errorf("extra fields changed the event")
		}
	})
	t.Run("short row", func(t *testing.T) {
		// Up to country_txt (index 8): the rest is unknown.
		got, err := p.Parse(slices.Clone(recs[0][:9]))
		if err != nil {
			t.Fatal(err)
		}
		if got.SourceID != "202103150001" || got.CountryName != "Afghanistan" || got.Date != day(2021, 3, 15) {
			t.Errorf("short row: id %q country %q date %v", got.SourceID, got.CountryName, got.Date)
		}
		if got.Actors != nil || got.Fatalities != nil || got.Latitude != nil || got.Type != dossier.TypeAttack {
			t.Errorf("short row: actors %v fatalities %v latitude %v type %q; want none, nil, nil, attack",
				got.Actors, got.Fatalities, got.Latitude, got.Type)
		}
	})
}

func TestParseReorderedHeader(t *testing.T) {
	header := []string{"GNAME", "Country_Txt", "iday", "imonth", "iyear", "EventID", "nkill", "attacktype1", "targtype1", "INT_ANY", "crit1"}
	rec := []string{"Boko Haram", "Nigeria", "2", "4", "2014", "201404020001", "12", "3", "14", "1", "1"}
	p, err := gtd.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	e, err := p.Parse(rec)
	if err != nil {
		t.Fatal(err)
	}
	got := []any{e.SourceID, e.Date, e.CountryName, e.Actors, *e.Fatalities, e.Type, e.SourceType, e.TargetCategories, e.Details}
	want := []any{"201404020001", day(2014, 4, 2), "Nigeria",
		[]dossier.Actor{{Name: "Boko Haram", Role: dossier.RolePerpetrator}}, 12,
		dossier.TypeBombing, "Bombing/Explosion", []dossier.TargetCategory{dossier.TargetCivilians},
		// Codes without their _txt column are kept.
		map[string]string{"attacktype1": "3", "targtype1": "14", "INT_ANY": "1", "crit1": "1"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	// A field the header does not name is reported with the header's spelling.
	_, err = p.Parse([]string{"Boko Haram", "Nigeria", "2", "4", "2014", "201404020001", "x"})
	var re *dossier.RowError
	if !errors.As(err, &re) || re.Column != "nkill" {
		t.Errorf("error %v, want a RowError on nkill", err)
	}
	_, err = p.Parse([]string{"Boko Haram", "Nigeria", "2", "4", "2014", "ID?"})
	if !errors.As(err, &re) || re.Column != "EventID" {
		t.Errorf("error %v, want a RowError on EventID", err)
	}
}

func TestParseShared(t *testing.T) {
	// Events must not share slices or maps: the caller may change one.
	header, recs := fixture(t)
	p, err := gtd.NewParser(header, "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Parse(recs[0])
	if err != nil {
		t.Fatal(err)
	}
	a.Details["region_txt"] = "changed"
	a.Actors[0].Name = "changed"
	b, err := p.Parse(recs[0])
	if err != nil {
		t.Fatal(err)
	}
	if b.Details["region_txt"] != "South Asia" || b.Actors[0].Name != "Khorasan Chapter of the Islamic State" {
		t.Errorf("second parse saw the first event's changes: %q %q", b.Details["region_txt"], b.Actors[0].Name)
	}
}

func BenchmarkParse(b *testing.B) {
	header, recs := fixture(b)
	real := filepath.Join("..", "..", "shared", "data", "gtd", realFile)
	if _, err := os.Stat(real); err == nil {
		header, recs = readCSV(b, real)
	}
	p, err := gtd.NewParser(header, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := p.Parse(recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
}
