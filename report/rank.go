package report

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"dossier"
	"dossier/country"
	"dossier/metrics"
)

// RankQuery says which groups to rank, by what, over which window.
type RankQuery struct {
	Query
	// Year, when not zero, sets the window to that calendar year.
	Year int
	// Countries and Region, when given, count only attacks there (both:
	// the countries of the region that are listed).
	Countries []string
	Region    string
	// By is one of metrics.RankKeys; "" ranks by impact.
	By string
	// Limit is the number of groups listed; 0 lists all.
	Limit int
}

// RankedGroup is one line of a ranking.
type RankedGroup struct {
	Rank     int      `json:"rank"` // equal values share a rank: 1, 2, 2, 4
	Group    GroupRef `json:"group"`
	Attacks  int      `json:"attacks"`
	Deaths   int      `json:"deaths"`
	Injuries int      `json:"injuries"`
	Hostages int      `json:"hostages"`
	// Lethality is deaths per attack.
	Lethality float64 `json:"lethality"`
	// Impact is the group's impact score for ImpactYear: the five-year
	// weighted value of the GTI formula.
	Impact float64 `json:"impact"`
	// Value is the figure ranked by.
	Value float64 `json:"value"`
}

// GroupRef names a group.
type GroupRef struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
}

// Unattributed sums the attacks no known group is named for.
type Unattributed struct {
	Attacks  int `json:"attacks"`
	Deaths   int `json:"deaths"`
	Injuries int `json:"injuries"`
	Hostages int `json:"hostages"`
}

// Ranking is groups ordered by one figure, with the attacks of no known
// group apart.
type Ranking struct {
	By         string            `json:"by"`
	From       *time.Time        `json:"from"`
	To         *time.Time        `json:"to"`
	ImpactYear int               `json:"impact_year"`
	Countries  []string          `json:"countries,omitempty"`
	Region     string            `json:"region,omitempty"`
	Sources    []string          `json:"sources,omitempty"`
	Groups     []RankedGroup     `json:"groups"`
	Total      int               `json:"total"` // groups ranked before the limit
	Unattrib   Unattributed      `json:"unattributed"`
	Explain    map[string]string `json:"explain"`
}

// Rank ranks every group with attacks matching q. Invalid queries (an
// unknown key, region or country, a window that ends before it starts)
// are EInvalid *dossier.Error.
func Rank(ctx context.Context, s Store, q RankQuery) (*Ranking, error) {
	by := strings.ToLower(strings.TrimSpace(q.By))
	if by == "" {
		by = metrics.ByImpact
	}
	if q.Year != 0 {
		if !q.From.IsZero() || !q.To.IsZero() {
			return nil, &dossier.Error{Code: dossier.EInvalid, Message: "both a year and a date range given",
				Hint: "give --year Y, or --from D --to D"}
		}
		q.From = time.Date(q.Year, 1, 1, 0, 0, 0, 0, time.UTC)
		q.To = time.Date(q.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	if _, err := q.window(); err != nil {
		return nil, err
	}
	countries, err := placeFilter(q.Countries, q.Region)
	if err != nil {
		return nil, err
	}
	o := q.options()

	window, err := s.AttackTotals(ctx, attackFilter(q.Query, o, q.From, q.To, countries))
	if err != nil {
		return nil, err
	}
	// The impact score looks back five years from the window's last year,
	// or from the last year with attacks when the window is open.
	year := 0
	if !q.To.IsZero() {
		year = q.To.Year()
	} else {
		for _, t := range window {
			year = max(year, t.Year)
		}
	}
	yearly := map[string]map[int]metrics.YearTotals{}
	if year > 0 {
		from, to := yearSpan(year)
		span, err := s.AttackTotals(ctx, attackFilter(q.Query, o, from, to, countries))
		if err != nil {
			return nil, err
		}
		yearly = byGroupYear(span)
	}
	names, err := groupNames(ctx, s)
	if err != nil {
		return nil, err
	}
	totals := map[string]*metrics.GroupTotals{}
	for _, t := range window {
		g := totals[t.GroupID]
		if g == nil {
			g = &metrics.GroupTotals{GroupID: t.GroupID, Name: names[t.GroupID]}
			totals[t.GroupID] = g
		}
		g.Attacks += t.Attacks
		g.Deaths += t.Deaths
		g.Injuries += t.Injuries
		g.Hostages += t.Hostages
	}
	list := make([]metrics.GroupTotals, 0, len(totals))
	for id, g := range totals {
		if year > 0 {
			g.Impact = metrics.ImpactScore(yearly[id], year).Score
		}
		list = append(list, *g)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].GroupID < list[j].GroupID })
	ranking, err := metrics.Rank(list, by)
	if err != nil {
		return nil, err
	}

	r := &Ranking{By: ranking.By, ImpactYear: year, Countries: countries, Region: q.Region,
		Groups: []RankedGroup{}, Total: len(ranking.Groups),
		Unattrib: Unattributed{ranking.Unattributed.Attacks, ranking.Unattributed.Deaths,
			ranking.Unattributed.Injuries, ranking.Unattributed.Hostages}}
	if !q.From.IsZero() {
		r.From = &q.From
	}
	if !q.To.IsZero() {
		r.To = &q.To
	}
	for _, src := range q.Sources {
		r.Sources = append(r.Sources, string(src))
	}
	for i, g := range ranking.Groups {
		if q.Limit > 0 && i >= q.Limit {
			break
		}
		name := g.Name
		if name == "" {
			name = g.GroupID
		}
		r.Groups = append(r.Groups, RankedGroup{Rank: g.Rank, Group: GroupRef{ID: g.GroupID, Name: name},
			Attacks: g.Attacks, Deaths: g.Deaths, Injuries: g.Injuries, Hostages: g.Hostages,
			Lethality: round3(g.Lethality()), Impact: g.Impact, Value: round3(g.Value)})
	}
	r.Explain = rankExplain(r, o, ranking.Explain)
	return r, nil
}

