package kb

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"dossier"
	"dossier/country"
)

var (
	kinds        = []string{"jihadist", "separatist", "ethno-nationalist", "communist", "militia", "islamist", "other"}
	statuses     = []string{"active", "inactive", "merged", "defeated", "proposed"}
	aliasSources = []string{"gtd", "acled", "ucdp", "gdelt", "un", "ofac", "press", "curated", "user"}
)

// Kinds returns the group kinds a knowledge base may use.
func Kinds() []string { return append([]string(nil), kinds...) }

// Statuses returns the group statuses a knowledge base may use. A proposed
// group is one a user suggested and nobody has checked yet.
func Statuses() []string { return append([]string(nil), statuses...) }

// AliasSources returns the places an alias may come from.
func AliasSources() []string { return append([]string(nil), aliasSources...) }

var (
	aliasKinds = []dossier.AliasKind{dossier.AliasName, dossier.AliasAcronym, dossier.AliasTransliteration,
		dossier.AliasDatasetLabel, dossier.AliasFormerName, dossier.AliasDesignation}
	relationTypes = []dossier.RelationType{dossier.RelBranchOf, dossier.RelSplinterOf, dossier.RelMergedInto,
		dossier.RelAlly, dossier.RelRival, dossier.RelSuccessor}
	claimTypes = []dossier.ClaimType{dossier.ClaimFounded, dossier.ClaimLeader, dossier.ClaimStrength, dossier.ClaimArea,
		dossier.ClaimIdeology, dossier.ClaimDesignation, dossier.ClaimTargets, dossier.ClaimEvent}
	claimStatuses = []string{"", dossier.ClaimAccepted, dossier.ClaimDisputed, dossier.ClaimProposed}
	eventTypes    = []dossier.EventType{dossier.TypeBombing, dossier.TypeArmedAssault, dossier.TypeAssassination,
		dossier.TypeKidnapping, dossier.TypeHostageTaking, dossier.TypeHijacking, dossier.TypeFacilityAttack,
		dossier.TypeUnarmedAssault, dossier.TypeSexualViolence, dossier.TypeRemoteViolence, dossier.TypeBattle,
		dossier.TypeOneSidedViolence, dossier.TypeMassViolence, dossier.TypeProtest, dossier.TypeRiot,
		dossier.TypeStrategic, dossier.TypeAttack, dossier.TypeOther}
	targetCategories = []dossier.TargetCategory{dossier.TargetCivilians, dossier.TargetReligious, dossier.TargetJournalists,
		dossier.TargetAidWorkers, dossier.TargetPolice, dossier.TargetMilitary, dossier.TargetGovernment,
		dossier.TargetDiplomatic, dossier.TargetEducation, dossier.TargetInfrastructure, dossier.TargetTransport,
		dossier.TargetBusiness, dossier.TargetTourists, dossier.TargetNonState, dossier.TargetPolitical,
		dossier.TargetOther, dossier.TargetUnknown}
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether s is a well-formed id for a group, curated event
// or citation: lower-case letters and digits in words joined by hyphens.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Problem is one thing wrong in a knowledge base: where it is and what.
type Problem struct {
	File   string // file name, "" for documents built in code
	Group  string // group id, "" for shared citations
	Field  string // path of the field: "aliases[2].name", "claims[0].citations[1]"
	Value  string // the offending value
	Reason string // what is wrong and what to do
}

func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteString(": ")
	}
	if p.Group != "" {
		fmt.Fprintf(&b, "group %s: ", p.Group)
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	if p.Value != "" {
		fmt.Fprintf(&b, "%q: ", p.Value)
	}
	b.WriteString(p.Reason)
	return b.String()
}

