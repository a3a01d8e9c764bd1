package country_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"dossier/country"
)

func TestByISO3(t *testing.T) {
	tests := []struct {
		code     string
		want     string // ISO3, "" when not found
		name     string
		historic bool
	}{
		{"AFG", "AFG", "Afghanistan", false},
		{" pak ", "PAK", "Pakistan", false},
		{"cod", "COD", "Congo, The Democratic Republic of the", false},
		{"SUN", "SUN", "Soviet Union", true},
		{"YUG", "YUG", "Yugoslavia", true},
		{"DDR", "DDR", "East Germany", true},
		{"ZAR", "ZAR", "Zaire", true},
		{"XKX", "XKX", "Kosovo", false},
		{"XIW", "XIW", "International waters", false},
		{"ATF", "ATF", "French Southern Territories", false}, // current code, not the withdrawn FQ entry
		{"XXX", "", "", false},
		{"AF", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		got, ok := country.ByISO3(tt.code)
		if ok != (tt.want != "") || got.ISO3 != tt.want || got.Name != tt.name || got.Historic != tt.historic {
			t.Errorf("ByISO3(%q) = %s %q historic=%v, %v; want %s %q historic=%v",
				tt.code, got.ISO3, got.Name, got.Historic, ok, tt.want, tt.name, tt.historic)
		}
	}
}

func TestByNumeric(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{4, "AFG"},
		{586, "PAK"},
		{204, "BEN"}, // current Benin, not withdrawn Dahomey
		{180, "COD"}, // current, not Zaire
		{810, "SUN"},
		{278, "DDR"},
		{720, "YMD"},
		{0, ""},
		{999, ""},
		{-4, ""},
	}
	for _, tt := range tests {
		got, ok := country.ByNumeric(tt.n)
		if ok != (tt.want != "") || got.ISO3 != tt.want {
			t.Errorf("ByNumeric(%d) = %s, %v; want %q", tt.n, got.ISO3, ok, tt.want)
		}
	}
}

