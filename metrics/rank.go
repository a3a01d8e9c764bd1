package metrics

import (
	"fmt"
	"sort"
	"strings"

	"dossier"
)

// GroupTotals are a group's totals over a window, the input of Rank.
// GroupID "" stands for unattributed attacks.
type GroupTotals struct {
	GroupID  string  `json:"group_id"`
	Name     string  `json:"name,omitempty"`
	Attacks  int     `json:"attacks"`
	Deaths   int     `json:"deaths"`
	Injuries int     `json:"injuries"`
	Hostages int     `json:"hostages"`
	Impact   float64 `json:"impact"` // the five-year weighted value (ImpactScore)
}

// Lethality is deaths per attack, 0 when there are no attacks.
func (g GroupTotals) Lethality() float64 {
	if g.Attacks == 0 {
		return 0
	}
	return float64(g.Deaths) / float64(g.Attacks)
}

// Rank keys: what Rank can order groups by.
const (
	ByAttacks   = "attacks"
	ByDeaths    = "deaths"
	ByInjuries  = "injuries"
	ByHostages  = "hostages"
	ByLethality = "lethality"
	ByImpact    = "impact"
)

// RankKeys lists the keys Rank accepts.
func RankKeys() []string {
	return []string{ByAttacks, ByDeaths, ByInjuries, ByHostages, ByLethality, ByImpact}
}

// Ranked is a group's place in a ranking.
type Ranked struct {
	Rank int `json:"rank"` // equal values share a rank: 1, 2, 2, 4
	GroupTotals
	Value float64 `json:"value"` // the value ranked by
}

// Ranking is groups ordered by one figure, with the attacks no group is
// known for reported apart.
type Ranking struct {
	By           string      `json:"by"`
	Groups       []Ranked    `json:"groups"`
	Unattributed GroupTotals `json:"unattributed"`
	Explain      string      `json:"explain"`
}

// Rank orders groups by the figure by (one of RankKeys), highest first,
// then by group id; equal values share a rank. Entries with an empty
// GroupID are unattributed attacks: they are summed into Unattributed and
// never ranked. An unknown key gives a *dossier.Error with code
// dossier.EInvalid.
func Rank(groups []GroupTotals, by string) (Ranking, error) {
	value, ok := rankValue(by)
	if !ok {
		return Ranking{}, &dossier.Error{
			Code:    dossier.EInvalid,
			Message: fmt.Sprintf("cannot rank groups by %q", by),
			Hint:    "rank by one of " + strings.Join(RankKeys(), ", "),
		}
	}
	r := Ranking{By: by}
	for _, g := range groups {
		if g.GroupID == "" {
			r.Unattributed.Attacks += g.Attacks
			r.Unattributed.Deaths += g.Deaths
			r.Unattributed.Injuries += g.Injuries
			r.Unattributed.Hostages += g.Hostages
			r.Unattributed.Impact += g.Impact
			continue
		}
		r.Groups = append(r.Groups, Ranked{GroupTotals: g, Value: value(g)})
	}
	sort.Slice(r.Groups, func(i, j int) bool {
		a, b := r.Groups[i], r.Groups[j]
		if a.Value != b.Value {
			return a.Value > b.Value
		}
		return a.GroupID < b.GroupID
	})
	for i := range r.Groups {
		if i > 0 && r.Groups[i].Value == r.Groups[i-1].Value {
			r.Groups[i].Rank = r.Groups[i-1].Rank
		} else {
			r.Groups[i].Rank = i + 1
		}
	}
	r.Explain = fmt.Sprintf("%d groups ordered by %s, highest first; equal values share a rank; %d unattributed attacks (no resolved group) are shown apart and not ranked",
		len(r.Groups), by, r.Unattributed.Attacks)
	return r, nil
}

