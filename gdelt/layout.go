package gdelt

// Column names of GDELT event exports, in file order, as the codebooks name
// them. GDELT 2.0 adds the three *_ADM2Code columns; the GDELT 1.0
// historical backfiles (1979 to March 2013) lack SOURCEURL.
var columnsV2 = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
	"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// Field counts of the three layouts.
const (
	fieldsV2           = 61 // GDELT 2.0 15-minute exports
	fieldsV1Daily      = 58 // GDELT 1.0 daily files, April 2013 onwards
	fieldsV1Historical = 57 // GDELT 1.0 monthly and yearly backfiles, without SOURCEURL
)

// Versions written to Event.SourceVersion.
const (
	Version1 = "1.0"
	Version2 = "2.0"
)

// detailColumns are the columns kept in Event.Details when not blank: the
// CAMEO actor codes, the event's codes and scores, and the action's
// location codes. Everything else is in the raw row.
var detailColumns = []string{
	"Actor1Code", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventBaseCode", "EventRootCode", "QuadClass",
	"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
	"ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_FeatureID",
	"DATEADDED",
}

// layout holds the positions of the columns a parser reads, -1 when the
// layout has no such column. It is computed once per layout, never per row.
type layout struct {
	version string
	columns []string
	id      int
	date    int
	a1Name  int
	a2Name  int
	a2Types [3]int // Actor2Type1Code..Type3Code
	a2Eth   int
	a2Rel   int
	code    int
	geoType int
	geoName int
	geoCC   int
	geoLat  int
	geoLong int
	url     int
	details []int // positions of detailColumns present in this layout
}

func newLayout(version string, columns []string) *layout {
	pos := make(map[string]int, len(columns))
	for i, c := range columns {
		pos[c] = i
	}
	at := func(name string) int {
		if i, ok := pos[name]; ok {
			return i
		}
		return -1
	}
	l := &layout{
		version: version,
		columns: columns,
		id:      at("GLOBALEVENTID"),
		date:    at("SQLDATE"),
		a1Name:  at("Actor1Name"),
		a2Name:  at("Actor2Name"),
		a2Types: [3]int{at("Actor2Type1Code"), at("Actor2Type2Code"), at("Actor2Type3Code")},
		a2Eth:   at("Actor2EthnicCode"),
		a2Rel:   at("Actor2Religion1Code"),
		code:    at("EventCode"),
		geoType: at("ActionGeo_Type"),
		geoName: at("ActionGeo_FullName"),
		geoCC:   at("ActionGeo_CountryCode"),
		geoLat:  at("ActionGeo_Lat"),
		geoLong: at("ActionGeo_Long"),
		url:     at("SOURCEURL"),
	}
	for _, c := range detailColumns {
		if i := at(c); i >= 0 {
			l.details = append(l.details, i)
		}
	}
	return l
}

// withoutADM2 returns the GDELT 1.0 column list: the 2.0 list without the
// three *_ADM2Code columns.
func withoutADM2(cols []string) []string {
	out := make([]string, 0, len(cols)-3)
	for _, c := range cols {
		switch c {
		case "Actor1Geo_ADM2Code", "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code":
			continue
		}
		out = append(out, c)
	}
	return out
}

// The three layouts, immutable after package initialisation.
var (
	layoutV2           = newLayout(Version2, columnsV2)
	layoutV1Daily      = newLayout(Version1, withoutADM2(columnsV2))
	layoutV1Historical = newLayout(Version1, withoutADM2(columnsV2)[:fieldsV1Historical])
)

// layoutFor returns the layout of records with n fields, or nil.
func layoutFor(n int) *layout {
	switch n {
	case fieldsV2:
		return layoutV2
	case fieldsV1Daily:
		return layoutV1Daily
	case fieldsV1Historical:
		return layoutV1Historical
	}
	return nil
}
