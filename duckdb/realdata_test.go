package duckdb_test

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier"
)

// dataFile returns the path of a file of the shared real data, or skips
// the test when the data is absent.
func dataFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "data", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data %s not available (%v): run from the dossier workspace, where ../shared/data holds it", p, err)
	}
	return p
}

// rawEvents reads a provider CSV with encoding/csv and turns each record
// into an event that carries the record verbatim enough to check the
// store: the record re-encoded as Raw, every non-empty column in Details,
// one column as Summary and one as the perpetrator. UCDP's HXL hashtag row
// is skipped.
func rawEvents(t *testing.T, path string, source dossier.Source, idCol, summaryCol, actorCol string) ([]*dossier.Event, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, c := range []string{idCol, summaryCol, actorCol} {
		if _, ok := col[c]; !ok {
			t.Fatalf("%s: no column %q in %v", path, c, header)
		}
	}
	var events []*dossier.Event
	for {
		line, _ := r.FieldPos(0)
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if hxl(rec) {
			continue
		}
		var raw strings.Builder
		w := csv.NewWriter(&raw)
		w.Write(rec)
		w.Flush()
		e := &dossier.Event{Source: source, SourceID: rec[col[idCol]], Summary: rec[col[summaryCol]],
			Raw: raw.String(), Line: line, Details: map[string]string{}}
		for i, v := range rec {
			if v != "" && i < len(header) {
				e.Details[header[i]] = v
			}
		}
		if a := rec[col[actorCol]]; a != "" {
			e.Actors = []dossier.Actor{{Name: a, Role: dossier.RolePerpetrator}}
		}
		events = append(events, e)
	}
	return events, header
}

func TestRealData(t *testing.T) {
	tests := []struct {
		file                           string
		source                         dossier.Source
		idCol, summaryCol, actorCol    string
		wantRows                       int
		wantPerpetrator                string
		wantPerpetratorMinimumMatching int
	}{
		{"gtd/globalterrorismdb_2021Jan-June_1222dist.csv", dossier.SourceGTD, "eventid", "summary", "gname", 4960,
			"Khorasan Chapter of the Islamic State", 1},
		{"ucdp/ged_pakistan_hdx.csv", dossier.SourceUCDP, "id", "source_article", "side_a", 6416, "IS", 1},
		{"acled/acled_benin_current.csv", dossier.SourceACLED, "event_id_cnty", "notes", "actor1", 811, "", 0},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			ctx := context.Background()
			events, header := rawEvents(t, dataFile(t, tt.file), tt.source, tt.idCol, tt.summaryCol, tt.actorCol)
			if len(events) != tt.wantRows {
				t.Fatalf("read %d rows, want %d (MANIFEST.md)", len(events), tt.wantRows)
			}
			byKey := map[string]*dossier.Event{}
			for _, e := range events {
				byKey[e.Key()] = e // the last row of a key wins
			}
			db := openTemp(t)
			defer db.Close()
			f := dossier.ImportFile{Name: filepath.Base(tt.file), Path: tt.file, Format: string(tt.source),
				Source: tt.source, Header: header}
			sum, err := db.Import(ctx, f, func(w dossier.EventWriter) error {
				for _, e := range events {
					if err := w.Write(e); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Added != len(byKey) || sum.Duplicates != len(events)-len(byKey) {
				t.Errorf("summary %+v: want %d added, %d duplicates", sum, len(byKey), len(events)-len(byKey))
			}
			seen := 0
			err = db.Events(ctx, dossier.EventFilter{}, func(got *dossier.Event) error {
				seen++
				want := byKey[got.Key()]
				if want == nil {
					t.Errorf("unexpected event %s", got.Key())
					return nil
				}
				if got.Raw != want.Raw || got.Summary != want.Summary || got.Line != want.Line ||
					!reflect.DeepEqual(got.Details, want.Details) || !reflect.DeepEqual(got.Actors, want.Actors) {
					t.Errorf("event %s (line %d) did not come back as written", want.Key(), want.Line)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if seen != len(byKey) {
				t.Errorf("read %d events, want %d", seen, len(byKey))
			}
			src, err := db.Sources(ctx)
			if err != nil || len(src) != 1 || !reflect.DeepEqual(src[0].Header, header) {
				t.Errorf("Sources: got %v, %v; want the file with its header", src, err)
			}
			if tt.wantPerpetrator != "" {
				want := 0
				for _, e := range byKey {
					if len(e.Actors) > 0 && strings.Contains(strings.ToLower(e.Actors[0].Name), strings.ToLower(tt.wantPerpetrator)) {
						want++
					}
				}
				n, err := db.CountEvents(ctx, dossier.EventFilter{Perpetrator: tt.wantPerpetrator})
				if err != nil || n != want || n < tt.wantPerpetratorMinimumMatching {
					t.Errorf("CountEvents(perpetrator %q): got %d, %v; want %d", tt.wantPerpetrator, n, err, want)
				}
			}
		})
	}
}

// hxl reports whether rec is an HXL hashtag row: every non-empty field a
// hashtag.
func hxl(rec []string) bool {
	tags := 0
	for _, v := range rec {
		switch {
		case strings.HasPrefix(v, "#"):
			tags++
		case v != "":
			return false
		}
	}
	return tags > 0
}
