// Package metrics answers "how dangerous is this armed group?": it counts
// a group's attacks and their victims per time window, scores the group's
// impact the way the Global Terrorism Index scores countries, scores
// countries by the GTI formula, and ranks groups.
//
// It is pure computation over domain values (dossier.Event with resolved
// actors, and small aggregate structs); it never touches a database. Every
// figure carries an explanation of how it was computed, for --explain, and
// every definition is written out, with its source, in docs/METHODS.md.
//
// What counts as an attack differs by provider and is set by Options;
// DefaultOptions documents the defaults. Unknown values stay unknown: a nil
// casualty count is left out of sums and reported as unknown, never read as
// a zero that the provider did not give.
package metrics

import (
	"strings"

	"dossier"
)

// UnknownDeaths says how attacks whose death toll the source does not give
// enter lethality.
type UnknownDeaths string

// Policies for unknown death tolls. Either way the unknown toll adds
// nothing to the death totals, and the number of such attacks is reported.
const (
	// UnknownAsZero keeps attacks with an unknown toll in lethality's
	// denominator (the toll counts as 0): the documented default.
	UnknownAsZero UnknownDeaths = "zero"
	// UnknownExcluded leaves them out of lethality's denominator, so
	// lethality is deaths per attack of known toll.
	UnknownExcluded UnknownDeaths = "exclude"
)

// Options says what counts as an attack and how figures are computed.
// The zero value is not useful; start from DefaultOptions.
type Options struct {
	// Sources overrides, per provider, whether its events can count at
	// all: false excludes every event of that source. A source absent
	// from the map follows the rules of IsAttack (the built-in providers'
	// rules, and for any other source name the generic rule: a violent
	// event type with the group as perpetrator or associate).
	Sources map[dossier.Source]bool
	// ExcludeDoubtful leaves out events whose provider doubts they are
	// terrorism (GTD doubtterr = 1, Event.Doubtful).
	ExcludeDoubtful bool
	// CertainOnly counts only certain attributions in the headline
	// figures. By default uncertain ones (composite labels, GTD
	// guncertain) count too and are reported as such; the impact range
	// always shows both.
	CertainOnly bool
	// MinConfidence treats a resolved attribution whose Confidence is
	// below it as uncertain. 0 (the default) trusts every resolution.
	MinConfidence float64
	// UnknownDeaths: how attacks with an unknown toll enter lethality.
	UnknownDeaths UnknownDeaths
	// CivilianTargets are the target categories that make an attack an
	// attack on civilians.
	CivilianTargets []dossier.TargetCategory
	// Largest is the number of largest attacks listed.
	Largest int
	// OverlapDays is how many days apart two events of different sources
	// in the same country and first-level division may be to be flagged as
	// possibly the same attack.
	OverlapDays int
	// TrendMonths is the length of each of the two periods the trend
	// compares.
	TrendMonths int
}

// Defaults of Options.
const (
	DefaultLargest     = 10
	DefaultOverlapDays = 1
	DefaultTrendMonths = 12
)

// DefaultOptions returns the documented defaults: GDELT events (machine
// coded, unverified) and article extractions (unreviewed) never count;
// every other provider follows its rule in IsAttack; doubtful GTD events
// count; uncertain attributions count and are reported; unknown death
// tolls count as 0 in lethality's denominator; civilian targets are
// private citizens, religious figures and minorities, journalists, aid
// workers, education, tourists, business and transport; the 10 largest
// attacks are listed; overlaps are flagged within ±1 day; the trend
// compares the last 12 months with the 12 before.
func DefaultOptions() Options {
	return Options{
		Sources: map[dossier.Source]bool{
			dossier.SourceGDELT:   false,
			dossier.SourceArticle: false,
		},
		UnknownDeaths: UnknownAsZero,
		CivilianTargets: []dossier.TargetCategory{
			dossier.TargetCivilians, dossier.TargetReligious, dossier.TargetJournalists,
			dossier.TargetAidWorkers, dossier.TargetEducation, dossier.TargetTourists,
			dossier.TargetBusiness, dossier.TargetTransport,
		},
		Largest:     DefaultLargest,
		OverlapDays: DefaultOverlapDays,
		TrendMonths: DefaultTrendMonths,
	}
}