func TestByName(t *testing.T) {
	tests := []struct {
		name string
		want string // ISO3, "" when it must not resolve
	}{
		// ISO names, any case, spacing, accents and punctuation.
		{"Afghanistan", "AFG"},
		{"  AFGHANISTAN ", "AFG"},
		{"Côte d'Ivoire", "CIV"},
		{"Cote d’Ivoire", "CIV"},
		{"COTE D' IVOIRE", "CIV"},
		{"Türkiye", "TUR"},
		{"Curaçao", "CUW"},
		{"Åland Islands", "ALA"},
		{"Sao Tome and Principe", "STP"},
		{"Antigua & Barbuda", "ATG"},
		{"Guinea Bissau", "GNB"},
		{"Timor Leste", "TLS"},
		{"The Netherlands", "NLD"},
		{"Russian Federation", "RUS"},
		{"Syrian Arab Republic", "SYR"},
		{"Viet Nam", "VNM"},
		{"Lao People's Democratic Republic", "LAO"},
		{"Islamic Republic of Iran", "IRN"},
		{"United States of America", "USA"},
		{"Niger", "NER"},
		{"Nigeria", "NGA"},
		{"Sudan", "SDN"},
		{"South Sudan", "SSD"},
		{"Dominica", "DMA"},
		{"Dominican Republic", "DOM"},
		{"Congo", "COG"},
		{"Georgia", "GEO"},
		// GTD country_txt.
		{"West Bank and Gaza Strip", "PSE"},
		{"Democratic Republic of the Congo", "COD"},
		{"Republic of the Congo", "COG"},
		{"People's Republic of the Congo", "COG"},
		{"Ivory Coast", "CIV"},
		{"Bosnia-Herzegovina", "BIH"},
		{"Soviet Union", "SUN"},
		{"Yugoslavia", "YUG"},
		{"Czechoslovakia", "CSK"},
		{"East Germany (GDR)", "DDR"},
		{"West Germany (FRG)", "DEU"},
		{"South Yemen", "YMD"},
		{"North Yemen", "YEM"},
		{"Zaire", "COD"},
		{"Rhodesia", "ZWE"},
		{"New Hebrides", "VUT"},
		{"International", "XIW"},
		{"Kosovo", "XKX"},
		{"Macau", "MAC"},
		{"Vatican City", "VAT"},
		{"Great Britain", "GBR"},
		{"Serbia-Montenegro", "SCG"},
		{"Slovak Republic", "SVK"},
		{"St. Kitts and Nevis", "KNA"},
		{"St. Lucia", "LCA"},
		{"Falkland Islands", "FLK"},
		{"East Timor", "TLS"},
		{"Swaziland", "SWZ"},
		{"Man, Isle of", "IMN"},
		// UCDP GED.
		{"Russia (Soviet Union)", "RUS"},
		{"DR Congo (Zaire)", "COD"},
		{"Yemen (North Yemen)", "YEM"},
		{"Serbia (Yugoslavia)", "SRB"},
		{"Cambodia (Kampuchea)", "KHM"},
		{"Madagascar (Malagasy)", "MDG"},
		{"Zimbabwe (Rhodesia)", "ZWE"},
		{"Myanmar (Burma)", "MMR"},
		{"Vietnam (North Vietnam)", "VNM"},
		{"Kingdom of eSwatini (Swaziland)", "SWZ"},
		{"Macedonia, FYR", "MKD"},
		// ACLED.
		{"Democratic Republic of Congo", "COD"},
		{"Republic of Congo", "COG"},
		{"eSwatini", "SWZ"},
		{"Palestine", "PSE"},
		{"Bailiwick of Guernsey", "GGY"},
		{"Bailiwick of Jersey", "JEY"},
		{"Caribbean Netherlands", "BES"},
		{"Saint-Barthelemy", "BLM"},
		{"Saint-Martin", "MAF"},
		{"Sint Maarten", "SXM"},
		{"Akrotiri and Dhekelia", "GBR"},
		{"Micronesia", "FSM"},
		{"Virgin Islands, U.S.", "VIR"},
		{"Indian Ocean", "XIW"},
		// Common English forms.
		{"USA", "USA"},
		{"U.S.A.", "USA"},
		{"US", "USA"},
		{"U.S.", "USA"},
		{"UK", "GBR"},
		{"Russia", "RUS"},
		{"Iran", "IRN"},
		{"Syria", "SYR"},
		{"South Korea", "KOR"},
		{"North Korea", "PRK"},
		{"Laos", "LAO"},
		{"Vietnam", "VNM"},
		{"Turkey", "TUR"},
		{"Turkiye", "TUR"},
		{"Czechia", "CZE"},
		{"Czech Republic", "CZE"},
		{"Burma", "MMR"},
		{"Cape Verde", "CPV"},
		{"Cabo Verde", "CPV"},
		{"Micronesia, Federated States of", "FSM"},
		{"Holy See", "VAT"},
		{"USSR", "SUN"},
		{"Upper Volta", "BFA"},
		{"Dahomey", "BEN"},
		{"Ceylon", "LKA"},
		// FIPS / Factbook short names.
		{"Korea, South", "KOR"},
		{"Korea, North", "PRK"},
		{"Congo (Kinshasa)", "COD"},
		{"Congo (Brazzaville)", "COG"},
		{"Gambia, The", "GMB"},
		{"Gaza Strip", "PSE"},
		{"Spratly Islands", "XSP"},
		// ISO 3166-3 names: renamed states resolve to today's code,
		// dissolved ones keep theirs.
		{"Zaire, Republic of", "COD"},
		{"Burma, Socialist Republic of the Union of", "MMR"},
		{"Southern Rhodesia", "ZWE"},
		{"USSR, Union of Soviet Socialist Republics", "SUN"},
		{"German Democratic Republic", "DDR"},
		{"Netherlands Antilles", "ANT"},
		{"Sikkim", "SKM"},
		// Inverted forms tried as written the other way round.
		{"Korea, Republic of", "KOR"},
		{"Iran, Islamic Republic of", "IRN"},
		{"Congo, Democratic Republic of the", "COD"},
		{"Bahamas, The", "BHS"},
		{"Bolivia (Plurinational State of)", "BOL"},
		{"Venezuela (Bolivarian Republic of)", "VEN"},
		{"Iran (Islamic Republic of)", "IRN"},
		{"Burma (Myanmar)", "MMR"},
		// Unknown stays unknown.
		{"", ""},
		{"   ", ""},
		{"Korea", ""},
		{"Atlantis", ""},
		{"Unknown", ""},
		{"Multinational", ""},
		{"Russia (Kosovo)", ""}, // parts name different countries
		{"Madagascar (Atlantis)", ""},
		{"Congo, Atlantis", ""},
	}
	for _, tt := range tests {
		got, ok := country.ByName(tt.name)
		if ok != (tt.want != "") || got.ISO3 != tt.want {
			t.Errorf("ByName(%q) = %s, %v; want %q", tt.name, got.ISO3, ok, tt.want)
		}
	}
}

