// Package interchange reads and writes the dossier interchange format: one
// event per CSV row or JSON Lines object, with the columns Columns lists.
// Users bring their own incident logs in it, and `dossier export --format
// csv|jsonl` writes it, so that an export re-imports without losing any
// canonical field. FORMAT.md in this directory documents it for users.
//
// Required columns are source_id, date and country; every other column is
// optional, blank means unknown, and columns the format does not know are
// kept in the event's Details under their own name.
package interchange

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"dossier"
)

// normName normalises a column name: trimmed, lower case, with spaces and
// hyphens as underscores ("Source ID" is source_id).
func normName(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, s)
}

// Detect reports whether header is an interchange header: it names the
// columns source_id, date and country, in any order and case.
func Detect(header []string) bool {
	var seen [nFields]bool
	for _, h := range header {
		if f, ok := byName[normName(h)]; ok {
			seen[f] = true
		}
	}
	for _, f := range required {
		if !seen[f] {
			return false
		}
	}
	return true
}

// column is one column of a file: the field it holds, or -1 for a column
// the format does not know (kept in Details under name).
type column struct {
	field field
	name  string
}

// Parser maps CSV records of one interchange file to events. It holds no
// per-row state: one Parser may be used from several goroutines.
type Parser struct {
	cols []column
	has  [nFields]bool
}

// NewParser returns a parser for a CSV file with this header. Column
// names are matched case-insensitively, spaces and hyphens counting as
// underscores; unknown columns are kept in Details. fileName is not needed
// and may be "". A header without source_id, date or country, or naming a
// column twice, gives a *dossier.Error with code dossier.EInvalid.
func NewParser(header []string, fileName string) (*Parser, error) {
	p := &Parser{cols: make([]column, len(header))}
	seen := make(map[string]bool, len(header))
	for i, h := range header {
		name := strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if name == "" {
			name = fmt.Sprintf("column_%d", i+1)
		}
		n := normName(name)
		if seen[n] {
			e := dossier.Errorf(dossier.EInvalid, "%s: the header names column %q twice", nameOr(fileName), name)
			e.Hint = "rename or remove one of them; column names are compared without regard to case"
			return nil, e
		}
		seen[n] = true
		if f, ok := byName[n]; ok {
			p.cols[i] = column{field: f, name: columnNames[f]}
			p.has[f] = true
		} else {
			p.cols[i] = column{field: -1, name: name}
		}
	}
	var missing []string
	for _, f := range required {
		if !p.has[f] {
			missing = append(missing, columnNames[f])
		}
	}
	if len(missing) > 0 {
		e := dossier.Errorf(dossier.EInvalid, "%s: the header lacks the required column(s) %s",
			nameOr(fileName), strings.Join(missing, ", "))
		e.Hint = "an interchange file needs the columns source_id, date and country (see interchange/FORMAT.md); names are case-insensitive"
		return nil, e
	}
	return p, nil
}

// hintUTF8 is the hint for text in another encoding.
const hintUTF8 = "save the file as UTF-8 (in a spreadsheet: CSV UTF-8); other encodings are not read"

func nameOr(fileName string) string {
	if fileName == "" {
		return "file"
	}
	return fileName
}

// Parse maps one CSV record, fields in header order, to an event. Values
// are trimmed of spaces. A record shorter than the header has blank
// trailing values; fields past the header must be empty. A wholly blank
// record returns dossier.ErrSkipRow; a bad value gives a *dossier.RowError
// naming the column.
func (p *Parser) Parse(rec []string) (*dossier.Event, error) {
	var r row
	r.has = p.has
	empty := true
	for i, v := range rec {
		v = strings.TrimSpace(v)
		if v != "" {
			empty = false
		}
		if i >= len(p.cols) {
			if v != "" {
				return nil, &dossier.RowError{Value: v,
					Reason: fmt.Sprintf("the row has %d fields, more than the header's %d", len(rec), len(p.cols)),
					Hint:   "quote values that contain commas, or add a header name for the extra column"}
			}
			continue
		}
		c := p.cols[i]
		if !utf8.ValidString(v) {
			return nil, &dossier.RowError{Column: c.name, Value: v, Reason: "not valid UTF-8 text", Hint: hintUTF8}
		}
		if c.field >= 0 {
			r.val[c.field] = v
		} else if v != "" {
			r.setDetail(c.name, v)
		}
	}
	if empty {
		return nil, dossier.ErrSkipRow
	}
	return r.event()
}
