package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeChild is `dossier serve` in a child process of TestServe: it
// runs only when TestServe starts this test binary with DOSSIER_SERVE_DB.
func TestServeChild(t *testing.T) {
	db := os.Getenv("DOSSIER_SERVE_DB")
	if db == "" {
		t.Skip("the server process of TestServe")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdin: strings.NewReader(""), Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	if code := m.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}); code != 0 {
		os.Exit(code)
	}
}

// TestServe runs `dossier serve` in another process, checks that it
// serves, that the CLI in this process is told where the server is and
// what to do while it holds the database, and that SIGTERM stops it
// cleanly.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	db := filepath.Join(t.TempDir(), "serve.duckdb")
	if code, _, stderr := run(t, db, "import", filepath.Join("..", "..", "testdata", "demo", "gtd_demo.csv")); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestServeChild$", "-test.v")
	cmd.Env = append(os.Environ(), "DOSSIER_SERVE_DB="+db)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// The first line is the URL.
	lines := bufio.NewScanner(stdout)
	var url string
	for lines.Scan() {
		if u, ok := strings.CutPrefix(lines.Text(), "dossier serve: "); ok {
			url = u
			break
		}
	}
	if url == "" {
		t.Fatalf("the server printed no URL; stderr:\n%s", stderr.String())
	}
	go io.Copy(io.Discard, stdout)

	res, err := http.Get(url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var health map[string]string
	json.NewDecoder(res.Body).Decode(&health)
	res.Body.Close()
	if res.StatusCode != 200 || health["status"] != "ok" {
		t.Fatalf("healthz: %d %v", res.StatusCode, health)
	}
	res, err = http.Get(url + "/api/v1/events?source=gtd&limit=1")
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Total int }
	json.NewDecoder(res.Body).Decode(&page)
	res.Body.Close()
	if page.Total == 0 {
		t.Errorf("the server's API counts no GTD events")
	}

	info, err := os.ReadFile(db + ".serve.json")
	if err != nil {
		t.Fatalf("no server file beside the database: %v", err)
	}
	if !strings.Contains(string(info), fmt.Sprintf(`"pid": %d`, cmd.Process.Pid)) {
		t.Errorf("server file %s does not name pid %d", info, cmd.Process.Pid)
	}

	// The CLI cannot open the database: it says where the server is.
	for _, args := range [][]string{{"events", "--count"}, {"groups", "isis"}} {
		code, _, msg := run(t, db, args...)
		if code != exitError {
			t.Errorf("%v while serving: exit %d, want %d", args, code, exitError)
		}
		for _, want := range []string{"dossier serve", url, fmt.Sprintf("pid %d", cmd.Process.Pid), url + "/api/v1/", "stop the server"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%v while serving: message %q lacks %q", args, msg, want)
			}
		}
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("server after SIGTERM: %v; stderr:\n%s", err, stderr.String())
	}
	for _, want := range []string{"msg=request method=GET path=/healthz status=200", "msg=stopped"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("server log lacks %q:\n%s", want, stderr.String())
		}
	}
	if _, err := os.Stat(db + ".serve.json"); !os.IsNotExist(err) {
		t.Errorf("server file left behind: %v", err)
	}
	if code, out, msg := run(t, db, "events", "--count", "--source", "gtd"); code != 0 || strings.TrimSpace(out) != fmt.Sprint(page.Total) {
		t.Errorf("events --count after the server stopped: exit %d, %q %s; want %d", code, out, msg, page.Total)
	}
}
