package dossier

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of an analyst note, in characters.
const (
	MaxNoteAuthor = 100
	MaxNoteEmail  = 254
	MaxNoteText   = 4000
)

// Note is an analyst's note on a group. The author's email address is kept
// so that the note's author can be reached, and is never shown: it is left
// out of the note's JSON.
type Note struct {
	ID        int64     `json:"id"`
	GroupID   string    `json:"group_id"`
	Author    string    `json:"author"`
	Email     string    `json:"-"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}

// Problems returns what is wrong with n, by field ("group_id", "author",
// "email", "text"), each with a message meant for the person who wrote it;
// it is empty when the note can be kept. Fields are read as they are: trim
// them before.
func (n *Note) Problems() map[string]string {
	p := map[string]string{}
	if n.GroupID == "" {
		p["group_id"] = "A note belongs to a group."
	}
	switch {
	case n.Author == "":
		p["author"] = "Please give your name."
	case !utf8.ValidString(n.Author) || strings.ContainsAny(n.Author, "\r\n\x00"):
		p["author"] = "Your name must be one line of text."
	case utf8.RuneCountInString(n.Author) > MaxNoteAuthor:
		p["author"] = "Your name is too long (at most 100 characters)."
	}
	switch {
	case n.Email == "":
		p["email"] = "Please give your email address. It is never shown."
	case utf8.RuneCountInString(n.Email) > MaxNoteEmail || !validEmail(n.Email):
		p["email"] = "This is not an email address: write it as name@example.org."
	}
	switch {
	case strings.TrimSpace(n.Text) == "":
		p["text"] = "Please write the note."
	case !utf8.ValidString(n.Text) || strings.ContainsRune(n.Text, 0):
		p["text"] = "The note must be text."
	case utf8.RuneCountInString(n.Text) > MaxNoteText:
		p["text"] = "The note is too long (at most 4000 characters)."
	}
	return p
}

// validEmail accepts a bare address (no display name) with a dot in its
// domain.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.HasSuffix(s, ".")
}

// NoteStore keeps analyst notes. Implementations: duckdb (and postgres).
type NoteStore interface {
	// AddNote keeps n and sets its ID and, when zero, its CreatedAt. An
	// *Error with EInvalid when n has Problems, EConflict when the store
	// is read-only.
	AddNote(ctx context.Context, n *Note) error
	// Notes returns the notes on a group, newest first, at most limit (0:
	// all); a negative limit is an EInvalid *Error. A group with no notes
	// has none: that is not an error.
	Notes(ctx context.Context, groupID string, limit int) ([]Note, error)
}
