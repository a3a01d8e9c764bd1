package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Normalize reduces a name to the form names are compared in: Unicode
// NFKC, case-folded, diacritics removed (Ḥ → h), apostrophes and hyphens
// inside words dropped or spaced, every other punctuation mark a space,
// spaces collapsed. "Tehrik-i-Taliban Pakistan (TTP)" → "tehrik i taliban
// pakistan ttp"; "Jamā‘at Nuṣrat al-Islām" → "jamaat nusrat al islam".
func Normalize(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = norm.NFKC.String(s)
	s = cases.Fold().String(s) // a Caser keeps state: one per call
	s = norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining mark: dropped with its diacritic
		case r == '\'' || r == '’' || r == '‘' || r == 'ʿ' || r == 'ʾ' || r == '`' || r == '´' || r == 'ʼ':
			// apostrophes and ayn/hamza marks join: "Jama'at" → "jamaat"
		case r == 'ß':
			b.WriteString("ss")
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// Folding maps some scripts to upper case (Cherokee); lower
			// case keeps the result stable when normalised again.
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// paren splits "Base Name (QUAL)" into its base and the last parenthesised
// part. ok is false when the name has no trailing parenthesis.
func paren(s string) (base, inner string, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") {
		return s, "", false
	}
	i := strings.LastIndex(s, "(")
	if i <= 0 {
		return s, "", false
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : len(s)-1]), true
}

// isAcronym reports whether s looks like an acronym: one word of 2–12
// letters or digits, mostly upper case ("TTP", "ISIS-K", "MUJAO", "FDLR").
func isAcronym(s string) bool {
	if n := utf8.RuneCountInString(s); n < 2 || n > 14 {
		return false
	}
	upper, letters := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r) || r == '-' || r == '.' || r == '&':
		default:
			return false
		}
	}
	return letters >= 2 && upper*3 >= letters*2
}

// colonPrefix splits ACLED's "JNIM: Group for Support of Islam and
// Muslims" into its acronym and its full name.
func colonPrefix(s string) (acr, rest string, ok bool) {
	i := strings.Index(s, ": ")
	if i <= 0 {
		return "", s, false
	}
	acr, rest = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+2:])
	if !isAcronym(strings.ReplaceAll(acr, " ", "")) || rest == "" {
		return "", s, false
	}
	return acr, rest, true
}

// particles are the words that do not tell names apart: articles,
// prepositions and the Arabic article and its assimilated forms ("ash-
// Sham"), and the linking vowels of Urdu and Persian compounds
// ("Lashkar-e-Taiba", "Tehrik-i-Taliban").
var particles = map[string]bool{
	"of": true, "the": true, "in": true, "and": true, "for": true, "a": true, "an": true, "to": true, "on": true,
	"al": true, "el": true, "ul": true, "il": true, "e": true, "i": true, "wa": true, "wal": true, "fi": true,
	"ash": true, "ad": true, "as": true, "ar": true, "at": true, "az": true, "ath": true, "adh": true,
	"de": true, "du": true, "des": true, "la": true, "le": true, "les": true, "d": true, "l": true, "y": true,
}

// contentWords returns the words of a normalised name without particles:
// "islamic state in iraq and the levant" → islamic state iraq levant.
func contentWords(key string) []string {
	fields := strings.Fields(key)
	out := fields[:0:0]
	for _, w := range fields {
		if !particles[w] {
			out = append(out, w)
		}
	}
	return out
}

// orgWords are the words of organisations' names that say what kind of
// body a name is, not which one: they never tell two groups apart.
var orgWords = map[string]bool{
	"army": true, "armed": true, "forces": true, "force": true, "front": true, "party": true, "movement": true,
	"group": true, "groups": true, "brigade": true, "brigades": true, "battalion": true, "organization": true,
	"organisation": true, "national": true, "liberation": true, "people": true, "peoples": true, "popular": true,
	"revolutionary": true, "democratic": true, "united": true, "council": true, "union": true, "alliance": true,
	"defence": true, "defense": true, "resistance": true, "islamic": true, "islam": true, "state": true,
	"states": true, "province": true, "militia": true, "republic": true, "republican": true, "independence": true,
	"federal": true, "jihad": true, "command": true, "commission": true, "committee": true, "association": true,
	"coalition": true, "unity": true, "freedom": true, "patriotic": true, "patriots": true, "socialist": true,
	"communist": true, "salvation": true, "self": true, "protection": true, "security": true, "fighters": true,
	"martyrs": true, "soldiers": true, "supporters": true, "new": true, "free": true, "holy": true, "region": true,
	"regional": true, "international": true, "world": true, "south": true, "north": true, "east": true,
	"west": true, "southern": true, "northern": true, "eastern": true, "western": true, "central": true,
	"greater": true, "network": true, "division": true, "wing": true, "faction": true, "branch": true,
	"chapter": true, "mujahideen": true, "mujahidin": true, "muslim": true, "muslims": true, "support": true,
}
