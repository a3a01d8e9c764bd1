// Package http serves dossier's web UI and its JSON API from one store: the
// pages of groups, events, rankings, the Global Terrorism Index and sources,
// rendered on the server with html/template, and the same data as JSON under
// /api/v1/, described by the OpenAPI document at /api/v1/openapi.json.
//
// Templates and static files are embedded in the binary. Templates are
// parsed when the server is made, so a broken template fails the start, not
// a request; static files are served under names that carry a hash of their
// content, so that browsers may keep them for ever.
//
// Errors reach users as a code, a message and a hint: statusOf maps a
// *dossier.Error's code to an HTTP status, in one place. Internal errors are
// logged and never shown raw.
package http

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"dossier"
)

// Store is what the server reads and writes: events, the group registry,
// the attack totals reports are built from, and analyst notes.
type Store interface {
	dossier.EventStore
	dossier.Registry
	dossier.AttackStore
	dossier.NoteStore
}

// Defaults for Config.
const (
	// DefaultNoteBurst notes (valid or not) may be posted from one client
	// at once, then one every DefaultNoteEvery.
	DefaultNoteBurst = 10
	DefaultNoteEvery = 20 * time.Second
	// DefaultCacheSize is the number of profile documents kept (and of
	// group maps). The profile of a group with 17,000 events is about
	// 200 KB of JSON.
	DefaultCacheSize = 128
	// MaxFormBytes is the largest body a note may be posted with.
	MaxFormBytes = 32 << 10
	// DefaultPageSize events are listed by default, MaxPageSize at most.
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// Config is what a Server is made from.
type Config struct {
	Store  Store
	Logger *slog.Logger // nil: discard
	// Version is shown in the page footer and /healthz.
	Version string
	// Generation returns a number that changes whenever the store's events
	// or knowledge change, so that cached documents are dropped. nil means
	// they never change while the server runs: it is then the database's
	// only writer, and writes only notes, which no cached document holds.
	Generation func() uint64
	// NoteBurst and NoteEvery limit the notes one client may post; zero
	// values take the defaults.
	NoteBurst int
	NoteEvery time.Duration
	// CacheSize is the number of profile documents kept; 0 takes the
	// default, a negative size disables the cache.
	CacheSize int
	// Now returns the current time; nil: time.Now.
	Now func() time.Time
}

// Server is dossier's web UI and JSON API.
type Server struct {
	store      Store
	log        *slog.Logger
	version    string
	generation func() uint64
	now        func() time.Time

	pages  map[string]*template.Template
	assets *assets
	routes []route
	mux    *http.ServeMux
	cop    *http.CrossOriginProtection

	notes    *limiter
	profiles *cache[profileKey, *profileEntry]
	maps     *cache[profileKey, *mapResult]

	knowMu sync.Mutex
	know   *knowledgeView // registry snapshot for search and resolution
}

// route is one pattern of the mux. Routes lists them, so that tests can
// check every route against the OpenAPI document.
type route struct {
	pattern string
	handler http.HandlerFunc
	api     bool
}

// New makes a server: it parses the templates and hashes the static files,
// and returns an error when a template is broken or a static file missing.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("http: no store")
	}
	s := &Server{store: cfg.Store, log: cfg.Logger, version: cfg.Version, generation: cfg.Generation, now: cfg.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.generation == nil {
		s.generation = func() uint64 { return 0 }
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.version == "" {
		s.version = "dev"
	}
	burst, every := cfg.NoteBurst, cfg.NoteEvery
	if burst <= 0 {
		burst = DefaultNoteBurst
	}
	if every <= 0 {
		every = DefaultNoteEvery
	}
	s.notes = newLimiter(burst, every, s.now)
	size := cfg.CacheSize
	if size == 0 {
		size = DefaultCacheSize
	}
	s.profiles = newCache[profileKey, *profileEntry](size)
	s.maps = newCache[profileKey, *mapResult](size)

	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(s.assets); err != nil {
		return nil, err
	}
	s.cop = http.NewCrossOriginProtection()
	s.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, &dossier.Error{Code: codeForbidden, Message: "cross-origin request refused",
			Hint: "post notes from dossier's own pages"})
	}))
	s.routes = s.makeRoutes()
	s.mux = http.NewServeMux()
	for _, rt := range s.routes {
		s.mux.HandleFunc(rt.pattern, rt.handler)
	}
	return s, nil
}

func (s *Server) makeRoutes() []route {
	return []route{
		{"GET /healthz", s.healthz, false},
		{"GET /static/{name...}", s.assets.serve, false},

		{"GET /{$}", s.homePage, false},
		{"GET /groups", s.searchPage, false},
		{"GET /groups/{id}", s.groupPage, false},
		{"POST /groups/{id}/notes", s.postNoteForm, false},
		{"GET /events", s.eventsPage, false},
		{"GET /events/{source}/{id}", s.eventPage, false},
		{"GET /rank", s.rankPage, false},
		{"GET /gti", s.gtiPage, false},
		{"GET /sources", s.sourcesPage, false},

		{"GET /api/v1/openapi.json", s.openAPI, true},
		{"GET /api/v1/groups", s.apiGroups, true},
		{"GET /api/v1/groups/{id}", s.apiGroup, true},
		{"GET /api/v1/groups/{id}/profile", s.apiProfile, true},
		{"GET /api/v1/groups/{id}/notes", s.apiNotes, true},
		{"POST /api/v1/groups/{id}/notes", s.apiPostNote, true},
		{"GET /api/v1/events", s.apiEvents, true},
		{"GET /api/v1/events/{source}/{id}", s.apiEvent, true},
		{"GET /api/v1/rank", s.apiRank, true},
		{"GET /api/v1/gti", s.apiGTI, true},
		{"GET /api/v1/resolve", s.apiResolve, true},
		{"GET /api/v1/sources", s.apiSources, true},
		{"/api/", s.apiNotFound, true},
		{"/", s.pageNotFound, false},
	}
}

// Routes returns the patterns the server answers, sorted.
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.routes {
		out = append(out, r.pattern)
	}
	sort.Strings(out)
	return out
}

// ServeHTTP serves a request: security headers, cross-origin protection of
// unsafe methods, logging and recovery around the mux.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	h := rec.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
		"img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v))
			if !rec.wrote {
				s.fail(rec, r, fmt.Errorf("panic: %v", v))
			}
		}
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration", time.Since(start), "bytes", rec.bytes)
	}()
	s.cop.Handler(s.mux).ServeHTTP(rec, r)
}

// recorder remembers the status and size of a response, for the log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.store.CountEvents(r.Context(), dossier.EventFilter{Limit: 1}); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.version})
}

// clientKey identifies a client for rate limiting: its IP address.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Serve serves on l until ctx is done, then shuts down gracefully, giving
// requests in flight up to grace to finish.
func (s *Server) Serve(ctx context.Context, l net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// isAPI reports whether r asks for the JSON API.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }
