package report

import (
	"context"
	"fmt"
	"time"

	"dossier"
	"dossier/metrics"
)

// GTIQuery says which year to score, from which sources, under which
// rules.
type GTIQuery struct {
	Year    int
	Sources []dossier.Source
	Options *metrics.Options
}

// GTIReport is every country's Global Terrorism Index score for a year.
type GTIReport struct {
	Year int `json:"year"`
	// Max is M, the largest weighted value of any country in any year of
	// the data: the value that scores 10.
	Max       float64                `json:"max_weighted"`
	Countries []metrics.CountryScore `json:"countries"`
	Explain   map[string]string      `json:"explain"`
}

// GTI scores every country with incidents in the five years up to
// q.Year. A year outside the data is an ENotFound *dossier.Error.
func GTI(ctx context.Context, s Store, q GTIQuery) (*GTIReport, error) {
	o := metrics.DefaultOptions()
	if q.Options != nil {
		o = *q.Options
	}
	if q.Year < 1 || q.Year > 9999 {
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("year %d", q.Year), Hint: "give a year such as 2021"}
	}
	totals, err := s.IncidentTotals(ctx, attackFilter(Query{Sources: q.Sources}, o, time.Time{}, time.Time{}, nil))
	if err != nil {
		return nil, err
	}
	byCountry := map[string]map[int]metrics.YearTotals{}
	first, last := 0, 0
	for _, t := range totals {
		m := byCountry[t.Country]
		if m == nil {
			m = map[int]metrics.YearTotals{}
			byCountry[t.Country] = m
		}
		m[t.Year] = metrics.YearTotals{Incidents: float64(t.Incidents), Deaths: float64(t.Deaths),
			Injuries: float64(t.Injuries), Hostages: float64(t.Hostages)}
		if first == 0 || t.Year < first {
			first = t.Year
		}
		last = max(last, t.Year)
	}
	if len(byCountry) == 0 {
		return nil, &dossier.Error{Code: dossier.ENotFound, Message: "no incidents in the database",
			Hint: "import GTD, ACLED or UCDP files first (`dossier import FILE`)"}
	}
	if q.Year < first || q.Year > last+len(metrics.YearWeights)-1 {
		return nil, &dossier.Error{Code: dossier.ENotFound,
			Message: fmt.Sprintf("no incidents in the five years up to %d: the data runs from %d to %d", q.Year, first, last),
			Hint:    fmt.Sprintf("give a year from %d to %d", first, last)}
	}
	scores := metrics.GTI(byCountry, q.Year)
	m := metrics.MaxWeighted(byCountry)
	return &GTIReport{Year: q.Year, Max: m, Countries: scores, Explain: map[string]string{
		"incidents": "events counted as terrorism incidents of their country by the rules of docs/METHODS.md (GTD incidents; ACLED violence against civilians and explosions/remote violence by non-state actors; UCDP one-sided violence by non-state actors; " + countingRules(o) + ")",
		"raw":       "raw(year) = incidents + 3·deaths + 0.5·injuries + 0.5·hostages, over the incidents of the year",
		"weighted":  fmt.Sprintf("w = (16·raw(%d) + 8·raw(%d) + 4·raw(%d) + 2·raw(%d) + raw(%d)) / 5", q.Year, q.Year-1, q.Year-2, q.Year-3, q.Year-4),
		"score":     fmt.Sprintf("score = 10·ln(1+w)/ln(1+M), M = %.3f, the largest weighted value of any country in any year of the data (%d–%d); capped at 10, rounded to three decimals; tied scores share a rank", m, first, last),
	}}, nil
}
