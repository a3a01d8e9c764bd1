package interchange

import "dossier"

// field is one column of the interchange format.
type field int

// The columns, in the order the writers write them.
const (
	fSource field = iota
	fSourceID
	fSourceVersion
	fLicence
	fDate
	fDateEnd
	fDatePrecision
	fCountry
	fCountryName
	fAdmin1
	fAdmin2
	fPlace
	fLatitude
	fLongitude
	fGeoPrecision
	fType
	fSourceType
	fSourceSubtype
	fPerpetrator
	fUncertainPerpetrator
	fAssociated
	fTarget
	fTargetCategory
	fFatalities
	fFatalitiesLow
	fFatalitiesHigh
	fInjuries
	fHostages
	fSuicide
	fClaimed
	fSuccess
	fDoubtful
	fSummary
	fCitation
	fDetails
	nFields
)

var columnNames = [nFields]string{
	fSource:               "source",
	fSourceID:             "source_id",
	fSourceVersion:        "source_version",
	fLicence:              "licence",
	fDate:                 "date",
	fDateEnd:              "date_end",
	fDatePrecision:        "date_precision",
	fCountry:              "country",
	fCountryName:          "country_name",
	fAdmin1:               "admin1",
	fAdmin2:               "admin2",
	fPlace:                "place",
	fLatitude:             "latitude",
	fLongitude:            "longitude",
	fGeoPrecision:         "geo_precision",
	fType:                 "type",
	fSourceType:           "source_type",
	fSourceSubtype:        "source_subtype",
	fPerpetrator:          "perpetrator",
	fUncertainPerpetrator: "uncertain_perpetrator",
	fAssociated:           "associated",
	fTarget:               "target",
	fTargetCategory:       "target_category",
	fFatalities:           "fatalities",
	fFatalitiesLow:        "fatalities_low",
	fFatalitiesHigh:       "fatalities_high",
	fInjuries:             "injuries",
	fHostages:             "hostages",
	fSuicide:              "suicide",
	fClaimed:              "claimed",
	fSuccess:              "success",
	fDoubtful:             "doubtful",
	fSummary:              "summary",
	fCitation:             "citation",
	fDetails:              "details",
}

// required are the columns every file must have.
var required = []field{fSourceID, fDate, fCountry}

// byName finds a field by its normalised column name. It is filled once
// at package initialisation and only read afterwards.
var byName = func() map[string]field {
	m := make(map[string]field, nFields)
	for f, n := range columnNames {
		m[n] = field(f)
	}
	return m
}()

// multiValued reports whether a column holds several values separated by
// semicolons (or, in JSON, an array).
func multiValued(f field) bool {
	switch f {
	case fPerpetrator, fUncertainPerpetrator, fAssociated, fTarget, fTargetCategory, fCitation:
		return true
	}
	return false
}

// Separator separates the values of a multi-valued column: perpetrator,
// uncertain_perpetrator, associated, target, target_category and
// citation. A value that itself contains it cannot be written in CSV.
const Separator = ";"

// Columns returns the interchange columns in the order the writers write
// them. The result is a new slice on every call.
func Columns() []string {
	return append([]string(nil), columnNames[:]...)
}

// eventTypes and targetCategories are the only values the type and
// target_category columns accept.
var (
	eventTypes       = dossier.EventTypes()
	targetCategories = dossier.TargetCategories()
)
