package designation

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/encoding/htmlindex"

	"dossier"
)

// unRecord is an INDIVIDUAL or ENTITY element of the UN list, as far as
// dossier reads it (the rest stays in Entry.Raw).
type unRecord struct {
	XMLName        xml.Name
	First          string      `xml:"FIRST_NAME"`
	Second         string      `xml:"SECOND_NAME"`
	Third          string      `xml:"THIRD_NAME"`
	Fourth         string      `xml:"FOURTH_NAME"`
	ListType       string      `xml:"UN_LIST_TYPE"`
	Reference      string      `xml:"REFERENCE_NUMBER"`
	ListedOn       string      `xml:"LISTED_ON"`
	OriginalScript string      `xml:"NAME_ORIGINAL_SCRIPT"`
	Comments       string      `xml:"COMMENTS1"`
	Titles         []string    `xml:"TITLE>VALUE"`
	Designations   []string    `xml:"DESIGNATION>VALUE"`
	Nationalities  []string    `xml:"NATIONALITY>VALUE"`
	IndAliases     []unAlias   `xml:"INDIVIDUAL_ALIAS"`
	EntAliases     []unAlias   `xml:"ENTITY_ALIAS"`
	IndAddresses   []unAddress `xml:"INDIVIDUAL_ADDRESS"`
	EntAddresses   []unAddress `xml:"ENTITY_ADDRESS"`
}

type unAlias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
}

type unAddress struct {
	Country string `xml:"COUNTRY"`
	Note    string `xml:"NOTE"`
}

// unHint is the hint of errors about the UN list.
const unHint = "use the UN Security Council Consolidated List XML as published at https://scsanctions.un.org/resources/xml/en/consolidated.xml, complete and unchanged"

// ParseUN reads a UN Security Council Consolidated List in XML and returns
// its individuals and entities in file order. Each Entry's Raw is its
// INDIVIDUAL or ENTITY element as written (after conversion to UTF-8 when
// the file declares another encoding).
//
// Names are the FIRST_NAME…FOURTH_NAME elements joined with spaces, white
// space runs reduced to one space; aliases are the a.k.a./f.k.a./n.k.a.
// aliases of entities (ungraded), the Good (strong) and Low (weak) aliases
// of individuals (type a.k.a.), and the name in original script. Listed is
// LISTED_ON; Programs holds UN_LIST_TYPE; Countries the nationalities and
// address countries (not places of birth nor passports); LinkedTo every
// other UN reference number (QDe.115, or the older TE.H.12.12 form) written
// in the comments, designations, titles or address notes, named after the
// entry of the file with that reference, or else with the capitalised words
// the text writes just before it.
//
// A file that is not XML, is cut short, is not a CONSOLIDATED_LIST, or has
// a record without a reference number or name gives a *dossier.Error with
// code dossier.EInvalid naming the line and, for records, the element.
func ParseUN(r io.Reader) ([]Entry, error) {
	rec := &recorder{r: r}
	src := rec // what Raw is sliced from; replaced when the file is not UTF-8
	var decoded *recorder
	d := xml.NewDecoder(rec)
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unknown character encoding %q", label)
		}
		decoded = &recorder{r: enc.NewDecoder().Reader(in)}
		return decoded, nil
	}

	var entries []Entry
	rootSeen := false
	for n := 0; ; {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, unSyntaxError(d, err)
		}
		if decoded != nil && src != decoded {
			// The declaration switched the decoder to a charset reader:
			// offsets from here on count the decoded bytes.
			decoded.base = d.InputOffset()
			src = decoded
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !rootSeen {
			if se.Name.Local != "CONSOLIDATED_LIST" {
				return nil, &dossier.Error{
					Code:    dossier.EInvalid,
					Message: fmt.Sprintf("UN list: the root element is <%s>, not <CONSOLIDATED_LIST>: not a UN Security Council Consolidated List", se.Name.Local),
					Hint:    unHint,
				}
			}
			rootSeen = true
			continue
		}
		var kind string
		switch se.Name.Local {
		case "INDIVIDUAL":
			kind = KindIndividual
		case "ENTITY":
			kind = KindEntity
		default:
			continue // INDIVIDUALS, ENTITIES, or elements dossier does not read
		}
		n++
		line, _ := d.InputPos()
		var u unRecord
		if err := d.DecodeElement(&u, &se); err != nil {
			return nil, unSyntaxError(d, err)
		}
		end := d.InputOffset()
		e, err := u.entry(kind)
		if err != nil {
			return nil, &dossier.Error{
				Code:    dossier.EInvalid,
				Message: fmt.Sprintf("UN list: <%s> number %d at line %d: %v", se.Name.Local, n, line, err),
				Hint:    unHint,
			}
		}
		e.Raw = src.slice(start, end)
		src.discard(end)
		entries = append(entries, e)
	}
	if !rootSeen {
		return nil, &dossier.Error{
			Code:    dossier.EInvalid,
			Message: "UN list: the file holds no XML element: not a UN Security Council Consolidated List",
			Hint:    unHint,
		}
	}
	resolveUNLinks(entries)
	return entries, nil
}

