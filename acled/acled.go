// Package acled parses exports of the Armed Conflict Location & Event Data
// project (ACLED), in every layout ACLED has published:
//
//   - the current layout (since March 2023; 31 columns from event_id_cnty to
//     timestamp, with disorder_type, civilian_targeting and tags), dates
//     written "28 December 2022" in exports and "2022-12-28" by the API;
//   - the 2019–2023 layout (data_id, iso, event_id_cnty, event_id_no_cnty, …,
//     sub_event_type, …, timestamp, iso3);
//   - the 2018 layout, the same without sub_event_type, with dates such as
//     "6-Oct-18" and the pre-2019 event types (Remote violence,
//     Battle-No change of territory, Riots/Protests…);
//   - the version 5–7 upper-case layout (GWNO, EVENT_ID_CNTY, ALLY_ACTOR_1,
//     GEO_PRECIS…), with dates written day/month/year ("02/01/1997").
//
// Columns are matched by name, case-insensitively, so reordered or trimmed
// files still parse. Only event_id_cnty, event_date, event_type, actor1 and
// country are required. ACLED's missing values (the literal NA, or a blank)
// become nil pointers and empty strings, never zero.
//
// Dates keep ACLED's time_precision: a known day, a week (the seven days
// centred on the coded date) or a month (the whole month). Columns with no
// place in dossier.Event (inter1, interaction, disorder_type, tags,
// timestamp…) are kept in Event.Details under their lower-case names, so
// that every layout gives the same keys.
package acled

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"dossier"
	"dossier/country"
)

// Required are the columns an ACLED header must have.
var Required = []string{"event_id_cnty", "event_date", "event_type", "actor1", "country"}

// Detect reports whether header (the file's first record, fields trimmed of
// spaces and a UTF-8 BOM) is one of ACLED's layouts: it has event_id_cnty,
// in any case, a name no other provider uses. An ACLED file missing another
// required column is still detected, so that NewParser can say which column
// lacks.
func Detect(header []string) bool {
	return indexOf(header, "event_id_cnty") >= 0
}

// Parser maps the records of one ACLED file to events. It holds only what
// NewParser worked out from the header, so Parse may be called from several
// goroutines at once.
type Parser struct {
	names []string // header as written, for RowError.Column

	id, date, year, precision int
	eventType, subType        int
	actor1, assoc1            int
	actor2, assoc2, inter2    int
	civilianTargeting         int
	iso3, iso, country        int
	admin1, admin2, location  int
	lat, lon, geoPrecision    int
	source, notes, fatalities int

	details []detailColumn
}

// detailColumn is a column kept in Event.Details.
type detailColumn struct {
	index int
	key   string // the header's name in lower case: inter1, source_scale…
}

// aliases maps the names of a column in older layouts to its current name.
var aliases = map[string]string{
	"ally_actor_1": "assoc_actor_1",
	"ally_actor_2": "assoc_actor_2",
	"geo_precis":   "geo_precision",
}

// canonical are the columns Parse maps to Event fields; every other column
// of the file goes to Details.
var canonical = map[string]bool{
	"event_id_cnty": true, "event_date": true, "time_precision": true,
	"event_type": true, "sub_event_type": true,
	"actor1": true, "assoc_actor_1": true, "actor2": true, "assoc_actor_2": true,
	"country": true, "iso3": true, "admin1": true, "admin2": true, "location": true,
	"latitude": true, "longitude": true, "geo_precision": true,
	"source": true, "notes": true, "fatalities": true,
}

