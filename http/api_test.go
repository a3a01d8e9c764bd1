package http_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"dossier"
	dossierhttp "dossier/http"
	"dossier/knowledge"
	"dossier/report"
)

type hit struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

func TestAPIGroupSearch(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	for _, tt := range []struct {
		q, want string
	}{
		{"ISIS-K", "iskp"},
		{"isis k", "iskp"},
		{"Khorasan Chapter of the Islamic State", "iskp"},
		{"iskp", "iskp"},
	} {
		var hits []hit
		f.getJSON("/api/v1/groups?q="+url.QueryEscape(tt.q), 200, &hits)
		if len(hits) == 0 || hits[0].ID != tt.want {
			t.Errorf("search %q: %v, want %s first", tt.q, hits, tt.want)
			continue
		}
		if hits[0].Name == "" || len(hits[0].Aliases) == 0 {
			t.Errorf("search %q: first hit %+v lacks its name or aliases", tt.q, hits[0])
		}
	}
	var all []hit
	f.getJSON("/api/v1/groups", 200, &all)
	if len(all) < 50 {
		t.Errorf("empty query lists %d groups, want the whole starter knowledge base", len(all))
	}
	var two []hit
	f.getJSON("/api/v1/groups?limit=2", 200, &two)
	if len(two) != 2 || two[0].ID != all[0].ID {
		t.Errorf("limit 2: %v, want the first two of %d", two, len(all))
	}
	var none []hit
	r := f.getJSON("/api/v1/groups?q=zzzqqqxxx", 200, &none)
	if len(none) != 0 || strings.TrimSpace(r.body) != "[]" {
		t.Errorf("search for nothing: %s, want []", r.body)
	}
}

func TestAPIGroup(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	var p dossier.GroupProfile
	f.getJSON("/api/v1/groups/iskp", 200, &p)
	if p.ID != "iskp" || len(p.Aliases) == 0 || len(p.Claims) == 0 || len(p.Citations) == 0 {
		t.Errorf("group iskp: id %q, %d aliases, %d claims, %d citations; want all", p.ID, len(p.Aliases), len(p.Claims), len(p.Citations))
	}
	var q dossier.GroupProfile
	f.getJSON("/api/v1/groups/ISIS-K", 200, &q)
	if q.ID != "iskp" {
		t.Errorf("group by alias ISIS-K: %q, want iskp", q.ID)
	}
	var e errorBody
	f.getJSON("/api/v1/groups/no-such-group-anywhere", 404, &e)
	if e.Error.Code != dossier.ENotFound || e.Error.Message == "" || e.Error.Hint == "" {
		t.Errorf("unknown group: %+v, want not_found with message and hint", e)
	}
}

type eventsPage struct {
	Total  int              `json:"total"`
	Limit  int              `json:"limit"`
	Offset int              `json:"offset"`
	Next   *string          `json:"next"`
	Prev   *string          `json:"prev"`
	Events []*dossier.Event `json:"events"`
}

func keys(events []*dossier.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.Key())
	}
	return out
}

func TestAPIEventsFilters(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	for _, tt := range []struct {
		query string
		want  []string // event ids, in the API's order (date, source, id)
	}{
		{"source=gtd&country=AFG&from=2021&to=2021", []string{"202108260001"}},
		{"source=acled", []string{"AFG1001", "PAK2001"}},
		{"country=Pakistan&source=acled", []string{"PAK2001"}},
		{"group=iskp&source=gtd,acled", []string{"201908170031", "AFG1001", "202108260001", "PAK2001"}},
		{"perpetrator=taliban&source=gtd", []string{"201901150002"}},
		{"from=2021-08-26&to=2021-08-26&source=gtd&source=acled", []string{"AFG1001", "202108260001"}},
	} {
		var p eventsPage
		f.getJSON("/api/v1/events?"+tt.query, 200, &p)
		var got []string
		for _, e := range p.Events {
			got = append(got, e.SourceID)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") || p.Total != len(tt.want) {
			t.Errorf("events?%s: total %d, %v; want %v", tt.query, p.Total, got, tt.want)
		}
	}
}

