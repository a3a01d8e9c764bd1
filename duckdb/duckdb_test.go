package duckdb_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/duckdb"
	"dossier/storetest"
)

// holdEnv makes the test binary a helper process that opens the database
// at its value, prints "ready" and holds it until its stdin closes.
const holdEnv = "DOSSIER_DUCKDB_TEST_HOLD"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		os.Exit(hold(path))
	}
	os.Exit(m.Run())
}

func hold(path string) int {
	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "hold:", err)
		return 1
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	if err := db.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "hold:", err)
		return 1
	}
	return 0
}

func openTemp(t *testing.T) *duckdb.DB {
	t.Helper()
	db, err := duckdb.Open(filepath.Join(t.TempDir(), "new", "dir", "dossier.db"), duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) dossier.EventStore { return openTemp(t) })
}

// TestConformanceInParts runs the suite with imports that compare their
// events with the stored ones a few at a time, as large imports do.
func TestConformanceInParts(t *testing.T) {
	storetest.Run(t, func(t *testing.T) dossier.EventStore {
		db := openTemp(t)
		db.SetCompareRows(3)
		return db
	})
}

func event(id string, date time.Time, fatalities int) *dossier.Event {
	return &dossier.Event{
		Source: dossier.SourceGTD, SourceID: id, Licence: dossier.LicenceGTD,
		Date: date, DateEnd: date, DatePrecision: dossier.PrecisionDay,
		Country: "AFG", Fatalities: dossier.Int(fatalities), Suicide: dossier.Bool(false),
		Actors: []dossier.Actor{{Name: "Khorasan Chapter of the Islamic State", Role: dossier.RolePerpetrator, Uncertain: true}},
		Raw:    id + ",\"a \"\"quoted\"\"\nrow\"",
		Line:   len(id),
	}
}

