package acled

import (
	"bytes"
	"strconv"
	"strings"

	"dossier"
)

// eventType maps ACLED's event_type and sub_event_type, current or pre-2019,
// to the shared event type:
//
//	Battles, Battle-* (pre-2019)                      battle
//	Explosions/Remote violence: Suicide bomb,
//	  Remote explosive/landmine/IED, Grenade          bombing
//	Explosions/Remote violence: any other sub-event
//	  (Shelling/artillery/missile attack,
//	  Air/drone strike, Chemical weapon) or none      remote_violence
//	Remote violence (pre-2019)                        remote_violence
//	Violence against civilians: Attack or none        armed_assault
//	  Abduction/forced disappearance                  kidnapping
//	  Sexual violence                                 sexual_violence
//	Protests, Riots/Protests (pre-2019)               protest
//	Riots, and the sub-events Mob violence and
//	  Violent demonstration                           riot
//	Strategic developments, and pre-2019
//	  Strategic development, Headquarters or base
//	  established, Non-violent transfer of territory,
//	  Non-violent activity by a conflict actor        strategic_development
//	anything else                                     other
func eventType(typ, sub string) dossier.EventType {
	eq := strings.EqualFold
	if eq(sub, "Mob violence") || eq(sub, "Violent demonstration") {
		return dossier.TypeRiot
	}
	switch {
	case eq(typ, "Battles") || hasPrefixFold(typ, "Battle-") || eq(typ, "Battle"):
		return dossier.TypeBattle
	case eq(typ, "Explosions/Remote violence"):
		if eq(sub, "Suicide bomb") || eq(sub, "Remote explosive/landmine/IED") || eq(sub, "Grenade") {
			return dossier.TypeBombing
		}
		return dossier.TypeRemoteViolence
	case eq(typ, "Remote violence"):
		return dossier.TypeRemoteViolence
	case eq(typ, "Violence against civilians"):
		switch {
		case eq(sub, "Abduction/forced disappearance"):
			return dossier.TypeKidnapping
		case eq(sub, "Sexual violence"):
			return dossier.TypeSexualViolence
		}
		return dossier.TypeArmedAssault
	case eq(typ, "Protests"), eq(typ, "Riots/Protests"):
		return dossier.TypeProtest
	case eq(typ, "Riots"):
		return dossier.TypeRiot
	case eq(typ, "Strategic developments"), eq(typ, "Strategic development"),
		eq(typ, "Headquarters or base established"), eq(typ, "Non-violent transfer of territory"),
		eq(typ, "Non-violent activity by a conflict actor"):
		return dossier.TypeStrategic
	}
	return dossier.TypeOther
}

// ACLED's actor types (inter1, inter2), written as numbers until 2024 and
// as words since.
const (
	interNone      = 0
	interState     = 1 // State forces
	interRebel     = 2 // Rebel group
	interPolitical = 3 // Political militia
	interIdentity  = 4 // Identity militia
	interRioters   = 5
	interProtester = 6
	interCivilians = 7
	interExternal  = 8  // External/Other forces
	interUnknown   = -1 // blank, NA or unrecognised
)

// interCode reads an inter1/inter2 value: "7", "7.0" or "Civilians".
func interCode(s string) int {
	if s == "" {
		return interUnknown
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 0 && n <= 8 {
			return n
		}
		return interUnknown
	}
	if n, ok := wholeNumber(s); ok && n >= 0 && n <= 8 {
		return n
	}
	switch {
	case hasPrefixFold(s, "State force"):
		return interState
	case hasPrefixFold(s, "Rebel"):
		return interRebel
	case hasPrefixFold(s, "Political militia"):
		return interPolitical
	case hasPrefixFold(s, "Identity militia"):
		return interIdentity
	case hasPrefixFold(s, "Rioter"):
		return interRioters
	case hasPrefixFold(s, "Protester"):
		return interProtester
	case hasPrefixFold(s, "Civilian"):
		return interCivilians
	case hasPrefixFold(s, "External"), hasPrefixFold(s, "Other"):
		return interExternal
	}
	return interUnknown
}

// keyword is a word in an ACLED actor name that says what sort of target the
// actor is. ACLED names actors systematically ("Police Forces of Benin
// (2016-)", "Journalists (Mali)", "Christian Group (Niger)"), so a few words
// classify most targets. Words are matched in any case, acronyms exactly,
// so that NGO does not match Congo.
type keyword struct {
	lower   []byte // a word to match in any case, in lower case
	acronym string // or an acronym to match as written
	cat     dossier.TargetCategory
}

func anyCase(w string, c dossier.TargetCategory) keyword { return keyword{lower: []byte(w), cat: c} }
func acronym(w string, c dossier.TargetCategory) keyword { return keyword{acronym: w, cat: c} }

// keywords are tried in order for the target actor and each actor
// associated with it.
var keywords = []keyword{
	anyCase("police forces", dossier.TargetPolice),
	anyCase("gendarmerie", dossier.TargetPolice),
	anyCase("military forces", dossier.TargetMilitary),
	anyCase("stabilization mission", dossier.TargetMilitary),
	anyCase("peacekeep", dossier.TargetMilitary),
	anyCase("government of", dossier.TargetGovernment),
	anyCase("journalist", dossier.TargetJournalists),
	anyCase("aid worker", dossier.TargetAidWorkers),
	anyCase("humanitarian", dossier.TargetAidWorkers),
	anyCase("red cross", dossier.TargetAidWorkers),
	anyCase("red crescent", dossier.TargetAidWorkers),
	acronym("NGO", dossier.TargetAidWorkers),
	acronym("ICRC", dossier.TargetAidWorkers),
	acronym("UNHCR", dossier.TargetAidWorkers),
	acronym("UNICEF", dossier.TargetAidWorkers),
	acronym("WFP", dossier.TargetAidWorkers),
	anyCase("teacher", dossier.TargetEducation),
	anyCase("student", dossier.TargetEducation),
	anyCase("school", dossier.TargetEducation),
	anyCase("private security", dossier.TargetBusiness),
	anyCase("traders", dossier.TargetBusiness),
	anyCase("business", dossier.TargetBusiness),
	anyCase("drivers", dossier.TargetTransport),
	anyCase("party", dossier.TargetPolitical),
	anyCase("ethnic group", dossier.TargetReligious),
}

