// Package duckdb stores dossier's events in an embedded DuckDB database file:
// it implements dossier.EventStore on github.com/duckdb/duckdb-go, the only
// package of dossier that imports it.
//
// DuckDB allows one process to write a database file at a time; Open reports
// a file held by another process as a *dossier.Error with code EConflict.
// The schema lives in migrations/*.sql, embedded in the binary: Open upgrades
// an older file and refuses a newer one.
//
// Memory stays bounded whatever the size of an import: DuckDB's memory
// limit caps its buffers, staged events and intermediate results spill to
// <path>.tmp, the file is written in small row groups, and an import
// compares its events with the stored ones in parts.
package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"dossier"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Defaults for Options.
const (
	// DefaultMemoryLimit caps DuckDB's buffer manager; beyond it DuckDB
	// spills to <path>.tmp. The process uses more: DuckDB allocates some
	// memory outside the limit, and so does the C allocator. With this
	// limit, importing 2 million events of about 3 KB (new, again with 10%
	// changed, again from another file) peaked at 767 MiB resident, and
	// exporting them to Parquet at 866 MiB; with 256MB the import peaked at
	// 625 MiB but the export failed for want of memory.
	DefaultMemoryLimit = "512MB"
	// DefaultThreads lets DuckDB choose: one worker thread per CPU.
	DefaultThreads = 0
)

// Options tune how a database is opened.
type Options struct {
	// ReadOnly opens the file with a shared lock: several processes may
	// read it at once, but not while one writes it. A read-only open never
	// migrates the schema, and the file must exist.
	ReadOnly bool
	// MemoryLimit is DuckDB's memory_limit ("512MB", "2GB"); "" means
	// DefaultMemoryLimit.
	MemoryLimit string
	// Threads is the number of DuckDB worker threads; 0 means
	// DefaultThreads.
	Threads int
}

// DB is a dossier database in one DuckDB file. It implements
// dossier.EventStore and is safe for concurrent use.
type DB struct {
	path     string
	key      string // in openFiles
	readOnly bool
	sql      *sql.DB
	// importMu serialises imports: DuckDB would abort the second of two
	// concurrent imports touching the same events with a conflict.
	importMu sync.Mutex
	// factsMu serialises rebuilds of the derived attack facts.
	factsMu sync.Mutex

	closeOnce sync.Once
	closeErr  error

	// phase, when set, is called as an import enters each phase: tests
	// measure them.
	phase func(string)
	// compareRows is the number of staged events an import compares with
	// the stored ones at a time; exportRows the number of events an export
	// writes at a time.
	compareRows, exportRows int64
}

var _ dossier.EventStore = (*DB)(nil)

// Open opens the database file at path, creating it and its parent
// directory unless opts.ReadOnly, and brings its schema up to date.
//
// Errors are *dossier.Error values: EConflict when another process holds the
// file or the file's schema is newer than this binary knows (or, read-only,
// older than it needs), ENotFound when a read-only open finds no file,
// EInvalid for a path or option DuckDB cannot use or a file that is not a
// DuckDB database.
func Open(path string, opts Options) (*DB, error) {
	return open(path, opts, embeddedMigrations)
}

func open(path string, opts Options, migs []migration) (*DB, error) {
	if path == "" {
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: "no database path given",
			Hint: "pass --db PATH or set DOSSIER_DB"}
	}
	if opts.MemoryLimit == "" {
		opts.MemoryLimit = DefaultMemoryLimit
	}
	if opts.Threads == 0 {
		opts.Threads = DefaultThreads
	}
	if opts.Threads < 0 {
		return nil, &dossier.Error{Code: dossier.EInvalid,
			Message: fmt.Sprintf("open database %s: %d threads", path, opts.Threads),
			Hint:    "pass a positive number of threads, or 0 for one per CPU"}
	}
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, &dossier.Error{Code: dossier.ENotFound, Err: err,
					Message: fmt.Sprintf("database %s does not exist", path),
					Hint:    "import data first, or pass --db with the path of an existing database"}
			}
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, &dossier.Error{Code: dossier.EInvalid, Err: err,
			Message: fmt.Sprintf("cannot create the directory of database %s: %v", path, err),
			Hint:    "pass --db with a path in a writable directory"}
	}
	key, err := openFiles.add(path)
	if err != nil {
		return nil, err
	}

	// The file is attached to an in-memory DuckDB instance rather than
	// opened as its main database, because only ATTACH can set the row
	// group size.
	q := url.Values{}
	q.Set("memory_limit", opts.MemoryLimit)
	q.Set("temp_directory", path+".tmp")
	// Events are always read with ORDER BY: inserts need not keep order,
	// which lets DuckDB load them with less memory.
	q.Set("preserve_insertion_order", "false")
	if opts.Threads > 0 {
		q.Set("threads", strconv.Itoa(opts.Threads))
	}
	attachOpts := fmt.Sprintf("ROW_GROUP_SIZE %d", rowGroupSize)
	if opts.ReadOnly {
		attachOpts += ", READ_ONLY"
	}
	attach := "ATTACH IF NOT EXISTS " + quote(path) + " AS " + catalog + " (" + attachOpts + "); USE " + catalog
	connector, err := duckdb.NewConnector(":memory:?"+q.Encode(), func(ex driver.ExecerContext) error {
		_, err := ex.ExecContext(context.Background(), attach, nil)
		return err
	})
	if err != nil {
		openFiles.remove(key)
		return nil, openError(path, opts, err)
	}
	db := &DB{path: path, key: key, readOnly: opts.ReadOnly, sql: sql.OpenDB(connector),
		compareRows: compareRows, exportRows: exportRows}
	if err := db.sql.Ping(); err != nil {
		db.Close()
		return nil, openError(path, opts, err)
	}
	if err := db.migrate(context.Background(), migs); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// catalog is the name the database file is attached under.
