package ucdp_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/country"
	"dossier/ucdp"
)

// The official 23.1 header, as in testdata/ged231_fixture.csv.
var officialHeader = strings.Split("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob", ",")

// The website export's header: *_est estimates, no gwnoa/gwnob.
var webHeader = strings.Split("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best_est,high_est,low_est", ",")

// record builds a record for header from column values; other columns
// are blank.
func record(header []string, vals map[string]string) []string {
	rec := make([]string, len(header))
	for i, h := range header {
		rec[i] = vals[h]
	}
	return rec
}

// baseValues is a valid official-layout event; tests change one value.
func baseValues() map[string]string {
	return map[string]string{
		"id": "1001", "type_of_violence": "1", "date_start": "2015-06-01", "date_end": "2015-06-01", "date_prec": "1",
		"side_a": "Government of Testland", "side_b": "Test Front", "country": "Afghanistan", "country_id": "700",
		"where_prec": "1", "where_coordinates": "Testville", "latitude": "34.5", "longitude": "69.2",
		"best": "4", "low": "3", "high": "6", "active_year": "1", "number_of_sources": "1",
	}
}

func with(vals map[string]string, kv ...string) map[string]string {
	for i := 0; i+1 < len(kv); i += 2 {
		vals[kv[i]] = kv[i+1]
	}
	return vals
}