// gtdCountries are the country_txt values of the GTD, 1970–2021, as
// listed in Our World in Data's GTD country mapping (owid/etl, terrorism
// garden step), which covers every value in the data.
var gtdCountries = []string{
	"Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina",
	"Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh",
	"Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia", "Botswana",
	"Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada",
	"Central African Republic", "Chad", "Chile", "China", "Colombia", "Comoros", "Costa Rica",
	"Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechoslovakia",
	"Democratic Republic of the Congo", "Denmark", "Djibouti", "Dominica", "Dominican Republic",
	"East Timor", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea", "Eritrea", "Estonia",
	"Ethiopia", "Falkland Islands", "Fiji", "Finland", "France", "French Guiana",
	"French Polynesia", "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada",
	"Guadeloupe", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras",
	"Hong Kong", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel",
	"Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo",
	"Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya",
	"Lithuania", "Luxembourg", "Macau", "Macedonia", "Madagascar", "Malawi", "Malaysia",
	"Maldives", "Mali", "Malta", "Martinique", "Mauritania", "Mauritius", "Mexico", "Moldova",
	"Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands",
	"New Caledonia", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "Norway",
	"Pakistan", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland",
	"Portugal", "Qatar", "Romania", "Russia", "Rwanda", "Saudi Arabia", "Senegal", "Serbia",
	"Seychelles", "Sierra Leone", "Singapore", "Slovak Republic", "Slovenia", "Solomon Islands",
	"Somalia", "South Africa", "South Korea", "South Sudan", "Soviet Union", "Spain",
	"Sri Lanka", "St. Kitts and Nevis", "St. Lucia", "Sudan", "Suriname", "Swaziland", "Sweden",
	"Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo",
	"Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
	"United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan",
	"Vanuatu", "Venezuela", "Vietnam", "Wallis and Futuna", "Western Sahara", "Yemen",
	"Yugoslavia", "Zambia", "Zimbabwe", "Bosnia-Herzegovina", "East Germany (GDR)",
	"International", "New Hebrides", "North Yemen", "People's Republic of the Congo",
	"Republic of the Congo", "Rhodesia", "Serbia-Montenegro", "South Yemen", "Vatican City",
	"West Bank and Gaza Strip", "West Germany (FRG)", "Zaire",
}

func TestGTDCodebookCountries(t *testing.T) {
	for _, n := range gtdCountries {
		if _, ok := country.ByName(n); !ok {
			t.Errorf("GTD country_txt %q does not resolve", n)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"afg", "AFG"},
		{"SUN", "SUN"},
		{"Afghanistan", "AFG"},
		{"Zaire", "COD"}, // a name: today's code
		{"ZAR", "ZAR"},   // a code: the withdrawn entry
		{"Ivory Coast", "CIV"},
		{"nowhere", ""},
	}
	for _, tt := range tests {
		got, ok := country.Lookup(tt.in)
		if ok != (tt.want != "") || got.ISO3 != tt.want {
			t.Errorf("Lookup(%q) = %s, %v; want %q", tt.in, got.ISO3, ok, tt.want)
		}
	}
}

