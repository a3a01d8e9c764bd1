// Package dossier holds the domain of dossier: events as each data provider
// recorded them, the groups behind them, and the interfaces the rest of the
// program is built from. It imports the standard library only.
package dossier

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"slices"
	"time"
)

// Source names the provider an event came from.
type Source string

// The providers dossier knows. User files in the interchange format carry
// their own source name (default SourceUser).
const (
	SourceGTD     Source = "gtd"
	SourceACLED   Source = "acled"
	SourceUCDP    Source = "ucdp"
	SourceGDELT   Source = "gdelt"
	SourceCurated Source = "curated"
	SourceArticle Source = "article"
	SourceUser    Source = "user"
)

// Licences of the providers, as recorded on every event they supplied.
const (
	LicenceGTD   = "START/UMD GTD end-user agreement: no redistribution"
	LicenceACLED = "ACLED terms of use: no redistribution"
	LicenceUCDP  = "CC BY 4.0 (cite UCDP)"
	LicenceGDELT = "GDELT: free use with citation"
)

// Precision says how exactly a date is known.
type Precision string

// Date precisions, finest first. A GTD event with iday 0 is known to the
// month; a UCDP event with date_prec 3 is known to the week.
const (
	PrecisionDay   Precision = "day"
	PrecisionWeek  Precision = "week"
	PrecisionMonth Precision = "month"
	PrecisionYear  Precision = "year"
)

// EventType is the shared classification of an event, the same for every
// provider. The provider's own type fields are kept in SourceType and
// SourceSubtype.
type EventType string

// Shared event types.
const (
	TypeBombing          EventType = "bombing"            // explosives, IEDs, suicide bombs, grenades
	TypeArmedAssault     EventType = "armed_assault"      // attack with firearms or blades
	TypeAssassination    EventType = "assassination"      // targeted killing of a specific person
	TypeKidnapping       EventType = "kidnapping"         // abduction, forced disappearance
	TypeHostageTaking    EventType = "hostage_taking"     // barricade incident
	TypeHijacking        EventType = "hijacking"          // seizure of a vehicle, aircraft or vessel
	TypeFacilityAttack   EventType = "facility_attack"    // arson, sabotage of buildings or infrastructure
	TypeUnarmedAssault   EventType = "unarmed_assault"    // assault without weapons
	TypeSexualViolence   EventType = "sexual_violence"    // sexual violence
	TypeRemoteViolence   EventType = "remote_violence"    // shelling, artillery, air or drone strikes
	TypeBattle           EventType = "battle"             // armed clash between organised groups
	TypeOneSidedViolence EventType = "one_sided_violence" // UCDP: organised violence against civilians
	TypeMassViolence     EventType = "mass_violence"      // GDELT CAMEO 20: unconventional mass violence
	TypeProtest          EventType = "protest"            // peaceful demonstration
	TypeRiot             EventType = "riot"               // violent demonstration, mob violence
	TypeStrategic        EventType = "strategic_development"
	TypeAttack           EventType = "attack" // an attack of unknown type
	TypeOther            EventType = "other"
)

// TargetCategory is the shared classification of who or what was targeted.
type TargetCategory string

// Shared target categories.
const (
	TargetCivilians      TargetCategory = "civilians"
	TargetReligious      TargetCategory = "religious" // religious figures and institutions, religious or ethnic minorities
	TargetJournalists    TargetCategory = "journalists_media"
	TargetAidWorkers     TargetCategory = "aid_workers" // NGOs and humanitarian staff
	TargetPolice         TargetCategory = "police"
	TargetMilitary       TargetCategory = "military"
	TargetGovernment     TargetCategory = "government"
	TargetDiplomatic     TargetCategory = "diplomatic"
	TargetEducation      TargetCategory = "education"
	TargetInfrastructure TargetCategory = "infrastructure" // utilities, telecommunication, food and water supply
	TargetTransport      TargetCategory = "transportation"
	TargetBusiness       TargetCategory = "business"
	TargetTourists       TargetCategory = "tourists"
	TargetNonState       TargetCategory = "non_state_armed" // other armed groups, militias
	TargetPolitical      TargetCategory = "political"       // parties, candidates, rallies
	TargetOther          TargetCategory = "other"
	TargetUnknown        TargetCategory = "unknown"
)

