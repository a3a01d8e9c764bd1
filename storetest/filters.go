package storetest

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"dossier"
)

// filterEvents is a small world for the filters: three providers, four
// countries, dates known to the day, week, month and year, one undated
// event, and actor names that differ in case, that hold SQL wildcards, and
// that appear as targets where they must not match a perpetrator filter.
func filterEvents() []*dossier.Event {
	perp := func(name, group string) dossier.Actor {
		return dossier.Actor{Name: name, Role: dossier.RolePerpetrator, GroupID: group}
	}
	assoc := func(name, group string) dossier.Actor {
		return dossier.Actor{Name: name, Role: dossier.RoleAssociated, GroupID: group}
	}
	target := func(name, group string) dossier.Actor {
		return dossier.Actor{Name: name, Role: dossier.RoleTarget, GroupID: group}
	}
	ev := func(src dossier.Source, id, country string, from, to time.Time, actors ...dossier.Actor) *dossier.Event {
		return &dossier.Event{Source: src, SourceID: id, Country: country, Date: from, DateEnd: to,
			Actors: actors, Raw: string(src) + "," + id, Line: len(id)}
	}
	d := day
	return []*dossier.Event{
		ev(dossier.SourceGTD, "G1", "AFG", d(2021, 1, 10), d(2021, 1, 10),
			perp("Khorasan Chapter of the Islamic State", "iskp"), target("Taliban", "taliban")),
		ev(dossier.SourceGTD, "G2", "AFG", d(2021, 3, 1), d(2021, 3, 31), perp("Taliban", "taliban")),
		ev(dossier.SourceGTD, "G3", "PAK", d(2021, 3, 15), d(2021, 3, 15), perp("Tehrik-i-Taliban Pakistan (TTP)", "ttp")),
		ev(dossier.SourceGTD, "G4", "PAK", d(2020, 12, 31), d(2020, 12, 31), perp("Lashkar-e-Jhangvi", "lej")),
		ev(dossier.SourceGTD, "G5", "AFG", time.Time{}, time.Time{}, perp("Khorasan Chapter of the Islamic State", "iskp")),
		ev(dossier.SourceACLED, "MLI9", "MLI", d(2021, 3, 15), d(2021, 3, 15),
			dossier.Actor{Name: "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)", Role: dossier.RolePerpetrator, Uncertain: true},
			assoc("Islamic State (Sahel)", "issahel")),
		ev(dossier.SourceACLED, "MLI10", "MLI", d(2021, 3, 15), d(2021, 3, 15), perp("Military Forces of Mali (2021-)", "")),
		ev(dossier.SourceACLED, "MLI11", "MLI", d(2021, 4, 2), d(2021, 4, 2),
			perp("Military Forces of Mali (2021-)", ""), target("Islamic State (Sahel)", "issahel")),
		ev(dossier.SourceACLED, "BEN1", "BEN", d(2022, 12, 28), d(2022, 12, 28),
			perp("Unidentified Armed Group (Benin)", ""), assoc("100% Militia_X", "")),
		ev(dossier.SourceACLED, "BEN2", "BEN", d(2021, 3, 31), d(2021, 3, 31), perp("État Islamique au Grand Sahara", "isgs")),
		ev(dossier.SourceUCDP, "U1", "PAK", d(2015, 1, 1), d(2015, 12, 31), perp("IS", "iskp"), target("Government of Pakistan", "")),
		ev(dossier.SourceUCDP, "U2", "AFG", d(2021, 3, 14), d(2021, 3, 20), perp("IS", "iskp"), perp("Taleban", "taliban")),
		ev(dossier.SourceUCDP, "U3", "AFG", d(2021, 3, 15), d(2021, 3, 15), perp("IS", "")),
		ev(dossier.SourceGDELT, "X1", "", d(2021, 3, 15), d(2021, 3, 15)),
	}
}

