package ingest

import (
	"bufio"
	"bytes"
	"io"

	"dossier"
	"dossier/interchange"
	"dossier/table"
)

// maxLine is the longest JSON Lines record accepted.
const maxLine = 64 << 20

// jsonLines reads JSON Lines: one record per non-blank line, whose only
// field is the line itself.
type jsonLines struct {
	s    *bufio.Scanner
	line int
}

func newJSONLines(r io.Reader) *jsonLines {
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 0, 1<<16), maxLine)
	return &jsonLines{s: s}
}

func (j *jsonLines) Read() (table.Record, error) {
	for j.s.Scan() {
		j.line++
		b := bytes.TrimRight(j.s.Bytes(), "\r")
		if j.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		return table.Record{Fields: []string{string(b)}, Raw: string(b), Line: j.line}, nil
	}
	if err := j.s.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return table.Record{}, &dossier.RowError{Line: j.line + 1, Reason: "line longer than 64 MiB", Hint: "each JSON Lines record must be on one line"}
		}
		return table.Record{}, err
	}
	return table.Record{}, io.EOF
}

// jsonParser parses interchange JSON Lines records.
type jsonParser struct{}

func (jsonParser) Parse(rec []string) (*dossier.Event, error) {
	return interchange.ParseJSON([]byte(rec[0]))
}
