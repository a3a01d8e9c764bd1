package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dossier"
)

// run runs dossier with args against db and returns its exit code, stdout
// and stderr.
func run(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "DOSSIER_DB" {
			return db
		}
		return ""
	}}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// providers are the sources of the demo files: the database also holds
// the starter knowledge base's curated events.
const providers = "gtd,ucdp,acled,user"

func demoFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "demo", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no demo files: %v", err)
	}
	return files
}

// countDataRows counts a demo CSV's records after the header with
// encoding/csv, independently of the importers.
func countDataRows(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return len(recs) - 1
}

func TestImportDemoThenReimportChangesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.duckdb")
	files := demoFiles(t)
	want := 0
	for _, f := range files {
		want += countDataRows(t, f)
	}

	code, out, errs := run(t, db, append([]string{"import", "--json"}, files...)...)
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errs)
	}
	var sums []dossier.ImportSummary
	if err := json.Unmarshal([]byte(out), &sums); err != nil {
		t.Fatalf("import --json output: %v\n%s", err, out)
	}
	added := 0
	for _, s := range sums {
		added += s.Added
		if s.Rejected != 0 || s.Updated != 0 || s.Unchanged != 0 {
			t.Errorf("%s: first import %+v, want only added", s.File, s)
		}
	}
	if added != want {
		t.Errorf("added %d events, want %d", added, want)
	}

	code, out, _ = run(t, db, "events", "--count", "--source", providers)
	if code != 0 || strings.TrimSpace(out) != strconv.Itoa(want) {
		t.Errorf("events --count = %q (exit %d), want %d", out, code, want)
	}

	code, out, errs = run(t, db, append([]string{"import", "--json"}, files...)...)
	if code != 0 {
		t.Fatalf("re-import exit %d: %s", code, errs)
	}
	sums = nil
	json.Unmarshal([]byte(out), &sums)
	for _, s := range sums {
		if s.Added != 0 || s.Updated != 0 || s.Unchanged != s.Rows {
			t.Errorf("%s: re-import %+v, want every row unchanged", s.File, s)
		}
	}
}

func TestEventsFilters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.duckdb")
	if code, _, errs := run(t, db, append([]string{"import", "--quiet"}, demoFiles(t)...)...); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{

		{[]string{"--country", "AFG"}, "3"},         // gtd, ucdp, own log
		{[]string{"--country", "Afghanistan"}, "3"}, // names work too
		{[]string{"--country", "AFG", "--from", "2020-01-01", "--to", "2020-12-31"}, "1"},
		{[]string{"--from", "2019-05-15", "--to", "2019-05-15"}, "1"}, // the GTD event known to the month overlaps
		{[]string{"--perpetrator", "islamic state"}, "3"},             // GTD Khorasan, GTD ISWAP, ACLED composite
		{[]string{"--source", "ucdp", "--perpetrator", "BLA"}, "1"},   // a later --source replaces the first
		{[]string{"--perpetrator", "BLA"}, "2"},                       // GTD's "Baloch Liberation Army (BLA)" too
		{[]string{"--source", "gtd"}, "3"},
		{[]string{"--source", "gtd,acled"}, "5"},
	} {
		args := append([]string{"events", "--count", "--source", providers}, tc.args...)
		code, out, errs := run(t, db, args...)
		if got := strings.TrimSpace(out); code != 0 || got != tc.want {
			t.Errorf("%v = %q (exit %d, %s), want %s", tc.args, got, code, errs, tc.want)
		}
	}
}

