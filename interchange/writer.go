package interchange

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"dossier"
)

const dateLayout = "2006-01-02"

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// lists holds an event's multi-valued fields.
type lists struct {
	perpetrator, uncertain, associated, target, category, citation []string
}

func eventLists(e *dossier.Event) lists {
	var l lists
	for _, a := range e.Actors {
		if a.Name == "" {
			continue
		}
		switch a.Role {
		case dossier.RolePerpetrator:
			l.perpetrator = append(l.perpetrator, a.Name)
			if a.Uncertain {
				l.uncertain = append(l.uncertain, a.Name)
			}
		case dossier.RoleAssociated:
			l.associated = append(l.associated, a.Name)
		case dossier.RoleTarget:
			l.target = append(l.target, a.Name)
		}
	}
	for _, c := range e.TargetCategories {
		l.category = append(l.category, string(c))
	}
	for _, c := range e.Citations {
		if c != "" {
			l.citation = append(l.citation, c)
		}
	}
	return l
}

func formatInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func formatFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func formatBool(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}

// CSVWriter writes events as interchange CSV: a header of Columns, then
// one row per event. Multi-valued fields are joined with Separator.
type CSVWriter struct {
	w      *csv.Writer
	header bool
	rec    []string
}

// NewCSVWriter returns a writer of interchange CSV to w. Call Flush when
// done: it writes the header even when no event was written.
func NewCSVWriter(w io.Writer) *CSVWriter {
	return &CSVWriter{w: csv.NewWriter(w), rec: make([]string, nFields)}
}

func (w *CSVWriter) writeHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	return w.w.Write(columnNames[:])
}

// Write writes one event. Multi-valued fields are joined with Separator;
// when a value contains Separator (or the joined text would read as JSON)
// the cell holds a JSON array of strings instead, which Parse reads back.
func (w *CSVWriter) Write(e *dossier.Event) error {
	l := eventLists(e)
	if err := w.writeHeader(); err != nil {
		return err
	}
	r := w.rec
	join := func(v []string) string {
		s := strings.Join(v, Separator)
		if len(v) > 0 && (strings.HasPrefix(s, "[") || slices.ContainsFunc(v, func(x string) bool { return strings.Contains(x, Separator) })) {
			b, _ := json.Marshal(v) // strings always marshal
			return string(b)
		}
		return s
	}
	r[fSource] = string(e.Source)
	r[fSourceID] = e.SourceID
	r[fSourceVersion] = e.SourceVersion
	r[fLicence] = e.Licence
	r[fDate] = formatDate(e.Date)
	r[fDateEnd] = formatDate(e.DateEnd)
	r[fDatePrecision] = string(e.DatePrecision)
	r[fCountry] = e.Country
	r[fCountryName] = e.CountryName
	r[fAdmin1] = e.Admin1
	r[fAdmin2] = e.Admin2
	r[fPlace] = e.Place
	r[fLatitude] = formatFloat(e.Latitude)
	r[fLongitude] = formatFloat(e.Longitude)
	r[fGeoPrecision] = e.GeoPrecision
	r[fType] = string(e.Type)
	r[fSourceType] = e.SourceType
	r[fSourceSubtype] = e.SourceSubtype
	r[fPerpetrator] = join(l.perpetrator)
	r[fUncertainPerpetrator] = join(l.uncertain)
	r[fAssociated] = join(l.associated)
	r[fTarget] = join(l.target)
	r[fTargetCategory] = join(l.category)
	r[fFatalities] = formatInt(e.Fatalities)
	r[fFatalitiesLow] = formatInt(e.FatalitiesLow)
	r[fFatalitiesHigh] = formatInt(e.FatalitiesHigh)
	r[fInjuries] = formatInt(e.Injuries)
	r[fHostages] = formatInt(e.Hostages)
	r[fSuicide] = formatBool(e.Suicide)
	r[fClaimed] = formatBool(e.Claimed)
	r[fSuccess] = formatBool(e.Success)
	r[fDoubtful] = formatBool(e.Doubtful)
	r[fSummary] = e.Summary
	r[fCitation] = join(l.citation)
	r[fDetails] = ""
	if len(e.Details) > 0 {
		b, err := marshal(e.Details)
		if err != nil {
			return err
		}
		r[fDetails] = string(b)
	}
	return w.w.Write(r)
}

