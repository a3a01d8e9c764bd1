package country

// renamed maps ISO 3166-3 codes withdrawn because the country changed its
// name or status, not because it dissolved, to the current code of the same
// state or territory. Their names resolve to the current code; ByISO3 still
// returns the withdrawn entry.
var renamed = map[string]string{
	"AFI": "DJI", // French Afars and Issas → Djibouti
	"ATB": "ATA", // British Antarctic Territory, merged into Antarctica
	"ATF": "ATF", // French Southern and Antarctic Territories (FQ) → French Southern Territories
	"ATN": "ATA", // Dronning Maud Land, merged into Antarctica
	"BUR": "MMR", // Burma → Myanmar
	"BYS": "BLR", // Byelorussian SSR → Belarus
	"CTE": "KIR", // Canton and Enderbury Islands → Kiribati
	"DHY": "BEN", // Dahomey → Benin
	"FXX": "FRA", // Metropolitan France
	"HVO": "BFA", // Upper Volta → Burkina Faso
	"JTN": "UMI", // Johnston Island
	"MID": "UMI", // Midway Islands
	"NHB": "VUT", // New Hebrides → Vanuatu
	"PCZ": "PAN", // Panama Canal Zone, returned to Panama
	"PUS": "UMI", // US Miscellaneous Pacific Islands
	"RHO": "ZWE", // Southern Rhodesia → Zimbabwe
	"TMP": "TLS", // East Timor → Timor-Leste
	"VDR": "VNM", // North Vietnam, which united Vietnam
	"WAK": "UMI", // Wake Island
	"ZAR": "COD", // Zaire → Democratic Republic of the Congo
}

// userAssigned holds places providers record that have no ISO 3166 code,
// under codes from the user-assigned range XAA–XZZ.
var userAssigned = []Country{
	{ISO3: "XKX", ISO2: "XK", Name: "Kosovo", Official: "Republic of Kosovo"},
	{ISO3: "XIW", Name: "International waters", Official: "International waters and airspace"},
	{ISO3: "XPI", Name: "Paracel Islands", Official: "Paracel Islands"},
	{ISO3: "XSP", Name: "Spratly Islands", Official: "Spratly Islands"},
}

// variantTables are the hand-written name variants, by who writes them.
// A name may appear in several tables but must mean the same country in
// each (the tests check it).
var variantTables = []struct {
	source string
	names  []variant
}{
	{"iso", isoNames},
	{"gtd", gtdNames},
	{"ucdp", ucdpNames},
	{"acled", acledNames},
	{"fips", fipsNames()},
	{"common", commonNames},
}

// gtdNames are GTD country_txt values (1970–2021 releases) that ISO names
// do not match, and the GTD nationality values that name a place.
var gtdNames = []variant{
	{"Bosnia-Herzegovina", "BIH"},
	{"Brunei", "BRN"},
	{"Corsica", "FRA"},
	{"Czech Republic", "CZE"},
	{"Czechoslovakia", "CSK"},
	{"Democratic Republic of the Congo", "COD"},
	{"East Germany (GDR)", "DDR"},
	{"East Timor", "TLS"},
	{"Falkland Islands", "FLK"},
	{"Great Britain", "GBR"},
	{"International", "XIW"},
	{"Ivory Coast", "CIV"},
	{"Kosovo", "XKX"},
	{"Macau", "MAC"},
	{"Macedonia", "MKD"},
	{"Man, Isle of", "IMN"},
	{"New Hebrides", "VUT"},
	{"North Yemen", "YEM"},
	{"Northern Ireland", "GBR"},
	{"People's Republic of the Congo", "COG"},
	{"Republic of the Congo", "COG"},
	{"Rhodesia", "ZWE"},
	{"Russia", "RUS"},
	{"Serbia-Montenegro", "SCG"},
	{"Slovak Republic", "SVK"},
	{"South Vietnam", "VNM"},
	{"South Yemen", "YMD"},
	{"Soviet Union", "SUN"},
	{"St. Kitts and Nevis", "KNA"},
	{"St. Lucia", "LCA"},
	{"Swaziland", "SWZ"},
	{"Turkey", "TUR"},
	{"Vatican City", "VAT"},
	{"West Bank and Gaza Strip", "PSE"},
	{"West Germany (FRG)", "DEU"},
	{"Yugoslavia", "YUG"},
	{"Zaire", "COD"},
}

// ucdpNames are UCDP GED country names, which carry former names in
// parentheses.
var ucdpNames = []variant{
	{"Bosnia-Herzegovina", "BIH"},
	{"Cambodia (Kampuchea)", "KHM"},
	{"Cape Verde", "CPV"},
	{"DR Congo (Zaire)", "COD"},
	{"East Timor", "TLS"},
	{"German Democratic Republic", "DDR"},
	{"Ivory Coast", "CIV"},
	{"Kingdom of eSwatini (Swaziland)", "SWZ"},
	{"Macedonia, FYR", "MKD"},
	{"Madagascar (Malagasy)", "MDG"},
	{"Myanmar (Burma)", "MMR"},
	{"Russia (Soviet Union)", "RUS"},
	{"Serbia (Yugoslavia)", "SRB"},
	{"South Vietnam", "VNM"},
	{"South Yemen", "YMD"},
	{"Surinam", "SUR"},
	{"Vietnam (North Vietnam)", "VNM"},
	{"Yemen (North Yemen)", "YEM"},
	{"Zimbabwe (Rhodesia)", "ZWE"},
}

