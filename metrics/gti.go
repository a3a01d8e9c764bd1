package metrics

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"dossier"
	"dossier/country"
)

// MaxGTI is the highest GTI score.
const MaxGTI = 10.0

// CountryScore is one country's GTI score for a year.
type CountryScore struct {
	Rank     int     `json:"rank"` // tied scores share a rank: 1, 2, 2, 4
	ISO3     string  `json:"iso3"`
	Name     string  `json:"name,omitempty"`
	Score    float64 `json:"score"`    // 0–10, three decimals
	Weighted float64 `json:"weighted"` // the five-year weighted value w
	// The scored year's own totals.
	Incidents float64 `json:"incidents"`
	Deaths    float64 `json:"deaths"`
	Injuries  float64 `json:"injuries"`
	Hostages  float64 `json:"hostages"`
	Explain   string  `json:"explain"`
}

// GTI scores every country in byCountry (ISO alpha-3 → year → totals) for
// year, by the formula of docs/METHODS.md: w is the weighted value of
// ImpactScore, M the largest weighted value of any country in any year of
// the data, and score = 10·ln(1+w)/ln(1+M), capped at 10 and rounded to
// three decimals (0 for every country when M is 0). Countries are ordered
// by score, highest first, then by code; equal scores share a rank.
func GTI(byCountry map[string]map[int]YearTotals, year int) []CountryScore {
	return GTIScale(byCountry, year, 0)
}

// GTIScale is GTI with M given: max > 0 fixes the weighted value that
// scores 10 (to score against another edition's scale); max ≤ 0 takes M
// from the data as GTI does. Countries whose weighted value exceeds a
// fixed M score 10.
func GTIScale(byCountry map[string]map[int]YearTotals, year int, max float64) []CountryScore {
	m := max
	if m <= 0 {
		m = MaxWeighted(byCountry)
	}
	out := make([]CountryScore, 0, len(byCountry))
	for iso, yearly := range byCountry {
		w := weighted(yearly, year)
		t := yearly[year]
		s := 0.0
		if m > 0 {
			s = math.Min(MaxGTI, MaxGTI*math.Log1p(w)/math.Log1p(m))
		}
		s = round3(s)
		cs := CountryScore{
			ISO3: iso, Score: s, Weighted: w,
			Incidents: t.Incidents, Deaths: t.Deaths, Injuries: t.Injuries, Hostages: t.Hostages,
			Explain: fmt.Sprintf("score = min(10, 10·ln(1+w)/ln(1+M)) = min(10, 10·ln(1+%g)/ln(1+%g)) = %g, rounded to three decimals; w is the five-year weighted value for %d", w, m, s, year),
		}
		if c, ok := country.ByISO3(iso); ok {
			cs.Name = c.Name
		}
		out = append(out, cs)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ISO3 < out[j].ISO3
	})
	for i := range out {
		if i > 0 && out[i].Score == out[i-1].Score {
			out[i].Rank = out[i-1].Rank
		} else {
			out[i].Rank = i + 1
		}
	}
	return out
}

// MaxWeighted returns M: the largest weighted value of any country in any
// year of the data (every year that any country has totals for).
func MaxWeighted(byCountry map[string]map[int]YearTotals) float64 {
	years := map[int]bool{}
	for _, yearly := range byCountry {
		for y := range yearly {
			years[y] = true
		}
	}
	var m float64
	for _, yearly := range byCountry {
		for y := range years {
			if w := weighted(yearly, y); w > m {
				m = w
			}
		}
	}
	return m
}

// IsIncident reports whether e counts as a terrorism incident of its
// country for the country GTI, whoever committed it: a GTD incident (not
// a doubtful one with ExcludeDoubtful); an ACLED violence against
// civilians or explosions/remote violence event whose actor1 is not state
// or external forces (inter1 1 or 8); a UCDP one-sided violence event
// whose side A is no government; a curated, user or other source's
// violent event. GDELT and article extractions count only when
// o.Sources lets them in, by the last rule.
func IsIncident(e *dossier.Event, o Options) bool {
	if e == nil {
		return false
	}
	if ok, set := o.Sources[e.Source]; set && !ok {
		return false
	}
	if o.ExcludeDoubtful && e.Doubtful != nil && *e.Doubtful {
		return false
	}
	switch e.Source {
	case dossier.SourceGTD:
		return true
	case dossier.SourceACLED:
		switch e.Type {
		case dossier.TypeArmedAssault, dossier.TypeKidnapping, dossier.TypeSexualViolence,
			dossier.TypeBombing, dossier.TypeRemoteViolence:
		default:
			return false
		}
		switch strings.ToLower(strings.TrimSpace(e.Details["inter1"])) {
		case "1", "1.0", "8", "8.0":
			return false
		}
		i := strings.ToLower(e.Details["inter1"])
		return !strings.HasPrefix(i, "state forces") && !strings.HasPrefix(i, "external")
	case dossier.SourceUCDP:
		if ucdpType(e) != 3 {
			return false
		}
		for _, a := range e.Actors {
			if a.Role == dossier.RolePerpetrator && strings.HasPrefix(strings.ToLower(a.Name), "government of") {
				return false
			}
		}
		return true
	}
	return violent(e.Type)
}

// CountryYearTotals sums, per country (ISO alpha-3) and year, the
// incidents for which IsIncident holds and their deaths (best estimate),
// injuries and hostages, unknown counts adding nothing: the input of
// GTI. Events without a country are left out.
func CountryYearTotals(events []*dossier.Event, o Options) map[string]map[int]YearTotals {
	out := map[string]map[int]YearTotals{}
	for _, e := range events {
		if e == nil || e.Country == "" || !IsIncident(e, o) {
			continue
		}
		m := out[e.Country]
		if m == nil {
			m = map[int]YearTotals{}
			out[e.Country] = m
		}
		t := m[e.Date.Year()]
		t.add(yearTotalsOf(e, e.Fatalities))
		m[e.Date.Year()] = t
	}
	return out
}
