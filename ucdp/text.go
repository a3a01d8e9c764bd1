package ucdp

import (
	"strconv"
	"strings"

	"dossier"
)

// citations turns the GED's source columns into one citation per article.
//
// Since the 2013 coding, source_article lists the articles as quoted
// "office,date,headline" entries separated by semicolons; older events have
// free text, with several articles either numbered ("(1) … (2) …") or
// separated by blank lines, and an article's headline, date and publisher
// on lines of their own. Each article becomes one line of text, as written.
// When source_article is blank, the citations are built from
// source_office, source_date and source_headline.
func citations(article, office, date, headline string) []string {
	if article != "" {
		if out := quotedList(article); out != nil {
			return out
		}
		return blocks(article)
	}
	if office == "" && date == "" && headline == "" {
		return nil
	}
	offices, dates, heads := strings.Split(office, ";"), strings.Split(date, ";"), strings.Split(headline, ";")
	n := max(len(offices), len(dates), len(heads))
	if (office != "" && len(offices) != n) || (date != "" && len(dates) != n) || (headline != "" && len(heads) != n) {
		// A semicolon inside a headline: keep the fields together.
		return []string{joinNonEmpty(", ", oneLine(office), oneLine(date), oneLine(headline))}
	}
	out := make([]string, 0, n)
	at := func(s []string, i int) string {
		if i < len(s) {
			return oneLine(s[i])
		}
		return ""
	}
	for i := 0; i < n; i++ {
		if c := joinNonEmpty(", ", at(offices, i), at(dates, i), at(heads, i)); c != "" {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// quotedList splits `"a";"b"` into a and b; nil when s is not such a list.
func quotedList(s string) []string {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return nil
	}
	inner := s[1 : len(s)-1]
	var out []string
	start := 0
	for i := 0; i < len(inner); i++ {
		if inner[i] != '"' {
			continue
		}
		j := skipSpace(inner, i+1)
		if j >= len(inner) || inner[j] != ';' {
			continue
		}
		k := skipSpace(inner, j+1)
		if k >= len(inner) || inner[k] != '"' {
			continue
		}
		if c := oneLine(inner[start:i]); c != "" {
			out = append(out, c)
		}
		start, i = k+1, k
	}
	if c := oneLine(inner[start:]); c != "" {
		out = append(out, c)
	}
	return out
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// blocks splits free text into articles at blank lines and at numbered
// entries "(2) …", dropping the numbers; an article's lines are joined
// with ", " (see joinLines).
func blocks(s string) []string {
	if strings.IndexAny(s, "\n\r") < 0 && !strings.HasPrefix(s, "(") {
		return []string{oneLine(s)}
	}
	var out, cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, joinLines(cur))
			cur = cur[:0]
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = oneLine(line)
		if line == "" {
			flush()
			continue
		}
		if rest, ok := cutNumber(line); ok {
			flush()
			line = rest
			if line == "" {
				continue
			}
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// cutNumber removes a leading "(n)" from line.
func cutNumber(line string) (string, bool) {
	if len(line) < 3 || line[0] != '(' {
		return line, false
	}
	i := 1
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i == 1 || i >= len(line) || line[i] != ')' {
		return line, false
	}
	return strings.TrimSpace(line[i+1:]), true
}

// oneLine writes s on one line: its non-blank lines joined with ", " (or
// a space after a punctuation mark), runs of spaces and tabs made one
// space.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' || c == '\t' || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var lines []string
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			lines = append(lines, line)
		}
	}
	return joinLines(lines)
}

// joinLines joins lines with ", ", or with a space where a punctuation
// mark already separates them.
func joinLines(lines []string) string {
	var b strings.Builder
	for _, line := range lines {
		if b.Len() > 0 {
			if strings.IndexByte(",;:.!?", line[0]) >= 0 || endsInPunct(b.String()) {
				b.WriteByte(' ')
			} else {
				b.WriteString(", ")
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

// endsInPunct reports whether s ends with a mark that already separates
// it from what follows.
func endsInPunct(s string) bool {
	return s != "" && strings.IndexByte(",;:.!?", s[len(s)-1]) >= 0
}

func joinNonEmpty(sep string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}

// summary writes a one-line account of the event from its coded fields,
// since the GED has no narrative: what kind of violence, who, where, how
// many died, and the original source. For example:
//
//	State-based conflict: Government of India vs Government of Pakistan at Kel sector of the control line (Pakistan); 2 killed; source: Pakistani military.
func summary(ev *dossier.Event, sideA, sideB, whereDesc, original string) string {
	var b strings.Builder
	b.Grow(64 + len(sideA) + len(sideB) + len(whereDesc) + len(original))
	switch ev.SourceType {
	case "state-based":
		b.WriteString("State-based conflict")
	case "non-state":
		b.WriteString("Non-state conflict")
	default:
		b.WriteString("One-sided violence")
	}
	if sideA != "" || sideB != "" {
		b.WriteString(": ")
		b.WriteString(sideA)
		if sideA != "" && sideB != "" {
			if ev.Type == dossier.TypeOneSidedViolence {
				b.WriteString(" against ")
			} else {
				b.WriteString(" vs ")
			}
		}
		b.WriteString(sideB)
	}
	loc := oneLine(whereDesc)
	if loc == "" {
		loc = ev.Place
	}
	if loc == "" {
		loc = ev.Admin1
	}
	switch {
	case loc != "":
		b.WriteString(" at ")
		b.WriteString(loc)
		if ev.CountryName != "" && !strings.Contains(loc, ev.CountryName) {
			b.WriteString(" (")
			b.WriteString(ev.CountryName)
			b.WriteString(")")
		}
	case ev.CountryName != "":
		b.WriteString(" in ")
		b.WriteString(ev.CountryName)
	}
	b.WriteString("; ")
	if ev.Fatalities == nil {
		b.WriteString("deaths unknown")
	} else {
		b.WriteString(strconv.Itoa(*ev.Fatalities))
		b.WriteString(" killed")
		lo, hi := ev.FatalitiesLow, ev.FatalitiesHigh
		if (lo != nil && *lo != *ev.Fatalities) || (hi != nil && *hi != *ev.Fatalities) {
			b.WriteString(" (estimates ")
			if lo != nil {
				b.WriteString(strconv.Itoa(*lo))
			} else {
				b.WriteString("?")
			}
			b.WriteString("–")
			if hi != nil {
				b.WriteString(strconv.Itoa(*hi))
			} else {
				b.WriteString("?")
			}
			b.WriteString(")")
		}
	}
	if o := oneLine(original); o != "" {
		b.WriteString("; source: ")
		b.WriteString(o)
	}
	b.WriteString(".")
	return b.String()
}
