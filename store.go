package dossier

import (
	"context"
	"time"
)

// ImportFile describes one file being imported: what it is and where it
// came from. The store keeps one record per (name, sha256).
type ImportFile struct {
	Name          string    `json:"file"`   // base name of the file
	Path          string    `json:"path"`   // path as given on import
	Format        string    `json:"format"` // gtd, ucdp, acled, gdelt, dossier
	Source        Source    `json:"source"`
	SourceVersion string    `json:"source_version,omitempty"`
	Licence       string    `json:"licence"`
	SHA256        string    `json:"sha256"`
	Size          int64     `json:"size"`
	Header        []string  `json:"header,omitempty"` // the file's header, for reading Raw rows back
	ImportedAt    time.Time `json:"imported_at"`
}

// ImportSummary is what an import did.
type ImportSummary struct {
	File      string `json:"file"`
	Format    string `json:"format"`
	Rows      int    `json:"rows"` // data rows read, rejected included
	Added     int    `json:"added"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Rejected  int    `json:"rejected"`
	// Duplicates counts rows whose (source, source id) appeared earlier in
	// the same file; the last one wins.
	Duplicates  int    `json:"duplicates,omitempty"`
	RejectsFile string `json:"rejects_file,omitempty"`
}

// SourceFile is one imported file as `dossier sources` lists it.
type SourceFile struct {
	ImportFile
	Rows     int       `json:"rows"` // data rows in the file at its last import
	Rejected int       `json:"rejected"`
	Events   int       `json:"events"` // events whose latest import came from this file
	FirstDay time.Time `json:"first_date"`
	LastDay  time.Time `json:"last_date"`
}

// EventFilter selects events. Zero fields select everything.
type EventFilter struct {
	Sources     []Source
	Countries   []string  // ISO alpha-3
	From, To    time.Time // inclusive; an event matches when its date range overlaps
	Perpetrator string    // case-insensitive substring of a perpetrator or associated actor name
	GroupID     string    // resolved group of a perpetrator or associated actor
	Limit       int
	Offset      int
	// NoRaw leaves Event.Raw empty: reads that only compute figures need
	// not carry every provider row, and are faster without.
	NoRaw bool
}

// EventWriter receives the events of one import.
type EventWriter interface {
	Write(e *Event) error
}

// FingerprintWriter is an EventWriter that can also take an event whose
// Fingerprint the caller computed, which lets a caller that parses in
// another goroutine do that work there. WriteFingerprinted(e, fp) is
// Write(e) for fp equal to e.Fingerprint(); another fp is stored as the
// event's fingerprint, and wrongly tells a later import of the same row
// that it changed.
type FingerprintWriter interface {
	EventWriter
	WriteFingerprinted(e *Event, fp string) error
}

// EventStore keeps events. Implementations: duckdb (embedded, default) and
// postgres. Every implementation passes the conformance suite in storetest.
type EventStore interface {
	// Import runs fill, which writes the file's events to w, and applies
	// them atomically: on any error from fill or the store, nothing of the
	// file is kept. Events are upserted by (source, source id): identical
	// events count as unchanged, changed ones as updated.
	Import(ctx context.Context, file ImportFile, fill func(w EventWriter) error) (ImportSummary, error)
	// Events calls fn for each event matching f, ordered by date then key.
	Events(ctx context.Context, f EventFilter, fn func(*Event) error) error
	// CountEvents returns the number of events matching f (ignoring Limit
	// and Offset).
	CountEvents(ctx context.Context, f EventFilter) (int, error)
	// Event returns one event; an *Error with ENotFound when absent.
	Event(ctx context.Context, source Source, sourceID string) (*Event, error)
	// Sources lists the imported files, most recent first.
	Sources(ctx context.Context) ([]SourceFile, error)
	Close() error
}
