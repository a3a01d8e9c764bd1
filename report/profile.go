package report

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"dossier"
	"dossier/country"
	"dossier/knowledge"
	"dossier/metrics"
)

// Profile is everything dossier can say about one group: who it is, what
// it did in a window, how dangerous that makes it, and where the figures
// come from. It is the document of `dossier profile --json` and of
// GET /api/v1/groups/{id}/profile.
type Profile struct {
	Group  GroupRef       `json:"group"`
	Window metrics.Window `json:"window"`
	// Filter lists the sources the figures were limited to (none: all).
	Filter []string `json:"source_filter,omitempty"`
	Who    Who      `json:"who"`

	// What it did.
	Attacks          int              `json:"attacks"`
	UncertainAttacks int              `json:"uncertain_attacks"`
	Deaths           metrics.Range    `json:"deaths"`
	Injuries         int              `json:"injuries"`
	InjuriesUnknown  int              `json:"injuries_unknown"`
	Hostages         int              `json:"hostages"`
	HostagesUnknown  int              `json:"hostages_unknown"`
	Lethality        metrics.Ratio    `json:"lethality"`
	SuicideShare     metrics.Ratio    `json:"suicide_share"`
	CivilianShare    metrics.Ratio    `json:"civilian_share"`
	Targets          []metrics.Share  `json:"targets"`
	AttackTypes      []metrics.Share  `json:"attack_types"`
	Countries        []metrics.Share  `json:"countries"`
	Provinces        []metrics.Share  `json:"provinces"`
	First            *time.Time       `json:"first"`
	Last             *time.Time       `json:"last"`
	ByMonth          []metrics.Period `json:"by_month"`
	ByYear           []metrics.Period `json:"by_year"`
	Trend            metrics.Trend    `json:"trend"`
	Largest          []metrics.Attack `json:"largest"`

	// How dangerous.
	Impact metrics.ImpactRange `json:"impact"`
	Rank   *GroupRank          `json:"rank"`

	// Coverage.
	Sources  []SourceCoverage `json:"sources"`
	Overlaps metrics.Overlaps `json:"overlaps"`
	// Excluded counts the events naming the group that do not count as
	// its attacks, by reason.
	Excluded map[string]int    `json:"excluded,omitempty"`
	Explain  map[string]string `json:"explain"`
}

// Who is what the registry knows of a group.
type Who struct {
	Name        string `json:"name"`
	Kind        string `json:"kind,omitempty"`
	Description string `json:"description,omitempty"`
	Founded     string `json:"founded,omitempty"`
	Ended       string `json:"ended,omitempty"`
	Status      string `json:"status,omitempty"`
	// Aliases are grouped by where they come from (a dataset, a
	// designation list, the press…).
	Aliases      []AliasSet           `json:"aliases"`
	Relations    []Link               `json:"relations"`
	Leaders      []dossier.Claim      `json:"leaders"`
	Area         []dossier.Claim      `json:"area"`
	Designations []dossier.Claim      `json:"designations"`
	Claims       []dossier.Claim      `json:"claims"` // founding, strength, ideology, targets and other facts
	Citations    []dossier.Citation   `json:"citations"`
	Individuals  []dossier.Individual `json:"individuals,omitempty"`
}

// AliasSet is the names of a group from one source.
type AliasSet struct {
	Source string          `json:"source"`
	Names  []dossier.Alias `json:"names"`
}

// Link is a relation of the group to another, in either direction: "IS-K
// is a branch of IS" is, on IS's profile, "IS-K is its branch".
type Link struct {
	Type      dossier.RelationType `json:"type"`
	Label     string               `json:"label"` // the relation in words, from this group's side
	Outgoing  bool                 `json:"outgoing"`
	Group     GroupRef             `json:"group"`
	From      string               `json:"from,omitempty"`
	To        string               `json:"to,omitempty"`
	Note      string               `json:"note,omitempty"`
	Citations []string             `json:"citations,omitempty"`
}

// GroupRank is a group's place among all groups by impact score.
type GroupRank struct {
	By      string `json:"by"`
	Year    int    `json:"year"`
	World   Place  `json:"world"`
	Region  *Place `json:"region,omitempty"`
	Explain string `json:"explain"`
}

// Place is a rank among Of groups with an impact score, in Region when
// set.
type Place struct {
	Region string `json:"region,omitempty"`
	Rank   int    `json:"rank"`
	Of     int    `json:"of"`
}

// SourceCoverage is what one provider contributes, with the files it came
// from.
type SourceCoverage struct {
	metrics.SourceCoverage
	Files []SourceFileRef `json:"files,omitempty"`
}

// SourceFileRef is an imported file.
type SourceFileRef struct {
	Name     string    `json:"name"`
	Version  string    `json:"version,omitempty"`
	Licence  string    `json:"licence"`
	Imported time.Time `json:"imported_at"`
}

