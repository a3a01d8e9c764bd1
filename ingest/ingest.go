// Package ingest imports provider files into an event store: it recognises
// the file's provider from its header, reads it as a stream, parses each
// row into a canonical event with the original row kept verbatim, and
// hands the events to the store, which applies the file atomically.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dossier"
	"dossier/acled"
	"dossier/gdelt"
	"dossier/gtd"
	"dossier/interchange"
	"dossier/progress"
	"dossier/table"
	"dossier/ucdp"
)

// Formats are the values Options.Format accepts besides "" (detect).
var Formats = []string{"gtd", "ucdp", "acled", "gdelt", "dossier"}

// What to do with a malformed row.
const (
	OnErrorStop = "stop" // the import fails and nothing of the file is kept
	OnErrorSkip = "skip" // the row goes to the rejects file; the rest is imported
)

// Options say how to import.
type Options struct {
	Format   string // "" to detect from the header, or one of Formats
	OnError  string // OnErrorStop (default) or OnErrorSkip
	Encoding string // "auto" (default), "utf-8" or "windows-1252", for CSV files
	// RejectsDir is where rejects files are written (default: the
	// current directory).
	RejectsDir string
	// Progress, when set, receives a progress bar per file.
	Progress func(label string, total int64) *progress.Bar
	// Now gives the import time (default time.Now).
	Now func() time.Time
}

// Importer imports files into a store.
type Importer struct {
	Store dossier.EventStore
	Options
}

// rowParser parses one record of a provider file.
type rowParser interface {
	Parse(rec []string) (*dossier.Event, error)
}

// recordReader yields a file's records with their raw text.
type recordReader interface {
	Read() (table.Record, error)
}

// ImportFile imports one file. On a malformed row it returns a
// *dossier.RowError (unless OnError is skip) and the store is left as it
// was; an unrecognised file gives a *dossier.Error with code EInvalid.
func (im *Importer) ImportFile(ctx context.Context, path string) (dossier.ImportSummary, error) {
	name := filepath.Base(path)
	sum := dossier.ImportSummary{File: name}
	fi, err := os.Stat(path)
	if err != nil {
		return sum, &dossier.Error{Code: dossier.ENotFound, Message: fmt.Sprintf("cannot open %s", path), Hint: "check the path", Err: err}
	}
	if fi.IsDir() {
		return sum, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("%s is a directory", path), Hint: "name the files to import"}
	}
	digest, err := fileSHA256(path)
	if err != nil {
		return sum, fmt.Errorf("import %s: %w", path, err)
	}

	src, err := im.open(path, name)
	if err != nil {
		return sum, err
	}
	defer src.close()
	sum.Format = src.format

	// Parse up to the first event before opening the import, so the file
	// record can carry the provider's source, version and licence.
	var bar *progress.Bar
	if im.Progress != nil {
		bar = im.Progress(name, src.total)
	}
	run := &run{im: im, src: src, name: name, bar: bar, sum: &sum}
	first, err := run.next(ctx)
	if err != nil && !errors.Is(err, io.EOF) {
		run.closeRejects()
		bar.Clear()
		return sum, err
	}
	file := dossier.ImportFile{
		Name: name, Path: path, Format: src.format, SHA256: digest, Size: fi.Size(),
		Header: src.header, ImportedAt: im.now(),
	}
	if first != nil {
		file.Source, file.SourceVersion, file.Licence = first.Source, first.SourceVersion, first.Licence
	}
	res, err := im.Store.Import(ctx, file, func(w dossier.EventWriter) error {
		if first == nil {
			return nil
		}
		if err := w.Write(first); err != nil {
			return err
		}
		return run.pipe(ctx, w)
	})
	bar.Finish()
	if cerr := run.closeRejects(); err == nil {
		err = cerr
	}
	if err != nil {
		return sum, err
	}
	sum.Added, sum.Updated, sum.Unchanged, sum.Duplicates = res.Added, res.Updated, res.Unchanged, res.Duplicates
	return sum, nil
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now().UTC()
	}
	return time.Now().UTC()
}

// run is the state of one file's import.
type run struct {
	im      *Importer
	src     *source
	name    string
	bar     *progress.Bar
	sum     *dossier.ImportSummary
	rejects *rejectsFile
}