func TestEventsCSVIsInterchange(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.duckdb")
	if code, _, errs := run(t, db, append([]string{"import", "--quiet"}, demoFiles(t)...)...); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	code, out, errs := run(t, db, "events", "--source", providers, "--country", "AFG", "--from", "2019-08-01", "--to", "2019-08-31", "--format", "csv")
	if code != 0 {
		t.Fatalf("events: %s", errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("csv output: %v, %d records, want header and one event:\n%s", err, len(recs), out)
	}
	col := map[string]string{}
	for i, h := range recs[0] {
		col[h] = recs[1][i]
	}
	for k, want := range map[string]string{"source_id": "201908170031", "date": "2019-08-17", "country": "AFG", "fatalities": "92", "injuries": "142", "suicide": "true"} {
		if col[k] != want {
			t.Errorf("column %s = %q, want %q", k, col[k], want)
		}
	}

	// An export in CSV imports back into another database unchanged.
	export := filepath.Join(dir, "export.csv")
	if code, _, errs := run(t, db, "export", "--source", providers, "--format", "csv", "-o", export); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	db2 := filepath.Join(dir, "d2.duckdb")
	code, out, errs = run(t, db2, "import", "--json", export)
	if code != 0 {
		t.Fatalf("import of export: %s", errs)
	}
	var sums []dossier.ImportSummary
	json.Unmarshal([]byte(out), &sums)
	if len(sums) != 1 || sums[0].Added != countDataRows(t, export) || sums[0].Rejected != 0 {
		t.Errorf("import of export = %+v, want every row added", sums)
	}
}

func TestExportParquetAndJSONL(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.duckdb")
	if code, _, errs := run(t, db, append([]string{"import", "--quiet"}, demoFiles(t)...)...); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	pq := filepath.Join(dir, "e.parquet")
	if code, _, errs := run(t, db, "export", "--format", "parquet", "-o", pq); code != 0 {
		t.Fatalf("export parquet: %s", errs)
	}
	b, err := os.ReadFile(pq)
	if err != nil || len(b) < 8 || string(b[:4]) != "PAR1" || string(b[len(b)-4:]) != "PAR1" {
		t.Errorf("%s is not a Parquet file (err %v)", pq, err)
	}
	code, out, errs := run(t, db, "export", "--format", "jsonl", "--source", "ucdp")
	if code != 0 {
		t.Fatalf("export jsonl: %s", errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("jsonl export has %d lines, want 2", len(lines))
	}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil || m["source"] != "ucdp" {
			t.Errorf("line %q: %v, source %v", l, err, m["source"])
		}
	}
}

func TestCorruptFileLeavesDatabaseUntouched(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.duckdb")
	if code, _, errs := run(t, db, "import", "--quiet", filepath.Join("..", "..", "testdata", "demo", "gtd_demo.csv")); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	// A GTD file whose third data row has a casualty count that is not a number.
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "demo", "gtd_demo.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(src)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	nkill := -1
	for i, h := range recs[0] {
		if h == "nkill" {
			nkill = i
		}
	}
	recs[1][0] = "209901010001" // a new event before the bad row
	recs[3][nkill] = "seven"
	bad := filepath.Join(dir, "gtd_bad.csv")
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(recs)
	os.WriteFile(bad, buf.Bytes(), 0o644)

	code, _, errs := run(t, db, "import", "--quiet", bad)
	if code == 0 {
		t.Fatal("import of a corrupt file succeeded")
	}
	for _, want := range []string{"gtd_bad.csv", ":4", "nkill", `"seven"`, "hint"} {
		if !strings.Contains(errs, want) {
			t.Errorf("error %q does not mention %q", errs, want)
		}
	}
	if _, out, _ := run(t, db, "events", "--count", "--source", "gtd"); strings.TrimSpace(out) != "3" {
		t.Errorf("after a failed import the database has %s events, want the 3 it had", out)
	}
	if _, out, _ := run(t, db, "sources", "--json"); strings.Contains(out, "gtd_bad.csv") {
		t.Errorf("the failed file is listed in sources: %s", out)
	}

	// With --on-error=skip the rest is imported and the bad row is kept verbatim.
	code, out, errs := run(t, db, "import", "--json", "--on-error=skip", "--rejects-dir", dir, bad)
	if code != 0 {
		t.Fatalf("import --on-error=skip: %s", errs)
	}
	var sums []dossier.ImportSummary
	json.Unmarshal([]byte(out), &sums)
	if len(sums) != 1 || sums[0].Rejected != 1 || sums[0].Added != 1 || sums[0].Unchanged != 1 {
		t.Fatalf("summary %+v, want 1 rejected, 1 added, 1 unchanged", sums)
	}
	rej, err := os.ReadFile(sums[0].RejectsFile)
	if err != nil {
		t.Fatal(err)
	}
	rejRecs, err := csv.NewReader(bytes.NewReader(rej)).ReadAll()
	if err != nil || len(rejRecs) != 2 || strings.Join(rejRecs[1], ",") != strings.Join(recs[3], ",") {
		t.Errorf("rejects file = %q, want the header and the bad row verbatim", rej)
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.duckdb")
	for _, args := range [][]string{
		{"nosuchcommand"},
		{"import"},
		{"import", "--format", "xml", "a.csv"},
		{"events", "--from", "yesterday"},
		{"events", "--country", "Atlantis"},
		{"events", "--format", "pdf"},
	} {
		if code, _, errs := run(t, db, args...); code != exitUsage || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and a message", args, code, errs, exitUsage)
		}
	}
	if code, _, errs := run(t, db, "import", "/no/such/file.csv"); code != exitError || !strings.Contains(errs, "/no/such/file.csv") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
}
