// Package gdelt reads GDELT event exports: the GDELT 2.0 15-minute
// *.export.CSV files (61 columns) and the GDELT 1.0 daily files (58
// columns) and historical backfiles (57 columns, no SOURCEURL).
//
// GDELT files are tab-separated and have no header. The caller reads each
// line, splits it on tabs (see Comma and Split: GDELT fields are never
// quoted, so a CSV reader's quote handling must not be used), and passes
// the file's first record to Detect and NewParser, and every record,
// the first included, to Parse.
//
// Each record becomes one dossier.Event: GLOBALEVENTID is the source id,
// SQLDATE the day, Actor1Name the perpetrator and Actor2Name the target,
// the CAMEO EventCode the source type (see Classify for the shared type),
// ActionGeo_* the place and coordinates, and SOURCEURL the citation. GDELT
// records no casualties: fatalities, injuries and hostages stay unknown.
package gdelt

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dossier"
)

// Comma is the field separator of GDELT event files.
const Comma = '\t'

// Split splits one line of a GDELT file into its fields, dropping a
// trailing line feed or carriage return.
func Split(line string) []string {
	line = strings.TrimRight(line, "\r\n")
	return strings.Split(line, string(Comma))
}

// Detect reports whether rec, the first record of a file split on tabs,
// is a GDELT event record: 61 (2.0), 58 or 57 (1.0) fields, starting with
// a numeric GLOBALEVENTID, a YYYYMMDD SQLDATE, a YYYYMM MonthYear and a
// YYYY Year.
func Detect(rec []string) bool {
	if layoutFor(len(rec)) == nil {
		return false
	}
	return isDigits(rec[0], 1, 20) &&
		isDigits(rec[1], 8, 8) &&
		isDigits(rec[2], 6, 6) &&
		isDigits(rec[3], 4, 4)
}

// Parser maps GDELT event records to events. It holds no per-row state:
// one Parser may be used from several goroutines.
type Parser struct {
	l *layout
}

// NewParser returns a parser for a GDELT file whose first record is first.
// The version (2.0 or 1.0) follows from the record's field count; fileName
// is not needed and may be "". A record that is not a GDELT event record
// gives a *dossier.Error with code dossier.EInvalid.
func NewParser(first []string, fileName string) (*Parser, error) {
	if !Detect(first) {
		e := dossier.Errorf(dossier.EInvalid, "%s: not a GDELT events export: the first record has %d tab-separated fields",
			nameOr(fileName), len(first))
		e.Hint = "GDELT event files have 61 fields (2.0 *.export.CSV) or 57–58 (1.0), starting with GLOBALEVENTID and SQLDATE (YYYYMMDD); mentions and GKG files are not event files"
		if len(first) == 1 && strings.Contains(first[0], ",") {
			e.Hint = "the record holds no tab: GDELT files are tab-separated even when named .CSV"
		}
		return nil, e
	}
	return &Parser{l: layoutFor(len(first))}, nil
}

func nameOr(fileName string) string {
	if fileName == "" {
		return "file"
	}
	return fileName
}

// Version returns the GDELT version of the parser's layout, "2.0" or "1.0".
func (p *Parser) Version() string { return p.l.version }

// Columns returns the names of the layout's columns in file order, as the
// GDELT codebook names them. GDELT files have no header: these names are
// what a header would be.
func (p *Parser) Columns() []string {
	return append([]string(nil), p.l.columns...)
}

