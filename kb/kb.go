// Package kb loads, validates and writes dossier's knowledge base of armed
// groups: one YAML file per group holding its names in every dataset's
// spelling, its relations to other groups, sourced claims about it, its
// notable attacks and the citations behind all of these. A curated starter
// knowledge base is embedded in the binary (see Starter).
package kb

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"dossier"

	"gopkg.in/yaml.v3"
)

// GroupDoc is one group's file: the group, and everything known about it.
// Aliases, relations and claims carry GroupID once the file is parsed.
type GroupDoc struct {
	dossier.Group `yaml:",inline"`
	Aliases       []dossier.Alias    `yaml:"aliases,omitempty"`
	Relations     []dossier.Relation `yaml:"relations,omitempty"`
	Claims        []dossier.Claim    `yaml:"claims,omitempty"`
	Events        []EventDoc         `yaml:"events,omitempty"`
	Citations     []dossier.Citation `yaml:"citations,omitempty"`

	// File is the name the document was read from ("iskp.yaml"), used in
	// error messages; empty for documents built in code.
	File string `yaml:"-"`
}

// EventDoc is a curated notable attack, as written in a group's file. It
// becomes a dossier.Event with source "curated" (see ToEvent).
type EventDoc struct {
	ID               string                   `yaml:"id"`
	Date             string                   `yaml:"date"` // YYYY-MM-DD, YYYY-MM or YYYY
	Country          string                   `yaml:"country,omitempty"`
	Admin1           string                   `yaml:"admin1,omitempty"`
	Admin2           string                   `yaml:"admin2,omitempty"`
	Place            string                   `yaml:"place,omitempty"`
	Latitude         *float64                 `yaml:"latitude,omitempty"`
	Longitude        *float64                 `yaml:"longitude,omitempty"`
	Type             dossier.EventType        `yaml:"type"`
	TargetCategories []dossier.TargetCategory `yaml:"target_categories,omitempty,flow"`
	Fatalities       *int                     `yaml:"fatalities,omitempty"`
	FatalitiesLow    *int                     `yaml:"fatalities_low,omitempty"`
	FatalitiesHigh   *int                     `yaml:"fatalities_high,omitempty"`
	Injuries         *int                     `yaml:"injuries,omitempty"`
	Hostages         *int                     `yaml:"hostages,omitempty"`
	Suicide          *bool                    `yaml:"suicide,omitempty"`
	Claimed          *bool                    `yaml:"claimed,omitempty"`
	Summary          string                   `yaml:"summary,omitempty"`
	Citations        []string                 `yaml:"citations,flow"` // citation ids

	// GroupID and GroupName are the group whose file holds the event,
	// filled when the file is parsed.
	GroupID   string `yaml:"-"`
	GroupName string `yaml:"-"`
	// Sources are the citations the event cites, filled when the whole
	// knowledge base is loaded (a citation may be defined in another file).
	Sources []dossier.Citation `yaml:"-"`
}

// KB is a knowledge base: groups, and the citations shared between them
// (those read from files holding only citations, such as _citations.yaml).
type KB struct {
	Groups    []*GroupDoc
	Citations []dossier.Citation
	// CitationsFile is the file the shared citations were read from, for
	// error messages; WriteDir writes them to SharedCitationsFile.
	CitationsFile string
}

// SharedCitationsFile is the file, beside the group files, that holds
// citations used by several groups.
const SharedCitationsFile = "_citations.yaml"

//go:embed starter/*.yaml
var starterFS embed.FS

// Starter returns the curated starter knowledge base embedded in the
// binary, validated. An error means the binary was built from a broken
// knowledge base; it is an *dossier.Error with code EInternal.
func Starter() (*KB, error) {
	sub, err := fs.Sub(starterFS, "starter")
	if err != nil {
		return nil, &dossier.Error{Code: dossier.EInternal, Message: "kb: embedded starter knowledge base missing", Err: err}
	}
	k, err := ReadDir(sub)
	if err == nil {
		err = k.Validate()
	}
	if err != nil {
		msg := err.Error()
		var e *dossier.Error
		if errors.As(err, &e) {
			msg = e.Message
		}
		return nil, &dossier.Error{Code: dossier.EInternal, Message: "embedded starter knowledge base is broken: " + msg,
			Hint: "run go test ./kb/ to list every problem", Err: err}
	}
	return k, nil
}

// ReadDir reads every *.yaml and *.yml file at the root of fsys, in name
// order, into one knowledge base. It does not validate it (see Validate).
// Errors are *dossier.Error with code EInvalid naming the file and line.
func ReadDir(fsys fs.FS) (*KB, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: "kb: cannot list the knowledge base directory: " + err.Error(),
			Hint: "give a directory holding one <id>.yaml file per group", Err: err}
	}
	k := &KB{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if ext := path.Ext(name); ext != ".yaml" && ext != ".yml" {
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("kb: %s: cannot read: %v", name, err), Err: err}
		}
		part, err := Parse(name, bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		k.add(part)
	}
	k.link()
	return k, nil
}

// add merges the documents of another file into k.
func (k *KB) add(o *KB) {
	k.Groups = append(k.Groups, o.Groups...)
	if len(o.Citations) > 0 {
		if k.CitationsFile == "" {
			k.CitationsFile = o.CitationsFile
		}
		k.Citations = append(k.Citations, o.Citations...)
	}
}

