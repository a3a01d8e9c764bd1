package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"dossier"
	"dossier/country"
	"dossier/report"
)

// profileKey identifies a profile document: the group as asked for (id or
// alias) and the query.
type profileKey struct {
	name, from, to, sources string
}

// profileEntry is a computed profile with its JSON.
type profileEntry struct {
	doc  *report.Profile
	json []byte
}

// profileQuery reads the window and sources of a profile: from, to
// (YYYY-MM-DD, YYYY-MM or YYYY) and source (comma-separated).
func profileQuery(q url.Values) (report.Query, profileKey, error) {
	var rq report.Query
	var err error
	if rq.From, err = dayParam(q, "from", false); err != nil {
		return rq, profileKey{}, err
	}
	if rq.To, err = dayParam(q, "to", true); err != nil {
		return rq, profileKey{}, err
	}
	src := strings.Join(listParam(q, "source"), ",")
	if rq.Sources, err = report.ParseSources(src); err != nil {
		return rq, profileKey{}, err
	}
	key := profileKey{from: day(rq.From), to: day(rq.To)}
	for i, s := range rq.Sources {
		if i > 0 {
			key.sources += ","
		}
		key.sources += string(s)
	}
	return rq, key, nil
}

// profile returns the profile of a group, from the cache when the store
// has not changed since it was computed.
func (s *Server) profile(ctx context.Context, name string, rq report.Query, key profileKey) (*profileEntry, error) {
	key.name = name
	// Other requests may wait for this computation: it goes on when the
	// client that started it goes away.
	ctx = context.WithoutCancel(ctx)
	return s.profiles.get(key, s.generation(), func() (*profileEntry, error) {
		doc, err := report.BuildProfile(ctx, s.store, name, rq)
		if err != nil {
			return nil, err
		}
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			return nil, err
		}
		return &profileEntry{doc: doc, json: append(b, '\n')}, nil
	})
}

