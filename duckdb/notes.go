package duckdb

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"dossier"
)

var _ dossier.NoteStore = (*DB)(nil)

// AddNote keeps an analyst's note on a group and sets its ID, and its
// CreatedAt (UTC, to the microsecond) when zero. The group need not exist
// (the caller checks).
//
// Errors: EInvalid when the note has Problems (the message lists them),
// EConflict for a read-only database.
func (db *DB) AddNote(ctx context.Context, n *dossier.Note) error {
	op := fmt.Sprintf("add a note on %s", n.GroupID)
	if p := n.Problems(); len(p) > 0 {
		fields := make([]string, 0, len(p))
		for f := range p {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		var msgs []string
		for _, f := range fields {
			msgs = append(msgs, f+": "+p[f])
		}
		return &dossier.Error{Code: dossier.EInvalid, Message: op + ": " + strings.Join(msgs, " "),
			Hint: "give a name, an email address and the text of the note"}
	}
	if db.readOnly {
		return db.readOnlyError(op)
	}
	at := n.CreatedAt.UTC().Truncate(time.Microsecond)
	if n.CreatedAt.IsZero() {
		at = time.Now().UTC().Truncate(time.Microsecond)
	}
	var id int64
	err := db.sql.QueryRowContext(ctx, `INSERT INTO notes (group_id, author, email, text, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, n.GroupID, n.Author, n.Email, n.Text, at).Scan(&id)
	if err != nil {
		return fmt.Errorf("%s in %s: %w", op, db.path, err)
	}
	n.ID, n.CreatedAt = id, at
	return nil
}

// Notes returns the notes on a group, newest first (ties: the later added
// first), at most limit of them (0: all). A negative limit is an EInvalid
// *dossier.Error.
func (db *DB) Notes(ctx context.Context, groupID string, limit int) ([]dossier.Note, error) {
	if limit < 0 {
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("notes on %s: negative limit %d", groupID, limit),
			Hint: "pass 0 for all notes or a positive limit"}
	}
	q := `SELECT id, group_id, author, email, text, created_at FROM notes
		WHERE group_id = ? ORDER BY created_at DESC, id DESC`
	args := []any{groupID}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("notes on %s in %s: %w", groupID, db.path, err)
	}
	defer rows.Close()
	var out []dossier.Note
	for rows.Next() {
		var n dossier.Note
		if err := rows.Scan(&n.ID, &n.GroupID, &n.Author, &n.Email, &n.Text, &n.CreatedAt); err != nil {
			return nil, fmt.Errorf("notes on %s in %s: %w", groupID, db.path, err)
		}
		n.CreatedAt = n.CreatedAt.UTC()
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("notes on %s in %s: %w", groupID, db.path, err)
	}
	return out, nil
}