const catalog = "dossier"

// rowGroupSize is the number of rows in a row group of the database file.
// DuckDB compresses and writes a bulk insert a few row groups at a time,
// outside its memory limit: with its default of 122,880 rows of events
// (about 3 KB each) that took half a gigabyte beyond the limit.
const rowGroupSize = 16384

// quote returns s as an SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// openFiles are the database files open in this process. DuckDB's lock on
// a file keeps other processes out, not a second open in the same process,
// which would give two writers to one file.
var openFiles = fileSet{m: map[string]bool{}}

type fileSet struct {
	mu sync.Mutex
	m  map[string]bool
}

// add records path as open and returns its key, or returns an EConflict
// error when it is open already.
func (s *fileSet) add(path string) (string, error) {
	key, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("open database %s: %w", path, err)
	}
	if real, err := filepath.EvalSymlinks(key); err == nil {
		key = real
	} else if dir, err := filepath.EvalSymlinks(filepath.Dir(key)); err == nil {
		key = filepath.Join(dir, filepath.Base(key)) // a new file in a linked directory
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m[key] {
		return "", &dossier.Error{Code: dossier.EConflict,
			Message: fmt.Sprintf("database %s is already open in this process", path),
			Hint:    "use the open database, or close it first"}
	}
	s.m[key] = true
	return key, nil
}

func (s *fileSet) remove(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
}

// lockPID finds the process id in DuckDB's lock conflict message:
// `Could not set lock on file "…": Conflicting lock is held in /usr/bin/dossier (PID 4242) by user …`.
var lockPID = regexp.MustCompile(`\(PID (\d+)\)`)

// openError turns the driver's error on opening path into an error a user
// can act on. The driver gives no finer classification than the error type,
// so a lock conflict and a file that is not a database are told apart by
// DuckDB's message.
func openError(path string, opts Options, err error) error {
	var de *duckdb.Error
	if errors.As(err, &de) {
		msg := de.Msg
		switch {
		case de.Type == duckdb.ErrorTypeIO && (strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock")):
			m := fmt.Sprintf("database %s is in use by another process", path)
			if p := lockPID.FindStringSubmatch(msg); p != nil {
				m += " (PID " + p[1] + ")"
			}
			return &dossier.Error{Code: dossier.EConflict, Message: m, Err: err,
				Hint: "stop that process (a running `dossier serve`?) or pass --db to use another database"}
		case de.Type == duckdb.ErrorTypeIO && strings.Contains(msg, "not a valid DuckDB database"):
			return &dossier.Error{Code: dossier.EInvalid, Err: err,
				Message: fmt.Sprintf("%s is not a DuckDB database", path),
				Hint:    "pass --db with the path of a dossier database, or a new path to create one"}
		case de.Type == duckdb.ErrorTypeIO:
			return &dossier.Error{Code: dossier.EInvalid, Err: err,
				Message: fmt.Sprintf("cannot open database %s: %s", path, strings.TrimPrefix(msg, "IO Error: ")),
				Hint:    "check that the file and its directory are readable and writable"}
		}
	}
	if strings.Contains(err.Error(), "could not set invalid or local option") {
		return &dossier.Error{Code: dossier.EInvalid, Err: err,
			Message: fmt.Sprintf("open database %s: invalid option (memory limit %q, %d threads)", path, opts.MemoryLimit, opts.Threads),
			Hint:    `give the memory limit as a size such as "512MB" or "2GB"`}
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

// Path returns the path of the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database. It releases the file lock.
func (db *DB) Close() error {
	db.closeOnce.Do(func() { db.closeErr = db.sql.Close(); openFiles.remove(db.key) })
	if err := db.closeErr; err != nil {
		return fmt.Errorf("close database %s: %w", db.path, err)
	}
	return nil
}

// readOnlyError is the error of a write to a database opened read-only.
func (db *DB) readOnlyError(op string) error {
	return &dossier.Error{Code: dossier.EConflict,
		Message: fmt.Sprintf("%s: database %s is open read-only", op, db.path),
		Hint:    "open it without --read-only (stop other processes that use it first)"}
}