// Parse maps one record to an event. A record must have the layout's field
// count: a GDELT 1.0 parser also accepts the other 1.0 layout (with or
// without SOURCEURL), and empty fields past the layout's last are ignored.
// A record that is wholly blank returns dossier.ErrSkipRow. A missing or
// non-numeric GLOBALEVENTID, an invalid SQLDATE, coordinates out of range
// or a misaligned record give a *dossier.RowError. Bytes that are not
// UTF-8 become U+FFFD in the event's text (the raw row keeps them).
func (p *Parser) Parse(rec []string) (*dossier.Event, error) {
	l, err := p.layoutOf(rec)
	if err != nil {
		return nil, err
	}
	get := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		v := strings.TrimSpace(rec[i])
		if !utf8.ValidString(v) { // old files hold stray Latin-1 bytes
			v = strings.ToValidUTF8(v, "\uFFFD")
		}
		return v
	}

	e := &dossier.Event{
		Source:        dossier.SourceGDELT,
		SourceVersion: l.version,
		Licence:       dossier.LicenceGDELT,
	}

	id := get(l.id)
	if id == "" && blank(rec) {
		return nil, dossier.ErrSkipRow
	}
	if !isDigits(id, 1, 20) {
		reason := "GLOBALEVENTID is not a number"
		if id == "" {
			reason = "GLOBALEVENTID is missing"
		}
		return nil, &dossier.RowError{Column: "GLOBALEVENTID", Value: id, Reason: reason,
			Hint: "every GDELT event has a numeric GLOBALEVENTID in the first field; the line may be damaged"}
	}
	e.SourceID = id

	date := get(l.date)
	d, ok := parseDay(date)
	if !ok {
		return nil, &dossier.RowError{Column: "SQLDATE", Value: date, Reason: "not a valid YYYYMMDD date",
			Hint: "SQLDATE is the event's day as eight digits from 1900 on, e.g. 20161013; the line may be damaged"}
	}
	e.Date, e.DateEnd, e.DatePrecision = d, d, dossier.PrecisionDay

	if n := get(l.a1Name); n != "" {
		e.Actors = append(e.Actors, dossier.Actor{Name: n, Role: dossier.RolePerpetrator})
	}
	if n := get(l.a2Name); n != "" {
		e.Actors = append(e.Actors, dossier.Actor{Name: n, Role: dossier.RoleTarget})
	}

	code := get(l.code)
	e.SourceType = code
	t, suicide := Classify(code)
	e.Type = t
	if suicide {
		e.Suicide = dossier.Bool(true)
	}
	if violent(code) {
		e.TargetCategories = targetCategories(get(l.a2Types[0]), get(l.a2Types[1]), get(l.a2Types[2]),
			get(l.a2Rel), get(l.a2Eth))
	}

	if gt := get(l.geoType); gt != "" && gt != "0" {
		e.GeoPrecision = gt
	}
	e.Place = get(l.geoName)
	e.Country, e.CountryName = resolveCountry(get(l.geoCC), e.Place, get(l.geoType))
	if err := setCoordinates(e, get(l.geoLat), get(l.geoLong), l); err != nil {
		return nil, err
	}

	if u := get(l.url); u != "" {
		e.Citations = []string{u}
	}

	e.Details = make(map[string]string, len(l.details))
	for _, i := range l.details {
		if v := get(i); v != "" {
			e.Details[l.columns[i]] = v
		}
	}
	return e, nil
}

// layoutOf picks the layout for rec, or explains why it fits none.
func (p *Parser) layoutOf(rec []string) (*layout, error) {
	n := len(rec)
	if n == len(p.l.columns) {
		return p.l, nil
	}
	if blank(rec) {
		return nil, dossier.ErrSkipRow
	}
	if p.l.version == Version1 && (n == fieldsV1Daily || n == fieldsV1Historical) {
		return layoutFor(n), nil
	}
	if n > len(p.l.columns) && blank(rec[len(p.l.columns):]) {
		return p.l, nil // trailing empty fields
	}
	return nil, &dossier.RowError{
		Value:  strconv.Itoa(n) + " fields",
		Reason: fmt.Sprintf("the record has %d tab-separated fields; GDELT %s records have %d", n, p.l.version, len(p.l.columns)),
		Hint:   "the line is truncated, holds a stray tab or newline, or comes from another GDELT version: import each version's files separately",
	}
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// setCoordinates sets the action's coordinates when both are given.
func setCoordinates(e *dossier.Event, lat, long string, l *layout) error {
	if lat == "" || long == "" {
		return nil // unknown: GDELT leaves both blank when the action has no location
	}
	la, err := strconv.ParseFloat(lat, 64)
	if err != nil || la < -90 || la > 90 || la != la {
		return &dossier.RowError{Column: l.columns[l.geoLat], Value: lat, Reason: "not a latitude between -90 and 90",
			Hint: "ActionGeo_Lat is a decimal latitude; the line may be damaged"}
	}
	lo, err := strconv.ParseFloat(long, 64)
	if err != nil || lo < -180 || lo > 180 || lo != lo {
		return &dossier.RowError{Column: l.columns[l.geoLong], Value: long, Reason: "not a longitude between -180 and 180",
			Hint: "ActionGeo_Long is a decimal longitude; the line may be damaged"}
	}
	e.Latitude, e.Longitude = dossier.Float(la), dossier.Float(lo)
	return nil
}

// minYear is the earliest year accepted in SQLDATE. GDELT starts in 1979;
// anything before 1900 is a damaged value, and year 1 would read as the
// zero time.
const minYear = 1900

// parseDay parses YYYYMMDD without allocating.
func parseDay(s string) (time.Time, bool) {
	if !isDigits(s, 8, 8) {
		return time.Time{}, false
	}
	y := atoi(s[0:4])
	m := atoi(s[4:6])
	d := atoi(s[6:8])
	if y < minYear || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 20150231 normalises to March
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// isDigits reports whether s is between min and max ASCII digits long.
func isDigits(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
