package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"dossier"
	dossierhttp "dossier/http"
	"dossier/knowledge"
)

// serveInfo is what a running `dossier serve` writes beside its database
// (PATH.serve.json), so that other dossier processes, which cannot open the
// database while it runs, can say where it is.
type serveInfo struct {
	PID     int       `json:"pid"`
	URL     string    `json:"url"`
	DB      string    `json:"db"`
	Started time.Time `json:"started"`
}

func serveInfoPath(db string) string { return db + ".serve.json" }

// shutdownGrace is how long requests in flight may take to finish after
// SIGINT or SIGTERM.
const shutdownGrace = 10 * time.Second

func runServe(ctx context.Context, m *Main, args []string) error {
	fs, dbFlag := m.newFlags("serve", "")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	logFormat := fs.String("log", "text", "log format: text or json")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve: unexpected argument %q", pos[0])
	}
	var handler slog.Handler
	switch *logFormat {
	case "text":
		handler = slog.NewTextHandler(m.Stderr, nil)
	case "json":
		handler = slog.NewJSONHandler(m.Stderr, nil)
	default:
		return usagef("serve: --log must be text or json, not %q", *logFormat)
	}
	log := slog.New(handler)

	db, path, err := m.openStore(*dbFlag, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		return err
	}
	srv, err := dossierhttp.New(dossierhttp.Config{Store: db, Logger: log, Version: version})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return &dossier.Error{Code: dossier.EInvalid, Err: err,
			Message: fmt.Sprintf("cannot listen on %s", *addr),
			Hint:    "pass --addr with a free port, e.g. --addr 127.0.0.1:8081, or 127.0.0.1:0 for any free one"}
	}
	url := "http://" + ln.Addr().String()
	info := serveInfo{PID: os.Getpid(), URL: url, DB: path, Started: time.Now().UTC()}
	if b, err := json.MarshalIndent(info, "", "  "); err == nil {
		if err := os.WriteFile(serveInfoPath(path), append(b, '\n'), 0o644); err != nil {
			log.Warn("cannot write the server's address beside the database", "file", serveInfoPath(path), "err", err)
		}
	}
	defer os.Remove(serveInfoPath(path))

	fmt.Fprintf(m.Stdout, "dossier serve: %s\n", url)
	fmt.Fprintf(m.Stdout, "  database %s\n  JSON API %s/api/v1/ (described at %s/api/v1/openapi.json)\n  press Ctrl-C to stop\n", path, url, url)
	log.Info("serving", "url", url, "db", path, "pid", info.PID)
	if err := srv.Serve(ctx, ln, shutdownGrace); err != nil {
		return fmt.Errorf("serve %s: %w", url, err)
	}
	log.Info("stopped", "url", url)
	return nil
}

// lockedError turns the error of opening a database that another process
// holds into one that says, when that process is `dossier serve`, where it
// serves the same data and what to do.
func lockedError(path string, err error) error {
	var de *dossier.Error
	if !errors.As(err, &de) || de.Code != dossier.EConflict || !strings.Contains(de.Message, "in use by another process") {
		return err
	}
	b, rerr := os.ReadFile(serveInfoPath(path))
	if rerr != nil {
		return err
	}
	var info serveInfo
	if json.Unmarshal(b, &info) != nil || info.PID <= 0 || info.URL == "" {
		return err
	}
	// DuckDB names the process that holds the lock: when it names another
	// one, the file is stale.
	if p := strings.Index(de.Message, "(PID "); p >= 0 && !strings.HasPrefix(de.Message[p+5:], strconv.Itoa(info.PID)+")") {
		return err
	}
	return &dossier.Error{Code: dossier.EConflict, Err: err,
		Message: fmt.Sprintf("database %s is in use by `dossier serve`, running at %s (pid %d)", path, info.URL, info.PID),
		Hint: fmt.Sprintf("the same queries are available from it at %s/api/v1/… (e.g. %s/api/v1/events?group=iskp; all of them in %s/api/v1/openapi.json); "+
			"stop the server (Ctrl-C, or kill %d) to use the CLI on this database", info.URL, info.URL, info.URL, info.PID)}
}
