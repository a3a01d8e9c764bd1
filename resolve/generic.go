package resolve

import "strings"

// Names of no armed group. Datasets write them by a few conventions:
// ACLED "Civilians (Mali)", "Military Forces of Mali (2013-)", "Police
// Forces of Benin (2016-) Gendarmerie", "Rioters (Benin)", "Tchaourou
// Communal Militia (Benin)", "Dogon Ethnic Group (Mali)", "Muslim Group
// (Niger)", "Unidentified Armed Group (Mali)", "Islamist Militia (Mali)";
// UCDP "Government of Pakistan", "Civilians", "Supporters of PPP"; GTD
// "Unknown" and its descriptors of unaffiliated perpetrators ("Anti-Muslim
// extremists", "Separatists"). The lists hold the conventions' category
// words, never the names of groups.
var (
	// unattributedNames are whole names that name no perpetrator.
	unattributedNames = []string{"", "unknown", "unknown group", "unknown groups", "unidentified", "unaffiliated individual s",
		"unaffiliated individual", "individual", "individuals", "other", "others", "gunmen", "unknown gunmen",
		"separatists", "anarchists", "tribesmen", "militants", "insurgents", "rebels", "jihadists"}
	// unattributedPrefixes start names of perpetrators left unidentified.
	unattributedPrefixes = []string{"unidentified ", "unknown ", "unnamed ", "suspected "}
	// unattributedBases are names, without their parenthesised country,
	// of militias the dataset does not identify: ACLED "Islamist Militia
	// (Mali)", "Militia (Pro-Government)".
	unattributedBases = []string{"militia", "militias", "islamist militia", "vigilante militia", "vigilante group",
		"armed group", "armed militia", "pro government militia", "islamist group", "jihadist group"}
	// genericPrefixes start names of civilians, state forces, crowds and
	// social groups.
	genericPrefixes = []string{"civilians", "civilian", "protesters", "protestors", "rioters", "military forces of",
		"police forces of", "government of", "mutiny of", "forces of the government", "private security forces",
		"prison guards", "students", "labour group", "labor group", "refugees idps", "refugees", "journalists",
		"health workers", "aid workers", "teachers", "farmers", "herders", "pastoralists", "women", "fishers",
		"prisoners", "taxi drivers", "pirates", "lgbtq", "supporters of", "lawyers", "judges", "traders",
		"miners", "poachers", "smugglers", "displaced persons", "internally displaced"}
	// genericEndings end names of ethnic, communal and religious groups
	// and their militias: "Fulani Ethnic Militia (Mali)".
	genericEndings = []string{"communal militia", "communal group", "ethnic militia", "ethnic group", "ethnic groups",
		"muslim group", "christian group", "christian militia", "muslim militia", "religious group", "vodun group",
		"tribal militia", "clan militia", "communal militias", "ethnic militias"}
)

// generic recognises names that are not armed groups: no perpetrator
// named ("Unknown", RuleUnattributed) or civilians, state forces, crowds
// and communities (RuleGeneric). name is the name as written, key its
// normalised form.
func generic(name, key string) string {
	for _, n := range unattributedNames {
		if key == n {
			return RuleUnattributed
		}
	}
	for _, p := range unattributedPrefixes {
		if strings.HasPrefix(key, p) {
			return RuleUnattributed
		}
	}
	// GTD's descriptors of perpetrators without a group: "Left-wing
	// extremists", "Anti-Police extremists".
	if strings.HasSuffix(key, " extremists") {
		return RuleUnattributed
	}
	for _, p := range genericPrefixes {
		if key == p || strings.HasPrefix(key, p+" ") {
			return RuleGeneric
		}
	}
	base := name
	for b, _, ok := paren(base); ok && b != ""; b, _, ok = paren(b) {
		base = b
	}
	baseKey := key
	if base != name {
		baseKey = Normalize(base)
	}
	for _, b := range unattributedBases {
		if baseKey == b && base != name {
			return RuleUnattributed
		}
	}
	words := strings.Fields(baseKey)
	for _, end := range genericEndings {
		ew := strings.Fields(end)
		if len(words) < len(ew) {
			continue
		}
		tail := words[len(words)-len(ew):]
		match := true
		for i := range ew {
			// ACLED's own typos: "Gandakoy Ethinic Militia (Mali)".
			if tail[i] != ew[i] && !(len(ew[i]) >= 6 && levenshtein(tail[i], ew[i], 1) <= 1) {
				match = false
				break
			}
		}
		if match {
			return RuleGeneric
		}
	}
	return ""
}
