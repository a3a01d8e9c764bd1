package http

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"dossier"
)

// searchView is the data of the search results page.
type searchView struct {
	Query string
	Hits  []groupHit
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	hits, err := s.searchGroups(r.Context(), q, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := "All groups"
	if q != "" {
		title = fmt.Sprintf("Groups matching “%s”", q)
	}
	s.render(w, r, http.StatusOK, "search", &page{Title: title, Nav: "groups", Query: q, Data: searchView{Query: q, Hits: hits}})
}

// eventsView is the data of the events page.
type eventsView struct {
	Filter    filterForm
	Total     int
	From, To  int // the rows shown, 1-based
	Events    []*dossier.Event
	Prev      string
	Next      string
	Sources   []string
	Subtitle  string
	PageSizes []int
}

// filterForm is the events filter as the user wrote it.
type filterForm struct {
	Source, Country, From, To, Perpetrator, Group string
	Limit                                         int
}

func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := eventFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.listEvents(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := eventsView{
		Filter: filterForm{Source: q.Get("source"), Country: q.Get("country"), From: q.Get("from"), To: q.Get("to"),
			Perpetrator: q.Get("perpetrator"), Group: q.Get("group"), Limit: f.Limit},
		Total: res.total, Events: res.events, PageSizes: []int{25, 50, 100, 200, 500},
	}
	if len(res.events) > 0 {
		v.From, v.To = f.Offset+1, f.Offset+len(res.events)
	}
	if res.total > f.Offset+f.Limit {
		v.Next = pageURL("/events", q, f.Offset+f.Limit, f.Limit)
	}
	if f.Offset > 0 {
		v.Prev = pageURL("/events", q, max(0, f.Offset-f.Limit), f.Limit)
	}
	if files, err := s.store.Sources(r.Context()); err == nil {
		seen := map[string]bool{}
		for _, fl := range files {
			if !seen[string(fl.Source)] {
				seen[string(fl.Source)] = true
				v.Sources = append(v.Sources, string(fl.Source))
			}
		}
		sort.Strings(v.Sources)
	}
	if f.GroupID != "" {
		if p, err := s.store.GroupProfile(r.Context(), f.GroupID); err == nil {
			v.Subtitle = "Events of " + p.Name
		}
	}
	s.render(w, r, http.StatusOK, "events", &page{Title: "Events", Nav: "events", Data: v})
}

// eventView is the data of an event's page.
type eventView struct {
	E         *dossier.Event
	Actors    []actorView
	Row       []cell // the original row, column by column
	RowNote   string // why the row is shown whole, when it is
	Citations []citationView
	Details   []cell
}

type actorView struct {
	dossier.Actor
	GroupName string
}

type cell struct{ Name, Value string }

type citationView struct {
	N   int
	Ref string // the reference as the event or claim gives it
	dossier.Citation
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := s.store.Event(ctx, dossier.Source(r.PathValue("source")), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	kv, err := s.knowledge(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := eventView{E: e}
	for _, a := range e.Actors {
		v.Actors = append(v.Actors, actorView{Actor: a, GroupName: kv.names[a.GroupID]})
	}
	for i, c := range e.Citations {
		cv := citationView{N: i + 1, Ref: c}
		if known, ok := kv.citations[c]; ok {
			cv.Citation = known
		} else if strings.HasPrefix(c, "http://") || strings.HasPrefix(c, "https://") {
			cv.Citation = dossier.Citation{Title: c, URL: c}
		} else {
			cv.Citation = dossier.Citation{Title: c}
		}
		v.Citations = append(v.Citations, cv)
	}
	keys := make([]string, 0, len(e.Details))
	for k := range e.Details {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v.Details = append(v.Details, cell{k, e.Details[k]})
	}
	v.Row, v.RowNote = s.originalRow(ctx, e)
	title := fmt.Sprintf("%s event %s", strings.ToUpper(string(e.Source)), e.SourceID)
	s.render(w, r, http.StatusOK, "event", &page{Title: title, Nav: "events", Data: v})
}

// originalRow splits an event's raw row into the columns of its file's
// header; when it cannot, it says why and the page shows the row whole.
func (s *Server) originalRow(ctx context.Context, e *dossier.Event) ([]cell, string) {
	if e.Raw == "" {
		return nil, "The provider's row was not kept."
	}
	files, err := s.store.Sources(ctx)
	if err != nil {
		return nil, "The file's header could not be read."
	}
	var header []string
	for _, f := range files {
		if f.Name == e.File && f.Source == e.Source && len(f.Header) > 0 {
			header = f.Header
			break
		}
	}
	if header == nil {
		return nil, "The file's header was not kept: the row is shown as it stood."
	}
	rd := csv.NewReader(strings.NewReader(e.Raw))
	if e.Source == dossier.SourceGDELT || (!strings.Contains(e.Raw, ",") && strings.Contains(e.Raw, "\t")) {
		rd.Comma = '\t'
	}
	rd.LazyQuotes = true
	rd.FieldsPerRecord = -1
	rec, err := rd.Read()
	if err != nil || len(rec) != len(header) {
		return nil, fmt.Sprintf("The row does not split into the header's %d columns: it is shown as it stood.", len(header))
	}
	cells := make([]cell, len(rec))
	for i := range rec {
		cells[i] = cell{header[i], rec[i]}
	}
	return cells, ""
}

// sourcesView is the data of the sources page.
type sourcesView struct {
	Files   []dossier.SourceFile
	Sources []sourceCount
}

type sourceCount struct {
	Source  string
	Events  int
	Licence string
}

func (s *Server) sourcesPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	files, err := s.store.Sources(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := sourcesView{Files: files}
	seen := map[dossier.Source]bool{}
	for _, f := range files {
		if seen[f.Source] {
			continue
		}
		seen[f.Source] = true
		n, err := s.store.CountEvents(ctx, dossier.EventFilter{Sources: []dossier.Source{f.Source}})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Sources = append(v.Sources, sourceCount{Source: string(f.Source), Events: n, Licence: f.Licence})
	}
	sort.Slice(v.Sources, func(i, j int) bool { return v.Sources[i].Source < v.Sources[j].Source })
	s.render(w, r, http.StatusOK, "sources", &page{Title: "Sources", Nav: "sources", Data: v})
}

// groupURL is the page of a group.
func groupURL(id string) string { return "/groups/" + url.PathEscape(id) }