// unSyntaxError turns an XML decoding error into a *dossier.Error naming
// the line.
func unSyntaxError(d *xml.Decoder, err error) error {
	line, col := d.InputPos()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line, col = se.Line, 0
	}
	where := fmt.Sprintf("line %d", line)
	if col > 0 {
		where += fmt.Sprintf(", column %d", col)
	}
	reason := err.Error()
	if se != nil {
		reason = se.Msg
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || (se != nil && strings.Contains(se.Msg, "unexpected EOF")) {
		reason = "the file ends in the middle of an element (truncated download?)"
	}
	return &dossier.Error{
		Code:    dossier.EInvalid,
		Message: fmt.Sprintf("UN list: malformed XML at %s (byte %d): %s", where, d.InputOffset(), reason),
		Hint:    unHint,
		Err:     err,
	}
}

// entry maps a decoded record to an Entry, without Raw and link names.
func (u *unRecord) entry(kind string) (Entry, error) {
	e := Entry{
		Authority: AuthorityUN,
		Kind:      kind,
		Reference: clean(u.Reference),
		Comments:  clean(u.Comments),
	}
	if e.Reference == "" {
		return e, errors.New("no REFERENCE_NUMBER: the record cannot be identified")
	}
	var parts []string
	for _, p := range []string{u.First, u.Second, u.Third, u.Fourth} {
		if p = clean(p); p != "" {
			parts = append(parts, p)
		}
	}
	e.Name = strings.Join(parts, " ")
	if e.Name == "" {
		return e, fmt.Errorf("%s has no FIRST_NAME", e.Reference)
	}
	e.Listed = isoDate(u.ListedOn)
	if p := clean(u.ListType); p != "" {
		e.Programs = []string{p}
	}
	aliases := u.EntAliases
	if kind == KindIndividual {
		aliases = u.IndAliases
	}
	for _, a := range aliases {
		q := clean(a.Quality)
		al := Alias{Name: clean(a.Name)}
		switch strings.ToLower(q) {
		case "good":
			al.Type, al.Quality = AKA, QualityStrong
		case "low":
			al.Type, al.Quality = AKA, QualityWeak
		default:
			t, ok := aliasType(q)
			if !ok {
				t = AKA // blank or unknown quality: still a name the list gives
			}
			al.Type = t
		}
		e.Aliases = addAlias(e.Aliases, e.Name, al)
	}
	e.Aliases = addAlias(e.Aliases, e.Name, Alias{Name: clean(u.OriginalScript), Type: OriginalScript})

	for _, n := range u.Nationalities {
		e.Countries = addCountry(e.Countries, clean(n), countryCode)
	}
	addresses := u.EntAddresses
	if kind == KindIndividual {
		addresses = u.IndAddresses
	}
	texts := []string{e.Comments}
	for _, a := range addresses {
		e.Countries = addCountry(e.Countries, clean(a.Country), countryCode)
		texts = append(texts, a.Note)
	}
	texts = append(texts, u.Designations...)
	texts = append(texts, u.Titles...)
	for _, t := range texts {
		e.LinkedTo = appendUNLinks(e.LinkedTo, e.Reference, clean(t))
	}
	return e, nil
}

// isoDate returns the YYYY-MM-DD date at the start of s (UN dates are
// written 2019-05-14, sometimes with a time), or "" when s holds none.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// clean trims s and reduces runs of white space (the UN list wraps long
// comments over indented lines) to single spaces.
func clean(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) &&
		!strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// unReference matches a UN reference number: the current form (QDe.115,
