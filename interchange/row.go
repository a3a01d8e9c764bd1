package interchange

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"dossier"
	"dossier/country"
)

// row is one record's values by field, from a CSV row or a JSON object.
type row struct {
	val     [nFields]string
	has     [nFields]bool     // the file (CSV header) or object (JSON) has the column
	list    [nFields][]string // values of a JSON array, for multi-valued fields
	isList  [nFields]bool
	details map[string]string
}

func (r *row) setDetail(name, v string) {
	if r.details == nil {
		r.details = make(map[string]string)
	}
	r.details[name] = v
}

// values returns the values of a multi-valued field: the JSON array (a
// JSON Lines array, or a CSV cell holding a JSON array of strings, which
// is how values containing the separator are written), or the text split
// on semicolons; trimmed, blanks dropped.
func (r *row) values(f field) []string {
	if r.isList[f] {
		return r.list[f]
	}
	s := r.val[f]
	if s == "" {
		return nil
	}
	var out []string
	if strings.HasPrefix(s, "[") && json.Unmarshal([]byte(s), &out) == nil {
		return slices.DeleteFunc(out, func(v string) bool { return strings.TrimSpace(v) == "" })
	}
	for s != "" {
		var v string
		if i := strings.Index(s, Separator); i >= 0 {
			v, s = s[:i], s[i+len(Separator):]
		} else {
			v, s = s, ""
		}
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func rowError(f field, value, reason, hint string) *dossier.RowError {
	return &dossier.RowError{Column: columnNames[f], Value: value, Reason: reason, Hint: hint}
}

// event builds the event from the row's values.
func (r *row) event() (*dossier.Event, error) {
	e := &dossier.Event{}
	v := &r.val

	if v[fSourceID] == "" {
		return nil, rowError(fSourceID, "", "source_id is missing",
			"give every row an id that is unique within its source, e.g. a row number or your log's reference")
	}
	e.SourceID = v[fSourceID]

	src, err := parseSource(v[fSource])
	if err != nil {
		return nil, err
	}
	e.Source = src
	e.SourceVersion = v[fSourceVersion]
	e.Licence = v[fLicence]

	if err := r.dates(e); err != nil {
		return nil, err
	}
	if err := r.country(e); err != nil {
		return nil, err
	}
	e.Admin1, e.Admin2, e.Place = v[fAdmin1], v[fAdmin2], v[fPlace]
	if err := r.coordinates(e); err != nil {
		return nil, err
	}
	e.GeoPrecision = v[fGeoPrecision]

	if v[fType] != "" {
		t, ok := parseType(v[fType])
		if !ok {
			return nil, rowError(fType, v[fType], "not a dossier event type",
				"use one of "+typeList()+", or leave blank for unknown")
		}
		e.Type = t
	}
	e.SourceType, e.SourceSubtype = v[fSourceType], v[fSourceSubtype]

	r.actors(e)
	for _, c := range r.values(fTargetCategory) {
		tc, ok := parseCategory(c)
		if !ok {
			return nil, rowError(fTargetCategory, c, "not a dossier target category",
				"use one of "+categoryList()+", separated by "+Separator)
		}
		e.TargetCategories = append(e.TargetCategories, tc)
	}

	for _, c := range [...]struct {
		f field
		p **int
	}{
		{fFatalities, &e.Fatalities}, {fFatalitiesLow, &e.FatalitiesLow}, {fFatalitiesHigh, &e.FatalitiesHigh},
		{fInjuries, &e.Injuries}, {fHostages, &e.Hostages},
	} {
		n, err := parseCount(c.f, v[c.f])
		if err != nil {
			return nil, err
		}
		*c.p = n
	}
	for _, c := range [...]struct {
		f field
		p **bool
	}{
		{fSuicide, &e.Suicide}, {fClaimed, &e.Claimed}, {fSuccess, &e.Success}, {fDoubtful, &e.Doubtful},
	} {
		b, err := parseBool(c.f, v[c.f])
		if err != nil {
			return nil, err
		}
		*c.p = b
	}

	e.Summary = v[fSummary]
	e.Citations = r.values(fCitation)

	if err := r.mergeDetails(); err != nil {
		return nil, err
	}
	if len(r.details) > 0 {
		e.Details = r.details
	}
	return e, nil
}

// parseSource returns the row's source: "user" when blank, otherwise the
// name in lower case, made of letters, digits, '_', '-' and '.'.
func parseSource(s string) (dossier.Source, error) {
	if s == "" {
		return dossier.SourceUser, nil
	}
	if len(s) > 64 {
		return "", rowError(fSource, s, "source name longer than 64 characters",
			"name your source with a short word such as mylog, or leave blank for user")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return "", rowError(fSource, s, "a source name may hold only letters, digits, '_', '-' and '.'",
				"name your source with a short word such as mylog, or leave blank for user")
		}
	}
	return dossier.Source(strings.ToLower(s)), nil
}

// dates sets Date, DateEnd and DatePrecision from date, date_end and
// date_precision.
func (r *row) dates(e *dossier.Event) error {
	v := &r.val
	if v[fDate] == "" {
		return rowError(fDate, "", "date is missing",
			"write the day as YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known")
	}
	start, end, prec, ok := parseDate(v[fDate])
	if !ok {
		return rowError(fDate, v[fDate], "not a date in the form YYYY-MM-DD, YYYY-MM or YYYY",
			"write the day as YYYY-MM-DD, e.g. 2021-08-26, or YYYY-MM / YYYY when only the month or year is known")
	}
	if v[fDateEnd] != "" {
		_, last, _, ok := parseDate(v[fDateEnd])
		if !ok {
			return rowError(fDateEnd, v[fDateEnd], "not a date in the form YYYY-MM-DD, YYYY-MM or YYYY",
				"write the last day the event may have happened on, e.g. 2021-08-31, or leave blank")
		}
		if last.Before(start) {
			return rowError(fDateEnd, v[fDateEnd], "date_end is before date",
				"date_end is the last day the event may have happened on; swap the two or leave date_end blank")
		}
		end = last
	}
	if s := v[fDatePrecision]; s != "" {
		p, ok := parsePrecision(s)
		if !ok {
			return rowError(fDatePrecision, s, "not a date precision", "use day, week, month or year, or leave blank")
		}
		if precisionRank(p) < precisionRank(prec) {
			return rowError(fDatePrecision, s, "date_precision is finer than the date "+v[fDate]+" is written",
				"write the full date YYYY-MM-DD, or leave date_precision blank")
		}
		prec = p
	}
	e.Date, e.DateEnd, e.DatePrecision = start, end, prec
	return nil
}

// parseDate parses YYYY-MM-DD, YYYY-MM or YYYY (month and day may have one
// digit) into the first and last day it covers and its precision.
func parseDate(s string) (first, last time.Time, p dossier.Precision, ok bool) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return first, last, "", false
	}
	var n [3]int
	for i, part := range parts {
		if len(part) == 0 || len(part) > 4 || i > 0 && len(part) > 2 {
			return first, last, "", false
		}
		for j := 0; j < len(part); j++ {
			if part[j] < '0' || part[j] > '9' {
				return first, last, "", false
			}
			n[i] = n[i]*10 + int(part[j]-'0')
		}
	}
	y := n[0]
	if y < 1000 {
		return first, last, "", false
	}
	switch len(parts) {
	case 1:
		first = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return first, time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), dossier.PrecisionYear, true
	case 2:
		if n[1] < 1 || n[1] > 12 {
			return first, last, "", false
		}
		first = time.Date(y, time.Month(n[1]), 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(0, 1, -1), dossier.PrecisionMonth, true
	}
	if n[1] < 1 || n[1] > 12 || n[2] < 1 {
		return first, last, "", false
	}
	first = time.Date(y, time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if first.Day() != n[2] {
		return time.Time{}, last, "", false // 2021-02-30
	}
	return first, first, dossier.PrecisionDay, true
}

