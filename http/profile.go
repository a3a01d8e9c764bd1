package http

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"dossier"
	"dossier/country"
	"dossier/metrics"
	"dossier/report"
)

// MaxMapPoints is the number of events a group's map shows at most: the
// deadliest when it has more.
const MaxMapPoints = 5000

// profileView is the activity, danger and coverage part of a group's page:
// the profile document of package report, with the links and visuals
// built from it.
type profileView struct {
	D                *report.Profile
	From, To, Source string // the window and source as the user gave them
	Events           string // the events behind the whole profile

	Timeline    timelineData
	Map         mapData
	MapNote     string
	Targets     barsData
	AttackTypes barsData
	Countries   barsData
	Provinces   []shareRow
	Largest     []largestRow
	Impact      []impactRow
	Coverage    []coverageRow
	Excluded    []cell
	Explain     []cell
}

type shareRow struct {
	metrics.Share
	Events string
}

type largestRow struct {
	metrics.Attack
	CountryName string
	Href        string
}

type impactRow struct {
	metrics.ImpactYear
	Events string
}

type coverageRow struct {
	report.SourceCoverage
	Events string
}

// profileView builds the profile part of a group's page for the window and
// source of the query.
func (s *Server) profileView(ctx context.Context, id string, q url.Values) (*profileView, error) {
	rq, key, err := profileQuery(q)
	if err != nil {
		return nil, err
	}
	pe, err := s.profile(ctx, id, rq, key)
	if err != nil {
		return nil, err
	}
	d := pe.doc
	v := &profileView{D: d, From: q.Get("from"), To: q.Get("to"), Source: key.sources}
	base := func() url.Values {
		u := url.Values{"group": {d.Group.ID}}
		if !rq.From.IsZero() {
			u.Set("from", day(rq.From))
		}
		if !rq.To.IsZero() {
			u.Set("to", day(rq.To))
		}
		if key.sources != "" {
			u.Set("source", key.sources)
		}
		return u
	}
	link := func(set ...string) string {
		u := base()
		for i := 0; i+1 < len(set); i += 2 {
			u.Set(set[i], set[i+1])
		}
		return "/events?" + u.Encode()
	}
	v.Events = link()

	// Timeline: one series per source, from the profile limited to it.
	v.Timeline.Series = []timelineSeries{}
	series := func(src string, periods []metrics.Period) {
		ts := timelineSeries{Source: src, Points: []timelinePoint{}}
		for _, p := range periods {
			first, err := time.Parse("2006-01", p.Period)
			if err != nil {
				continue
			}
			last := first.AddDate(0, 1, -1)
			ts.Points = append(ts.Points, timelinePoint{Month: p.Period, Attacks: p.Attacks, Deaths: p.Deaths,
				Href: link("from", day(maxTime(first, rq.From)), "to", day(minTime(last, rq.To)), "source", src)})
		}
		v.Timeline.Series = append(v.Timeline.Series, ts)
	}
	if len(rq.Sources) == 1 {
		series(string(rq.Sources[0]), d.ByMonth)
	} else {
		for _, c := range d.Sources {
			if c.Attacks == 0 {
				continue
			}
			sq := rq
			sq.Sources = []dossier.Source{c.Source}
			sk := key
			sk.sources = string(c.Source)
			sp, err := s.profile(ctx, id, sq, sk)
			if err != nil {
				return nil, err
			}
			series(string(c.Source), sp.doc.ByMonth)
		}
	}

	// Map: the group's events with coordinates.
	points, withoutCoords, err := s.mapPoints(ctx, d.Group.ID, rq, key)
	if err != nil {
		return nil, err
	}
	v.Map.Points = points
	if withoutCoords > 0 {
		v.MapNote = fmt.Sprintf("%d events without coordinates are not on the map.", withoutCoords)
	}
	if len(points) == MaxMapPoints {
		v.MapNote += fmt.Sprintf(" The map shows the %d deadliest events.", MaxMapPoints)
	}

	bars := func(shares []metrics.Share, unit string, href func(metrics.Share) string) barsData {
		b := barsData{Unit: unit, Items: []barItem{}}
		for _, sh := range shares {
			l := sh.Name
			if l == "" {
				l = label(sh.Key)
			}
			b.Items = append(b.Items, barItem{Label: l, Value: float64(sh.Attacks), Href: href(sh)})
		}
		return b
	}
	all := func(metrics.Share) string { return v.Events }
	v.Targets = bars(d.Targets, "attacks", all)
	v.AttackTypes = bars(d.AttackTypes, "attacks", all)
	v.Countries = bars(d.Countries, "attacks", func(sh metrics.Share) string { return link("country", sh.Key) })
	for _, sh := range d.Provinces {
		v.Provinces = append(v.Provinces, shareRow{Share: sh, Events: link("country", sh.Country)})
	}
	for _, a := range d.Largest {
		r := largestRow{Attack: a, Href: "/events/" + url.PathEscape(string(a.Source)) + "/" + url.PathEscape(a.SourceID)}
		if c, ok := country.ByISO3(a.Country); ok {
			r.CountryName = c.Name
		}
		v.Largest = append(v.Largest, r)
	}
	for _, y := range d.Impact.Components {
		v.Impact = append(v.Impact, impactRow{ImpactYear: y,
			Events: link("from", strconv.Itoa(y.Year)+"-01-01", "to", strconv.Itoa(y.Year)+"-12-31")})
	}
	for _, c := range d.Sources {
		v.Coverage = append(v.Coverage, coverageRow{SourceCoverage: c, Events: link("source", string(c.Source))})
	}
	v.Excluded = sortedCells(d.Excluded)
	v.Explain = sortedCells(d.Explain)
	return v, nil
}