func mustParser(t *testing.T, header []string, name string) *ucdp.Parser {
	t.Helper()
	p, err := ucdp.NewParser(header, name)
	if err != nil {
		t.Fatalf("NewParser: %v", err)
	}
	return p
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   bool
	}{
		{"official 23.1", officialHeader, true},
		{"website export", webHeader, true},
		{"upper case, other order", []string{"BEST_EST", "DATE_START", "TYPE_OF_VIOLENCE", "ID"}, true},
		{"spaces and BOM", []string{"\uFEFFid", " type_of_violence ", "date_start", "best"}, true},
		{"no best", []string{"id", "type_of_violence", "date_start", "low", "high"}, false},
		{"no type_of_violence", []string{"id", "date_start", "best"}, false},
		{"no id", []string{"relid", "type_of_violence", "date_start", "best"}, false},
		{"ACLED", []string{"event_id_cnty", "event_date", "year", "event_type", "fatalities"}, false},
		{"GTD", []string{"eventid", "iyear", "imonth", "iday", "nkill"}, false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ucdp.Detect(tt.header); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNewParserMissingColumns(t *testing.T) {
	tests := []struct {
		name    string
		header  []string
		missing []string // names the message must contain
	}{
		{"no id", []string{"type_of_violence", "date_start", "best"}, []string{"id"}},
		{"no best", []string{"id", "type_of_violence", "date_start", "low"}, []string{"best", "best_est"}},
		{"nothing", []string{"foo"}, []string{"id", "type_of_violence", "date_start", "best"}},
		{"empty header", nil, []string{"id", "type_of_violence", "date_start", "best"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ucdp.NewParser(tt.header, "ged231.csv")
			if err == nil {
				t.Fatalf("NewParser = %v, nil error; want an error", p)
			}
			var de *dossier.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %T %v is not a *dossier.Error", err, err)
			}
			if de.Code != dossier.EInvalid {
				t.Errorf("Code = %q, want %q", de.Code, dossier.EInvalid)
			}
			if de.Hint == "" {
				t.Error("no Hint")
			}
			for _, m := range tt.missing {
				if !strings.Contains(de.Message, m) {
					t.Errorf("message %q does not name %q", de.Message, m)
				}
			}
		})
	}
}

func TestVersion(t *testing.T) {
	tests := []struct{ file, want string }{
		{"ged231.csv", "23.1"},
		{"ged231_sample1000.csv", "23.1"},
		{"ged241.csv", "24.1"},
		{"GED241.CSV", "24.1"},
		{"ged201-csv.zip", "20.1"},
		{"ged50.csv", "5.0"},
		{"ged171.csv", "17.1"},
		{"GEDEvent_v22_1.csv", "22.1"},
		{"GEDEvent_v18_1.csv", "18.1"},
		{"GEDEvent_v23_0_1.csv", "23.0.1"},
		{"ged_pakistan_hdx.csv", ""},
		{"ged_pakistan_web_export.csv", ""},
		{"ucdp_export.csv", ""},
		{"ged2311.csv", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ucdp.Version(tt.file); got != tt.want {
			t.Errorf("Version(%q) = %q, want %q", tt.file, got, tt.want)
		}
		p := mustParser(t, officialHeader, tt.file)
		ev, err := p.Parse(record(officialHeader, baseValues()))
		if err != nil {
			t.Fatal(err)
		}
		if ev.SourceVersion != tt.want {
			t.Errorf("%q: SourceVersion = %q, want %q", tt.file, ev.SourceVersion, tt.want)
		}
	}
}

func TestParseRowErrors(t *testing.T) {
	tests := []struct {
		name   string
		kv     []string
		column string
		value  string
	}{
		{"missing id", []string{"id", ""}, "id", ""},
		{"id not a number", []string{"id", "12a"}, "id", "12a"},
		{"type 4", []string{"type_of_violence", "4"}, "type_of_violence", "4"},
		{"type blank", []string{"type_of_violence", ""}, "type_of_violence", ""},
		{"type text", []string{"type_of_violence", "state-based"}, "type_of_violence", "state-based"},
		{"no start date", []string{"date_start", ""}, "date_start", ""},
		{"start not a date", []string{"date_start", "yesterday"}, "date_start", "yesterday"},
		{"start 31 April", []string{"date_start", "2015-04-31"}, "date_start", "2015-04-31"},
		{"start month 13", []string{"date_start", "13/01/2015 00:00:00"}, "date_start", "13/01/2015 00:00:00"},
		{"start day first", []string{"date_start", "01-06-2015"}, "date_start", "01-06-2015"},
		{"start with junk after", []string{"date_start", "2015-06-01x"}, "date_start", "2015-06-01x"},
		{"end not a date", []string{"date_end", "2015-06"}, "date_end", "2015-06"},
		{"end before start", []string{"date_end", "2015-05-31"}, "date_end", "2015-05-31"},
		{"date_prec 6", []string{"date_prec", "6"}, "date_prec", "6"},
		{"date_prec 0", []string{"date_prec", "0"}, "date_prec", "0"},
		{"where_prec 8", []string{"where_prec", "8"}, "where_prec", "8"},
		{"where_prec text", []string{"where_prec", "exact"}, "where_prec", "exact"},
		{"latitude 91", []string{"latitude", "91"}, "latitude", "91"},
		{"latitude text", []string{"latitude", "north"}, "latitude", "north"},
		{"latitude NaN", []string{"latitude", "NaN"}, "latitude", "NaN"},
		{"longitude -181", []string{"longitude", "-181"}, "longitude", "-181"},
		{"latitude without longitude", []string{"longitude", ""}, "longitude", ""},
		{"longitude without latitude", []string{"latitude", ""}, "latitude", ""},
		{"best negative", []string{"best", "-1"}, "best", "-1"},
		{"best text", []string{"best", "many"}, "best", "many"},
		{"best fraction", []string{"best", "2.5"}, "best", "2.5"},
		{"low negative", []string{"low", "-3"}, "low", "-3"},
		{"high text", []string{"high", "10+"}, "high", "10+"},
	}
	p := mustParser(t, officialHeader, "ged231.csv")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := p.Parse(record(officialHeader, with(baseValues(), tt.kv...)))
			if err == nil {
				t.Fatalf("Parse = %+v, nil error; want a RowError", ev)
			}
			var re *dossier.RowError
			if !errors.As(err, &re) {
				t.Fatalf("error %T %v is not a *dossier.RowError", err, err)
			}
			if re.Column != tt.column || re.Value != tt.value {
				t.Errorf("Column, Value = %q, %q; want %q, %q", re.Column, re.Value, tt.column, tt.value)
			}
			if re.Reason == "" || re.Hint == "" {
				t.Errorf("Reason %q, Hint %q: want both", re.Reason, re.Hint)
			}
			if re.File != "" || re.Line != 0 || re.Raw != "" {
				t.Errorf("File, Line, Raw = %q, %d, %q; the caller sets them", re.File, re.Line, re.Raw)
			}
		})
	}
}