func parsePrecision(s string) (dossier.Precision, bool) {
	switch p := dossier.Precision(strings.ToLower(s)); p {
	case dossier.PrecisionDay, dossier.PrecisionWeek, dossier.PrecisionMonth, dossier.PrecisionYear:
		return p, true
	}
	return "", false
}

func precisionRank(p dossier.Precision) int {
	switch p {
	case dossier.PrecisionDay:
		return 0
	case dossier.PrecisionWeek:
		return 1
	case dossier.PrecisionMonth:
		return 2
	}
	return 3
}

// country sets Country and CountryName. A present country_name column
// gives CountryName verbatim; without one, CountryName is the name as the
// user wrote it, or the country's English name for a code.
func (r *row) country(e *dossier.Event) error {
	s := r.val[fCountry]
	if s != "" {
		c, ok := country.Lookup(s)
		if !ok {
			return rowError(fCountry, s, "not a country dossier knows",
				"use the ISO 3166 alpha-3 code (e.g. AFG) or the English name; leave country blank and write the name in country_name when it has no code")
		}
		e.Country = c.ISO3
		if !r.has[fCountryName] {
			if _, isCode := country.ByISO3(s); isCode {
				e.CountryName = c.Name
			} else {
				e.CountryName = s
			}
		}
	}
	if r.has[fCountryName] {
		e.CountryName = r.val[fCountryName]
	}
	return nil
}

