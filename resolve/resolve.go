// Package resolve maps actor names as datasets write them to the groups of
// the knowledge base, and says by which rule: exact alias, alias scoped to
// a country and period, parenthesised or prefixed acronym, name without its
// qualifier, or fuzzy match with a confidence. Composite labels ("A and/or
// B") give one uncertain attribution per part. It imports no database.
package resolve

import (
	"sort"
	"strings"
	"sync"
	"time"

	"dossier"
)

// Rules a match can be made by.
const (
	RuleExact        = "exact"        // the whole name is an alias
	RuleScoped       = "scoped"       // an alias valid in the event's country and period
	RuleAcronym      = "acronym"      // the parenthesised or prefixed acronym is an alias
	RuleBase         = "base"         // the name without its parenthesised qualifier is an alias
	RuleFuzzy        = "fuzzy"        // a close spelling of an alias
	RuleComposite    = "composite"    // one part of "A and/or B"
	RuleUnattributed = "unattributed" // "Unknown", "Unidentified Armed Group": no perpetrator named
	RuleGeneric      = "generic"      // a name for civilians, state forces or crowds: not an armed group
	RuleNone         = "none"         // nothing matched: queued for review
)

// Confidence of each rule (fuzzy matches scale with their similarity).
const (
	ConfidenceExact     = 1.0
	ConfidenceAcronym   = 0.9
	ConfidenceBase      = 0.85
	FuzzyThreshold      = 0.86 // lowest similarity a fuzzy match accepts
	CompositeConfidence = 0.5  // factor applied to each part of a composite label
)

// Match is how one name resolved.
type Match struct {
	Input      string  `json:"input"`
	GroupID    string  `json:"group_id"`
	GroupName  string  `json:"group_name"`
	Confidence float64 `json:"confidence"`
	Rule       string  `json:"rule"`
	// Alias is the alias that matched, as the knowledge base writes it.
	Alias string `json:"alias,omitempty"`
	// Uncertain: the attribution is one of several possibilities.
	Uncertain bool `json:"uncertain,omitempty"`
}

// Resolved reports whether the match names a group.
func (m Match) Resolved() bool { return m.GroupID != "" }

// entry is one alias in the index.
type entry struct {
	group     string
	alias     string
	countries []string
	from, to  time.Time // zero: open
}

func (e entry) scoped() bool { return len(e.countries) > 0 || !e.from.IsZero() || !e.to.IsZero() }

