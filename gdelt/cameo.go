package gdelt

import "dossier"

// Classify maps a CAMEO event code (GDELT EventCode, 2 to 4 digits) to the
// shared event type, and reports whether the code says the attack was a
// suicide bombing (1831).
//
//	18x  assault: 181 kidnapping, 182 unarmed_assault (1821 sexual_violence),
//	     183x bombing, 185 and 186 assassination, other 18x attack
//	19x  fight: 194 and 195x remote_violence, other 19x battle
//	20x  mass_violence
//	145x riot, other 14x protest
//	anything else, blank or malformed: other
func Classify(code string) (t dossier.EventType, suicide bool) {
	if len(code) < 2 || !isDigits(code, 2, 4) {
		return dossier.TypeOther, false
	}
	root, rest := code[:2], code[2:]
	switch root {
	case "18":
		switch {
		case hasPrefix(rest, "1"):
			return dossier.TypeKidnapping, false
		case rest == "21":
			return dossier.TypeSexualViolence, false
		case hasPrefix(rest, "2"):
			return dossier.TypeUnarmedAssault, false
		case hasPrefix(rest, "3"):
			return dossier.TypeBombing, rest == "31"
		case hasPrefix(rest, "5"), hasPrefix(rest, "6"):
			return dossier.TypeAssassination, false
		}
		return dossier.TypeAttack, false
	case "19":
		if hasPrefix(rest, "4") || hasPrefix(rest, "5") {
			return dossier.TypeRemoteViolence, false
		}
		return dossier.TypeBattle, false
	case "20":
		return dossier.TypeMassViolence, false
	case "14":
		if hasPrefix(rest, "5") {
			return dossier.TypeRiot, false
		}
		return dossier.TypeProtest, false
	}
	return dossier.TypeOther, false
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// violent reports whether the code is an assault, a fight or mass violence
// (CAMEO roots 18, 19, 20): events where Actor2 is the one attacked.
func violent(code string) bool {
	return len(code) >= 2 && code[0] == '1' && (code[1] == '8' || code[1] == '9') ||
		len(code) >= 2 && code[0] == '2' && code[1] == '0'
}

// targetCategories maps Actor2's CAMEO role codes (Type1..Type3), religion
// and ethnic codes to shared target categories, without duplicates. Codes
// with no clear category (HLH, LAB, CRM, ELI…) add none.
func targetCategories(type1, type2, type3, religion, ethnic string) []dossier.TargetCategory {
	var out []dossier.TargetCategory
	add := func(c dossier.TargetCategory) {
		for _, x := range out {
			if x == c {
				return
			}
		}
		out = append(out, c)
	}
	for _, t := range [3]string{type1, type2, type3} {
		if c, ok := roleCategory(t); ok {
			add(c)
		}
	}
	if religion != "" || ethnic != "" {
		add(dossier.TargetReligious)
	}
	return out
}

// roleCategory maps one CAMEO actor role code to a target category.
func roleCategory(code string) (dossier.TargetCategory, bool) {
	switch code {
	case "CVL", "REF", "SET":
		return dossier.TargetCivilians, true
	case "COP":
		return dossier.TargetPolice, true
	case "MIL", "PKO":
		return dossier.TargetMilitary, true
	case "GOV", "LEG", "JUD", "SPY":
		return dossier.TargetGovernment, true
	case "UNO", "IGO":
		return dossier.TargetDiplomatic, true
	case "MED":
		return dossier.TargetJournalists, true
	case "EDU":
		return dossier.TargetEducation, true
	case "NGO", "NGM", "IRC", "AMN", "HRI", "DEV", "GRP":
		return dossier.TargetAidWorkers, true
	case "BUS", "MNC":
		return dossier.TargetBusiness, true
	case "REB", "INS", "SEP", "UAF", "IMG":
		return dossier.TargetNonState, true
	case "OPP":
		return dossier.TargetPolitical, true
	}
	return "", false
}