func TestAPIEventsPagination(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	var whole eventsPage
	f.getJSON("/api/v1/events?source=gtd,acled&limit=500", 200, &whole)
	if whole.Total != 6 || len(whole.Events) != 6 || whole.Next != nil || whole.Prev != nil {
		t.Fatalf("one page: total %d, %d events, next %v, prev %v; want 6, 6, none, none", whole.Total, len(whole.Events), whole.Next, whole.Prev)
	}
	var got []string
	next := "/api/v1/events?source=gtd,acled&limit=4"
	pages := 0
	for next != "" {
		var p eventsPage
		f.getJSON(next, 200, &p)
		pages++
		if p.Total != 6 || p.Limit != 4 {
			t.Fatalf("%s: total %d limit %d, want 6 and 4", next, p.Total, p.Limit)
		}
		got = append(got, keys(p.Events)...)
		next = ""
		if p.Next != nil {
			next = *p.Next
			if !strings.Contains(next, "source=gtd") {
				t.Errorf("next link %s lost the filter", next)
			}
		}
		if pages > 3 {
			t.Fatal("next links do not end")
		}
	}
	if pages != 2 || strings.Join(got, " ") != strings.Join(keys(whole.Events), " ") {
		t.Errorf("pages %d, %v; want 2 pages of %v", pages, got, keys(whole.Events))
	}
	var past eventsPage
	f.getJSON("/api/v1/events?offset=100", 200, &past)
	if len(past.Events) != 0 || past.Events == nil || past.Next != nil {
		t.Errorf("past the end: %+v, want an empty list and no next", past)
	}
}

func TestAPIErrors(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	for _, tt := range []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/events?limit=0", 400, "invalid"},
		{"/api/v1/events?limit=100000", 400, "invalid"},
		{"/api/v1/events?limit=abc", 400, "invalid"},
		{"/api/v1/events?offset=-1", 400, "invalid"},
		{"/api/v1/events?from=26/08/2021", 400, "invalid"},
		{"/api/v1/events?from=2022&to=2021", 400, "invalid"},
		{"/api/v1/events?country=Atlantis", 400, "invalid"},
		{"/api/v1/events/gtd/999", 404, "not_found"},
		{"/api/v1/groups/nobody-at-all", 404, "not_found"},
		{"/api/v1/groups/nobody-at-all/notes", 404, "not_found"},
		{"/api/v1/resolve", 400, "invalid"},
		{"/api/v1/resolve?name=IS&country=Narnia", 400, "invalid"},
		{"/api/v1/resolve?name=IS&date=yesterday", 400, "invalid"},
		{"/api/v1/nothing-here", 404, "not_found"},
		{"/api/v2/groups", 404, "not_found"},
	} {
		var e errorBody
		r := f.getJSON(tt.path, tt.status, &e)
		if e.Error.Code != tt.code || e.Error.Message == "" {
			t.Errorf("GET %s: %s, want code %s with a message", tt.path, r.body, tt.code)
		}
		if strings.Contains(r.body, "duckdb") || strings.Contains(r.body, "sql") {
			t.Errorf("GET %s: the error shows internals: %s", tt.path, r.body)
		}
	}
}

// secret is the text of an internal error that must never reach a user.
const secret = "Binder Error: table events_secret_internal does not exist"

// brokenStore fails every event read with a raw internal error.
type brokenStore struct{ dossierhttp.Store }

func (brokenStore) CountEvents(context.Context, dossier.EventFilter) (int, error) {
	return 0, errors.New(secret)
}

func (brokenStore) Events(context.Context, dossier.EventFilter, func(*dossier.Event) error) error {
	return errors.New(secret)
}

type recorded struct {
	status int
	body   string
}

func serve(h http.Handler, method, path string) recorded {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return recorded{rec.Code, rec.Body.String()}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func TestAPIInternalErrorHidden(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	srv, err := dossierhttp.New(dossierhttp.Config{Store: brokenStore{f.db}})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/events", "/events", "/healthz"} {
		rec := serve(srv, "GET", path)
		if rec.status != 500 {
			t.Errorf("GET %s on a broken store: status %d, want 500", path, rec.status)
		}
		if strings.Contains(rec.body, secret) {
			t.Errorf("GET %s shows the internal error: %s", path, rec.body)
		}
	}
	var e errorBody
	rec := serve(srv, "GET", "/api/v1/events")
	if err := jsonUnmarshal(rec.body, &e); err != nil || e.Error.Code != dossier.EInternal {
		t.Errorf("internal error body %s, want code internal", rec.body)
	}
}

func TestAPIResolve(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	var res struct {
		Input   string `json:"input"`
		Country string `json:"country"`
		Matches []struct {
			GroupID *string `json:"group_id"`
			Rule    string  `json:"rule"`
		} `json:"matches"`
	}
	f.getJSON("/api/v1/resolve?name=IS&country=Afghanistan&date=2019-05-01", 200, &res)
	if res.Country != "AFG" || len(res.Matches) != 1 || res.Matches[0].GroupID == nil || *res.Matches[0].GroupID != "iskp" {
		t.Errorf("resolve IS in AFG 2019: %+v, want iskp", res)
	}
	f.getJSON("/api/v1/resolve?name=Unknown", 200, &res)
	if len(res.Matches) == 0 || res.Matches[0].GroupID != nil {
		t.Errorf("resolve Unknown: %+v, want no group", res)
	}
}