// EventTypes returns every shared event type, in the order above.
func EventTypes() []EventType {
	return []EventType{
		TypeBombing, TypeArmedAssault, TypeAssassination, TypeKidnapping,
		TypeHostageTaking, TypeHijacking, TypeFacilityAttack, TypeUnarmedAssault,
		TypeSexualViolence, TypeRemoteViolence, TypeBattle, TypeOneSidedViolence,
		TypeMassViolence, TypeProtest, TypeRiot, TypeStrategic, TypeAttack, TypeOther,
	}
}

// TargetCategories returns every shared target category, in the order above.
func TargetCategories() []TargetCategory {
	return []TargetCategory{
		TargetCivilians, TargetReligious, TargetJournalists, TargetAidWorkers,
		TargetPolice, TargetMilitary, TargetGovernment, TargetDiplomatic,
		TargetEducation, TargetInfrastructure, TargetTransport, TargetBusiness,
		TargetTourists, TargetNonState, TargetPolitical, TargetOther, TargetUnknown,
	}
}

// Role is the part an actor played in an event.
type Role string

// Actor roles.
const (
	RolePerpetrator Role = "perpetrator" // carried out the violence (for battles: each side)
	RoleAssociated  Role = "associated"  // fought alongside a perpetrator (ACLED assoc_actor_1)
	RoleTarget      Role = "target"      // was targeted or fought against
)

