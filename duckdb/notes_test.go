package duckdb_test

import (
	"testing"

	"dossier/storetest"
)

func TestNotesConformance(t *testing.T) {
	storetest.RunNotes(t, func(t *testing.T) storetest.NoteStore { return openTemp(t) })
}
