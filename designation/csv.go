package designation

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"dossier"
)

// ofacEmpty is how OFAC's legacy CSV files write an empty field.
const ofacEmpty = "-0-"

// csvFile reads the records of one OFAC CSV file, keeping each record's
// line and text.
type csvFile struct {
	name   string // file name for errors: sdn.csv, alt.csv…
	layout string // what the file is, for hints
	fields int    // fields per record
	// untrimmed is the field kept with its spaces: the remarks, which
	// OFAC cuts at 1,000 characters wherever that falls, even just after a
	// space.
	untrimmed int
	rec       *recorder
	r         *csv.Reader
}

// newCSV returns a reader of an OFAC file whose records have the given
// number of fields; field untrimmed (-1 for none) keeps its spaces.
func newCSV(name, layout string, fields, untrimmed int, r io.Reader) *csvFile {
	rec := &recorder{r: r}
	cr := csv.NewReader(rec)
	cr.FieldsPerRecord = -1 // counted here, to say which file and what to do
	cr.ReuseRecord = false
	return &csvFile{name: name, layout: layout, fields: fields, untrimmed: untrimmed, rec: rec, r: cr}
}

// next returns the next record: its fields trimmed (but one: see
// newCSV), -0- made empty and
// converted to UTF-8 (files that are not UTF-8 are read as Windows-1252),
// its first line and its text without the line end. It returns io.EOF at
// the end, skipping the DOS end-of-file mark (Ctrl-Z) OFAC ends its files
// with, and a *dossier.RowError for a malformed record.
func (f *csvFile) next() (fields []string, line int, raw string, err error) {
	for {
		start := f.r.InputOffset()
		rec, err := f.r.Read()
		end := f.r.InputOffset()
		if err == io.EOF {
			return nil, 0, "", io.EOF
		}
		raw = strings.Trim(f.rec.slice(start, end), "\r\n")
		f.rec.discard(end)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, 0, "", &dossier.RowError{
					File:   f.name,
					Line:   pe.Line,
					Reason: "malformed CSV: " + csvReason(pe.Err),
					Hint:   "each field is either unquoted or in double quotes, with inner quotes doubled; " + f.hint(),
					Raw:    raw,
				}
			}
			return nil, 0, "", &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("%s: cannot read: %v", f.name, err), Err: err}
		}
		line, _ = f.r.FieldPos(0)
		if len(rec) == 1 && strings.Trim(rec[0], "\x1a \t") == "" {
			continue // DOS end-of-file mark, or a line of blanks
		}
		if len(rec) != f.fields {
			return nil, 0, "", &dossier.RowError{
				File:   f.name,
				Line:   line,
				Value:  truncate(raw, 80),
				Reason: fmt.Sprintf("%d fields, want %d", len(rec), f.fields),
				Hint:   f.hint(),
				Raw:    raw,
			}
		}
		for i, v := range rec {
			if i == 0 {
				v = strings.TrimPrefix(v, "\ufeff")
			}
			if t := strings.TrimSpace(v); t == ofacEmpty {
				v = ""
			} else if i != f.untrimmed {
				v = t
			}
			if !utf8.ValidString(v) {
				if d, err := charmap.Windows1252.NewDecoder().String(v); err == nil {
					v = d
				}
			}
			rec[i] = v
		}
		return rec, line, raw, nil
	}
}

// hint says what the file should look like.
func (f *csvFile) hint() string {
	return fmt.Sprintf("%s should be OFAC's legacy %s file as downloaded: no header, %d fields per line (%s)", f.name, f.name, f.fields, f.layout)
}

// rowError returns a RowError about a field of the record at line.
func (f *csvFile) rowError(line int, column, value, reason, raw string) *dossier.RowError {
	return &dossier.RowError{File: f.name, Line: line, Column: column, Value: value, Reason: reason, Hint: f.hint(), Raw: raw}
}

// entNum checks the record's ent_num, the first field of every OFAC file.
func (f *csvFile) entNum(rec []string, line int, raw string) (string, error) {
	n := rec[0]
	if n == "" || strings.Trim(n, "0123456789") != "" {
		return "", f.rowError(line, "ent_num", n, "ent_num is not a whole number", raw)
	}
	return n, nil
}

func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return "a quoted field is not closed, or a quote is followed by other text"
	case errors.Is(err, csv.ErrBareQuote):
		return `a " stands inside an unquoted field`
	}
	return err.Error()
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
