package duckdb_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"dossier"
	"dossier/duckdb"

	_ "github.com/duckdb/duckdb-go/v2" // to read the exported Parquet back
)

func TestExportParquet(t *testing.T) {
	for _, parts := range []int64{0, 1} {
		t.Run(fmt.Sprintf("rows per part %d", parts), func(t *testing.T) {
			db := openTemp(t)
			defer db.Close()
			if parts > 0 {
				db.SetExportRows(parts)
			}
			testExportParquet(t, db)
		})
	}
}

func testExportParquet(t *testing.T, db *duckdb.DB) {
	ctx := context.Background()
	full := event("1", time.Date(2021, 3, 15, 0, 0, 0, 0, time.UTC), 0)
	full.Actors = append(full.Actors, dossier.Actor{Name: "Civilians", Role: dossier.RoleTarget})
	full.Details = map[string]string{"weaptype1_txt": "Explosives", "empty": ""}
	full.TargetCategories = []dossier.TargetCategory{dossier.TargetCivilians, dossier.TargetReligious}
	full.Citations = []string{"a \"quoted\" source"}
	full.Latitude, full.Longitude = dossier.Float(34.5), dossier.Float(-70.25)
	minimal := &dossier.Event{Source: dossier.SourceGTD, SourceID: "2", Date: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC),
		DateEnd: time.Date(2021, 3, 31, 0, 0, 0, 0, time.UTC), DatePrecision: dossier.PrecisionMonth, Raw: "2,,", Line: 9}
	other := event("3", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), 5)
	other.Source = dossier.SourceACLED
	importFile(t, db, "x.csv", full, minimal, other)

	dir := t.TempDir()
	out := filepath.Join(dir, "gtd.parquet")
	if err := os.WriteFile(out, []byte("an older export"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := db.ExportParquet(ctx, dossier.EventFilter{Sources: []dossier.Source{dossier.SourceGTD}}, out); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("export left %d files in its directory, want 1", len(entries))
	}

	pq, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer pq.Close()
	rows, err := pq.QueryContext(ctx, `SELECT source, source_id, date_start, date_end, fatalities, injuries, suicide,
			latitude, target_categories, citations, details, actors, raw, file, line, licence
		FROM read_parquet(?) ORDER BY date_start, source, source_id`, out)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type row struct {
		source, id         string
		start, end         time.Time
		fatalities         *int64
		injuries           *int64
		suicide            *bool
		lat                *float64
		targets, citations any
		details, actors    any
		raw, file          string
		line               int64
		licence            *string
	}
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.source, &r.id, &r.start, &r.end, &r.fatalities, &r.injuries, &r.suicide, &r.lat,
			&r.targets, &r.citations, &r.details, &r.actors, &r.raw, &r.file, &r.line, &r.licence); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("exported %d rows, want 2", len(got))
	}
	// Sorted by date: the month-precision event first.
	m, f := got[0], got[1]
	if m.id != "2" || f.id != "1" {
		t.Fatalf("exported ids %s, %s; want 2, 1", m.id, f.id)
	}
	if m.fatalities != nil || m.suicide != nil || m.lat != nil || m.targets != nil || m.actors != nil || m.licence != nil {
		t.Errorf("unknown values of the minimal event must be NULL: %+v", m)
	}
	if !m.start.Equal(minimal.Date) || !m.end.Equal(minimal.DateEnd) || m.raw != minimal.Raw || m.line != 9 || m.file != "x.csv" {
		t.Errorf("minimal event: got %+v", m)
	}
	if f.fatalities == nil || *f.fatalities != 0 || f.suicide == nil || *f.suicide || f.lat == nil || *f.lat != 34.5 {
		t.Errorf("zero and false must stay zero and false: fatalities %v, suicide %v, latitude %v", f.fatalities, f.suicide, f.lat)
	}
	if f.raw != full.Raw || f.licence == nil || *f.licence != dossier.LicenceGTD {
		t.Errorf("raw %q, licence %v", f.raw, f.licence)
	}
	if want := []any{"civilians", "religious"}; !reflect.DeepEqual(f.targets, want) {
		t.Errorf("target_categories: got %#v, want %#v", f.targets, want)
	}
	if want := []any{"a \"quoted\" source"}; !reflect.DeepEqual(f.citations, want) {
		t.Errorf("citations: got %#v, want %#v", f.citations, want)
	}
	wantActors := []any{
		map[string]any{"name": "Khorasan Chapter of the Islamic State", "role": "perpetrator", "uncertain": true,
			"group_id": nil, "confidence": nil, "rule": nil},
		map[string]any{"name": "Civilians", "role": "target", "uncertain": false,
			"group_id": nil, "confidence": nil, "rule": nil},
	}
	if !reflect.DeepEqual(f.actors, wantActors) {
		t.Errorf("actors:\ngot  %#v\nwant %#v", f.actors, wantActors)
	}
	var details map[string]string
	if err := pq.QueryRowContext(ctx, `SELECT to_json(details)::VARCHAR FROM read_parquet(?) WHERE source_id = '1'`, out).Scan(jsonText{&details}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(details, full.Details) {
		t.Errorf("details: got %v, want %v", details, full.Details)
	}

	// Limit and offset apply.
	if err := db.ExportParquet(ctx, dossier.EventFilter{Limit: 1, Offset: 1}, out); err != nil {
		t.Fatal(err)
	}
	var n int
	var id string
	if err := pq.QueryRowContext(ctx, `SELECT count(*), any_value(source_id) FROM read_parquet(?)`, out).Scan(&n, &id); err != nil || n != 1 || id != "2" {
		t.Errorf("export with limit 1 offset 1: got %d rows (%s), %v; want 1 row, event 2", n, id, err)
	}

	// A directory that does not exist.
	err = db.ExportParquet(ctx, dossier.EventFilter{}, filepath.Join(dir, "no", "such", "dir.parquet"))
	if got := dossier.ErrorCode(err); got != dossier.EInvalid {
		t.Errorf("export into a missing directory: got code %q (%v), want %q", got, err, dossier.EInvalid)
	}
}

// jsonText scans a JSON text column into v.
type jsonText struct{ v any }

func (j jsonText) Scan(src any) error {
	s, ok := src.(string)
	if !ok {
		return fmt.Errorf("got %T, want JSON text", src)
	}
	return json.Unmarshal([]byte(s), j.v)
}