func rankValue(by string) (func(GroupTotals) float64, bool) {
	switch strings.ToLower(strings.TrimSpace(by)) {
	case ByAttacks:
		return func(g GroupTotals) float64 { return float64(g.Attacks) }, true
	case ByDeaths:
		return func(g GroupTotals) float64 { return float64(g.Deaths) }, true
	case ByInjuries:
		return func(g GroupTotals) float64 { return float64(g.Injuries) }, true
	case ByHostages:
		return func(g GroupTotals) float64 { return float64(g.Hostages) }, true
	case ByLethality:
		return GroupTotals.Lethality, true
	case ByImpact:
		return func(g GroupTotals) float64 { return g.Impact }, true
	}
	return nil, false
}

// Totals computes every group's totals in window from events, in one
// pass, for Rank. An event counts for each distinct group it counts for
// under IsAttack. An event whose perpetrators resolved to no group, and
// which would count under its provider's rule, is added to the
// unattributed entry (GroupID ""). Impact is the weighted value of the
// year of window.To (or of the last attack when To is zero), over all
// events given.
func Totals(events []*dossier.Event, window Window, o Options) []GroupTotals {
	o = o.withDefaults()
	type acc struct {
		GroupTotals
		yearly map[int]YearTotals
	}
	byGroup := map[string]*acc{}
	get := func(id string) *acc {
		a := byGroup[id]
		if a == nil {
			a = &acc{GroupTotals: GroupTotals{GroupID: id}, yearly: map[int]YearTotals{}}
			byGroup[id] = a
		}
		return a
	}
	var last = window.To
	var ids []string
	for _, e := range events {
		if e == nil {
			continue
		}
		ids = ids[:0]
		for _, a := range e.Actors {
			if a.GroupID != "" && !contains(ids, a.GroupID) {
				ids = append(ids, a.GroupID)
			}
		}
		matched := false
		for _, id := range ids {
			if ok, _, _ := classify(e, id, &o); ok {
				matched = true
				addTotals(&get(id).GroupTotals, get(id).yearly, e, window)
			}
		}
		if !matched && unattributed(e, &o) {
			a := get("")
			addTotals(&a.GroupTotals, a.yearly, e, window)
			matched = true
		}
		if matched && window.To.IsZero() && e.Date.After(last) {
			last = e.Date
		}
	}
	out := make([]GroupTotals, 0, len(byGroup))
	for _, a := range byGroup {
		if !last.IsZero() {
			a.Impact = ImpactScore(a.yearly, last.Year()).Score
		}
		out = append(out, a.GroupTotals)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].GroupID < out[j].GroupID })
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func addTotals(g *GroupTotals, yearly map[int]YearTotals, e *dossier.Event, window Window) {
	t := yearly[e.Date.Year()]
	t.add(yearTotalsOf(e, e.Fatalities))
	yearly[e.Date.Year()] = t
	if !window.Contains(e.Date) {
		return
	}
	g.Attacks++
	g.Deaths += val(e.Fatalities)
	g.Injuries += val(e.Injuries)
	g.Hostages += val(e.Hostages)
}

// unattributed reports whether e has no perpetrator resolved to a group
// and would count as an attack under its provider's rule if it had one.
func unattributed(e *dossier.Event, o *Options) bool {
	if ok, set := o.Sources[e.Source]; set && !ok {
		return false
	}
	if o.ExcludeDoubtful && e.Doubtful != nil && *e.Doubtful {
		return false
	}
	for _, a := range e.Actors {
		if a.GroupID != "" && (a.Role == dossier.RolePerpetrator || a.Role == dossier.RoleAssociated) {
			return false
		}
	}
	// Try the rule with a stand-in group on each perpetrator.
	for i := range e.Actors {
		if ok, _ := actorCounts(e, i); ok {
			return true
		}
	}
	if len(e.Perpetrators()) == 0 {
		// No perpetrator named at all (GTD always names one, "Unknown").
		return e.Source == dossier.SourceGTD || (e.Source != dossier.SourceACLED && e.Source != dossier.SourceUCDP && violent(e.Type))
	}
	return false
}