// NewParser returns a parser for ACLED files with this header. fileName is
// not used: ACLED files carry no release version (each row's timestamp, kept
// in Details, says when ACLED last changed it), so events get an empty
// SourceVersion.
//
// A header without one of the Required columns gives a *dossier.Error with
// code dossier.EInvalid naming the missing columns.
func NewParser(header []string, fileName string) (*Parser, error) {
	_ = fileName
	p := &Parser{names: make([]string, len(header))}
	pos := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		p.names[i] = h
		k := columnKey(h)
		if k == "" {
			continue
		}
		if _, dup := pos[k]; !dup {
			pos[k] = i
		}
	}
	col := func(name string) int {
		if i, ok := pos[name]; ok {
			return i
		}
		return -1
	}
	var missing []string
	for _, name := range Required {
		if col(name) < 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, &dossier.Error{
			Code:    dossier.EInvalid,
			Message: fmt.Sprintf("ACLED header lacks column(s) %s", strings.Join(missing, ", ")),
			Hint:    "use the CSV exactly as ACLED's export tool or API wrote it; the columns " + strings.Join(Required, ", ") + " are required",
		}
	}

	p.id, p.date, p.year, p.precision = col("event_id_cnty"), col("event_date"), col("year"), col("time_precision")
	p.eventType, p.subType = col("event_type"), col("sub_event_type")
	p.actor1, p.assoc1 = col("actor1"), col("assoc_actor_1")
	p.actor2, p.assoc2, p.inter2 = col("actor2"), col("assoc_actor_2"), col("inter2")
	p.civilianTargeting = col("civilian_targeting")
	p.iso3, p.iso, p.country = col("iso3"), col("iso"), col("country")
	p.admin1, p.admin2, p.location = col("admin1"), col("admin2"), col("location")
	p.lat, p.lon, p.geoPrecision = col("latitude"), col("longitude"), col("geo_precision")
	p.source, p.notes, p.fatalities = col("source"), col("notes"), col("fatalities")

	for i, h := range p.names {
		k := columnKey(h)
		if k == "" || canonical[k] || pos[k] != i {
			continue
		}
		p.details = append(p.details, detailColumn{index: i, key: k})
	}
	return p, nil
}

// columnKey is the name a header column is known by: lower case, spaces as
// underscores ("SOURCE SCALE"), older names by their current one.
func columnKey(h string) string {
	k := strings.ReplaceAll(strings.ToLower(h), " ", "_")
	if a, ok := aliases[k]; ok {
		return a
	}
	return k
}

// Parse maps one record (fields in header order) to an event. It sets every
// field but Raw, File and Line, which the caller fills.
//
// A bad value gives a *dossier.RowError naming the column: a missing
// event_id_cnty, an unparseable or impossible event_date, a time_precision
// other than 1–3, a latitude or longitude that is not a number or out of
// range, a fatalities count that is not a whole number ≥ 0. A row with
// nothing in it, or an HXL hashtag row (#event+code…) of HDX copies, gives
// dossier.ErrSkipRow. Records shorter or longer than the header are
// accepted: missing fields read as blank.
func (p *Parser) Parse(rec []string) (*dossier.Event, error) {
	id := p.field(rec, p.id)
	if strings.HasPrefix(id, "#") {
		return nil, dossier.ErrSkipRow
	}
	if id == "" {
		if blank(rec) {
			return nil, dossier.ErrSkipRow
		}
		return nil, p.bad(p.id, rec, "missing event id",
			"every ACLED row has an event_id_cnty such as BEN892; check that the row was not cut or shifted")
	}

	e := &dossier.Event{
		Source:   dossier.SourceACLED,
		SourceID: id,
		Licence:  dossier.LicenceACLED,
	}
	if err := p.parseDate(rec, e); err != nil {
		return nil, err
	}

	// Place.
	e.CountryName = p.field(rec, p.country)
	e.Country = p.countryCode(rec, e.CountryName)
	e.Admin1 = p.field(rec, p.admin1)
	e.Admin2 = p.field(rec, p.admin2)
	e.Place = p.field(rec, p.location)
	var err error
	if e.Latitude, err = p.coordinate(rec, p.lat, 90); err != nil {
		return nil, err
	}
	if e.Longitude, err = p.coordinate(rec, p.lon, 180); err != nil {
		return nil, err
	}
	e.GeoPrecision = code(p.field(rec, p.geoPrecision))

	// What happened.
	e.SourceType = p.field(rec, p.eventType)
	e.SourceSubtype = p.field(rec, p.subType)
	e.Type = eventType(e.SourceType, e.SourceSubtype)
	if p.subType >= 0 && e.SourceSubtype != "" {
		e.Suicide = dossier.Bool(strings.EqualFold(e.SourceSubtype, "Suicide bomb"))
	}

	// Who.
	actor1, actor2 := p.field(rec, p.actor1), p.field(rec, p.actor2)
	assoc1, assoc2 := p.field(rec, p.assoc1), p.field(rec, p.assoc2)
	e.Actors = make([]dossier.Actor, 0, 2+strings.Count(assoc1, ";")+strings.Count(assoc2, ";"))
	e.Actors = addActor(e.Actors, actor1, dossier.RolePerpetrator)
	e.Actors = addActors(e.Actors, assoc1, dossier.RoleAssociated)
	e.Actors = addActor(e.Actors, actor2, dossier.RoleTarget)
	e.Actors = addActors(e.Actors, assoc2, dossier.RoleTarget)
	if len(e.Actors) == 0 {
		e.Actors = nil
	}
	e.TargetCategories = targetCategories(
		interCode(p.field(rec, p.inter2)),
		strings.EqualFold(p.field(rec, p.civilianTargeting), "Civilian targeting"),
		actor2, assoc2)

	// How bad.
	if e.Fatalities, err = p.count(rec, p.fatalities); err != nil {
		return nil, err
	}

	e.Summary = p.field(rec, p.notes)
	e.Citations = split(p.field(rec, p.source), nil)

	for _, d := range p.details {
		if v := p.field(rec, d.index); v != "" {
			if e.Details == nil {
				e.Details = make(map[string]string, len(p.details))
			}
			e.Details[d.key] = v
		}
	}
	return e, nil
}