// byGroupYear sums attack totals per group and year.
func byGroupYear(ts []dossier.AttackTotal) map[string]map[int]metrics.YearTotals {
	out := map[string]map[int]metrics.YearTotals{}
	for _, t := range ts {
		m := out[t.GroupID]
		if m == nil {
			m = map[int]metrics.YearTotals{}
			out[t.GroupID] = m
		}
		y := m[t.Year]
		y.Incidents += float64(t.Attacks)
		y.Deaths += float64(t.Deaths)
		y.Injuries += float64(t.Injuries)
		y.Hostages += float64(t.Hostages)
		m[t.Year] = y
	}
	return out
}

// placeFilter turns countries (codes or names) and a region into the
// country codes an attack filter takes.
func placeFilter(countries []string, region string) ([]string, error) {
	var codes []string
	for _, c := range countries {
		k, ok := country.Lookup(c)
		if !ok {
			return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("unknown country %q", c),
				Hint: "give an ISO 3166 alpha-3 code (AFG) or an English name"}
		}
		codes = append(codes, k.ISO3)
	}
	if region == "" {
		return codes, nil
	}
	in := country.InRegion(region)
	if len(in) == 0 {
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("unknown region %q", region),
			Hint: "use one of: " + strings.Join(country.Regions(), "; ")}
	}
	if len(codes) == 0 {
		for _, k := range in {
			codes = append(codes, k.ISO3)
		}
		return codes, nil
	}
	var both []string
	for _, c := range codes {
		for _, k := range in {
			if k.ISO3 == c {
				both = append(both, c)
			}
		}
	}
	if len(both) == 0 {
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("none of the countries %s is in region %s", strings.Join(codes, ", "), region),
			Hint: "give a country of the region, or the region alone"}
	}
	return both, nil
}

func rankExplain(r *Ranking, o metrics.Options, ranked string) map[string]string {
	window := "all dates"
	switch {
	case r.From != nil && r.To != nil:
		window = fmt.Sprintf("%s to %s", r.From.Format(time.DateOnly), r.To.Format(time.DateOnly))
	case r.From != nil:
		window = "from " + r.From.Format(time.DateOnly)
	case r.To != nil:
		window = "to " + r.To.Format(time.DateOnly)
	}
	return map[string]string{
		"rank": ranked,
		"attacks": "events in " + window + " counted as the group's attacks by the rules of docs/METHODS.md (" +
			countingRules(o) + "); an event naming several groups counts once for each",
		"deaths":   "sum of the best death estimates of those attacks; unknown tolls add nothing",
		"injuries": "sum of the injured of those attacks; unknown counts add nothing",
		"hostages": "sum of the hostages of those attacks; unknown counts add nothing",
		"impact": fmt.Sprintf("five-year weighted value of year %d: (16·raw(%d) + 8·raw(%d) + 4·raw(%d) + 2·raw(%d) + raw(%d)) / 5, raw = attacks + 3·deaths + 0.5·injuries + 0.5·hostages, over the same places and sources",
			r.ImpactYear, r.ImpactYear, r.ImpactYear-1, r.ImpactYear-2, r.ImpactYear-3, r.ImpactYear-4),
		"unattributed": "attacks whose perpetrators resolved to no known group (\"Unknown\", unidentified armed groups): reported apart, never ranked",
	}
}

// countingRules says in words which options differ from counting
// everything.
func countingRules(o metrics.Options) string {
	var parts []string
	var off []string
	for s, ok := range o.Sources {
		if !ok {
			off = append(off, string(s))
		}
	}
	sort.Strings(off)
	if len(off) > 0 {
		parts = append(parts, "sources left out: "+strings.Join(off, ", "))
	}
	if o.ExcludeDoubtful {
		parts = append(parts, "doubtful GTD incidents left out")
	} else {
		parts = append(parts, "doubtful GTD incidents counted")
	}
	if o.CertainOnly {
		parts = append(parts, "certain attributions only")
	} else {
		parts = append(parts, "uncertain attributions counted")
	}
	if o.MinConfidence > 0 {
		parts = append(parts, fmt.Sprintf("resolutions below confidence %.2f uncertain", o.MinConfidence))
	}
	return strings.Join(parts, "; ")
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
