package ucdp_test

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"dossier"
	"dossier/ucdp"
)

// readCSV reads every record of a CSV file, whatever its field counts.
func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty", path)
	}
	return recs
}

// parseFile parses every data record of a file with a parser for its
// header, returning events and the number of skipped rows; it fails the
// test on any other error.
func parseFile(t testing.TB, path string) ([]*dossier.Event, int) {
	t.Helper()
	recs := readCSV(t, path)
	p, err := ucdp.NewParser(recs[0], filepath.Base(path))
	if err != nil {
		t.Fatalf("%s: NewParser: %v", path, err)
	}
	var evs []*dossier.Event
	skipped := 0
	for i, rec := range recs[1:] {
		ev, err := p.Parse(rec)
		if errors.Is(err, dossier.ErrSkipRow) {
			skipped++
			continue
		}
		if err != nil {
			t.Fatalf("%s: record %d: %v", path, i+2, err)
		}
		evs = append(evs, ev)
	}
	return evs, skipped
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func battle(a, b string) []dossier.Actor {
	return []dossier.Actor{{Name: a, Role: dossier.RolePerpetrator}, {Name: b, Role: dossier.RolePerpetrator}}
}

func oneSided(a, b string) []dossier.Actor {
	return []dossier.Actor{{Name: a, Role: dossier.RolePerpetrator}, {Name: b, Role: dossier.RoleTarget}}
}

var civilians = []dossier.TargetCategory{dossier.TargetCivilians}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file    string
		skipped int
		want    []*dossier.Event
	}{
		{
			file: "ged231_fixture.csv",
			want: []*dossier.Event{
				{
					Source: dossier.SourceUCDP, SourceID: "900001", SourceVersion: "23.1", Licence: dossier.LicenceUCDP,
					Date: day(2020, 3, 1), DateEnd: day(2020, 3, 1), DatePrecision: dossier.PrecisionDay,
					Country: "AFG", CountryName: "Afghanistan", Admin1: "Kunduz province", Admin2: "Imam Sahib district",
					Place: "Sampleabad village", Latitude: dossier.Float(37.1), Longitude: dossier.Float(68.9), GeoPrecision: "1",
					Type: dossier.TypeBattle, SourceType: "state-based",
					Actors:     battle("Government of Afghanistan", "Taleban"),
					Fatalities: dossier.Int(2), FatalitiesLow: dossier.Int(2), FatalitiesHigh: dossier.Int(3),
					Summary: "State-based conflict: Government of Afghanistan vs Taleban at Sampleabad village, north of the river (Afghanistan); 2 killed (estimates 2–3); source: Provincial police.",
					Citations: []string{
						"Example Wire,2020-03-02,Clashes reported near the river",
						"Daily Sample,2020-03-03,Two killed in overnight fighting",
					},
					Details: map[string]string{
						"relid": "AFG-2020-1-100-1", "year": "2020", "active_year": "1", "code_status": "Clear",
						"conflict_dset_id": "100", "conflict_new_id": "100", "conflict_name": "Afghanistan: Government",
						"dyad_dset_id": "200", "dyad_new_id": "200", "dyad_name": "Government of Afghanistan - Taleban",
						"side_a_dset_id": "130", "side_a_new_id": "130", "side_b_dset_id": "303", "side_b_new_id": "303",
						"number_of_sources": "2", "source_office": "Example Wire;Daily Sample", "source_date": "2020-03-02;2020-03-03",
						"source_headline": "Clashes reported near the river;Two killed in overnight fighting",
						"source_original": "Provincial police", "where_description": "Sampleabad village,\nnorth of the river",
						"priogrid_gid": "183098", "country_id": "700", "region": "Asia", "event_clarity": "1", "date_prec": "1",
						"deaths_a": "1", "deaths_b": "1", "deaths_civilians": "0", "deaths_unknown": "0", "gwnoa": "700",
					},
				},
				{
					Source: dossier.SourceUCDP, SourceID: "900002", SourceVersion: "23.1", Licence: dossier.LicenceUCDP,
					Date: day(1998, 5, 1), DateEnd: day(1998, 5, 31), DatePrecision: dossier.PrecisionMonth,
					Country: "PAK", CountryName: "Pakistan", Admin1: "Sindh province",
					Place: "Sindh province", Latitude: dossier.Float(26), Longitude: dossier.Float(68.5), GeoPrecision: "4",
					Type: dossier.TypeOneSidedViolence, SourceType: "one-sided",
					Actors: oneSided("MQM", "Civilians"), TargetCategories: civilians,
					Fatalities: dossier.Int(7), FatalitiesLow: dossier.Int(5), FatalitiesHigh: dossier.Int(9),
					Summary: "One-sided violence: MQM against Civilians at Sindh province (Pakistan); 7 killed (estimates 5–9).",
					Citations: []string{
						"Militants kill villagers, 12 May 1998, Sample Gazette",
						"Village attack toll rises, 14 May 1998, Example Times",
					},
					Details: map[string]string{
						"relid": "PAK-1998-3-400-2", "year": "1998", "active_year": "0", "code_status": "Clear",
						"conflict_dset_id": "400", "conflict_new_id": "400", "conflict_name": "MQM - Civilians",
						"dyad_dset_id": "401", "dyad_new_id": "401", "dyad_name": "MQM - Civilians",
						"side_a_dset_id": "500", "side_a_new_id": "500", "side_b_dset_id": "1", "side_b_new_id": "1",
						"priogrid_gid": "166657", "country_id": "770", "region": "Asia", "event_clarity": "2", "date_prec": "4",
						"deaths_a": "0", "deaths_b": "0", "deaths_civilians": "7", "deaths_unknown": "0",
					},
				},
				{
					Source: dossier.SourceUCDP, SourceID: "900003", SourceVersion: "23.1", Licence: dossier.LicenceUCDP,
					Date: day(2019, 1, 1), DateEnd: day(2019, 12, 31), DatePrecision: dossier.PrecisionYear,
					CountryName: "Freedonia", Place: "Freedonia", GeoPrecision: "6",
					Type: dossier.TypeBattle, SourceType: "non-state",
					Actors:     battle("Sample Militia", "Other Militia"),
					Fatalities: dossier.Int(0),
					Summary:    "Non-state conflict: Sample Militia vs Other Militia at somewhere in Freedonia; 0 killed; source: local residents.",
					Citations:  []string{"Sample Radio 2019-06-30"},
					Details: map[string]string{
						"relid": "FRE-2019-2-600-3", "year": "2019", "active_year": "1", "code_status": "Clear",
						"conflict_dset_id": "600", "conflict_new_id": "600", "conflict_name": "Sample Militia - Other Militia",
						"dyad_dset_id": "601", "dyad_new_id": "601", "dyad_name": "Sample Militia - Other Militia",
						"side_a_dset_id": "700", "side_a_new_id": "700", "side_b_dset_id": "701", "side_b_new_id": "701",
						"number_of_sources": "1", "source_original": "local residents", "where_description": "somewhere in Freedonia",
						"country_id": "999", "region": "Africa", "event_clarity": "1", "date_prec": "5",
						"deaths_a": "0", "deaths_b": "0", "deaths_civilians": "0", "deaths_unknown": "0",
					},
				},
				{ // a short record, ending after date_end
					Source: dossier.SourceUCDP, SourceID: "900004", SourceVersion: "23.1", Licence: dossier.LicenceUCDP,
					Date: day(2021, 7, 2), DateEnd: day(2021, 7, 8), DatePrecision: dossier.PrecisionWeek,
					Country: "AFG", CountryName: "Afghanistan (Testland)", Admin1: "Kunar province", Admin2: "Sample district",
					Place: "Sample district", Latitude: dossier.Float(34.9), Longitude: dossier.Float(71.1), GeoPrecision: "3",
					Type: dossier.TypeBattle, SourceType: "state-based",
					Actors:    battle("Government of Afghanistan", "Taleban"),
					Summary:   "State-based conflict: Government of Afghanistan vs Taleban at Sample district (Afghanistan (Testland)); deaths unknown.",
					Citations: []string{"Example Wire,2021-07-09,Fighting in the hills"},
					Details: map[string]string{
						"relid": "AFG-2021-1-100-4", "year": "2021", "active_year": "1", "code_status": "Clear",
						"conflict_dset_id": "100", "conflict_new_id": "100", "conflict_name": "Afghanistan: Government",
						"dyad_dset_id": "200", "dyad_new_id": "200", "dyad_name": "Government of Afghanistan - Taleban",
						"side_a_dset_id": "130", "side_a_new_id": "130", "side_b_dset_id": "303", "side_b_new_id": "303",
						"number_of_sources": "1", "priogrid_gid": "180143", "country_id": "700", "region": "Asia",
						"event_clarity": "1", "date_prec": "3",
					},
				},
				{ // two trailing commas
					Source: dossier.SourceUCDP, SourceID: "900005", SourceVersion: "23.1", Licence: dossier.LicenceUCDP,
					Date: day(2022, 1, 15), DateEnd: day(2022, 1, 15), DatePrecision: dossier.PrecisionDay,
					Country: "AFG", CountryName: "Afghanistan", Place: "Sample town",
					Latitude: dossier.Float(-0.5), Longitude: dossier.Float(-179.5), GeoPrecision: "2",
					Type: dossier.TypeBattle, SourceType: "state-based",
					Actors:     battle("Government of Afghanistan", "Taleban"),
					Fatalities: dossier.Int(1), FatalitiesLow: dossier.Int(1), FatalitiesHigh: dossier.Int(1),
					Summary: "State-based conflict: Government of Afghanistan vs Taleban at Sample town (Afghanistan); 1 killed.",
					Details: map[string]string{
						"year": "2022", "active_year": "1", "code_status": "Clear", "country_id": "700", "date_prec": "1", "gwnoa": "700",
					},
				},
			},
		},
		{
			file:    "ged_pakistan_hdx_fixture.csv",
			skipped: 1, // the HXL hashtag row
			want: []*dossier.Event{
				{
					Source: dossier.SourceUCDP, SourceID: "950001", Licence: dossier.LicenceUCDP,
					Date: day(2012, 6, 5), DateEnd: day(2012, 6, 5), DatePrecision: dossier.PrecisionDay,
					Country: "PAK", CountryName: "Pakistan", Admin1: "Khyber Pakhtunkhwa province", Admin2: "Sample district",
					Place: "Sample Bazaar town", Latitude: dossier.Float(34.000001), Longitude: dossier.Float(71.500002), GeoPrecision: "2",
					Type: dossier.TypeBattle, SourceType: "state-based",
					Actors:     battle("Government of Pakistan", "TTP"),
					Fatalities: dossier.Int(6), FatalitiesLow: dossier.Int(6), FatalitiesHigh: dossier.Int(8),
					Summary:   "State-based conflict: Government of Pakistan vs TTP at near Sample Bazaar (Pakistan); 6 killed (estimates 6–8); source: officials.",
					Citations: []string{"Example Wire,2012-06-05,Militants attack checkpoint, AU, A. Writer"},
					Details: map[string]string{
						"relid": "PAK-2012-1-209-1", "year": "2012", "active_year": "1", "code_status": "Clear",
						"conflict_dset_id": "209", "conflict_new_id": "209", "conflict_name": "Pakistan: Government",
						"dyad_dset_id": "800", "dyad_new_id": "800", "dyad_name": "Government of Pakistan - TTP",
						"side_a_dset_id": "142", "side_a_new_id": "142", "side_b_dset_id": "801", "side_b_new_id": "801",
						"number_of_sources": "1", "source_office": "Example Wire", "source_date": "2012-06-05",
						"source_headline": "Militants attack checkpoint\n\nAU \t\nA. Writer", "source_original": "officials",
						"where_description": "near Sample Bazaar", "priogrid_gid": "179503", "country_id": "770", "region": "Asia",
						"event_clarity": "1", "date_prec": "1",
						"deaths_a": "2", "deaths_b": "4", "deaths_civilians": "0", "deaths_unknown": "0", "gwnoa": "770",
					},
				},
				{
					Source: dossier.SourceUCDP, SourceID: "950002", Licence: dossier.LicenceUCDP,
					Date: day(2012, 6, 4), DateEnd: day(2012, 6, 8), DatePrecision: dossier.PrecisionWeek,
					Country: "PAK", CountryName: "Pakistan", Admin1: "Khyber Pakhtunkhwa province", Admin2: "Sample district",
					Place: "Sample district", Latitude: dossier.Float(33.9), Longitude: dossier.Float(71.4), GeoPrecision: "3",
					Type: dossier.TypeOneSidedViolence, SourceType: "one-sided",
					Actors: oneSided("TTP", "Civilians"), TargetCategories: civilians,
					Fatalities: dossier.Int(3), FatalitiesLow: dossier.Int(3), FatalitiesHigh: dossier.Int(3),
					Summary:   "One-sided violence: TTP against Civilians at Sample district (Pakistan); 3 killed.",
					Citations: []string{"Checkpoint raid leaves three dead, 6 June 2012, Sample Monitoring"},
					Details: map[string]string{
						"relid": "PAK-2012-3-802-2", "year": "2012", "active_year": "1", "code_status": "Clear",
						"conflict_dset_id": "802", "conflict_new_id": "802", "conflict_name": "TTP - Civilians",
						"dyad_dset_id": "803", "dyad_new_id": "803", "dyad_name": "TTP - Civilians",
						"side_a_dset_id": "801", "side_a_new_id": "801", "side_b_dset_id": "1", "side_b_new_id": "1",
						"priogrid_gid": "179502", "country_id": "770", "region": "Asia", "event_clarity": "1", "date_prec": "2",
						"deaths_a": "0", "deaths_b": "0", "deaths_civilians": "3", "deaths_unknown": "0",
					},
				},
			},
		},
		{
			file: "ged_pakistan_web_export_fixture.csv",
			want: []*dossier.Event{
				{
					Source: dossier.SourceUCDP, SourceID: "960001", Licence: dossier.LicenceUCDP,
					Date: day(1990, 3, 27), DateEnd: day(1990, 3, 27), DatePrecision: dossier.PrecisionDay,
					Country: "PAK", CountryName: "Pakistan", Admin1: "Sindh Province", Admin2: "Sample District",
					Place: "Sample Town", Latitude: dossier.Float(25.379167), Longitude: dossier.Float(68.368333), GeoPrecision: "1",
					Type: dossier.TypeBattle, SourceType: "non-state",
					Actors:     battle("Sample Front", "Other Front"),
					Fatalities: dossier.Int(1), FatalitiesLow: dossier.Int(1), FatalitiesHigh: dossier.Int(2),
					Summary:   "Non-state conflict: Sample Front vs Other Front at Sample Town (Pakistan); 1 killed (estimates 1–2); source: Police.",
					Citations: []string{"R 27/3 1990"},
					Details: map[string]string{
						"relid": "PAK-1990-2-X1-1", "year": "1990", "active_year": "1", "code_status": "Clear",
						"conflict_dset_id": "11000", "conflict_new_id": "11000", "conflict_name": "Sample Front - Other Front",
						"dyad_dset_id": "11001", "dyad_new_id": "11001", "dyad_name": "Sample Front - Other Front",
						"side_a_dset_id": "2800", "side_a_new_id": "2800", "side_b_dset_id": "2801", "side_b_new_id": "2801",
						"source_original": "Police", "where_description": "Sample Town", "priogrid_gid": "166097",
						"country_id": "770", "region": "Asia", "event_clarity": "1", "date_prec": "1",
						"deaths_a": "0", "deaths_b": "0", "deaths_civilians": "0", "deaths_unknown": "1",
					},
				},
				{
					Source: dossier.SourceUCDP, SourceID: "960002", Licence: dossier.LicenceUCDP,
					Date: day(1995, 12, 31), DateEnd: day(1995, 12, 31), DatePrecision: dossier.PrecisionDay,
					Country: "PAK", CountryName: "Pakistan", Place: "Pakistan",
					Latitude: dossier.Float(30), Longitude: dossier.Float(70), GeoPrecision: "5",
					Type: dossier.TypeBattle, SourceType: "state-based",
					Actors:     battle("Government of Pakistan", "Sample Army"),
					Fatalities: dossier.Int(13), FatalitiesLow: dossier.Int(13), FatalitiesHigh: dossier.Int(20),
					Summary:   "State-based conflict: Government of Pakistan vs Sample Army at unspecified location in northern Pakistan; 13 killed (estimates 13–20); source: army statement.",
					Citations: []string{"Daily Sample,1995-12-31,Year ends with clash"},
					Details: map[string]string{
						"relid": "PAK-1995-1-209-2", "year": "1995", "active_year": "0", "code_status": "Clear",
						"conflict_dset_id": "209", "conflict_new_id": "209", "conflict_name": "Pakistan: Sample",
						"dyad_dset_id": "810", "dyad_new_id": "810", "dyad_name": "Government of Pakistan - Sample Army",
						"side_a_dset_id": "142", "side_a_new_id": "142", "side_b_dset_id": "811", "side_b_new_id": "811",
						"number_of_sources": "3", "source_office": "Daily Sample", "source_date": "1995-12-31",
						"source_headline": "Year ends with clash", "source_original": "army statement",
						"where_description": "unspecified location in northern Pakistan", "priogrid_gid": "172941",
						"country_id": "770", "region": "Asia", "event_clarity": "2", "date_prec": "1",
						"deaths_a": "3", "deaths_b": "10", "deaths_civilians": "0", "deaths_unknown": "0",
					},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, skipped := parseFile(t, filepath.Join("testdata", tt.file))
			if skipped != tt.skipped {
				t.Errorf("skipped %d rows, want %d", skipped, tt.skipped)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d events, want %d", len(got), len(tt.want))
			}
			for i := range tt.want {
				if !reflect.DeepEqual(got[i], tt.want[i]) {
					t.Errorf("event %d:\n got %+v\nwant %+v", i, *got[i], *tt.want[i])
					diffEvents(t, got[i], tt.want[i])
				}
			}
		})
	}
}

// diffEvents reports which fields of two events differ.
func diffEvents(t *testing.T, got, want *dossier.Event) {
	t.Helper()
	g, w := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := 0; i < g.NumField(); i++ {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			gv, wv := g.Field(i).Interface(), w.Field(i).Interface()
			if g.Field(i).Kind() == reflect.Pointer {
				if !g.Field(i).IsNil() {
					gv = g.Field(i).Elem().Interface()
				}
				if !w.Field(i).IsNil() {
					wv = w.Field(i).Elem().Interface()
				}
			}
			t.Errorf("  %s: got %#v, want %#v", g.Type().Field(i).Name, gv, wv)
		}
	}
}
