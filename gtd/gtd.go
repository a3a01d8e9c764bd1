// Package gtd parses the Global Terrorism Database (GTD) of START,
// University of Maryland: the 135-column layout of the releases published
// since 2012 (0617dist, 0718dist, 0221dist, 0522dist, 1222dist…), as CSV or
// XLSX rows that another package has read into records.
//
// Columns are matched by name, case-insensitively, so files whose columns
// were reordered or trimmed still parse. Only eventid, iyear, imonth, iday,
// country_txt and gname are required. GTD's sentinels for unknown values
// (blank, -9 for categories and flags, -99 for counts) become nil pointers
// and empty strings, never zero.
package gtd

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"dossier"
	"dossier/country"
)

// required are the columns a GTD header must have.
var required = []string{"eventid", "iyear", "imonth", "iday", "country_txt", "gname"}

// Detect reports whether header (the file's first record, fields trimmed of
// spaces and a UTF-8 BOM) is GTD's layout: it has eventid, iyear, imonth and
// iday, names no other provider uses. A GTD file missing another required
// column is still detected, so that NewParser can say which are missing.
func Detect(header []string) bool {
	var n int
	for _, name := range []string{"eventid", "iyear", "imonth", "iday"} {
		if indexOf(header, name) >= 0 {
			n++
		}
	}
	return n == 4
}

// Parser maps the records of one GTD file to events. It holds only what
// NewParser worked out from the header, so Parse may be called from
// several goroutines at once.
type Parser struct {
	version string
	names   []string // header as written, for RowError.Column

	eventid, iyear, imonth, iday int
	countryTxt, provstate, city  int
	lat, lon, specificity        int
	attackTxt, attackCode        int
	weaponTxt                    int
	targTxt, targCode            [3]int
	corp, target                 [3]int
	gname, guncertain            [3]int
	nkill, nwound, nhostkid      int
	suicide, success, claimed    int
	doubtterr, summary           int
	scite                        [3]int

	details []detailColumn
}

// detailColumn is a column kept in Event.Details.
type detailColumn struct {
	index int
	key   string // the header's name, as written
	kind  uint8
}

// Kinds of Details columns.
const (
	kindText uint8 = iota
	kindNumber
	kindDate
)

var versionPattern = regexp.MustCompile(`(?i)(?:^|[^0-9])([0-9]{4}dist)`)

// Version returns the GTD release named in a file name ("1222dist" for
// globalterrorismdb_2021Jan-June_1222dist.xlsx), or "" when it names none.
func Version(fileName string) string {
	m := versionPattern.FindStringSubmatch(fileName)
	if m == nil {
		return ""
	}
	return strings.ToLower(m[1])
}