func (e entry) applies(country string, date time.Time) bool {
	if len(e.countries) > 0 {
		ok := false
		for _, c := range e.countries {
			if c == country {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if !date.IsZero() {
		if !e.from.IsZero() && date.Before(e.from) {
			return false
		}
		if !e.to.IsZero() && date.After(e.to) {
			return false
		}
	} else if e.scoped() && len(e.countries) == 0 {
		return false
	}
	return true
}

// Resolver resolves names against a fixed set of groups and aliases. It is
// safe for concurrent use.
type Resolver struct {
	names map[string]string   // group id → canonical name
	byKey map[string][]entry  // normalised alias → entries
	grams map[string][]string // trigram → normalised aliases containing it
	mu    sync.RWMutex
	cache map[string][]candidate // normalised input → candidates before scope checks
}

// New indexes groups and their aliases. Each group's canonical name and id
// are aliases too.
func New(groups []dossier.Group, aliases []dossier.Alias) *Resolver {
	r := &Resolver{names: map[string]string{}, byKey: map[string][]entry{}, grams: map[string][]string{}, cache: map[string][]candidate{}}
	for _, g := range groups {
		r.names[g.ID] = g.Name
		r.add(entry{group: g.ID, alias: g.Name})
	}
	for _, a := range aliases {
		if _, ok := r.names[a.GroupID]; !ok {
			continue
		}
		e := entry{group: a.GroupID, alias: a.Name, countries: a.Countries}
		e.from, _ = parsePartial(a.From, false)
		e.to, _ = parsePartial(a.To, true)
		r.add(e)
	}
	for k := range r.byKey {
		for _, g := range trigrams(k) {
			r.grams[g] = append(r.grams[g], k)
		}
	}
	return r
}

func (r *Resolver) add(e entry) {
	k := Normalize(e.alias)
	if k == "" {
		return
	}
	for _, old := range r.byKey[k] {
		if old.group == e.group && sameScope(old, e) {
			return
		}
	}
	r.byKey[k] = append(r.byKey[k], e)
}

func sameScope(a, b entry) bool {
	return strings.Join(a.countries, ",") == strings.Join(b.countries, ",") && a.from.Equal(b.from) && a.to.Equal(b.to)
}

// parsePartial reads YYYY, YYYY-MM or YYYY-MM-DD; the end of a period is
// its last day.
func parsePartial(s string, end bool) (time.Time, bool) {
	for _, l := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(l, s); err == nil {
			if end {
				switch l {
				case "2006-01":
					t = t.AddDate(0, 1, -1)
				case "2006":
					t = t.AddDate(1, 0, -1)
				}
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// candidate is a way a normalised input may match, before scope checks.
type candidate struct {
	rule       string
	confidence float64
	entries    []entry
}

// Resolve resolves one name as written in an event in country (ISO
// alpha-3, may be "") on date (may be zero). A composite label gives one
// match per part; any other name gives exactly one match, with GroupID ""
// when nothing matched.
func (r *Resolver) Resolve(name, country string, date time.Time) []Match {
	if parts := splitComposite(name); len(parts) > 1 {
		var out []Match
		for _, p := range parts {
			m := r.resolveOne(p, country, date)
			m.Input = name
			m.Uncertain = true
			if m.Resolved() {
				m.Confidence *= CompositeConfidence
				m.Rule = RuleComposite + "+" + m.Rule
			}
			out = append(out, m)
		}
		return out
	}
	return []Match{r.resolveOne(name, country, date)}
}

func (r *Resolver) resolveOne(name, country string, date time.Time) Match {
	m := Match{Input: name, Rule: RuleNone}
	key := Normalize(name)
	if rule := generic(key); rule != "" {
		m.Rule = rule
		return m
	}
	for _, c := range r.candidates(name, key) {
		if e, ok := pick(c.entries, country, date); ok {
			m.GroupID, m.GroupName, m.Alias = e.group, r.names[e.group], e.alias
			m.Rule, m.Confidence = c.rule, c.confidence
			if e.scoped() && c.rule == RuleExact {
				m.Rule = RuleScoped
			}
			return m
		}
	}
	return m
}

// pick chooses among the entries of one key those that apply: a scoped
// alias that applies wins over unscoped ones; several groups left means
// the name is ambiguous and nothing is picked.
func pick(es []entry, country string, date time.Time) (entry, bool) {
	var scoped, open []entry
	for _, e := range es {
		if !e.applies(country, date) {
			continue
		}
		if e.scoped() {
			scoped = append(scoped, e)
		} else {
			open = append(open, e)
		}
	}
	for _, set := range [][]entry{scoped, open} {
		if g := groupsOf(set); len(g) == 1 {
			return set[0], true
		} else if len(g) > 1 {
			return entry{}, false
		}
	}
	return entry{}, false
}

func groupsOf(es []entry) map[string]bool {
	g := map[string]bool{}
	for _, e := range es {
		g[e.group] = true
	}
	return g
}

// candidates lists the ways name may match, best first, cached per name.
func (r *Resolver) candidates(name, key string) []candidate {
	r.mu.RLock()
	c, ok := r.cache[name]
	r.mu.RUnlock()
	if ok {
		return c
	}
	c = r.findCandidates(name, key)
	r.mu.Lock()
	r.cache[name] = c
	r.mu.Unlock()
	return c
}

func (r *Resolver) findCandidates(name, key string) []candidate {
	var out []candidate
	add := func(rule string, conf float64, k string) {
		if es, ok := r.byKey[k]; ok && k != "" {
			out = append(out, candidate{rule, conf, es})
		}
	}
	add(RuleExact, ConfidenceExact, key)
	rest := name
	if acr, full, ok := colonPrefix(name); ok {
		add(RuleExact, ConfidenceExact, Normalize(full))
		add(RuleAcronym, ConfidenceAcronym, Normalize(acr))
		rest = full
	}
	if base, inner, ok := paren(rest); ok {
		if isAcronym(inner) {
			add(RuleAcronym, ConfidenceAcronym, Normalize(inner))
		}
		add(RuleBase, ConfidenceBase, Normalize(base))
	}
	if best, sim := r.fuzzy(key); best != "" {
		add(RuleFuzzy, round(sim*ConfidenceAcronym), best)
	}
	return out
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// fuzzy finds the alias key most similar to key by trigram Dice
// coefficient, if any reaches FuzzyThreshold.
func (r *Resolver) fuzzy(key string) (string, float64) {
	if len(key) < 6 { // short names and acronyms: exact only
		return "", 0
	}
	grams := trigrams(key)
	counts := map[string]int{}
	for _, g := range grams {
		for _, k := range r.grams[g] {
			counts[k]++
		}
	}
	best, bestSim := "", 0.0
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic ties
	for _, k := range keys {
		sim := 2 * float64(counts[k]) / float64(len(grams)+len(trigrams(k)))
		if sim > bestSim {
			best, bestSim = k, sim
		}
	}
	if bestSim < FuzzyThreshold || !sameNumbers(key, best) {
		return "", 0
	}
	return best, bestSim
}

// sameNumbers: "Brigade 313" and "Brigade 314" are different groups.
func sameNumbers(a, b string) bool {
	digits := func(s string) string {
		var d []string
		for _, f := range strings.Fields(s) {
			if strings.IndexFunc(f, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
				d = append(d, f)
			}
		}
		return strings.Join(d, " ")
	}
	return digits(a) == digits(b)
}

// trigrams returns the distinct character trigrams of " key ".
func trigrams(key string) []string {
	s := []rune(" " + key + " ")
	seen := map[string]bool{}
	var out []string
	for i := 0; i+3 <= len(s); i++ {
		g := string(s[i : i+3])
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// splitComposite splits "A and/or B" labels (ACLED) into their parts.
func splitComposite(name string) []string {
	if !strings.Contains(strings.ToLower(name), " and/or ") {
		return nil
	}
	var parts []string
	rest := name
	for {
		i := strings.Index(strings.ToLower(rest), " and/or ")
		if i < 0 {
			break
		}
		parts = append(parts, strings.TrimSpace(rest[:i]))
		rest = rest[i+len(" and/or "):]
	}
	parts = append(parts, strings.TrimSpace(rest))
	return parts
}

// generic recognises names that are not armed groups: no perpetrator named
// ("Unknown") or civilians, state forces and crowds.
func generic(key string) string {
	switch key {
	case "", "unknown", "unknown group", "unidentified", "unaffiliated individual s", "individual", "other":
		return RuleUnattributed
	}
	for _, p := range []string{"unidentified ", "unknown ", "unnamed "} {
		if strings.HasPrefix(key, p) {
			return RuleUnattributed
		}
	}
	for _, p := range []string{"civilians", "protesters", "rioters", "military forces of", "police forces of",
		"government of", "private security forces", "prison guards", "students", "labour group", "labor group",
		"refugees idps", "journalists", "health workers", "aid workers", "teachers", "farmers", "herders", "women"} {
		if key == p || strings.HasPrefix(key, p+" ") {
			return RuleGeneric
		}
	}
	return ""
}
