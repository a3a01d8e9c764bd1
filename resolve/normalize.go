package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

var folder = cases.Fold()

// Normalize reduces a name to the form names are compared in: Unicode
// NFKC, case-folded, diacritics removed (Ḥ → h), apostrophes and hyphens
// inside words dropped or spaced, every other punctuation mark a space,
// spaces collapsed. "Tehrik-i-Taliban Pakistan (TTP)" → "tehrik i taliban
// pakistan ttp"; "Jamā‘at Nuṣrat al-Islām" → "jamaat nusrat al islam".
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	s = folder.String(s)
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
			b.WriteRune(r)
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
