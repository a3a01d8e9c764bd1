package metrics

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"dossier"
)

// MaxOverlapExamples is the number of example pairs kept per pair of
// sources.
const MaxOverlapExamples = 5

// Overlaps warns of attacks that two sources may both have recorded.
type Overlaps struct {
	// PossibleDuplicates is the number of pairs of counted attacks from
	// two different sources, in the same country and first-level division,
	// whose dates are at most OverlapDays apart.
	PossibleDuplicates int `json:"possible_duplicates"`
	// Attacks is the number of distinct attacks in those pairs.
	Attacks int           `json:"attacks"`
	Pairs   []OverlapPair `json:"pairs,omitempty"`
	Warning string        `json:"warning,omitempty"`
	Explain string        `json:"explain"`
}

// OverlapPair counts possible duplicates between two sources.
type OverlapPair struct {
	Sources [2]dossier.Source `json:"sources"`
	Pairs   int               `json:"pairs"`
	// Examples are up to MaxOverlapExamples pairs of event keys.
	Examples [][2]string `json:"examples"`
}

// findOverlaps flags pairs of attacks of different sources in the same
// country and admin1 (both given and equal, in any case) whose date
// ranges are at most days apart.
func findOverlaps(attacks []*dossier.Event, days int) Overlaps {
	ov := Overlaps{Explain: fmt.Sprintf("pairs of counted attacks from two different sources with the same country and the same first-level division (compared without case or surrounding spaces; attacks without one are not compared) whose date ranges are at most %d day(s) apart: each may be one attack recorded twice, so totals over several sources may double count", days)}
	buckets := map[string][]*dossier.Event{}
	for _, e := range attacks {
		a := strings.ToLower(strings.TrimSpace(e.Admin1))
		if e.Country == "" || a == "" {
			continue
		}
		k := e.Country + "\x00" + a
		buckets[k] = append(buckets[k], e)
	}
	slack := time.Duration(days) * 24 * time.Hour
	pairs := map[[2]dossier.Source]*OverlapPair{}
	involved := map[*dossier.Event]bool{}
	for _, b := range buckets {
		if len(b) < 2 {
			continue
		}
		sort.Slice(b, func(i, j int) bool { return b[i].Date.Before(b[j].Date) })
		for i, e := range b {
			end := endOf(e).Add(slack)
			for _, f := range b[i+1:] {
				if dayOf(f.Date).After(end) {
					break
				}
				if f.Source == e.Source {
					continue
				}
				a, c := e, f
				if c.Source < a.Source {
					a, c = c, a
				}
				k := [2]dossier.Source{a.Source, c.Source}
				p := pairs[k]
				if p == nil {
					p = &OverlapPair{Sources: k}
					pairs[k] = p
				}
				p.Pairs++
				if len(p.Examples) < MaxOverlapExamples {
					p.Examples = append(p.Examples, [2]string{a.Key(), c.Key()})
				}
				ov.PossibleDuplicates++
				involved[e], involved[f] = true, true
			}
		}
	}
	ov.Attacks = len(involved)
	for _, p := range pairs {
		ov.Pairs = append(ov.Pairs, *p)
	}
	sort.Slice(ov.Pairs, func(i, j int) bool {
		a, b := ov.Pairs[i].Sources, ov.Pairs[j].Sources
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		return a[1] < b[1]
	})
	if ov.PossibleDuplicates > 0 {
		ov.Warning = fmt.Sprintf("%d attacks form %d pairs across sources on nearby dates in the same province: some may be the same attack counted twice", ov.Attacks, ov.PossibleDuplicates)
	}
	return ov
}

// endOf returns the last possible day of e (its first when DateEnd is
// unset or earlier).
func endOf(e *dossier.Event) time.Time {
	if e.DateEnd.After(e.Date) {
		return dayOf(e.DateEnd)
	}
	return dayOf(e.Date)
}