func TestRowErrorUsesHeaderSpelling(t *testing.T) {
	header := []string{"ID", "Type_Of_Violence", "Date_Start", "BEST_EST"}
	p := mustParser(t, header, "")
	_, err := p.Parse([]string{"1", "1", "2015-06-01", "-2"})
	var re *dossier.RowError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a RowError", err)
	}
	if re.Column != "BEST_EST" {
		t.Errorf("Column = %q, want %q", re.Column, "BEST_EST")
	}
}

func TestParseSkipRows(t *testing.T) {
	hdxHeader := append(append([]string{}, officialHeader[:34]...), append([]string{"iso3"}, officialHeader[34:]...)...)
	hashtags := strings.Split(",,#date+year,,,,,,,,,,,,#group+name+first,,,#group+name+second,,#meta+source,,,#description,,,#loc+name,,#adm1+name,#adm2+name,#geo+lat,#geo+lon,,,#country+name,#country+code,,#region+name,,,#date+start,#date+end,,,,,#affected+killed,,,,", ",")
	tests := []struct {
		name   string
		header []string
		rec    []string
	}{
		{"HXL hashtag row", hdxHeader, hashtags},
		{"hashtag row with tag in id", officialHeader, []string{"#id", "#x"}},
		{"all blank", officialHeader, make([]string, len(officialHeader))},
		{"empty record", officialHeader, nil},
		{"blank with trailing commas", webHeader, make([]string, len(webHeader)+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParser(t, tt.header, "")
			ev, err := p.Parse(tt.rec)
			if !errors.Is(err, dossier.ErrSkipRow) {
				t.Errorf("Parse = %v, %v; want ErrSkipRow", ev, err)
			}
		})
	}
}

