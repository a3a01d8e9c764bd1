package dossier

import (
	"context"
	"time"
)

// Origins of registry records: where a group, alias, relation, claim or
// citation came from. Syncing an origin replaces all of its records and
// leaves the others alone, so a new release's starter knowledge base never
// erases what a user added.
const (
	OriginStarter = "starter" // the knowledge base shipped in the binary
	OriginUser    = "user"    // added with `dossier alias add`, `kb import`
	OriginUN      = "un"      // the UN Security Council Consolidated List
	OriginOFAC    = "ofac"    // the US Treasury OFAC SDN list
)

// Knowledge is a set of registry records, as a knowledge base file or a
// designation list provides them.
type Knowledge struct {
	Groups    []Group
	Aliases   []Alias
	Relations []Relation
	Claims    []Claim
	Citations []Citation
	// Individuals are designated people, linked to a group where the list
	// says so.
	Individuals []Individual
}

// Individual is a person a designation list names.
type Individual struct {
	Authority string   `json:"authority"` // UN, OFAC
	Reference string   `json:"reference"` // QDi.xxx, OFAC ent_num
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases,omitempty"`
	Listed    string   `json:"listed,omitempty"`
	GroupID   string   `json:"group_id,omitempty"` // the group the list links the person to
	Comments  string   `json:"comments,omitempty"`
}

// GroupProfile is a group with everything the registry knows about it.
type GroupProfile struct {
	Group
	Aliases     []Alias      `json:"aliases"`
	Relations   []Relation   `json:"relations"` // from this group to others
	Inverse     []Relation   `json:"inverse"`   // from other groups to this one
	Claims      []Claim      `json:"claims"`
	Citations   []Citation   `json:"citations"` // every citation the above cite
	Individuals []Individual `json:"individuals,omitempty"`
}

// Resolution is how an actor name in an event's context resolved. A
// composite label has one Resolution per part (Part 0, 1, …).
type Resolution struct {
	Name       string    `json:"name"`
	Country    string    `json:"country"`
	Date       time.Time `json:"date"`
	Part       int       `json:"part"`
	GroupID    string    `json:"group_id"` // "" when unresolved
	Confidence float64   `json:"confidence"`
	Rule       string    `json:"rule"`
	Uncertain  bool      `json:"uncertain"`
}

// ActorOccurrence is a distinct actor name in its event context, with the
// number of events it occurs in.
type ActorOccurrence struct {
	Name    string
	Country string
	Date    time.Time
	Events  int
}

// NameCount is an unresolved actor name and how many events it occurs in.
type NameCount struct {
	Name   string `json:"name"`
	Events int    `json:"events"`
}

// ResolutionStats counts events by how their perpetrators resolved.
type ResolutionStats struct {
	Events    int `json:"events"`     // all events
	WithActor int `json:"with_actor"` // events naming a perpetrator that is not unattributed or generic
	Resolved  int `json:"resolved"`   // events with at least one perpetrator resolved to a group
}

// Registry keeps the knowledge about groups and how event actors resolve
// to them. Implementations: duckdb (and postgres).
type Registry interface {
	// SyncKnowledge replaces every record of origin with k, atomically. It
	// does nothing, and reports false, when the origin already holds
	// exactly k.
	SyncKnowledge(ctx context.Context, origin string, k *Knowledge) (changed bool, err error)
	// AddAlias adds one alias of origin (OriginUser for `alias add`).
	AddAlias(ctx context.Context, origin string, a Alias) error
	// Groups lists groups whose name or an alias contains query (any case;
	// all groups when query is ""), best matches first.
	Groups(ctx context.Context, query string) ([]Group, error)
	// GroupProfile returns a group with its aliases, relations, claims and
	// citations; an *Error with ENotFound when there is no such group.
	GroupProfile(ctx context.Context, id string) (*GroupProfile, error)
	// Knowledge returns every record of the given origins (all when none).
	Knowledge(ctx context.Context, origins ...string) (*Knowledge, error)
	// ActorOccurrences calls fn for each distinct perpetrator or associated
	// actor name in its event context (country, date).
	ActorOccurrences(ctx context.Context, fn func(ActorOccurrence) error) error
	// ReplaceResolutions replaces all resolutions with those fill writes,
	// atomically.
	ReplaceResolutions(ctx context.Context, fill func(write func(Resolution) error) error) error
	// NewActorOccurrences calls fn, as ActorOccurrences does, for each
	// occurrence that has no resolution yet: after an import, those are
	// the ones left to resolve.
	NewActorOccurrences(ctx context.Context, fn func(ActorOccurrence) error) error
	// AddResolutions adds the resolutions fill writes to the stored ones,
	// atomically. An occurrence (name, country, date) that has
	// resolutions already keeps them: what fill writes for it is skipped.
	AddResolutions(ctx context.Context, fill func(write func(Resolution) error) error) error
	// Unresolved lists the actor names that resolved to no group and are
	// not unattributed or generic, most frequent first.
	Unresolved(ctx context.Context, limit int) ([]NameCount, error)
	// ResolutionStats counts events by resolution.
	ResolutionStats(ctx context.Context) (ResolutionStats, error)
}
