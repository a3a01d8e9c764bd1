// Package ucdp reads the UCDP Georeferenced Event Dataset (GED): the
// official CSV releases (5.0, 17.1 … 24.1 and later), the copies on HDX
// (with an HXL hashtag row and an iso3 column), the CSV export of the UCDP
// website (best_est/high_est/low_est, True/False, MM/DD/YYYY dates) and the
// CSV of the UCDP API. Columns are matched by name, in any case and order.
//
// A file is read with Detect on its header, NewParser for the header and
// file name, and Parser.Parse for each record. UCDP data are CC BY 4.0.
package ucdp

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"dossier"
	"dossier/country"
)

// Column names of the GED, lower case. Older releases and the website
// export call the fatality estimates best_est, high_est and low_est.
const (
	colID         = "id"
	colType       = "type_of_violence"
	colDateStart  = "date_start"
	colDateEnd    = "date_end"
	colDatePrec   = "date_prec"
	colBest       = "best"
	colBestEst    = "best_est"
	colLow        = "low"
	colLowEst     = "low_est"
	colHigh       = "high"
	colHighEst    = "high_est"
	colCountry    = "country"
	colISO3       = "iso3"
	colCountryID  = "country_id"
	colAdm1       = "adm_1"
	colAdm2       = "adm_2"
	colWhereCoord = "where_coordinates"
	colWhereDesc  = "where_description"
	colWherePrec  = "where_prec"
	colLatitude   = "latitude"
	colLongitude  = "longitude"
	colGeomWKT    = "geom_wkt"
	colSideA      = "side_a"
	colSideB      = "side_b"
	colArticle    = "source_article"
	colOffice     = "source_office"
	colSrcDate    = "source_date"
	colHeadline   = "source_headline"
	colOriginal   = "source_original"
	colActiveYear = "active_year"
	colNumSources = "number_of_sources"
)

// canonical are the columns that map to Event fields and so are not
// repeated in Event.Details. geom_wkt only repeats latitude and longitude.
var canonical = map[string]bool{
	colID: true, colType: true, colDateStart: true, colDateEnd: true,
	colBest: true, colBestEst: true, colLow: true, colLowEst: true, colHigh: true, colHighEst: true,
	colCountry: true, colISO3: true, colAdm1: true, colAdm2: true, colWhereCoord: true,
	colWherePrec: true, colLatitude: true, colLongitude: true, colGeomWKT: true,
	colSideA: true, colSideB: true, colArticle: true,
}

// Detect reports whether header (the file's first record, fields trimmed
// of spaces and a UTF-8 BOM) is a UCDP GED layout: it has the columns id,
// type_of_violence and date_start and a best (or best_est) estimate.
func Detect(header []string) bool {
	var id, typ, start, best bool
	for _, h := range header {
		switch normName(h) {
		case colID:
			id = true
		case colType:
			typ = true
		case colDateStart:
			start = true
		case colBest, colBestEst:
			best = true
		}
	}
	return id && typ && start && best
}

// Parser maps records of one GED file to events. It keeps a small cache
// of country look-ups, so it is not safe for concurrent use: give each
// goroutine its own Parser.
type Parser struct {
	version string

	// Indexes of the columns in the header, -1 when absent.
	id, typ, dateStart, dateEnd, datePrec     int
	best, low, high                           int
	country, iso3, countryID, adm1, adm2      int
	whereCoord, whereDesc, wherePrec, lat, lo int
	sideA, sideB                              int
	article, office, srcDate, headline, orig  int

	// names are the header's column names as written, for errors.
	names []string
	// details are the columns copied to Event.Details.
	details []detailCol

	countries map[string]string // country name → ISO3 ("" when unknown)
	gw        map[string]string // country_id → ISO3 ("" when unknown)
}

// detailCol is a column kept in Event.Details under its lower-case name.
type detailCol struct {
	key  string
	idx  int
	kind detailKind
}

type detailKind uint8

const (
	detailPlain      detailKind = iota
	detailActiveYear            // 1/0/True/False, stored as "1" or "0"
	detailNumSources            // -1 means unknown: left out
)