func TestParseLenient(t *testing.T) {
	jun1 := time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		kv    []string
		check func(*dossier.Event) string
	}{
		{"decimal counts", []string{"best", "4.0", "low", " 3 ", "high", "6.00"}, func(e *dossier.Event) string {
			if e.Fatalities == nil || *e.Fatalities != 4 || *e.FatalitiesLow != 3 || *e.FatalitiesHigh != 6 {
				return "want 4 (3–6)"
			}
			return ""
		}},
		{"blank estimates are unknown", []string{"best", "", "low", " ", "high", ""}, func(e *dossier.Event) string {
			if e.Fatalities != nil || e.FatalitiesLow != nil || e.FatalitiesHigh != nil {
				return "want nil estimates"
			}
			return ""
		}},
		{"zero deaths are known", []string{"best", "0", "low", "0", "high", "0"}, func(e *dossier.Event) string {
			if e.Fatalities == nil || *e.Fatalities != 0 {
				return "want 0, not nil"
			}
			return ""
		}},
		{"id as decimal", []string{"id", "1001.0"}, func(e *dossier.Event) string {
			return expect(e.SourceID, "1001")
		}},
		{"spaces around id and names", []string{"id", " 1001 ", "side_b", " Test Front "}, func(e *dossier.Event) string {
			return expect(e.SourceID+"|"+e.Actors[1].Name, "1001|Test Front")
		}},
		{"API date with T", []string{"date_start", "2015-06-01T00:00:00", "date_end", "2015-06-01T00:00:00.000"}, func(e *dossier.Event) string {
			return expectTime(e.Date, jun1)
		}},
		{"HDX date", []string{"date_start", "2015-06-01 00:00:00.000", "date_end", "2015-06-03 00:00:00.000"}, func(e *dossier.Event) string {
			return expectTime(e.Date, jun1) + expectTime(e.DateEnd, jun1.AddDate(0, 0, 2))
		}},
		{"website date", []string{"date_start", "06/01/2015 00:00:00", "date_end", "6/1/2015"}, func(e *dossier.Event) string {
			return expectTime(e.Date, jun1) + expectTime(e.DateEnd, jun1)
		}},
		{"slashed ISO date", []string{"date_start", "2015/06/01"}, func(e *dossier.Event) string {
			return expectTime(e.Date, jun1)
		}},
		{"blank date_end is the start day", []string{"date_end", ""}, func(e *dossier.Event) string {
			return expectTime(e.DateEnd, jun1)
		}},
		{"date_prec 2 is week", []string{"date_prec", "2", "date_end", "2015-06-04"}, func(e *dossier.Event) string {
			return expect(string(e.DatePrecision), "week")
		}},
		{"date_prec 5.0 is year", []string{"date_prec", "5.0", "date_end", "2015-12-31"}, func(e *dossier.Event) string {
			return expect(string(e.DatePrecision), "year")
		}},
		{"blank date_prec inferred: day", []string{"date_prec", ""}, func(e *dossier.Event) string {
			return expect(string(e.DatePrecision), "day")
		}},
		{"blank date_prec inferred: week", []string{"date_prec", "", "date_end", "2015-06-05"}, func(e *dossier.Event) string {
			return expect(string(e.DatePrecision), "week")
		}},
		{"blank date_prec inferred: month", []string{"date_prec", "", "date_end", "2015-06-30"}, func(e *dossier.Event) string {
			return expect(string(e.DatePrecision), "month")
		}},
		{"blank date_prec inferred: year", []string{"date_prec", "", "date_end", "2015-09-30"}, func(e *dossier.Event) string {
			return expect(string(e.DatePrecision), "year")
		}},
		{"blank coordinates are unknown", []string{"latitude", "", "longitude", ""}, func(e *dossier.Event) string {
			if e.Latitude != nil || e.Longitude != nil {
				return "want nil coordinates"
			}
			return ""
		}},
		{"blank where_prec is unknown", []string{"where_prec", ""}, func(e *dossier.Event) string {
			return expect(e.GeoPrecision, "")
		}},
		{"active_year True", []string{"active_year", "True"}, func(e *dossier.Event) string {
			return expect(e.Details["active_year"], "1")
		}},
		{"active_year false", []string{"active_year", "false"}, func(e *dossier.Event) string {
			return expect(e.Details["active_year"], "0")
		}},
		{"number_of_sources -1 is unknown", []string{"number_of_sources", "-1"}, func(e *dossier.Event) string {
			if v, ok := e.Details["number_of_sources"]; ok {
				return "number_of_sources kept as " + v
			}
			return ""
		}},
		{"name with former name", []string{"country", "Afghanistan (Testland)"}, func(e *dossier.Event) string {
			return expect(e.Country+"|"+e.CountryName, "AFG|Afghanistan (Testland)")
		}},
		{"unknown country kept by name", []string{"country", "Freedonia", "country_id", ""}, func(e *dossier.Event) string {
			return expect(e.Country+"|"+e.CountryName, "|Freedonia")
		}},
		{"no sides", []string{"side_a", "", "side_b", ""}, func(e *dossier.Event) string {
			if e.Actors != nil {
				return "want no actors"
			}
			return ""
		}},
		{"one-sided", []string{"type_of_violence", "3", "side_b", "Civilians"}, func(e *dossier.Event) string {
			if len(e.Actors) != 2 || e.Actors[0].Role != dossier.RolePerpetrator || e.Actors[1].Role != dossier.RoleTarget {
				return "want side_a perpetrator, side_b target"
			}
			if len(e.TargetCategories) != 1 || e.TargetCategories[0] != dossier.TargetCivilians {
				return "want target civilians"
			}
			return expect(string(e.Type)+"|"+e.SourceType, "one_sided_violence|one-sided")
		}},
		{"non-state", []string{"type_of_violence", "2.0"}, func(e *dossier.Event) string {
			if e.TargetCategories != nil {
				return "want no target categories"
			}
			return expect(string(e.Type)+"|"+e.SourceType+"|"+string(e.Actors[1].Role), "battle|non-state|perpetrator")
		}},
	}
	p := mustParser(t, officialHeader, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := p.Parse(record(officialHeader, with(baseValues(), tt.kv...)))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if msg := tt.check(ev); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func expect(got, want string) string {
	if got != want {
		return "got " + got + ", want " + want + "; "
	}
	return ""
}

func expectTime(got, want time.Time) string {
	if !got.Equal(want) {
		return "got " + got.Format(time.DateTime) + ", want " + want.Format(time.DateTime) + "; "
	}
	return ""
}

// Older releases and the UCDP API's CSV name the columns differently in
// case and order and have fewer of them; only the required ones matter.
func TestParseOtherLayouts(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		rec    []string
		want   dossier.Event
	}{
		{
			name:   "upper-case older release",
			header: []string{"ID", "YEAR", "TYPE_OF_VIOLENCE", "SIDE_A", "SIDE_B", "COUNTRY", "DATE_START", "DATE_END", "BEST_EST", "LOW_EST", "HIGH_EST", "LATITUDE", "LONGITUDE"},
			rec:    []string{"77", "1995", "1", "Government of Testland", "Test Front", "Pakistan", "1995-02-03", "1995-02-03", "5", "5", "7", "30.5", "70.25"},
			want: dossier.Event{
				Source: dossier.SourceUCDP, SourceID: "77", SourceVersion: "5.0", Licence: dossier.LicenceUCDP,
				Date: time.Date(1995, 2, 3, 0, 0, 0, 0, time.UTC), DateEnd: time.Date(1995, 2, 3, 0, 0, 0, 0, time.UTC),
				DatePrecision: dossier.PrecisionDay, Country: "PAK", CountryName: "Pakistan",
				Latitude: dossier.Float(30.5), Longitude: dossier.Float(70.25),
				Type: dossier.TypeBattle, SourceType: "state-based",
				Actors:     battle("Government of Testland", "Test Front"),
				Fatalities: dossier.Int(5), FatalitiesLow: dossier.Int(5), FatalitiesHigh: dossier.Int(7),
				Summary: "State-based conflict: Government of Testland vs Test Front in Pakistan; 5 killed (estimates 5–7).",
				Details: map[string]string{"year": "1995"},
			},
		},
		{
			name:   "minimal",
			header: []string{"date_start", "best", "type_of_violence", "id"},
			rec:    []string{"2001-09-09", "", "3", "5"},
			want: dossier.Event{
				Source: dossier.SourceUCDP, SourceID: "5", SourceVersion: "5.0", Licence: dossier.LicenceUCDP,
				Date: time.Date(2001, 9, 9, 0, 0, 0, 0, time.UTC), DateEnd: time.Date(2001, 9, 9, 0, 0, 0, 0, time.UTC),
				DatePrecision: dossier.PrecisionDay,
				Type:          dossier.TypeOneSidedViolence, SourceType: "one-sided", TargetCategories: civilians,
				Summary: "One-sided violence; deaths unknown.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParser(t, tt.header, "ged50.csv")
			got, err := p.Parse(tt.rec)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got.Summary != tt.want.Summary {
				t.Errorf("Summary = %q, want %q", got.Summary, tt.want.Summary)
			}
			diffEvents(t, got, &tt.want)
		})
	}
}

