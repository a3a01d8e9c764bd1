package acled

import (
	"fmt"
	"strings"
	"time"
)

var monthNames = [12]string{"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"}

// parseDate reads an ACLED event_date in any of the forms ACLED has used:
//
//	28 December 2022, 28-December-2022, 28 Dec 2022  day, month name, year
//	6-Oct-18                                        2018 layout, two-digit year
//	2022-12-28, 2022-12-28T00:00:00                 API and recent exports
//	02/01/1997, 2/1/1997, 02-01-1997                version 5–7: day/month/year
//	December 28, 2022                               month name first
//	44923                                           spreadsheet serial day (XLSX)
//
// A two-digit year takes its century from yearCol, the row's year column
// (−1 when absent), when their last two digits agree, and otherwise reads
// 69–99 as 19xx and 00–68 as 20xx. It returns the date at midnight UTC, or
// a reason why s is not a date.
func parseDate(s string, yearCol int) (time.Time, string) {
	s = stripTime(s)
	if d, ok := serialDate(s); ok {
		return d, ""
	}
	var tok [3]string
	n := 0
	for i := 0; i < len(s); {
		for i < len(s) && isSep(s[i]) {
			i++
		}
		j := i
		for j < len(s) && !isSep(s[j]) {
			j++
		}
		if j > i {
			if n == len(tok) {
				return time.Time{}, "not a date"
			}
			tok[n] = s[i:j]
			n++
		}
		i = j
	}
	if n != 3 {
		return time.Time{}, "not a date"
	}

	var ys, ms, ds string
	switch {
	case isDigits(tok[0]) && len(tok[0]) == 4: // 2022-12-28
		ys, ms, ds = tok[0], tok[1], tok[2]
	case isLetters(tok[0]): // December 28, 2022
		ms, ds, ys = tok[0], tok[1], tok[2]
	default: // 28 December 2022, 6-Oct-18, 02/01/1997
		ds, ms, ys = tok[0], tok[1], tok[2]
	}

	y, ok := number(ys)
	switch {
	case !ok:
		return time.Time{}, "not a date: year " + quote(ys)
	case len(ys) == 2:
		if yearCol >= 0 && yearCol%100 == y {
			y = yearCol
		} else if y < 69 {
			y += 2000
		} else {
			y += 1900
		}
	case len(ys) != 4:
		return time.Time{}, "not a date: year " + quote(ys)
	}
	if y < 1900 || y > 2100 {
		return time.Time{}, fmt.Sprintf("impossible year %d", y)
	}

	var m int
	if isLetters(ms) {
		m = monthByName(ms)
		if m == 0 {
			return time.Time{}, "not a date: unknown month " + quote(ms)
		}
	} else if m, ok = number(ms); !ok || len(ms) > 2 {
		return time.Time{}, "not a date: month " + quote(ms)
	}
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Sprintf("impossible date: month %d", m)
	}

	d, ok := number(ds)
	if !ok || len(ds) > 2 {
		return time.Time{}, "not a date: day " + quote(ds)
	}
	if d < 1 || d > daysIn(time.Month(m), y) {
		return time.Time{}, fmt.Sprintf("impossible date: %s has no day %d", time.Month(m), d)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), ""
}

// excelEpoch is day 0 of spreadsheet serial dates (1900 date system, as
// corrected for its 1900 leap-year bug from March 1900 on).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serialDate reads a spreadsheet serial day number, as an XLSX reader
// yields for a date cell: 5 digits, an optional time fraction, from 1990
// (32874) to 2099 (73050). Other numbers are not taken for dates.
func serialDate(s string) (time.Time, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole) != 5 || !isDigits(whole) || (frac != "" && !isDigits(frac)) {
		return time.Time{}, false
	}
	n, _ := number(whole[:4])
	n = n*10 + int(whole[4]-'0')
	if n < 32874 || n > 73050 {
		return time.Time{}, false
	}
	return excelEpoch.AddDate(0, 0, n), true
}

// stripTime removes a time of day after the date: "2022-12-28T00:00:00Z",
// "02/01/1997 00:00:00".
func stripTime(s string) string {
	if len(s) > 10 && s[4] == '-' && s[10] == 'T' {
		return s[:10]
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 && strings.IndexByte(s[i:], ':') > 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

func isSep(c byte) bool { return c == ' ' || c == '-' || c == '/' || c == '.' || c == ',' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// number parses up to four ASCII digits.
func number(s string) (int, bool) {
	if !isDigits(s) || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// monthByName returns 1–12 for an English month name or its three-letter
// abbreviation ("Sept" too), in any case; 0 otherwise.
func monthByName(s string) int {
	for i, name := range monthNames {
		if strings.EqualFold(s, name) || (len(s) == 3 && strings.EqualFold(s, name[:3])) {
			return i + 1
		}
	}
	if strings.EqualFold(s, "sept") {
		return 9
	}
	return 0
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func quote(s string) string {
	if len(s) > 20 {
		s = s[:20] + "…"
	}
	return fmt.Sprintf("%q", s)
}
