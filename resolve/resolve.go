// Package resolve maps actor names as datasets write them to the groups of
// the knowledge base, and says by which rule: exact alias, alias scoped to
// a country and period, the same name up to particles ("of", "al-"),
// parenthesised or prefixed acronym, a qualifier that picks one of several
// groups sharing a base name, the name without its qualifier, or a fuzzy
// match with a confidence. Composite labels ("A and/or B") give one
// uncertain attribution per part; lists of co-perpetrators ("A, B") one
// attribution per actor. Names of civilians, state forces, crowds and
// unidentified groups are recognised as no armed group. It imports no
// database.
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
	RuleExact        = "exact"         // the whole name is an alias
	RuleScoped       = "scoped"        // an alias valid in the event's country and period
	RulePeriod       = "out_of_period" // an alias of one group only, used outside the period it is recorded for
	RuleVariant      = "variant"       // an alias up to particles and articles ("Islamic State in Iraq and the Levant")
	RuleAcronym      = "acronym"       // the parenthesised or prefixed acronym is an alias
	RuleQualified    = "qualified"     // the qualifier picks one group among those sharing the base name ("Islamic State (West Africa)")
	RuleBase         = "base"          // the name without its parenthesised qualifier is an alias
	RuleFuzzy        = "fuzzy"         // a close spelling of an alias
	RuleComposite    = "composite"     // one part of "A and/or B"
	RuleJoint        = "joint"         // one actor of a list "A, B" or "A; B" of co-perpetrators
	RuleUnattributed = "unattributed"  // "Unknown", "Unidentified Armed Group": no perpetrator named
	RuleGeneric      = "generic"       // a name for civilians, state forces or crowds: not an armed group
	RuleNone         = "none"          // nothing matched: queued for review
)

// Confidence of each rule (fuzzy matches scale with their similarity).
const (
	ConfidenceExact     = 1.0
	ConfidenceVariant   = 0.95
	ConfidenceAcronym   = 0.9
	ConfidenceQualified = 0.85
	ConfidenceBase      = 0.85
	ConfidencePeriod    = 0.8  // factor applied to an alias used outside its period
	FuzzyThreshold      = 0.86 // lowest trigram similarity a fuzzy match accepts
	CompositeConfidence = 0.5  // factor applied to each part of a composite label
)

// MaxCached is the number of distinct names whose candidates a Resolver
// keeps; past it the cache starts afresh, so that memory stays bounded on
// files with millions of distinct names.
const MaxCached = 1 << 17

