package gdelt

import (
	"strings"

	"dossier/country"
)

// resolveCountry returns the ISO alpha-3 code and GDELT's own name of the
// action's country. fips is ActionGeo_CountryCode (FIPS 10-4); fullName is
// ActionGeo_FullName, which GDELT writes as "place, ADM1, country" or, for
// a country-level location (ActionGeo_Type 1), as the country's name.
// The code comes from the FIPS code, or failing that from the name; it is
// "" when neither resolves. The name is GDELT's text as written.
func resolveCountry(fips, fullName, geoType string) (iso3, name string) {
	name = fullName
	if geoType != "1" {
		if i := strings.LastIndex(fullName, ","); i >= 0 {
			name = strings.TrimSpace(fullName[i+1:])
		}
	}
	if c, ok := country.ByFIPS(fips); ok {
		return c.ISO3, name
	}
	if name != "" {
		if c, ok := country.ByName(name); ok {
			return c.ISO3, name
		}
	}
	return "", name
}