// Parse reads a YAML stream of one or more documents: group documents and
// documents holding only `citations:`. name is the file name used in
// errors. Decoding is strict: unknown fields are errors. Parse does not
// validate the result (see Validate). Errors are *dossier.Error with code
// EInvalid naming the file and, where yaml tells it, the line.
func Parse(name string, r io.Reader) (k *KB, err error) {
	defer func() {
		if p := recover(); p != nil { // the yaml decoder must never take the program down
			k, err = nil, invalid(name, fmt.Sprintf("cannot decode YAML: %v", p), "check the file is valid YAML")
		}
	}()
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	k = &KB{}
	for n := 0; ; n++ {
		var d GroupDoc
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			if n == 0 {
				return nil, invalid(name, "file holds no document", "write one group per file: id, name, kind, aliases, claims, citations")
			}
			break
		}
		if err != nil {
			return nil, decodeError(name, err)
		}
		d.File = name
		if d.isCitationsOnly() {
			if len(d.Citations) > 0 {
				k.CitationsFile = name
				k.Citations = append(k.Citations, d.Citations...)
			}
			continue
		}
		d.fill()
		k.Groups = append(k.Groups, &d)
	}
	k.link()
	return k, nil
}

// isCitationsOnly reports whether a document holds nothing but citations.
func (d *GroupDoc) isCitationsOnly() bool {
	return d.Group == (dossier.Group{}) && len(d.Aliases) == 0 && len(d.Relations) == 0 &&
		len(d.Claims) == 0 && len(d.Events) == 0
}

// fill sets the group id on everything the document holds.
func (d *GroupDoc) fill() {
	for i := range d.Aliases {
		d.Aliases[i].GroupID = d.ID
	}
	for i := range d.Relations {
		d.Relations[i].GroupID = d.ID
	}
	for i := range d.Claims {
		d.Claims[i].GroupID = d.ID
	}
	for i := range d.Events {
		d.Events[i].GroupID = d.ID
		d.Events[i].GroupName = d.Name
	}
}

// link resolves the citations of every curated event.
func (k *KB) link() {
	cites := k.citationIndex()
	for _, g := range k.Groups {
		for i := range g.Events {
			e := &g.Events[i]
			e.Sources = nil
			for _, id := range e.Citations {
				if c, ok := cites[id]; ok {
					e.Sources = append(e.Sources, c)
				}
			}
		}
	}
}

// citationIndex maps citation ids to citations; the first definition wins.
func (k *KB) citationIndex() map[string]dossier.Citation {
	m := make(map[string]dossier.Citation)
	for _, c := range k.Citations {
		if _, ok := m[c.ID]; !ok {
			m[c.ID] = c
		}
	}
	for _, g := range k.Groups {
		for _, c := range g.Citations {
			if _, ok := m[c.ID]; !ok {
				m[c.ID] = c
			}
		}
	}
	return m
}

func invalid(file, msg, hint string) *dossier.Error {
	return &dossier.Error{Code: dossier.EInvalid, Message: "kb: " + file + ": " + msg, Hint: hint}
}

// decodeError turns a yaml error into an *dossier.Error naming the file.
func decodeError(file string, err error) *dossier.Error {
	var te *yaml.TypeError
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if errors.As(err, &te) {
		msg = strings.Join(te.Errors, "; ")
	}
	return &dossier.Error{
		Code:    dossier.EInvalid,
		Message: "kb: " + file + ": " + msg,
		Hint:    "fields are id, name, kind, status, founded, ended, description, aliases, relations, claims, events, citations; check spelling and indentation",
		Err:     err,
	}
}

// Group returns the group with the id.
func (k *KB) Group(id string) (*GroupDoc, bool) {
	for _, g := range k.Groups {
		if g.ID == id {
			return g, true
		}
	}
	return nil, false
}

// Citation returns the citation with the id, wherever it is defined.
func (k *KB) Citation(id string) (dossier.Citation, bool) {
	c, ok := k.citationIndex()[id]
	return c, ok
}

// AllCitations returns every citation, shared ones first, then each
// group's in order.
func (k *KB) AllCitations() []dossier.Citation {
	out := append([]dossier.Citation(nil), k.Citations...)
	for _, g := range k.Groups {
		out = append(out, g.Citations...)
	}
	return out
}

// GroupList returns the groups, sorted by id.
func (k *KB) GroupList() []dossier.Group {
	out := make([]dossier.Group, 0, len(k.Groups))
	for _, g := range k.Groups {
		out = append(out, g.Group)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Aliases returns every group's aliases, with GroupID set.
func (k *KB) Aliases() []dossier.Alias {
	var out []dossier.Alias
	for _, g := range k.Groups {
		for _, a := range g.Aliases {
			a.GroupID = g.ID
			a.Countries = append([]string(nil), a.Countries...)
			out = append(out, a)
		}
	}
	return out
}

// Relations returns every group's relations, with GroupID set.
func (k *KB) Relations() []dossier.Relation {
	var out []dossier.Relation
	for _, g := range k.Groups {
		for _, r := range g.Relations {
			r.GroupID = g.ID
			r.Citations = append([]string(nil), r.Citations...)
			out = append(out, r)
		}
	}
	return out
}

// Claims returns every group's claims, with GroupID set.
func (k *KB) Claims() []dossier.Claim {
	var out []dossier.Claim
	for _, g := range k.Groups {
		for _, c := range g.Claims {
			c.GroupID = g.ID
			c.Citations = append([]string(nil), c.Citations...)
			out = append(out, c)
		}
	}
	return out
}

// Events returns every curated event as a dossier.Event (see
// EventDoc.ToEvent), in file order.
func (k *KB) Events() []*dossier.Event {
	var out []*dossier.Event
	for _, g := range k.Groups {
		for i := range g.Events {
			out = append(out, g.Events[i].ToEvent())
		}
	}
	return out
}