func TestCitations(t *testing.T) {
	tests := []struct {
		name    string
		kv      []string
		want    []string
		summary string // a part the summary must contain, if any
	}{
		{"quoted list with spaces between entries", []string{"source_article", "\"A Wire,2014-01-04,First\" ;\n \"B News,2014-01-06,Second; with semicolon\""},
			[]string{"A Wire,2014-01-04,First", "B News,2014-01-06,Second; with semicolon"}, ""},
		{"free text", []string{"source_article", "Reuters 2/11 1989"}, []string{"Reuters 2/11 1989"}, ""},
		{"unbalanced quote kept as written", []string{"source_article", "AFP 2001-03-28 \"Officer killed"}, []string{"AFP 2001-03-28 \"Officer killed"}, ""},
		{"blank-line separated articles", []string{"source_article", "Headline one.\n1 May 2010\nWire\r\n\r\nHeadline two\n2 May 2010\nPaper"},
			[]string{"Headline one. 1 May 2010, Wire", "Headline two, 2 May 2010, Paper"}, ""},
		{"numbered without blank line", []string{"source_article", "(1) First report\n(2) Second report"}, []string{"First report", "Second report"}, ""},
		{"parenthesis that is not a number", []string{"source_article", "(EDS: updates toll)"}, []string{"(EDS: updates toll)"}, ""},
		{"from office, date and headline", []string{"source_office", "A Wire;B News", "source_date", "2014-01-04;2014-01-06", "source_headline", "First;Second"},
			[]string{"A Wire, 2014-01-04, First", "B News, 2014-01-06, Second"}, ""},
		{"headline with a semicolon", []string{"source_office", "A Wire", "source_date", "2014-01-04", "source_headline", "First; and more"},
			[]string{"A Wire, 2014-01-04, First; and more"}, ""},
		{"original source on lines", []string{"source_original", "SOHR\nVDC"}, nil, "; source: SOHR, VDC."},
	}
	p := mustParser(t, officialHeader, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := p.Parse(record(officialHeader, with(baseValues(), tt.kv...)))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if strings.Join(ev.Citations, "\x00") != strings.Join(tt.want, "\x00") || len(ev.Citations) != len(tt.want) {
				t.Errorf("Citations = %q, want %q", ev.Citations, tt.want)
			}
			if !strings.Contains(ev.Summary, tt.summary) {
				t.Errorf("Summary %q lacks %q", ev.Summary, tt.summary)
			}
		})
	}
}