// FindGroup returns the group named by id or by any alias ("ISIS-K"), or
// an ENotFound *dossier.Error.
func FindGroup(ctx context.Context, s dossier.Registry, name string) (*dossier.GroupProfile, error) {
	name = strings.TrimSpace(name)
	p, err := s.GroupProfile(ctx, name)
	if err == nil || dossier.ErrorCode(err) != dossier.ENotFound {
		return p, err
	}
	if lower := strings.ToLower(name); lower != name {
		if p, err := s.GroupProfile(ctx, lower); err == nil {
			return p, nil
		}
	}
	res, err := knowledge.NewResolver(ctx, s)
	if err != nil {
		return nil, err
	}
	for _, m := range res.Resolve(name, "", time.Time{}) {
		if m.Resolved() {
			return s.GroupProfile(ctx, m.GroupID)
		}
	}
	return nil, &dossier.Error{Code: dossier.ENotFound, Message: fmt.Sprintf("no group %q", name),
		Hint: "search groups with `dossier groups QUERY`"}
}

// BuildProfile computes the profile of the group named by id or any alias.
// A name no group has is an ENotFound *dossier.Error; an invalid query is
// EInvalid.
func BuildProfile(ctx context.Context, s Store, name string, q Query) (*Profile, error) {
	w, err := q.window()
	if err != nil {
		return nil, err
	}
	gp, err := FindGroup(ctx, s, name)
	if err != nil {
		return nil, err
	}
	o := q.options()
	var events []*dossier.Event
	if err := s.Events(ctx, dossier.EventFilter{GroupID: gp.ID, Sources: q.Sources, NoRaw: true}, func(e *dossier.Event) error {
		events = append(events, e)
		return nil
	}); err != nil {
		return nil, err
	}
	st := metrics.Profile(events, gp.ID, w, o)
	names, err := groupNames(ctx, s)
	if err != nil {
		return nil, err
	}

	p := &Profile{
		Group:  GroupRef{ID: gp.ID, Name: gp.Name, Aliases: aliasNames(gp.Aliases)},
		Window: w, Who: who(gp, names),
		Attacks: st.Attacks, UncertainAttacks: st.UncertainAttacks, Deaths: st.Deaths,
		Injuries: st.Injuries.Total, InjuriesUnknown: st.Injuries.Unknown,
		Hostages: st.Hostages.Total, HostagesUnknown: st.Hostages.Unknown,
		Lethality: st.Lethality, SuicideShare: st.SuicideShare, CivilianShare: st.CivilianShare,
		Targets: st.Targets, AttackTypes: st.AttackTypes, Countries: st.Countries, Provinces: st.Provinces,
		First: st.First, Last: st.Last, ByMonth: st.ByMonth, ByYear: st.ByYear, Trend: st.Trend,
		Largest: st.Largest, Impact: st.Impact, Overlaps: st.Overlaps, Excluded: st.Excluded,
		Explain: st.Explain,
	}
	for _, src := range q.Sources {
		p.Filter = append(p.Filter, string(src))
	}
	if p.Explain == nil {
		p.Explain = map[string]string{}
	}
	if p.Sources, err = coverage(ctx, s, st.Sources); err != nil {
		return nil, err
	}
	if st.Impact.Year > 0 && st.Attacks+len(st.Impact.Components) > 0 {
		main := ""
		if len(st.Countries) > 0 {
			if c, ok := country.ByISO3(st.Countries[0].Key); ok {
				main = c.Region
			}
		}
		if p.Rank, err = groupRank(ctx, s, q, o, gp.ID, st.Impact.Year, main); err != nil {
			return nil, err
		}
		if p.Rank != nil {
			p.Explain["rank"] = p.Rank.Explain
		}
	}
	return p, nil
}

// groupRank places group id among all groups by impact score in year,
// worldwide and in region ("" for none).
func groupRank(ctx context.Context, s Store, q Query, o metrics.Options, id string, year int, region string) (*GroupRank, error) {
	place := func(countries []string) (Place, bool, error) {
		from, to := yearSpan(year)
		ts, err := s.AttackTotals(ctx, attackFilter(q, o, from, to, countries))
		if err != nil {
			return Place{}, false, err
		}
		var list []metrics.GroupTotals
		for gid, yearly := range byGroupYear(ts) {
			if gid == "" {
				continue
			}
			if v := metrics.ImpactScore(yearly, year).Score; v > 0 {
				list = append(list, metrics.GroupTotals{GroupID: gid, Impact: v})
			}
		}
		r, err := metrics.Rank(list, metrics.ByImpact)
		if err != nil {
			return Place{}, false, err
		}
		for _, g := range r.Groups {
			if g.GroupID == id {
				return Place{Rank: g.Rank, Of: len(r.Groups)}, true, nil
			}
		}
		return Place{Of: len(r.Groups)}, false, nil
	}
	world, ok, err := place(nil)
	if err != nil || !ok {
		return nil, err
	}
	gr := &GroupRank{By: metrics.ByImpact, Year: year, World: world}
	if region != "" {
		var codes []string
		for _, c := range country.InRegion(region) {
			codes = append(codes, c.ISO3)
		}
		rp, ok, err := place(codes)
		if err != nil {
			return nil, err
		}
		if ok {
			rp.Region = region
			gr.Region = &rp
		}
	}
	gr.Explain = fmt.Sprintf("rank by impact score of %d among the %d groups with a score above 0 worldwide", year, world.Of)
	if gr.Region != nil {
		gr.Explain += fmt.Sprintf(", and among the %d in %s (the region of the group's main country), scoring attacks in that region only", gr.Region.Of, region)
	}
	gr.Explain += "; same sources and rules as the profile"
	return gr, nil
}