// TAi.012, CDe.001) and the older one still quoted in comments
// (TE.H.12.12, QI.A.12.01).
var unReference = regexp.MustCompile(`\b(?:[A-Z]{2}[ei]\.\d{3,}|[A-Z]{2}\.[A-Z]\.\d+\.\d+)\b`)

// appendUNLinks appends to links every reference number in text other than
// self, with the name the text writes before it.
func appendUNLinks(links []Link, self, text string) []Link {
	for _, m := range unReference.FindAllStringIndex(text, -1) {
		ref := text[m[0]:m[1]]
		if ref == self {
			continue
		}
		dup := false
		for i := range links {
			if links[i].Reference == ref {
				dup = true
				if links[i].Name == "" {
					links[i].Name = nameBefore(text[:m[0]])
				}
				break
			}
		}
		if !dup {
			links = append(links, Link{Reference: ref, Name: nameBefore(text[:m[0]])})
		}
	}
	return links
}

// resolveUNLinks names each link after the entry of the list with its
// reference, where there is one.
func resolveUNLinks(entries []Entry) {
	names := make(map[string]string, len(entries))
	for _, e := range entries {
		names[e.Reference] = e.Name
	}
	for i := range entries {
		for j := range entries[i].LinkedTo {
			l := &entries[i].LinkedTo[j]
			if n, ok := names[l.Reference]; ok {
				l.Name = n
			}
		}
	}
}

// connectors are the lower-case words that may stand inside a name.
var connectors = map[string]bool{
	"of": true, "the": true, "in": true, "and": true, "for": true, "al": true,
	"wa": true, "ul": true, "el": true, "e": true, "de": true, "du": true,
	"des": true, "la": true, "le": true, "bin": true, "ibn": true, "bint": true,
	"lil": true, "li": true, "fi": true,
}

// nameBefore returns the name a UN text writes just before a reference
// number: "Associated with Al-Qaida in Iraq (" gives "Al-Qaida in Iraq",
// "member of Tehrik-e Taliban Pakistan (TTP) (" gives "Tehrik-e Taliban
// Pakistan (TTP)", "Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM, " gives
// "Jama'a Nusrat ul-Islam wa al-Muslimin". It is a best effort for
// references that are not in the file, and gives "" when no capitalised
// words stand just before the reference.
func nameBefore(text string) string {
	// What stands before an earlier reference belongs to that one:
	// "al-Samarrai (QDi.299) and Abu Mohammed al-Jawlani (QDi.317)".
	if m := unReference.FindAllStringIndex(text, -1); len(m) > 0 {
		text = strings.TrimLeft(text[m[len(m)-1][1]:], ").,; ")
	}
	s := strings.TrimRightFunc(text, unicode.IsSpace)
	s = strings.TrimRightFunc(strings.TrimSuffix(s, "("), unicode.IsSpace)
	// A quoted name: "Aid Organization of the Ulema, Pakistan" (QDe.073).
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}} {
		if body, ok := strings.CutSuffix(s, q[1]); ok {
			if i := strings.LastIndex(body, q[0]); i >= 0 {
				return strings.TrimSpace(body[i+len(q[0]):])
			}
		}
	}
	// "(JNIM, QDe.159)": the acronym belongs to the name before it.
	if i := strings.LastIndexByte(s, '('); i >= 0 && !strings.ContainsAny(s[i:], ") ") {
		s = strings.TrimRightFunc(s[:i], unicode.IsSpace)
	}
	words := strings.Fields(s)
	start := len(words)
	depth := 0 // parentheses open, reading backwards
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		if depth > 0 || strings.HasSuffix(w, ")") {
			depth += strings.Count(w, ")") - strings.Count(w, "(")
			if depth < 0 {
				break
			}
			start = i
			continue
		}
		if i < len(words)-1 && strings.ContainsAny(w[len(w)-1:], ".,;:") {
			break // the end of an earlier clause or sentence
		}
		if !nameWord(w) {
			break
		}
		start = i
	}
	if depth != 0 {
		return ""
	}
	for start < len(words) && connectors[words[start]] {
		start++
	}
	return strings.Join(words[start:], " ")
}

// nameWord reports whether w may be part of a name: it holds an upper-case
// letter or a digit, or is a lower-case connector.
func nameWord(w string) bool {
	if connectors[w] {
		return true
	}
	for _, r := range w {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
