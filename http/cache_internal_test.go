package http

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCache(t *testing.T) {
	c := newCache[string, int](2)
	calls := 0
	val := func(v int) func() (int, error) {
		return func() (int, error) { calls++; return v, nil }
	}
	for _, tt := range []struct {
		key   string
		gen   uint64
		fn    func() (int, error)
		want  int
		calls int
	}{
		{"a", 1, val(10), 10, 1},
		{"a", 1, val(99), 10, 1}, // kept
		{"b", 1, val(20), 20, 2},
		{"a", 2, val(11), 11, 3}, // a new generation: computed again
		{"c", 2, val(30), 30, 4}, // evicts b, the least recently used
		{"a", 2, val(99), 11, 4},
		{"b", 1, val(21), 21, 5},
	} {
		got, err := c.get(tt.key, tt.gen, tt.fn)
		if err != nil || got != tt.want || calls != tt.calls {
			t.Errorf("get(%s, %d) = %d, %v after %d calls; want %d after %d", tt.key, tt.gen, got, err, calls, tt.want, tt.calls)
		}
	}
	if c.len() != 2 {
		t.Errorf("len %d, want 2", c.len())
	}
	boom := errors.New("boom")
	if _, err := c.get("e", 1, func() (int, error) { return 0, boom }); err != boom {
		t.Errorf("error %v, want boom", err)
	}
	if v, _ := c.get("e", 1, val(5)); v != 5 {
		t.Errorf("after an error: %d, want the value computed again", v)
	}
}

func TestCacheComputesOnce(t *testing.T) {
	c := newCache[string, int](4)
	var calls atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.get("k", 1, func() (int, error) { calls.Add(1); <-release; return 7, nil })
			if v != 7 || err != nil {
				t.Errorf("get = %d, %v", v, err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("computed %d times, want once", n)
	}
}

func TestLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(2, 10*time.Second, func() time.Time { return now })
	for i, want := range []bool{true, true, false} {
		if ok, _ := l.allow("a"); ok != want {
			t.Errorf("post %d: %v, want %v", i, ok, want)
		}
	}
	if ok, _ := l.allow("b"); !ok {
		t.Error("another client is limited too")
	}
	now = now.Add(5 * time.Second)
	if ok, wait := l.allow("a"); ok || wait != 5*time.Second {
		t.Errorf("half a token: %v, wait %s; want refused for 5s", ok, wait)
	}
	now = now.Add(5 * time.Second)
	if ok, _ := l.allow("a"); !ok {
		t.Error("a token later: refused")
	}
	now = now.Add(time.Hour)
	l.allow("c")
	if len(l.buckets) != 1 {
		t.Errorf("%d buckets kept after an hour, want only the new one", len(l.buckets))
	}
}