// NewParser returns a parser for GTD files with this header. fileName (the
// base name, may be "") carries the release version. A header that lacks a
// required column gives a *dossier.Error with code dossier.EInvalid naming
// the missing columns.
func NewParser(header []string, fileName string) (*Parser, error) {
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	var missing []string
	for _, r := range required {
		if indexOf(names, r) < 0 {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		return nil, &dossier.Error{
			Code:    dossier.EInvalid,
			Message: fmt.Sprintf("GTD header lacks required column(s) %s", strings.Join(missing, ", ")),
			Hint:    "import the GTD release file as START distributes it (globalterrorismdb_…dist.xlsx or its CSV export), with its header row first and these columns kept",
		}
	}

	col := func(name string) int { return indexOf(names, name) }
	p := &Parser{
		version:     Version(fileName),
		names:       names,
		eventid:     col("eventid"),
		iyear:       col("iyear"),
		imonth:      col("imonth"),
		iday:        col("iday"),
		countryTxt:  col("country_txt"),
		provstate:   col("provstate"),
		city:        col("city"),
		lat:         col("latitude"),
		lon:         col("longitude"),
		specificity: col("specificity"),
		attackTxt:   col("attacktype1_txt"),
		attackCode:  col("attacktype1"),
		weaponTxt:   col("weaptype1_txt"),
		nkill:       col("nkill"),
		nwound:      col("nwound"),
		nhostkid:    col("nhostkid"),
		suicide:     col("suicide"),
		success:     col("success"),
		claimed:     col("claimed"),
		doubtterr:   col("doubtterr"),
		summary:     col("summary"),
	}
	for i := range 3 {
		n := strconv.Itoa(i + 1)
		p.targTxt[i] = col("targtype" + n + "_txt")
		p.targCode[i] = col("targtype" + n)
		p.corp[i] = col("corp" + n)
		p.target[i] = col("target" + n)
		p.guncertain[i] = col("guncertain" + n)
		p.scite[i] = col("scite" + n)
	}
	p.gname = [3]int{col("gname"), col("gname2"), col("gname3")}

	// Every other column goes to Details, except numeric codes whose text
	// (the same column with _txt) is there too.
	used := map[int]bool{}
	for _, i := range []int{p.eventid, p.iyear, p.imonth, p.iday, p.countryTxt, p.provstate, p.city,
		p.lat, p.lon, p.specificity, p.attackTxt, p.weaponTxt, p.nkill, p.nwound, p.nhostkid,
		p.suicide, p.success, p.claimed, p.doubtterr, p.summary} {
		used[i] = true
	}
	for i := range 3 {
		used[p.gname[i]], used[p.guncertain[i]], used[p.scite[i]] = true, true, true
	}
	seen := map[string]bool{}
	for i, name := range names {
		key := strings.ToLower(name)
		if name == "" || used[i] || seen[key] {
			continue
		}
		seen[key] = true
		if indexOf(names, name+"_txt") >= 0 {
			continue
		}
		kind := kindText
		switch {
		case numericColumns[key]:
			kind = kindNumber
		case key == "resolution":
			kind = kindDate
		}
		p.details = append(p.details, detailColumn{index: i, key: name, kind: kind})
	}
	return p, nil
}

// Version returns the release version the parser stamps on events ("" when
// the file name named none).
func (p *Parser) Version() string { return p.version }

// Parse maps one record (fields in header order) to an event. A malformed
// value gives a *dossier.RowError naming the column; a blank row or a
// repeated header row gives dossier.ErrSkipRow. Parse does not set Raw,
// File or Line.
func (p *Parser) Parse(rec []string) (*dossier.Event, error) {
	id := field(rec, p.eventid)
	if id == "" {
		if blank(rec) {
			return nil, dossier.ErrSkipRow
		}
		return nil, p.rowError(p.eventid, id, "the event id is missing",
			"every GTD row has a 12-digit eventid; check that the row was not split or cut")
	}
	if strings.EqualFold(id, "eventid") {
		return nil, dossier.ErrSkipRow // a header repeated where files were joined
	}
	id, ok := eventID(id)
	if !ok {
		return nil, p.rowError(p.eventid, field(rec, p.eventid), "the event id is not a whole number",
			"GTD event ids are 12 digits (YYYYMMDDNNNN); if a spreadsheet shows 2.02E+11, format the eventid column as text or number without decimals and export again")
	}

	e := &dossier.Event{
		Source:        dossier.SourceGTD,
		SourceID:      id,
		SourceVersion: p.version,
		Licence:       dossier.LicenceGTD,
	}
	if err := p.date(rec, e); err != nil {
		return nil, err
	}

	e.CountryName = field(rec, p.countryTxt)
	if c, ok := country.ByName(e.CountryName); ok {
		e.Country = c.ISO3
	}
	e.Admin1 = known(field(rec, p.provstate))
	e.Place = known(field(rec, p.city))
	if err := p.coordinates(rec, e); err != nil {
		return nil, err
	}
	if s := field(rec, p.specificity); !unknown(s) {
		e.GeoPrecision = normaliseNumber(s)
	}

	p.attackType(rec, e)
	e.SourceSubtype = field(rec, p.weaponTxt)
	if err := p.perpetrators(rec, e); err != nil {
		return nil, err
	}
	p.targets(rec, e)

	var err error
	if e.Fatalities, err = p.count(rec, p.nkill); err != nil {
		return nil, err
	}
	if e.Injuries, err = p.count(rec, p.nwound); err != nil {
		return nil, err
	}
	if e.Hostages, err = p.count(rec, p.nhostkid); err != nil {
		return nil, err
	}
	if e.Suicide, err = p.flag(rec, p.suicide); err != nil {
		return nil, err
	}
	if e.Success, err = p.flag(rec, p.success); err != nil {
		return nil, err
	}
	if e.Claimed, err = p.flag(rec, p.claimed); err != nil {
		return nil, err
	}
	if e.Doubtful, err = p.flag(rec, p.doubtterr); err != nil {
		return nil, err
	}

	e.Summary = field(rec, p.summary)
	for _, i := range p.scite {
		if s := field(rec, i); s != "" {
			e.Citations = append(e.Citations, s)
		}
	}
	p.fillDetails(rec, e)
	return e, nil
}

// date sets the event's date range and precision from iyear, imonth and
// iday. GTD writes 0 for an unknown month or day.
func (p *Parser) date(rec []string, e *dossier.Event) error {
	ys := field(rec, p.iyear)
	year, ok := parseInt(ys)
	if !ok || year < 1000 || year > 9999 {
		return p.rowError(p.iyear, ys, "the year is not a four-digit year",
			"iyear must be the year of the incident, such as 2021")
	}
	ms := field(rec, p.imonth)
	month := 0
	if !unknown(ms) {
		if month, ok = parseInt(ms); !ok || month < 0 || month > 12 {
			return p.rowError(p.imonth, ms, "the month is not 0 to 12",
				"imonth must be the month of the incident (1–12), or 0 when unknown")
		}
	}
	ds := field(rec, p.iday)
	day := 0
	if !unknown(ds) {
		if day, ok = parseInt(ds); !ok || day < 0 || day > 31 {
			return p.rowError(p.iday, ds, "the day is not 0 to 31",
				"iday must be the day of the month (1–31), or 0 when unknown")
		}
	}
	switch {
	case month == 0:
		e.Date = time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
		e.DateEnd = time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
		e.DatePrecision = dossier.PrecisionYear
	case day == 0:
		e.Date = time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
		e.DateEnd = e.Date.AddDate(0, 1, -1)
		e.DatePrecision = dossier.PrecisionMonth
	default:
		e.Date = time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if e.Date.Day() != day {
			return p.rowError(p.iday, ds, fmt.Sprintf("%s %d has no day %d", time.Month(month), year, day),
				"check iyear, imonth and iday against the event's summary; GTD writes 0 for an unknown day")
		}
		e.DateEnd = e.Date
		e.DatePrecision = dossier.PrecisionDay
	}
	return nil
}

// coordinates sets latitude and longitude when both are given. A value
// outside the valid range (the full GTD has a 1982 event with longitude
// -86185896) leaves the location unknown and is noted in Details, rather
// than failing a whole release's import on one known slip.
func (p *Parser) coordinates(rec []string, e *dossier.Event) error {
	lat, err := p.coordinate(rec, p.lat)
	if err != nil {
		return err
	}
	lon, err := p.coordinate(rec, p.lon)
	if err != nil {
		return err
	}
	if lat == nil || lon == nil {
		return nil
	}
	if *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180 {
		if e.Details == nil {
			e.Details = map[string]string{}
		}
		e.Details["coordinates_invalid"] = field(rec, p.lat) + "," + field(rec, p.lon)
		return nil
	}
	e.Latitude, e.Longitude = lat, lon
	return nil
}

func (p *Parser) coordinate(rec []string, i int) (*float64, error) {
	s := field(rec, i)
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, p.rowError(i, s, "the coordinate is not a number",
			"latitude and longitude are decimal degrees such as 34.5553, or blank when unknown")
	}
	return &f, nil
}

