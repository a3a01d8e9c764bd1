package country

// Test hooks: the black-box tests in package country_test see these.

// Key is the name normalisation the lookups use.
var Key = key

// VariantTable is one hand-written or generated table of name variants.
type VariantTable struct {
	Source string
	Names  [][2]string // name, ISO3
}

// VariantTables returns every table of name variants ByName consults.
func VariantTables() []VariantTable {
	var out []VariantTable
	for _, t := range variantTables {
		vt := VariantTable{Source: t.source}
		for _, v := range t.names {
			vt.Names = append(vt.Names, [2]string{v.name, v.iso3})
		}
		out = append(out, vt)
	}
	return out
}

// Renamed returns the withdrawn codes whose names resolve to a current code.
func Renamed() map[string]string {
	m := map[string]string{}
	for k, v := range renamed {
		m[k] = v
	}
	return m
}
