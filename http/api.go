package http

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"dossier"
	"dossier/country"
	"dossier/knowledge"
	"dossier/resolve"
)

//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	writeJSONBytes(w, http.StatusOK, openAPIDoc)
}

// groupHit is a group as search lists it.
type groupHit struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind,omitempty"`
	Status  string   `json:"status,omitempty"`
	Aliases []string `json:"aliases"`
}

// knowledgeView is what search and resolution read of the registry, kept
// until the store's generation changes.
type knowledgeView struct {
	gen       uint64
	aliases   map[string][]string // group id → its names, the canonical one excluded
	names     map[string]string   // group id → name
	citations map[string]dossier.Citation
	resolver  *resolve.Resolver
}

func (s *Server) knowledge(ctx context.Context) (*knowledgeView, error) {
	gen := s.generation()
	s.knowMu.Lock()
	defer s.knowMu.Unlock()
	if s.know != nil && s.know.gen == gen {
		return s.know, nil
	}
	k, err := s.store.Knowledge(ctx)
	if err != nil {
		return nil, err
	}
	kv := &knowledgeView{gen: gen, aliases: map[string][]string{}, names: map[string]string{}, citations: map[string]dossier.Citation{}}
	names := kv.names
	for _, g := range k.Groups {
		names[g.ID] = g.Name
	}
	for _, c := range k.Citations {
		kv.citations[c.ID] = c
	}
	seen := map[string]bool{}
	for _, a := range k.Aliases {
		key := a.GroupID + "\x00" + a.Name
		if seen[key] || a.Name == names[a.GroupID] {
			continue
		}
		seen[key] = true
		kv.aliases[a.GroupID] = append(kv.aliases[a.GroupID], a.Name)
	}
	if kv.resolver, err = knowledge.NewResolver(ctx, s.store); err != nil {
		return nil, err
	}
	s.know = kv
	return kv, nil
}