// Actor is a name an event gives for one of its parties, exactly as the
// provider wrote it, and the group it resolved to.
type Actor struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
	// Uncertain is true when the provider itself marks the attribution as
	// suspected (GTD guncertain) or the label is a composite ("A and/or B").
	Uncertain bool `json:"uncertain,omitempty"`
	// GroupID is the resolved group, empty until resolution.
	GroupID    string  `json:"group_id,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	Rule       string  `json:"rule,omitempty"`
}

// Event is one real-world incident as one provider recorded it. Unknown
// values stay unknown: nil pointers and empty strings, never zero.
type Event struct {
	Source        Source `json:"source"`
	SourceID      string `json:"source_id"`
	SourceVersion string `json:"source_version,omitempty"`
	Licence       string `json:"licence,omitempty"`

	// Date is the first day the event may have happened on, DateEnd the
	// last (equal to Date for a single known day). For month precision Date
	// is the first and DateEnd the last day of the month.
	Date          time.Time `json:"date"`
	DateEnd       time.Time `json:"date_end"`
	DatePrecision Precision `json:"date_precision"`

	// Country is an ISO 3166-1 alpha-3 code, an ISO 3166-3 code for a
	// withdrawn state (SUN, YUG), or one of the user-assigned codes the
	// country package documents (XKX Kosovo, XIW international waters).
	Country     string   `json:"country,omitempty"`
	CountryName string   `json:"country_name,omitempty"`
	Admin1      string   `json:"admin1,omitempty"`
	Admin2      string   `json:"admin2,omitempty"`
	Place       string   `json:"place,omitempty"`
	Latitude    *float64 `json:"latitude"`
	Longitude   *float64 `json:"longitude"`
	// GeoPrecision is the provider's own location precision code (GTD
	// specificity 1–5, UCDP where_prec 1–7, ACLED geo_precision 1–3).
	GeoPrecision string `json:"geo_precision,omitempty"`

	Type          EventType `json:"type"`
	SourceType    string    `json:"source_type,omitempty"`
	SourceSubtype string    `json:"source_subtype,omitempty"`

	Actors           []Actor          `json:"actors,omitempty"`
	TargetCategories []TargetCategory `json:"target_categories,omitempty"`

	Fatalities     *int `json:"fatalities"`
	FatalitiesLow  *int `json:"fatalities_low"`
	FatalitiesHigh *int `json:"fatalities_high"`
	Injuries       *int `json:"injuries"`
	Hostages       *int `json:"hostages"`

	Suicide *bool `json:"suicide"`
	Claimed *bool `json:"claimed"`
	Success *bool `json:"success"`
	// Doubtful is true when the provider doubts the event is what it
	// records (GTD doubtterr: possibly not terrorism).
	Doubtful *bool `json:"doubtful"`

	Summary   string   `json:"summary,omitempty"`
	Citations []string `json:"citations,omitempty"`

	// Details holds provider fields with no canonical place, by the
	// provider's column name (UCDP deaths_a, ACLED inter1, GTD weaptype1_txt).
	Details map[string]string `json:"details,omitempty"`

	// Raw is the original row exactly as it stood in the file (for XLSX,
	// the row's cells written as one CSV record). The header is kept with
	// the file's import record.
	Raw string `json:"raw"`
	// File is the name of the file the event was last imported from.
	File string `json:"file,omitempty"`
	// Line is the event's line (CSV, JSON Lines) or row (XLSX) in File.
	Line int `json:"line,omitempty"`
}

// Key is the event's identity: provider and the provider's id.
func (e *Event) Key() string { return string(e.Source) + ":" + e.SourceID }

// Perpetrators returns the actors with role perpetrator or associated.
func (e *Event) Perpetrators() []Actor {
	var out []Actor
	for _, a := range e.Actors {
		if a.Role == RolePerpetrator || a.Role == RoleAssociated {
			out = append(out, a)
		}
	}
	return out
}

// Int returns a pointer to n, for optional counts.
func Int(n int) *int { return &n }

// Float returns a pointer to f, for optional coordinates.
func Float(f float64) *float64 { return &f }

// Bool returns a pointer to b, for optional flags.
func Bool(b bool) *bool { return &b }

// Fingerprint returns a hash of everything the provider said about the
// event: canonical fields and the raw row, but not where it was imported
// from (File, Line) nor how its actors were resolved. Two imports of the
// same row give the same fingerprint; any change in the row changes it.
func (e *Event) Fingerprint() string {
	f := fingerprinter{b: make([]byte, 0, 256+len(e.Raw)+len(e.Summary))}
	f.str(string(e.Source), e.SourceID, e.SourceVersion, e.Licence)
	f.time(e.Date)
	f.time(e.DateEnd)
	f.str(string(e.DatePrecision), e.Country, e.CountryName, e.Admin1, e.Admin2, e.Place)
	f.float(e.Latitude)
	f.float(e.Longitude)
	f.str(e.GeoPrecision, string(e.Type), e.SourceType, e.SourceSubtype)
	f.int(len(e.Actors))
	for _, a := range e.Actors {
		f.str(a.Name, string(a.Role))
		f.bool(&a.Uncertain)
	}
	f.int(len(e.TargetCategories))
	for _, c := range e.TargetCategories {
		f.str(string(c))
	}
	for _, n := range []*int{e.Fatalities, e.FatalitiesLow, e.FatalitiesHigh, e.Injuries, e.Hostages} {
		f.optInt(n)
	}
	for _, b := range []*bool{e.Suicide, e.Claimed, e.Success, e.Doubtful} {
		f.bool(b)
	}
	f.str(e.Summary)
	f.int(len(e.Citations))
	f.str(e.Citations...)
	keys := make([]string, 0, len(e.Details))
	for k := range e.Details {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	f.int(len(keys))
	for _, k := range keys {
		f.str(k, e.Details[k])
	}
	f.str(e.Raw)
	sum := sha256.Sum256(f.b)
	return hex.EncodeToString(sum[:16])
}

// fingerprinter writes values unambiguously into a buffer to be hashed:
// every value is length-prefixed or tagged, so no two different events
// write the same bytes.
type fingerprinter struct{ b []byte }

func (f *fingerprinter) int(n int) { f.b = binary.AppendVarint(f.b, int64(n)) }

func (f *fingerprinter) str(ss ...string) {
	for _, s := range ss {
		f.int(len(s))
		f.b = append(f.b, s...)
	}
}

func (f *fingerprinter) time(t time.Time) { f.int(int(t.Unix())) }

func (f *fingerprinter) optInt(n *int) {
	if n == nil {
		f.b = append(f.b, 0)
		return
	}
	f.b = append(f.b, 1)
	f.int(*n)
}

func (f *fingerprinter) bool(b *bool) {
	switch {
	case b == nil:
		f.b = append(f.b, 0)
	case *b:
		f.b = append(f.b, 2)
	default:
		f.b = append(f.b, 1)
	}
}

func (f *fingerprinter) float(x *float64) {
	if x == nil {
		f.b = append(f.b, 0)
		return
	}
	f.b = binary.BigEndian.AppendUint64(append(f.b, 1), math.Float64bits(*x))
}
