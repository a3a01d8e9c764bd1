package duckdb_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"dossier"
	"dossier/duckdb"
	"dossier/kb"
	"dossier/knowledge"
)

// reresolveEvents is the number of events BenchmarkReresolve2M imports;
// DOSSIER_RERESOLVE_EVENTS overrides it.
const reresolveEvents = 2_000_000

// resolutionEvent returns event i of a made-up provider file for
// resolution: short rows, one perpetrator (a starter alias, "Unknown", one
// of 3,000 names no knowledge base knows, or one of 300 composites of two
// aliases: about 4,300 distinct names, as many as in all of GTD), sometimes
// an associated actor, and a target; dates over fifty years and forty
// countries, so that almost every (name, country, date) is distinct, as
// in real data.
func resolutionEvent(i int, aliases, unknown, composite []string) *dossier.Event {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	countries := []string{"AFG", "PAK", "IRQ", "SYR", "NGA", "MLI", "SOM", "YEM", "IND", "PHL", "COL", "PER", "TUR", "GBR", "ESP",
		"FRA", "DEU", "USA", "EGY", "LBY", "DZA", "NER", "BFA", "CMR", "TCD", "SDN", "COD", "CAF", "KEN", "UGA",
		"MOZ", "ETH", "LKA", "NPL", "BGD", "THA", "MMR", "IDN", "RUS", "UKR"}
	date := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(19000))
	name := func() string {
		switch n := r.IntN(100); {
		case n < 75:
			return aliases[r.IntN(len(aliases))]
		case n < 85:
			return "Unknown"
		case n < 95:
			return unknown[r.IntN(len(unknown))]
		default:
			return composite[r.IntN(len(composite))]
		}
	}
	e := &dossier.Event{
		Source: dossier.SourceGTD, SourceID: strconv.Itoa(i), Date: date, DateEnd: date, DatePrecision: dossier.PrecisionDay,
		Country: countries[r.IntN(len(countries))], Type: dossier.TypeBombing, Fatalities: dossier.Int(r.IntN(10)),
		Raw: strconv.Itoa(i) + ",row", Line: i + 2,
	}
	e.Actors = append(e.Actors, dossier.Actor{Name: name(), Role: dossier.RolePerpetrator, Uncertain: r.IntN(10) == 0})
	if r.IntN(10) < 3 {
		e.Actors = append(e.Actors, dossier.Actor{Name: name(), Role: dossier.RoleAssociated})
	}
	e.Actors = append(e.Actors, dossier.Actor{Name: "Civilians", Role: dossier.RoleTarget})
	return e
}

// BenchmarkReresolve2M imports 2 million synthetic events once, loads the
// starter knowledge base, then measures knowledge.Resolve: read every
// distinct actor occurrence, resolve it, replace the resolutions, count.
// It logs the phases and the time of the queries that read resolutions
// (-v shows them all). Run it alone: go test -v -run '^$' -bench
// Reresolve2M -benchtime 1x -timeout 30m ./duckdb/
func BenchmarkReresolve2M(b *testing.B) {
	n := reresolveEvents
	if v, err := strconv.Atoi(os.Getenv("DOSSIER_RERESOLVE_EVENTS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	db, err := duckdb.Open(filepath.Join(b.TempDir(), "reresolve.db"), duckdb.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	starter, err := kb.Starter()
	if err != nil {
		b.Fatal(err)
	}
	var aliases, unknown, composite []string
	for _, a := range starter.Aliases() {
		aliases = append(aliases, a.Name)
	}
	for i := range 3000 {
		unknown = append(unknown, fmt.Sprintf("Front %d of the Region %d", i, i%37))
	}
	for i := range 300 {
		composite = append(composite, aliases[(i*7)%len(aliases)]+" and/or "+aliases[(i*13+5)%len(aliases)])
	}

	start := time.Now()
	f := dossier.ImportFile{Name: "reresolve.csv", Path: "reresolve.csv", Format: "gtd", Source: dossier.SourceGTD, SHA256: "x"}
	if _, err := db.Import(ctx, f, func(w dossier.EventWriter) error {
		for i := range n {
			if err := w.Write(resolutionEvent(i, aliases, unknown, composite)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	b.Logf("import of %d events (%d starter aliases as names): %v", n, len(aliases), time.Since(start))
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		b.Fatal(err)
	}

	// The phases of knowledge.Resolve, once: reading the occurrences and
	// counting are timed alone; resolving and replacing are the rest.
	phase := time.Now()
	occ := 0
	if err := db.ActorOccurrences(ctx, func(dossier.ActorOccurrence) error { occ++; return nil }); err != nil {
		b.Fatal(err)
	}
	b.Logf("ActorOccurrences: %d distinct (name, country, date): %v", occ, time.Since(phase))
	phase = time.Now()
	st, err := db.ResolutionStats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("ResolutionStats %+v: %v", st, time.Since(phase))

	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		if _, err := knowledge.Resolve(ctx, db); err != nil {
			b.Fatal(err)
		}
		b.Logf("knowledge.Resolve: %v", time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(peakRSS(), "peak-RSS-MiB")

	// Reads that join the resolutions.
	for _, q := range []struct {
		name string
		fn   func() (int, error)
	}{
		{"CountEvents(group iskp)", func() (int, error) { return db.CountEvents(ctx, dossier.EventFilter{GroupID: "iskp"}) }},
		{"Events(group iskp, limit 50 offset 1000)", func() (int, error) {
			k := 0
			err := db.Events(ctx, dossier.EventFilter{GroupID: "iskp", Limit: 50, Offset: 1000}, func(*dossier.Event) error { k++; return nil })
			return k, err
		}},
		{"Events(AFG 2015-2019)", func() (int, error) {
			k := 0
			err := db.Events(ctx, dossier.EventFilter{Countries: []string{"AFG"}, From: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC),
				To: time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC)}, func(*dossier.Event) error { k++; return nil })
			return k, err
		}},
		{"Events(all)", func() (int, error) {
			k := 0
			err := db.Events(ctx, dossier.EventFilter{}, func(e *dossier.Event) error { k++; return nil })
			return k, err
		}},
		{"Event(one)", func() (int, error) { _, err := db.Event(ctx, dossier.SourceGTD, strconv.Itoa(n/2)); return 1, err }},
		{"Unresolved(50)", func() (int, error) { l, err := db.Unresolved(ctx, 50); return len(l), err }},
		{"ResolutionStats", func() (int, error) { s, err := db.ResolutionStats(ctx); return s.Resolved, err }},
		{"Groups(khorasan)", func() (int, error) { l, err := db.Groups(ctx, "khorasan"); return len(l), err }},
		{"GroupProfile(iskp)", func() (int, error) { p, err := db.GroupProfile(ctx, "iskp"); return len(p.Aliases), err }},
	} {
		start := time.Now()
		k, err := q.fn()
		if err != nil {
			b.Fatalf("%s: %v", q.name, err)
		}
		b.Logf("%s: %d in %v", q.name, k, time.Since(start))
	}
	b.Logf("peak RSS %.0f MiB", peakRSS())
}
