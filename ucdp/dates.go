package ucdp

import (
	"time"

	"dossier"
)

const dateHint = "GED dates are YYYY-MM-DD (HDX copies add 00:00:00.000, the website export writes MM/DD/YYYY 00:00:00); check that the row's columns line up with the header"

// parseDates sets Date, DateEnd and DatePrecision from date_start,
// date_end and date_prec. A blank date_end means the one day date_start;
// a blank or absent date_prec is inferred from the span of the dates.
func (p *Parser) parseDates(rec []string, ev *dossier.Event) error {
	s := field(rec, p.dateStart)
	if s == "" {
		return p.rowErr(p.dateStart, s, "the event has no start date", dateHint)
	}
	start, ok := parseDate(s)
	if !ok {
		return p.rowErr(p.dateStart, s, "date_start is not a date", dateHint)
	}
	end := start
	if e := field(rec, p.dateEnd); e != "" {
		if end, ok = parseDate(e); !ok {
			return p.rowErr(p.dateEnd, e, "date_end is not a date", dateHint)
		}
		if end.Before(start) {
			return p.rowErr(p.dateEnd, e, "date_end is before date_start ("+s+")",
				"swap the dates if they were entered the wrong way round")
		}
	}
	ev.Date, ev.DateEnd = start, end

	ps := field(rec, p.datePrec)
	if ps == "" {
		ev.DatePrecision = precisionOfSpan(start, end)
		return nil
	}
	n, ok := parseSmallInt(ps)
	switch {
	case ok && n == 1:
		ev.DatePrecision = dossier.PrecisionDay
	case ok && (n == 2 || n == 3):
		ev.DatePrecision = dossier.PrecisionWeek
	case ok && n == 4:
		ev.DatePrecision = dossier.PrecisionMonth
	case ok && n == 5:
		ev.DatePrecision = dossier.PrecisionYear
	default:
		return p.rowErr(p.datePrec, ps, "date_prec is not a code from 1 to 5",
			"GED codes date precision 1 (exact day), 2–3 (within a week), 4 (within a month), 5 (within a year); leave it blank to infer it from the dates")
	}
	return nil
}

// precisionOfSpan is the precision the GED would code for an event known
// to lie between start and end.
func precisionOfSpan(start, end time.Time) dossier.Precision {
	switch days := end.Sub(start).Hours() / 24; {
	case days < 1:
		return dossier.PrecisionDay
	case days < 7:
		return dossier.PrecisionWeek
	case days < 31:
		return dossier.PrecisionMonth
	default:
		return dossier.PrecisionYear
	}
}

// parseDate reads the date formats UCDP files carry: YYYY-MM-DD (the
// official CSV), YYYY-MM-DD 00:00:00.000 (HDX), YYYY-MM-DDT00:00:00 (the
// API), MM/DD/YYYY 00:00:00 (the website export) and YYYY/MM/DD. Months
// and days may have one digit. A time of day, if any, is ignored: the GED
// codes days.
func parseDate(s string) (time.Time, bool) {
	a, na, i := leadingInt(s, 0)
	if na == 0 || i >= len(s) {
		return time.Time{}, false
	}
	sep := s[i]
	if sep != '-' && sep != '/' {
		return time.Time{}, false
	}
	b, nb, i := leadingInt(s, i+1)
	if nb == 0 || nb > 2 || i >= len(s) || s[i] != sep {
		return time.Time{}, false
	}
	c, nc, i := leadingInt(s, i+1)
	if nc == 0 {
		return time.Time{}, false
	}
	if i < len(s) && s[i] != ' ' && s[i] != 'T' {
		return time.Time{}, false
	}
	var y, m, d int
	switch {
	case na == 4 && nc <= 2: // YYYY-MM-DD, YYYY/MM/DD
		y, m, d = a, b, c
	case sep == '/' && na <= 2 && nc == 4: // MM/DD/YYYY
		y, m, d = c, a, b
	default:
		return time.Time{}, false
	}
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 April rolls over to 1 May
		return time.Time{}, false
	}
	return t, true
}

// leadingInt reads up to 4 digits of s from i, returning the number, the
// count of digits and the index after them.
func leadingInt(s string, i int) (n, digits, next int) {
	for i < len(s) && digits < 5 && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		digits++
		i++
	}
	if digits > 4 {
		return 0, 0, i
	}
	return n, digits, i
}