// withDefaults fills the numeric fields a caller left at zero.
func (o Options) withDefaults() Options {
	if o.Largest <= 0 {
		o.Largest = DefaultLargest
	}
	if o.OverlapDays < 0 {
		o.OverlapDays = 0
	}
	if o.TrendMonths <= 0 {
		o.TrendMonths = DefaultTrendMonths
	}
	if o.UnknownDeaths == "" {
		o.UnknownDeaths = UnknownAsZero
	}
	return o
}

// Reasons an event naming the group is not counted as its attack, as
// reported in GroupStats.Excluded.
const (
	ReasonSourceExcluded = "source excluded by options"
	ReasonDoubtful       = "doubtful (GTD doubtterr=1) excluded by options"
	ReasonNotViolent     = "not an attack type (protest, riot, strategic development, other)"
	ReasonNotPerpetrator = "group is not the perpetrator (target, or not side A/B as the rule needs)"
	ReasonBattleTarget   = "ACLED battle not initiated by the group (it is actor2)"
	ReasonStateSide      = "UCDP state-based event where the group is the government side"
	ReasonUncertain      = "uncertain attribution excluded by options"
)

// IsAttack reports whether e counts as an attack by the group groupID
// under o, and whether the attribution is certain.
//
// An event counts only when one of its actors resolved to groupID and the
// provider's rule holds:
//   - GTD: every incident the group perpetrated (gname, gname2, gname3);
//     with ExcludeDoubtful, not those with doubtterr = 1.
//   - ACLED: violence against civilians and explosions/remote violence by
//     the group (actor1 or an associated actor of actor1), and battles the
//     group initiated (actor1); never battles where it is actor2, nor
//     protests, riots or strategic developments.
//   - UCDP GED: one-sided violence (type 3) and non-state conflict
//     (type 2) by the group, and state-based conflict (type 1) where the
//     group is side B, the non-state side.
//   - GDELT: never by default (machine coded, unverified).
//   - curated, user and any other source: a violent event type with the
//     group as perpetrator or associate.
//
// certain is false when every actor that makes the event count is an
// uncertain attribution (composite label, GTD guncertain, or a resolution
// below MinConfidence). With CertainOnly, uncertain events do not count.
func IsAttack(e *dossier.Event, groupID string, o Options) (counts bool, certain bool) {
	counts, certain, _ = classify(e, groupID, &o)
	return counts, certain
}

// classify is IsAttack with the reason an event naming the group does not
// count ("" when it counts or does not name the group at all).
func classify(e *dossier.Event, groupID string, o *Options) (counts, certain bool, reason string) {
	if e == nil || groupID == "" {
		return false, false, ""
	}
	named := false
	for i := range e.Actors {
		if e.Actors[i].GroupID == groupID {
			named = true
			break
		}
	}
	if !named {
		return false, false, ""
	}
	if ok, set := o.Sources[e.Source]; set && !ok {
		return false, false, ReasonSourceExcluded
	}
	if o.ExcludeDoubtful && e.Doubtful != nil && *e.Doubtful {
		return false, false, ReasonDoubtful
	}
	reason = ReasonNotPerpetrator
	for i := range e.Actors {
		a := &e.Actors[i]
		if a.GroupID != groupID {
			continue
		}
		ok, why := actorCounts(e, i)
		if !ok {
			if why != "" {
				reason = why
			}
			continue
		}
		counts = true
		if !a.Uncertain && (o.MinConfidence <= 0 || a.Confidence >= o.MinConfidence) {
			certain = true
		}
	}
	if !counts {
		return false, false, reason
	}
	if o.CertainOnly && !certain {
		return false, false, ReasonUncertain
	}
	return true, certain, ""
}