// matches is the reference meaning of an EventFilter, limit and offset
// aside.
func matches(f dossier.EventFilter, e *dossier.Event) bool {
	if len(f.Sources) > 0 && !contains(f.Sources, e.Source) {
		return false
	}
	if len(f.Countries) > 0 && !contains(f.Countries, e.Country) {
		return false
	}
	end := e.DateEnd
	if end.IsZero() {
		end = e.Date
	}
	if !f.From.IsZero() && (e.Date.IsZero() || end.Before(f.From)) {
		return false
	}
	if !f.To.IsZero() && (e.Date.IsZero() || e.Date.After(f.To)) {
		return false
	}
	// Each condition may be met by a different perpetrator or associated
	// actor of the event.
	if f.Perpetrator != "" {
		found := false
		for _, a := range e.Perpetrators() {
			found = found || strings.Contains(strings.ToLower(a.Name), strings.ToLower(f.Perpetrator))
		}
		if !found {
			return false
		}
	}
	if f.GroupID != "" {
		found := false
		for _, a := range e.Perpetrators() {
			found = found || a.GroupID == f.GroupID
		}
		if !found {
			return false
		}
	}
	return true
}

func contains[T comparable](l []T, v T) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

// reference returns the keys of the events matching f, in store order,
// with f's limit and offset applied.
func reference(events []*dossier.Event, f dossier.EventFilter) []string {
	var sel []*dossier.Event
	for _, e := range events {
		if matches(f, e) {
			sel = append(sel, e)
		}
	}
	sort.SliceStable(sel, func(i, j int) bool { return less(sel[i], sel[j]) })
	keys := keysOf(sel)
	if f.Offset > 0 {
		keys = keys[min(f.Offset, len(keys)):]
	}
	if f.Limit > 0 {
		keys = keys[:min(f.Limit, len(keys))]
	}
	return keys
}

