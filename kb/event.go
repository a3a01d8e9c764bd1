package kb

import (
	"fmt"
	"strings"
	"time"

	"dossier"
	"dossier/country"

	"gopkg.in/yaml.v3"
)

// Licence is the licence recorded on curated events.
const Licence = "dossier curated knowledge base (facts with citations)"

// ParseDate reads a date written as YYYY, YYYY-MM or YYYY-MM-DD and
// returns the first and last day it may mean and its precision. An error
// says what is wrong with the date.
func ParseDate(s string) (start, end time.Time, p dossier.Precision, err error) {
	switch len(s) {
	case 4:
		start, err = time.Parse("2006", s)
		p = dossier.PrecisionYear
		end = start.AddDate(1, 0, -1)
	case 7:
		start, err = time.Parse("2006-01", s)
		p = dossier.PrecisionMonth
		end = start.AddDate(0, 1, -1)
	case 10:
		start, err = time.Parse("2006-01-02", s)
		p = dossier.PrecisionDay
		end = start
	default:
		err = fmt.Errorf("want YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if err != nil {
		return time.Time{}, time.Time{}, "", fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return start, end, p, nil
}

// ToEvent returns the curated event as a dossier.Event: source curated,
// source id the event's id, the group as its perpetrator, and the cited
// documents (URL, or title where there is none) as its citations. Raw is
// the event as written in YAML. A date that does not parse leaves Date
// zero and DatePrecision empty (Validate reports it).
func (d *EventDoc) ToEvent() *dossier.Event {
	e := &dossier.Event{
		Source:           dossier.SourceCurated,
		SourceID:         d.ID,
		Licence:          Licence,
		Country:          strings.ToUpper(d.Country),
		Admin1:           d.Admin1,
		Admin2:           d.Admin2,
		Place:            d.Place,
		Latitude:         copyFloat(d.Latitude),
		Longitude:        copyFloat(d.Longitude),
		Type:             d.Type,
		TargetCategories: append([]dossier.TargetCategory(nil), d.TargetCategories...),
		Fatalities:       copyInt(d.Fatalities),
		FatalitiesLow:    copyInt(d.FatalitiesLow),
		FatalitiesHigh:   copyInt(d.FatalitiesHigh),
		Injuries:         copyInt(d.Injuries),
		Hostages:         copyInt(d.Hostages),
		Suicide:          copyBool(d.Suicide),
		Claimed:          copyBool(d.Claimed),
		Summary:          d.Summary,
	}
	if start, end, p, err := ParseDate(d.Date); err == nil {
		e.Date, e.DateEnd, e.DatePrecision = start, end, p
	}
	if c, ok := country.ByISO3(d.Country); ok {
		e.CountryName = c.Name
	}
	if d.GroupName != "" || d.GroupID != "" {
		name := d.GroupName
		if name == "" {
			name = d.GroupID
		}
		e.Actors = []dossier.Actor{{Name: name, Role: dossier.RolePerpetrator, GroupID: d.GroupID, Confidence: 1, Rule: "curated"}}
	}
	for _, id := range d.Citations {
		e.Citations = append(e.Citations, citationText(id, d.Sources))
	}
	raw := *d
	raw.Sources = nil
	if b, err := yaml.Marshal(&raw); err == nil {
		e.Raw = string(b)
	}
	return e
}

// citationText is how an event cites a document: its URL, or its title
// and reference, or the bare id when the citation is unknown.
func citationText(id string, sources []dossier.Citation) string {
	for _, c := range sources {
		if c.ID != id {
			continue
		}
		if c.URL != "" {
			return c.URL
		}
		t := c.Title
		if c.Publisher != "" {
			t += ", " + c.Publisher
		}
		if c.Reference != "" {
			t += " (" + c.Reference + ")"
		}
		return t
	}
	return id
}

func copyInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func copyFloat(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func copyBool(p *bool) *bool {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
