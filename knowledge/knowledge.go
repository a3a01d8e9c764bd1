// Package knowledge keeps a store's group registry in step with its
// sources — the starter knowledge base embedded in the binary, knowledge
// bases users import, designation lists — and re-resolves every event's
// actors whenever that knowledge changes.
package knowledge

import (
	"context"
	"fmt"
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

// SyncKB stores k as the knowledge of origin, imports its curated events,
// and re-resolves events when anything changed.
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
	if sum.Added+sum.Updated > 0 {
		changed = true
	}
	if changed {
		if _, err := Resolve(ctx, s); err != nil {
			return changed, err
		}
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
func Resolve(ctx context.Context, s dossier.Registry) (dossier.ResolutionStats, error) {
	res, err := NewResolver(ctx, s)
	if err != nil {
		return dossier.ResolutionStats{}, err
	}
	var occ []dossier.ActorOccurrence
	if err := s.ActorOccurrences(ctx, func(o dossier.ActorOccurrence) error {
		occ = append(occ, o)
		return nil
	}); err != nil {
		return dossier.ResolutionStats{}, fmt.Errorf("read actors: %w", err)
	}
	err = s.ReplaceResolutions(ctx, func(write func(dossier.Resolution) error) error {
		for _, o := range occ {
			for i, m := range res.Resolve(o.Name, o.Country, o.Date) {
				if err := write(dossier.Resolution{
					Name: o.Name, Country: o.Country, Date: o.Date, Part: i,
					GroupID: m.GroupID, Confidence: m.Confidence, Rule: m.Rule, Uncertain: m.Uncertain,
				}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return dossier.ResolutionStats{}, fmt.Errorf("store resolutions: %w", err)
	}
	return s.ResolutionStats(ctx)
}

// AfterImport brings resolution up to date after events were imported:
// it loads the starter knowledge base if this binary's differs from the
// stored one (which re-resolves everything), or else re-resolves.
func AfterImport(ctx context.Context, s Store) (dossier.ResolutionStats, error) {
	k, err := kb.Starter()
	if err != nil {
		return dossier.ResolutionStats{}, err
	}
	changed, err := SyncKB(ctx, s, dossier.OriginStarter, k)
	if err != nil {
		return dossier.ResolutionStats{}, err
	}
	if changed {
		return s.ResolutionStats(ctx)
	}
	return Resolve(ctx, s)
}
