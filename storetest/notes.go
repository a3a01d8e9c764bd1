package storetest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"dossier"
)

// NoteStore is a store that keeps events and analyst notes.
type NoteStore interface {
	dossier.EventStore
	dossier.NoteStore
}

// RunNotes runs the conformance suite of dossier.NoteStore. open must return
// a new, empty store for each call; RunNotes closes it at the end of the
// subtest that opened it.
//
// The suite fixes what the interface's comments leave open:
//   - AddNote sets a positive ID, distinct for every note, and CreatedAt
//     (UTC) when it was zero; a given CreatedAt comes back to the
//     microsecond, in UTC;
//   - Notes lists a group's notes only, newest first, ties the later added
//     first, and honours a limit; every field, the email included, comes
//     back as written (text verbatim, markup and all);
//   - a note with Problems is an EInvalid error and nothing is kept.
func RunNotes(t *testing.T, open func(t *testing.T) NoteStore) {
	tests := []subtest[NoteStore]{
		{"RoundTrip", testNotesRoundTrip},
		{"Order", testNotesOrder},
		{"Invalid", testNotesInvalid},
		{"None", testNotesNone},
	}
	runSubtests(t, open, tests)
}

func note(group, author, text string, at time.Time) *dossier.Note {
	return &dossier.Note{GroupID: group, Author: author, Email: strings.ToLower(author) + "@example.org", Text: text, CreatedAt: at}
}

func testNotesRoundTrip(t *testing.T, s NoteStore) {
	at := time.Date(2024, 3, 1, 12, 30, 15, 123456789, time.FixedZone("AFT", 4*3600+1800))
	hostile := "<script>alert(1)</script> & \"quotes\"\nsecond line — ünïcode"
	n := note("iskp", "Amina", hostile, at)
	if err := s.AddNote(ctx, n); err != nil {
		t.Fatalf("AddNote: %v", err)
	}
	if n.ID <= 0 {
		t.Errorf("ID %d, want positive", n.ID)
	}
	want := at.UTC().Truncate(time.Microsecond)
	if !n.CreatedAt.Equal(want) || n.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt %v, want %v in UTC", n.CreatedAt, want)
	}
	now := time.Now().UTC()
	m := note("iskp", "Bilal", "Second note.", time.Time{})
	if err := s.AddNote(ctx, m); err != nil {
		t.Fatalf("AddNote: %v", err)
	}
	if m.ID == n.ID || m.ID <= 0 {
		t.Errorf("second ID %d, first %d: want distinct positive ids", m.ID, n.ID)
	}
	if d := m.CreatedAt.Sub(now); m.CreatedAt.Location() != time.UTC || d < -time.Second || d > time.Minute {
		t.Errorf("CreatedAt of a note without one: %v, want about %v in UTC", m.CreatedAt, now)
	}
	got, err := s.Notes(ctx, "iskp", 0)
	if err != nil {
		t.Fatalf("Notes: %v", err)
	}
	if len(got) != 2 {
		t.Fatalf("Notes: %d notes, want 2", len(got))
	}
	gotN := got[1]
	if gotN.ID != n.ID || gotN.GroupID != "iskp" || gotN.Author != "Amina" || gotN.Email != "amina@example.org" ||
		gotN.Text != hostile || !gotN.CreatedAt.Equal(want) || gotN.CreatedAt.Location() != time.UTC {
		t.Errorf("Notes[1] = %+v, want %+v", gotN, *n)
	}
	b, err := json.Marshal(gotN)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "example.org") {
		t.Errorf("a note's JSON shows the email address: %s", b)
	}
}

func testNotesOrder(t *testing.T, s NoteStore) {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(group, author string, at time.Time) int64 {
		t.Helper()
		n := note(group, author, "note by "+author, at)
		if err := s.AddNote(ctx, n); err != nil {
			t.Fatalf("AddNote: %v", err)
		}
		return n.ID
	}
	add("iskp", "Old", base)
	add("ttp", "Other", base.Add(time.Hour))
	add("iskp", "Newest", base.Add(2*time.Hour))
	add("iskp", "TieFirst", base.Add(time.Hour))
	add("iskp", "TieSecond", base.Add(time.Hour))
	authors := func(limit int) []string {
		t.Helper()
		ns, err := s.Notes(ctx, "iskp", limit)
		if err != nil {
			t.Fatalf("Notes(%d): %v", limit, err)
		}
		var out []string
		for _, n := range ns {
			if n.GroupID != "iskp" {
				t.Errorf("Notes(iskp) gave a note on %s", n.GroupID)
			}
			out = append(out, n.Author)
		}
		return out
	}
	if got, want := strings.Join(authors(0), ","), "Newest,TieSecond,TieFirst,Old"; got != want {
		t.Errorf("Notes order: %s, want %s", got, want)
	}
	if got, want := strings.Join(authors(2), ","), "Newest,TieSecond"; got != want {
		t.Errorf("Notes limit 2: %s, want %s", got, want)
	}
	if _, err := s.Notes(ctx, "iskp", -1); dossier.ErrorCode(err) != dossier.EInvalid {
		t.Errorf("Notes limit -1: %v, want an %s error", err, dossier.EInvalid)
	}
}

func testNotesInvalid(t *testing.T, s NoteStore) {
	long := strings.Repeat("x", dossier.MaxNoteText+1)
	for _, tt := range []struct {
		name  string
		n     dossier.Note
		field string
	}{
		{"no email", dossier.Note{GroupID: "iskp", Author: "A", Text: "t"}, "email"},
		{"bad email", dossier.Note{GroupID: "iskp", Author: "A", Email: "not-an-address", Text: "t"}, "email"},
		{"display name", dossier.Note{GroupID: "iskp", Author: "A", Email: "A <a@example.org>", Text: "t"}, "email"},
		{"no author", dossier.Note{GroupID: "iskp", Email: "a@example.org", Text: "t"}, "author"},
		{"blank text", dossier.Note{GroupID: "iskp", Author: "A", Email: "a@example.org", Text: " \n "}, "text"},
		{"long text", dossier.Note{GroupID: "iskp", Author: "A", Email: "a@example.org", Text: long}, "text"},
		{"no group", dossier.Note{Author: "A", Email: "a@example.org", Text: "t"}, "group_id"},
	} {
		if _, ok := tt.n.Problems()[tt.field]; !ok {
			t.Errorf("%s: Problems() = %v, want one for %s", tt.name, tt.n.Problems(), tt.field)
		}
		n := tt.n
		if err := s.AddNote(ctx, &n); dossier.ErrorCode(err) != dossier.EInvalid {
			t.Errorf("%s: AddNote = %v, want an %s error", tt.name, err, dossier.EInvalid)
		}
	}
	ns, err := s.Notes(ctx, "iskp", 0)
	if err != nil || len(ns) != 0 {
		t.Errorf("after invalid notes: Notes = %d notes, %v; want none kept", len(ns), err)
	}
	ok := dossier.Note{GroupID: "iskp", Author: "A", Email: "a.b@example.org", Text: strings.Repeat("x", dossier.MaxNoteText)}
	if p := ok.Problems(); len(p) != 0 {
		t.Errorf("a valid note has problems: %v", p)
	}
}

func testNotesNone(t *testing.T, s NoteStore) {
	ns, err := s.Notes(ctx, "nobody", 0)
	if err != nil || len(ns) != 0 {
		t.Errorf("Notes of a group without notes = %v, %v; want none, no error", ns, err)
	}
}
