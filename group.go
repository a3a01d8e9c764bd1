package dossier

// Group is an armed group with a stable slug id ("iskp").
type Group struct {
	ID          string `json:"id" yaml:"id"`
	Name        string `json:"name" yaml:"name"`
	Kind        string `json:"kind,omitempty" yaml:"kind,omitempty"` // e.g. jihadist, separatist, communist insurgency, militia
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
	Founded     string `json:"founded,omitempty" yaml:"founded,omitempty"` // YYYY, YYYY-MM or YYYY-MM-DD: the precision is the string's
	Ended       string `json:"ended,omitempty" yaml:"ended,omitempty"`
	Status      string `json:"status,omitempty" yaml:"status,omitempty"` // active, inactive, merged, defeated, proposed
}

// AliasKind says what sort of name an alias is.
type AliasKind string

// Alias kinds.
const (
	AliasName            AliasKind = "name"             // a full name in English or another language
	AliasAcronym         AliasKind = "acronym"          // ISKP, TTP
	AliasTransliteration AliasKind = "transliteration"  // Wilayat Khorasan
	AliasDatasetLabel    AliasKind = "dataset_label"    // exactly as a dataset writes it
	AliasFormerName      AliasKind = "former_name"      // a name the group no longer uses
	AliasDesignation     AliasKind = "designation_name" // as a sanctions list writes it
)

// Alias is a name for a group, where it came from, and where it applies.
// A scoped alias applies only to events in Countries and between From and
// To: UCDP's "IS" means IS-K only in AFG/PAK from 2015.
type Alias struct {
	GroupID   string    `json:"group_id" yaml:"-"`
	Name      string    `json:"name" yaml:"name"`
	Kind      AliasKind `json:"kind,omitempty" yaml:"kind,omitempty"`
	Source    string    `json:"source,omitempty" yaml:"source,omitempty"` // gtd, acled, ucdp, un, ofac, press, curated, user…
	Countries []string  `json:"countries,omitempty" yaml:"countries,omitempty"`
	From      string    `json:"from,omitempty" yaml:"from,omitempty"` // YYYY[-MM[-DD]]
	To        string    `json:"to,omitempty" yaml:"to,omitempty"`
}

// RelationType is the type of a link between two groups.
type RelationType string

// Relation types. Each reads "group TYPE other": "iskp branch_of isis".
const (
	RelBranchOf   RelationType = "branch_of" // official branch, province or affiliate
	RelSplinterOf RelationType = "splinter_of"
	RelMergedInto RelationType = "merged_into"
	RelAlly       RelationType = "ally"
	RelRival      RelationType = "rival"
	RelSuccessor  RelationType = "successor_of"
)

// Relation is a typed, dated link from one group to another.
type Relation struct {
	GroupID   string       `json:"group_id" yaml:"-"`
	Type      RelationType `json:"type" yaml:"type"`
	Other     string       `json:"other" yaml:"other"` // the other group's id
	From      string       `json:"from,omitempty" yaml:"from,omitempty"`
	To        string       `json:"to,omitempty" yaml:"to,omitempty"`
	Note      string       `json:"note,omitempty" yaml:"note,omitempty"`
	Citations []string     `json:"citations,omitempty" yaml:"citations,omitempty"` // citation ids
}

// ClaimType is what a claim is about.
type ClaimType string

// Claim types.
const (
	ClaimFounded     ClaimType = "founded"
	ClaimLeader      ClaimType = "leader"
	ClaimStrength    ClaimType = "strength"
	ClaimArea        ClaimType = "area_of_operations"
	ClaimIdeology    ClaimType = "ideology"
	ClaimDesignation ClaimType = "designation"
	ClaimTargets     ClaimType = "targets"
	ClaimEvent       ClaimType = "fact" // any other sourced statement
)

// Claim status.
const (
	ClaimAccepted = "accepted"
	ClaimDisputed = "disputed"
	ClaimProposed = "proposed"
)

// Claim is a sourced statement about a group.
type Claim struct {
	GroupID string    `json:"group_id" yaml:"-"`
	Type    ClaimType `json:"type" yaml:"type"`
	Text    string    `json:"text" yaml:"text"`                       // the statement, one sentence
	Value   string    `json:"value,omitempty" yaml:"value,omitempty"` // structured value: leader name, strength figure, country codes
	From    string    `json:"from,omitempty" yaml:"from,omitempty"`   // when it became true (leader tenure start, designation date)
	To      string    `json:"to,omitempty" yaml:"to,omitempty"`
	// Designation claims: the authority (UN, US-State, US-Treasury, UK, EU…)
	// and its reference (QDe.161).
	Authority string   `json:"authority,omitempty" yaml:"authority,omitempty"`
	Reference string   `json:"reference,omitempty" yaml:"reference,omitempty"`
	Status    string   `json:"status,omitempty" yaml:"status,omitempty"`
	Citations []string `json:"citations" yaml:"citations"` // citation ids
}

// Citation is a source for a claim, relation or curated event.
type Citation struct {
	ID        string `json:"id" yaml:"id"`
	Title     string `json:"title" yaml:"title"`
	Publisher string `json:"publisher,omitempty" yaml:"publisher,omitempty"`
	Date      string `json:"date,omitempty" yaml:"date,omitempty"`
	URL       string `json:"url,omitempty" yaml:"url,omitempty"`
	Reference string `json:"reference,omitempty" yaml:"reference,omitempty"` // a report or list reference when there is no URL
}
