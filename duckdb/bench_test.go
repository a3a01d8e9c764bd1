package duckdb_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dossier"
	"dossier/duckdb"
	"dossier/ingest"
	"dossier/knowledge"
)

var words = strings.Fields(`the an of in on at to by assailants attacked detonated explosive device
	near checkpoint village market mosque police station convoy soldiers civilians killed wounded
	claimed responsibility district province armed group gunmen abducted fired rockets military
	base road patrol vehicle suicide bomber targeted government officials school students`)

var actorNames = []string{
	"Khorasan Chapter of the Islamic State", "Taliban", "Tehrik-i-Taliban Pakistan (TTP)",
	"Islamic State (Sahel)", "JNIM: Group for Support of Islam and Muslims",
	"Military Forces of Mali (2021-)", "Unidentified Armed Group (Benin)", "Civilians (Mali)",
	"Police Forces of Afghanistan", "Al-Shabaab", "Boko Haram", "Unknown",
}

// text returns about n bytes of words.
func text(r *rand.Rand, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(words[r.IntN(len(words))])
		b.WriteByte(' ')
	}
	return b.String()
}

// synthetic returns event i of a made-up provider file with realistic field
// sizes: a raw row of about 1 KB, about 25 details, a summary and 2–3
// actors.
func synthetic(i int, variant int) *dossier.Event {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	date := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(12000))
	e := &dossier.Event{
		Source:        dossier.SourceGTD,
		SourceID:      fmt.Sprintf("%d%08d", date.Year(), i),
		SourceVersion: "1222dist",
		Licence:       dossier.LicenceGTD,
		Date:          date,
		DateEnd:       date,
		DatePrecision: dossier.PrecisionDay,
		Country:       []string{"AFG", "PAK", "MLI", "NGA", "SOM", "IRQ", "SYR", "BEN"}[r.IntN(8)],
		CountryName:   "Somewhere",
		Admin1:        text(r, 10),
		Place:         text(r, 12),
		Latitude:      dossier.Float(r.Float64()*60 - 30),
		Longitude:     dossier.Float(r.Float64()*120 - 20),
		GeoPrecision:  strconv.Itoa(1 + r.IntN(5)),
		Type:          dossier.TypeBombing,
		SourceType:    "Bombing/Explosion",
		Fatalities:    dossier.Int(r.IntN(20) + variant),
		Injuries:      dossier.Int(r.IntN(40)),
		Suicide:       dossier.Bool(r.IntN(10) == 0),
		Success:       dossier.Bool(true),
		Summary:       text(r, 250),
		Citations:     []string{text(r, 60), text(r, 60)},
		TargetCategories: []dossier.TargetCategory{
			dossier.TargetCivilians, dossier.TargetPolice,
		},
		Details: map[string]string{},
		Line:    i + 2,
	}
	for k := range 25 {
		e.Details[fmt.Sprintf("column%02d_txt", k)] = text(r, 8)
	}
	for k := range 2 + r.IntN(2) {
		role := dossier.RolePerpetrator
		if k == 2 {
			role = dossier.RoleTarget
		}
		e.Actors = append(e.Actors, dossier.Actor{Name: actorNames[r.IntN(len(actorNames))], Role: role, Uncertain: r.IntN(5) == 0})
	}
	e.Raw = e.SourceID + "," + strconv.Itoa(variant) + ",\"" + text(r, 1000) + "\""
	return e
}

// importSynthetic imports events 0…n-1; every event whose number is a
// multiple of changeEvery (if > 0) gets variant 1.
func importSynthetic(tb testing.TB, db *duckdb.DB, name string, n, changeEvery int) dossier.ImportSummary {
	tb.Helper()
	sum, err := tryImportSynthetic(db, name, n, changeEvery)
	if err != nil {
		tb.Fatal(err)
	}
	return sum
}

