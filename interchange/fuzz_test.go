package interchange_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier"
	"dossier/interchange"
)

// checkResult fails unless Parse/ParseJSON gave an event with an id and a
// date, dossier.ErrSkipRow, or a *dossier.RowError.
func checkResult(t *testing.T, ev *dossier.Event, err error) bool {
	t.Helper()
	if err != nil {
		var re *dossier.RowError
		if ev != nil || !errors.Is(err, dossier.ErrSkipRow) && !errors.As(err, &re) {
			t.Fatalf("got %v, %T %v; want nil and *dossier.RowError or ErrSkipRow", ev, err, err)
		}
		return false
	}
	if ev.SourceID == "" || ev.Source == "" || ev.Date.IsZero() || ev.DateEnd.Before(ev.Date) || ev.DatePrecision == "" {
		t.Fatalf("event without id, source or valid dates: %+v", ev)
	}
	if (ev.Latitude == nil) != (ev.Longitude == nil) {
		t.Fatalf("only one coordinate: %+v", ev)
	}
	return true
}

// FuzzParse feeds one CSV row, in the full export header's order, to
// Parse; an event it accepts must survive CSVWriter → Parse unchanged.
func FuzzParse(f *testing.F) {
	f.Add("mylog,1,,,2021-08,,,AFG,,,,,34.5,69.1,,bombing,,,A;B,B,,T,civilians,1,,,,,yes,,,,s,c,")
	f.Add(",x,,,2021,2022-02,month,Pakistan,,,,,,,,,,,,,,,,,,,,,,,,,,,{\"k\":\"v\"}")
	f.Add(",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,")
	f.Add("a,b,c")
	header := interchange.Columns()
	p, err := interchange.NewParser(header, "")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string) {
		rec := strings.Split(line, ",")
		ev, err := p.Parse(rec)
		if !checkResult(t, ev, err) {
			return
		}
		if strings.ContainsRune(line, '\r') {
			return // encoding/csv reads a quoted \r\n back as \n
		}
		var buf bytes.Buffer
		w := interchange.NewCSVWriter(&buf)
		if err := w.Write(ev); err != nil {
			t.Fatalf("CSVWriter.Write(%+v): %v", ev, err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(&buf)
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("reading back %q: %d records, %v", buf.String(), len(recs), err)
		}
		again, err := p.Parse(recs[1])
		if err != nil {
			t.Fatalf("re-parsing %q: %v", recs[1], err)
		}
		if !reflect.DeepEqual(again, ev) {
			t.Fatalf("round trip changed the event:\n got %s\nwant %s", asJSON(again), asJSON(ev))
		}
	})
}

// FuzzParseJSON feeds one line to ParseJSON; an event it accepts must
// survive JSONLWriter → ParseJSON unchanged.
func FuzzParseJSON(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "incidents.jsonl"))
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		f.Add([]byte(line))
	}
	f.Add([]byte(`{"source_id":1e3,"date":"2021-1","country":null,"perpetrator":[" a ",null,2],"x":{"y":[1]}}`))
	f.Add([]byte(`{"source_id":"1","date":"2021","country":"AFG","details":"{\"a\":null}"}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		ev, err := interchange.ParseJSON(line)
		if !checkResult(t, ev, err) {
			return
		}
		var buf bytes.Buffer
		w := interchange.NewJSONLWriter(&buf)
		if err := w.Write(ev); err != nil {
			t.Fatalf("JSONLWriter.Write(%+v): %v", ev, err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(&buf)
		sc.Buffer(nil, 1<<20)
		if !sc.Scan() {
			t.Fatalf("no line written for %+v", ev)
		}
		again, err := interchange.ParseJSON(sc.Bytes())
		if err != nil {
			t.Fatalf("re-parsing %s: %v", sc.Bytes(), err)
		}
		if !reflect.DeepEqual(again, ev) {
			t.Fatalf("round trip changed the event:\n got %s\nwant %s", asJSON(again), asJSON(ev))
		}
	})
}

func BenchmarkParse(b *testing.B) {
	recs := readCSVFile(b, "extended.csv")
	p, err := interchange.NewParser(recs[0], "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Parse(recs[1]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseJSON(b *testing.B) {
	line := []byte(`{"source":"mylog","source_id":"ml-7","date":"2020-01-06","date_end":"2020-01-12","date_precision":"week","country":"AFG","country_name":"Afghanistan","place":"Jalalabad","latitude":34.4265,"longitude":70.4515,"type":"one_sided_violence","perpetrator":["Taliban"],"target":["Villagers"],"target_category":["civilians"],"fatalities":12,"suicide":false,"summary":"Twelve villagers killed.","citation":["report 7"],"details":{"analyst":"R. Khan"}}`)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := interchange.ParseJSON(line); err != nil {
			b.Fatal(err)
		}
	}
}
