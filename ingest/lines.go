package ingest

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"dossier"
	"dossier/gdelt"
	"dossier/interchange"
	"dossier/table"
)

// maxLine is the longest line accepted in line-based formats.
const maxLine = 64 << 20

// lines reads line-based files — JSON Lines, and GDELT's tab-separated
// exports, which are never quoted — skipping blank lines. Each line is one
// record: split on tabs for GDELT, whole for JSON Lines. Bytes that are not
// UTF-8 become U+FFFD so the raw row can be stored as text.
type lines struct {
	s     *bufio.Scanner
	line  int
	split func(string) []string
}

func newLines(r io.Reader, split func(string) []string) *lines {
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 0, 1<<16), maxLine)
	return &lines{s: s, split: split}
}

func (l *lines) Read() (table.Record, error) {
	for l.s.Scan() {
		l.line++
		b := bytes.TrimRight(l.s.Bytes(), "\r")
		if l.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		raw := strings.ToValidUTF8(string(b), "\uFFFD")
		return table.Record{Fields: l.split(raw), Raw: raw, Line: l.line}, nil
	}
	if err := l.s.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return table.Record{}, &dossier.RowError{Line: l.line + 1, Reason: "line longer than 64 MiB", Hint: "each record must be on one line"}
		}
		return table.Record{}, err
	}
	return table.Record{}, io.EOF
}

func whole(s string) []string { return []string{s} }

var tabs = gdelt.Split

// jsonParser parses interchange JSON Lines records.
type jsonParser struct{}

func (jsonParser) Parse(rec []string) (*dossier.Event, error) {
	return interchange.ParseJSON([]byte(rec[0]))
}