// attackType sets Type and SourceType from attacktype1_txt, or from the
// attacktype1 code when the text is missing or unknown to the codebook.
func (p *Parser) attackType(rec []string, e *dossier.Event) {
	txt := field(rec, p.attackTxt)
	e.SourceType = txt
	e.Type = dossier.TypeAttack
	if t, ok := lookupText(attackTypes, txt); ok {
		e.Type = t
		return
	}
	if code, ok := parseInt(field(rec, p.attackCode)); ok {
		if name, ok := attackCodes[code]; ok {
			e.Type = attackTypes[name]
			if e.SourceType == "" {
				e.SourceType = name
			}
		}
	}
}

// targets sets TargetCategories from targtype1-3 and adds target actors
// from corp1-3 and target1-3.
func (p *Parser) targets(rec []string, e *dossier.Event) {
	for i := range 3 {
		if c, ok := p.targetCategory(rec, i); ok && !hasCategory(e.TargetCategories, c) {
			e.TargetCategories = append(e.TargetCategories, c)
		}
		// The entity targeted is corpN ("Afghan National Police (ANP)");
		// when GTD has none ("Not Applicable", "Unknown") the target
		// itself ("Civilians", "Village") names it.
		name := field(rec, p.corp[i])
		if !named(name) {
			name = field(rec, p.target[i])
		}
		if named(name) {
			e.Actors = append(e.Actors, dossier.Actor{Name: name, Role: dossier.RoleTarget})
		}
	}
}