func TestByFIPS(t *testing.T) {
	tests := []struct {
		code, want string
	}{
		{"AF", "AFG"},
		{"PK", "PAK"},
		{"GM", "DEU"},
		{"UK", "GBR"},
		{"IZ", "IRQ"},
		{"RS", "RUS"},
		{"SU", "SDN"},
		{"OD", "SSD"},
		{"US", "USA"},
		{"CH", "CHN"},
		{"SZ", "CHE"},
		{"SF", "ZAF"},
		{"AS", "AUS"},
		{"AU", "AUT"},
		{"IS", "ISR"},
		{"NI", "NGA"},
		{"NG", "NER"},
		{"CG", "COD"},
		{"CF", "COG"},
		{"KV", "XKX"},
		{"RI", "SRB"},
		{"RB", "SRB"},
		{"MJ", "MNE"},
		{"WE", "PSE"},
		{"GZ", "PSE"},
		{"AY", "ATA"},
		{"ZN", "XIW"},
		{"rp", "PHL"},
		{" ym ", "YEM"},
		{"", ""},
		{"XX", ""},
		{"USA", ""},
		{"U", ""},
	}
	for _, tt := range tests {
		got, ok := country.ByFIPS(tt.code)
		if ok != (tt.want != "") || got.ISO3 != tt.want {
			t.Errorf("ByFIPS(%q) = %s, %v; want %q", tt.code, got.ISO3, ok, tt.want)
		}
	}
}

func TestByGW(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{2, "USA"},
		{20, "CAN"},
		{200, "GBR"},
		{260, "DEU"},
		{265, "DDR"},
		{315, "CSK"},
		{316, "CZE"},
		{345, "SRB"},
		{347, "XKX"},
		{365, "RUS"},
		{490, "COD"},
		{580, "MDG"},
		{626, "SSD"},
		{645, "IRQ"},
		{652, "SYR"},
		{678, "YEM"},
		{680, "YMD"},
		{700, "AFG"},
		{710, "CHN"},
		{770, "PAK"},
		{775, "MMR"},
		{816, "VNM"},
		{860, "TLS"},
		{973, "TUV"},
		{0, ""},
		{1, ""},
		{396, ""}, // Abkhazia: no ISO code
		{999, ""},
		{-2, ""},
	}
	for _, tt := range tests {
		got, ok := country.ByGW(tt.n)
		if ok != (tt.want != "") || got.ISO3 != tt.want {
			t.Errorf("ByGW(%d) = %s, %v; want %q", tt.n, got.ISO3, ok, tt.want)
		}
	}
}

func TestRegions(t *testing.T) {
	want := []string{
		"Asia-Pacific",
		"Central America and the Caribbean",
		"Europe",
		"Middle East and North Africa",
		"North America",
		"Russia and Eurasia",
		"South America",
		"South Asia",
		"sub-Saharan Africa",
	}
	got := country.Regions()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Regions() = %q, want %q", got, want)
	}
	got[0] = "changed"
	if country.Regions()[0] != want[0] {
		t.Error("Regions() returns the package's own slice")
	}
}