func TestAPISourcesAndEvent(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	var files []dossier.SourceFile
	f.getJSON("/api/v1/sources", 200, &files)
	var names []string
	for _, fl := range files {
		names = append(names, fl.Name)
	}
	sort.Strings(names)
	if !strings.Contains(strings.Join(names, ","), "acled_fixture.csv,gtd_fixture.csv") {
		t.Errorf("sources: %v, want the fixture files", names)
	}
	var e dossier.Event
	f.getJSON("/api/v1/events/gtd/202108260001", 200, &e)
	if e.SourceID != "202108260001" || e.Fatalities == nil || *e.Fatalities != 170 || len(e.Actors) != 1 || e.Actors[0].GroupID != "iskp" {
		t.Errorf("event: %+v, want the Kabul airport bombing by iskp", e)
	}
}

// TestAPIReports checks that the profile, rank and GTI endpoints answer the
// documents of package report, as the CLI prints them.
func TestAPIReports(t *testing.T) {
	var gen atomic.Uint64
	f := newFixture(t, dossierhttp.Config{Generation: gen.Load})
	same := func(path string, want any) {
		t.Helper()
		r := f.getJSON(path, 200, nil)
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var got, exp any
		json.Unmarshal([]byte(r.body), &got)
		json.Unmarshal(b, &exp)
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("GET %s differs from package report's document:\n got %.400s\nwant %.400s", path, r.body, b)
		}
	}
	from, to := day(2019, 1, 1), day(2021, 12, 31)
	p, err := report.BuildProfile(ctx, f.db, "iskp", report.Query{From: from, To: to, Sources: []dossier.Source{dossier.SourceGTD}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Attacks != 2 {
		t.Fatalf("fixture profile: %d attacks, want 2", p.Attacks)
	}
	same("/api/v1/groups/ISIS-K/profile?from=2019&to=2021&source=gtd", p)
	rk, err := report.Rank(ctx, f.db, report.RankQuery{By: "deaths", Limit: 3, Query: report.Query{Sources: []dossier.Source{dossier.SourceGTD, dossier.SourceACLED}}})
	if err != nil {
		t.Fatal(err)
	}
	same("/api/v1/rank?by=deaths&limit=3&source=gtd,acled", rk)
	g, err := report.GTI(ctx, f.db, report.GTIQuery{Year: 2021})
	if err != nil {
		t.Fatal(err)
	}
	same("/api/v1/gti?year=2021", g)

	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/api/v1/groups/iskp/profile?from=2022&to=2021", 400},
		{"/api/v1/groups/iskp/profile?from=someday", 400},
		{"/api/v1/groups/nobody-at-all/profile", 404},
		{"/api/v1/rank?by=charm", 400},
		{"/api/v1/rank?region=Atlantis", 400},
		{"/api/v1/gti?year=1800", 404},
		{"/api/v1/gti?year=x", 400},
	} {
		var e errorBody
		if f.getJSON(tt.path, tt.status, &e); e.Error.Message == "" {
			t.Errorf("GET %s: no error message", tt.path)
		}
	}

	// A cached profile is kept until the store's generation changes.
	var before struct{ Attacks int }
	f.getJSON("/api/v1/groups/iskp/profile?source=gtd", 200, &before)
	lat, lon := 34.4, 70.4
	_, err = f.db.Import(ctx, dossier.ImportFile{Name: "more.csv", Format: "gtd", Source: dossier.SourceGTD, SHA256: "m", ImportedAt: day(2024, 2, 1)},
		func(w dossier.EventWriter) error {
			return w.Write(&dossier.Event{Source: dossier.SourceGTD, SourceID: "202203040009", Date: day(2022, 3, 4), DateEnd: day(2022, 3, 4),
				DatePrecision: dossier.PrecisionDay, Country: "AFG", Latitude: &lat, Longitude: &lon, Type: dossier.TypeBombing,
				Actors: perp("Khorasan Chapter of the Islamic State"), Fatalities: dossier.Int(5), Raw: "x"})
		})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := knowledge.Resolve(ctx, f.db); err != nil {
		t.Fatal(err)
	}
	var cached, fresh struct{ Attacks int }
	f.getJSON("/api/v1/groups/iskp/profile?source=gtd", 200, &cached)
	gen.Add(1)
	f.getJSON("/api/v1/groups/iskp/profile?source=gtd", 200, &fresh)
	if cached.Attacks != before.Attacks || fresh.Attacks != before.Attacks+1 {
		t.Errorf("attacks before %d, after an import %d (same generation) and %d (next generation); want %d, %d, %d",
			before.Attacks, cached.Attacks, fresh.Attacks, before.Attacks, before.Attacks, before.Attacks+1)
	}
}