func tryImportSynthetic(db *duckdb.DB, name string, n, changeEvery int) (dossier.ImportSummary, error) {
	f := dossier.ImportFile{Name: name, Path: "/bench/" + name, Format: "gtd", Source: dossier.SourceGTD,
		Licence: dossier.LicenceGTD, SHA256: name}
	return db.Import(context.Background(), f, func(w dossier.EventWriter) error {
		for i := range n {
			v := 0
			if changeEvery > 0 && i%changeEvery == 0 {
				v = 1
			}
			if err := w.Write(synthetic(i, v)); err != nil {
				return err
			}
		}
		return nil
	})
}

// rss returns the process's resident memory in MiB.
func rss() float64 { return procStatus("VmRSS:") }

// peakRSS returns the process's peak resident memory in MiB (VmHWM), or 0
// where /proc is not available.
func peakRSS() float64 { return procStatus("VmHWM:") }

func procStatus(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), field); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

const benchEvents = 200_000

// BenchmarkImport imports 200,000 synthetic events into a new database.
// Run it alone (go test -run '^$' -bench Import -benchtime 1x) for a
// meaningful peak-RSS.
func BenchmarkImport(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		db, err := duckdb.Open(filepath.Join(b.TempDir(), "bench.db"), duckdb.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum := importSynthetic(b, db, "bench.csv", benchEvents, 0)
		b.StopTimer()
		if sum.Added != benchEvents {
			b.Fatalf("added %d, want %d", sum.Added, benchEvents)
		}
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(benchEvents*b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(peakRSS(), "peak-RSS-MiB")
}

// BenchmarkReimport imports the same 200,000 events again, 10% of them
// changed.
func BenchmarkReimport(b *testing.B) {
	db, err := duckdb.Open(filepath.Join(b.TempDir(), "bench.db"), duckdb.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	importSynthetic(b, db, "bench.csv", benchEvents, 0)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		sum := importSynthetic(b, db, "bench.csv", benchEvents, 10)
		if i == 0 && sum.Updated != benchEvents/10 {
			b.Fatalf("updated %d, want %d", sum.Updated, benchEvents/10)
		}
	}
	b.ReportMetric(float64(benchEvents*b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(peakRSS(), "peak-RSS-MiB")
}

// BenchmarkEvents reads 200,000 events back with their actors.
func BenchmarkEvents(b *testing.B) {
	db, err := duckdb.Open(filepath.Join(b.TempDir(), "bench.db"), duckdb.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	importSynthetic(b, db, "bench.csv", benchEvents, 0)
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if err := db.Events(context.Background(), dossier.EventFilter{}, func(*dossier.Event) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != benchEvents {
			b.Fatalf("read %d events, want %d", n, benchEvents)
		}
	}
	b.ReportMetric(float64(benchEvents*b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(peakRSS(), "peak-RSS-MiB")
}

// TestImportLarge imports DOSSIER_DUCKDB_LARGE synthetic events (2000000
// for the design target), imports them again with 10% changed, then from
// another file unchanged, reads them all back, exports them, and checks
// that the process stayed under 1 GiB of resident memory. Run it alone:
// DOSSIER_DUCKDB_LARGE=2000000 go test -run ImportLarge -v -timeout 60m.
func TestImportLarge(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DOSSIER_DUCKDB_LARGE"))
	if n <= 0 {
		t.Skip("set DOSSIER_DUCKDB_LARGE to a number of events (e.g. 2000000) to run")
	}
	dir := t.TempDir()
	opts := duckdb.Options{MemoryLimit: os.Getenv("DOSSIER_DUCKDB_MEMORY")}
	t.Logf("memory limit %q", opts.MemoryLimit)
	db, err := duckdb.Open(filepath.Join(dir, "large.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// Sample the resident memory of each phase.
	var mu sync.Mutex
	label, peaks := "fill", map[string]float64{}
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(200 * time.Millisecond):
			}
			r := rss()
			mu.Lock()
			peaks[label] = max(peaks[label], r)
			mu.Unlock()
		}
	}()
	db.SetPhaseHook(func(p string) {
		mu.Lock()
		label = p
		mu.Unlock()
	})
	report := func(what string) {
		mu.Lock()
		t.Logf("%s: RSS peaks by phase (MiB): %v; DuckDB now: %s", what, peaks, db.MemoryUsage(context.Background()))
		label, peaks = "fill", map[string]float64{}
		mu.Unlock()
	}

	t.Logf("DuckDB memory at start: %s", db.MemoryUsage(context.Background()))
	start := time.Now()
	sum, err := tryImportSynthetic(db, "large.csv", n, 0)
	report("import")
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	t.Logf("import of %d events: %v (%.0f events/s), peak RSS %.0f MiB", n, took, float64(n)/took.Seconds(), peakRSS())
	if sum.Added != n {
		t.Errorf("added %d, want %d", sum.Added, n)
	}

	start = time.Now()
	sum, err = tryImportSynthetic(db, "large.csv", n, 10)
	report("re-import")
	if err != nil {
		t.Fatal(err)
	}
	took = time.Since(start)
	t.Logf("re-import with 10%% changed: %v (%.0f events/s), peak RSS %.0f MiB", took, float64(n)/took.Seconds(), peakRSS())
	if want := (n + 9) / 10; sum.Updated != want || sum.Unchanged != n-want {
		t.Errorf("re-import: updated %d, unchanged %d; want %d, %d", sum.Updated, sum.Unchanged, want, n-want)
	}

	// The same events from another file: provenance only.
	start = time.Now()
	sum, err = tryImportSynthetic(db, "large-copy.csv", n, 10)
	report("copy")
	if err != nil {
		t.Fatal(err)
	}
	took = time.Since(start)
	t.Logf("import of the same events from another file: %v (%.0f events/s), peak RSS %.0f MiB", took, float64(n)/took.Seconds(), peakRSS())
	if sum.Unchanged != n {
		t.Errorf("copy: unchanged %d, want %d", sum.Unchanged, n)
	}
	src, err := db.Sources(context.Background())
	if err != nil || len(src) != 2 || src[0].Name != "large-copy.csv" || src[0].Events != 0 || src[1].Events != n {
		t.Errorf("Sources after the copy: got %+v, %v; want the copy with no events (it wrote none) and the original with %d", src, err, n)
	}

	start = time.Now()
	read := 0
	if err := db.Events(context.Background(), dossier.EventFilter{}, func(*dossier.Event) error { read++; return nil }); err != nil {
		t.Fatal(err)
	}
	took = time.Since(start)
	t.Logf("read back %d events: %v (%.0f events/s), peak RSS %.0f MiB", read, took, float64(read)/took.Seconds(), peakRSS())
	if read != n {
		t.Errorf("read %d events, want %d", read, n)
	}
	start = time.Now()
	if err := db.ExportParquet(context.Background(), dossier.EventFilter{}, filepath.Join(dir, "all.parquet")); err != nil {
		t.Error(err)
	}
	took = time.Since(start)
	t.Logf("Parquet export of all events: %v, peak RSS %.0f MiB", took, peakRSS())

	// Queries a user waits for.
	ctx := context.Background()
	e0 := synthetic(n/2, 0)
	for _, q := range []struct {
		name string
		fn   func() error
	}{
		{"Event", func() error { _, err := db.Event(ctx, e0.Source, e0.SourceID); return err }},
		{"CountEvents(all)", func() error { _, err := db.CountEvents(ctx, dossier.EventFilter{}); return err }},
		{"CountEvents(country, year)", func() error {
			_, err := db.CountEvents(ctx, dossier.EventFilter{Countries: []string{"AFG"}, From: e0.Date.AddDate(-1, 0, 0), To: e0.Date})
			return err
		}},
		{"CountEvents(perpetrator)", func() error {
			_, err := db.CountEvents(ctx, dossier.EventFilter{Perpetrator: "khorasan"})
			return err
		}},
		{"Events(perpetrator, limit 50)", func() error {
			return db.Events(ctx, dossier.EventFilter{Perpetrator: "khorasan", Limit: 50, Offset: 1000}, func(*dossier.Event) error { return nil })
		}},
		{"Sources", func() error { _, err := db.Sources(ctx); return err }},
	} {
		start := time.Now()
		if err := q.fn(); err != nil {
			t.Errorf("%s: %v", q.name, err)
		}
		t.Logf("%s: %v", q.name, time.Since(start))
	}

	if fi, err := os.Stat(filepath.Join(dir, "large.db")); err == nil {
		t.Logf("database file: %.0f MiB", float64(fi.Size())/(1<<20))
	}
	if peak := peakRSS(); peak > 1024 {
		t.Errorf("peak RSS %.0f MiB, want under 1024", peak)
	}
}

// TestImportFilePhases imports the provider file DOSSIER_BENCH_FILE (such
// as bench/out/gtd_200000.csv) into a new database as `dossier import`
// does — parse, stage, merge, then bring resolution up to date — and logs
// the time, CPU time and peak resident memory of each phase; then it
// imports the file again (unless DOSSIER_BENCH_ONCE is set), which changes
// nothing. DOSSIER_BENCH_PROFILE names a CPU profile to write. Run it alone:
// DOSSIER_BENCH_FILE=$PWD/bench/out/gtd_200000.csv go test -run ImportFilePhases -v ./duckdb/
func TestImportFilePhases(t *testing.T) {
	path := os.Getenv("DOSSIER_BENCH_FILE")
	if path == "" {
		t.Skip("set DOSSIER_BENCH_FILE to a provider file to run")
	}
	if prof := os.Getenv("DOSSIER_BENCH_PROFILE"); prof != "" {
		f, err := os.Create(prof)
		if err != nil {
			t.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "phases.db")
	rounds := []string{"first import", "import again"}
	if os.Getenv("DOSSIER_BENCH_ONCE") != "" {
		rounds = rounds[:1]
	}
	for round, what := range rounds {
		start := time.Now()
		db, err := duckdb.Open(dbPath, duckdb.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: open %.2f s", what, time.Since(start).Seconds())
		// The resident memory is sampled to find each phase's peak.
		var mu sync.Mutex
		last, lastCPU, phase, peak := time.Now(), cpuTime(), "stage", 0.0
		stop := make(chan struct{})
		go func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
				}
				r := rss()
				mu.Lock()
				peak = max(peak, r)
				mu.Unlock()
			}
		}()
		logPhase := func(next string) {
			mu.Lock()
			defer mu.Unlock()
			now, cpu := time.Now(), cpuTime()
			t.Logf("  %-14s %6.2f s (CPU %6.2f s, peak RSS %4.0f MiB)", phase, now.Sub(last).Seconds(), (cpu - lastCPU).Seconds(), max(peak, rss()))
			last, lastCPU, phase, peak = now, cpu, next, 0
		}
		db.SetPhaseHook(logPhase)
		im := &ingest.Importer{Store: db}
		sum, err := im.ImportFile(ctx, path)
		if err != nil {
			db.Close()
			t.Fatal(err)
		}
		logPhase("resolution")
		t.Logf("%s: %+v in %.2f s", what, sum, time.Since(start).Seconds())
		if round == 1 && sum.Unchanged != sum.Rows-sum.Rejected-sum.Duplicates {
			t.Errorf("import again: %+v, want every row unchanged", sum)
		}
		db.SetPhaseHook(nil)
		at, atCPU := time.Now(), cpuTime()
		st, err := knowledge.AfterImport(ctx, db)
		if err != nil {
			db.Close()
			t.Fatal(err)
		}
		logPhase("close")
		close(stop)
		t.Logf("resolution after import: %+v in %.2f s (CPU %.2f s)", st, time.Since(at).Seconds(), (cpuTime() - atCPU).Seconds())
		at = time.Now()
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		t.Logf("close (checkpoint): %.2f s; total %.2f s", time.Since(at).Seconds(), time.Since(start).Seconds())
	}
	t.Logf("peak RSS %.0f MiB", peakRSS())
}

// cpuTime returns the CPU time the process has used, in all its threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
