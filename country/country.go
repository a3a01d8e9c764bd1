// Package country maps the many ways providers name a country to one ISO
// 3166 alpha-3 code and name: ISO 3166 alpha-3 and numeric codes, FIPS 10-4
// codes (GDELT), Gleditsch–Ward state numbers (UCDP), and English names as
// GTD, UCDP, ACLED and people write them.
//
// # Codes
//
// Every country resolves to one of:
//   - a current ISO 3166-1 alpha-3 code;
//   - an ISO 3166-3 code (Historic is true) for a state that dissolved into
//     several (Soviet Union SUN, Yugoslavia YUG, Czechoslovakia CSK, Serbia
//     and Montenegro SCG, Netherlands Antilles ANT) or was absorbed by
//     another (East Germany DDR, South Yemen YMD);
//   - a user-assigned code, from the XAA–XZZ range ISO 3166-1 leaves to users,
//     for places providers record but ISO does not code: XKX Kosovo (the code
//     the European Commission and many datasets use), XIW international
//     waters and airspace (GTD "International", GDELT and ACLED oceans), XSP
//     Spratly Islands and XPI Paracel Islands (disputed; GDELT codes them).
//
// A state that carried on under another name resolves to its current code:
// Zaire is COD, Rhodesia ZWE, Burma MMR, Swaziland SWZ, New Hebrides VUT,
// Dahomey BEN, Upper Volta BFA, East Timor TLS, Kampuchea KHM. So do the
// states that absorbed another and carried on, as the Gleditsch–Ward list
// counts them: West Germany (FRG) is DEU, North Yemen YEM, North Vietnam
// VNM. UCDP's "Russia (Soviet Union)" and "Serbia (Yugoslavia)" name the
// continuing state and resolve to RUS and SRB, while GTD's "Soviet Union" and
// "Yugoslavia" name the dissolved one and resolve to SUN and YUG. Places
// ISO does not code and that belong to one state resolve to it: Northern
// Ireland and Akrotiri and Dhekelia to GBR, Corsica and Clipperton to FRA.
//
// The tables are read-only after package initialisation; all functions are
// safe for concurrent use.
package country

//go:generate go run ./gen -o iso_table.go

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Country is a country or territory.
type Country struct {
	ISO3     string // ISO 3166-1 alpha-3 (ISO 3166-3 for withdrawn countries, X.. when user-assigned)
	ISO2     string
	Numeric  int    // ISO 3166-1 numeric, 0 when none
	Name     string // common English name
	Official string
	Historic bool // withdrawn from ISO 3166-1 (Soviet Union, Yugoslavia…)
	// Region is the region the Institute for Economics and Peace uses in
	// the Global Terrorism Index (one of Regions), empty for Antarctica and
	// the Antarctic territories, and for international waters.
	Region string
}

// variant is one more name for the country with code iso3.
type variant struct {
	name string
	iso3 string
}

var (
	byISO3    = map[string]Country{}
	byNumeric = map[int]Country{}
	byName    = map[string]string{} // key(name) → ISO3
	byFIPS    = map[string]string{}
	byGW      = map[int]string{}
	all       []Country
)

func init() {
	// Later entries win: withdrawn codes, then current ones, then the
	// hand-written name tables.
	for _, c := range historic {
		add(c)
		if to, ok := renamed[c.ISO3]; ok {
			addName(c.Name, to)
			addName(c.Official, to)
		}
	}
	for _, c := range iso {
		add(c)
	}
	for _, c := range userAssigned {
		add(c)
	}
	for _, t := range variantTables {
		for _, v := range t.names {
			addName(v.name, v.iso3)
		}
	}
	for _, f := range fipsCodes {
		byFIPS[f.code] = f.iso3
	}
	for _, s := range gwStates {
		byGW[s.gw] = s.iso3
	}
	for _, c := range byISO3 {
		all = append(all, c)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ISO3 < all[j].ISO3 })
}

func add(c Country) {
	c.Region = regionOf[c.ISO3]
	byISO3[c.ISO3] = c
	if c.Numeric != 0 {
		byNumeric[c.Numeric] = c
	}
	if c.Historic && renamed[c.ISO3] != "" {
		return // its names were added for the current code
	}
	addName(c.Name, c.ISO3)
	addName(c.Official, c.ISO3)
}

func addName(name, iso3 string) {
	if k := key(name); k != "" {
		byName[k] = iso3
	}
}