// ValidationError lists everything Validate found wrong.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "knowledge base has %d problem(s):", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Validate checks the knowledge base as a whole: ids unique and
// well-formed; kinds, statuses, types and categories known; dates
// well-formed and in order; country codes ISO 3166 alpha-3; alias names
// non-empty and no alias repeated within a group with the same scope;
// every relation's other group present; every claim, relation and event
// citing at least one citation, and every cited id defined; every citation
// with a title and a URL or reference. It returns nil, or an
// *dossier.Error with code EInvalid wrapping a *ValidationError that lists
// every problem with its file, group and field.
func (k *KB) Validate() error {
	v := &validator{groups: map[string]string{}, cites: map[string]string{}, events: map[string]string{}}
	for _, g := range k.Groups {
		if ValidID(g.ID) {
			if f, dup := v.groups[g.ID]; dup {
				v.add(g.File, g.ID, "id", g.ID, "group id already used in "+nameOr(f, "another document")+"; ids must be unique")
			}
			v.groups[g.ID] = g.File
		}
	}
	for i, c := range k.Citations {
		v.citation(nameOr(k.CitationsFile, SharedCitationsFile), "", fmt.Sprintf("citations[%d]", i), c)
	}
	for _, g := range k.Groups {
		for i, c := range g.Citations {
			v.citation(g.File, g.ID, fmt.Sprintf("citations[%d]", i), c)
		}
	}
	for _, g := range k.Groups {
		v.group(g)
	}
	if len(v.problems) == 0 {
		return nil
	}
	ve := &ValidationError{Problems: v.problems}
	return &dossier.Error{
		Code:    dossier.EInvalid,
		Message: fmt.Sprintf("kb: %d problem(s), first: %s", len(ve.Problems), ve.Problems[0]),
		Hint:    "fix each listed field in its file and run the validation again",
		Err:     ve,
	}
}

type validator struct {
	groups   map[string]string // id → file
	cites    map[string]string // id → file
	events   map[string]string // id → file
	problems []Problem
}

func (v *validator) add(file, group, field, value, reason string) {
	v.problems = append(v.problems, Problem{File: file, Group: group, Field: field, Value: value, Reason: reason})
}

func nameOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func (v *validator) citation(file, group, field string, c dossier.Citation) {
	switch {
	case !ValidID(c.ID):
		v.add(file, group, field+".id", c.ID, "citation id must be lower-case words and digits joined by hyphens (un-qde161)")
	default:
		if f, dup := v.cites[c.ID]; dup {
			v.add(file, group, field+".id", c.ID, "citation id already defined in "+nameOr(f, "another document")+"; define each citation once")
		} else {
			v.cites[c.ID] = file
		}
	}
	if strings.TrimSpace(c.Title) == "" {
		v.add(file, group, field+".title", "", "citation needs the document's title")
	}
	if c.URL == "" && c.Reference == "" {
		v.add(file, group, field+".url", "", "citation needs a url or, for a document without one, a reference")
	}
	if c.URL != "" {
		if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.add(file, group, field+".url", c.URL, "url must be an absolute http(s) address")
		}
	}
	v.date(file, group, field+".date", c.Date)
}

