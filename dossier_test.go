package dossier_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"dossier"
)

func TestRowErrorSaysWhereAndWhat(t *testing.T) {
	e := &dossier.RowError{File: "gtd.csv", Line: 42, Column: "nkill", Value: "seven", Reason: "not a whole number", Hint: "write digits"}
	got := e.Error()
	for _, want := range []string{"gtd.csv:42", "column nkill", `"seven"`, "not a whole number", "hint: write digits"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
}

func TestErrorCode(t *testing.T) {
	nf := dossier.Errorf(dossier.ENotFound, "no group %q", "x")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{nf, dossier.ENotFound},
		{fmt.Errorf("wrapped: %w", nf), dossier.ENotFound},
		{errors.New("driver said no"), dossier.EInternal},
	} {
		if got := dossier.ErrorCode(tc.err); got != tc.want {
			t.Errorf("ErrorCode(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
	if got := dossier.ErrorMessage(errors.New("secret driver detail")); got != "internal error" {
		t.Errorf("internal error message leaks: %q", got)
	}
}

func TestFingerprint(t *testing.T) {
	d := time.Date(2021, 8, 26, 0, 0, 0, 0, time.UTC)
	base := func() *dossier.Event {
		return &dossier.Event{Source: dossier.SourceGTD, SourceID: "1", Date: d, DateEnd: d, DatePrecision: dossier.PrecisionDay,
			Fatalities: dossier.Int(3), Actors: []dossier.Actor{{Name: "A", Role: dossier.RolePerpetrator}},
			Details: map[string]string{"b": "2", "a": "1"}, Raw: "1,2,3"}
	}
	a, b := base(), base()
	b.File, b.Line = "other.csv", 99
	b.Actors[0].GroupID, b.Actors[0].Confidence = "g", 1
	if a.Fingerprint() != b.Fingerprint() {
		t.Error("file, line and resolution changed the fingerprint")
	}
	for name, change := range map[string]func(*dossier.Event){
		"fatalities": func(e *dossier.Event) { e.Fatalities = dossier.Int(4) },
		"unknown":    func(e *dossier.Event) { e.Fatalities = nil },
		"raw":        func(e *dossier.Event) { e.Raw = "1,2,4" },
		"actor":      func(e *dossier.Event) { e.Actors[0].Uncertain = true },
		"detail":     func(e *dossier.Event) { e.Details["a"] = "x" },
		"precision":  func(e *dossier.Event) { e.DatePrecision = dossier.PrecisionMonth },
	} {
		c := base()
		change(c)
		if c.Fingerprint() == a.Fingerprint() {
			t.Errorf("changing %s kept the fingerprint", name)
		}
	}
}

func BenchmarkFingerprint(b *testing.B) {
	d := time.Date(2021, 8, 26, 0, 0, 0, 0, time.UTC)
	e := &dossier.Event{Source: dossier.SourceGTD, SourceID: "202108260001", Date: d, DateEnd: d, DatePrecision: dossier.PrecisionDay,
		Country: "AFG", Place: "Kabul", Latitude: dossier.Float(34.5), Longitude: dossier.Float(69.1), Fatalities: dossier.Int(3),
		Actors:  []dossier.Actor{{Name: "Khorasan Chapter of the Islamic State", Role: dossier.RolePerpetrator}, {Name: "Civilians", Role: dossier.RoleTarget}},
		Summary: strings.Repeat("a long summary ", 20), Details: map[string]string{"a": "1", "b": "2", "c": "3", "d": "4"}, Raw: strings.Repeat("x,", 400)}
	for b.Loop() {
		e.Fingerprint()
	}
}
