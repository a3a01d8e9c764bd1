package duckdb_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"dossier"
	"dossier/duckdb"
	"dossier/ingest"
	"dossier/knowledge"
	"dossier/metrics"
)

// attackDB is a database holding the demo files and the real provider
// files of every layout, resolved against the starter knowledge base, with
// all its events read back.
func attackDB(t *testing.T) (*duckdb.DB, []*dossier.Event) {
	t.Helper()
	ctx := context.Background()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "demo", "*"))
	for _, name := range []string{
		"gtd/globalterrorismdb_2021Jan-June_1222dist.csv",
		"ucdp/ged231_sample1000.csv",
		"ucdp/ged_pakistan_hdx.csv",
		"acled/acled_benin_current.csv",
		"acled/acled_mali_2010_2018_old.csv",
		"acled/acled_v5_sample.csv",
		"gdelt/20161013151500.export.CSV",
	} {
		files = append(files, dataFile(t, name))
	}
	db, err := duckdb.Open(filepath.Join(t.TempDir(), "attacks.db"), duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		t.Fatal(err)
	}
	im := &ingest.Importer{Store: db}
	for _, f := range files {
		if _, err := im.ImportFile(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := knowledge.AfterImport(ctx, db); err != nil {
		t.Fatal(err)
	}
	var events []*dossier.Event
	if err := db.Events(ctx, dossier.EventFilter{}, func(e *dossier.Event) error {
		events = append(events, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return db, events
}

// filterOf is the store's part of metrics options.
func filterOf(o metrics.Options, w metrics.Window) dossier.AttackFilter {
	f := dossier.AttackFilter{From: w.From, To: w.To, ExcludeDoubtful: o.ExcludeDoubtful,
		CertainOnly: o.CertainOnly, MinConfidence: o.MinConfidence}
	for s, ok := range o.Sources {
		if !ok {
			f.ExcludeSources = append(f.ExcludeSources, s)
		}
	}
	return f
}

// TestAttackTotalsMatchMetrics checks the store's SQL rules against the
// metrics package's Go rules on the same events: every group's attacks,
// deaths, injuries and hostages, unattributed ones included, under several
// options; and every country's incidents for the GTI.
func TestAttackTotalsMatchMetrics(t *testing.T) {
	db, events := attackDB(t)
	ctx := context.Background()

	dated := events[:0:0]
	for _, e := range events {
		if !e.Date.IsZero() {
			dated = append(dated, e)
		}
	}
	type totals struct{ Attacks, Deaths, Injuries, Hostages int }
	withGDELT := metrics.DefaultOptions()
	withGDELT.Sources = nil
	strict := metrics.DefaultOptions()
	strict.CertainOnly, strict.ExcludeDoubtful, strict.MinConfidence = true, true, 0.9
	window := metrics.Window{From: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2021, 5, 31, 0, 0, 0, 0, time.UTC)}
	cases := []struct {
		name   string
		opts   metrics.Options
		window metrics.Window
	}{
		{"defaults", metrics.DefaultOptions(), metrics.Window{}},
		{"gdelt counted", withGDELT, metrics.Window{}},
		{"certain, not doubtful, confident", strict, metrics.Window{}},
		{"window", metrics.DefaultOptions(), window},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := map[string]totals{}
			for _, g := range metrics.Totals(dated, c.window, c.opts) {
				if g.Attacks > 0 {
					want[g.GroupID] = totals{g.Attacks, g.Deaths, g.Injuries, g.Hostages}
				}
			}
			rows, err := db.AttackTotals(ctx, filterOf(c.opts, c.window))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]totals{}
			uncertain := 0
			for _, r := range rows {
				g := got[r.GroupID]
				g.Attacks += r.Attacks
				g.Deaths += r.Deaths
				g.Injuries += r.Injuries
				g.Hostages += r.Hostages
				got[r.GroupID] = g
				uncertain += r.Uncertain
			}
			if len(want) < 20 {
				t.Fatalf("only %d groups with attacks: the fixture does not test much", len(want))
			}
			for id, w := range want {
				if got[id] != w {
					t.Errorf("group %q: store %+v, metrics %+v", id, got[id], w)
				}
			}
			for id, g := range got {
				if _, ok := want[id]; !ok {
					t.Errorf("group %q: store %+v, metrics none", id, g)
				}
			}
			if c.opts.CertainOnly && uncertain != 0 {
				t.Errorf("%d uncertain attacks counted with CertainOnly", uncertain)
			}
		})
	}

	t.Run("incidents", func(t *testing.T) {
		o := metrics.DefaultOptions()
		want := map[string]metrics.YearTotals{}
		for iso, years := range metrics.CountryYearTotals(dated, o) {
			for y, v := range years {
				want[iso+"/"+time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006")] = v
			}
		}
		rows, err := db.IncidentTotals(ctx, filterOf(o, metrics.Window{}))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]metrics.YearTotals{}
		for _, r := range rows {
			got[r.Country+"/"+time.Date(r.Year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006")] = metrics.YearTotals{
				Incidents: float64(r.Incidents), Deaths: float64(r.Deaths), Injuries: float64(r.Injuries), Hostages: float64(r.Hostages)}
		}
		if len(want) < 10 || !reflect.DeepEqual(got, want) {
			keys := func(m map[string]metrics.YearTotals) []string {
				var k []string
				for s := range m {
					k = append(k, s)
				}
				sort.Strings(k)
				return k
			}
			t.Errorf("incident totals differ:\nstore   %v\nmetrics %v", keys(got), keys(want))
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s: store %+v, metrics %+v", k, got[k], w)
				}
			}
		}
	})
}

