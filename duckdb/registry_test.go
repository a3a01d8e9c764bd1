package duckdb_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"dossier"
	"dossier/duckdb"
	"dossier/storetest"
)

func TestRegistryConformance(t *testing.T) {
	storetest.RunRegistry(t, func(t *testing.T) storetest.RegistryStore { return openTemp(t) })
}

// TestConformanceSmallBatches runs the suites with Events reading seven
// events per batch, so that their reads cross batches and days of more
// events than a batch.
func TestConformanceSmallBatches(t *testing.T) {
	defer duckdb.SetEventBatch(7)()
	storetest.Run(t, func(t *testing.T) dossier.EventStore { return openTemp(t) })
	storetest.RunRegistry(t, func(t *testing.T) storetest.RegistryStore { return openTemp(t) })
}

// registryKnowledge is a little knowledge for the tests of this file.
func registryKnowledge() *dossier.Knowledge {
	return &dossier.Knowledge{
		Groups:  []dossier.Group{{ID: "iskp", Name: "Islamic State Khorasan Province"}},
		Aliases: []dossier.Alias{{GroupID: "iskp", Name: "Khorasan Chapter of the Islamic State", Source: "gtd"}},
	}
}

func resolveAll(ctx context.Context, db *duckdb.DB, group string) error {
	var occ []dossier.ActorOccurrence
	if err := db.ActorOccurrences(ctx, func(o dossier.ActorOccurrence) error { occ = append(occ, o); return nil }); err != nil {
		return err
	}
	return db.ReplaceResolutions(ctx, func(write func(dossier.Resolution) error) error {
		for _, o := range occ {
			if err := write(dossier.Resolution{Name: o.Name, Country: o.Country, Date: o.Date, GroupID: group, Confidence: 1, Rule: "exact"}); err != nil {
				return err
			}
		}
		return nil
	})
}

// TestRegistryUpgrade opens a file the release before the registry made
// (schema version 1) and checks that it upgrades, keeping its events, and
// that the registry works on it.
func TestRegistryUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dossier.db")
	old, err := duckdb.OpenAtVersion(path, duckdb.Options{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, old, "a.csv", event("1", time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), 3))
	// (This binary's reads need the new schema: the old file is not read.)
	want := []string{"gtd:1@a.csv#3"}
	if got := schemaVersion(t, old); got != 1 {
		t.Fatalf("old release: schema version %d, want 1", got)
	}
	old.Close()

	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer db.Close()
	if got, want := schemaVersion(t, db), duckdb.KnownSchemaVersion; got != want || want < 2 {
		t.Errorf("after upgrade: schema version %d, want %d (at least 2)", got, want)
	}
	if got := keys(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("after upgrade: events %v, want %v", got, want)
	}
	if changed, err := db.SyncKnowledge(ctx, dossier.OriginStarter, registryKnowledge()); err != nil || !changed {
		t.Fatalf("SyncKnowledge after upgrade: %v, %v", changed, err)
	}
	if err := resolveAll(ctx, db, "iskp"); err != nil {
		t.Fatal(err)
	}
	n, err := db.CountEvents(ctx, dossier.EventFilter{GroupID: "iskp"})
	if err != nil || n != 1 {
		t.Errorf("events of iskp after upgrade and resolution: %d, %v; want 1", n, err)
	}
}

// TestRegistryReadOnly checks that a read-only database reads the
// registry and refuses to change it.
func TestRegistryReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dossier.db")
	db, err := duckdb.Open(path, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, db, "a.csv", event("1", time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), 3))
	if _, err := db.SyncKnowledge(ctx, dossier.OriginStarter, registryKnowledge()); err != nil {
		t.Fatal(err)
	}
	if err := resolveAll(ctx, db, "iskp"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = duckdb.Open(path, duckdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Syncing what the origin holds is no change, and needs no write.
	if changed, err := db.SyncKnowledge(ctx, dossier.OriginStarter, registryKnowledge()); err != nil || changed {
		t.Errorf("SyncKnowledge of the same knowledge, read-only: %v, %v; want unchanged", changed, err)
	}
	other := registryKnowledge()
	other.Groups[0].Name = "Changed"
	_, err = db.SyncKnowledge(ctx, dossier.OriginStarter, other)
	writes := []struct {
		name string
		err  error
	}{
		{"SyncKnowledge", err},
		{"AddAlias", db.AddAlias(ctx, dossier.OriginUser, dossier.Alias{GroupID: "iskp", Name: "ISKP"})},
		{"ReplaceResolutions", db.ReplaceResolutions(ctx, func(func(dossier.Resolution) error) error { return nil })},
	}
	for _, w := range writes {
		if got := dossier.ErrorCode(w.err); got != dossier.EConflict {
			t.Errorf("%s on a read-only database: got code %q (%v), want %q", w.name, got, w.err, dossier.EConflict)
		}
	}
	gs, err := db.Groups(ctx, "khorasan")
	if err != nil || len(gs) != 1 {
		t.Errorf("Groups read-only: %v, %v", gs, err)
	}
	e, err := db.Event(ctx, dossier.SourceGTD, "1")
	if err != nil || e.Actors[0].GroupID != "iskp" {
		t.Errorf("Event read-only: %+v, %v; want its actor resolved to iskp", e, err)
	}
	st, err := db.ResolutionStats(ctx)
	if want := (dossier.ResolutionStats{Events: 1, WithActor: 1, Resolved: 1}); err != nil || st != want {
		t.Errorf("ResolutionStats read-only: %+v, %v; want %+v", st, err, want)
	}
}

// TestResolutionStagingDoesNotLinger checks that ReplaceResolutions drops
// its staging table, whether it succeeds or not.
func TestResolutionStagingDoesNotLinger(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	importFile(t, db, "a.csv", event("1", time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), 3))
	if err := resolveAll(ctx, db, "iskp"); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := db.ReplaceResolutions(ctx, func(func(dossier.Resolution) error) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("failed fill: got %v, want boom", err)
	}
	n, err := db.TempTables(ctx)
	if err != nil || n != 0 {
		t.Errorf("temporary tables left after ReplaceResolutions: %d, %v", n, err)
	}
}

// FuzzGroups checks that any query searches without error, and that every
// group found by a query is found again by its own id.
func FuzzGroups(f *testing.F) {
	for _, s := range []string{"", "ISIS-K", "isis k", "'; DROP TABLE registry_groups; --", "%", "_", "\\", "\x00", "\xff", "Ḥizb", "%iskp%"} {
		f.Add(s)
	}
	db, err := duckdb.Open(filepath.Join(f.TempDir(), "fuzz.db"), duckdb.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	k := registryKnowledge()
	k.Groups = append(k.Groups, dossier.Group{ID: "pct", Name: "100% Front_of \\ Quotes 'n' \"more\""})
	if _, err := db.SyncKnowledge(ctx, dossier.OriginStarter, k); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		gs, err := db.Groups(ctx, q)
		if err != nil {
			t.Fatalf("Groups(%q): %v", q, err)
		}
		for _, g := range gs {
			again, err := db.Groups(ctx, g.ID)
			if err != nil || len(again) == 0 || again[0].ID != g.ID {
				t.Errorf("Groups(%q) found %s, but Groups(%q) gives %v, %v", q, g.ID, g.ID, again, err)
			}
		}
	})
}