// NewParser returns a parser for GED files with this header. fileName (the
// base name, may be "") gives the release: ged231… is "23.1",
// GEDEvent_v22_1… is "22.1", ged50… is "5.0"; other names leave
// SourceVersion empty.
//
// A header that lacks id, type_of_violence, date_start or a best (or
// best_est) column gives a *dossier.Error with code dossier.EInvalid naming
// the missing columns.
func NewParser(header []string, fileName string) (*Parser, error) {
	p := &Parser{
		version:   Version(fileName),
		names:     make([]string, len(header)),
		countries: make(map[string]string),
		gw:        make(map[string]string),
	}
	idx := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		p.names[i] = h
		n := normName(h)
		if n == "" {
			continue
		}
		if _, dup := idx[n]; dup {
			continue // the first of two same-named columns wins
		}
		idx[n] = i
	}
	col := func(names ...string) int {
		for _, n := range names {
			if i, ok := idx[n]; ok {
				return i
			}
		}
		return -1
	}
	p.id = col(colID)
	p.typ = col(colType)
	p.dateStart = col(colDateStart)
	p.dateEnd = col(colDateEnd)
	p.datePrec = col(colDatePrec)
	p.best = col(colBest, colBestEst)
	p.low = col(colLow, colLowEst)
	p.high = col(colHigh, colHighEst)
	p.country = col(colCountry)
	p.iso3 = col(colISO3)
	p.countryID = col(colCountryID)
	p.adm1 = col(colAdm1)
	p.adm2 = col(colAdm2)
	p.whereCoord = col(colWhereCoord)
	p.whereDesc = col(colWhereDesc)
	p.wherePrec = col(colWherePrec)
	p.lat = col(colLatitude)
	p.lo = col(colLongitude)
	p.sideA = col(colSideA)
	p.sideB = col(colSideB)
	p.article = col(colArticle)
	p.office = col(colOffice)
	p.srcDate = col(colSrcDate)
	p.headline = col(colHeadline)
	p.orig = col(colOriginal)

	var missing []string
	if p.id < 0 {
		missing = append(missing, colID)
	}
	if p.typ < 0 {
		missing = append(missing, colType)
	}
	if p.dateStart < 0 {
		missing = append(missing, colDateStart)
	}
	if p.best < 0 {
		missing = append(missing, colBest+" (or "+colBestEst+")")
	}
	if len(missing) > 0 {
		return nil, &dossier.Error{
			Code:    dossier.EInvalid,
			Message: fmt.Sprintf("UCDP GED header lacks the column(s) %s", strings.Join(missing, ", ")),
			Hint:    "import the GED CSV as UCDP publishes it (with its header row: id, type_of_violence, date_start, best …), or rename the columns to the GED codebook's names",
		}
	}

	for i := range header {
		n := normName(p.names[i])
		if n == "" || canonical[n] || idx[n] != i {
			continue
		}
		d := detailCol{key: n, idx: i}
		switch n {
		case colActiveYear:
			d.kind = detailActiveYear
		case colNumSources:
			d.kind = detailNumSources
		}
		p.details = append(p.details, d)
	}
	return p, nil
}

// normName is the lookup form of a column name: trimmed, lower case.
func normName(h string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
}

var (
	// ged231_sample.csv, ged50.csv, ged201-csv.zip: the release's digits
	// follow "ged" directly, the last one being the minor version.
	versionPacked = regexp.MustCompile(`(?i)(?:^|[^a-z])ged(\d{2,3})(?:[^0-9]|$)`)
	// GEDEvent_v22_1.csv, GEDEvent_v23_0_1.csv (candidate releases).
	versionSplit = regexp.MustCompile(`(?i)ged[a-z]*[_-]?v(\d{1,2})[_.](\d{1,2})(?:[_.](\d{1,2}))?(?:[^0-9]|$)`)
)

// Version returns the GED release a file name carries: "23.1" for
// ged231.csv, "22.1" for GEDEvent_v22_1.csv, "23.0.1" for
// GEDEvent_v23_0_1.csv, "5.0" for ged50.csv, and "" when the name carries
// none (ged_pakistan_hdx.csv).
func Version(fileName string) string {
	if m := versionSplit.FindStringSubmatch(fileName); m != nil {
		v := strings.TrimLeft(m[1], "0")
		if v == "" {
			v = "0"
		}
		v += "." + m[2]
		if m[3] != "" {
			v += "." + m[3]
		}
		return v
	}
	if m := versionPacked.FindStringSubmatch(fileName); m != nil {
		d := m[1]
		return strings.TrimLeft(d[:len(d)-1], "0") + "." + d[len(d)-1:]
	}
	return ""
}

// SourceVersion returns the release the parser stamps on its events, ""
// when the file name carried none.
func (p *Parser) SourceVersion() string { return p.version }