// mapPoints lists a group's events with coordinates (the deadliest
// MaxMapPoints of them), and counts those without.
func (s *Server) mapPoints(ctx context.Context, id string, rq report.Query, key profileKey) ([]mapPoint, int, error) {
	key.name = id
	ctx = context.WithoutCancel(ctx) // see profile
	r, err := s.maps.get(key, s.generation(), func() (*mapResult, error) {
		res := &mapResult{points: []mapPoint{}}
		f := dossier.EventFilter{GroupID: id, Sources: rq.Sources, From: rq.From, To: rq.To}
		err := s.store.Events(ctx, f, func(e *dossier.Event) error {
			if e.Latitude == nil || e.Longitude == nil {
				res.missing++
				return nil
			}
			deaths := 0
			if e.Fatalities != nil {
				deaths = *e.Fatalities
			}
			where := e.Place
			if where == "" {
				where = e.CountryName
			}
			res.points = append(res.points, mapPoint{Lat: *e.Latitude, Lon: *e.Longitude, Deaths: deaths,
				Label: strings.TrimPrefix(where+", "+eventDate(e), ", "),
				Href:  "/events/" + url.PathEscape(string(e.Source)) + "/" + url.PathEscape(e.SourceID)})
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(res.points) > MaxMapPoints {
			sort.SliceStable(res.points, func(i, j int) bool { return res.points[i].Deaths > res.points[j].Deaths })
			res.points = res.points[:MaxMapPoints]
		}
		return res, nil
	})
	if err != nil {
		return nil, 0, err
	}
	return r.points, r.missing, nil
}

// mapResult is the map of a group: points, and the events without
// coordinates.
type mapResult struct {
	points  []mapPoint
	missing int
}

func sortedCells[V any](m map[string]V) []cell {
	out := make([]cell, 0, len(m))
	for k, v := range m {
		out = append(out, cell{Name: k, Value: fmt.Sprint(v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func minTime(a, b time.Time) time.Time {
	if !b.IsZero() && b.Before(a) {
		return b
	}
	return a
}
