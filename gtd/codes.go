package gtd

import (
	"strings"

	"dossier"
)

// attackTypes maps GTD attack types (attacktype1_txt) to the shared event
// types. Keys are the codebook's spellings; lookups fall back to a
// case-insensitive match.
var attackTypes = map[string]dossier.EventType{
	"Assassination":                       dossier.TypeAssassination,
	"Armed Assault":                       dossier.TypeArmedAssault,
	"Bombing/Explosion":                   dossier.TypeBombing,
	"Hijacking":                           dossier.TypeHijacking,
	"Hostage Taking (Barricade Incident)": dossier.TypeHostageTaking,
	"Hostage Taking (Kidnapping)":         dossier.TypeKidnapping,
	"Facility/Infrastructure Attack":      dossier.TypeFacilityAttack,
	"Unarmed Assault":                     dossier.TypeUnarmedAssault,
	"Unknown":                             dossier.TypeAttack,
}

// attackCodes gives the codebook's text for each attacktype1 code, for
// files that carry the code without its _txt column.
var attackCodes = map[int]string{
	1: "Assassination",
	2: "Armed Assault",
	3: "Bombing/Explosion",
	4: "Hijacking",
	5: "Hostage Taking (Barricade Incident)",
	6: "Hostage Taking (Kidnapping)",
	7: "Facility/Infrastructure Attack",
	8: "Unarmed Assault",
	9: "Unknown",
}

// targetTypes maps GTD target/victim types (targtype1_txt) to the shared
// target categories.
var targetTypes = map[string]dossier.TargetCategory{
	"Business":                       dossier.TargetBusiness,
	"Government (General)":           dossier.TargetGovernment,
	"Police":                         dossier.TargetPolice,
	"Military":                       dossier.TargetMilitary,
	"Abortion Related":               dossier.TargetOther,
	"Airports & Aircraft":            dossier.TargetTransport,
	"Government (Diplomatic)":        dossier.TargetDiplomatic,
	"Educational Institution":        dossier.TargetEducation,
	"Food or Water Supply":           dossier.TargetInfrastructure,
	"Journalists & Media":            dossier.TargetJournalists,
	"Maritime":                       dossier.TargetTransport,
	"NGO":                            dossier.TargetAidWorkers,
	"Other":                          dossier.TargetOther,
	"Private Citizens & Property":    dossier.TargetCivilians,
	"Religious Figures/Institutions": dossier.TargetReligious,
	"Telecommunication":              dossier.TargetInfrastructure,
	"Terrorists/Non-State Militia":   dossier.TargetNonState,
	"Tourists":                       dossier.TargetTourists,
	"Transportation":                 dossier.TargetTransport,
	"Unknown":                        dossier.TargetUnknown,
	"Utilities":                      dossier.TargetInfrastructure,
	"Violent Political Party":        dossier.TargetPolitical,
}

// targetCodes gives the codebook's text for each targtype code.
var targetCodes = map[int]string{
	1:  "Business",
	2:  "Government (General)",
	3:  "Police",
	4:  "Military",
	5:  "Abortion Related",
	6:  "Airports & Aircraft",
	7:  "Government (Diplomatic)",
	8:  "Educational Institution",
	9:  "Food or Water Supply",
	10: "Journalists & Media",
	11: "Maritime",
	12: "NGO",
	13: "Other",
	14: "Private Citizens & Property",
	15: "Religious Figures/Institutions",
	16: "Telecommunication",
	17: "Terrorists/Non-State Militia",
	18: "Tourists",
	19: "Transportation",
	20: "Unknown",
	21: "Utilities",
	22: "Violent Political Party",
}

// lookupText finds s in m: exactly, then case-insensitively with spaces
// folded, then without a trailing parenthesised note (the codebook writes
// "Maritime (includes ports and maritime facilities)" where the data
// writes "Maritime").
func lookupText[V any](m map[string]V, s string) (V, bool) {
	if v, ok := m[s]; ok {
		return v, true
	}
	var zero V
	if s == "" {
		return zero, false
	}
	s = strings.Join(strings.Fields(s), " ")
	for k, v := range m {
		if strings.EqualFold(k, s) {
			return v, true
		}
	}
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		return lookupText(m, strings.TrimSpace(s[:i]))
	}
	return zero, false
}

// numericColumns are the GTD columns that hold numbers or codes. Their
// values in Details are normalised ("2.0" becomes "2"), as spreadsheet
// exports write whole numbers either way.
var numericColumns = map[string]bool{
	"extended": true, "country": true, "region": true, "specificity": true, "vicinity": true,
	"crit1": true, "crit2": true, "crit3": true, "alternative": true, "multiple": true,
	"attacktype1": true, "attacktype2": true, "attacktype3": true,
	"targtype1": true, "targtype2": true, "targtype3": true,
	"targsubtype1": true, "targsubtype2": true, "targsubtype3": true,
	"natlty1": true, "natlty2": true, "natlty3": true,
	"individual": true, "nperps": true, "nperpcap": true,
	"claimmode": true, "claim2": true, "claimmode2": true, "claim3": true, "claimmode3": true, "compclaim": true,
	"weaptype1": true, "weaptype2": true, "weaptype3": true, "weaptype4": true,
	"weapsubtype1": true, "weapsubtype2": true, "weapsubtype3": true, "weapsubtype4": true,
	"nkillus": true, "nkillter": true, "nwoundus": true, "nwoundte": true,
	"property": true, "propextent": true, "propvalue": true,
	"ishostkid": true, "nhostkidus": true, "nhours": true, "ndays": true,
	"ransom": true, "ransomamt": true, "ransomamtus": true, "ransompaid": true, "ransompaidus": true,
	"hostkidoutcome": true, "nreleased": true,
	"int_log": true, "int_ideo": true, "int_misc": true, "int_any": true,
}