// field returns the trimmed value of column i of rec, "" when the column
// is absent from the header or the record is short.
func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// Parse maps one record (fields in header order) to an event. It does not
// set Raw, File or Line. A malformed value gives a *dossier.RowError naming
// the column; the HXL hashtag row of HDX copies and rows with no value at
// all give dossier.ErrSkipRow.
func (p *Parser) Parse(rec []string) (*dossier.Event, error) {
	id := field(rec, p.id)
	if id == "" || id[0] == '#' {
		if isHashtagOrBlank(rec) {
			return nil, dossier.ErrSkipRow
		}
		if id == "" {
			return nil, p.rowErr(p.id, id, "the event has no id",
				"every GED event has a numeric id; check that the row's columns line up with the header")
		}
	}
	sid, ok := normID(id)
	if !ok {
		return nil, p.rowErr(p.id, id, "the id is not a number",
			"GED ids are whole numbers; check that the row's columns line up with the header")
	}

	ev := &dossier.Event{
		Source:        dossier.SourceUCDP,
		SourceID:      sid,
		SourceVersion: p.version,
		Licence:       dossier.LicenceUCDP,
	}

	// Type of violence.
	tv := field(rec, p.typ)
	t, ok := parseSmallInt(tv)
	switch {
	case ok && t == 1:
		ev.Type, ev.SourceType = dossier.TypeBattle, "state-based"
	case ok && t == 2:
		ev.Type, ev.SourceType = dossier.TypeBattle, "non-state"
	case ok && t == 3:
		ev.Type, ev.SourceType = dossier.TypeOneSidedViolence, "one-sided"
		ev.TargetCategories = []dossier.TargetCategory{dossier.TargetCivilians}
	default:
		return nil, p.rowErr(p.typ, tv, "type_of_violence is not 1, 2 or 3",
			"GED codes 1 state-based conflict, 2 non-state conflict, 3 one-sided violence")
	}

	if err := p.parseDates(rec, ev); err != nil {
		return nil, err
	}

	// Place.
	ev.CountryName = field(rec, p.country)
	ev.Country = p.resolveCountry(ev.CountryName, field(rec, p.iso3), field(rec, p.countryID))
	ev.Admin1 = field(rec, p.adm1)
	ev.Admin2 = field(rec, p.adm2)
	ev.Place = field(rec, p.whereCoord)
	if wp := field(rec, p.wherePrec); wp != "" {
		n, ok := parseSmallInt(wp)
		if !ok || n < 1 || n > 7 {
			return nil, p.rowErr(p.wherePrec, wp, "where_prec is not a code from 1 to 7",
				"GED codes location precision 1 (exact place) to 7 (international waters or airspace); leave it blank when unknown")
		}
		ev.GeoPrecision = strconv.Itoa(n)
	}
	if err := p.parseCoordinates(rec, ev); err != nil {
		return nil, err
	}

	// Actors.
	a, b := field(rec, p.sideA), field(rec, p.sideB)
	roleB := dossier.RolePerpetrator // sides of a battle fought each other
	if t == 3 {
		roleB = dossier.RoleTarget
	}
	if a != "" || b != "" {
		ev.Actors = make([]dossier.Actor, 0, 2)
		if a != "" {
			ev.Actors = append(ev.Actors, dossier.Actor{Name: a, Role: dossier.RolePerpetrator})
		}
		if b != "" {
			ev.Actors = append(ev.Actors, dossier.Actor{Name: b, Role: roleB})
		}
	}

	// Fatalities.
	var err error
	if ev.Fatalities, err = p.count(rec, p.best); err != nil {
		return nil, err
	}
	if ev.FatalitiesLow, err = p.count(rec, p.low); err != nil {
		return nil, err
	}
	if ev.FatalitiesHigh, err = p.count(rec, p.high); err != nil {
		return nil, err
	}

	// Sources.
	ev.Citations = citations(field(rec, p.article), field(rec, p.office), field(rec, p.srcDate), field(rec, p.headline))
	ev.Summary = summary(ev, a, b, field(rec, p.whereDesc), field(rec, p.orig))

	ev.Details = p.detailsOf(rec)
	return ev, nil
}

// rowErr returns a *dossier.RowError for column i.
func (p *Parser) rowErr(i int, value, reason, hint string) *dossier.RowError {
	col := ""
	if i >= 0 && i < len(p.names) {
		col = p.names[i]
	}
	return &dossier.RowError{Column: col, Value: value, Reason: reason, Hint: hint}
}

// isHashtagOrBlank reports whether rec is an HXL hashtag row (every value
// a #tag, at least one) or has no value at all.
func isHashtagOrBlank(rec []string) bool {
	for _, f := range rec {
		f = strings.TrimSpace(f)
		if f != "" && f[0] != '#' {
			return false
		}
	}
	return true
}

// normID returns a GED id without spaces or a ".0" suffix (spreadsheets
// write ids as decimals) and whether it is a whole number.
func normID(s string) (string, bool) {
	s = trimZeroFraction(s)
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

// trimZeroFraction drops a fraction made only of zeros: "12.0" → "12".
func trimZeroFraction(s string) string {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		for j := i + 1; j < len(s); j++ {
			if s[j] != '0' {
				return s
			}
		}
		return s[:i]
	}
	return s
}