// acledNames are ACLED country names that ISO names do not match,
// including its labels for events at sea.
var acledNames = []variant{
	{"Akrotiri and Dhekelia", "GBR"},
	{"Arctic Ocean", "XIW"},
	{"Atlantic Ocean", "XIW"},
	{"Bailiwick of Guernsey", "GGY"},
	{"Bailiwick of Jersey", "JEY"},
	{"Brunei", "BRN"},
	{"Cape Verde", "CPV"},
	{"Caribbean Netherlands", "BES"},
	{"Democratic Republic of Congo", "COD"},
	{"East Timor", "TLS"},
	{"eSwatini", "SWZ"},
	{"Falkland Islands", "FLK"},
	{"French Southern and Antarctic Lands", "ATF"},
	{"Indian Ocean", "XIW"},
	{"Ivory Coast", "CIV"},
	{"Kosovo", "XKX"},
	{"Mediterranean Sea", "XIW"},
	{"Micronesia", "FSM"},
	{"Pacific Ocean", "XIW"},
	{"Palestine", "PSE"},
	{"Republic of Congo", "COG"},
	{"Russia", "RUS"},
	{"Saint-Barthelemy", "BLM"},
	{"Saint-Martin", "MAF"},
	{"Sint Maarten", "SXM"},
	{"Southern Ocean", "XIW"},
	{"Swaziland", "SWZ"},
	{"Turkey", "TUR"},
	{"Vatican City", "VAT"},
}

// commonNames are English forms people and other datasets use.
var commonNames = []variant{
	{"Bosnia", "BIH"},
	{"Britain", "GBR"},
	{"Burma", "MMR"},
	{"Byelorussia", "BLR"},
	{"Ceylon", "LKA"},
	{"Congo-Brazzaville", "COG"},
	{"Congo-Kinshasa", "COD"},
	{"Czechia", "CZE"},
	{"Dahomey", "BEN"},
	{"Democratic Kampuchea", "KHM"},
	{"Democratic Republic of Vietnam", "VNM"},
	{"DPRK", "PRK"},
	{"DR Congo", "COD"},
	{"DRC", "COD"},
	{"East Germany", "DDR"},
	{"England", "GBR"},
	{"Falklands", "FLK"},
	{"Federal Republic of Yugoslavia", "YUG"},
	{"Former Yugoslav Republic of Macedonia", "MKD"},
	{"FRG", "DEU"},
	{"FYROM", "MKD"},
	{"Gaza", "PSE"},
	{"GDR", "DDR"},
	{"Holland", "NLD"},
	{"Holy See", "VAT"},
	{"Kampuchea", "KHM"},
	{"Khmer Republic", "KHM"},
	{"Kyrgyz Republic", "KGZ"},
	{"Lao PDR", "LAO"},
	{"Malagasy Republic", "MDG"},
	{"North Vietnam", "VNM"},
	{"Occupied Palestinian Territory", "PSE"},
	{"Palestinian Territories", "PSE"},
	{"People's Democratic Republic of Yemen", "YMD"},
	{"Republic of Korea", "KOR"},
	{"Republic of Kosovo", "XKX"},
	{"Republic of Vietnam", "VNM"},
	{"Scotland", "GBR"},
	{"Serbia and Montenegro", "SCG"},
	{"Socialist Federal Republic of Yugoslavia", "YUG"},
	{"Southern Rhodesia", "ZWE"},
	{"State of Palestine", "PSE"},
	{"Turkiye", "TUR"},
	{"UAE", "ARE"},
	{"UK", "GBR"},
	{"United Kingdom of Great Britain and Northern Ireland", "GBR"},
	{"Upper Volta", "BFA"},
	{"US", "USA"},
	{"USA", "USA"},
	{"USSR", "SUN"},
	{"Union of Soviet Socialist Republics", "SUN"},
	{"US Virgin Islands", "VIR"},
	{"Vatican", "VAT"},
	{"Wales", "GBR"},
	{"West Bank", "PSE"},
	{"West Germany", "DEU"},
	{"Yemen Arab Republic", "YEM"},
}

// fipsNames returns the FIPS table's names (Factbook short names such as
// "Korea, South" and "Congo (Kinshasa)") as variants.
func fipsNames() []variant {
	vs := make([]variant, len(fipsCodes))
	for i, f := range fipsCodes {
		vs[i] = variant{f.name, f.iso3}
	}
	return vs
}