// religions name religious groups, in lower case; a name holding one is a
// religious target ("Christian Group (Benin)", "Sufi Muslim Group (Benin)")
// unless ACLED writes it "ACRONYM: Full name", as it does armed groups and
// parties ("JNIM: Group for Support of Islam and Muslims").
var religions = [][]byte{[]byte("christian"), []byte("catholic"), []byte("protestant"), []byte("muslim"),
	[]byte("sufi"), []byte("shia"), []byte("sunni"), []byte("ahmadi"), []byte("hindu"), []byte("sikh"),
	[]byte("jewish"), []byte("buddhist"), []byte("vodun"), []byte("clergy"), []byte("church"), []byte("religious")}

var (
	wordPolice     = []byte("police")
	wordGendarmes  = []byte("gendarmerie")
	wordGovernment = []byte("government of")
	wordPrivate    = []byte("private security")
	wordMilitia    = []byte("militia")
)

// targetCategories classifies who the target side of an event was, from
// inter2 (ACLED's type of actor2), the civilian_targeting flag and the names
// of actor2 and its associated actors:
//
//   - civilians when civilian_targeting says "Civilian targeting" or inter2
//     is 7 (Civilians);
//   - for inter2 1 (State forces): police for "Police Forces…" or
//     "…Gendarmerie", government for "Government of…", otherwise military;
//   - for inter2 8 (External/Other forces): police, business for private
//     security, otherwise military (foreign armies, peacekeeping missions);
//   - non_state_armed for inter2 2, 3 and 4 (rebels, political and identity
//     militias);
//   - then, for every target name, the keywords above: police, military,
//     government, journalists, aid workers, education, business, transport,
//     political parties ("Party"), and religious for religious and ethnic
//     groups (the category covers both). Names of militias add nothing, nor
//     does actor2 when inter2 says it is an armed group.
//
// Rioters and protesters (inter2 5 and 6) add nothing by themselves.
func targetCategories(inter2 int, civilianTargeting bool, actor2, assoc2 string) []dossier.TargetCategory {
	var cats []dossier.TargetCategory
	if civilianTargeting || inter2 == interCivilians {
		cats = addCat(cats, dossier.TargetCivilians)
	}
	var buf [128]byte
	lc := lowerInto(buf[:0], actor2)
	switch inter2 {
	case interState:
		switch {
		case bytes.Contains(lc, wordPolice) || bytes.Contains(lc, wordGendarmes):
			cats = addCat(cats, dossier.TargetPolice)
		case bytes.Contains(lc, wordGovernment):
			cats = addCat(cats, dossier.TargetGovernment)
		default:
			cats = addCat(cats, dossier.TargetMilitary)
		}
	case interExternal:
		switch {
		case bytes.Contains(lc, wordPolice) || bytes.Contains(lc, wordGendarmes):
			cats = addCat(cats, dossier.TargetPolice)
		case bytes.Contains(lc, wordPrivate):
			cats = addCat(cats, dossier.TargetBusiness)
		case actor2 != "":
			cats = addCat(cats, dossier.TargetMilitary)
		}
	case interRebel, interPolitical, interIdentity:
		cats = addCat(cats, dossier.TargetNonState)
	}
	if inter2 != interRebel && inter2 != interPolitical && inter2 != interIdentity {
		cats = nameCategories(cats, actor2, lc)
	}
	for list := assoc2; list != ""; {
		name, rest, _ := strings.Cut(list, ";")
		name = strings.TrimSpace(name)
		cats = nameCategories(cats, name, lowerInto(buf[:0], name))
		list = rest
	}
	return cats
}

// nameCategories adds the categories the keywords find in name; lc is name
// in lower case.
func nameCategories(cats []dossier.TargetCategory, name string, lc []byte) []dossier.TargetCategory {
	if name == "" || name == "NA" || bytes.Contains(lc, wordMilitia) {
		return cats
	}
	for _, k := range keywords {
		if k.acronym != "" && strings.Contains(name, k.acronym) || k.lower != nil && bytes.Contains(lc, k.lower) {
			cats = addCat(cats, k.cat)
			if k.cat == dossier.TargetPolice {
				break // "Military Forces of Niger (2011-) Gendarmerie" is police only
			}
		}
	}
	if strings.IndexByte(name, ':') < 0 {
		for _, r := range religions {
			if bytes.Contains(lc, r) {
				cats = addCat(cats, dossier.TargetReligious)
				break
			}
		}
	}
	return cats
}

// lowerInto appends s to buf in ASCII lower case.
func lowerInto(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		buf = append(buf, lower(s[i]))
	}
	return buf
}

func addCat(cats []dossier.TargetCategory, c dossier.TargetCategory) []dossier.TargetCategory {
	for _, have := range cats {
		if have == c {
			return cats
		}
	}
	return append(cats, c)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