// coverage adds to the sources of a profile the files they came from.
func coverage(ctx context.Context, s Store, cov []metrics.SourceCoverage) ([]SourceCoverage, error) {
	files, err := s.Sources(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]SourceCoverage, 0, len(cov))
	for _, c := range cov {
		sc := SourceCoverage{SourceCoverage: c}
		for _, f := range files {
			if f.Source == c.Source && f.Events > 0 {
				sc.Files = append(sc.Files, SourceFileRef{Name: f.Name, Version: f.SourceVersion, Licence: f.Licence, Imported: f.ImportedAt})
			}
		}
		out = append(out, sc)
	}
	return out, nil
}

// aliasNames lists a group's alias names once each, in order.
func aliasNames(as []dossier.Alias) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range as {
		if !seen[a.Name] {
			seen[a.Name] = true
			out = append(out, a.Name)
		}
	}
	return out
}

// who arranges a registry profile for reading.
func who(gp *dossier.GroupProfile, names map[string]string) Who {
	w := Who{Name: gp.Name, Kind: gp.Kind, Description: gp.Description, Founded: gp.Founded,
		Ended: gp.Ended, Status: gp.Status, Citations: gp.Citations, Individuals: gp.Individuals,
		Aliases: []AliasSet{}, Relations: []Link{}, Leaders: []dossier.Claim{}, Area: []dossier.Claim{},
		Designations: []dossier.Claim{}, Claims: []dossier.Claim{}}
	if w.Citations == nil {
		w.Citations = []dossier.Citation{}
	}
	sets := map[string]*AliasSet{}
	var order []string
	for _, a := range gp.Aliases {
		src := a.Source
		if src == "" {
			src = "other"
		}
		if sets[src] == nil {
			sets[src] = &AliasSet{Source: src}
			order = append(order, src)
		}
		sets[src].Names = append(sets[src].Names, a)
	}
	for _, src := range order {
		w.Aliases = append(w.Aliases, *sets[src])
	}
	ref := func(id string) GroupRef {
		n := names[id]
		if n == "" {
			n = id
		}
		return GroupRef{ID: id, Name: n}
	}
	for _, r := range gp.Relations {
		w.Relations = append(w.Relations, Link{Type: r.Type, Label: relationLabel(r.Type, true), Outgoing: true,
			Group: ref(r.Other), From: r.From, To: r.To, Note: r.Note, Citations: r.Citations})
	}
	for _, r := range gp.Inverse {
		if symmetric(r.Type) && hasLink(w.Relations, r.Type, r.GroupID) {
			continue // a rivalry both groups' entries record
		}
		w.Relations = append(w.Relations, Link{Type: r.Type, Label: relationLabel(r.Type, false),
			Group: ref(r.GroupID), From: r.From, To: r.To, Note: r.Note, Citations: r.Citations})
	}
	for _, c := range gp.Claims {
		switch c.Type {
		case dossier.ClaimLeader:
			w.Leaders = append(w.Leaders, c)
		case dossier.ClaimArea:
			w.Area = append(w.Area, c)
		case dossier.ClaimDesignation:
			w.Designations = append(w.Designations, c)
		default:
			w.Claims = append(w.Claims, c)
		}
	}
	sort.SliceStable(w.Designations, func(i, j int) bool { return w.Designations[i].From < w.Designations[j].From })
	return w
}

// symmetric reports whether a relation reads the same both ways.
func symmetric(t dossier.RelationType) bool { return t == dossier.RelAlly || t == dossier.RelRival }

func hasLink(ls []Link, t dossier.RelationType, other string) bool {
	for _, l := range ls {
		if l.Type == t && l.Group.ID == other {
			return true
		}
	}
	return false
}

// relationLabel says a relation in words from one side: outgoing, "branch
// of" (this group is a branch of the other); incoming, "has branch".
func relationLabel(t dossier.RelationType, outgoing bool) string {
	out, in := map[dossier.RelationType][2]string{
		dossier.RelBranchOf:   {"branch of", "has branch"},
		dossier.RelSplinterOf: {"splinter of", "splinter group"},
		dossier.RelMergedInto: {"merged into", "absorbed"},
		dossier.RelAlly:       {"ally", "ally"},
		dossier.RelRival:      {"rival", "rival"},
		dossier.RelSuccessor:  {"successor of", "succeeded by"},
	}[t], 0
	if !outgoing {
		in = 1
	}
	if out[in] == "" {
		return strings.ReplaceAll(string(t), "_", " ")
	}
	return out[in]
}
