package knowledge

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dossier"
	"dossier/designation"
	"dossier/resolve"
)

// DesignationSummary says what one designation list did to the registry.
type DesignationSummary struct {
	File        string `json:"file"`
	Authority   string `json:"authority"`
	Entities    int    `json:"entities"`    // terrorism-related entities on the list
	Matched     int    `json:"matched"`     // of which matched an existing group
	Proposed    int    `json:"proposed"`    // of which became proposed groups
	Individuals int    `json:"individuals"` // terrorism-related individuals kept
	Linked      int    `json:"linked"`      // of which linked to a group
}

// Authority names and citations of the lists, as the starter knowledge
// base writes them.
var lists = map[string]struct {
	origin, authority, refPrefix string
	citation                     dossier.Citation
}{
	designation.AuthorityUN: {dossier.OriginUN, "UN", "", dossier.Citation{
		ID: "un-consolidated-list", Title: "United Nations Security Council Consolidated List",
		Publisher: "United Nations Security Council", URL: "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"}},
	designation.AuthorityOFAC: {dossier.OriginOFAC, "US-Treasury", "SDN ", dossier.Citation{
		ID: "ofac-sdn-list", Title: "Specially Designated Nationals and Blocked Persons List (SDN)",
		Publisher: "US Department of the Treasury, Office of Foreign Assets Control", URL: "https://sanctionslist.ofac.treas.gov/Home/SdnList"}},
}

// ReadDesignations reads one designation list: the UN Consolidated List
// XML, or the OFAC SDN list as sdn.csv (with alt.csv, add.csv and
// sdn_comments.csv beside it) or the directory holding it.
func ReadDesignations(path string) ([]designation.Entry, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &dossier.Error{Code: dossier.ENotFound, Message: "cannot open " + path, Hint: "check the path", Err: err}
	}
	if fi.IsDir() {
		return designation.ReadOFACDir(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &dossier.Error{Code: dossier.ENotFound, Message: "cannot open " + path, Hint: "check the path", Err: err}
	}
	defer f.Close()
	prefix := make([]byte, 4096)
	n, _ := io.ReadFull(f, prefix)
	prefix = prefix[:n]
	switch designation.Detect(prefix, filepath.Base(path)) {
	case "un-xml":
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		return designation.ParseUN(f)
	case "ofac-sdn":
		return designation.ReadOFACDir(filepath.Dir(path))
	case "ofac-alt", "ofac-add", "ofac-comments":
		return nil, &dossier.Error{Code: dossier.EInvalid,
			Message: fmt.Sprintf("%s is an OFAC %s file, which names no entities by itself", path, strings.TrimPrefix(designation.Detect(prefix, filepath.Base(path)), "ofac-")),
			Hint:    "pass sdn.csv (with alt.csv, add.csv and sdn_comments.csv beside it) or the directory holding them"}
	}
	return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("%s is not a designation list dossier reads (starts %q)", path, bytes.TrimSpace(prefix[:min(len(prefix), 40)])),
		Hint: "dossier reads the UN Security Council Consolidated List (XML) and the OFAC SDN list (sdn.csv)"}
}