// searchGroups finds groups by any name: the registry's search first, then,
// when it finds nothing, the resolver (which knows scoped, variant and
// fuzzy names).
func (s *Server) searchGroups(ctx context.Context, q string, limit int) ([]groupHit, error) {
	kv, err := s.knowledge(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := s.store.Groups(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(groups) == 0 && strings.TrimSpace(q) != "" {
		for _, m := range kv.resolver.Resolve(q, "", time.Time{}) {
			if !m.Resolved() {
				continue
			}
			if p, err := s.store.GroupProfile(ctx, m.GroupID); err == nil {
				groups = append(groups, p.Group)
			}
		}
	}
	out := []groupHit{}
	for i, g := range groups {
		if limit > 0 && i == limit {
			break
		}
		al := kv.aliases[g.ID]
		if al == nil {
			al = []string{}
		}
		out = append(out, groupHit{ID: g.ID, Name: g.Name, Kind: g.Kind, Status: g.Status, Aliases: al})
	}
	return out, nil
}

// lookupGroup finds a group by id, or by any name the resolver knows.
func (s *Server) lookupGroup(ctx context.Context, q string) (*dossier.GroupProfile, error) {
	p, err := s.store.GroupProfile(ctx, q)
	if err == nil || dossier.ErrorCode(err) != dossier.ENotFound {
		return p, err
	}
	kv, kerr := s.knowledge(ctx)
	if kerr != nil {
		return nil, kerr
	}
	for _, m := range kv.resolver.Resolve(q, "", time.Time{}) {
		if m.Resolved() {
			return s.store.GroupProfile(ctx, m.GroupID)
		}
	}
	return nil, &dossier.Error{Code: dossier.ENotFound, Message: fmt.Sprintf("no group %q", q),
		Hint: "search groups by any name with /api/v1/groups?q=NAME"}
}

func (s *Server) apiGroups(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := intParam(q, "limit", 0, 0, 10000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	hits, err := s.searchGroups(r.Context(), q.Get("q"), limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, hits)
}

func (s *Server) apiGroup(w http.ResponseWriter, r *http.Request) {
	p, err := s.lookupGroup(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiNotes(w http.ResponseWriter, r *http.Request) {
	p, err := s.lookupGroup(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	notes, err := s.store.Notes(r.Context(), p.ID, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if notes == nil {
		notes = []dossier.Note{}
	}
	writeJSON(w, http.StatusOK, notes)
}

// eventPage is one page of events, as GET /api/v1/events answers.
type eventPage struct {
	Total  int              `json:"total"`
	Limit  int              `json:"limit"`
	Offset int              `json:"offset"`
	Next   *string          `json:"next"`
	Prev   *string          `json:"prev"`
	Events []*dossier.Event `json:"events"`
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
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
	out := eventPage{Total: res.total, Limit: f.Limit, Offset: f.Offset, Events: res.events}
	if res.total > f.Offset+f.Limit {
		u := pageURL("/api/v1/events", q, f.Offset+f.Limit, f.Limit)
		out.Next = &u
	}
	if f.Offset > 0 {
		u := pageURL("/api/v1/events", q, max(0, f.Offset-f.Limit), f.Limit)
		out.Prev = &u
	}
	writeJSON(w, http.StatusOK, out)
}

type eventList struct {
	total  int
	events []*dossier.Event
}

func (s *Server) listEvents(ctx context.Context, f dossier.EventFilter) (eventList, error) {
	var res eventList
	var err error
	if res.total, err = s.store.CountEvents(ctx, f); err != nil {
		return res, err
	}
	res.events = []*dossier.Event{}
	if f.Offset >= res.total {
		return res, nil
	}
	err = s.store.Events(ctx, f, func(e *dossier.Event) error {
		c := *e
		res.events = append(res.events, &c)
		return nil
	})
	return res, err
}

// pageURL is path with q's parameters and another offset and limit.
func pageURL(path string, q url.Values, offset, limit int) string {
	v := url.Values{}
	for k, vs := range q {
		if k != "offset" && k != "limit" {
			v[k] = vs
		}
	}
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	}
	v.Set("limit", strconv.Itoa(limit))
	return path + "?" + v.Encode()
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	e, err := s.store.Event(r.Context(), dossier.Source(r.PathValue("source")), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

// resolution is the answer of GET /api/v1/resolve.
type resolution struct {
	Input   string       `json:"input"`
	Country string       `json:"country,omitempty"`
	Date    string       `json:"date,omitempty"`
	Matches []resolveHit `json:"matches"`
}

type resolveHit struct {
	Part       string  `json:"part,omitempty"`
	GroupID    *string `json:"group_id"`
	GroupName  *string `json:"group_name"`
	Confidence float64 `json:"confidence"`
	Rule       string  `json:"rule"`
	Alias      string  `json:"alias,omitempty"`
	Uncertain  bool    `json:"uncertain,omitempty"`
}

func (s *Server) apiResolve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	name := strings.TrimSpace(q.Get("name"))
	if name == "" {
		s.fail(w, r, &dossier.Error{Code: dossier.EInvalid, Message: "resolve: the name parameter is missing",
			Hint: "ask /api/v1/resolve?name=ISIS-K&country=AFG&date=2021-08-26"})
		return
	}
	out := resolution{Input: name, Matches: []resolveHit{}}
	if c := q.Get("country"); c != "" {
		k, ok := country.Lookup(c)
		if !ok {
			s.fail(w, r, invalidParam("country", c, "use an ISO alpha-3 code such as AFG, or an English name"))
			return
		}
		out.Country = k.ISO3
	}
	var d time.Time
	if ds := q.Get("date"); ds != "" {
		var err error
		if d, err = time.Parse("2006-01-02", ds); err != nil {
			s.fail(w, r, invalidParam("date", ds, "write the date as YYYY-MM-DD"))
			return
		}
		out.Date = ds
	}
	kv, err := s.knowledge(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, m := range kv.resolver.Resolve(name, out.Country, d) {
		h := resolveHit{Part: m.Part, Confidence: m.Confidence, Rule: m.Rule, Alias: m.Alias, Uncertain: m.Uncertain}
		if m.Resolved() {
			id, gn := m.GroupID, m.GroupName
			h.GroupID, h.GroupName = &id, &gn
		}
		out.Matches = append(out.Matches, h)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	files, err := s.store.Sources(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if files == nil {
		files = []dossier.SourceFile{}
	}
	writeJSON(w, http.StatusOK, files)
}

// noteInput is the body of POST /api/v1/groups/{id}/notes.
type noteInput struct {
	Author string `json:"author"`
	Email  string `json:"email"`
	Text   string `json:"text"`
}

func (s *Server) apiPostNote(w http.ResponseWriter, r *http.Request) {
	if ok, wait := s.notes.allow(clientKey(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		s.fail(w, r, rateLimited(wait))
		return
	}
	if mt := r.Header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(mt), "application/json") {
		s.fail(w, r, &dossier.Error{Code: codeUnsupported, Message: "notes are posted as JSON",
			Hint: `send Content-Type: application/json and {"author": …, "email": …, "text": …}`})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
	var in noteInput
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		if _, code := statusOf(err); code == codeTooLarge {
			s.fail(w, r, err)
			return
		}
		s.fail(w, r, &dossier.Error{Code: dossier.EInvalid, Message: "the body is not a note: " + jsonProblem(err),
			Hint: `post {"author": "…", "email": "…", "text": "…"}`})
		return
	}
	p, err := s.lookupGroup(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n := &dossier.Note{GroupID: p.ID, Author: strings.TrimSpace(in.Author), Email: strings.TrimSpace(in.Email), Text: strings.TrimSpace(in.Text)}
	if probs := n.Problems(); len(probs) > 0 {
		status, body := userError(&dossier.Error{Code: dossier.EInvalid, Message: "the note is incomplete or wrong",
			Hint: "see fields for what to correct"})
		writeJSON(w, status, struct {
			Error any `json:"error"`
		}{fieldErrorBody{apiErrorBody: body, Fields: probs}})
		return
	}
	if err := s.store.AddNote(r.Context(), n); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/groups/"+url.PathEscape(p.ID)+"/notes")
	writeJSON(w, http.StatusCreated, n)
}

// fieldErrorBody is an error with a message for each wrong field.
type fieldErrorBody struct {
	apiErrorBody
	Fields map[string]string `json:"fields"`
}

// jsonProblem says what is wrong with a JSON body without echoing it.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return strings.TrimPrefix(err.Error(), "json: ")
	case errors.As(err, &se):
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %s must be a %s", te.Field, te.Type)
	}
	return "invalid JSON"
}

func rateLimited(wait time.Duration) error {
	return &dossier.Error{Code: codeRateLimited, Message: "too many notes from your address",
		Hint: fmt.Sprintf("wait %d seconds before posting again", int(wait.Seconds())+1)}
}

func invalidParam(name, value, hint string) error {
	return &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("parameter %s: %q is not valid", name, value), Hint: hint}
}

// intParam reads an integer parameter between lo and hi, def when absent.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, invalidParam(name, v, fmt.Sprintf("give a whole number from %d to %d", lo, hi))
	}
	return n, nil
}

// eventFilter reads the event filters of a query: source, country (codes
// or names, comma-separated or repeated), from, to (YYYY-MM-DD, YYYY-MM or
// YYYY), perpetrator, group, limit and offset.
func eventFilter(q url.Values) (dossier.EventFilter, error) {
	var f dossier.EventFilter
	for _, s := range listParam(q, "source") {
		f.Sources = append(f.Sources, dossier.Source(strings.ToLower(s)))
	}
	for _, c := range listParam(q, "country") {
		k, ok := country.Lookup(c)
		if !ok {
			return f, invalidParam("country", c, "use an ISO alpha-3 code such as AFG, or an English name")
		}
		f.Countries = append(f.Countries, k.ISO3)
	}
	var err error
	if f.From, err = dayParam(q, "from", false); err != nil {
		return f, err
	}
	if f.To, err = dayParam(q, "to", true); err != nil {
		return f, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("to %s is before from %s", q.Get("to"), q.Get("from")),
			Hint: "give a range that ends after it starts"}
	}
	f.Perpetrator = strings.TrimSpace(q.Get("perpetrator"))
	f.GroupID = strings.TrimSpace(q.Get("group"))
	if f.Limit, err = intParam(q, "limit", DefaultPageSize, 1, MaxPageSize); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(q, "offset", 0, 0, 1<<31-1); err != nil {
		return f, err
	}
	return f, nil
}

// listParam returns a parameter's values, comma-separated or repeated.
func listParam(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// dayParam reads a date parameter (dossier.ParseDay).
func dayParam(q url.Values, name string, end bool) (time.Time, error) {
	t, err := dossier.ParseDay(q.Get(name), end)
	if err != nil {
		return time.Time{}, invalidParam(name, q.Get(name), "write dates as YYYY-MM-DD, YYYY-MM or YYYY")
	}
	return t, nil
}
