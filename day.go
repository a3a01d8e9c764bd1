package dossier

import (
	"fmt"
	"strings"
	"time"
)

// ParseDay reads a day as users and the interchange format write dates:
// YYYY-MM-DD, YYYY-MM or YYYY. A month or year means its first day, or,
// with end (the end of a range), its last day. "" is the zero time.
func ParseDay(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range []struct {
		layout string
		last   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if t, err := time.Parse(l.layout, s); err == nil {
			if end {
				t = l.last(t)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD, YYYY-MM or YYYY", s)
}
