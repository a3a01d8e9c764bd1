package ucdp

import "dossier/country"

// byGW maps a Gleditsch–Ward country number (GED country_id) to ISO3, ""
// when unknown.
func byGW(s string) string {
	n, ok := parseSmallInt(s)
	if !ok {
		return ""
	}
	if c, ok := country.ByGW(n); ok {
		return c.ISO3
	}
	return ""
}
