package http

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"dossier"
)

//go:embed templates/*.html
var templateFiles embed.FS

// layoutFiles are parsed into every page; every other file is a page,
// executed through the template "layout".
var layoutFiles = []string{"layout.html", "scripts.html", "parts.html"}

// page is what every page template gets.
type page struct {
	Title   string
	Nav     string // the active entry of the navigation
	Query   string // the search box's text
	CSRF    string // the form token, on pages with a form
	Version string
	Data    any
}

// vizView is a visual: app.js draws Data into figure.viz#ID as KIND.
type vizView struct {
	Kind, ID, Caption string
	Data              any
}

// errorView is the data of the error page.
type errorView struct {
	Status int
	Err    apiErrorBody
}

func parsePages(a *assets) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"asset":     a.url,
		"thousands": thousands,
		"num":       num,
		"intp":      intp,
		"pct":       pct,
		"day":       day,
		"eventDate": eventDate,
		"label":     label,
		"query":     query,
		"path":      url.PathEscape,
		"add":       func(a, b int) int { return a + b },
		"join":      strings.Join,
		"boolp":     boolp,
		"deref":     func(f *float64) float64 { return *f },
		"list":      func(s ...string) []string { return s },
		"viz": func(kind, id, caption string, data any) vizView {
			return vizView{Kind: kind, ID: id, Caption: caption, Data: data}
		},
	}
	base, err := template.New("").Funcs(funcs).ParseFS(templateFiles, prefixed(layoutFiles)...)
	if err != nil {
		return nil, fmt.Errorf("http: templates: %w", err)
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if isLayout(path.Base(n)) {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, fmt.Errorf("http: template %s: %w", n, err)
		}
		if t.Lookup("main") == nil {
			return nil, fmt.Errorf("http: template %s defines no \"main\"", n)
		}
		pages[name] = t
	}
	for _, need := range []string{"error", "home", "search", "group", "events", "event", "sources", "rank", "gti"} {
		if pages[need] == nil {
			return nil, fmt.Errorf("http: template %s.html is missing", need)
		}
	}
	return pages, nil
}

func prefixed(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "templates/" + n
	}
	return out
}

func isLayout(name string) bool {
	for _, l := range layoutFiles {
		if l == name {
			return true
		}
	}
	return false
}

// render executes a page into a buffer, so that a failing template gives a
// clean error instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	p.Version = s.version
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("template", "page", name, "path", r.URL.Path, "err", err)
		if name != "error" {
			s.render(w, r, http.StatusInternalServerError, "error", &page{Title: "Internal error",
				Data: errorView{Status: 500, Err: apiErrorBody{Code: dossier.EInternal, Message: "internal error", Hint: "the server's log says more"}}})
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// thousands writes n with thin separators: 12,345.
func thousands(n any) string {
	var v int64
	switch x := n.(type) {
	case int:
		v = int64(x)
	case int64:
		v = x
	case *int:
		if x == nil {
			return "?"
		}
		v = int64(*x)
	case float64:
		return num(x)
	default:
		return fmt.Sprint(n)
	}
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
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

// num writes a figure with at most one decimal (three below 10, trailing
// zeros dropped), thousands separated.
func num(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return thousands(int64(f))
	}
	if math.Abs(f) < 10 {
		return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64)
	}
	whole := thousands(int64(f))
	frac := strconv.FormatFloat(math.Abs(f-math.Trunc(f)), 'f', 1, 64)
	if frac == "1.0" {
		return thousands(int64(math.Round(f)))
	}
	return whole + frac[1:]
}

// intp writes an optional count: "?" when unknown.
func intp(n *int) string {
	if n == nil {
		return "?"
	}
	return thousands(*n)
}

func boolp(b *bool) string {
	switch {
	case b == nil:
		return "unknown"
	case *b:
		return "yes"
	}
	return "no"
}

// pct writes a share in [0, 1] as a percentage.
func pct(f float64) string {
	return strconv.FormatFloat(100*f, 'f', 1, 64) + "%"
}

func day(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.Format("2006-01-02")
}

// eventDate writes an event's date at its precision.
func eventDate(e *dossier.Event) string {
	if e.Date.IsZero() {
		return "unknown"
	}
	switch e.DatePrecision {
	case dossier.PrecisionMonth:
		return e.Date.Format("2006-01")
	case dossier.PrecisionYear:
		return e.Date.Format("2006")
	case dossier.PrecisionWeek:
		return e.Date.Format("2006-01-02") + " – " + e.DateEnd.Format("2006-01-02")
	}
	if !e.DateEnd.IsZero() && !e.DateEnd.Equal(e.Date) {
		return e.Date.Format("2006-01-02") + " – " + e.DateEnd.Format("2006-01-02")
	}
	return e.Date.Format("2006-01-02")
}

// label turns a code (branch_of, journalists_media) into words.
func label(v any) string {
	s := fmt.Sprint(v)
	switch s {
	case "branch_of":
		return "branch of"
	case "successor_of":
		return "successor of"
	case "journalists_media":
		return "journalists and media"
	case "non_state_armed":
		return "non-state armed groups"
	}
	return strings.ReplaceAll(s, "_", " ")
}

// query builds a URL: path, then key, value pairs; empty values are left
// out. {{query "/events" "group" .ID "source" "gtd"}}.
func query(p string, kv ...any) (template.URL, error) {
	if len(kv)%2 != 0 {
		return "", fmt.Errorf("query %s: odd number of arguments", p)
	}
	v := url.Values{}
	for i := 0; i < len(kv); i += 2 {
		k := fmt.Sprint(kv[i])
		var val string
		switch x := kv[i+1].(type) {
		case time.Time:
			if !x.IsZero() {
				val = x.Format("2006-01-02")
			}
		case nil:
		default:
			val = fmt.Sprint(x)
		}
		if val != "" {
			v.Add(k, val)
		}
	}
	if len(v) == 0 {
		return template.URL(p), nil
	}
	return template.URL(p + "?" + v.Encode()), nil
}