// Match is how one name resolved.
type Match struct {
	Input      string  `json:"input"`
	GroupID    string  `json:"group_id"`
	GroupName  string  `json:"group_name"`
	Confidence float64 `json:"confidence"`
	Rule       string  `json:"rule"`
	// Alias is the alias that matched, as the knowledge base writes it.
	Alias string `json:"alias,omitempty"`
	// Part is the part of a composite label or list this match is for;
	// empty when Input is one name.
	Part string `json:"part,omitempty"`
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

// inCountry reports whether the alias applies in country.
func (e entry) inCountry(country string) bool {
	if len(e.countries) == 0 {
		return true
	}
	for _, c := range e.countries {
		if c == country {
			return true
		}
	}
	return false
}

// inPeriod reports whether the alias applies on date. An alias with a
// period applies to no undated name unless it has countries, which then
// decide alone.
func (e entry) inPeriod(date time.Time) bool {
	if date.IsZero() {
		return len(e.countries) > 0 || (e.from.IsZero() && e.to.IsZero())
	}
	if !e.from.IsZero() && date.Before(e.from) {
		return false
	}
	if !e.to.IsZero() && date.After(e.to) {
		return false
	}
	return true
}

func (e entry) applies(country string, date time.Time) bool {
	return e.inCountry(country) && e.inPeriod(date)
}

// Resolver resolves names against a fixed set of groups and aliases. It is
// safe for concurrent use.
type Resolver struct {
	names    map[string]string   // group id → canonical name
	byKey    map[string][]entry  // normalised alias → entries
	grams    map[string][]string // trigram → normalised aliases containing it
	ngrams   map[string]int      // normalised alias → number of its trigrams
	bySkel   map[string][]string // skeleton (content words) → normalised aliases
	byToken  map[string][]string // content word → normalised aliases containing it
	distinct map[string]bool     // content words that name few groups

	mu    sync.RWMutex
	cache map[string]*plan // raw name → how to resolve it
}

// New indexes groups and their aliases. Each group's canonical name and id
// are aliases too. Aliases of groups not in groups are ignored.
func New(groups []dossier.Group, aliases []dossier.Alias) *Resolver {
	r := &Resolver{
		names: map[string]string{}, byKey: map[string][]entry{}, grams: map[string][]string{}, ngrams: map[string]int{},
		bySkel: map[string][]string{}, byToken: map[string][]string{}, distinct: map[string]bool{},
		cache: map[string]*plan{},
	}
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
	keys := make([]string, 0, len(r.byKey))
	for k := range r.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic index order
	groupsOfWord := map[string]map[string]bool{}
	for _, k := range keys {
		gs := trigrams(k)
		r.ngrams[k] = len(gs)
		for _, g := range gs {
			r.grams[g] = append(r.grams[g], k)
		}
		words := contentWords(k)
		if len(words) > 0 {
			s := strings.Join(words, " ")
			r.bySkel[s] = append(r.bySkel[s], k)
		}
		// "Islamic State in Iraq and the Levant – West Africa (ISIL-WA)"
		// is also written without its acronym.
		for _, e := range r.byKey[k] {
			if base, inner, ok := paren(e.alias); ok && isAcronym(strings.ReplaceAll(inner, " ", "")) {
				if bw := contentWords(Normalize(base)); len(bw) > 1 {
					s := strings.Join(bw, " ")
					if !hasWord(r.bySkel[s], k) {
						r.bySkel[s] = append(r.bySkel[s], k)
					}
				}
			}
		}
		seen := map[string]bool{}
		for _, w := range words {
			if seen[w] {
				continue
			}
			seen[w] = true
			r.byToken[w] = append(r.byToken[w], k)
			if groupsOfWord[w] == nil {
				groupsOfWord[w] = map[string]bool{}
			}
			for _, e := range r.byKey[k] {
				groupsOfWord[w][e.group] = true
			}
		}
	}
	for w, gs := range groupsOfWord {
		if len(gs) <= maxGroupsOfDistinctWord && !orgWords[w] && len(w) > 2 {
			r.distinct[w] = true
		}
	}
	return r
}

// maxGroupsOfDistinctWord is how many groups' aliases a word may appear in
// and still tell a group apart ("kachin" does, "islamic" does not).
const maxGroupsOfDistinctWord = 3

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

// plan is how one raw name resolves before scope checks: its parts, and
// for each part its generic rule or candidates. Plans are cached.
type plan struct {
	kind  string // "", RuleComposite or RuleJoint
	parts []partPlan
}

type partPlan struct {
	text    string
	exact   []entry     // entries of the whole name
	generic string      // RuleGeneric or RuleUnattributed when the part is no armed group
	rest    []candidate // other candidates, best first
}

// Resolve resolves one name as written in an event in country (ISO
// alpha-3, may be "") on date (may be zero). A composite label ("A and/or
// B") gives one uncertain match per part, and a list of co-perpetrators
// ("A, B" as UCDP writes a side of several actors, "A; B" as ACLED
// sometimes does) one match per actor when one of them is a name the
// knowledge base knows; any other name gives exactly one match, with
// GroupID "" when nothing matched. Resolve never fails: a name it cannot
// place gets RuleNone.
func (r *Resolver) Resolve(name, country string, date time.Time) []Match {
	p := r.plan(name)
	if p.kind == "" {
		m := r.resolvePart(p.parts[0], country, date)
		m.Input = name
		return []Match{m}
	}
	out := make([]Match, 0, len(p.parts))
	for _, part := range p.parts {
		m := r.resolvePart(part, country, date)
		m.Input, m.Part = name, part.text
		if p.kind == RuleComposite {
			m.Uncertain = true
			if m.Resolved() {
				m.Confidence = round(m.Confidence * CompositeConfidence)
			}
		}
		if m.Resolved() {
			m.Rule = p.kind + "+" + m.Rule
		}
		out = append(out, m)
	}
	return out
}

func (r *Resolver) resolvePart(p partPlan, country string, date time.Time) Match {
	m := Match{Rule: RuleNone}
	set := func(e entry, rule string, conf float64) Match {
		m.GroupID, m.GroupName, m.Alias = e.group, r.names[e.group], e.alias
		m.Rule, m.Confidence = rule, conf
		return m
	}
	if e, ok := pick(p.exact, country, date); ok {
		if e.scoped() {
			return set(e, RuleScoped, ConfidenceExact)
		}
		return set(e, RuleExact, ConfidenceExact)
	}
	if e, ok := pickOutOfPeriod(p.exact, country); ok {
		return set(e, RulePeriod, round(ConfidenceExact*ConfidencePeriod))
	}
	if p.generic != "" {
		m.Rule = p.generic
		return m
	}
	for _, c := range p.rest {
		if e, ok := pick(c.entries, country, date); ok {
			return set(e, c.rule, c.confidence)
		}
	}
	return m
}

// pick chooses among the entries of one key those that apply: a scoped
// alias that applies wins over unscoped ones; several groups left means
// the name is ambiguous and nothing is picked.
func pick(es []entry, country string, date time.Time) (entry, bool) {
	// Two passes over es, scoped aliases first, without allocating: this
	// runs for every name of every event.
	for _, scoped := range []bool{true, false} {
		var found entry
		n := 0
		for _, e := range es {
			if e.scoped() != scoped || !e.applies(country, date) {
				continue
			}
			if n == 0 {
				found = e
			} else if e.group != found.group {
				return entry{}, false // ambiguous
			}
			n++
		}
		if n > 0 {
			return found, true
		}
	}
	return entry{}, false
}

// pickOutOfPeriod picks the group of a name whose aliases all belong to
// one group and apply in its country, though not on its date (or the name
// is undated): a former name used later, or a dataset's label used for
// earlier years, as UCDP uses "Jabhat Fateh al-Sham" for al-Nusra from
// 2012.
func pickOutOfPeriod(es []entry, country string) (entry, bool) {
	if len(es) == 0 || len(groupsOf(es)) != 1 {
		return entry{}, false
	}
	for _, e := range es {
		if e.inCountry(country) {
			return e, true
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

// plan returns how name resolves before scope checks, cached per name.
func (r *Resolver) plan(name string) *plan {
	r.mu.RLock()
	p, ok := r.cache[name]
	r.mu.RUnlock()
	if ok {
		return p
	}
	p = r.makePlan(name)
	r.mu.Lock()
	if len(r.cache) >= MaxCached {
		r.cache = make(map[string]*plan, MaxCached/4)
	}
	r.cache[name] = p
	r.mu.Unlock()
	return p
}

func (r *Resolver) makePlan(name string) *plan {
	if parts := splitComposite(name); len(parts) > 1 {
		p := &plan{kind: RuleComposite}
		for _, s := range parts {
			p.parts = append(p.parts, r.partPlan(s))
		}
		return p
	}
	whole := r.partPlan(name)
	if len(whole.exact) > 0 || whole.generic != "" {
		return &plan{parts: []partPlan{whole}}
	}
	if parts := splitList(name); len(parts) > 1 {
		p := &plan{kind: RuleJoint}
		named := false
		for _, s := range parts {
			pp := r.partPlan(s)
			if len(pp.exact) > 0 || len(pp.rest) > 0 {
				named = true
			}
			p.parts = append(p.parts, pp)
		}
		if named {
			return p
		}
	}
	return &plan{parts: []partPlan{whole}}
}

func (r *Resolver) partPlan(name string) partPlan {
	name = strings.TrimSpace(name)
	key := Normalize(name)
	p := partPlan{text: name, exact: r.byKey[key], generic: generic(name, key)}
	if p.generic == "" {
		p.rest = r.findCandidates(name, key)
	}
	return p
}

// findCandidates lists the ways name may match other than exactly, best
// first.
func (r *Resolver) findCandidates(name, key string) []candidate {
	var out []candidate
	add := func(rule string, conf float64, es []entry) {
		if len(es) > 0 {
			out = append(out, candidate{rule, conf, es})
		}
	}
	add(RuleVariant, ConfidenceVariant, r.variant(key))
	if splinter(key) {
		// "CMA: Coordination of Movements of the Azawad (Splinter
		// Faction)" broke away from the CMA: neither its acronym nor its
		// base name says which group it is.
		if es, sim := r.fuzzy(key); len(es) > 0 {
			add(RuleFuzzy, round(sim*ConfidenceAcronym), es)
		}
		return out
	}

	rest := name
	prefixed := false
	if acr, full, ok := colonPrefix(name); ok {
		fullKey := Normalize(full)
		add(RuleExact, ConfidenceExact, r.byKey[fullKey])
		add(RuleVariant, ConfidenceVariant, r.variant(fullKey))
		add(RuleAcronym, ConfidenceAcronym, r.acronym(acr, full))
		rest, prefixed = full, true
	}
	// "Base (QUAL)", possibly several trailing parentheses: "National
	// Liberation Front (FNL) (Burundi)".
	for base, inner, ok := paren(rest); ok && base != ""; base, inner, ok = paren(base) {
		baseKey := Normalize(base)
		// After an ACLED "ACR: Name" prefix the parenthesis is a faction
		// or alliance ("MAA: Arab Movement of the Azawad (CMA)"), not the
		// name's acronym.
		if !prefixed && isAcronym(strings.ReplaceAll(inner, " ", "")) {
			add(RuleAcronym, ConfidenceAcronym, r.acronym(inner, base))
		}
		add(RuleQualified, ConfidenceQualified, r.qualified(baseKey, Normalize(inner)))
		add(RuleBase, ConfidenceBase, r.base(baseKey))
		add(RuleVariant, ConfidenceBase, r.baseVariant(baseKey))
	}
	if es, sim := r.fuzzy(key); len(es) > 0 {
		add(RuleFuzzy, round(sim*ConfidenceAcronym), es)
	}
	return out
}

// splinterWords mark a name as a group that broke away from the one it
// names.
var splinterWords = map[string]bool{"splinter": true, "dissident": true, "dissidents": true, "breakaway": true,
	"renegade": true, "renegades": true, "defectors": true}

func splinter(key string) bool {
	for _, w := range strings.Fields(key) {
		if splinterWords[w] {
			return true
		}
	}
	return false
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// variant returns the entries of the aliases that have the same content
// words as key, when they all belong to one group: "Islamic State in Iraq
// and the Levant" is "Islamic State of Iraq and the Levant".
func (r *Resolver) variant(key string) []entry {
	words := contentWords(key)
	if len(words) == 0 || (len(words) == 1 && len(words[0]) < 6) {
		return nil
	}
	return r.oneGroup(r.bySkel[strings.Join(words, " ")])
}

// oneGroup returns the entries of keys when they all name one group.
func (r *Resolver) oneGroup(keys []string) []entry {
	var es []entry
	for _, k := range keys {
		es = append(es, r.byKey[k]...)
	}
	if len(groupsOf(es)) != 1 {
		return nil
	}
	return es
}

// acronym returns the entries of acr when it is an alias of a group one of
// whose aliases shares a distinctive word with the spelled-out name:
// "Tehrik-i-Taliban Pakistan (TTP)" is the TTP, but "Ambazonia Defence
// Forces (ADF)" is not the Allied Democratic Forces.
func (r *Resolver) acronym(acr, full string) []entry {
	es := r.byKey[Normalize(acr)]
	if len(es) == 0 {
		return nil
	}
	words := contentWords(Normalize(full))
	var out []entry
	for _, e := range es {
		if r.sharesDistinctWord(e.group, words) {
			out = append(out, e)
		}
	}
	return out
}

// sharesDistinctWord reports whether some alias of group holds one of the
// distinctive words.
func (r *Resolver) sharesDistinctWord(group string, words []string) bool {
	for _, w := range words {
		if !r.distinct[w] {
			continue
		}
		for _, k := range r.byToken[w] {
			for _, e := range r.byKey[k] {
				if e.group == group {
					return true
				}
			}
		}
	}
	return false
}

// aliasesWithAll returns the alias keys holding every word of words.
func (r *Resolver) aliasesWithAll(words []string) []string {
	if len(words) == 0 {
		return nil
	}
	var out []string
	for _, k := range r.byToken[words[0]] {
		kw := contentWords(k)
		all := true
		for _, w := range words[1:] {
			if !hasWord(kw, w) {
				all = false
				break
			}
		}
		if all {
			out = append(out, k)
		}
	}
	return out
}

func hasWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// qualified returns the entries of the one group whose aliases hold every
// word of the base and of the qualifier: "Islamic State (West Africa)" is
// the Islamic State West Africa Province.
func (r *Resolver) qualified(baseKey, innerKey string) []entry {
	qual := contentWords(innerKey)
	if len(qual) == 0 {
		return nil
	}
	words := append(contentWords(baseKey), qual...)
	return r.oneGroup(r.aliasesWithAll(words))
}

// base returns the entries of the alias baseKey when no other group has an
// alias holding all its words: "Hamas (Islamic Resistance Movement)" is
// Hamas, but "Islamic State (Afghanistan)" need not be the Islamic State's
// core when the knowledge base knows several Islamic State provinces.
func (r *Resolver) base(baseKey string) []entry {
	es := r.byKey[baseKey]
	if len(es) == 0 || !r.ownsWords(es, contentWords(baseKey)) {
		return nil
	}
	return es
}

// baseVariant is base for a base that is a variant of an alias.
func (r *Resolver) baseVariant(baseKey string) []entry {
	es := r.variant(baseKey)
	if len(es) == 0 || !r.ownsWords(es, contentWords(baseKey)) {
		return nil
	}
	return es
}

// ownsWords reports whether every alias holding all of words belongs to
// the groups of es.
func (r *Resolver) ownsWords(es []entry, words []string) bool {
	gs := groupsOf(es)
	for _, k := range r.aliasesWithAll(words) {
		for _, e := range r.byKey[k] {
			if !gs[e.group] {
				return false
			}
		}
	}
	return true
}

// fuzzy finds the alias most similar to key by trigram Dice coefficient
// whose words match key's one by one, each equal or a near spelling
// ("Islamiyah" and "Islamiyya"), so that a fuzzy match tolerates
// transliteration and typing, never an added or missing word ("Islamic
// State of Iraq and the Levant - Libya"). It returns the alias's entries
// when they name one group.
func (r *Resolver) fuzzy(key string) ([]entry, float64) {
	if len(key) < 6 { // short names and acronyms: exact only
		return nil, 0
	}
	grams := trigrams(key)
	counts := map[string]int{}
	for _, g := range grams {
		for _, k := range r.grams[g] {
			counts[k]++
		}
	}
	words := contentWords(key)
	type scored struct {
		key string
		sim float64
	}
	var ok []scored
	for k, n := range counts {
		sim := 2 * float64(n) / float64(len(grams)+r.ngrams[k])
		if sim >= fuzzyFloor && nearWords(words, contentWords(k)) {
			ok = append(ok, scored{k, sim})
		}
	}
	if len(ok) == 0 {
		return nil, 0
	}
	sort.Slice(ok, func(i, j int) bool {
		if ok[i].sim != ok[j].sim {
			return ok[i].sim > ok[j].sim
		}
		return ok[i].key < ok[j].key
	})
	best := ok[0]
	if best.sim < FuzzyThreshold && !wordsAllClose(words, contentWords(best.key)) {
		return nil, 0
	}
	// Every near alias must name the same group.
	var keys []string
	for _, s := range ok {
		keys = append(keys, s.key)
	}
	es := r.oneGroup(keys)
	if es == nil {
		return nil, 0
	}
	return r.byKey[best.key], best.sim
}

// fuzzyFloor is the lowest trigram similarity considered when every word
// of the name is a near spelling of the alias's word.
const fuzzyFloor = 0.6

// nearWords reports whether a and b have as many words and each word of a
// equals the word of b at the same place or is a near spelling of it.
// Numbers must be equal: "Brigade 313" is not "Brigade 314".
func nearWords(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if isNumber(a[i]) || isNumber(b[i]) || !nearSpelling(a[i], b[i]) {
			return false
		}
	}
	return true
}

// wordsAllClose reports whether the words differ only in one letter each,
// and in at most a third of the words: similar enough to accept below
// FuzzyThreshold, where the trigram measure punishes short words.
func wordsAllClose(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			if levenshtein(a[i], b[i], 1) > 1 {
				return false
			}
			diff++
		}
	}
	return diff*3 <= len(a)
}

// nearSpelling reports whether two different words are spellings of one:
// one edit apart for words of 4 letters or more, two for 8 or more.
func nearSpelling(a, b string) bool {
	n := min(len([]rune(a)), len([]rune(b)))
	switch {
	case n >= 8:
		return levenshtein(a, b, 2) <= 2
	case n >= 4:
		return levenshtein(a, b, 1) <= 1
	}
	return false
}

// levenshtein returns the edit distance of a and b, or max+1 when it
// exceeds max.
func levenshtein(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func isNumber(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// trigrams returns the distinct character trigrams of " key ".
func trigrams(key string) []string {
	s := []rune(" " + key + " ")
	seen := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
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
	const sep = " and/or "
	if !containsFold(name, sep) {
		return nil
	}
	var parts []string
	rest := name
	for {
		i := indexFold(rest, sep)
		if i < 0 {
			break
		}
		parts = append(parts, strings.TrimSpace(rest[:i]))
		rest = rest[i+len(sep):]
	}
	parts = append(parts, strings.TrimSpace(rest))
	return parts
}

// containsFold and indexFold find an ASCII separator in any case without
// allocating.
func containsFold(s, sep string) bool { return indexFold(s, sep) >= 0 }

func indexFold(s, sep string) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

// splitList splits a list of actors, "A, B, C" (UCDP sides of several
// actors) or "A; B" (ACLED), at the separators outside parentheses.
func splitList(name string) []string {
	if !strings.Contains(name, ", ") && !strings.Contains(name, ";") {
		return nil
	}
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '(' || c == '[':
			depth++
		case (c == ')' || c == ']') && depth > 0:
			depth--
		case depth == 0 && (c == ';' || (c == ',' && i+1 < len(name) && name[i+1] == ' ')):
			if p := strings.TrimSpace(name[start:i]); p != "" {
				parts = append(parts, p)
			}
			start = i + 1
		}
	}
	if p := strings.TrimSpace(name[start:]); p != "" {
		parts = append(parts, p)
	}
	return parts
}
