package metrics

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"dossier"
	"dossier/country"
)

// Window is a span of days, both ends included. A zero From or To leaves
// that end open. An event belongs to the window when its first possible
// day (Event.Date) falls in it.
type Window struct {
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}

// Contains reports whether the day of t lies in the window.
func (w Window) Contains(t time.Time) bool {
	d := dayOf(t)
	if !w.From.IsZero() && d.Before(dayOf(w.From)) {
		return false
	}
	if !w.To.IsZero() && d.After(dayOf(w.To)) {
		return false
	}
	return true
}

// dayOf truncates t to its calendar day, in t's own location.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Range is a death toll: best estimate, low and high where sources give a
// range (the best estimate stands in for both where they do not).
type Range struct {
	Best int `json:"best"`
	Low  int `json:"low"`
	High int `json:"high"`
	// Unknown is the number of attacks whose toll the source did not give:
	// they add nothing to Best, Low or High.
	Unknown int    `json:"unknown"`
	Explain string `json:"explain"`
}

// Count is a total of people (injured, taken hostage) over attacks.
type Count struct {
	Total int `json:"total"`
	// Unknown is the number of attacks whose count the source did not give.
	Unknown int    `json:"unknown"`
	Explain string `json:"explain"`
}

// Ratio is a share or rate, nil when its denominator is zero.
type Ratio struct {
	Value       *float64 `json:"value"`
	Numerator   float64  `json:"numerator"`
	Denominator float64  `json:"denominator"`
	Explain     string   `json:"explain"`
}

func ratio(num, den float64, explain string) Ratio {
	r := Ratio{Numerator: num, Denominator: den, Explain: explain}
	if den > 0 {
		v := num / den
		r.Value = &v
	}
	return r
}

// Share is one part of a mix (a target category, an attack type, a
// country, a province).
type Share struct {
	Key     string  `json:"key"`
	Name    string  `json:"name,omitempty"`
	Country string  `json:"country,omitempty"` // for provinces
	Attacks int     `json:"attacks"`
	Deaths  int     `json:"deaths"`
	Share   float64 `json:"share"` // Attacks over the mix's denominator
}

// Period is a month ("2021-08") or year ("2021") of a series.
type Period struct {
	Period   string `json:"period"`
	Attacks  int    `json:"attacks"`
	Deaths   int    `json:"deaths"`
	Injuries int    `json:"injuries"`
	Hostages int    `json:"hostages"`
}

// Trend compares the last TrendMonths calendar months with the as many
// months before them.
type Trend struct {
	Months       int    `json:"months"`
	RecentFrom   string `json:"recent_from"` // YYYY-MM
	RecentTo     string `json:"recent_to"`
	PreviousFrom string `json:"previous_from"`
	PreviousTo   string `json:"previous_to"`
	Recent       Period `json:"recent"`
	Previous     Period `json:"previous"`
	// AttacksChange and DeathsChange are percentage changes, nil when the
	// previous period had none.
	AttacksChange *float64 `json:"attacks_change"`
	DeathsChange  *float64 `json:"deaths_change"`
	// Direction of attacks: up, down, flat, new (none before), none.
	Direction string `json:"direction"`
	Explain   string `json:"explain"`
}

// Attack is one attack as listed among the largest.
type Attack struct {
	Key       string            `json:"key"`
	Source    dossier.Source    `json:"source"`
	SourceID  string            `json:"source_id"`
	Licence   string            `json:"licence,omitempty"`
	Date      time.Time         `json:"date"`
	Country   string            `json:"country,omitempty"`
	Admin1    string            `json:"admin1,omitempty"`
	Place     string            `json:"place,omitempty"`
	Type      dossier.EventType `json:"type"`
	Deaths    *int              `json:"deaths"`
	Injuries  *int              `json:"injuries"`
	Certain   bool              `json:"certain"`
	Summary   string            `json:"summary,omitempty"`
	Citations []string          `json:"citations,omitempty"`
}