// TestFactsFollowChanges checks that the derived totals follow an import,
// the resolution after it, and a change of knowledge, without being told.
func TestFactsFollowChanges(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := duckdb.Open(filepath.Join(dir, "facts.db"), duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		t.Fatal(err)
	}
	attacks := func() map[string]int {
		t.Helper()
		rows, err := db.AttackTotals(ctx, dossier.AttackFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := map[string]int{}
		for _, r := range rows {
			n[r.GroupID] += r.Attacks
		}
		return n
	}
	before := attacks()
	log := filepath.Join(dir, "log.csv")
	if err := os.WriteFile(log, []byte("source_id,date,country,type,perpetrator,fatalities\n"+
		"z-1,2022-09-30,AFG,bombing,ISIS-K,3\n"+
		"z-2,2022-10-02,AFG,armed_assault,Zzyzx Brigade,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := (&ingest.Importer{Store: db}).ImportFile(ctx, log); err != nil {
		t.Fatal(err)
	}
	// Not resolved yet: both perpetrators resolve to no group.
	if got, want := attacks()[""], before[""]+2; got != want {
		t.Errorf("after the import: %d unattributed attacks, want %d", got, want)
	}
	if _, err := knowledge.AfterImport(ctx, db); err != nil {
		t.Fatal(err)
	}
	after := attacks()
	if after["iskp"] != before["iskp"]+1 || after[""] != before[""]+1 {
		t.Errorf("after resolution: iskp %d, unattributed %d; want %d, %d", after["iskp"], after[""], before["iskp"]+1, before[""]+1)
	}
	if err := db.AddAlias(ctx, dossier.OriginUser, dossier.Alias{GroupID: "iskp", Name: "Zzyzx Brigade"}); err != nil {
		t.Fatal(err)
	}
	if _, err := knowledge.Resolve(ctx, db); err != nil {
		t.Fatal(err)
	}
	if got := attacks(); got["iskp"] != before["iskp"]+2 || got[""] != before[""] {
		t.Errorf("after a new alias: iskp %d, unattributed %d; want %d, %d", got["iskp"], got[""], before["iskp"]+2, before[""])
	}
}