func (p *Parser) targetCategory(rec []string, i int) (dossier.TargetCategory, bool) {
	txt := field(rec, p.targTxt[i])
	if c, ok := lookupText(targetTypes, txt); ok {
		return c, true
	}
	code := field(rec, p.targCode[i])
	if n, ok := parseInt(code); ok {
		if name, ok := targetCodes[n]; ok {
			return targetTypes[name], true
		}
	}
	if txt != "" || (code != "" && !unknown(code)) {
		return dossier.TargetOther, true // a category this codebook does not know
	}
	return "", false
}

// perpetrators adds gname, gname2 and gname3 as perpetrators, uncertain
// when guncertainN is 1. "Unknown" is kept as GTD writes it.
func (p *Parser) perpetrators(rec []string, e *dossier.Event) error {
	for i := range 3 {
		name := field(rec, p.gname[i])
		if name == "" {
			continue
		}
		u, err := p.flag(rec, p.guncertain[i])
		if err != nil {
			return err
		}
		e.Actors = append(e.Actors, dossier.Actor{
			Name:      name,
			Role:      dossier.RolePerpetrator,
			Uncertain: u != nil && *u,
		})
	}
	return nil
}

// count parses a casualty or hostage count: blank, -9 and -99 are unknown.
func (p *Parser) count(rec []string, i int) (*int, error) {
	s := field(rec, i)
	if unknown(s) {
		return nil, nil
	}
	n, ok := parseInt(s)
	if !ok || n < 0 {
		return nil, p.rowError(i, s, "the count is not a whole number of people",
			"GTD counts are whole numbers, with -99 or blank when unknown")
	}
	return &n, nil
}

// flag parses a GTD yes/no variable: 1 yes, 0 no, -9 or blank unknown.
func (p *Parser) flag(rec []string, i int) (*bool, error) {
	s := field(rec, i)
	if unknown(s) {
		return nil, nil
	}
	n, ok := parseInt(s)
	if !ok || (n != 0 && n != 1) {
		return nil, p.rowError(i, s, "the value is not 0 or 1",
			"this GTD variable is 1 (yes), 0 (no) or -9 (unknown)")
	}
	b := n == 1
	return &b, nil
}

