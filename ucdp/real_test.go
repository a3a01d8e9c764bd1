package ucdp_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/ucdp"
)

// realFile returns the path of a file under shared/data/ucdp, skipping the
// test when the shared data are not beside the repository.
func realFile(t testing.TB, name string) string {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "ucdp", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real UCDP data not found at %s (it lives in shared/data beside the repository): %v", path, err)
	}
	return path
}

// rawRow is one record of a real file by column name.
type rawRow map[string]string

// realRows reads a real file with encoding/csv and returns its data rows
// by column name, leaving out the HXL hashtag row.
func realRows(t testing.TB, path string) []rawRow {
	t.Helper()
	recs := readCSV(t, path)
	header := recs[0]
	var rows []rawRow
	for _, rec := range recs[1:] {
		if rec[0] == "" && strings.Contains(strings.Join(rec, ","), ",#") {
			continue // the HXL hashtag row
		}
		r := make(rawRow, len(header))
		for i, h := range header {
			if i < len(rec) {
				r[h] = rec[i]
			}
		}
		rows = append(rows, r)
	}
	return rows
}

type realLayout struct {
	file       string
	version    string
	events     int
	skipped    int
	dateLayout string
	best       string // name of the best-estimate column
}

var realLayouts = []realLayout{
	{"ged_pakistan_hdx.csv", "", 6416, 1, "2006-01-02 15:04:05.000", "best"},
	{"ged_pakistan_web_export.csv", "", 5834, 0, "01/02/2006 15:04:05", "best_est"},
	{"ged231_sample1000.csv", "23.1", 1000, 0, "2006-01-02", "best"},
}

