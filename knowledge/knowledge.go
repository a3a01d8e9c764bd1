// Package knowledge keeps a store's group registry in step with its
// sources — the starter knowledge base embedded in the binary, knowledge
// bases users import, designation lists — and re-resolves every event's
// actors whenever that knowledge changes. Between changes of knowledge,
// new events only need their new actor occurrences resolved: a resolution
// depends on nothing but the occurrence (name, country, date) and the
// knowledge.
package knowledge

import (
	"context"
	"fmt"
	"math"
	"time"

	"dossier"
	"dossier/kb"
	"dossier/resolve"
)

// Store is what keeping knowledge needs: the registry and the events.
type Store interface {
	dossier.Registry
	dossier.EventStore
}

// CuratedFile names the pseudo-file curated events are imported from, per
// origin.
func CuratedFile(origin string) string { return "knowledge base (" + origin + ")" }

// FromKB converts a knowledge base to registry records.
func FromKB(k *kb.KB) *dossier.Knowledge {
	return &dossier.Knowledge{
		Groups:    k.GroupList(),
		Aliases:   k.Aliases(),
		Relations: k.Relations(),
		Claims:    k.Claims(),
		Citations: k.AllCitations(),
	}
}

// SyncKB stores k as the knowledge of origin and imports its curated
// events. When the knowledge changed it re-resolves every event; when only
// curated events were added or changed it resolves their new actor
// occurrences. It reports whether either changed.
func SyncKB(ctx context.Context, s Store, origin string, k *kb.KB) (changed bool, err error) {
	changed, err = s.SyncKnowledge(ctx, origin, FromKB(k))
	if err != nil {
		return false, fmt.Errorf("store %s knowledge: %w", origin, err)
	}
	events := k.Events()
	sum, err := s.Import(ctx, dossier.ImportFile{
		Name: CuratedFile(origin), Path: CuratedFile(origin), Format: "kb",
		Source: dossier.SourceCurated, Licence: kb.Licence, ImportedAt: time.Now().UTC(),
	}, func(w dossier.EventWriter) error {
		for _, e := range events {
			if err := w.Write(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return changed, fmt.Errorf("import curated events of %s: %w", origin, err)
	}
	switch {
	case changed:
		if _, err := Resolve(ctx, s); err != nil {
			return changed, err
		}
	case sum.Added+sum.Updated > 0:
		if _, err := ResolveNew(ctx, s); err != nil {
			return true, err
		}
		changed = true
	}
	return changed, nil
}

// EnsureStarter loads the starter knowledge base embedded in the binary
// into s, if s does not hold exactly this version of it yet.
func EnsureStarter(ctx context.Context, s Store) error {
	k, err := kb.Starter()
	if err != nil {
		return err
	}
	_, err = SyncKB(ctx, s, dossier.OriginStarter, k)
	return err
}

// NewResolver builds a resolver from the registry's groups and aliases.
func NewResolver(ctx context.Context, r dossier.Registry) (*resolve.Resolver, error) {
	k, err := r.Knowledge(ctx)
	if err != nil {
		return nil, fmt.Errorf("read knowledge: %w", err)
	}
	return resolve.New(k.Groups, k.Aliases), nil
}

// Resolve resolves every distinct actor of the store's events afresh and
// replaces the stored resolutions; it returns the resulting statistics.
// Use it when the knowledge changed.
func Resolve(ctx context.Context, s dossier.Registry) (dossier.ResolutionStats, error) {
	res, err := NewResolver(ctx, s)
	if err != nil {
		return dossier.ResolutionStats{}, err
	}
	occ, err := collect(ctx, s.ActorOccurrences)
	if err != nil {
		return dossier.ResolutionStats{}, err
	}
	if err := s.ReplaceResolutions(ctx, resolveAll(res, occ)); err != nil {
		return dossier.ResolutionStats{}, fmt.Errorf("store resolutions: %w", err)
	}
	return s.ResolutionStats(ctx)
}

// ResolveNew resolves the actor occurrences that have no resolution yet —
// those of events imported since the last resolution — and adds their
// resolutions to the stored ones; it returns how many occurrences it
// resolved. With the knowledge unchanged since the last resolution, the
// stored resolutions are then those Resolve would store for the same
// events. It reads the knowledge only when there is something to resolve.
func ResolveNew(ctx context.Context, s dossier.Registry) (int, error) {
	occ, err := collect(ctx, s.NewActorOccurrences)
	if err != nil || occ.n == 0 {
		return 0, err
	}
	res, err := NewResolver(ctx, s)
	if err != nil {
		return 0, err
	}
	if err := s.AddResolutions(ctx, resolveAll(res, occ)); err != nil {
		return 0, fmt.Errorf("store resolutions: %w", err)
	}
	return occ.n, nil
}

// occurrences holds actor occurrences compactly — a name and a country as
// indexes of distinct strings, a date as a day number — in chunks: the
// millions of occurrences of a large store take tens of megabytes, and
// never the copies of a growing slice.
type occurrences struct {
	strs   []string
	index  map[string]int32
	chunks [][]occurrence
	n      int
}

type occurrence struct{ name, country, day int32 }

// occChunk is the number of occurrences in a chunk; noDay is the day of
// an occurrence without a date.
const (
	occChunk = 1 << 14
	noDay    = math.MinInt32
)

func (o *occurrences) str(s string) int32 {
	i, ok := o.index[s]
	if !ok {
		i = int32(len(o.strs))
		o.strs = append(o.strs, s)
		o.index[s] = i
	}
	return i
}

func (o *occurrences) add(x dossier.ActorOccurrence) {
	if o.n%occChunk == 0 {
		o.chunks = append(o.chunks, make([]occurrence, 0, occChunk))
	}
	day := int32(noDay)
	if !x.Date.IsZero() {
		day = int32(x.Date.Unix() / 86400)
	}
	c := &o.chunks[len(o.chunks)-1]
	*c = append(*c, occurrence{o.str(x.Name), o.str(x.Country), day})
	o.n++
}

// each calls fn for each occurrence's name, country and date.
func (o *occurrences) each(fn func(name, country string, date time.Time) error) error {
	for _, c := range o.chunks {
		for _, x := range c {
			var date time.Time
			if x.day != noDay {
				date = time.Unix(int64(x.day)*86400, 0).UTC()
			}
			if err := fn(o.strs[x.name], o.strs[x.country], date); err != nil {
				return err
			}
		}
	}
	return nil
}

// collect gathers the occurrences list calls back with. The store's query
// ends before any resolution is written, so that its memory and that of
// the writing are not needed at once.
func collect(ctx context.Context, list func(context.Context, func(dossier.ActorOccurrence) error) error) (*occurrences, error) {
	occ := &occurrences{index: map[string]int32{}}
	if err := list(ctx, func(o dossier.ActorOccurrence) error {
		occ.add(o)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read actors: %w", err)
	}
	return occ, nil
}

// resolveAll returns a fill that writes the resolutions of occ by res.
func resolveAll(res *resolve.Resolver, occ *occurrences) func(write func(dossier.Resolution) error) error {
	return func(write func(dossier.Resolution) error) error {
		return occ.each(func(name, country string, date time.Time) error {
			for i, m := range res.Resolve(name, country, date) {
				if err := write(dossier.Resolution{
					Name: name, Country: country, Date: date, Part: i,
					GroupID: m.GroupID, Confidence: m.Confidence, Rule: m.Rule, Uncertain: m.Uncertain,
				}); err != nil {
					return err
				}
			}
			return nil
		})
	}
}

// AfterImport brings resolution up to date after events were imported:
// it loads the starter knowledge base if this binary's differs from the
// stored one (which re-resolves everything), and otherwise resolves the
// new actor occurrences only. It returns the resulting statistics.
func AfterImport(ctx context.Context, s Store) (dossier.ResolutionStats, error) {
	k, err := kb.Starter()
	if err != nil {
		return dossier.ResolutionStats{}, err
	}
	changed, err := SyncKB(ctx, s, dossier.OriginStarter, k)
	if err != nil {
		return dossier.ResolutionStats{}, err
	}
	if !changed {
		if _, err := ResolveNew(ctx, s); err != nil {
			return dossier.ResolutionStats{}, err
		}
	}
	return s.ResolutionStats(ctx)
}