// fillDetails copies the known values of the other columns into Details.
func (p *Parser) fillDetails(rec []string, e *dossier.Event) {
	n := 0 // size the map once: growing it is most of Parse's cost
	for _, d := range p.details {
		if !unknown(field(rec, d.index)) {
			n++
		}
	}
	if n == 0 {
		return
	}
	if e.Details == nil {
		e.Details = make(map[string]string, n)
	}
	for _, d := range p.details {
		s := field(rec, d.index)
		if unknown(s) {
			continue
		}
		switch d.kind {
		case kindNumber:
			s = normaliseNumber(s)
		case kindDate:
			s = normaliseDate(s)
		}
		e.Details[d.key] = s
	}
}

func (p *Parser) rowError(i int, value, reason, hint string) *dossier.RowError {
	col := ""
	if i >= 0 && i < len(p.names) {
		col = p.names[i]
	}
	return &dossier.RowError{Column: col, Value: value, Reason: reason, Hint: hint}
}

// indexOf returns the index of the column named name (case-insensitive),
// or -1.
func indexOf(header []string, name string) int {
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}

// field returns rec[i] trimmed, or "" when the record is too short or the
// column absent (i < 0).
func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// blank reports whether every field of rec is empty.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// unknown reports whether s is one of GTD's values for "unknown": blank,
// -9 (categories and flags) or -99 (numbers).
func unknown(s string) bool {
	switch s {
	case "", "-9", "-99", "-9.0", "-99.0":
		return true
	}
	return false
}

// known returns s, or "" when s is GTD's "Unknown" for a place.
func known(s string) string {
	if strings.EqualFold(s, "unknown") {
		return ""
	}
	return s
}

// named reports whether s names a target: not blank, "Unknown" or "Not
// Applicable".
func named(s string) bool {
	return s != "" && !strings.EqualFold(s, "unknown") && !strings.EqualFold(s, "not applicable")
}

func hasCategory(cs []dossier.TargetCategory, c dossier.TargetCategory) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// parseInt parses a whole number written as "12", "+12", "-12" or "12.0"
// (as spreadsheet exports write them), without allocating.
func parseInt(s string) (int, bool) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if i == len(s)-1 || strings.Trim(s[i+1:], "0") != "" {
			return 0, false
		}
		s = s[:i]
	}
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// eventID returns the digits of a GTD event id, accepting a spreadsheet's
// "197000000001.0".
func eventID(s string) (string, bool) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if strings.Trim(s[i+1:], "0") != "" {
			return "", false
		}
		s = s[:i]
	}
	if s == "" {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	return s, true
}

// normaliseNumber writes a whole number without its ".0"; anything else is
// returned as written.
func normaliseNumber(s string) string {
	if strings.IndexByte(s, '.') < 0 {
		return s
	}
	if n, ok := parseInt(s); ok {
		return strconv.Itoa(n)
	}
	return s
}

// excelEpoch is day 0 of spreadsheet serial dates (1900 date system, with
// Excel's phantom 29 February 1900 accounted for).
var excelEpoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)

// normaliseDate writes a date column (resolution) as YYYY-MM-DD when it is
// a spreadsheet serial number (44276), an ISO date with a time, or a US
// date (3/21/2021); anything else is returned as written.
func normaliseDate(s string) string {
	// Serials from 1970-01-01 (25569, GTD's first year) to 9999-12-31; a
	// smaller number is not a GTD date and stays as written.
	if n, ok := parseSerial(s); ok && n >= 25569 && n <= 2958465 {
		return excelEpoch.AddDate(0, 0, n).Format(time.DateOnly)
	}
	if len(s) >= 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	if t, err := time.Parse("1/2/2006", s); err == nil {
		return t.Format(time.DateOnly)
	}
	return s
}

// parseSerial parses a spreadsheet date serial, dropping a time fraction.
func parseSerial(s string) (int, bool) {
	if i := strings.IndexByte(s, '.'); i > 0 {
		for j := i + 1; j < len(s); j++ {
			if s[j] < '0' || s[j] > '9' {
				return 0, false
			}
		}
		s = s[:i]
	}
	return parseInt(s)
}