// TestRealFiles parses every row of each real file and checks each event
// against the raw columns, read independently with encoding/csv.
func TestRealFiles(t *testing.T) {
	precision := map[string]dossier.Precision{"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
	types := map[string]dossier.EventType{"1": dossier.TypeBattle, "2": dossier.TypeBattle, "3": dossier.TypeOneSidedViolence}
	sourceTypes := map[string]string{"1": "state-based", "2": "non-state", "3": "one-sided"}
	for _, l := range realLayouts {
		t.Run(l.file, func(t *testing.T) {
			path := realFile(t, l.file)
			evs, skipped := parseFile(t, path)
			rows := realRows(t, path)
			if len(evs) != l.events || skipped != l.skipped {
				t.Fatalf("%d events, %d skipped; want %d, %d", len(evs), skipped, l.events, l.skipped)
			}
			if len(rows) != len(evs) {
				t.Fatalf("%d raw rows for %d events", len(rows), len(evs))
			}
			noISO3 := map[string]int{}
			bestSum, wantBestSum := 0, 0
			for i, ev := range evs {
				r := rows[i]
				errorf := func(format string, args ...any) {
					t.Helper()
					t.Errorf("id %s: "+format, append([]any{r["id"]}, args...)...)
				}
				if ev.SourceID != r["id"] || ev.Source != dossier.SourceUCDP || ev.SourceVersion != l.version || ev.Licence != dossier.LicenceUCDP {
					errorf("source %s %s %s %s", ev.Source, ev.SourceID, ev.SourceVersion, ev.Licence)
				}
				start, err1 := time.Parse(l.dateLayout, r["date_start"])
				end, err2 := time.Parse(l.dateLayout, r["date_end"])
				if err1 != nil || err2 != nil {
					t.Fatalf("test cannot read the raw dates: %v %v", err1, err2)
				}
				if !ev.Date.Equal(start) || !ev.DateEnd.Equal(end) || ev.DatePrecision != precision[r["date_prec"]] {
					errorf("dates %v–%v %s, raw %q–%q prec %s", ev.Date, ev.DateEnd, ev.DatePrecision, r["date_start"], r["date_end"], r["date_prec"])
				}
				if ev.Type != types[r["type_of_violence"]] || ev.SourceType != sourceTypes[r["type_of_violence"]] {
					errorf("type %s/%s, raw %s", ev.Type, ev.SourceType, r["type_of_violence"])
				}
				wantRoleB := dossier.RolePerpetrator
				if r["type_of_violence"] == "3" {
					wantRoleB = dossier.RoleTarget
					if len(ev.TargetCategories) != 1 || ev.TargetCategories[0] != dossier.TargetCivilians {
						errorf("target categories %v", ev.TargetCategories)
					}
				}
				a, b := strings.TrimSpace(r["side_a"]), strings.TrimSpace(r["side_b"])
				if len(ev.Actors) != 2 || ev.Actors[0].Name != a || ev.Actors[1].Name != b ||
					ev.Actors[0].Role != dossier.RolePerpetrator || ev.Actors[1].Role != wantRoleB {
					errorf("actors %+v, raw %q %q", ev.Actors, a, b)
				}
				for _, c := range []struct {
					got *int
					col string
				}{{ev.Fatalities, l.best}, {ev.FatalitiesLow, strings.Replace(l.best, "best", "low", 1)}, {ev.FatalitiesHigh, strings.Replace(l.best, "best", "high", 1)}} {
					want, err := strconv.Atoi(r[c.col])
					if err != nil {
						t.Fatalf("id %s: test cannot read %s %q", r["id"], c.col, r[c.col])
					}
					if c.got == nil || *c.got != want {
						errorf("%s = %v, raw %d", c.col, c.got, want)
					}
				}
				bestSum += *ev.Fatalities
				n, _ := strconv.Atoi(r[l.best])
				wantBestSum += n
				for _, col := range []string{"deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "conflict_name", "dyad_name", "relid", "priogrid_gid", "region", "code_status", "event_clarity", "gwnoa", "gwnob"} {
					if got, want := ev.Details[col], strings.TrimSpace(r[col]); got != want {
						errorf("Details[%s] = %q, raw %q", col, got, want)
					}
				}
				if got, want := ev.Details["active_year"], map[string]string{"1": "1", "True": "1", "0": "0", "False": "0"}[r["active_year"]]; got != want {
					errorf("active_year %q, raw %q", got, r["active_year"])
				}
				lat, _ := strconv.ParseFloat(r["latitude"], 64)
				lon, _ := strconv.ParseFloat(r["longitude"], 64)
				if ev.Latitude == nil || ev.Longitude == nil || *ev.Latitude != lat || *ev.Longitude != lon {
					errorf("coordinates %v %v, raw %q %q", ev.Latitude, ev.Longitude, r["latitude"], r["longitude"])
				}
				if ev.GeoPrecision != r["where_prec"] || ev.Place != strings.TrimSpace(r["where_coordinates"]) ||
					ev.Admin1 != strings.TrimSpace(r["adm_1"]) || ev.Admin2 != strings.TrimSpace(r["adm_2"]) {
					errorf("place %q %q %q %q", ev.GeoPrecision, ev.Place, ev.Admin1, ev.Admin2)
				}
				if ev.CountryName != r["country"] {
					errorf("CountryName %q, raw %q", ev.CountryName, r["country"])
				}
				if iso3, ok := r["iso3"]; ok && ev.Country != iso3 {
					errorf("Country %q, raw iso3 %q", ev.Country, iso3)
				}
				if ev.Country == "" {
					noISO3[ev.CountryName]++
				}
				if (strings.TrimSpace(r["source_article"]) != "") != (len(ev.Citations) > 0) {
					errorf("citations %q for source_article %q", ev.Citations, r["source_article"])
				}
				if ev.Summary == "" || !strings.Contains(ev.Summary, a) || !strings.Contains(ev.Summary, strconv.Itoa(*ev.Fatalities)+" killed") {
					errorf("summary %q", ev.Summary)
				}
				if ev.Raw != "" || ev.File != "" || ev.Line != 0 {
					errorf("Raw, File or Line set by the parser")
				}
			}
			if bestSum != wantBestSum {
				t.Errorf("sum of best estimates %d, raw %d", bestSum, wantBestSum)
			}
			missing := 0
			for _, n := range noISO3 {
				missing += n
			}
			t.Logf("%s: %d events, %d deaths (best), %d without ISO3 %v", l.file, len(evs), bestSum, missing, noISO3)
		})
	}
}

// TestRealSamples checks events whose values were read off the files by
// hand.
func TestRealSamples(t *testing.T) {
	tests := []struct {
		file, id  string
		country   string
		date, end time.Time
		prec      dossier.Precision
		sides     [2]string
		best      int
		citations []string
	}{
		{"ged231_sample1000.csv", "300380", "SYR", day(2013, 1, 3), day(2013, 1, 3), dossier.PrecisionDay,
			[2]string{"Government of Syria", "Syrian insurgents"}, 2,
			[]string{"Support Kurds in Syria,2013-01-03, Thursday 3 January 2013", "VDC,2013-01-03,Abdul Satar Mustafa Hankosh"}},
		{"ged231_sample1000.csv", "21300", "", day(1989, 5, 10), day(1989, 5, 16), dossier.PrecisionWeek,
			[2]string{"Government of Angola", "UNITA"}, 14,
			[]string{`Reuters 1989-05-17 "ANGOLAN UNITA REBELS BLOW UP POWER LINES DURING PEACE SUMMIT`}},
		{"ged_pakistan_hdx.csv", "54178", "PAK", day(2011, 3, 17), day(2011, 3, 17), dossier.PrecisionDay,
			[2]string{"Government of Pakistan", "BRA"}, 3,
			[]string{
				"Pakistan: Police launch hunt to arrest Baluchistan blast culprits, 17 March 2011, BBC Monitoring",
				"Three security personnel among six killed in Pakistan's Baluchistan, 18 March 2011, BBC Monitoring",
			}},
		{"ged_pakistan_hdx.csv", "363738", "PAK", time.Time{}, time.Time{}, "", [2]string{}, -1,
			[]string{
				"Reuters News,2013-08-22,UPDATE 2-Pakistan army says India kills 2 soldiers in Kashmir, envoy summoned, AU, Katharine Houreld",
				"Associated Press Newswires,2013-08-22,Pakistan accuses Indian troops of killing soldier in latest attack along Kashmir border, AU, Sebastian Abbot",
			}},
		{"ged_pakistan_web_export.csv", "64544", "PAK", day(2013, 5, 10), day(2013, 5, 10), dossier.PrecisionDay,
			[2]string{"TTP", "Civilians"}, 3, nil},
		{"ged_pakistan_web_export.csv", "74360", "PAK", day(2003, 10, 1), day(2003, 10, 31), dossier.PrecisionMonth,
			[2]string{"Government of China", "ETIM"}, 1, []string{"AP 2003-12-23"}},
	}
	events := map[string]map[string]*dossier.Event{}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.id, func(t *testing.T) {
			byID, ok := events[tt.file]
			if !ok {
				evs, _ := parseFile(t, realFile(t, tt.file))
				byID = map[string]*dossier.Event{}
				for _, ev := range evs {
					byID[ev.SourceID] = ev
				}
				events[tt.file] = byID
			}
			ev := byID[tt.id]
			if ev == nil {
				t.Fatalf("no event %s", tt.id)
			}
			if strings.Join(ev.Citations, "\x00") != strings.Join(tt.citations, "\x00") {
				t.Errorf("Citations = %q, want %q", ev.Citations, tt.citations)
			}
			if tt.best < 0 {
				return // citations only
			}
			if tt.country != "" && ev.Country != tt.country {
				t.Errorf("Country = %q, want %q", ev.Country, tt.country)
			}
			if !ev.Date.Equal(tt.date) || !ev.DateEnd.Equal(tt.end) || ev.DatePrecision != tt.prec {
				t.Errorf("dates %v–%v %s, want %v–%v %s", ev.Date, ev.DateEnd, ev.DatePrecision, tt.date, tt.end, tt.prec)
			}
			if len(ev.Actors) != 2 || ev.Actors[0].Name != tt.sides[0] || ev.Actors[1].Name != tt.sides[1] {
				t.Errorf("Actors = %+v, want %q", ev.Actors, tt.sides)
			}
			if ev.Fatalities == nil || *ev.Fatalities != tt.best {
				t.Errorf("Fatalities = %v, want %d", ev.Fatalities, tt.best)
			}
		})
	}
}