func TestCountryResolution(t *testing.T) {
	header := []string{"id", "type_of_violence", "date_start", "best", "country", "iso3", "country_id"}
	gw700 := ""
	if c, ok := country.ByGW(700); ok {
		gw700 = c.ISO3
	}
	tests := []struct {
		name, country, iso3, gw string
		want                    string
	}{
		{"iso3 wins over the name", "Afghanistan", "PAK", "700", "PAK"},
		{"iso3 in lower case", "", "pak", "", "PAK"},
		{"unknown iso3 falls back to the name", "Pakistan", "ZZZ", "", "PAK"},
		{"name", "Pakistan", "", "", "PAK"},
		{"former name in parentheses", "Pakistan (Testland)", "", "", "PAK"},
		{"unknown name falls back to the Gleditsch–Ward number", "Freedonia", "", "700", gw700},
		{"Gleditsch–Ward number as decimal", "Freedonia", "", "700.0", gw700},
		{"nothing known", "Freedonia", "", "", ""},
		{"nothing given", "", "", "", ""},
	}
	p := mustParser(t, header, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := p.Parse([]string{"1", "1", "2001-01-01", "1", tt.country, tt.iso3, tt.gw})
			if err != nil {
				t.Fatal(err)
			}
			if ev.Country != tt.want || ev.CountryName != tt.country {
				t.Errorf("Country, CountryName = %q, %q; want %q, %q", ev.Country, ev.CountryName, tt.want, tt.country)
			}
		})
	}
}