func testFilters(t *testing.T, s dossier.EventStore) {
	ctx := context.Background()
	events := filterEvents()
	mustImport(t, s, file("filters.csv", day(2024, 5, 1)), events...)

	d := day
	// Hand-written expectations, in store order: by date, then source and
	// source id (bytewise: "MLI10" before "MLI9"), undated last.
	tests := []struct {
		name string
		f    dossier.EventFilter
		want []string
	}{
		{"all", dossier.EventFilter{},
			[]string{"ucdp:U1", "gtd:G4", "gtd:G1", "gtd:G2", "ucdp:U2", "acled:MLI10", "acled:MLI9", "gdelt:X1", "gtd:G3", "ucdp:U3", "acled:BEN2", "acled:MLI11", "acled:BEN1", "gtd:G5"}},
		{"one source", dossier.EventFilter{Sources: []dossier.Source{dossier.SourceUCDP}},
			[]string{"ucdp:U1", "ucdp:U2", "ucdp:U3"}},
		{"two sources", dossier.EventFilter{Sources: []dossier.Source{dossier.SourceUCDP, dossier.SourceGDELT}},
			[]string{"ucdp:U1", "ucdp:U2", "gdelt:X1", "ucdp:U3"}},
		{"unknown source", dossier.EventFilter{Sources: []dossier.Source{dossier.SourceCurated}}, []string{}},
		{"one country", dossier.EventFilter{Countries: []string{"PAK"}},
			[]string{"ucdp:U1", "gtd:G4", "gtd:G3"}},
		{"two countries", dossier.EventFilter{Countries: []string{"BEN", "PAK"}},
			[]string{"ucdp:U1", "gtd:G4", "gtd:G3", "acled:BEN2", "acled:BEN1"}},
		{"one day overlaps week and month", dossier.EventFilter{From: d(2021, 3, 15), To: d(2021, 3, 15)},
			[]string{"gtd:G2", "ucdp:U2", "acled:MLI10", "acled:MLI9", "gdelt:X1", "gtd:G3", "ucdp:U3"}},
		{"from only", dossier.EventFilter{From: d(2021, 3, 21)},
			[]string{"gtd:G2", "acled:BEN2", "acled:MLI11", "acled:BEN1"}},
		{"to only", dossier.EventFilter{To: d(2021, 1, 10)},
			[]string{"ucdp:U1", "gtd:G4", "gtd:G1"}},
		{"inside a year", dossier.EventFilter{From: d(2015, 6, 1), To: d(2015, 6, 30)}, []string{"ucdp:U1"}},
		{"range ends the day before", dossier.EventFilter{From: d(2021, 1, 11), To: d(2021, 2, 28)}, []string{}},
		{"perpetrator any case", dossier.EventFilter{Perpetrator: "islamic STATE"},
			[]string{"gtd:G1", "acled:MLI9", "gtd:G5"}},
		{"perpetrator not target", dossier.EventFilter{Perpetrator: "taliban"},
			[]string{"gtd:G2", "gtd:G3"}},
		{"perpetrator associated", dossier.EventFilter{Perpetrator: "Militia"}, []string{"acled:BEN1"}},
		{"perpetrator wildcard is literal", dossier.EventFilter{Perpetrator: "%"}, []string{"acled:BEN1"}},
		{"perpetrator underscore is literal", dossier.EventFilter{Perpetrator: "a_X"}, []string{"acled:BEN1"}},
		{"perpetrator underscore matches itself only", dossier.EventFilter{Perpetrator: "r_e"}, []string{}},
		{"perpetrator non-ASCII case", dossier.EventFilter{Perpetrator: "ÉTAT islamique"}, []string{"acled:BEN2"}},
		{"perpetrator short", dossier.EventFilter{Perpetrator: "IS"},
			[]string{"ucdp:U1", "gtd:G1", "ucdp:U2", "acled:MLI9", "gtd:G3", "ucdp:U3", "acled:BEN2", "gtd:G5"}},
		{"group", dossier.EventFilter{GroupID: "iskp"},
			[]string{"ucdp:U1", "gtd:G1", "ucdp:U2", "gtd:G5"}},
		{"group of associated not target", dossier.EventFilter{GroupID: "issahel"}, []string{"acled:MLI9"}},
		{"group of target only", dossier.EventFilter{GroupID: "taliban", Countries: []string{"AFG"}},
			[]string{"gtd:G2", "ucdp:U2"}},
		{"group unknown", dossier.EventFilter{GroupID: "nobody"}, []string{}},
		{"all filters", dossier.EventFilter{Sources: []dossier.Source{dossier.SourceUCDP, dossier.SourceGTD},
			Countries: []string{"AFG"}, From: d(2021, 3, 1), To: d(2021, 3, 31), Perpetrator: "is", GroupID: "iskp"},
			[]string{"ucdp:U2"}},
		{"country and date", dossier.EventFilter{Countries: []string{"MLI"}, From: d(2021, 3, 15), To: d(2021, 4, 30)},
			[]string{"acled:MLI10", "acled:MLI9", "acled:MLI11"}},
	}
	for _, tt := range tests {
		if ref := reference(events, tt.f); !reflect.DeepEqual(ref, tt.want) {
			t.Fatalf("%s: the suite's own expectation is inconsistent: reference %v, want %v", tt.name, ref, tt.want)
		}
		got := keysOf(all(t, s, tt.f))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Events(%+v):\ngot  %v\nwant %v", tt.name, tt.f, got, tt.want)
		}
		n, err := s.CountEvents(ctx, tt.f)
		if err != nil || n != len(tt.want) {
			t.Errorf("%s: CountEvents: got %d, %v; want %d", tt.name, n, err, len(tt.want))
		}
	}

	// Every combination of a few values of each filter.
	sources := [][]dossier.Source{nil, {dossier.SourceGTD}, {dossier.SourceACLED, dossier.SourceUCDP}}
	countries := [][]string{nil, {"AFG"}, {"PAK", "MLI"}}
	ranges := [][2]time.Time{{}, {d(2021, 3, 15), {}}, {{}, d(2021, 3, 15)}, {d(2021, 3, 16), d(2021, 3, 31)}, {d(2015, 1, 1), d(2021, 1, 10)}}
	perps := []string{"", "islamic state", "TALIBAN", "IS"}
	groups := []string{"", "iskp", "taliban"}
	combos := 0
	for _, src := range sources {
		for _, c := range countries {
			for _, r := range ranges {
				for _, p := range perps {
					for _, g := range groups {
						f := dossier.EventFilter{Sources: src, Countries: c, From: r[0], To: r[1], Perpetrator: p, GroupID: g}
						want := reference(events, f)
						got := keysOf(all(t, s, f))
						if !reflect.DeepEqual(got, want) {
							t.Errorf("Events(%s):\ngot  %v\nwant %v", describe(f), got, want)
						}
						n, err := s.CountEvents(ctx, f)
						if err != nil || n != len(want) {
							t.Errorf("CountEvents(%s): got %d, %v; want %d", describe(f), n, err, len(want))
						}
						combos++
					}
				}
			}
		}
	}
	if combos != 540 {
		t.Fatalf("ran %d combinations", combos)
	}
}

