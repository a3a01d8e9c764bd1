package dossier

import (
	"context"
	"time"
)

// AttackFilter selects what attack and incident totals count. The rules of
// what makes an event an attack of a group, or an incident of its country,
// are those of package metrics (IsAttack, IsIncident); the filter carries
// the options of those rules that a store applies itself.
type AttackFilter struct {
	// From and To bound the events' start dates, both days included; a
	// zero time leaves that side open. Undated events are never counted.
	From, To time.Time
	// Sources, when not empty, are the only sources counted.
	Sources []Source
	// ExcludeSources are never counted (GDELT and article extractions by
	// default: see metrics.DefaultOptions).
	ExcludeSources []Source
	// Countries, when not empty, are the only countries (ISO alpha-3)
	// counted.
	Countries []string
	// ExcludeDoubtful leaves out events whose provider doubts they are
	// terrorism (GTD doubtterr = 1).
	ExcludeDoubtful bool
	// CertainOnly counts an attack only when one attribution that makes
	// it count is certain.
	CertainOnly bool
	// MinConfidence makes a resolution below it an uncertain attribution.
	MinConfidence float64
}

// AttackTotal is the total of the attacks of one group (GroupID "" for
// attacks attributed to no known group) in one country, from one source,
// in one year. Unknown casualty counts add nothing.
type AttackTotal struct {
	GroupID string
	Country string // ISO alpha-3, "" when unknown
	Source  Source
	Year    int
	Attacks int
	// Uncertain counts the attacks attributed to the group only
	// uncertainly.
	Uncertain int
	Deaths    int // best estimates
	Injuries  int
	Hostages  int
}

// IncidentTotal is the total of one country's terrorism incidents in one
// year, whoever committed them: the input of the Global Terrorism Index.
type IncidentTotal struct {
	Country   string // ISO alpha-3
	Year      int
	Incidents int
	Deaths    int
	Injuries  int
	Hostages  int
}

// AttackStore aggregates attacks and incidents where the events are
// stored, so that rankings over millions of events need not read them.
type AttackStore interface {
	// AttackTotals returns the totals of every group's attacks matching
	// f, per group, country, source and year.
	AttackTotals(ctx context.Context, f AttackFilter) ([]AttackTotal, error)
	// IncidentTotals returns the incident totals matching f per country
	// and year; events without a country are left out.
	IncidentTotals(ctx context.Context, f AttackFilter) ([]IncidentTotal, error)
}