func (v *validator) group(g *GroupDoc) {
	f, id := g.File, g.ID
	if !ValidID(g.ID) {
		v.add(f, id, "id", g.ID, "group id must be a slug of lower-case letters, digits and hyphens (iskp, al-shabaab)")
	}
	if strings.TrimSpace(g.Name) == "" {
		v.add(f, id, "name", "", "group needs its canonical name")
	}
	if g.Kind != "" && !contains(kinds, g.Kind) {
		v.add(f, id, "kind", g.Kind, "unknown kind; use one of "+strings.Join(kinds, ", "))
	}
	if g.Status != "" && !contains(statuses, g.Status) {
		v.add(f, id, "status", g.Status, "unknown status; use one of "+strings.Join(statuses, ", "))
	}
	v.span(f, id, "founded", g.Founded, "ended", g.Ended)

	type scopeKey struct{ name, countries, from, to string }
	seen := map[scopeKey]int{}
	for i, a := range g.Aliases {
		field := fmt.Sprintf("aliases[%d]", i)
		if strings.TrimSpace(a.Name) == "" {
			v.add(f, id, field+".name", "", "alias name is empty")
		}
		if a.Kind != "" && !contains(aliasKinds, a.Kind) {
			v.add(f, id, field+".kind", string(a.Kind), "unknown alias kind; use one of "+joinAny(aliasKinds))
		}
		if a.Source != "" && !contains(aliasSources, a.Source) {
			v.add(f, id, field+".source", a.Source, "unknown alias source; use one of "+strings.Join(aliasSources, ", "))
		}
		for j, c := range a.Countries {
			v.country(f, id, fmt.Sprintf("%s.countries[%d]", field, j), c)
		}
		v.span(f, id, field+".from", a.From, field+".to", a.To)
		cs := make([]string, len(a.Countries))
		for j, c := range a.Countries {
			cs[j] = strings.ToUpper(c)
		}
		sort.Strings(cs)
		// Names compare exactly (spaces collapsed): "Taliban" (GTD) and
		// "TALIBAN" (OFAC) are two labels, each as its source writes it.
		key := scopeKey{strings.Join(strings.Fields(a.Name), " "), strings.Join(cs, ","), a.From, a.To}
		if key.name == "" {
			continue
		}
		if j, dup := seen[key]; dup {
			v.add(f, id, field+".name", a.Name, fmt.Sprintf("alias repeats aliases[%d] with the same scope; keep one", j))
		} else {
			seen[key] = i
		}
	}

	for i, r := range g.Relations {
		field := fmt.Sprintf("relations[%d]", i)
		if !contains(relationTypes, r.Type) {
			v.add(f, id, field+".type", string(r.Type), "unknown relation type; use one of "+joinAny(relationTypes))
		}
		switch _, ok := v.groups[r.Other]; {
		case r.Other == "":
			v.add(f, id, field+".other", "", "relation needs the other group's id")
		case r.Other == g.ID:
			v.add(f, id, field+".other", r.Other, "a group cannot be related to itself")
		case !ok:
			v.add(f, id, field+".other", r.Other, "no group has this id; add the group's file or fix the id")
		}
		v.span(f, id, field+".from", r.From, field+".to", r.To)
		v.cited(f, id, field, r.Citations)
	}

	for i, c := range g.Claims {
		field := fmt.Sprintf("claims[%d]", i)
		if !contains(claimTypes, c.Type) {
			v.add(f, id, field+".type", string(c.Type), "unknown claim type; use one of "+joinAny(claimTypes))
		}
		if strings.TrimSpace(c.Text) == "" {
			v.add(f, id, field+".text", "", "claim needs its statement as one sentence")
		}
		if !contains(claimStatuses, c.Status) {
			v.add(f, id, field+".status", c.Status, "unknown claim status; use accepted, disputed or proposed")
		}
		if c.Type == dossier.ClaimDesignation && strings.TrimSpace(c.Authority) == "" {
			v.add(f, id, field+".authority", "", "designation claim needs the designating authority (UN, US-State, US-Treasury, UK, EU)")
		}
		if c.Type == dossier.ClaimFounded && c.Value != "" {
			v.date(f, id, field+".value", c.Value)
		}
		v.span(f, id, field+".from", c.From, field+".to", c.To)
		v.cited(f, id, field, c.Citations)
	}

	for i, e := range g.Events {
		v.event(f, id, fmt.Sprintf("events[%d]", i), &e)
	}
}

