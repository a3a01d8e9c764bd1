package ingest_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier"
	"dossier/duckdb"
	"dossier/ingest"
)

// shared is the real provider data, present in CI and absent elsewhere.
var shared = filepath.Join("..", "..", "shared", "data")

func realFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(shared, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data %s not present (../shared/data is only beside the repository in CI): %v", rel, err)
	}
	return p
}

func openStore(t *testing.T) *duckdb.DB {
	t.Helper()
	db, err := duckdb.Open(filepath.Join(t.TempDir(), "test.duckdb"), duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// csvRecords counts a CSV file's data records with plain encoding/csv,
// skipping the header and rows whose first field starts with '#' (HXL).
func csvRecords(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	n := -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if n >= 0 && strings.HasPrefix(strings.Join(rec, ""), "#") {
			continue
		}
		n++
	}
}

// tsvLines counts the non-empty lines of a GDELT export.
func tsvLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(l)) > 0 {
			n++
		}
	}
	return n
}

func TestImportEveryRealFile(t *testing.T) {
	files := []struct {
		rel, format string
		want        int // published record count (MANIFEST.md)
		count       func(*testing.T, string) int
	}{
		{"gtd/globalterrorismdb_2021Jan-June_1222dist.csv", "gtd", 4960, csvRecords},
		{"ucdp/ged_pakistan_hdx.csv", "ucdp", 6416, csvRecords},
		{"ucdp/ged_pakistan_web_export.csv", "ucdp", 5834, csvRecords},
		{"ucdp/ged231_sample1000.csv", "ucdp", 1000, csvRecords},
		{"acled/acled_benin_current.csv", "acled", 811, csvRecords},
		{"acled/acled_mali_2010_2018_old.csv", "acled", 2130, csvRecords},
		{"acled/acled_niger_2010_2018_old.csv", "acled", 377, csvRecords},
		{"acled/acled_v5_sample.csv", "acled", 1, csvRecords},
		{"gdelt/20161013151500.export.CSV", "gdelt", 3566, tsvLines},
	}
	for _, f := range files {
		t.Run(filepath.Base(f.rel), func(t *testing.T) {
			path := realFile(t, f.rel)
			if got := f.count(t, path); got != f.want {
				t.Fatalf("independent count of %s = %d, MANIFEST says %d", f.rel, got, f.want)
			}
			db := openStore(t)
			im := &ingest.Importer{Store: db}
			ctx := context.Background()
			sum, err := im.ImportFile(ctx, path)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if sum.Format != f.format || sum.Rows != f.want || sum.Rejected != 0 {
				t.Errorf("summary %+v, want format %s, %d rows, none rejected", sum, f.format, f.want)
			}
			// UCDP's web export repeats no ids; every distinct id is one event.
			if got := sum.Added + sum.Duplicates; got != f.want {
				t.Errorf("added %d + duplicates %d = %d, want %d", sum.Added, sum.Duplicates, got, f.want)
			}
			n, err := db.CountEvents(ctx, dossier.EventFilter{Sources: []dossier.Source{dossier.Source(f.format)}})
			if err != nil || n != sum.Added {
				t.Errorf("CountEvents = %d, %v; want %d", n, err, sum.Added)
			}

			again, err := im.ImportFile(ctx, path)
			if err != nil {
				t.Fatalf("re-import: %v", err)
			}
			if again.Added != 0 || again.Updated != 0 || again.Unchanged != sum.Added {
				t.Errorf("re-import %+v, want all %d unchanged", again, sum.Added)
			}
		})
	}
}

func TestRawRowIsVerbatim(t *testing.T) {
	path := realFile(t, "ucdp/ged_pakistan_hdx.csv") // quoted fields with newlines
	db := openStore(t)
	ctx := context.Background()
	if _, err := (&ingest.Importer{Store: db}).ImportFile(ctx, path); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n, multiline := 0, 0
	err = db.Events(ctx, dossier.EventFilter{}, func(e *dossier.Event) error {
		n++
		if !bytes.Contains(src, []byte(e.Raw)) || !strings.HasPrefix(e.Raw, e.SourceID+",") {
			t.Fatalf("event %s: raw row %q is not a record of the file", e.SourceID, e.Raw)
		}
		if strings.Contains(e.Raw, "\n") {
			multiline++
		}
		return nil
	})
	if err != nil || n != 6416 {
		t.Fatalf("read %d events: %v", n, err)
	}
	if multiline == 0 {
		t.Error("no raw row kept its embedded newline")
	}
}

// TestGTDCSVAndXLSXAgree imports the CSV and the XLSX of the same GTD
// release into two databases and compares every event.
func TestGTDCSVAndXLSXAgree(t *testing.T) {
	csvPath := realFile(t, "gtd/globalterrorismdb_2021Jan-June_1222dist.csv")
	xlsxPath := realFile(t, "gtd/globalterrorismdb_2021Jan-June_1222dist.xlsx")
	ctx := context.Background()
	read := func(path string) map[string]*dossier.Event {
		db := openStore(t)
		sum, err := (&ingest.Importer{Store: db}).ImportFile(ctx, path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if sum.Added != 4960 {
			t.Fatalf("%s: added %d, want 4960", path, sum.Added)
		}
		out := map[string]*dossier.Event{}
		db.Events(ctx, dossier.EventFilter{}, func(e *dossier.Event) error { out[e.SourceID] = e; return nil })
		return out
	}
	fromCSV, fromXLSX := read(csvPath), read(xlsxPath)
	if len(fromCSV) != len(fromXLSX) {
		t.Fatalf("%d events from CSV, %d from XLSX", len(fromCSV), len(fromXLSX))
	}
	diffs := 0
	for id, c := range fromCSV {
		x, ok := fromXLSX[id]
		if !ok {
			t.Errorf("event %s only in the CSV", id)
			continue
		}
		if !sameEvent(c, x) {
			diffs++
			if diffs <= 5 {
				t.Errorf("event %s differs:\n csv  %+v\n xlsx %+v", id, *c, *x)
			}
		}
	}
	if diffs > 0 {
		t.Errorf("%d of %d events differ between the CSV and the XLSX", diffs, len(fromCSV))
	}
}

// sameEvent compares the canonical fields, with coordinates equal to 1e-9
// degrees; the raw rows differ in form (the XLSX row is re-written as CSV)
// and the file names differ.
func sameEvent(a, b *dossier.Event) bool {
	ca, cb := *a, *b
	ca.Raw, cb.Raw, ca.File, cb.File, ca.Line, cb.Line = "", "", "", "", 0, 0
	if !closeTo(ca.Latitude, cb.Latitude) || !closeTo(ca.Longitude, cb.Longitude) {
		return false
	}
	ca.Latitude, cb.Latitude, ca.Longitude, cb.Longitude = nil, nil, nil, nil
	return reflect.DeepEqual(ca, cb)
}

func closeTo(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return math.Abs(*a-*b) < 1e-9
}