// next returns the next event, io.EOF at the end, or the error that ends
// the import.
func (r *run) next(ctx context.Context) (*dossier.Event, error) {
	for {
		if r.sum.Rows%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			r.bar.Set(int64(r.sum.Rows), r.src.done())
		}
		rec, err := r.src.records.Read()
		if errors.Is(err, io.EOF) {
			r.bar.Set(int64(r.sum.Rows), r.src.done())
			return nil, io.EOF
		}
		if err != nil {
			var re *dossier.RowError
			if !errors.As(err, &re) {
				return nil, fmt.Errorf("read %s: %w", r.name, err)
			}
			re.File = r.name
			r.sum.Rows++
			if err := r.reject(re); err != nil {
				return nil, err
			}
			continue
		}
		ev, err := r.src.parser.Parse(rec.Fields)
		if errors.Is(err, dossier.ErrSkipRow) {
			continue
		}
		r.sum.Rows++
		if err != nil {
			var re *dossier.RowError
			if !errors.As(err, &re) {
				re = &dossier.RowError{Reason: err.Error()}
			}
			re.File, re.Line, re.Raw = r.name, rec.Line, rec.Raw
			if err := r.reject(re); err != nil {
				return nil, err
			}
			continue
		}
		ev.Raw, ev.File, ev.Line = rec.Raw, r.name, rec.Line
		return ev, nil
	}
}

// batchSize is how many parsed events travel together from the reading
// goroutine to the store.
const batchSize = 512

// parsed is a batch of parsed events, with their fingerprints when the
// store takes them.
type parsed struct {
	events []*dossier.Event
	fps    []string
}

// pipe reads and parses the rest of the file in a goroutine while the
// store writes what is already parsed, so both cores work. A store that
// takes fingerprints (dossier.FingerprintWriter) gets them computed in
// the reading goroutine too.
func (r *run) pipe(ctx context.Context, w dossier.EventWriter) error {
	fw, withFP := w.(dossier.FingerprintWriter)
	batches := make(chan parsed, 8)
	done := make(chan struct{})
	var readErr error
	go func() {
		defer close(batches)
		newBatch := func() parsed {
			b := parsed{events: make([]*dossier.Event, 0, batchSize)}
			if withFP {
				b.fps = make([]string, 0, batchSize)
			}
			return b
		}
		batch := newBatch()
		for {
			ev, err := r.next(ctx)
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				break
			}
			batch.events = append(batch.events, ev)
			if withFP {
				batch.fps = append(batch.fps, ev.Fingerprint())
			}
			if len(batch.events) == batchSize {
				select {
				case batches <- batch:
				case <-done:
					return
				}
				batch = newBatch()
			}
		}
		if len(batch.events) > 0 {
			select {
			case batches <- batch:
			case <-done:
			}
		}
	}()
	var writeErr error
	for batch := range batches {
		for i, ev := range batch.events {
			if withFP {
				writeErr = fw.WriteFingerprinted(ev, batch.fps[i])
			} else {
				writeErr = w.Write(ev)
			}
			if writeErr != nil {
				break
			}
		}
		if writeErr != nil {
			close(done)
			for range batches { // let the reader finish
			}
			return writeErr
		}
	}
	return readErr // set before batches was closed
}

// reject handles a malformed row: the error that stops the import, or a
// row written to the rejects file.
func (r *run) reject(re *dossier.RowError) error {
	if r.im.OnError != OnErrorSkip {
		r.bar.Clear()
		if re.Hint == "" {
			re.Hint = "fix the row, or import with --on-error=skip to set it aside in a rejects file"
		}
		return re
	}
	r.sum.Rejected++
	if r.rejects == nil {
		f, err := createRejects(r.im.RejectsDir, r.name, r.src.headerLine)
		if err != nil {
			return err
		}
		r.rejects = f
		r.sum.RejectsFile = f.path
	}
	return r.rejects.add(re)
}

func (r *run) closeRejects() error {
	if r.rejects == nil {
		return nil
	}
	return r.rejects.close()
}

// source is an opened provider file.
type source struct {
	format     string
	header     []string
	headerLine string // the header's raw text, for the rejects file ("" when the format has none)
	records    recordReader
	parser     rowParser
	total      int64
	done       func() int64
	close      func() error
}

// open recognises the file's format and returns its records and parser.
func (im *Importer) open(path, name string) (*source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &dossier.Error{Code: dossier.ENotFound, Message: fmt.Sprintf("cannot open %s", path), Hint: "check the path and its permissions", Err: err}
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("stat %s: %w", path, err)
	}
	magic := make([]byte, 4)
	n, _ := io.ReadFull(f, magic)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if n == 4 && bytes.Equal(magic, []byte("PK\x03\x04")) {
		f.Close()
		return im.openXLSX(path, name)
	}
	src, err := im.openText(f, name, fi.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	src.close = f.Close
	return src, nil
}

