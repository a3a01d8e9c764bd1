// Package country maps the many ways providers name a country (ISO 3166
// alpha-3 and numeric codes, English names and their variants) to one
// ISO 3166 alpha-3 code and name.
package country

import (
	"strings"
)

// Country is a country or territory.
type Country struct {
	ISO3     string // ISO 3166-1 alpha-3 (ISO 3166-3 for withdrawn countries)
	ISO2     string
	Numeric  int    // ISO 3166-1 numeric, 0 when none
	Name     string // common English name
	Official string
	Historic bool // withdrawn from ISO 3166-1 (Soviet Union, Yugoslavia…)
}

var (
	byISO3    = map[string]Country{}
	byNumeric = map[int]Country{}
	byName    = map[string]Country{}
)

func init() {
	for _, c := range historic {
		add(c)
	}
	for _, c := range iso { // current codes win over withdrawn ones
		add(c)
	}
}

func add(c Country) {
	byISO3[c.ISO3] = c
	if c.Numeric != 0 {
		byNumeric[c.Numeric] = c
	}
	byName[key(c.Name)] = c
	byName[key(c.Official)] = c
}

// key normalises a name for lookup: lower case, single spaces.
func key(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// ByISO3 returns the country with the ISO 3166 alpha-3 code (any case).
func ByISO3(code string) (Country, bool) {
	c, ok := byISO3[strings.ToUpper(strings.TrimSpace(code))]
	return c, ok
}

// ByNumeric returns the country with the ISO 3166-1 numeric code.
func ByNumeric(n int) (Country, bool) {
	c, ok := byNumeric[n]
	return c, ok
}

// ByName returns the country an English name refers to.
func ByName(name string) (Country, bool) {
	c, ok := byName[key(name)]
	return c, ok
}

// Lookup accepts an alpha-3 code or a name, as users type them.
func Lookup(s string) (Country, bool) {
	if c, ok := ByISO3(s); ok {
		return c, true
	}
	return ByName(s)
}