// field returns field i of rec, trimmed, with ACLED's missing-value marks
// (NA, N/A) read as "". A column the header lacks (i < 0) and a field past
// the end of a short record read as "".
func (p *Parser) field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	s := strings.TrimSpace(rec[i])
	if s == "NA" || s == "N/A" {
		return ""
	}
	return s
}

// raw returns field i of rec as written, for RowError.Value.
func raw(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return rec[i]
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// bad returns a RowError about column i of rec.
func (p *Parser) bad(i int, rec []string, reason, hint string) *dossier.RowError {
	e := &dossier.RowError{Value: raw(rec, i), Reason: reason, Hint: hint}
	if i >= 0 && i < len(p.names) {
		e.Column = p.names[i]
	}
	return e
}

// parseDate sets e's dates from event_date and time_precision.
//
// time_precision 1 is a known day. 2 means ACLED knows only the week: its
// codebook codes such events to a day within that week (often the middle, or
// the day a source reported it), so the event spans the seven days centred
// on the coded date (Date = coded date − 3 days, DateEnd = coded date + 3
// days). 3 means ACLED knows only the month (it codes the 15th, mostly): the
// event spans that whole month. For week and month precision the coded date
// is kept in Details["event_date"], as written. A blank time_precision (or
// a layout without one) reads as 1.
func (p *Parser) parseDate(rec []string, e *dossier.Event) error {
	s := p.field(rec, p.date)
	if s == "" {
		return p.bad(p.date, rec, "missing event date",
			"every ACLED row has an event_date; check that the row was not cut or shifted")
	}
	yearCol := -1
	if y := p.field(rec, p.year); y != "" {
		if n, ok := wholeNumber(y); ok {
			yearCol = n
		}
	}
	d, reason := parseDate(s, yearCol)
	if reason != "" {
		return p.bad(p.date, rec, reason,
			"ACLED writes dates as 28 December 2022, 2022-12-28, 6-Oct-18 or day/month/year (02/01/1997); fix the date or re-export the file from ACLED")
	}
	if yearCol >= 0 && d.Year() != yearCol {
		return p.bad(p.date, rec, fmt.Sprintf("date is in %d but column %s says %d", d.Year(), p.names[p.year], yearCol),
			"ACLED dates are day first (02/01/1997 is 2 January); a file re-saved with month-first dates cannot be read safely: re-export it from ACLED")
	}

	prec := 1
	if v := p.field(rec, p.precision); v != "" {
		n, ok := wholeNumber(v)
		if !ok || n < 1 || n > 3 {
			return p.bad(p.precision, rec, "unknown time precision",
				"ACLED's time_precision is 1 (day known), 2 (week known) or 3 (month known)")
		}
		prec = n
	}
	switch prec {
	case 1:
		e.Date, e.DateEnd, e.DatePrecision = d, d, dossier.PrecisionDay
	case 2:
		e.Date, e.DateEnd, e.DatePrecision = d.AddDate(0, 0, -3), d.AddDate(0, 0, 3), dossier.PrecisionWeek
	case 3:
		first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		e.Date, e.DateEnd, e.DatePrecision = first, first.AddDate(0, 1, -1), dossier.PrecisionMonth
	}
	if prec != 1 {
		e.Details = map[string]string{"event_date": s}
	}
	return nil
}

// countryCode returns the ISO 3166 alpha-3 code of the row's country: from
// the iso3 column, else from the numeric iso column, else from the country
// name; "" when none resolves. The codes win over the name: ACLED files
// carry a few rows whose country name is wrong but whose codes are right.
func (p *Parser) countryCode(rec []string, name string) string {
	if c, ok := country.ByISO3(p.field(rec, p.iso3)); ok {
		return c.ISO3
	}
	if v := p.field(rec, p.iso); v != "" {
		if n, ok := wholeNumber(v); ok && n > 0 {
			if c, ok := country.ByNumeric(n); ok {
				return c.ISO3
			}
		}
	}
	if name != "" {
		if c, ok := country.ByName(name); ok {
			return c.ISO3
		}
	}
	return ""
}

// coordinate parses a latitude (limit 90) or longitude (limit 180). A
// decimal comma, as some spreadsheets write, is accepted.
func (p *Parser) coordinate(rec []string, i int, limit float64) (*float64, error) {
	s := p.field(rec, i)
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		f, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	}
	if err != nil || math.IsNaN(f) {
		return nil, p.bad(i, rec, "not a number", "ACLED coordinates are decimal degrees such as 12.0455; NA when unknown")
	}
	if f < -limit || f > limit {
		return nil, p.bad(i, rec, fmt.Sprintf("out of range (−%g to %g)", limit, limit),
			"latitude and longitude may have been swapped or shifted; check the row against ACLED")
	}
	return &f, nil
}