func TestRegion(t *testing.T) {
	tests := []struct {
		iso3, want string
	}{
		{"AFG", "South Asia"},
		{"PAK", "South Asia"},
		{"IND", "South Asia"},
		{"TUR", "Europe"},
		{"CYP", "Europe"},
		{"XKX", "Europe"},
		{"GBR", "Europe"},
		{"RUS", "Russia and Eurasia"},
		{"UKR", "Russia and Eurasia"},
		{"GEO", "Russia and Eurasia"},
		{"KAZ", "Russia and Eurasia"},
		{"SUN", "Russia and Eurasia"},
		{"IRQ", "Middle East and North Africa"},
		{"IRN", "Middle East and North Africa"},
		{"PSE", "Middle East and North Africa"},
		{"ISR", "Middle East and North Africa"},
		{"YMD", "Middle East and North Africa"},
		{"SDN", "sub-Saharan Africa"},
		{"MRT", "sub-Saharan Africa"},
		{"DJI", "sub-Saharan Africa"},
		{"NGA", "sub-Saharan Africa"},
		{"MLI", "sub-Saharan Africa"},
		{"PHL", "Asia-Pacific"},
		{"MMR", "Asia-Pacific"},
		{"MNG", "Asia-Pacific"},
		{"USA", "North America"},
		{"MEX", "Central America and the Caribbean"},
		{"HTI", "Central America and the Caribbean"},
		{"PRI", "Central America and the Caribbean"},
		{"COL", "South America"},
		{"FLK", "South America"},
		{"YUG", "Europe"},
		{"ATA", ""},
		{"XIW", ""},
	}
	for _, tt := range tests {
		c, ok := country.ByISO3(tt.iso3)
		if !ok || c.Region != tt.want {
			t.Errorf("ByISO3(%q).Region = %q, %v; want %q", tt.iso3, c.Region, ok, tt.want)
		}
	}
}

func codes(cs []country.Country) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ISO3)
	}
	return out
}