func (r *row) coordinates(e *dossier.Event) error {
	lat, long := r.val[fLatitude], r.val[fLongitude]
	if lat == "" && long == "" {
		return nil
	}
	if lat == "" || long == "" {
		missing, given := fLatitude, fLongitude
		if lat != "" {
			missing, given = fLongitude, fLatitude
		}
		return rowError(missing, "", columnNames[missing]+" is missing while "+columnNames[given]+" is given",
			"give both latitude and longitude in decimal degrees, or neither")
	}
	la, err := strconv.ParseFloat(lat, 64)
	if err != nil || math.IsNaN(la) || la < -90 || la > 90 {
		return rowError(fLatitude, lat, "not a latitude between -90 and 90",
			"write decimal degrees with a point, e.g. 34.5167 (south is negative)")
	}
	lo, err := strconv.ParseFloat(long, 64)
	if err != nil || math.IsNaN(lo) || lo < -180 || lo > 180 {
		return rowError(fLongitude, long, "not a longitude between -180 and 180",
			"write decimal degrees with a point, e.g. 69.1833 (west is negative)")
	}
	e.Latitude, e.Longitude = dossier.Float(la), dossier.Float(lo)
	return nil
}

// normValue normalises a type or category value: lower case, spaces and
// hyphens as underscores.
func normValue(s string) string { return normName(s) }

func parseType(s string) (dossier.EventType, bool) {
	t := dossier.EventType(normValue(s))
	for _, x := range eventTypes {
		if x == t {
			return t, true
		}
	}
	return "", false
}

func parseCategory(s string) (dossier.TargetCategory, bool) {
	c := dossier.TargetCategory(normValue(s))
	for _, x := range targetCategories {
		if x == c {
			return c, true
		}
	}
	return "", false
}

func typeList() string {
	s := make([]string, len(eventTypes))
	for i, t := range eventTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

func categoryList() string {
	s := make([]string, len(targetCategories))
	for i, c := range targetCategories {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// actors adds perpetrators (uncertain when named in
// uncertain_perpetrator), associated actors and targets, in that order.
func (r *row) actors(e *dossier.Event) {
	perps := r.values(fPerpetrator)
	uncertain := r.values(fUncertainPerpetrator)
	isUncertain := func(name string) bool {
		for _, u := range uncertain {
			if u == name {
				return true
			}
		}
		return false
	}
	for _, n := range perps {
		e.Actors = append(e.Actors, dossier.Actor{Name: n, Role: dossier.RolePerpetrator, Uncertain: isUncertain(n)})
	}
	for _, u := range uncertain {
		found := false
		for _, n := range perps {
			if n == u {
				found = true
				break
			}
		}
		if !found { // named only as uncertain: still a perpetrator
			e.Actors = append(e.Actors, dossier.Actor{Name: u, Role: dossier.RolePerpetrator, Uncertain: true})
		}
	}
	for _, n := range r.values(fAssociated) {
		e.Actors = append(e.Actors, dossier.Actor{Name: n, Role: dossier.RoleAssociated})
	}
	for _, n := range r.values(fTarget) {
		e.Actors = append(e.Actors, dossier.Actor{Name: n, Role: dossier.RoleTarget})
	}
}

// parseCount parses a non-negative whole number; blank is unknown (nil).
// "3.0" is accepted as 3.
func parseCount(f field, s string) (*int, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		x, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || x != math.Trunc(x) || math.IsInf(x, 0) || x > math.MaxInt32 || x < math.MinInt32 {
			return nil, rowError(f, s, "not a whole number",
				"write a count such as 12 without separators, or leave blank when unknown")
		}
		n = int(x)
	}
	if n < 0 || n > math.MaxInt32 {
		return nil, rowError(f, s, "not a count of 0 or more",
			"leave the value blank when unknown: codes such as -99 or -9 are not counts")
	}
	return &n, nil
}

// parseBool parses true/false, yes/no and 1/0 in any case; blank is nil.
func parseBool(f field, s string) (*bool, error) {
	switch strings.ToLower(s) {
	case "":
		return nil, nil
	case "true", "yes", "1":
		return dossier.Bool(true), nil
	case "false", "no", "0":
		return dossier.Bool(false), nil
	}
	return nil, rowError(f, s, "not a yes/no value", "write true or false (yes/no and 1/0 also work), or leave blank when unknown")
}

// mergeDetails adds the details column to the row's details: a JSON
// object is merged (columns of their own win), any other text is kept as
// the detail "details".
func (r *row) mergeDetails() error {
	s := r.val[fDetails]
	if s == "" {
		return nil
	}
	if s[0] != '{' {
		if _, ok := r.details[columnNames[fDetails]]; !ok {
			r.setDetail(columnNames[fDetails], s)
		}
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return rowError(fDetails, s, "starts with { but is not a JSON object",
			`write details as a JSON object of strings, e.g. {"weapon":"rifle"}, or as plain text not starting with {`)
	}
	for k, raw := range m {
		v, ok := scalarText(raw)
		if !ok {
			v = string(compact(raw))
		}
		if v == "" && isNull(raw) {
			continue
		}
		if _, exists := r.details[k]; !exists {
			r.setDetail(k, v)
		}
	}
	return nil
}