// actorCounts applies the provider's rule to actor i of e.
func actorCounts(e *dossier.Event, i int) (bool, string) {
	a := &e.Actors[i]
	perp := a.Role == dossier.RolePerpetrator || a.Role == dossier.RoleAssociated
	switch e.Source {
	case dossier.SourceGTD:
		if !perp {
			return false, ReasonNotPerpetrator
		}
		return true, ""
	case dossier.SourceACLED:
		switch e.Type {
		case dossier.TypeBattle:
			if a.Role != dossier.RolePerpetrator {
				return false, ReasonBattleTarget
			}
			return true, ""
		case dossier.TypeArmedAssault, dossier.TypeKidnapping, dossier.TypeSexualViolence,
			dossier.TypeBombing, dossier.TypeRemoteViolence, dossier.TypeAssassination,
			dossier.TypeOneSidedViolence, dossier.TypeAttack:
			if !perp {
				return false, ReasonNotPerpetrator
			}
			return true, ""
		}
		return false, ReasonNotViolent
	case dossier.SourceUCDP:
		if a.Role != dossier.RolePerpetrator {
			return false, ReasonNotPerpetrator
		}
		if ucdpType(e) == 1 && !ucdpSideB(e, i) {
			return false, ReasonStateSide
		}
		return true, ""
	case dossier.SourceGDELT:
		// Reached only when Options.Sources lets GDELT in.
		if !perp {
			return false, ReasonNotPerpetrator
		}
		if !violent(e.Type) {
			return false, ReasonNotViolent
		}
		return true, ""
	}
	if !perp {
		return false, ReasonNotPerpetrator
	}
	if !violent(e.Type) {
		return false, ReasonNotViolent
	}
	return true, ""
}

// violent reports whether t is an event type that can be an attack.
func violent(t dossier.EventType) bool {
	switch t {
	case dossier.TypeProtest, dossier.TypeRiot, dossier.TypeStrategic, dossier.TypeOther, "":
		return false
	}
	return true
}

// ucdpType returns the GED type_of_violence of e (1, 2, 3; 0 unknown),
// from the SourceType the ucdp parser writes or the number itself.
func ucdpType(e *dossier.Event) int {
	switch strings.ToLower(strings.TrimSpace(e.SourceType)) {
	case "state-based", "1", "state-based conflict", "state-based violence":
		return 1
	case "non-state", "2", "non-state conflict", "non-state violence":
		return 2
	case "one-sided", "3", "one-sided violence":
		return 3
	}
	switch e.Details["type_of_violence"] {
	case "1":
		return 1
	case "2":
		return 2
	case "3":
		return 3
	}
	return 0
}

// ucdpSideB reports whether actor i of a state-based GED event is side B,
// the non-state side. The GED codebook puts the government on side A of a
// state-based dyad. The ucdp parser writes side_a first and side_b second,
// both as perpetrators; side_a itself may list several governments. Side
// A is recognised by the side_a value when a file kept it in Details, by
// being the first actor's name, or by the GED's "Government of" prefix.
func ucdpSideB(e *dossier.Event, i int) bool {
	name := e.Actors[i].Name
	if sa, ok := e.Details["side_a"]; ok {
		return !strings.EqualFold(strings.TrimSpace(sa), strings.TrimSpace(name))
	}
	if sb, ok := e.Details["side_b"]; ok && strings.EqualFold(strings.TrimSpace(sb), strings.TrimSpace(name)) {
		return true
	}
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(name)), "government of") {
		return false
	}
	first := e.Actors[0].Name
	if name != first {
		return true
	}
	// The actor carries the first name. It is side A unless the event has
	// only that one name (side_a was blank), which then must be side B as
	// it is no government.
	for _, a := range e.Actors {
		if a.Name != first {
			return false
		}
	}
	return true
}
