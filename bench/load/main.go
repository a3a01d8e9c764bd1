// Command load drives a running `dossier serve` with concurrent clients for
// a fixed time and reports throughput and latency:
//
//	go run ./bench/load -url http://127.0.0.1:8080 -path /api/v1/groups/iskp/profile -c 32 -d 30s
//
// Each client sends one request at a time, reads the whole response, and
// sends the next. A response other than 200, or a failed request, counts
// as an error. Only servers on this machine (loopback addresses) are
// driven.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the server's URL (loopback only)")
	paths := flag.String("path", "/api/v1/groups/iskp/profile", "path to request; several, comma-separated, are taken in turn")
	clients := flag.Int("c", 32, "concurrent clients")
	dur := flag.Duration("d", 30*time.Second, "how long to drive the server")
	timeout := flag.Duration("timeout", 10*time.Second, "timeout of one request")
	warm := flag.Int("warm", 1, "requests of each path sent before the measure (not counted)")
	flag.Parse()
	if err := run(*base, strings.Split(*paths, ","), *clients, *dur, *timeout, *warm); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

type result struct {
	latencies []time.Duration
	errors    int
	bytes     int64
	firstErr  string
}

func run(base string, paths []string, clients int, dur, timeout time.Duration, warm int) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	if !loopback(u.Hostname()) {
		return fmt.Errorf("%s is not a loopback address: load only drives servers on this machine", u.Host)
	}
	if clients < 1 || dur <= 0 {
		return fmt.Errorf("need at least one client and a positive duration")
	}
	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, IdleConnTimeout: time.Minute}
	client := &http.Client{Transport: tr, Timeout: timeout}
	for _, p := range paths {
		for i := 0; i < warm; i++ {
			if _, _, err := get(client, base+p); err != nil {
				return fmt.Errorf("warm-up %s: %w", p, err)
			}
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	results := make([]result, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := &results[c]
			for i := c; ctx.Err() == nil; i++ {
				t0 := time.Now()
				n, status, err := get(client, base+paths[i%len(paths)])
				if ctx.Err() != nil && err != nil {
					break // cut off by the end of the run
				}
				r.latencies = append(r.latencies, time.Since(t0))
				r.bytes += n
				if err != nil || status != http.StatusOK {
					r.errors++
					if r.firstErr == "" {
						r.firstErr = fmt.Sprintf("status %d, %v", status, err)
					}
				}
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)

	var all []time.Duration
	var errs int
	var bytes int64
	firstErr := ""
	for _, r := range results {
		all = append(all, r.latencies...)
		errs += r.errors
		bytes += r.bytes
		if firstErr == "" {
			firstErr = r.firstErr
		}
	}
	if len(all) == 0 {
		return fmt.Errorf("no request completed")
	}
	slices.Sort(all)
	q := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	fmt.Printf("load: %s %s, %d clients, %s\n", base, strings.Join(paths, ","), clients, elapsed.Round(time.Millisecond))
	fmt.Printf("requests %d  errors %d  requests/s %.0f  MB/s %.1f\n", len(all), errs, float64(len(all))/elapsed.Seconds(), float64(bytes)/elapsed.Seconds()/1e6)
	fmt.Printf("latency p50 %s  p90 %s  p99 %s  max %s\n", ms(q(0.50)), ms(q(0.90)), ms(q(0.99)), ms(all[len(all)-1]))
	if errs > 0 {
		fmt.Printf("first error: %s\n", firstErr)
	}
	return nil
}

func get(c *http.Client, u string) (int64, int, error) {
	res, err := c.Get(u)
	if err != nil {
		return 0, 0, err
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, res.Body)
	return n, res.StatusCode, err
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

// loopback reports whether host is a loopback name or address.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