// ImportDesignations turns the terrorism-related entries of one list into
// knowledge of the list's origin: designation claims and the list's names
// as aliases on the group each entity matches (by a designation reference
// the registry already cites, else by name), a proposed group for each
// entity that matches none, and the individuals linked to them. The
// origin's previous knowledge is replaced, and events re-resolved.
func ImportDesignations(ctx context.Context, s Store, file string, entries []designation.Entry) (DesignationSummary, error) {
	sum := DesignationSummary{File: filepath.Base(file)}
	if len(entries) == 0 {
		return sum, &dossier.Error{Code: dossier.EInvalid, Message: file + " lists nothing", Hint: "check that the file is a complete download"}
	}
	list, ok := lists[entries[0].Authority]
	if !ok {
		return sum, fmt.Errorf("designations: unknown authority %q", entries[0].Authority)
	}
	sum.Authority = list.authority

	// What the registry knows apart from this origin: the groups, and the
	// designation references its claims already cite.
	others, err := s.Knowledge(ctx, otherOrigins(list.origin)...)
	if err != nil {
		return sum, err
	}
	byRef := map[string]string{}
	for _, c := range others.Claims {
		if c.Type == dossier.ClaimDesignation && c.Reference != "" {
			byRef[c.Authority+" "+c.Reference] = c.GroupID
		}
	}
	res := resolve.New(others.Groups, others.Aliases)

	k := &dossier.Knowledge{Citations: []dossier.Citation{list.citation}}
	groupOf := map[string]string{} // entry reference → group id
	taken := map[string]bool{}
	for _, g := range others.Groups {
		taken[g.ID] = true
	}
	for _, e := range entries {
		if e.Kind != designation.KindEntity || !e.TerrorismRelated() {
			continue
		}
		sum.Entities++
		ref := list.refPrefix + e.Reference
		gid, known := byRef[list.authority+" "+ref]
		if !known {
			gid = matchEntity(res, e)
		}
		if gid == "" {
			gid = proposedID(e, taken)
			taken[gid] = true
			k.Groups = append(k.Groups, dossier.Group{ID: gid, Name: e.Name, Kind: "other", Status: "proposed",
				Description: fmt.Sprintf("Proposed from the %s list (%s), where it is listed as %s; no group of the knowledge base matched it. Review and merge it with `dossier alias add`, or curate it.", list.authority, ref, e.Name)})
			sum.Proposed++
		} else {
			sum.Matched++
		}
		groupOf[e.Reference] = gid
		for _, name := range append([]string{e.Name}, aliasNames(e)...) {
			k.Aliases = append(k.Aliases, dossier.Alias{GroupID: gid, Name: name, Kind: dossier.AliasDesignation, Source: list.origin})
		}
		if !known {
			text := fmt.Sprintf("Listed by %s as %s (%s)", list.citation.Publisher, e.Name, ref)
			if e.Listed != "" {
				text += " on " + e.Listed
			}
			if len(e.Programs) > 0 {
				text += ", programmes " + strings.Join(e.Programs, ", ")
			}
			k.Claims = append(k.Claims, dossier.Claim{GroupID: gid, Type: dossier.ClaimDesignation, Authority: list.authority,
				Reference: ref, From: e.Listed, Text: text + ".", Status: dossier.ClaimAccepted, Citations: []string{list.citation.ID}})
		}
	}
	for _, e := range entries {
		if e.Kind != designation.KindIndividual || !e.TerrorismRelated() {
			continue
		}
		in := dossier.Individual{Authority: list.authority, Reference: list.refPrefix + e.Reference, Name: e.Name, Listed: e.Listed, Comments: e.Comments}
		for _, a := range e.Aliases {
			in.Aliases = append(in.Aliases, a.Name)
		}
		for _, l := range e.LinkedTo {
			if g, ok := groupOf[l.Reference]; ok {
				in.GroupID = g
				break
			}
		}
		sum.Individuals++
		if in.GroupID != "" {
			sum.Linked++
		}
		k.Individuals = append(k.Individuals, in)
	}
	changed, err := s.SyncKnowledge(ctx, list.origin, k)
	if err != nil {
		return sum, fmt.Errorf("store %s designations: %w", list.authority, err)
	}
	if changed {
		if _, err := Resolve(ctx, s); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

func otherOrigins(origin string) []string {
	var out []string
	for _, o := range []string{dossier.OriginStarter, dossier.OriginUser, dossier.OriginUN, dossier.OriginOFAC} {
		if o != origin {
			out = append(out, o)
		}
	}
	return out
}

// matchEntity finds the group an entity is, by its primary name or one of
// its aliases, accepting only exact, scoped and acronym matches: a
// designation is too serious a claim for a fuzzy match.
func matchEntity(res *resolve.Resolver, e designation.Entry) string {
	for _, name := range append([]string{e.Name}, aliasNames(e)...) {
		for _, m := range res.Resolve(name, "", dossierDate(e.Listed)) {
			switch m.Rule {
			case resolve.RuleExact, resolve.RuleScoped, resolve.RuleAcronym:
				if !m.Uncertain {
					return m.GroupID
				}
			}
		}
	}
	return ""
}

func aliasNames(e designation.Entry) []string {
	var out []string
	for _, a := range e.Aliases {
		if a.Type != designation.OriginalScript && a.Quality != designation.QualityWeak {
			out = append(out, a.Name)
		}
	}
	return out
}

// proposedID makes a slug for a proposed group from its name.
func proposedID(e designation.Entry, taken map[string]bool) string {
	words := strings.FieldsFunc(resolve.Normalize(e.Name), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	})
	if len(words) > 6 {
		words = words[:6]
	}
	base := strings.Join(words, "-")
	if base == "" {
		base = strings.ToLower(strings.ReplaceAll(e.Reference, ".", "-"))
	}
	id := base
	for i := 2; taken[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	return id
}

// dossierDate reads a list's YYYY-MM-DD date; zero when absent.
func dossierDate(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}