// key normalises a name for lookup: accents and case folded, punctuation
// and spacing reduced to single spaces, "&" read as "and", "St" as "Saint",
// the word "the" dropped and runs of single letters joined ("U.S.A." is
// "usa"), so "Côte d’Ivoire", "COTE D'IVOIRE" and "Cote d' Ivoire" are one
// name.
func key(s string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// accent split off by NFKD
		case r == '&':
			flush()
			words = append(words, "and")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if f, ok := fold[r]; ok {
				w.WriteString(f)
			} else {
				w.WriteRune(unicode.ToLower(r))
			}
		default:
			flush()
		}
	}
	flush()

	out := words[:0]
	for i := 0; i < len(words); i++ {
		switch wd := words[i]; {
		case wd == "the":
		case wd == "st":
			out = append(out, "saint")
		case len(wd) == 1 && i+1 < len(words) && len(words[i+1]) == 1:
			j := i
			for j < len(words) && len(words[j]) == 1 {
				j++
			}
			out = append(out, strings.Join(words[i:j], ""))
			i = j - 1
		default:
			out = append(out, wd)
		}
	}
	return strings.Join(out, " ")
}

// fold spells letters that NFKD does not decompose.
var fold = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i",
}

// ByISO3 returns the country with the ISO 3166 alpha-3 code (any case),
// current, withdrawn (ISO 3166-3) or user-assigned (XKX).
func ByISO3(code string) (Country, bool) {
	c, ok := byISO3[strings.ToUpper(strings.TrimSpace(code))]
	return c, ok
}

// ByNumeric returns the country with the ISO 3166-1 numeric code, as ACLED
// writes it in its iso column.
func ByNumeric(n int) (Country, bool) {
	c, ok := byNumeric[n]
	return c, ok
}

// ByName returns the country an English name refers to: ISO names and the
// variants GTD, UCDP, ACLED and GDELT write ("Ivory Coast", "DR Congo
// (Zaire)", "Democratic Republic of Congo", "West Germany (FRG)", "Korea,
// South"), matched without regard to case, accents, spacing or punctuation.
// A name in the form "Korea, Republic of" is also tried as "Republic of
// Korea", "Bolivia (Plurinational State of)" as "Plurinational State of
// Bolivia", and "Myanmar (Burma)" resolves when both parts name the same
// country. It reports false for names it does not know, including
// ambiguous ones such as "Korea".
func ByName(name string) (Country, bool) {
	if iso3, ok := byName[key(name)]; ok {
		return byISO3[iso3], true
	}
	name = strings.TrimSpace(name)
	// "Korea, Republic of" → "Republic of Korea".
	if head, tail, ok := strings.Cut(name, ","); ok && !strings.Contains(tail, ",") {
		if iso3, ok := byName[key(tail+" "+head)]; ok {
			return byISO3[iso3], true
		}
	}
	// "A (B)": "B A" when B ends in "of", else A when B names the same country.
	if open := strings.IndexByte(name, '('); open > 0 && strings.HasSuffix(name, ")") &&
		strings.Count(name, "(") == 1 && strings.Count(name, ")") == 1 {
		head, inner := name[:open], name[open+1:len(name)-1]
		if strings.HasSuffix(strings.ToLower(strings.TrimSpace(inner)), " of") {
			if iso3, ok := byName[key(inner+" "+head)]; ok {
				return byISO3[iso3], true
			}
		}
		a, okA := byName[key(head)]
		b, okB := byName[key(inner)]
		if okA && okB && a == b {
			return byISO3[a], true
		}
	}
	return Country{}, false
}

// Lookup accepts an alpha-3 code or a name, as users type them.
func Lookup(s string) (Country, bool) {
	if c, ok := ByISO3(s); ok {
		return c, true
	}
	return ByName(s)
}

// ByFIPS returns the country with the FIPS 10-4 country code (any case) that
// GDELT writes in ActionGeo_CountryCode, Actor1Geo_CountryCode and
// Actor2Geo_CountryCode ("UK" United Kingdom, "GM" Germany, "RS" Russia,
// "OD" South Sudan). Places FIPS codes apart from the ISO country that
// covers them resolve to that country (Baker Island UMI, Europa Island ATF,
// Gaza Strip and West Bank PSE, Akrotiri GBR); the oceans resolve to XIW.
func ByFIPS(code string) (Country, bool) {
	iso3, ok := byFIPS[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Country{}, false
	}
	return byISO3[iso3], true
}

// ByGW returns the state with the Gleditsch–Ward number, as UCDP writes it
// in country_id, gwnoa and gwnob (2 United States, 365 Russia, 490 DR Congo,
// 700 Afghanistan). It knows the states and microstates of the Gleditsch–Ward
// lists that existed after 1945. A number continues to its current code
// (260 German Federal Republic is DEU, 678 Yemen YEM), as UCDP uses them:
// 345, "Serbia (Yugoslavia)" in UCDP, is SRB.
func ByGW(n int) (Country, bool) {
	iso3, ok := byGW[n]
	if !ok {
		return Country{}, false
	}
	return byISO3[iso3], true
}

// All returns every country the package knows, current, withdrawn and
// user-assigned, one per code, in ISO3 order. The slice is the caller's.
func All() []Country {
	return append([]Country(nil), all...)
}