// count parses a fatality count: a whole number ≥ 0 ("3", or "3.0" as a
// spreadsheet may write it); nil when blank or NA.
func (p *Parser) count(rec []string, i int) (*int, error) {
	s := p.field(rec, i)
	if s == "" {
		return nil, nil
	}
	n, ok := wholeNumber(s)
	if !ok || n < 0 {
		return nil, p.bad(i, rec, "not a whole number of fatalities",
			"ACLED fatalities are counts such as 0 or 12; leave NA or blank when unknown")
	}
	return &n, nil
}

// wholeNumber parses "12", "12.0" or " 12 " as 12.
func wholeNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}

// code normalises a numeric code written as "1.0" to "1"; other text is
// kept as written.
func code(s string) string {
	if s == "" {
		return ""
	}
	if _, err := strconv.Atoi(s); err == nil {
		return s
	}
	if n, ok := wholeNumber(s); ok {
		return strconv.Itoa(n)
	}
	return s
}

// split appends to out the ";"-separated parts of s, trimmed, without
// empty parts or NA.
func split(s string, out []string) []string {
	for s != "" {
		part, rest, _ := strings.Cut(s, ";")
		part = strings.TrimSpace(part)
		if part != "" && part != "NA" {
			out = append(out, part)
		}
		s = rest
	}
	return out
}

// addActor appends the actor named name, if any. A composite label ("A
// and/or B") is marked uncertain.
func addActor(actors []dossier.Actor, name string, role dossier.Role) []dossier.Actor {
	if name == "" {
		return actors
	}
	return append(actors, dossier.Actor{Name: name, Role: role, Uncertain: strings.Contains(name, " and/or ")})
}

// addActors appends each actor of a ";"-separated list.
func addActors(actors []dossier.Actor, list string, role dossier.Role) []dossier.Actor {
	for list != "" {
		name, rest, _ := strings.Cut(list, ";")
		name = strings.TrimSpace(name)
		if name != "NA" {
			actors = addActor(actors, name, role)
		}
		list = rest
	}
	return actors
}

func indexOf(header []string, name string) int {
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}