func importFile(t testing.TB, db dossier.EventStore, name string, events ...*dossier.Event) dossier.ImportSummary {
	t.Helper()
	f := dossier.ImportFile{Name: name, Path: "/in/" + name, Format: "gtd", Source: dossier.SourceGTD,
		Licence: dossier.LicenceGTD, SHA256: "00" + name, Header: []string{"eventid", "summary"}}
	sum, err := db.Import(context.Background(), f, func(w dossier.EventWriter) error {
		for _, e := range events {
			if err := w.Write(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Import %s: %v", name, err)
	}
	return sum
}

func keys(t *testing.T, db dossier.EventStore) []string {
	t.Helper()
	var out []string
	err := db.Events(context.Background(), dossier.EventFilter{}, func(e *dossier.Event) error {
		out = append(out, fmt.Sprintf("%s@%s#%d", e.Key(), e.File, *e.Fatalities))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func schemaVersion(t *testing.T, db *duckdb.DB) int {
	t.Helper()
	v, err := db.SchemaVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dossier.db")
	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := schemaVersion(t, db), duckdb.KnownSchemaVersion; got != want || want < 1 {
		t.Errorf("schema version of a new database: got %d, want %d", got, want)
	}
	importFile(t, db, "a.csv", event("1", time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), 3),
		event("2", time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), 0))
	want := keys(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	for _, opts := range []duckdb.Options{{}, {ReadOnly: true}} {
		db, err := duckdb.Open(path, opts)
		if err != nil {
			t.Fatalf("reopen %+v: %v", opts, err)
		}
		if got := keys(t, db); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("reopen %+v: got %v, want %v", opts, got, want)
		}
		if got := schemaVersion(t, db); got != duckdb.KnownSchemaVersion {
			t.Errorf("reopen %+v: schema version %d, want %d", opts, got, duckdb.KnownSchemaVersion)
		}
		src, err := db.Sources(ctx)
		if err != nil || len(src) != 1 || src[0].Events != 2 || src[0].Header[1] != "summary" {
			t.Errorf("reopen %+v: Sources: got %+v, %v", opts, src, err)
		}
		if opts.ReadOnly {
			_, err := db.Import(ctx, dossier.ImportFile{Name: "b.csv"}, func(dossier.EventWriter) error { return nil })
			if got := dossier.ErrorCode(err); got != dossier.EConflict {
				t.Errorf("Import into a read-only database: got code %q (%v), want %q", got, err, dossier.EConflict)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("not a database\n", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		opts duckdb.Options
		code string
	}{
		{"no path", "", duckdb.Options{}, dossier.EInvalid},
		{"not a database", text, duckdb.Options{}, dossier.EInvalid},
		{"not a database read-only", text, duckdb.Options{ReadOnly: true}, dossier.EInvalid},
		{"read-only missing", filepath.Join(dir, "missing.db"), duckdb.Options{ReadOnly: true}, dossier.ENotFound},
		{"bad memory limit", filepath.Join(dir, "m.db"), duckdb.Options{MemoryLimit: "lots"}, dossier.EInvalid},
		{"negative threads", filepath.Join(dir, "t.db"), duckdb.Options{Threads: -2}, dossier.EInvalid},
		{"directory is a file", filepath.Join(text, "x.db"), duckdb.Options{}, dossier.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := duckdb.Open(tt.path, tt.opts)
			if err == nil {
				db.Close()
			}
			if got := dossier.ErrorCode(err); got != tt.code {
				t.Errorf("Open(%q, %+v): got code %q (%v), want %q", tt.path, tt.opts, got, err, tt.code)
			}
			var de *dossier.Error
			if errors.As(err, &de) && de.Hint == "" {
				t.Errorf("Open(%q): error without a hint: %v", tt.path, err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed read-only open created the file: %v", err)
	}
}

func TestOptions(t *testing.T) {
	dir := t.TempDir()
	// DuckDB shows a limit given in MB (10^6 bytes) in MiB.
	mib := func(mb float64) string { return fmt.Sprintf("%.1f MiB", math.Floor(mb*1e6/(1<<20)*10)/10) }
	tests := []struct {
		opts    duckdb.Options
		memory  string
		threads int
	}{
		{duckdb.Options{}, mib(512), 0},
		{duckdb.Options{MemoryLimit: "256MB", Threads: 1}, mib(256), 1},
	}
	for i, tt := range tests {
		path := filepath.Join(dir, strconv.Itoa(i), "it's 100% #1? é.db") // quotes, URL and non-ASCII characters
		db, err := duckdb.Open(path, tt.opts)
		if err != nil {
			t.Fatalf("Open(%+v): %v", tt.opts, err)
		}
		mem, err := db.Setting(context.Background(), "memory_limit")
		if err != nil || mem != tt.memory {
			t.Errorf("Open(%+v): memory_limit %q (%v), want %q", tt.opts, mem, err, tt.memory)
		}
		threads, err := db.Setting(context.Background(), "threads")
		if err != nil {
			t.Fatal(err)
		}
		if tt.threads > 0 && threads != strconv.Itoa(tt.threads) {
			t.Errorf("Open(%+v): threads %s, want %d", tt.opts, threads, tt.threads)
		}
		tmp, err := db.Setting(context.Background(), "temp_directory")
		if err != nil || tmp != path+".tmp" {
			t.Errorf("Open(%+v): temp_directory %q (%v), want %q", tt.opts, tmp, err, path+".tmp")
		}
		db.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("Open did not create %s: %v", path, err)
		}
	}
}

func TestSchemaUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dossier.db")
	known := duckdb.KnownSchemaVersion

	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, db, "a.csv", event("1", time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), 3))
	want := keys(t, db)
	db.Close()

	// A newer binary whose read-only open finds the file behind refuses it
	// and leaves it alone.
	_, err = duckdb.OpenWithExtraMigrations(path, duckdb.Options{ReadOnly: true}, "CREATE TABLE extra (x INTEGER)")
	if got := dossier.ErrorCode(err); got != dossier.EConflict {
		t.Errorf("read-only open of an older schema: got code %q (%v), want %q", got, err, dossier.EConflict)
	}

	// A failing upgrade leaves the file as it was: the table created by its
	// first step is gone, and the version is unchanged.
	_, err = duckdb.OpenWithExtraMigrations(path, duckdb.Options{}, "CREATE TABLE extra (x INTEGER)", "THIS IS NOT SQL")
	if err == nil {
		t.Fatal("open with a broken migration: got no error")
	}

	// A newer binary upgrades the file and keeps its events.
	db, err = duckdb.OpenWithExtraMigrations(path, duckdb.Options{},
		"CREATE TABLE extra (x INTEGER); INSERT INTO extra VALUES (7)")
	if err != nil {
		t.Fatalf("upgrade: %v (did the broken upgrade leave table extra behind?)", err)
	}
	if got := schemaVersion(t, db); got != known+1 {
		t.Errorf("after upgrade: schema version %d, want %d", got, known+1)
	}
	if got := keys(t, db); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("after upgrade: got %v, want %v", got, want)
	}
	db.Close()

	// This binary refuses the newer file, read-write or read-only.
	for _, opts := range []duckdb.Options{{}, {ReadOnly: true}} {
		db, err := duckdb.Open(path, opts)
		if err == nil {
			db.Close()
			t.Fatalf("Open(%+v) of a newer schema: got no error", opts)
		}
		var de *dossier.Error
		if !errors.As(err, &de) || de.Code != dossier.EConflict {
			t.Fatalf("Open(%+v) of a newer schema: got %v, want an EConflict *dossier.Error", opts, err)
		}
		if !strings.Contains(de.Message, strconv.Itoa(known+1)) || !strings.Contains(de.Message, strconv.Itoa(known)) ||
			!strings.Contains(de.Hint, "upgrade dossier") {
			t.Errorf("Open(%+v) of a newer schema: message %q, hint %q: want both versions and the hint to upgrade", opts, de.Message, de.Hint)
		}
	}

	// The upgraded file opens again with the newer binary, unchanged.
	db, err = duckdb.OpenWithExtraMigrations(path, duckdb.Options{ReadOnly: true}, "SELECT 1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := schemaVersion(t, db); got != known+1 {
		t.Errorf("schema version %d, want %d", got, known+1)
	}
	if _, err := db.Sources(ctx); err != nil {
		t.Error(err)
	}
}

// TestLock holds the database in another process and checks that Open
// reports it as a conflict naming that process.
func TestLock(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "dossier.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		cmd.Wait()
	}()
	ready := make(chan error, 1)
	go func() {
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err == nil && line != "ready\n" {
			err = fmt.Errorf("got %q", line)
		}
		ready <- err
	}()
	select {
	case err := <-ready:
		if err != nil {
			t.Fatalf("helper process: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("helper process not ready; stderr: %s", stderr.String())
	}

	pid := strconv.Itoa(cmd.Process.Pid)
	for _, opts := range []duckdb.Options{{}, {ReadOnly: true}} {
		db, err := duckdb.Open(path, opts)
		if err == nil {
			db.Close()
			t.Fatalf("Open(%+v) of a database held by process %s: got no error", opts, pid)
		}
		var de *dossier.Error
		if !errors.As(err, &de) || dossier.ErrorCode(err) != dossier.EConflict {
			t.Fatalf("Open(%+v): got %v, want an EConflict *dossier.Error", opts, err)
		}
		wantMsg := "database " + path + " is in use by another process (PID " + pid + ")"
		if de.Message != wantMsg {
			t.Errorf("Open(%+v): message %q, want %q", opts, de.Message, wantMsg)
		}
		if !strings.Contains(de.Hint, "dossier serve") || !strings.Contains(de.Hint, "--db") {
			t.Errorf("Open(%+v): hint %q", opts, de.Hint)
		}
	}

	// Once the other process lets go, the file opens.
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper process: %v; stderr: %s", err, stderr.String())
	}
	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		t.Fatalf("Open after the other process exited: %v", err)
	}
	db.Close()
}

func TestStagingDoesNotLinger(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	importFile(t, db, "a.csv", event("1", time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), 3))
	_, err := db.Import(ctx, dossier.ImportFile{Name: "b.csv"}, func(w dossier.EventWriter) error {
		w.Write(event("2", time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), 3))
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("failed fill: got no error")
	}
	n, err := db.TempTables(ctx)
	if err != nil || n != 0 {
		t.Errorf("temporary tables left after imports: %d, %v", n, err)
	}
}

func TestTimeZones(t *testing.T) {
	// A date is a calendar day: 2021-03-15 in Kabul (UTC+4:30) at 01:00 is
	// 2021-03-14 in UTC, but the event happened on the 15th.
	kabul := time.FixedZone("AFT", 4*3600+1800)
	db := openTemp(t)
	defer db.Close()
	e := event("tz", time.Date(2021, 3, 15, 1, 0, 0, 0, kabul), 1)
	e.DateEnd = time.Date(2021, 3, 16, 23, 59, 0, 0, time.FixedZone("EST", -5*3600))
	importFile(t, db, "tz.csv", e)
	got, err := db.Event(context.Background(), e.Source, e.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2021, 3, 15, 0, 0, 0, 0, time.UTC); !got.Date.Equal(want) {
		t.Errorf("Date: got %v, want %v", got.Date, want)
	}
	if want := time.Date(2021, 3, 16, 0, 0, 0, 0, time.UTC); !got.DateEnd.Equal(want) {
		t.Errorf("DateEnd: got %v, want %v", got.DateEnd, want)
	}
}

// FuzzRoundTrip checks that any text an importer gives comes back as it
// was, or is refused with a *dossier.RowError when it is not UTF-8.
func FuzzRoundTrip(f *testing.F) {
	f.Add("Khorasan Chapter of the Islamic State", "a,\"b\"\"c\"\nd", "weaptype1_txt", "Explosives", "summary")
	f.Add("", "", "", "", "")
	f.Add("\x00", "\xff\xfe", "ключ", "值\r\n", "'; DROP TABLE events; --")
	f.Add("É", "\u2028\u2029", "{", "}", "%_\\")
	db, err := duckdb.Open(filepath.Join(f.TempDir(), "fuzz.db"), duckdb.Options{MemoryLimit: "128MB", Threads: 1})
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	n := 0
	f.Fuzz(func(t *testing.T, name, raw, key, value, summary string) {
		n++
		e := event("fuzz"+strconv.Itoa(n), time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), n)
		e.Actors = []dossier.Actor{{Name: name, Role: dossier.RolePerpetrator}, {Name: summary, Role: dossier.RoleTarget, Uncertain: true}}
		e.Raw, e.Summary = raw, summary
		e.Details = map[string]string{key: value}
		e.Citations = []string{name, value}
		var writeErr error
		_, err := db.Import(context.Background(), dossier.ImportFile{Name: "fuzz.csv"}, func(w dossier.EventWriter) error {
			writeErr = w.Write(e)
			return nil
		})
		if err != nil {
			t.Fatalf("Import: %v", err)
		}
		valid := true
		for _, s := range []string{name, raw, key, value, summary} {
			valid = valid && isUTF8(s)
		}
		var re *dossier.RowError
		if !valid {
			if !errors.As(writeErr, &re) {
				t.Fatalf("Write of text that is not UTF-8: got %v, want a *dossier.RowError", writeErr)
			}
			if _, err := db.Event(context.Background(), e.Source, e.SourceID); dossier.ErrorCode(err) != dossier.ENotFound {
				t.Fatalf("rejected event was stored: %v", err)
			}
			return
		}
		if writeErr != nil {
			t.Fatalf("Write: %v", writeErr)
		}
		got, err := db.Event(context.Background(), e.Source, e.SourceID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Raw != raw || got.Summary != summary || got.Details[key] != value || len(got.Details) != 1 ||
			len(got.Actors) != 2 || got.Actors[0].Name != name || got.Actors[1].Name != summary ||
			len(got.Citations) != 2 || got.Citations[0] != name || got.Citations[1] != value {
			t.Fatalf("round trip:\ngot  %+v\nwant %+v", got, e)
		}
		if got.Fingerprint() != e.Fingerprint() {
			t.Fatalf("fingerprint changed in the round trip")
		}
	})
}

func isUTF8(s string) bool { return strings.ToValidUTF8(s, "") == s }

func TestOpenTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dossier.db")
	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The same file by another name, through a link to its directory.
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Dir(path), link); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(link, ".", "dossier.db")
	for _, opts := range []duckdb.Options{{}, {ReadOnly: true}} {
		_, err := duckdb.Open(other, opts)
		if got := dossier.ErrorCode(err); got != dossier.EConflict {
			t.Errorf("second Open(%+v) in the same process: got code %q (%v), want %q", opts, got, err, dossier.EConflict)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	db, err = duckdb.Open(other, duckdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	db.Close()
}

// TestCanceledWrite checks that a long fill learns of a canceled context
// from Write.
func TestCanceledWrite(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	written := 0
	_, err := db.Import(ctx, dossier.ImportFile{Name: "long.csv"}, func(w dossier.EventWriter) error {
		for i := range 100_000 {
			if i == 10 {
				cancel()
			}
			if err := w.Write(event(strconv.Itoa(i), time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), i)); err != nil {
				return err
			}
			written++
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Import: got %v, want %v", err, context.Canceled)
	}
	if written >= 10+2048 {
		t.Errorf("Write went on for %d events after the context was canceled", written-10)
	}
	if n, err := db.CountEvents(context.Background(), dossier.EventFilter{}); err != nil || n != 0 {
		t.Errorf("CountEvents after a canceled import: got %d, %v; want 0", n, err)
	}
}

// FuzzFilter checks that any filter text is taken literally: Events and
// CountEvents agree, and for ASCII text they select what a plain
// case-insensitive substring search selects.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{"islamic", "%", "_", "'", "\\", "ÉTAT", "\x00", "\xff", "(PID", "a' OR '1'='1"} {
		f.Add(s, s, s)
	}
	db, err := duckdb.Open(filepath.Join(f.TempDir(), "fuzz.db"), duckdb.Options{Threads: 1})
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	names := []string{"Islamic State (Sahel)", "100% Militia_X", "O'Brien's \\ men", "État islamique", "Taliban"}
	var events []*dossier.Event
	for i, n := range names {
		e := event(strconv.Itoa(i), time.Date(2021, 1, 1+i, 0, 0, 0, 0, time.UTC), i)
		e.Actors = []dossier.Actor{{Name: n, Role: dossier.RolePerpetrator, GroupID: strings.ToLower(n[:3])}}
		e.Country = []string{"AFG", "MLI", "BEN"}[i%3]
		events = append(events, e)
	}
	importFile(f, db, "fuzz.csv", events...)
	f.Fuzz(func(t *testing.T, perp, group, country string) {
		ctx := context.Background()
		filter := dossier.EventFilter{Perpetrator: perp, GroupID: group}
		if country != "" {
			filter.Countries = []string{country}
		}
		n, err := db.CountEvents(ctx, filter)
		if err != nil {
			if dossier.ErrorCode(err) != dossier.EInvalid {
				t.Fatalf("CountEvents(%q, %q, %q): %v", perp, group, country, err)
			}
			return
		}
		var got []string
		if err := db.Events(ctx, filter, func(e *dossier.Event) error {
			got = append(got, e.SourceID)
			return nil
		}); err != nil {
			t.Fatalf("Events: %v", err)
		}
		if len(got) != n {
			t.Fatalf("Events gave %d events, CountEvents %d", len(got), n)
		}
		if !isASCII(perp) {
			return
		}
		var want []string
		for _, e := range events {
			a := e.Actors[0]
			if strings.Contains(strings.ToLower(a.Name), strings.ToLower(perp)) &&
				(group == "" || a.GroupID == group) && (country == "" || strings.ToUpper(strings.TrimSpace(country)) == e.Country) {
				want = append(want, e.SourceID)
			}
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("filter %+v: got %v, want %v", filter, got, want)
		}
	})
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
