package table_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/table"
)

// dataDir is the shared real-data directory (see ../../shared/data/MANIFEST.md).
var dataDir = filepath.Join("..", "..", "shared", "data")

func needData(t testing.TB, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{dataDir}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data %s not present (it lives outside the repository, in ../shared/data): %v", p, err)
	}
	return p
}

// realCSVFiles lists the delimited files of the shared data with the
// options they need.
func realCSVFiles(t *testing.T) map[string]table.CSVOptions {
	t.Helper()
	needData(t)
	files := map[string]table.CSVOptions{}
	for _, pat := range []string{"gtd/*.csv", "ucdp/*.csv", "acled/*.csv", "sanctions/*/*.csv"} {
		m, err := filepath.Glob(filepath.Join(dataDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			files[f] = table.CSVOptions{}
		}
	}
	m, _ := filepath.Glob(filepath.Join(dataDir, "gdelt", "*.CSV"))
	for _, f := range m {
		files[f] = table.CSVOptions{Comma: '\t', LazyQuotes: true}
	}
	if len(files) < 9 {
		t.Fatalf("found only %d delimited files under %s", len(files), dataDir)
	}
	return files
}

// TestRealCSV reads every delimited file of the shared data and checks,
// record by record, that the fields and starting lines are those of a
// plain encoding/csv read, that each Raw is the file's own bytes for the
// record (the Raws and the line endings between them rebuild the file
// exactly), and that re-parsing Raw gives the fields again.
func TestRealCSV(t *testing.T) {
	for path, opts := range realCSVFiles(t) {
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			comma := opts.Comma
			if comma == 0 {
				comma = ','
			}
			plain := csv.NewReader(bytes.NewReader(data))
			plain.Comma, plain.LazyQuotes, plain.FieldsPerRecord = comma, opts.LazyQuotes, -1

			r := table.NewCSV(bytes.NewReader(data), opts)
			text := string(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))
			pos, n := 0, 0
			for {
				want, werr := plain.Read()
				got, gerr := r.Read()
				if werr == io.EOF || gerr == io.EOF {
					if werr != gerr {
						t.Fatalf("record %d: got error %v, plain encoding/csv %v", n+1, gerr, werr)
					}
					break
				}
				n++
				if werr != nil {
					var pe *csv.ParseError
					var re *dossier.RowError
					if !errors.As(werr, &pe) || !errors.As(gerr, &re) || re.Line != pe.StartLine {
						t.Fatalf("record %d: got error %v, plain encoding/csv %v", n, gerr, werr)
					}
					t.Logf("malformed record at line %d (both readers): %v", re.Line, re)
				} else {
					if gerr != nil {
						t.Fatalf("record %d: %v", n, gerr)
					}
					if !slices.Equal(got.Fields, want) {
						t.Fatalf("record %d: fields\n got %q\nwant %q", n, got.Fields, want)
					}
					if line, _ := plain.FieldPos(0); got.Line != line {
						t.Errorf("record %d: Line = %d, want %d", n, got.Line, line)
					}
					again, err := csv.NewReader(strings.NewReader(got.Raw + "\n")).Read()
					if opts.LazyQuotes {
						rr := csv.NewReader(strings.NewReader(got.Raw + "\n"))
						rr.Comma, rr.LazyQuotes, rr.FieldsPerRecord = comma, true, -1
						again, err = rr.Read()
					}
					if err != nil || !slices.Equal(again, want) {
						t.Fatalf("record %d: Raw %q re-parses as %q, %v", n, got.Raw, again, err)
					}
				}
				if !strings.HasPrefix(text[pos:], got.Raw) {
					t.Fatalf("record %d (line %d): Raw is not the file's text at byte %d:\n got %.200q\nfile %.200q", n, got.Line, pos, got.Raw, text[pos:])
				}
				pos += len(got.Raw)
				switch {
				case strings.HasPrefix(text[pos:], "\r\n"):
					pos += 2
				case strings.HasPrefix(text[pos:], "\n"):
					pos++
				}
			}
			if pos != len(text) {
				t.Errorf("Raw of %d records covers %d of %d bytes", n, pos, len(text))
			}
			if got := r.InputOffset(); got != int64(len(data)) {
				t.Errorf("InputOffset at end = %d, want %d", got, len(data))
			}
			t.Logf("%d records", n)
		})
	}
}

