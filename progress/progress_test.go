package progress_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"dossier/progress"
)

func TestThousands(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567, "1,234,567"}, {-1234, "-1,234"}} {
		if got := progress.Thousands(tc.n); got != tc.want {
			t.Errorf("Thousands(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestLine(t *testing.T) {
	got := progress.Line("gtd.csv", "rows", 50000, 25, 100, 10*time.Second)
	for _, want := range []string{"gtd.csv", " 25%", "50,000 rows", "5,000 rows/s", "ETA 30s"} {
		if !strings.Contains(got, want) {
			t.Errorf("Line() = %q, missing %q", got, want)
		}
	}
	if got := progress.Line("x", "rows", 10, 0, 0, time.Second); strings.Contains(got, "%") || strings.Contains(got, "ETA") {
		t.Errorf("Line() with unknown total = %q, want no percentage or ETA", got)
	}
}

func TestNilBarIsQuiet(t *testing.T) {
	var b *progress.Bar
	b.Set(1, 1) // must not panic
	b.Finish()
	b.Clear()
}

func TestBarDrawsAndFinishes(t *testing.T) {
	var buf bytes.Buffer
	b := progress.New(&buf, "file", "rows", 100)
	b.Set(1, 10)
	b.Finish()
	out := buf.String()
	if !strings.Contains(out, "100%") || !strings.HasSuffix(out, "\n") {
		t.Errorf("output = %q, want a finished bar at 100%% ending the line", out)
	}
}