// openXLSX reads the first sheet. Numbers are kept as the workbook stores
// them, as CSV conversions of the same release do, so a CSV and an XLSX of
// one release give the same events.
func (im *Importer) openXLSX(path, name string) (*source, error) {
	x, err := table.OpenXLSXOptions(path, table.XLSXOptions{Numbers: table.NumbersAsStored})
	if err != nil {
		return nil, err
	}
	hdr, err := x.Read()
	if err != nil {
		x.Close()
		return nil, emptyFile(name, err)
	}
	header := cleanHeader(hdr.Fields)
	format, p, err := im.pick(header, name)
	if err != nil {
		x.Close()
		return nil, err
	}
	_, total := x.Progress()
	return &source{
		format: format, header: header, headerLine: hdr.Raw, records: x, parser: p, total: total,
		done:  func() int64 { d, _ := x.Progress(); return d },
		close: x.Close,
	}, nil
}

// openText handles CSV, tab-separated GDELT and JSON Lines files.
func (im *Importer) openText(f *os.File, name string, size int64) (*source, error) {
	br := bufio.NewReaderSize(f, 1<<16)
	peek, _ := br.Peek(1 << 16)
	peek = bytes.TrimPrefix(peek, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(peek, []byte("\n"))
	first = bytes.TrimRight(first, "\r")
	if len(bytes.TrimSpace(peek)) == 0 {
		return nil, emptyFile(name, io.EOF)
	}
	counter := &countingReader{r: br}
	done := func() int64 { return counter.n }

	if bytes.HasPrefix(bytes.TrimSpace(first), []byte("{")) && (im.Format == "" || im.Format == "dossier") {
		return &source{format: "dossier", records: newLines(counter, whole), parser: jsonParser{}, total: size, done: done}, nil
	}

	if fields := gdelt.Split(string(first)); im.Format == "gdelt" || (im.Format == "" && gdelt.Detect(fields)) {
		p, err := gdelt.NewParser(fields, name)
		if err != nil {
			return nil, withFile(err, name)
		}
		return &source{format: "gdelt", header: p.Columns(), records: newLines(counter, tabs), parser: p, total: size, done: done}, nil
	}

	r := table.NewCSV(counter, table.CSVOptions{Encoding: im.Encoding})
	hdr, err := r.Read()
	if err != nil {
		var re *dossier.RowError
		if errors.As(err, &re) {
			re.File = name
			re.Hint = "the first line must be the file's header"
			return nil, re
		}
		return nil, emptyFile(name, err)
	}
	header := cleanHeader(hdr.Fields)
	format, p, err := im.pick(header, name)
	if err != nil {
		return nil, err
	}
	return &source{format: format, header: header, headerLine: hdr.Raw, records: r, parser: p, total: size, done: done}, nil
}

// pick chooses the provider for a header, or checks the forced one.
func (im *Importer) pick(header []string, name string) (string, rowParser, error) {
	type provider struct {
		name   string
		detect func([]string) bool
		parser func([]string, string) (rowParser, error)
	}
	providers := []provider{
		{"gtd", gtd.Detect, func(h []string, n string) (rowParser, error) { return gtd.NewParser(h, n) }},
		{"ucdp", ucdp.Detect, func(h []string, n string) (rowParser, error) { return ucdp.NewParser(h, n) }},
		{"acled", acled.Detect, func(h []string, n string) (rowParser, error) { return acled.NewParser(h, n) }},
		{"dossier", interchange.Detect, func(h []string, n string) (rowParser, error) { return interchange.NewParser(h, n) }},
	}
	for _, p := range providers {
		if im.Format == p.name || (im.Format == "" && p.detect(header)) {
			rp, err := p.parser(header, name)
			if err != nil {
				return "", nil, withFile(err, name)
			}
			return p.name, rp, nil
		}
	}
	if im.Format != "" {
		return "", nil, &dossier.Error{Code: dossier.EInvalid,
			Message: fmt.Sprintf("%s: format %q cannot read this file", name, im.Format),
			Hint:    "use one of " + strings.Join(Formats, ", ") + ", or leave --format out to detect it"}
	}
	return "", nil, &dossier.Error{Code: dossier.EInvalid,
		Message: fmt.Sprintf("%s: unrecognised layout (header starts %s)", name, headerStart(header)),
		Hint:    "dossier reads GTD, UCDP GED, ACLED and GDELT exports and its own interchange format (see the README); force a format with --format"}
}

// withFile puts the file name in front of an *dossier.Error's message.
func withFile(err error, name string) error {
	var e *dossier.Error
	if errors.As(err, &e) && !strings.HasPrefix(e.Message, name) {
		c := *e
		c.Message = name + ": " + e.Message
		return &c
	}
	return err
}

func headerStart(h []string) string {
	if len(h) > 5 {
		h = h[:5]
	}
	return fmt.Sprintf("%q", strings.Join(h, ","))
}

func emptyFile(name string, err error) error {
	return &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("%s is empty or unreadable", name), Hint: "check that the file is a complete download", Err: err}
}

// cleanHeader trims spaces and a byte-order mark from header fields.
func cleanHeader(h []string) []string {
	out := make([]string, len(h))
	for i, s := range h {
		out[i] = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	}
	return out
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