func TestInRegion(t *testing.T) {
	tests := []struct {
		region string
		want   []string
	}{
		{"North America", []string{"BMU", "CAN", "GRL", "SPM", "USA"}},
		{"north  america", []string{"BMU", "CAN", "GRL", "SPM", "USA"}},
		{"Russia & Eurasia", []string{"ARM", "AZE", "BLR", "BYS", "GEO", "KAZ", "KGZ", "MDA", "RUS", "SUN", "TJK", "TKM", "UKR", "UZB"}},
		{"South Asia", []string{"AFG", "BGD", "BTN", "IND", "IOT", "LKA", "MDV", "NPL", "PAK", "SKM"}},
		{"Atlantis", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := codes(country.InRegion(tt.region)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("InRegion(%q) = %q, want %q", tt.region, got, tt.want)
		}
	}

	// Every country with a region is in exactly that region's list.
	in := map[string]string{}
	for _, r := range country.Regions() {
		for _, c := range country.InRegion(r) {
			if prev, dup := in[c.ISO3]; dup {
				t.Errorf("%s is in %q and %q", c.ISO3, prev, r)
			}
			in[c.ISO3] = r
		}
	}
	for _, c := range country.All() {
		if in[c.ISO3] != c.Region {
			t.Errorf("%s has Region %q but InRegion puts it in %q", c.ISO3, c.Region, in[c.ISO3])
		}
	}
}

func TestAll(t *testing.T) {
	all := country.All()
	if len(all) < 249+30 {
		t.Fatalf("All() has %d countries, want at least the 249 of ISO 3166-1 and the 31 of ISO 3166-3", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].ISO3 >= all[i].ISO3 {
			t.Errorf("All() not in strict ISO3 order at %d: %s, %s", i, all[i-1].ISO3, all[i].ISO3)
		}
	}
	for _, code := range []string{"AFG", "SUN", "XKX", "ZWE"} {
		c, _ := country.ByISO3(code)
		found := false
		for _, a := range all {
			if a == c {
				found = true
			}
		}
		if !found {
			t.Errorf("All() lacks %s", code)
		}
	}
	all[0].Name = "changed"
	if country.All()[0].Name == "changed" {
		t.Error("All() returns the package's own slice")
	}
}

// Every current country and territory has a GTI region, except Antarctica.
func TestCurrentCountriesHaveRegion(t *testing.T) {
	n := 0
	for _, c := range country.All() {
		if c.Historic || strings.HasPrefix(c.ISO3, "X") || c.ISO3 == "ATA" {
			continue
		}
		n++
		if c.Region == "" {
			t.Errorf("%s (%s) has no region", c.ISO3, c.Name)
		}
	}
	if n < 248 {
		t.Errorf("checked %d current countries, want the 248 of ISO 3166-1 besides Antarctica", n)
	}
}

// Every current country is found by its own names.
func TestCurrentNamesResolve(t *testing.T) {
	for _, c := range country.All() {
		if c.Historic {
			continue
		}
		for _, n := range []string{c.Name, c.Official} {
			if got, ok := country.ByName(n); !ok || got.ISO3 != c.ISO3 {
				t.Errorf("ByName(%q) = %s, %v; want %s", n, got.ISO3, ok, c.ISO3)
			}
		}
	}
}

// The ISO 3166-3 names of renamed countries resolve to the current code,
// the others to their own.
func TestHistoricNamesResolve(t *testing.T) {
	renamed := country.Renamed()
	for _, c := range country.All() {
		if !c.Historic {
			continue
		}
		want := c.ISO3
		if to, ok := renamed[c.ISO3]; ok {
			want = to
		}
		for _, n := range []string{c.Name, c.Official} {
			if got, ok := country.ByName(n); !ok || got.ISO3 != want {
				t.Errorf("ByName(%q) = %s, %v; want %s", n, got.ISO3, ok, want)
			}
		}
	}
}

// No name means two countries: not across the variant tables, and not
// against the current ISO names.
func TestVariantTablesAgree(t *testing.T) {
	type use struct{ source, name, iso3 string }
	seen := map[string]use{}
	check := func(u use) {
		if _, ok := country.ByISO3(u.iso3); !ok {
			t.Errorf("%s: %q maps to unknown code %s", u.source, u.name, u.iso3)
		}
		k := country.Key(u.name)
		if k == "" {
			t.Errorf("%s: %q normalises to nothing", u.source, u.name)
			return
		}
		if prev, ok := seen[k]; ok && prev.iso3 != u.iso3 {
			t.Errorf("%q means %s in %s (%q) but %s in %s (%q)", k, prev.iso3, prev.source, prev.name, u.iso3, u.source, u.name)
		}
		seen[k] = u
	}
	for _, c := range country.All() {
		if !c.Historic && !strings.HasPrefix(c.ISO3, "X") {
			check(use{"iso", c.Name, c.ISO3})
			check(use{"iso", c.Official, c.ISO3})
		}
	}
	n := 0
	for _, tbl := range country.VariantTables() {
		for _, v := range tbl.Names {
			check(use{tbl.Source, v[0], v[1]})
			n++
			if got, ok := country.ByName(v[0]); !ok || got.ISO3 != v[1] {
				t.Errorf("%s: ByName(%q) = %s, %v; want %s", tbl.Source, v[0], got.ISO3, ok, v[1])
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d variants in the tables", n)
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Côte d’Ivoire", "cote d ivoire"},
		{"  U.S.A. ", "usa"},
		{"St. Lucia", "saint lucia"},
		{"Antigua & Barbuda", "antigua and barbuda"},
		{"The Gambia", "gambia"},
		{"Bosnia-Herzegovina", "bosnia herzegovina"},
		{"Straße", "strasse"},
		{"", ""},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := country.Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

const isoCodesDir = "/usr/share/iso-codes/json"

// The generated table holds every entry of the installed iso-codes file,
// and every current country has a region except Antarctica.
func TestISOCodesFile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(isoCodesDir, "iso_3166-1.json"))
	if err != nil {
		t.Skipf("iso-codes not installed (%v)", err)
	}
	var doc struct {
		List []map[string]string `json:"3166-1"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.List) < 240 {
		t.Fatalf("iso_3166-1.json has %d entries", len(doc.List))
	}
	for _, e := range doc.List {
		c, ok := country.ByISO3(e["alpha_3"])
		if !ok {
			t.Errorf("ByISO3(%q) not found", e["alpha_3"])
			continue
		}
		num, _ := strconv.Atoi(e["numeric"])
		if c.ISO2 != e["alpha_2"] || c.Numeric != num || c.Historic {
			t.Errorf("%s = %s %d historic=%v, want %s %d", e["alpha_3"], c.ISO2, c.Numeric, c.Historic, e["alpha_2"], num)
		}
		if c.Region == "" && e["alpha_3"] != "ATA" {
			t.Errorf("%s (%s) has no region", e["alpha_3"], e["name"])
		}
		for _, field := range []string{"name", "common_name", "official_name"} {
			if n := e[field]; n != "" {
				if got, ok := country.ByName(n); !ok || got.ISO3 != e["alpha_3"] {
					t.Errorf("ByName(%q) = %s, %v; want %s", n, got.ISO3, ok, e["alpha_3"])
				}
			}
		}
	}
}

// iso_table.go is what gen writes from the installed iso-codes, when they
// are the files it was generated from.
func TestGeneratedTable(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs gen")
	}
	table, err := os.ReadFile("iso_table.go")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(table))
	for sc.Scan() {
		file, sum, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "// "), " sha256: ")
		if !ok {
			continue
		}
		b, err := os.ReadFile(filepath.Join(isoCodesDir, file))
		if err != nil {
			t.Skipf("iso-codes not installed (%v)", err)
		}
		if h := sha256.Sum256(b); hex.EncodeToString(h[:]) != sum {
			t.Skipf("installed %s differs from the one iso_table.go was generated from; run go generate", file)
		}
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out := filepath.Join(t.TempDir(), "iso_table.go")
	cmd := exec.Command(goBin, "run", "./gen", "-dir", isoCodesDir, "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, table) {
		t.Error("iso_table.go differs from what gen writes; run go generate")
	}
}

func FuzzByName(f *testing.F) {
	for _, s := range []string{"Afghanistan", "Côte d'Ivoire", "Korea, Republic of", "Myanmar (Burma)",
		"Bolivia (Plurinational State of)", "(", ")", "()", ",", "a (b) (c)", "\xff\xfe", "U.S.A.", "St.", "&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := country.ByName(s)
		if !ok {
			if c != (country.Country{}) {
				t.Errorf("ByName(%q) not found but returned %+v", s, c)
			}
			return
		}
		if byCode, ok := country.ByISO3(c.ISO3); !ok || byCode != c {
			t.Errorf("ByName(%q) = %+v, not the country ByISO3 has (%+v, %v)", s, c, byCode, ok)
		}
		if again, ok := country.ByName("  " + strings.ToUpper(s) + " "); ok && again.ISO3 != c.ISO3 {
			t.Errorf("ByName(%q) = %s but the upper-case, padded name is %s", s, c.ISO3, again.ISO3)
		}
	})
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"AFG", "afg", "Zaire", "", " ", "XKX"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := country.Lookup(s)
		if ok != (c.ISO3 != "") {
			t.Errorf("Lookup(%q) = %+v, %v", s, c, ok)
		}
	})
}

func FuzzByFIPS(f *testing.F) {
	for _, s := range []string{"AF", "uk", " OD", "", "\x00\x00", "ÜK"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := country.ByFIPS(s)
		if ok != (c.ISO3 != "") {
			t.Errorf("ByFIPS(%q) = %+v, %v", s, c, ok)
		}
		if ok && len(strings.TrimSpace(s)) != 2 {
			t.Errorf("ByFIPS(%q) found %s for a code that is not two letters", s, c.ISO3)
		}
	})
}

func FuzzInRegion(f *testing.F) {
	for _, s := range country.Regions() {
		f.Add(s)
	}
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range country.InRegion(s) {
			if c.Region == "" {
				t.Errorf("InRegion(%q) returned %s, which has no region", s, c.ISO3)
			}
		}
	})
}

func BenchmarkByName(b *testing.B) {
	names := []string{"Afghanistan", "Democratic Republic of the Congo", "DR Congo (Zaire)", "Korea, South", "Côte d'Ivoire"}
	for i := 0; b.Loop(); i++ {
		if _, ok := country.ByName(names[i%len(names)]); !ok {
			b.Fatal("not found")
		}
	}
}