// ImpactRange is a group's impact score with its uncertainty.
type ImpactRange struct {
	Year  int     `json:"year"`
	Score float64 `json:"score"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	// Components are the five years of the central score.
	Components []ImpactYear `json:"components"`
	// Best, LowCase and HighCase are the three scores in full.
	Best     Impact `json:"best"`
	LowCase  Impact `json:"low_case"`
	HighCase Impact `json:"high_case"`
	Explain  string `json:"explain"`
}

// SourceCoverage is what one provider contributes to a profile.
type SourceCoverage struct {
	Source   dossier.Source `json:"source"`
	Licences []string       `json:"licences,omitempty"`
	Versions []string       `json:"versions,omitempty"`
	Events   int            `json:"events"`  // events in the window naming the group
	Attacks  int            `json:"attacks"` // of which counted as its attacks
	First    *time.Time     `json:"first"`
	Last     *time.Time     `json:"last"`
}

// GroupStats is how dangerous a group was in a window. Every figure has
// an explanation; Explain repeats them by figure name for --explain.
type GroupStats struct {
	GroupID string `json:"group_id"`
	Window  Window `json:"window"`

	Attacks int `json:"attacks"`
	// UncertainAttacks are attacks counted on an uncertain attribution
	// only (composite labels, GTD guncertain).
	UncertainAttacks int   `json:"uncertain_attacks"`
	Deaths           Range `json:"deaths"`
	Injuries         Count `json:"injuries"`
	Hostages         Count `json:"hostages"`

	Lethality     Ratio `json:"lethality"`      // deaths (best) per attack
	SuicideShare  Ratio `json:"suicide_share"`  // of attacks whose source says
	CivilianShare Ratio `json:"civilian_share"` // of attacks with a known target

	Targets     []Share `json:"targets"`
	AttackTypes []Share `json:"attack_types"`
	Countries   []Share `json:"countries"`
	Provinces   []Share `json:"provinces"`

	First *time.Time `json:"first"`
	Last  *time.Time `json:"last"`

	ByMonth []Period `json:"by_month"`
	ByYear  []Period `json:"by_year"`
	Trend   Trend    `json:"trend"`

	Largest []Attack    `json:"largest"`
	Impact  ImpactRange `json:"impact"`

	Sources  []SourceCoverage `json:"sources"`
	Overlaps Overlaps         `json:"overlaps"`

	// Excluded counts the events in the window that name the group but do
	// not count as its attacks, by reason.
	Excluded map[string]int    `json:"excluded,omitempty"`
	Explain  map[string]string `json:"explain"`
}

// yearTotalsOf returns the event's counts as one incident, with deaths
// from the given estimate (best, low or high).
func yearTotalsOf(e *dossier.Event, deaths *int) YearTotals {
	return YearTotals{Incidents: 1, Deaths: float64(val(deaths)), Injuries: float64(val(e.Injuries)), Hostages: float64(val(e.Hostages))}
}

func val(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// lowOf and highOf return an event's low and high death estimates,
// falling back to the best estimate where the source gives no range.
// A low estimate without a best one is not used: the low end never
// exceeds the central figure, which counts such a toll as unknown.
func lowOf(e *dossier.Event) *int {
	if e.FatalitiesLow != nil && e.Fatalities != nil && *e.FatalitiesLow < *e.Fatalities {
		return e.FatalitiesLow
	}
	return e.Fatalities
}

func highOf(e *dossier.Event) *int {
	if e.FatalitiesHigh != nil {
		if e.Fatalities != nil && *e.Fatalities > *e.FatalitiesHigh {
			return e.Fatalities
		}
		return e.FatalitiesHigh
	}
	return e.Fatalities
}

// monthIndex numbers calendar months: year·12 + month−1.
func monthIndex(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

func monthName(i int) string { return fmt.Sprintf("%04d-%02d", i/12, i%12+1) }

type agg struct{ attacks, deaths, injuries, hostages int }

func (a *agg) add(e *dossier.Event) {
	a.attacks++
	a.deaths += val(e.Fatalities)
	a.injuries += val(e.Injuries)
	a.hostages += val(e.Hostages)
}

func (a agg) period(name string) Period {
	return Period{Period: name, Attacks: a.attacks, Deaths: a.deaths, Injuries: a.injuries, Hostages: a.hostages}
}

// Profile computes the group's figures from events under o. Figures
// describe the attacks in window; the trend and the impact score look
// back from the window's end (or, for an open window, from the group's
// last counted attack) over all events given, so that a short window
// still shows its context. events may hold other groups' events: they are
// ignored. Profile never fails; an empty result has zero counts and nil
// ratios.
func Profile(events []*dossier.Event, groupID string, window Window, o Options) GroupStats {
	o = o.withDefaults()
	all := o
	all.CertainOnly = false

	st := GroupStats{GroupID: groupID, Window: window, Excluded: map[string]int{}}
	civ := map[dossier.TargetCategory]bool{}
	for _, c := range o.CivilianTargets {
		civ[c] = true
	}

	var (
		suicides, suicideKnown, civilian, targetKnown int
		knownDeaths                                   int
		targets                                       = map[string]*Share{}
		types                                         = map[string]*Share{}
		countries                                     = map[string]*Share{}
		provinces                                     = map[string]*Share{}
		months                                        = map[int]*agg{}
		years                                         = map[int]*agg{}
		sources                                       = map[dossier.Source]*sourceAcc{}
		counted                                       []*dossier.Event
		largest                                       []ranked
		best, low, high                               = map[int]YearTotals{}, map[int]YearTotals{}, map[int]YearTotals{}
		trendMonths                                   = map[int]*agg{}
		lastAll                                       time.Time
	)

	for _, e := range events {
		if e == nil {
			continue
		}
		ok, certain, reason := classify(e, groupID, &all)
		if !ok && reason == "" {
			continue // does not name the group
		}
		headline := ok && (!o.CertainOnly || certain)
		in := window.Contains(e.Date)

		// Context over all events: impact years and trend months.
		if ok {
			y := e.Date.Year()
			if headline {
				t := best[y]
				t.add(yearTotalsOf(e, e.Fatalities))
				best[y] = t
				a := trendMonths[monthIndex(e.Date)]
				if a == nil {
					a = &agg{}
					trendMonths[monthIndex(e.Date)] = a
				}
				a.add(e)
				if e.Date.After(lastAll) {
					lastAll = e.Date
				}
			}
			if certain {
				t := low[y]
				t.add(yearTotalsOf(e, lowOf(e)))
				low[y] = t
			}
			t := high[y]
			t.add(yearTotalsOf(e, highOf(e)))
			high[y] = t
		}
		if !in {
			continue
		}

		sa := sources[e.Source]
		if sa == nil {
			sa = &sourceAcc{licences: map[string]bool{}, versions: map[string]bool{}}
			sources[e.Source] = sa
		}
		sa.see(e, headline)
		if !headline {
			if reason == "" {
				reason = ReasonUncertain
			}
			st.Excluded[reason]++
			continue
		}

		counted = append(counted, e)
		st.Attacks++
		if !certain {
			st.UncertainAttacks++
		}
		d := val(e.Fatalities)
		if e.Fatalities == nil {
			st.Deaths.Unknown++
		} else {
			knownDeaths++
			st.Deaths.Best += d
		}
		st.Deaths.Low += val(lowOf(e))
		st.Deaths.High += val(highOf(e))
		if e.Injuries == nil {
			st.Injuries.Unknown++
		} else {
			st.Injuries.Total += *e.Injuries
		}
		if e.Hostages == nil {
			st.Hostages.Unknown++
		} else {
			st.Hostages.Total += *e.Hostages
		}
		if e.Suicide != nil {
			suicideKnown++
			if *e.Suicide {
				suicides++
			}
		}
		known, onCivilians := false, false
		for k, c := range e.TargetCategories {
			if c == "" || slices.Contains(e.TargetCategories[:k], c) {
				continue
			}
			if c != dossier.TargetUnknown {
				known = true
			}
			if civ[c] {
				onCivilians = true
			}
			addShare(targets, string(c), string(c), "", "", d)
		}
		if known {
			targetKnown++
			if onCivilians {
				civilian++
			}
		}
		addShare(types, string(e.Type), string(e.Type), "", "", d)
		if e.Country != "" {
			addShare(countries, e.Country, e.Country, "", "", d)
			if a1 := strings.TrimSpace(e.Admin1); a1 != "" {
				// Providers spell divisions alike but not always in the
				// same case: the first spelling seen names the province.
				addShare(provinces, e.Country+"/"+strings.ToLower(a1), e.Country+"/"+a1, a1, e.Country, d)
			}
		}
		if st.First == nil || e.Date.Before(*st.First) {
			t := e.Date
			st.First = &t
		}
		if st.Last == nil || e.Date.After(*st.Last) {
			t := e.Date
			st.Last = &t
		}
		mi := monthIndex(e.Date)
		if months[mi] == nil {
			months[mi] = &agg{}
		}
		months[mi].add(e)
		if years[e.Date.Year()] == nil {
			years[e.Date.Year()] = &agg{}
		}
		years[e.Date.Year()].add(e)
		largest = pushLargest(largest, ranked{e, certain}, o.Largest)
	}

	// Ratios.
	den := float64(st.Attacks)
	denNote := "all counted attacks, those of unknown toll counting as 0"
	if o.UnknownDeaths == UnknownExcluded {
		den = float64(knownDeaths)
		denNote = "attacks of known toll only (option: unknown tolls excluded)"
	}
	st.Lethality = ratio(float64(st.Deaths.Best), den,
		fmt.Sprintf("deaths (best estimate, %d) divided by %s (%g)", st.Deaths.Best, denNote, den))
	st.SuicideShare = ratio(float64(suicides), float64(suicideKnown),
		fmt.Sprintf("%d suicide attacks out of %d attacks whose source says whether they were suicide attacks (%d attacks where it is unknown are left out)", suicides, suicideKnown, st.Attacks-suicideKnown))
	st.CivilianShare = ratio(float64(civilian), float64(targetKnown),
		fmt.Sprintf("%d attacks with at least one civilian target (%s) out of %d attacks with a known target category (%d with none or unknown are left out)", civilian, joinCats(o.CivilianTargets), targetKnown, st.Attacks-targetKnown))

	st.Deaths.Explain = fmt.Sprintf("sum over %d attacks of the source's best estimate (%d); low and high sum the low and high estimates where the source gives a range (UCDP) and the best estimate elsewhere; %d attacks of unknown toll add nothing and are counted here", st.Attacks, st.Deaths.Best, st.Deaths.Unknown)
	st.Injuries.Explain = fmt.Sprintf("sum of injured over %d attacks; %d attacks of unknown count add nothing", st.Attacks, st.Injuries.Unknown)
	st.Hostages.Explain = fmt.Sprintf("sum of hostages and kidnapped over %d attacks; %d attacks of unknown count add nothing", st.Attacks, st.Hostages.Unknown)

	st.Targets = shares(targets, float64(st.Attacks))
	st.AttackTypes = shares(types, float64(st.Attacks))
	st.Countries = shares(countries, float64(st.Attacks))
	for i := range st.Countries {
		if c, ok := country.ByISO3(st.Countries[i].Key); ok {
			st.Countries[i].Name = c.Name
		}
	}
	st.Provinces = shares(provinces, float64(st.Attacks))

	st.ByMonth = series(months, monthName)
	st.ByYear = series(years, func(y int) string { return fmt.Sprintf("%04d", y) })

	// The reference end of trend and impact.
	end := lastAll
	if !window.To.IsZero() {
		end = window.To
	}
	st.Trend = trend(trendMonths, end, o.TrendMonths)
	st.Impact = impactRange(best, low, high, end, o)

	for _, r := range largest {
		st.Largest = append(st.Largest, attackOf(r))
	}
	st.Sources = coverage(sources)
	st.Overlaps = findOverlaps(counted, o.OverlapDays)

	st.Explain = map[string]string{
		"attacks":        attacksExplain(st, o, sources),
		"deaths":         st.Deaths.Explain,
		"injuries":       st.Injuries.Explain,
		"hostages":       st.Hostages.Explain,
		"lethality":      st.Lethality.Explain,
		"suicide_share":  st.SuicideShare.Explain,
		"civilian_share": st.CivilianShare.Explain,
		"targets":        "attacks per target category; an attack with several categories counts once in each, so shares may add up to more than 1 (share = attacks with the category / all attacks)",
		"attack_types":   "attacks per shared event type (share = attacks of the type / all attacks)",
		"countries":      "attacks and deaths (best) per country of the event",
		"provinces":      "attacks and deaths (best) per first-level division, as the source names it",
		"by_month":       "attacks per calendar month of the event's first possible day, months without attacks included as zero; events known only to the year fall in January",
		"by_year":        "attacks per calendar year of the event's first possible day",
		"trend":          st.Trend.Explain,
		"impact":         st.Impact.Explain,
		"largest":        fmt.Sprintf("the %d attacks with the most deaths (best estimate; then most injured, then earliest)", len(st.Largest)),
		"sources":        "events per provider that name the group in the window, and how many of them count as its attacks, with each provider's licence",
		"overlaps":       st.Overlaps.Explain,
	}
	if len(st.Excluded) == 0 {
		st.Excluded = nil
	}
	return st
}

func attacksExplain(st GroupStats, o Options, src map[dossier.Source]*sourceAcc) string {
	var parts []string
	for _, s := range sortedSources(src) {
		parts = append(parts, fmt.Sprintf("%s %d of %d", s, src[s].attacks, src[s].events))
	}
	var ex []string
	for r, n := range st.Excluded {
		ex = append(ex, fmt.Sprintf("%d %s", n, r))
	}
	sort.Strings(ex)
	s := fmt.Sprintf("%d attacks (%d on an uncertain attribution) counted by the rules of docs/METHODS.md (GTD: every incident%s; ACLED: violence against civilians, explosions/remote violence, battles the group initiated as actor1; UCDP: one-sided and non-state violence, state-based as side B; GDELT and article extractions: not by default); by source, counted of events naming the group: %s",
		st.Attacks, st.UncertainAttacks, map[bool]string{true: " except doubtterr=1", false: ""}[o.ExcludeDoubtful], strings.Join(parts, ", "))
	if len(ex) > 0 {
		s += "; not counted: " + strings.Join(ex, "; ")
	}
	return s
}

func joinCats(cs []dossier.TargetCategory) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func addShare(m map[string]*Share, mapKey, key, name, country string, deaths int) {
	s := m[mapKey]
	if s == nil {
		s = &Share{Key: key, Name: name, Country: country}
		m[mapKey] = s
	}
	s.Attacks++
	s.Deaths += deaths
}

// shares returns the mix ordered by attacks, then deaths, then key.
func shares(m map[string]*Share, den float64) []Share {
	out := make([]Share, 0, len(m))
	for _, s := range m {
		if den > 0 {
			s.Share = float64(s.Attacks) / den
		}
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Attacks != b.Attacks {
			return a.Attacks > b.Attacks
		}
		if a.Deaths != b.Deaths {
			return a.Deaths > b.Deaths
		}
		return a.Key < b.Key
	})
	return out
}

// series returns the periods from the first to the last key, gaps as
// zero periods.
func series(m map[int]*agg, name func(int) string) []Period {
	if len(m) == 0 {
		return nil
	}
	lo, hi := 0, 0
	first := true
	for k := range m {
		if first || k < lo {
			lo = k
		}
		if first || k > hi {
			hi = k
		}
		first = false
	}
	out := make([]Period, 0, hi-lo+1)
	for k := lo; k <= hi; k++ {
		var a agg
		if p := m[k]; p != nil {
			a = *p
		}
		out = append(out, a.period(name(k)))
	}
	return out
}

// trend compares the n calendar months ending with end's month with the n
// months before them.
func trend(months map[int]*agg, end time.Time, n int) Trend {
	t := Trend{Months: n}
	if end.IsZero() {
		t.Direction = "none"
		t.Explain = "no attacks: no trend"
		return t
	}
	e := monthIndex(end)
	rf, pf, pt := e-n+1, e-2*n+1, e-n
	var r, p agg
	for k, a := range months {
		switch {
		case k >= rf && k <= e:
			r.attacks += a.attacks
			r.deaths += a.deaths
			r.injuries += a.injuries
			r.hostages += a.hostages
		case k >= pf && k <= pt:
			p.attacks += a.attacks
			p.deaths += a.deaths
			p.injuries += a.injuries
			p.hostages += a.hostages
		}
	}
	t.RecentFrom, t.RecentTo, t.PreviousFrom, t.PreviousTo = monthName(rf), monthName(e), monthName(pf), monthName(pt)
	t.Recent = r.period(t.RecentFrom + "/" + t.RecentTo)
	t.Previous = p.period(t.PreviousFrom + "/" + t.PreviousTo)
	t.AttacksChange = change(r.attacks, p.attacks)
	t.DeathsChange = change(r.deaths, p.deaths)
	switch {
	case r.attacks == 0 && p.attacks == 0:
		t.Direction = "none"
	case p.attacks == 0:
		t.Direction = "new"
	case r.attacks > p.attacks:
		t.Direction = "up"
	case r.attacks < p.attacks:
		t.Direction = "down"
	default:
		t.Direction = "flat"
	}
	t.Explain = fmt.Sprintf("attacks in the %d calendar months %s to %s (%d, %d deaths) against the %d months %s to %s (%d, %d deaths); change = (recent − previous) / previous · 100, none when the previous period had no attacks; the last month is the window's end or, for an open window, the month of the last attack, and may be incomplete",
		n, t.RecentFrom, t.RecentTo, r.attacks, r.deaths, n, t.PreviousFrom, t.PreviousTo, p.attacks, p.deaths)
	return t
}

func change(recent, previous int) *float64 {
	if previous == 0 {
		return nil
	}
	c := round3(float64(recent-previous) / float64(previous) * 100)
	return &c
}

// impactRange scores the year of end three ways.
func impactRange(best, low, high map[int]YearTotals, end time.Time, o Options) ImpactRange {
	if end.IsZero() {
		return ImpactRange{Explain: "no attacks: no impact score"}
	}
	y := end.Year()
	b, l, h := ImpactScore(best, y), ImpactScore(low, y), ImpactScore(high, y)
	scope := "certain and uncertain attributions"
	if o.CertainOnly {
		scope = "certain attributions only (option)"
	}
	return ImpactRange{
		Year: y, Score: b.Score, Low: l.Score, High: h.Score,
		Components: b.Components, Best: b, LowCase: l, HighCase: h,
		Explain: fmt.Sprintf("GTI-style impact for %d: raw(y) = incidents + 3·deaths + 0.5·injuries + 0.5·hostages; score = (16·raw(%d) + 8·raw(%d) + 4·raw(%d) + 2·raw(%d) + raw(%d)) / 5. Score %g counts %s with best death estimates; low %g counts certain attributions only with low estimates (best where no range); high %g counts every attribution, uncertain ones included, with high estimates",
			y, y, y-1, y-2, y-3, y-4, b.Score, scope, l.Score, h.Score),
	}
}

type ranked struct {
	e       *dossier.Event
	certain bool
}

// larger reports whether a ranks above b among the largest attacks.
func larger(a, b *dossier.Event) bool {
	da, db := -1, -1
	if a.Fatalities != nil {
		da = *a.Fatalities
	}
	if b.Fatalities != nil {
		db = *b.Fatalities
	}
	if da != db {
		return da > db
	}
	if val(a.Injuries) != val(b.Injuries) {
		return val(a.Injuries) > val(b.Injuries)
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.Before(b.Date)
	}
	return a.Key() < b.Key()
}

// pushLargest keeps the n largest attacks, largest first.
func pushLargest(top []ranked, r ranked, n int) []ranked {
	if len(top) == n && !larger(r.e, top[n-1].e) {
		return top
	}
	i := sort.Search(len(top), func(i int) bool { return larger(r.e, top[i].e) })
	if len(top) < n {
		top = append(top, ranked{})
	}
	copy(top[i+1:], top[i:len(top)-1])
	top[i] = r
	return top
}

func attackOf(r ranked) Attack {
	e := r.e
	return Attack{
		Key: e.Key(), Source: e.Source, SourceID: e.SourceID, Licence: e.Licence,
		Date: e.Date, Country: e.Country, Admin1: e.Admin1, Place: e.Place, Type: e.Type,
		Deaths: e.Fatalities, Injuries: e.Injuries, Certain: r.certain,
		Summary: e.Summary, Citations: e.Citations,
	}
}

type sourceAcc struct {
	events, attacks    int
	licences, versions map[string]bool
	first, last        time.Time
}

func (s *sourceAcc) see(e *dossier.Event, counted bool) {
	s.events++
	if counted {
		s.attacks++
	}
	if e.Licence != "" {
		s.licences[e.Licence] = true
	}
	if e.SourceVersion != "" {
		s.versions[e.SourceVersion] = true
	}
	if s.first.IsZero() || e.Date.Before(s.first) {
		s.first = e.Date
	}
	if e.Date.After(s.last) {
		s.last = e.Date
	}
}

func sortedSources(m map[dossier.Source]*sourceAcc) []dossier.Source {
	out := make([]dossier.Source, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func coverage(m map[dossier.Source]*sourceAcc) []SourceCoverage {
	var out []SourceCoverage
	for _, s := range sortedSources(m) {
		a := m[s]
		first, last := a.first, a.last
		out = append(out, SourceCoverage{
			Source: s, Licences: keys(a.licences), Versions: keys(a.versions),
			Events: a.events, Attacks: a.attacks, First: &first, Last: &last,
		})
	}
	return out
}

func keys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
