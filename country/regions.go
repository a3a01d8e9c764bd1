package country

import "sort"

// The regions of the Institute for Economics and Peace's Global Terrorism
// Index and Global Peace Index.
const (
	RegionAsiaPacific             = "Asia-Pacific"
	RegionCentralAmericaCaribbean = "Central America and the Caribbean"
	RegionEurope                  = "Europe"
	RegionMiddleEastNorthAfrica   = "Middle East and North Africa"
	RegionNorthAmerica            = "North America"
	RegionRussiaEurasia           = "Russia and Eurasia"
	RegionSouthAmerica            = "South America"
	RegionSouthAsia               = "South Asia"
	RegionSubSaharanAfrica        = "sub-Saharan Africa"
)

var regions = []string{
	RegionAsiaPacific,
	RegionCentralAmericaCaribbean,
	RegionEurope,
	RegionMiddleEastNorthAfrica,
	RegionNorthAmerica,
	RegionRussiaEurasia,
	RegionSouthAmerica,
	RegionSouthAsia,
	RegionSubSaharanAfrica,
}

// gtiRegions are the 163 countries the Global Terrorism Index ranks (2020–
// 2024 editions), by IEP's region. IEP counts Turkey and Cyprus in Europe,
// the Caucasus and Central Asia in Russia and Eurasia, Afghanistan in South
// Asia, and Sudan, Mauritania and Djibouti in sub-Saharan Africa.
var gtiRegions = map[string][]string{
	RegionAsiaPacific: {"AUS", "CHN", "IDN", "JPN", "KHM", "KOR", "LAO", "MMR", "MNG", "MYS",
		"NZL", "PHL", "PNG", "PRK", "SGP", "THA", "TLS", "TWN", "VNM"},
	RegionCentralAmericaCaribbean: {"CRI", "CUB", "DOM", "GTM", "HND", "HTI", "JAM", "MEX", "NIC",
		"PAN", "SLV", "TTO"},
	RegionEurope: {"ALB", "AUT", "BEL", "BGR", "BIH", "CHE", "CYP", "CZE", "DEU", "DNK", "ESP",
		"EST", "FIN", "FRA", "GBR", "GRC", "HRV", "HUN", "IRL", "ISL", "ITA", "LTU", "LVA", "MKD",
		"MNE", "NLD", "NOR", "POL", "PRT", "ROU", "SRB", "SVK", "SVN", "SWE", "TUR", "XKX"},
	RegionMiddleEastNorthAfrica: {"ARE", "BHR", "DZA", "EGY", "IRN", "IRQ", "ISR", "JOR", "KWT",
		"LBN", "LBY", "MAR", "OMN", "PSE", "QAT", "SAU", "SYR", "TUN", "YEM"},
	RegionNorthAmerica:  {"CAN", "USA"},
	RegionRussiaEurasia: {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"},
	RegionSouthAmerica:  {"ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PER", "PRY", "URY", "VEN"},
	RegionSouthAsia:     {"AFG", "BGD", "BTN", "IND", "LKA", "NPL", "PAK"},
	RegionSubSaharanAfrica: {"AGO", "BDI", "BEN", "BFA", "BWA", "CAF", "CIV", "CMR", "COD", "COG",
		"DJI", "ERI", "ETH", "GAB", "GHA", "GIN", "GMB", "GNB", "GNQ", "KEN", "LBR", "LSO", "MDG",
		"MLI", "MOZ", "MRT", "MUS", "MWI", "NAM", "NER", "NGA", "RWA", "SDN", "SEN", "SLE", "SOM",
		"SSD", "SWZ", "TCD", "TGO", "TZA", "UGA", "ZAF", "ZMB", "ZWE"},
}

// otherRegions place the states and territories the GTI does not rank in
// the IEP region they lie in: Caribbean islands in Central America and the
// Caribbean, Pacific islands in Asia-Pacific, Atlantic and Indian Ocean
// islands with the nearest continent's region. Withdrawn countries take
// the region of their territory. Antarctica and international waters have
// none.
var otherRegions = map[string][]string{
	RegionAsiaPacific: {"ASM", "BRN", "CCK", "COK", "CXR", "FJI", "FSM", "GUM", "HKG", "HMD", "KIR",
		"MAC", "MHL", "MNP", "NCL", "NFK", "NIU", "NRU", "PCN", "PLW", "PYF", "SLB", "TKL", "TON",
		"TUV", "UMI", "VUT", "WLF", "WSM", "XPI", "XSP",
		"BUR", "CTE", "GEL", "JTN", "MID", "NHB", "PCI", "PUS", "TMP", "VDR", "WAK"},
	RegionCentralAmericaCaribbean: {"ABW", "AIA", "ATG", "BES", "BHS", "BLM", "BLZ", "BRB", "CUW",
		"CYM", "DMA", "GLP", "GRD", "KNA", "LCA", "MAF", "MSR", "MTQ", "PRI", "SXM", "TCA", "VCT",
		"VGB", "VIR",
		"ANT", "PCZ"},
	RegionEurope: {"ALA", "AND", "FRO", "GGY", "GIB", "IMN", "JEY", "LIE", "LUX", "MCO", "MLT",
		"SJM", "SMR", "VAT",
		"CSK", "DDR", "FXX", "SCG", "YUG"},
	RegionMiddleEastNorthAfrica: {"ESH",
		"NTZ", "YMD"},
	RegionNorthAmerica:  {"BMU", "GRL", "SPM"},
	RegionRussiaEurasia: {"BYS", "SUN"},
	RegionSouthAmerica:  {"FLK", "GUF", "SGS", "SUR"},
	RegionSouthAsia:     {"IOT", "MDV", "SKM"},
	RegionSubSaharanAfrica: {"ATF", "BVT", "COM", "CPV", "MYT", "REU", "SHN", "STP", "SYC",
		"AFI", "DHY", "HVO", "RHO", "ZAR"},
}

// regionOf maps ISO3 codes to their region.
var regionOf = func() map[string]string {
	m := map[string]string{}
	for _, t := range []map[string][]string{gtiRegions, otherRegions} {
		for r, codes := range t {
			for _, c := range codes {
				m[c] = r
			}
		}
	}
	return m
}()

// Regions returns the nine regions of the Global Terrorism Index, in
// alphabetical order.
func Regions() []string {
	return append([]string(nil), regions...)
}

// InRegion returns the countries in a region (any case and spacing; "&"
// for "and"), current, withdrawn and user-assigned, in ISO3 order. It
// returns nil for a name that is not one of Regions.
func InRegion(region string) []Country {
	k := key(region)
	var name string
	for _, r := range regions {
		if key(r) == k {
			name = r
		}
	}
	if name == "" {
		return nil
	}
	var out []Country
	for _, c := range all {
		if c.Region == name {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ISO3 < out[j].ISO3 })
	return out
}
