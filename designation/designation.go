// Package designation parses sanctions and terrorist designation lists, so
// that dossier can enrich its groups with designation claims and the names
// the lists give them:
//
//   - the UN Security Council Consolidated List, as XML (ParseUN): the
//     schema of https://scsanctions.un.org/resources/xml/en/consolidated.xml,
//     with INDIVIDUAL and ENTITY records, each with a reference number
//     (QDe.161), a listing date, aliases and comments;
//   - the US Treasury OFAC SDN list (and the consolidated non-SDN list,
//     which has the same layout) in its legacy CSV files (ParseOFAC):
//     sdn.csv, alt.csv, add.csv and sdn_comments.csv, without a header, where
//     -0- means empty and the remarks carry weak aliases, nationalities and
//     "Linked To:" links.
//
// Every Entry keeps its source record verbatim in Raw. Values a list leaves
// empty stay empty: no date is made up, no country guessed.
//
// The package only parses: matching entries to groups is the resolver's job.
package designation

import (
	"strings"

	"dossier/country"
)

// Authorities an Entry can come from.
const (
	AuthorityUN   = "UN"
	AuthorityOFAC = "OFAC"
)

// Kinds of listed subjects. OFAC also lists vessels and aircraft; callers
// interested in armed groups keep KindEntity (see Entities).
const (
	KindEntity     = "entity"
	KindIndividual = "individual"
	KindVessel     = "vessel"
	KindAircraft   = "aircraft"
)

// Alias types. A former name (f.k.a.) or a new name (n.k.a.) is still a name
// the subject was listed under.
const (
	AKA            = "a.k.a."          // also known as
	FKA            = "f.k.a."          // formerly known as
	NKA            = "n.k.a."          // now known as
	OriginalScript = "original script" // UN NAME_ORIGINAL_SCRIPT: the name in its own script
)

// Alias qualities, where the list grades its aliases: the UN grades the
// aliases of individuals Good (strong) or Low (weak); OFAC puts strong aliases
// in alt.csv and weak ones, quoted, in the remarks. Aliases a list does not
// grade (UN entities' aliases) have an empty Quality.
const (
	QualityStrong = "strong"
	QualityWeak   = "weak"
)

// Alias is another name a list gives an entry.
type Alias struct {
	Name    string `json:"name"`
	Type    string `json:"type"`              // AKA, FKA, NKA or OriginalScript
	Quality string `json:"quality,omitempty"` // QualityStrong, QualityWeak or "" when not graded
}

// Link is another listed subject an entry is linked to: the UN comments'
// "Associated with Al-Qaida in Iraq (QDe.115)", OFAC's "Linked To: ISLAMIC
// STATE OF IRAQ AND THE LEVANT".
type Link struct {
	// Reference is the linked subject's reference in the same list: the UN
	// reference number written in the text, or the OFAC ent_num of the only
	// entry with that exact name. Empty when the list gives none.
	Reference string `json:"reference,omitempty"`
	// Name is the linked subject's primary name when Reference is an entry of
	// the same file, otherwise the name as the text writes it (possibly
	// empty when the UN text gives a reference number alone).
	Name string `json:"name,omitempty"`
}

// Entry is one listed subject as one list records it.
type Entry struct {
	Authority string  `json:"authority"` // AuthorityUN or AuthorityOFAC
	Reference string  `json:"reference"` // UN reference number (QDe.161) or OFAC ent_num (18647)
	Kind      string  `json:"kind"`      // KindEntity, KindIndividual, KindVessel or KindAircraft
	Name      string  `json:"name"`      // primary name as listed
	Aliases   []Alias `json:"aliases,omitempty"`
	// Listed is the listing date, YYYY-MM-DD, or "" when the list gives none
	// (OFAC's CSV files never do).
	Listed string `json:"listed,omitempty"`
	// Programs are the UN sanctions regime (UN_LIST_TYPE: Al-Qaida,
	// Taliban, DRC…) or the OFAC programs (SDGT, FTO, IRAN…), as written.
	Programs []string `json:"programs,omitempty"`
	LinkedTo []Link   `json:"linked_to,omitempty"`
	// Countries are the ISO 3166 alpha-3 codes of the entry's nationalities
	// and address countries, in the order first given, without duplicates.
	// Places the country package does not know are left out (they stay in
	// Raw).
	Countries []string `json:"countries,omitempty"`
	Comments  string   `json:"comments,omitempty"` // UN COMMENTS1, OFAC remarks (continued from sdn_comments.csv)
	// Raw is the source record verbatim: the UN INDIVIDUAL or ENTITY
	// element; for OFAC the sdn.csv record followed by the entry's records
	// of alt.csv, add.csv and sdn_comments.csv, in that order, one per line.
	Raw string `json:"raw"`
}

