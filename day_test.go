package dossier_test

import (
	"testing"
	"time"

	"dossier"
)

func TestParseDay(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		in   string
		end  bool
		want time.Time
	}{
		{"", false, time.Time{}},
		{"2021-08-26", false, day(2021, 8, 26)},
		{"2021-08-26", true, day(2021, 8, 26)},
		{"2021-02", false, day(2021, 2, 1)},
		{"2021-02", true, day(2021, 2, 28)},
		{"2020", true, day(2020, 12, 31)},
		{" 2020 ", false, day(2020, 1, 1)},
	} {
		got, err := dossier.ParseDay(c.in, c.end)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("ParseDay(%q, %v) = %v, %v; want %v", c.in, c.end, got, err, c.want)
		}
	}
	for _, bad := range []string{"26/08/2021", "2021-13", "yesterday"} {
		if _, err := dossier.ParseDay(bad, false); err == nil {
			t.Errorf("ParseDay(%q): no error", bad)
		}
	}
}