// parseSmallInt parses a non-negative integer of at most 9 digits,
// accepting a zero fraction ("3.0").
func parseSmallInt(s string) (int, bool) {
	s = trimZeroFraction(s)
	if s == "" || len(s) > 9 {
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
	return n, true
}

// count parses a fatality estimate of column i: blank is unknown (nil).
func (p *Parser) count(rec []string, i int) (*int, error) {
	s := field(rec, i)
	if s == "" {
		return nil, nil
	}
	n, ok := parseSmallInt(s)
	if !ok {
		reason := "the death count is not a whole number"
		if s[0] == '-' {
			reason = "the death count is negative"
		}
		return nil, p.rowErr(i, s, reason,
			"GED estimates are whole numbers of deaths, 0 or more; leave the cell blank when unknown")
	}
	return dossier.Int(n), nil
}

// parseCoordinates sets Latitude and Longitude; blank stays unknown.
func (p *Parser) parseCoordinates(rec []string, ev *dossier.Event) error {
	ls, gs := field(rec, p.lat), field(rec, p.lo)
	if ls == "" && gs == "" {
		return nil
	}
	if ls == "" || gs == "" {
		i, v := p.lat, ls
		if ls != "" {
			i, v = p.lo, gs
		}
		return p.rowErr(i, v, "one coordinate is given without the other",
			"give both latitude and longitude in decimal degrees, or leave both blank")
	}
	lat, err := strconv.ParseFloat(ls, 64)
	if err != nil || lat != lat || lat < -90 || lat > 90 {
		return p.rowErr(p.lat, ls, "latitude is not a number from -90 to 90",
			"GED gives latitude in decimal degrees (WGS 84); check that latitude and longitude are not swapped or shifted")
	}
	lon, err := strconv.ParseFloat(gs, 64)
	if err != nil || lon != lon || lon < -180 || lon > 180 {
		return p.rowErr(p.lo, gs, "longitude is not a number from -180 to 180",
			"GED gives longitude in decimal degrees (WGS 84); check that latitude and longitude are not swapped or shifted")
	}
	ev.Latitude, ev.Longitude = dossier.Float(lat), dossier.Float(lon)
	return nil
}

// maxCached bounds the country caches: a file names a few hundred
// countries at most, unless it is garbage.
const maxCached = 1024

// resolveCountry returns the ISO3 code of the event's country: from the
// iso3 column (HDX copies), else from the name, else from the
// Gleditsch–Ward number in country_id; "" when none resolves.
func (p *Parser) resolveCountry(name, iso3, gwno string) string {
	if iso3 != "" {
		if c, ok := country.ByISO3(iso3); ok {
			return c.ISO3
		}
	}
	if name != "" {
		code, seen := p.countries[name]
		if !seen {
			code = byUCDPName(name)
			if len(p.countries) < maxCached {
				p.countries[name] = code
			}
		}
		if code != "" {
			return code
		}
	}
	if gwno != "" {
		code, seen := p.gw[gwno]
		if !seen {
			code = byGW(gwno)
			if len(p.gw) < maxCached {
				p.gw[gwno] = code
			}
		}
		return code
	}
	return ""
}

// byUCDPName looks a UCDP country name up. UCDP puts a former name in
// parentheses ("Russia (Soviet Union)", "DR Congo (Zaire)"); when the whole
// name is unknown, the current name before the parenthesis is tried. The
// former name is never used: it may name a different, historic country.
func byUCDPName(name string) string {
	if c, ok := country.ByName(name); ok {
		return c.ISO3
	}
	if i := strings.IndexByte(name, '('); i > 0 {
		if c, ok := country.ByName(strings.TrimSpace(name[:i])); ok {
			return c.ISO3
		}
	}
	return ""
}

// detailsOf returns the record's non-canonical columns by lower-case name,
// leaving out blanks and unknowns.
func (p *Parser) detailsOf(rec []string) map[string]string {
	d := make(map[string]string, len(p.details))
	for _, c := range p.details {
		v := field(rec, c.idx)
		if v == "" {
			continue
		}
		switch c.kind {
		case detailActiveYear:
			v = normBool(v)
		case detailNumSources:
			if v == "-1" || v == "-1.0" {
				continue // not recorded before the 2013 release's sources were coded
			}
		}
		d[c.key] = v
	}
	if len(d) == 0 {
		return nil
	}
	return d
}

// normBool writes the GED's and the website's ways of saying yes and no
// (1/0, True/False) as "1" and "0"; anything else is kept as written.
func normBool(v string) string {
	switch v {
	case "1", "1.0", "True", "true", "TRUE", "t", "T", "yes", "Yes":
		return "1"
	case "0", "0.0", "False", "false", "FALSE", "f", "F", "no", "No":
		return "0"
	}
	return v
}