// TerrorismRelated reports whether the entry is listed under a
// counter-terrorism regime: the UN ISIL (Da'esh) and Al-Qaida list and the
// 1988 Taliban list (references QD…, TA…, and the older QE/QI/TE/TI
// forms), or the OFAC programs SDGT (global terrorism), SDT (terrorists
// threatening the Middle East peace process) and FTO (foreign terrorist
// organisations).
func (e *Entry) TerrorismRelated() bool {
	switch e.Authority {
	case AuthorityUN:
		for _, p := range e.Programs {
			if strings.EqualFold(p, "Al-Qaida") || strings.EqualFold(p, "Taliban") {
				return true
			}
		}
		ref := strings.ToUpper(e.Reference)
		for _, prefix := range []string{"QD", "QE.", "QI.", "TA", "TE.", "TI."} {
			if strings.HasPrefix(ref, prefix) {
				return true
			}
		}
	case AuthorityOFAC:
		for _, p := range e.Programs {
			switch strings.ToUpper(p) {
			case "SDGT", "SDT", "FTO":
				return true
			}
		}
	}
	return false
}

// Entities returns the entries of kind KindEntity, in their order. It leaves
// entries alone: the returned slice shares their alias and link slices.
func Entities(entries []Entry) []Entry {
	var out []Entry
	for _, e := range entries {
		if e.Kind == KindEntity {
			out = append(out, e)
		}
	}
	return out
}

// addCountry appends the ISO code of place to codes unless place is not a
// known country or the code is there already.
func addCountry(codes []string, place string, lookup func(string) (string, bool)) []string {
	iso3, ok := lookup(place)
	if !ok {
		return codes
	}
	for _, c := range codes {
		if c == iso3 {
			return codes
		}
	}
	return append(codes, iso3)
}

// addAlias appends a to aliases unless its name is empty, equal to the
// primary name, or already there (the first one given wins).
func addAlias(aliases []Alias, primary string, a Alias) []Alias {
	a.Name = strings.TrimSpace(a.Name)
	if a.Name == "" || a.Name == primary {
		return aliases
	}
	for _, b := range aliases {
		if b.Name == a.Name {
			return aliases
		}
	}
	return append(aliases, a)
}

// aliasTypeSpelling drops what varies in how alias types are written.
var aliasTypeSpelling = strings.NewReplacer(".", "", " ", "")

// aliasType maps the ways lists write an alias type (a.k.a., aka, AKA,
// f.k.a., fka…) to AKA, FKA or NKA; ok is false for anything else.
func aliasType(s string) (string, bool) {
	k := strings.ToLower(aliasTypeSpelling.Replace(s))
	switch k {
	case "aka":
		return AKA, true
	case "fka":
		return FKA, true
	case "nka":
		return NKA, true
	}
	return "", false
}

// listPlaces are places the lists write that are not country names:
// OFAC's nationality "Palestinian" and regions ("Region: Gaza"), the UN's
// name for Hong Kong. Crimea is coded as part of Ukraine, as ISO 3166 does.
var listPlaces = map[string]string{
	"palestinian":   "PSE",
	"gaza":          "PSE",
	"west bank":     "PSE",
	"crimea":        "UKR",
	"northern mali": "MLI",
	"china, hong kong special administrative region": "HKG",
}

// countryCode returns the ISO 3166 alpha-3 code of a country as a list
// writes it ("Syrian Arab Republic", "Korea, North", "Iran (Islamic
// Republic of)", "Region: Gaza").
func countryCode(place string) (string, bool) {
	place = strings.TrimSpace(place)
	if p, ok := strings.CutPrefix(place, "Region:"); ok {
		place = strings.TrimSpace(p)
	}
	if place == "" {
		return "", false
	}
	if c, ok := country.Lookup(place); ok {
		return c.ISO3, true
	}
	iso3, ok := listPlaces[strings.ToLower(place)]
	return iso3, ok
}
