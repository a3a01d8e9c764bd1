// Package report answers the questions users come with — who is this
// group, how dangerous is it, which groups and countries suffer most — by
// putting together what the registry knows, the events a store holds and
// the figures of package metrics. The CLI and the web server print the
// documents it returns; they compute nothing themselves.
package report

import (
	"context"
	"fmt"
	"strings"
	"time"

	"dossier"
	"dossier/metrics"
)

// Store is what reports read: events, the registry and the store's attack
// and incident totals.
type Store interface {
	Events(ctx context.Context, f dossier.EventFilter, fn func(*dossier.Event) error) error
	Sources(ctx context.Context) ([]dossier.SourceFile, error)
	dossier.Registry
	dossier.AttackStore
}

// Query is the window, sources and rules a report's figures are computed
// under.
type Query struct {
	// From and To bound the window (both days included; zero: open).
	From, To time.Time
	// Sources, when not empty, limits the figures to these providers.
	Sources []dossier.Source
	// Options are the rules of what counts; the zero value means
	// metrics.DefaultOptions.
	Options *metrics.Options
}

// options returns q's options, the defaults when none were given.
func (q Query) options() metrics.Options {
	if q.Options == nil {
		return metrics.DefaultOptions()
	}
	return *q.Options
}

// window returns q's window, checked.
func (q Query) window() (metrics.Window, error) {
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return metrics.Window{}, &dossier.Error{Code: dossier.EInvalid,
			Message: fmt.Sprintf("window from %s to %s ends before it starts", q.From.Format(time.DateOnly), q.To.Format(time.DateOnly)),
			Hint:    "swap the dates"}
	}
	return metrics.Window{From: q.From, To: q.To}, nil
}

// attackFilter is the store's part of the options o over window w, for
// the sources of q and the countries given.
func attackFilter(q Query, o metrics.Options, from, to time.Time, countries []string) dossier.AttackFilter {
	f := dossier.AttackFilter{From: from, To: to, Sources: q.Sources, Countries: countries,
		ExcludeDoubtful: o.ExcludeDoubtful, CertainOnly: o.CertainOnly, MinConfidence: o.MinConfidence}
	for s, ok := range o.Sources {
		if !ok {
			f.ExcludeSources = append(f.ExcludeSources, s)
		}
	}
	return f
}

// yearSpan is the five years that an impact score of year y weighs.
func yearSpan(y int) (time.Time, time.Time) {
	return time.Date(y-len(metrics.YearWeights)+1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
}

// groupNames maps every group id of the registry to its name.
func groupNames(ctx context.Context, s Store) (map[string]string, error) {
	groups, err := s.Groups(ctx, "")
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(groups))
	for _, g := range groups {
		names[g.ID] = g.Name
	}
	return names, nil
}

// ParseSources reads a comma-separated list of sources, as flags and
// query parameters give them.
func ParseSources(s string) ([]dossier.Source, error) {
	var out []dossier.Source
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		switch src := dossier.Source(f); src {
		case dossier.SourceGTD, dossier.SourceACLED, dossier.SourceUCDP, dossier.SourceGDELT,
			dossier.SourceCurated, dossier.SourceArticle, dossier.SourceUser:
			out = append(out, src)
		default:
			return nil, &dossier.Error{Code: dossier.EInvalid,
				Message: fmt.Sprintf("unknown source %q", f),
				Hint:    "use gtd, acled, ucdp, gdelt, curated, article or user"}
		}
	}
	return out, nil
}
