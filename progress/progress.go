// Package progress draws a one-line progress bar for long work on a
// terminal: items done, rate, percentage of bytes and time left.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// DefaultInterval is how often the bar is redrawn.
const DefaultInterval = 200 * time.Millisecond

// Bar reports progress of one task. A nil *Bar, or one made for a writer
// that is not a terminal, does nothing, so callers need not check.
type Bar struct {
	w        io.Writer
	label    string
	unit     string
	interval time.Duration
	now      func() time.Time

	mu      sync.Mutex
	start   time.Time
	last    time.Time
	n       int64
	done    int64 // bytes (or other measure of total) done
	total   int64
	drawn   bool
	lastLen int
}

// IsTerminal reports whether f is a character device (a terminal), the
// only place a progress bar belongs.
func IsTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// New returns a bar writing to w, labelled label, counting unit ("rows").
// total is the size of the work in the measure passed to Set (bytes), or 0
// when unknown.
func New(w io.Writer, label, unit string, total int64) *Bar {
	return &Bar{w: w, label: label, unit: unit, total: total, interval: DefaultInterval, now: time.Now}
}

// ForTerminal returns a bar on f when f is a terminal and nil otherwise.
func ForTerminal(f *os.File, label, unit string, total int64) *Bar {
	if !IsTerminal(f) {
		return nil
	}
	return New(f, label, unit, total)
}

// Set records that n items are done and done units of the total.
func (b *Bar) Set(n, done int64) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	t := b.now()
	if b.start.IsZero() {
		b.start = t
	}
	b.n, b.done = n, done
	if t.Sub(b.last) < b.interval {
		return
	}
	b.last = t
	b.draw(t)
}

// Finish draws the final state and ends the line.
func (b *Bar) Finish() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.drawn {
		return
	}
	if b.total > 0 {
		b.done = b.total
	}
	b.draw(b.now())
	fmt.Fprintln(b.w)
}

// Clear erases the bar's line, for a message to take its place.
func (b *Bar) Clear() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", b.lastLen))
		b.drawn = false
	}
}

func (b *Bar) draw(t time.Time) {
	line := Line(b.label, b.unit, b.n, b.done, b.total, t.Sub(b.start))
	pad := ""
	if n := b.lastLen - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(b.w, "\r%s%s", line, pad)
	b.lastLen = len(line)
	b.drawn = true
}

// Line formats one state of a bar: "label  [=====>    ]  42%  120,000 rows  40,000 rows/s  ETA 3s".
func Line(label, unit string, n, done, total int64, elapsed time.Duration) string {
	var s strings.Builder
	s.WriteString(label)
	if total > 0 {
		frac := float64(done) / float64(total)
		frac = min(max(frac, 0), 1)
		const width = 24
		filled := int(frac * width)
		s.WriteString("  [")
		s.WriteString(strings.Repeat("=", filled))
		if filled < width {
			s.WriteString(">")
			s.WriteString(strings.Repeat(" ", width-filled-1))
		}
		fmt.Fprintf(&s, "] %3.0f%%", frac*100)
	}
	fmt.Fprintf(&s, "  %s %s", Thousands(n), unit)
	if secs := elapsed.Seconds(); secs > 0 {
		fmt.Fprintf(&s, "  %s %s/s", Thousands(int64(float64(n)/secs)), unit)
		if total > 0 && done > 0 && done < total {
			left := time.Duration(float64(elapsed) * float64(total-done) / float64(done))
			fmt.Fprintf(&s, "  ETA %s", left.Round(time.Second))
		}
	}
	return s.String()
}

// Thousands formats n with comma separators: 1234567 → "1,234,567".
func Thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