func (s *Server) apiProfile(w http.ResponseWriter, r *http.Request) {
	rq, key, err := profileQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.profile(r.Context(), r.PathValue("id"), rq, key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSONBytes(w, http.StatusOK, p.json)
}

// rankQuery reads a ranking's parameters: year, from, to, country, region,
// source, by, limit.
func rankQuery(q url.Values) (report.RankQuery, error) {
	var rq report.RankQuery
	var err error
	if rq.Year, err = intParam(q, "year", 0, 0, 9999); err != nil {
		return rq, err
	}
	if rq.From, err = dayParam(q, "from", false); err != nil {
		return rq, err
	}
	if rq.To, err = dayParam(q, "to", true); err != nil {
		return rq, err
	}
	for _, c := range listParam(q, "country") {
		k, ok := country.Lookup(c)
		if !ok {
			return rq, invalidParam("country", c, "use an ISO alpha-3 code such as AFG, or an English name")
		}
		rq.Countries = append(rq.Countries, k.ISO3)
	}
	rq.Region = strings.TrimSpace(q.Get("region"))
	if rq.Sources, err = report.ParseSources(strings.Join(listParam(q, "source"), ",")); err != nil {
		return rq, err
	}
	rq.By = strings.TrimSpace(q.Get("by"))
	if rq.Limit, err = intParam(q, "limit", 0, 0, 100000); err != nil {
		return rq, err
	}
	return rq, nil
}

func (s *Server) apiRank(w http.ResponseWriter, r *http.Request) {
	rq, err := rankQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rk, err := report.Rank(r.Context(), s.store, rq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rk)
}

// gtiYear reads the year of the GTI, by default the last year with
// incidents; it also returns the years with incidents, newest first.
func (s *Server) gtiYear(ctx context.Context, q url.Values) (int, []int, error) {
	totals, err := s.store.IncidentTotals(ctx, dossier.AttackFilter{})
	if err != nil {
		return 0, nil, err
	}
	seen := map[int]bool{}
	var years []int
	for _, t := range totals {
		if t.Incidents > 0 && !seen[t.Year] {
			seen[t.Year] = true
			years = append(years, t.Year)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(years)))
	def := 0
	if len(years) > 0 {
		def = years[0]
	}
	y, err := intParam(q, "year", def, 1, 9999)
	if err != nil {
		return 0, nil, err
	}
	if y == 0 {
		return 0, nil, &dossier.Error{Code: dossier.ENotFound, Message: "no incidents in the database",
			Hint: "import GTD, ACLED or UCDP files first (`dossier import FILE`)"}
	}
	return y, years, nil
}

func (s *Server) apiGTI(w http.ResponseWriter, r *http.Request) {
	year, _, err := s.gtiYear(r.Context(), r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	src, err := report.ParseSources(strings.Join(listParam(r.URL.Query(), "source"), ","))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	g, err := report.GTI(r.Context(), s.store, report.GTIQuery{Year: year, Sources: src})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, g)
}

// homeView is the data of the home page.
type homeView struct {
	Groups  int
	Events  int
	Sources []string
	Top     *rankView
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	kv, err := s.knowledge(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := homeView{Groups: len(kv.names)}
	if v.Events, err = s.store.CountEvents(ctx, dossier.EventFilter{}); err != nil {
		s.fail(w, r, err)
		return
	}
	files, err := s.store.Sources(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	seen := map[dossier.Source]bool{}
	for _, f := range files {
		if !seen[f.Source] {
			seen[f.Source] = true
			v.Sources = append(v.Sources, string(f.Source))
		}
	}
	rk, err := report.Rank(ctx, s.store, report.RankQuery{By: "impact", Limit: 10})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(rk.Groups) > 0 {
		v.Top = newRankView(rk, url.Values{})
		v.Top.Title = fmt.Sprintf("The most dangerous groups now: impact score of %d", rk.ImpactYear)
	}
	s.render(w, r, http.StatusOK, "home", &page{Title: "Who is this armed group?", Nav: "home", Data: v})
}

// rankView is a ranking as the pages show it.
type rankView struct {
	Title   string
	R       *report.Ranking
	Rows    []rankRow
	Form    url.Values
	Bars    barsData
	Regions []string
}

type rankRow struct {
	report.RankedGroup
	Events string // the events behind the row
}

func newRankView(rk *report.Ranking, q url.Values) *rankView {
	v := &rankView{R: rk, Form: q, Bars: barsData{Unit: rk.By, Items: []barItem{}}}
	for _, g := range rk.Groups {
		ev := eventsURL(url.Values{"group": {g.Group.ID}}, rk.From, rk.To, rk.Sources, rk.Countries)
		v.Rows = append(v.Rows, rankRow{RankedGroup: g, Events: ev})
		v.Bars.Items = append(v.Bars.Items, barItem{Label: g.Group.Name, Value: g.Value, Href: groupURL(g.Group.ID)})
	}
	return v
}

// eventsURL is the event list behind a figure.
func eventsURL(v url.Values, from, to *time.Time, sources, countries []string) string {
	if from != nil {
		v.Set("from", day(*from))
	}
	if to != nil {
		v.Set("to", day(*to))
	}
	if len(sources) > 0 {
		v.Set("source", strings.Join(sources, ","))
	}
	if len(countries) > 0 {
		v.Set("country", strings.Join(countries, ","))
	}
	return "/events?" + v.Encode()
}

func (s *Server) rankPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	rq, err := rankQuery(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if q.Get("limit") == "" {
		rq.Limit = 50
	}
	rk, err := report.Rank(r.Context(), s.store, rq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := newRankView(rk, q)
	v.Regions = regions()
	v.Title = "Groups ranked by " + label(rk.By)
	s.render(w, r, http.StatusOK, "rank", &page{Title: "Rankings", Nav: "rank", Data: v})
}

// regions are the regions of the Global Terrorism Index, for the rank form.
func regions() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range country.All() {
		if c.Region != "" && !seen[c.Region] {
			seen[c.Region] = true
			out = append(out, c.Region)
		}
	}
	sort.Strings(out)
	return out
}

// gtiView is the data of the GTI page.
type gtiView struct {
	G     *report.GTIReport
	Years []int
	Rows  []gtiRow
	Map   choroplethData
}

type gtiRow struct {
	Rank       int
	ISO3, Name string
	Score      float64
	Incidents  float64
	Deaths     float64
	Injuries   float64
	Hostages   float64
	Events     string
}

func (s *Server) gtiPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	year, years, err := s.gtiYear(ctx, r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	g, err := report.GTI(ctx, s.store, report.GTIQuery{Year: year})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := gtiView{G: g, Years: years, Map: choroplethData{Label: fmt.Sprintf("GTI score %d", year), Countries: []choroplethCountry{}}}
	from, to := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, c := range g.Countries {
		ev := eventsURL(url.Values{"country": {c.ISO3}}, &from, &to, nil, nil)
		name := c.Name
		if k, ok := country.ByISO3(c.ISO3); ok {
			if name == "" {
				name = k.Name
			}
			if k.Numeric > 0 {
				v.Map.Countries = append(v.Map.Countries, choroplethCountry{ISO3: c.ISO3, Numeric: fmt.Sprintf("%03d", k.Numeric),
					Name: name, Value: c.Score, Href: "/gti?year=" + strconv.Itoa(year) + "#" + c.ISO3})
			}
		}
		v.Rows = append(v.Rows, gtiRow{Rank: c.Rank, ISO3: c.ISO3, Name: name, Score: c.Score, Incidents: c.Incidents,
			Deaths: c.Deaths, Injuries: c.Injuries, Hostages: c.Hostages, Events: ev})
	}
	s.render(w, r, http.StatusOK, "gti", &page{Title: fmt.Sprintf("Global Terrorism Index %d", year), Nav: "gti", Data: v})
}

// Visual data, as app.js reads it.
type barsData struct {
	Items []barItem `json:"items"`
	Unit  string    `json:"unit"`
}

type barItem struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
	Href  string  `json:"href,omitempty"`
}

type choroplethData struct {
	Countries []choroplethCountry `json:"countries"`
	Label     string              `json:"label"`
}

type choroplethCountry struct {
	ISO3    string  `json:"iso3"`
	Numeric string  `json:"numeric"`
	Name    string  `json:"name"`
	Value   float64 `json:"value"`
	Href    string  `json:"href"`
}

type timelineData struct {
	Series []timelineSeries `json:"series"`
}

type timelineSeries struct {
	Source string          `json:"source"`
	Points []timelinePoint `json:"points"`
}

type timelinePoint struct {
	Month   string `json:"month"`
	Attacks int    `json:"attacks"`
	Deaths  int    `json:"deaths"`
	Href    string `json:"href"`
}

type mapData struct {
	Points []mapPoint `json:"points"`
}

type mapPoint struct {
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	Deaths int     `json:"deaths"`
	Label  string  `json:"label"`
	Href   string  `json:"href"`
}