func (v *validator) event(f, id, field string, e *EventDoc) {
	if !ValidID(e.ID) {
		v.add(f, id, field+".id", e.ID, "event id must be lower-case words and digits joined by hyphens (iskp-2021-08-26-kabul-airport)")
	} else if other, dup := v.events[e.ID]; dup {
		v.add(f, id, field+".id", e.ID, "event id already used in "+nameOr(other, "another document")+"; ids must be unique")
	} else {
		v.events[e.ID] = f
	}
	if e.Date == "" {
		v.add(f, id, field+".date", "", "event needs its date (YYYY-MM-DD, or YYYY-MM when only the month is known)")
	} else {
		v.date(f, id, field+".date", e.Date)
	}
	if e.Country != "" {
		v.country(f, id, field+".country", e.Country)
	}
	if !contains(eventTypes, e.Type) {
		v.add(f, id, field+".type", string(e.Type), "unknown event type; use one of "+joinAny(eventTypes))
	}
	for j, t := range e.TargetCategories {
		if !contains(targetCategories, t) {
			v.add(f, id, fmt.Sprintf("%s.target_categories[%d]", field, j), string(t), "unknown target category; use one of "+joinAny(targetCategories))
		}
	}
	if e.Latitude != nil && (*e.Latitude < -90 || *e.Latitude > 90) {
		v.add(f, id, field+".latitude", fmt.Sprint(*e.Latitude), "latitude must be between -90 and 90")
	}
	if e.Longitude != nil && (*e.Longitude < -180 || *e.Longitude > 180) {
		v.add(f, id, field+".longitude", fmt.Sprint(*e.Longitude), "longitude must be between -180 and 180")
	}
	if (e.Latitude == nil) != (e.Longitude == nil) {
		v.add(f, id, field+".latitude", "", "give both latitude and longitude, or neither")
	}
	counts := []struct {
		name string
		n    *int
	}{{"fatalities", e.Fatalities}, {"fatalities_low", e.FatalitiesLow}, {"fatalities_high", e.FatalitiesHigh},
		{"injuries", e.Injuries}, {"hostages", e.Hostages}}
	for _, c := range counts {
		if c.n != nil && *c.n < 0 {
			v.add(f, id, field+"."+c.name, fmt.Sprint(*c.n), "a count cannot be negative; leave it out when unknown")
		}
	}
	if e.FatalitiesLow != nil && e.FatalitiesHigh != nil && *e.FatalitiesLow > *e.FatalitiesHigh {
		v.add(f, id, field+".fatalities_low", fmt.Sprint(*e.FatalitiesLow), "fatalities_low is above fatalities_high")
	}
	if e.Fatalities != nil && e.FatalitiesLow != nil && *e.Fatalities < *e.FatalitiesLow {
		v.add(f, id, field+".fatalities", fmt.Sprint(*e.Fatalities), "fatalities is below fatalities_low")
	}
	if e.Fatalities != nil && e.FatalitiesHigh != nil && *e.Fatalities > *e.FatalitiesHigh {
		v.add(f, id, field+".fatalities", fmt.Sprint(*e.Fatalities), "fatalities is above fatalities_high")
	}
	v.cited(f, id, field, e.Citations)
}

// cited checks a list of citation ids: at least one, each defined.
func (v *validator) cited(f, id, field string, ids []string) {
	if len(ids) == 0 {
		v.add(f, id, field+".citations", "", "every claim, relation and event needs at least one citation")
	}
	for j, c := range ids {
		if _, ok := v.cites[c]; !ok {
			v.add(f, id, fmt.Sprintf("%s.citations[%d]", field, j), c, "no citation has this id; define it under citations: in this file or "+SharedCitationsFile)
		}
	}
}

func (v *validator) date(f, id, field, s string) (time.Time, time.Time, bool) {
	if s == "" {
		return time.Time{}, time.Time{}, false
	}
	start, end, _, err := ParseDate(s)
	if err != nil {
		v.add(f, id, field, s, "date must be YYYY, YYYY-MM or YYYY-MM-DD and exist in the calendar")
		return time.Time{}, time.Time{}, false
	}
	return start, end, true
}

// span checks two optional dates and that the first is not after the second.
func (v *validator) span(f, id, fromField, from, toField, to string) {
	a, _, okA := v.date(f, id, fromField, from)
	_, b, okB := v.date(f, id, toField, to)
	if okA && okB && a.After(b) {
		v.add(f, id, toField, to, "ends before it starts ("+from+")")
	}
}

func (v *validator) country(f, id, field, code string) {
	if len(code) != 3 {
		v.add(f, id, field, code, "country must be an ISO 3166 alpha-3 code (AFG, PAK)")
		return
	}
	if _, ok := country.ByISO3(code); !ok {
		v.add(f, id, field, code, "unknown ISO 3166 alpha-3 country code")
	}
}

func contains[T comparable](list []T, x T) bool {
	for _, y := range list {
		if x == y {
			return true
		}
	}
	return false
}

func joinAny[T ~string](list []T) string {
	s := make([]string, len(list))
	for i, x := range list {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}