// Flush writes the header if no event was written, and any buffered data
// to the underlying writer. It returns the first error met while writing.
func (w *CSVWriter) Flush() error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.w.Flush()
	return w.w.Error()
}

// jsonEvent is an event as one JSON Lines object, fields in column order.
// Unknown values are left out, except country and country_name, which are
// always written (country_name is derived from country only when absent).
type jsonEvent struct {
	Source               string            `json:"source"`
	SourceID             string            `json:"source_id"`
	SourceVersion        string            `json:"source_version,omitempty"`
	Licence              string            `json:"licence,omitempty"`
	Date                 string            `json:"date"`
	DateEnd              string            `json:"date_end,omitempty"`
	DatePrecision        string            `json:"date_precision,omitempty"`
	Country              string            `json:"country"`
	CountryName          string            `json:"country_name"`
	Admin1               string            `json:"admin1,omitempty"`
	Admin2               string            `json:"admin2,omitempty"`
	Place                string            `json:"place,omitempty"`
	Latitude             *float64          `json:"latitude,omitempty"`
	Longitude            *float64          `json:"longitude,omitempty"`
	GeoPrecision         string            `json:"geo_precision,omitempty"`
	Type                 string            `json:"type,omitempty"`
	SourceType           string            `json:"source_type,omitempty"`
	SourceSubtype        string            `json:"source_subtype,omitempty"`
	Perpetrator          []string          `json:"perpetrator,omitempty"`
	UncertainPerpetrator []string          `json:"uncertain_perpetrator,omitempty"`
	Associated           []string          `json:"associated,omitempty"`
	Target               []string          `json:"target,omitempty"`
	TargetCategory       []string          `json:"target_category,omitempty"`
	Fatalities           *int              `json:"fatalities,omitempty"`
	FatalitiesLow        *int              `json:"fatalities_low,omitempty"`
	FatalitiesHigh       *int              `json:"fatalities_high,omitempty"`
	Injuries             *int              `json:"injuries,omitempty"`
	Hostages             *int              `json:"hostages,omitempty"`
	Suicide              *bool             `json:"suicide,omitempty"`
	Claimed              *bool             `json:"claimed,omitempty"`
	Success              *bool             `json:"success,omitempty"`
	Doubtful             *bool             `json:"doubtful,omitempty"`
	Summary              string            `json:"summary,omitempty"`
	Citation             []string          `json:"citation,omitempty"`
	Details              map[string]string `json:"details,omitempty"`
}

// JSONLWriter writes events as interchange JSON Lines: one object per
// line, multi-valued fields as arrays, unknown values left out.
type JSONLWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewJSONLWriter returns a writer of interchange JSON Lines to w. Call
// Flush when done.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONLWriter{w: bw, enc: enc}
}

// Write writes one event as one line. Errors come from the underlying
// writer.
func (w *JSONLWriter) Write(e *dossier.Event) error {
	l := eventLists(e)
	return w.enc.Encode(&jsonEvent{
		Source: string(e.Source), SourceID: e.SourceID, SourceVersion: e.SourceVersion, Licence: e.Licence,
		Date: formatDate(e.Date), DateEnd: formatDate(e.DateEnd), DatePrecision: string(e.DatePrecision),
		Country: e.Country, CountryName: e.CountryName, Admin1: e.Admin1, Admin2: e.Admin2, Place: e.Place,
		Latitude: e.Latitude, Longitude: e.Longitude, GeoPrecision: e.GeoPrecision,
		Type: string(e.Type), SourceType: e.SourceType, SourceSubtype: e.SourceSubtype,
		Perpetrator: l.perpetrator, UncertainPerpetrator: l.uncertain, Associated: l.associated, Target: l.target,
		TargetCategory: l.category,
		Fatalities:     e.Fatalities, FatalitiesLow: e.FatalitiesLow, FatalitiesHigh: e.FatalitiesHigh,
		Injuries: e.Injuries, Hostages: e.Hostages,
		Suicide: e.Suicide, Claimed: e.Claimed, Success: e.Success, Doubtful: e.Doubtful,
		Summary: e.Summary, Citation: l.citation, Details: e.Details,
	})
}

// Flush writes any buffered data to the underlying writer.
func (w *JSONLWriter) Flush() error { return w.w.Flush() }

// marshal encodes v as compact JSON without HTML escaping.
func marshal(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}
