package ucdp_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier"
	"dossier/ucdp"
)

// fuzzHeaders are the layouts FuzzParse feeds records to.
var fuzzHeaders = [][]string{
	officialHeader,
	webHeader,
	{"ID", "TYPE_OF_VIOLENCE", "DATE_START", "DATE_END", "DATE_PREC", "BEST_EST", "LATITUDE", "LONGITUDE", "SIDE_A", "SIDE_B", "SOURCE_ARTICLE"},
}

// splitRecord reads one CSV record the way a lenient reader would, falling
// back to splitting at commas.
func splitRecord(line string) []string {
	r := csv.NewReader(strings.NewReader(line))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	if rec, err := r.Read(); err == nil {
		return rec
	}
	return strings.Split(line, ",")
}

// fixtureLines returns the data records of the fixtures as CSV text.
func fixtureLines(t testing.TB) []string {
	var lines []string
	for _, f := range []string{"ged231_fixture.csv", "ged_pakistan_hdx_fixture.csv", "ged_pakistan_web_export_fixture.csv"} {
		for _, rec := range readCSV(t, filepath.Join("testdata", f))[1:] {
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			_ = w.Write(rec)
			w.Flush()
			lines = append(lines, strings.TrimSuffix(b.String(), "\n"))
		}
	}
	return lines
}

func FuzzParse(f *testing.F) {
	for i, line := range fixtureLines(f) {
		f.Add(uint8(i), line)
	}
	f.Add(uint8(2), "7,1,2020-02-30,,,3,91,0,A,B,\"x\";\"y\"")
	f.Add(uint8(2), "7,3,12/31/1999 23:59:59,1/1/2000,4,1.0,-90,180,,,(1) a\n\n(2) b")
	f.Add(uint8(0), ",,#date+year,,#group+name+first")
	parsers := make([]*ucdp.Parser, len(fuzzHeaders))
	for i, h := range fuzzHeaders {
		p, err := ucdp.NewParser(h, "ged231.csv")
		if err != nil {
			f.Fatal(err)
		}
		parsers[i] = p
	}
	f.Fuzz(func(t *testing.T, layout uint8, line string) {
		p := parsers[int(layout)%len(parsers)]
		ev, err := p.Parse(splitRecord(line))
		if err != nil {
			var re *dossier.RowError
			if !errors.Is(err, dossier.ErrSkipRow) && (!errors.As(err, &re) || re.Reason == "" || re.Hint == "") {
				t.Fatalf("error %T %v is neither ErrSkipRow nor a RowError with reason and hint", err, err)
			}
			return
		}
		checkInvariants(t, ev)
	})
}

// checkInvariants fails t if ev breaks what Parse promises of every event.
func checkInvariants(t *testing.T, ev *dossier.Event) {
	t.Helper()
	if ev.Source != dossier.SourceUCDP || ev.SourceID == "" || strings.Trim(ev.SourceID, "0123456789") != "" {
		t.Errorf("source %q id %q", ev.Source, ev.SourceID)
	}
	if ev.Date.IsZero() || ev.DateEnd.Before(ev.Date) || ev.DatePrecision == "" {
		t.Errorf("dates %v–%v %q", ev.Date, ev.DateEnd, ev.DatePrecision)
	}
	if ev.Type != dossier.TypeBattle && ev.Type != dossier.TypeOneSidedViolence {
		t.Errorf("type %q", ev.Type)
	}
	if (ev.Latitude == nil) != (ev.Longitude == nil) ||
		(ev.Latitude != nil && (*ev.Latitude < -90 || *ev.Latitude > 90 || *ev.Longitude < -180 || *ev.Longitude > 180)) {
		t.Errorf("coordinates %v %v", ev.Latitude, ev.Longitude)
	}
	for _, n := range []*int{ev.Fatalities, ev.FatalitiesLow, ev.FatalitiesHigh} {
		if n != nil && *n < 0 {
			t.Errorf("negative count %d", *n)
		}
	}
	for _, a := range ev.Actors {
		if a.Name == "" || a.Name != strings.TrimSpace(a.Name) {
			t.Errorf("actor name %q", a.Name)
		}
	}
}

// FuzzNewParser checks that any header is either refused with an
// EInvalid error or gives a parser that survives any record, and that
// Detect never accepts a header NewParser refuses.
func FuzzNewParser(f *testing.F) {
	f.Add(strings.Join(officialHeader, ","), "1,x,2020")
	f.Add(strings.Join(webHeader, ","), "")
	f.Add("ID,Type_of_violence,date_start,best,best_est,id", "3,1,2020-01-01,5,6,4")
	f.Add("\uFEFFid, date_start ,type_of_violence,BEST", "1,2020-01-01,2,0")
	f.Fuzz(func(t *testing.T, header, line string) {
		h := splitRecord(header)
		p, err := ucdp.NewParser(h, header)
		if err != nil {
			if dossier.ErrorCode(err) != dossier.EInvalid {
				t.Fatalf("NewParser error %v has code %q", err, dossier.ErrorCode(err))
			}
			if ucdp.Detect(h) {
				t.Fatalf("Detect accepts a header NewParser refuses: %v", err)
			}
			return
		}
		if ev, err := p.Parse(splitRecord(line)); err == nil {
			checkInvariants(t, ev)
		}
	})
}

// BenchmarkParse parses the records of the HDX copy of the GED (or the
// fixtures, without the shared data) one per iteration.
func BenchmarkParse(b *testing.B) {
	path := filepath.Join("..", "..", "shared", "data", "ucdp", "ged_pakistan_hdx.csv")
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join("testdata", "ged231_fixture.csv")
	}
	recs := readCSV(b, path)
	p, err := ucdp.NewParser(recs[0], filepath.Base(path))
	if err != nil {
		b.Fatal(err)
	}
	data := recs[1:]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := p.Parse(data[i]); err != nil && !errors.Is(err, dossier.ErrSkipRow) {
			b.Fatal(err)
		}
		if i++; i == len(data) {
			i = 0
		}
	}
}