// TestRealCSVCounts checks the record counts of the manifest.
func TestRealCSVCounts(t *testing.T) {
	tests := []struct {
		file string
		opts table.CSVOptions
		want int // records, header included
	}{
		{"gtd/globalterrorismdb_2021Jan-June_1222dist.csv", table.CSVOptions{}, 4960 + 1},
		{"ucdp/ged_pakistan_hdx.csv", table.CSVOptions{}, 6416 + 2}, // header and HXL row
		{"ucdp/ged_pakistan_web_export.csv", table.CSVOptions{}, 5834 + 1},
		{"ucdp/ged231_sample1000.csv", table.CSVOptions{}, 1000 + 1},
		{"acled/acled_benin_current.csv", table.CSVOptions{}, 811 + 1},
		{"acled/acled_mali_2010_2018_old.csv", table.CSVOptions{}, 2130 + 1},
		{"acled/acled_niger_2010_2018_old.csv", table.CSVOptions{}, 377 + 1},
		{"acled/acled_v5_sample.csv", table.CSVOptions{}, 1 + 1},
		{"gdelt/20161013151500.export.CSV", table.CSVOptions{Comma: '\t', LazyQuotes: true}, 3566},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(needData(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			r := table.NewCSV(f, tt.opts)
			got := 0
			for {
				_, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("after %d records: %v", got, err)
				}
				got++
			}
			if got != tt.want {
				t.Errorf("records = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestRealGDELTNoQuotes reads the GDELT export with NoQuotes and checks
// each record against the file's lines split at tabs.
func TestRealGDELTNoQuotes(t *testing.T) {
	data, err := os.ReadFile(needData(t, "gdelt", "20161013151500.export.CSV"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	r := table.NewCSV(bytes.NewReader(data), table.CSVOptions{Comma: '\t', NoQuotes: true})
	for i, line := range lines {
		rec, err := r.Read()
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		want := strings.Split(line, "\t")
		if rec.Line != i+1 || rec.Raw != line || !slices.Equal(rec.Fields, want) || len(want) != 61 {
			t.Fatalf("line %d: got line %d raw %.80q fields %d, want %d fields", i+1, rec.Line, rec.Raw, len(rec.Fields), len(want))
		}
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("after %d lines: %v, want EOF", len(lines), err)
	}
}

const (
	gtdXLSX = "gtd/globalterrorismdb_2021Jan-June_1222dist.xlsx"
	gtdCSV  = "gtd/globalterrorismdb_2021Jan-June_1222dist.csv"
)

func readAllCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func readAllXLSX(t testing.TB, path string, opts table.XLSXOptions) []table.Record {
	t.Helper()
	x, err := table.OpenXLSXOptions(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var out []table.Record
	for {
		rec, err := x.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("after %d rows: %v", len(out), err)
		}
		out = append(out, rec)
	}
	if done, total := x.Progress(); done != total || total == 0 {
		t.Errorf("Progress at end = %d/%d, want all of a non-empty sheet", done, total)
	}
	return out
}

// TestRealXLSXAsStored compares the GTD XLSX, numbers as stored, with the
// CSV converted from it: every cell must match.
func TestRealXLSXAsStored(t *testing.T) {
	xpath := needData(t, gtdXLSX)
	want := readAllCSV(t, needData(t, gtdCSV))
	start := time.Now()
	got := readAllXLSX(t, xpath, table.XLSXOptions{Numbers: table.NumbersAsStored})
	t.Logf("read %d rows in %v", len(got), time.Since(start))
	if len(got) != 4961 || len(want) != 4961 {
		t.Fatalf("rows: XLSX %d, CSV %d, want 4961 (header + 4,960)", len(got), len(want))
	}
	for i, rec := range got {
		if rec.Line != i+1 {
			t.Errorf("row %d: Line = %d", i+1, rec.Line)
		}
		if !slices.Equal(rec.Fields, want[i]) {
			t.Fatalf("row %d:\n got %q\nwant %q", i+1, rec.Fields, want[i])
		}
		back, err := csv.NewReader(strings.NewReader(rec.Raw)).Read()
		if err != nil || !slices.Equal(back, rec.Fields) {
			t.Fatalf("row %d: Raw %q reads back as %q, %v", i+1, rec.Raw, back, err)
		}
	}
}

// TestRealXLSXShortest compares the GTD XLSX, numbers normalised, with
// the CSV: cells may differ only where the CSV holds a number in another
// form of the same float64, and NormalizeNumber of the CSV text must give
// the XLSX text.
func TestRealXLSXShortest(t *testing.T) {
	xpath := needData(t, gtdXLSX)
	want := readAllCSV(t, needData(t, gtdCSV))
	got := readAllXLSX(t, xpath, table.XLSXOptions{})
	if len(got) != len(want) {
		t.Fatalf("rows: XLSX %d, CSV %d", len(got), len(want))
	}
	diffs, cells := 0, 0
	byColumn := map[string]int{}
	var examples []string
	for i, rec := range got {
		if len(rec.Fields) != len(want[i]) {
			t.Fatalf("row %d: %d fields, CSV %d", i+1, len(rec.Fields), len(want[i]))
		}
		for j, g := range rec.Fields {
			cells++
			w := want[i][j]
			if g == w {
				continue
			}
			diffs++
			byColumn[want[0][j]]++
			gf, gerr := strconv.ParseFloat(g, 64)
			wf, werr := strconv.ParseFloat(w, 64)
			if gerr != nil || werr != nil || gf != wf {
				t.Errorf("row %d column %s: XLSX %q, CSV %q: not the same number", i+1, want[0][j], g, w)
			}
			if n := table.NormalizeNumber(w); n != g {
				t.Errorf("row %d column %s: NormalizeNumber(%q) = %q, XLSX has %q", i+1, want[0][j], w, n, g)
			}
			if len(examples) < 5 {
				examples = append(examples, w+" → "+g)
			}
		}
	}
	t.Logf("%d of %d cells differ, all numeric, by column: %v; e.g. %q", diffs, cells, byColumn, examples)
}