// TestRealHDXAgainstWebExport checks that an event id found in both the
// HDX copy (22.1) and the website export maps to the same dates, deaths
// and sides. The two releases revised a few events; where the raw values
// differ the events must differ the same way, and nowhere else.
func TestRealHDXAgainstWebExport(t *testing.T) {
	hdxPath, webPath := realFile(t, "ged_pakistan_hdx.csv"), realFile(t, "ged_pakistan_web_export.csv")
	hdxEvents, _ := parseFile(t, hdxPath)
	webEvents, _ := parseFile(t, webPath)
	hdxRaw, webRaw := realRows(t, hdxPath), realRows(t, webPath)
	web := map[string]int{}
	for i, ev := range webEvents {
		web[ev.SourceID] = i
	}
	isoDate := func(s string) string { // both files' dates as YYYY-MM-DD, by the test's own reading
		if len(s) >= 10 && s[2] == '/' {
			return s[6:10] + "-" + s[0:2] + "-" + s[3:5]
		}
		return s[:10]
	}
	shared, identical := 0, 0
	for i, h := range hdxEvents {
		j, ok := web[h.SourceID]
		if !ok {
			continue
		}
		shared++
		w := webEvents[j]
		hr, wr := hdxRaw[i], webRaw[j]
		same := true
		check := func(what string, parsedSame, rawSame bool) {
			if parsedSame != rawSame {
				t.Errorf("id %s: %s: events same=%v but raw values same=%v", h.SourceID, what, parsedSame, rawSame)
			}
			same = same && rawSame
		}
		check("date_start", h.Date.Equal(w.Date), isoDate(hr["date_start"]) == isoDate(wr["date_start"]))
		check("date_end", h.DateEnd.Equal(w.DateEnd), isoDate(hr["date_end"]) == isoDate(wr["date_end"]))
		check("best", eqInt(h.Fatalities, w.Fatalities), hr["best"] == wr["best_est"])
		check("low", eqInt(h.FatalitiesLow, w.FatalitiesLow), hr["low"] == wr["low_est"])
		check("high", eqInt(h.FatalitiesHigh, w.FatalitiesHigh), hr["high"] == wr["high_est"])
		for _, col := range []string{"deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"} {
			check(col, h.Details[col] == w.Details[col], hr[col] == wr[col])
		}
		check("sides", actorsEqual(h.Actors, w.Actors),
			strings.TrimSpace(hr["side_a"]) == strings.TrimSpace(wr["side_a"]) && strings.TrimSpace(hr["side_b"]) == strings.TrimSpace(wr["side_b"]))
		check("country", h.Country == w.Country, true)
		if same {
			identical++
		}
	}
	t.Logf("%d events in both files, %d identical in dates, deaths and sides", shared, identical)
	if shared != 5830 {
		t.Errorf("%d event ids in both files, want 5830", shared)
	}
	if identical < shared*99/100 {
		t.Errorf("only %d of %d shared events agree", identical, shared)
	}
}

func eqInt(a, b *int) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func actorsEqual(a, b []dossier.Actor) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRealHeaders checks Detect and NewParser on the real headers.
func TestRealHeaders(t *testing.T) {
	for _, l := range realLayouts {
		t.Run(l.file, func(t *testing.T) {
			header := readCSV(t, realFile(t, l.file))[0]
			if !ucdp.Detect(header) {
				t.Errorf("Detect(%q) = false", header)
			}
			p, err := ucdp.NewParser(header, l.file)
			if err != nil {
				t.Fatal(err)
			}
			if p.SourceVersion() != l.version {
				t.Errorf("SourceVersion = %q, want %q", p.SourceVersion(), l.version)
			}
			_, err = p.Parse(nil)
			if !errors.Is(err, dossier.ErrSkipRow) {
				t.Errorf("Parse(nil) = %v, want ErrSkipRow", err)
			}
		})
	}
}
