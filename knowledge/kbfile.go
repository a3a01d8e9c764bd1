package knowledge

import (
	"context"
	"fmt"
	"sort"
	"time"

	"dossier"
	"dossier/kb"

	"gopkg.in/yaml.v3"
)

// ImportKB adds a user's knowledge base to the registry: each of its
// groups replaces that group's user knowledge (and, in effect, the starter
// knowledge base's version of it); user knowledge of other groups is kept.
// Events are re-resolved when anything changed.
func ImportKB(ctx context.Context, s Store, k *kb.KB) (changed bool, err error) {
	if err := k.Validate(); err != nil {
		return false, err
	}
	old, err := s.Knowledge(ctx, dossier.OriginUser)
	if err != nil {
		return false, err
	}
	replaced := map[string]bool{}
	for _, g := range k.Groups {
		replaced[g.ID] = true
	}
	merged := FromKB(k)
	for _, g := range old.Groups {
		if !replaced[g.ID] {
			merged.Groups = append(merged.Groups, g)
		}
	}
	for _, a := range old.Aliases {
		if !replaced[a.GroupID] {
			merged.Aliases = append(merged.Aliases, a)
		}
	}
	for _, r := range old.Relations {
		if !replaced[r.GroupID] {
			merged.Relations = append(merged.Relations, r)
		}
	}
	for _, c := range old.Claims {
		if !replaced[c.GroupID] {
			merged.Claims = append(merged.Claims, c)
		}
	}
	have := map[string]bool{}
	for _, c := range merged.Citations {
		have[c.ID] = true
	}
	for _, c := range old.Citations {
		if !have[c.ID] {
			merged.Citations = append(merged.Citations, c)
		}
	}
	changed, err = s.SyncKnowledge(ctx, dossier.OriginUser, merged)
	if err != nil {
		return false, fmt.Errorf("store user knowledge: %w", err)
	}
	sum, err := s.Import(ctx, dossier.ImportFile{
		Name: CuratedFile(dossier.OriginUser), Path: CuratedFile(dossier.OriginUser), Format: "kb",
		Source: dossier.SourceCurated, Licence: kb.Licence, ImportedAt: time.Now().UTC(),
	}, func(w dossier.EventWriter) error {
		for _, e := range k.Events() {
			if err := w.Write(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return changed, fmt.Errorf("import curated events: %w", err)
	}
	if changed || sum.Added+sum.Updated > 0 {
		_, err = Resolve(ctx, s)
		return true, err
	}
	return false, nil
}

// ExportKB returns the curated knowledge the registry holds — the starter
// knowledge base with the user's changes, not designation lists (import
// those again instead) — as a knowledge base that kb import reads back.
func ExportKB(ctx context.Context, s Store) (*kb.KB, error) {
	k, err := s.Knowledge(ctx, dossier.OriginStarter, dossier.OriginUser)
	if err != nil {
		return nil, err
	}
	docs := map[string]*kb.GroupDoc{}
	out := &kb.KB{Citations: k.Citations}
	for _, g := range k.Groups {
		d := &kb.GroupDoc{Group: g, File: g.ID + ".yaml"}
		docs[g.ID] = d
		out.Groups = append(out.Groups, d)
	}
	sort.Slice(out.Groups, func(i, j int) bool { return out.Groups[i].ID < out.Groups[j].ID })
	for _, a := range k.Aliases {
		if d, ok := docs[a.GroupID]; ok {
			d.Aliases = append(d.Aliases, a)
		}
	}
	for _, r := range k.Relations {
		if d, ok := docs[r.GroupID]; ok {
			d.Relations = append(d.Relations, r)
		}
	}
	for _, c := range k.Claims {
		if d, ok := docs[c.GroupID]; ok {
			d.Claims = append(d.Claims, c)
		}
	}
	err = s.Events(ctx, dossier.EventFilter{Sources: []dossier.Source{dossier.SourceCurated}}, func(e *dossier.Event) error {
		var ev kb.EventDoc
		if err := yaml.Unmarshal([]byte(e.Raw), &ev); err != nil {
			return fmt.Errorf("curated event %s: %w", e.SourceID, err)
		}
		for _, a := range e.Actors {
			if d, ok := docs[a.GroupID]; ok && a.Role == dossier.RolePerpetrator {
				d.Events = append(d.Events, ev)
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