func describe(f dossier.EventFilter) string {
	var parts []string
	if len(f.Sources) > 0 {
		parts = append(parts, fmt.Sprintf("sources %v", f.Sources))
	}
	if len(f.Countries) > 0 {
		parts = append(parts, fmt.Sprintf("countries %v", f.Countries))
	}
	if !f.From.IsZero() {
		parts = append(parts, "from "+f.From.Format(time.DateOnly))
	}
	if !f.To.IsZero() {
		parts = append(parts, "to "+f.To.Format(time.DateOnly))
	}
	if f.Perpetrator != "" {
		parts = append(parts, fmt.Sprintf("perpetrator %q", f.Perpetrator))
	}
	if f.GroupID != "" {
		parts = append(parts, "group "+f.GroupID)
	}
	if f.Limit != 0 || f.Offset != 0 {
		parts = append(parts, fmt.Sprintf("limit %d offset %d", f.Limit, f.Offset))
	}
	return strings.Join(parts, ", ")
}

func testPaging(t *testing.T, s dossier.EventStore) {
	ctx := context.Background()
	events := filterEvents()
	mustImport(t, s, file("filters.csv", day(2024, 5, 1)), events...)

	for _, base := range []dossier.EventFilter{
		{},
		{Sources: []dossier.Source{dossier.SourceACLED}},
		{Perpetrator: "is", From: day(2021, 1, 1)},
	} {
		full := reference(events, base)
		// Pages of every size put back together give the whole selection.
		for size := 1; size <= len(full)+1; size++ {
			var got []string
			for off := 0; off < len(full)+size; off += size {
				f := base
				f.Limit, f.Offset = size, off
				page := keysOf(all(t, s, f))
				if want := reference(events, f); !reflect.DeepEqual(page, want) {
					t.Errorf("Events(%s): got %v, want %v", describe(f), page, want)
				}
				got = append(got, page...)
				n, err := s.CountEvents(ctx, f)
				if err != nil || n != len(full) {
					t.Errorf("CountEvents(%s) must ignore limit and offset: got %d, %v; want %d", describe(f), n, err, len(full))
				}
			}
			if !reflect.DeepEqual(got, full) {
				t.Errorf("pages of %d of %s: got %v, want %v", size, describe(base), got, full)
			}
		}
		// Offset alone, and past the end.
		for _, off := range []int{1, len(full) - 1, len(full), len(full) + 5} {
			f := base
			f.Offset = off
			if got, want := keysOf(all(t, s, f)), reference(events, f); !reflect.DeepEqual(got, want) {
				t.Errorf("Events(%s): got %v, want %v", describe(f), got, want)
			}
		}
	}
}

func testInvalidFilter(t *testing.T, s dossier.EventStore) {
	ctx := context.Background()
	mustImport(t, s, file("filters.csv", day(2024, 5, 1)), filterEvents()...)
	for _, f := range []dossier.EventFilter{
		{Limit: -1},
		{Offset: -3},
	} {
		err := s.Events(ctx, f, func(*dossier.Event) error { return nil })
		if got := dossier.ErrorCode(err); got != dossier.EInvalid {
			t.Errorf("Events(limit %d, offset %d): got code %q (%v), want %q", f.Limit, f.Offset, got, err, dossier.EInvalid)
		}
	}
}
