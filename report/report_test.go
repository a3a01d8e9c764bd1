package report_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dossier"
	"dossier/duckdb"
	"dossier/ingest"
	"dossier/knowledge"
	"dossier/report"
)

// fixture is a log of attacks in the interchange format whose figures are
// worked out by hand in the tests below. Its events are of source "user",
// so that the starter knowledge base's curated events stay apart.
const fixture = `source_id,date,country,type,perpetrator,fatalities,injuries,hostages
e1,2021-03-01,AFG,bombing,ISIS-K,10,4,
e2,2021-06-01,AFG,armed_assault,ISIS-K,2,,
e3,2020-05-01,PAK,bombing,ISIS-K,1,2,
e4,2021-02-01,PAK,armed_assault,Tehrik-i-Taliban Pakistan,7,,3
e5,2019-01-01,PAK,kidnapping,Tehrik-i-Taliban Pakistan,0,,5
e6,2021-04-01,AFG,bombing,Unknown,4,,
e7,2021-05-01,AFG,protest,ISIS-K,1,,
`

func openFixture(t *testing.T) *duckdb.DB {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := duckdb.Open(filepath.Join(dir, "report.db"), duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "log.csv")
	if err := os.WriteFile(path, []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := (&ingest.Importer{Store: db}).ImportFile(ctx, path); err != nil {
		t.Fatal(err)
	}
	if _, err := knowledge.AfterImport(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

var userOnly = []dossier.Source{dossier.SourceUser}

// Worked by hand from the fixture (raw = attacks + 3·deaths +
// 0.5·injuries + 0.5·hostages; weighted = (16·raw(Y) + 8·raw(Y−1) +
// 4·raw(Y−2) + 2·raw(Y−3) + raw(Y−4)) / 5):
//
//	iskp 2021: e1, e2 (e7 is a protest): 2 attacks, 12 deaths, 4 injured → raw 40
//	iskp 2020: e3: 1 attack, 1 death, 2 injured → raw 5
//	ttp  2021: e4: 1 attack, 7 deaths, 3 hostages → raw 23.5
//	ttp  2019: e5: 1 attack, 0 deaths, 5 hostages → raw 3.5
//	impact 2021: iskp (16·40 + 8·5)/5 = 136; ttp (16·23.5 + 4·3.5)/5 = 78
//	unattributed 2021: e6, 1 attack, 4 deaths
func TestRank(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	r, err := report.Rank(ctx, db, report.RankQuery{Query: report.Query{Sources: userOnly}, Year: 2021})
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		rank             int
		id               string
		attacks, deaths  int
		injuries, hostag int
		impact           float64
	}
	var got []line
	for _, g := range r.Groups {
		got = append(got, line{g.Rank, g.Group.ID, g.Attacks, g.Deaths, g.Injuries, g.Hostages, g.Impact})
	}
	want := []line{{1, "iskp", 2, 12, 4, 0, 136}, {2, "ttp", 1, 7, 0, 3, 78}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("rank 2021:\n got %+v\nwant %+v", got, want)
	}
	if r.Unattrib.Attacks != 1 || r.Unattrib.Deaths != 4 {
		t.Errorf("unattributed %+v, want 1 attack, 4 deaths", r.Unattrib)
	}
	if r.Groups[0].Group.Name != "Islamic State Khorasan Province" {
		t.Errorf("group name %q", r.Groups[0].Group.Name)
	}

	// By attacks in Pakistan over all dates: ttp 2 (e4, e5), iskp 1 (e3).
	r, err = report.Rank(ctx, db, report.RankQuery{Query: report.Query{Sources: userOnly}, Countries: []string{"Pakistan"}, By: "attacks"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 2 || r.Groups[0].Group.ID != "ttp" || r.Groups[0].Attacks != 2 || r.Groups[1].Group.ID != "iskp" || r.Groups[1].Attacks != 1 {
		t.Errorf("rank by attacks in Pakistan: %+v", r.Groups)
	}

	// By deaths in 2020 in a region: iskp alone (e3).
	r, err = report.Rank(ctx, db, report.RankQuery{Query: report.Query{Sources: userOnly}, Year: 2020, By: "deaths", Region: "South Asia"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 1 || r.Groups[0].Group.ID != "iskp" || r.Groups[0].Deaths != 1 {
		t.Errorf("rank 2020 in South Asia: %+v", r.Groups)
	}

	for _, q := range []report.RankQuery{
		{By: "size"},
		{Region: "Atlantis"},
		{Countries: []string{"Narnia"}},
		{Year: 2021, Query: report.Query{From: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}},
	} {
		if _, err := report.Rank(ctx, db, q); dossier.ErrorCode(err) != dossier.EInvalid {
			t.Errorf("Rank(%+v): %v, want an EInvalid error", q, err)
		}
	}
}

// GTI 2021 from the fixture, by hand: every violent event is an incident
// (e7, a protest, is not).
//
//	AFG 2021: e1, e2, e6: 3 incidents, 16 deaths, 4 injured → raw 53; w = 16·53/5 = 169.6
//	PAK 2021: e4 → raw 23.5; 2020: e3 → raw 5; 2019: e5 → raw 3.5
//	          w = (16·23.5 + 8·5 + 4·3.5)/5 = 86
//	M = 169.6 (the largest w of any country in any year)
//	AFG 10·ln(170.6)/ln(170.6) = 10; PAK 10·ln(87)/ln(170.6) = 8.690
func TestGTI(t *testing.T) {
	db := openFixture(t)
	g, err := report.GTI(context.Background(), db, report.GTIQuery{Year: 2021, Sources: userOnly})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Countries) != 2 {
		t.Fatalf("%d countries scored, want 2: %+v", len(g.Countries), g.Countries)
	}
	afg, pak := g.Countries[0], g.Countries[1]
	if afg.ISO3 != "AFG" || afg.Rank != 1 || afg.Score != 10 || afg.Incidents != 3 || afg.Deaths != 16 || afg.Injuries != 4 {
		t.Errorf("AFG: %+v", afg)
	}
	if pak.ISO3 != "PAK" || pak.Rank != 2 || pak.Score != 8.690 || pak.Incidents != 1 || pak.Deaths != 7 || pak.Hostages != 3 {
		t.Errorf("PAK: %+v", pak)
	}
	if g.Max != 169.6 {
		t.Errorf("M = %v, want 169.6", g.Max)
	}
	if _, err := report.GTI(context.Background(), db, report.GTIQuery{Year: 1990, Sources: userOnly}); dossier.ErrorCode(err) != dossier.ENotFound {
		t.Errorf("GTI of a year before the data: %v, want ENotFound", err)
	}
}

func TestProfile(t *testing.T) {
	db := openFixture(t)
	ctx := context.Background()
	p, err := report.BuildProfile(ctx, db, "ISIS-K", report.Query{Sources: userOnly})
	if err != nil {
		t.Fatal(err)
	}
	// e1, e2, e3: 3 attacks, 13 deaths, 6 injured (e2's unknown), hostages
	// unknown for all three.
	if p.Group.ID != "iskp" || p.Attacks != 3 || p.Deaths.Best != 13 || p.Injuries != 6 || p.InjuriesUnknown != 1 || p.HostagesUnknown != 3 {
		t.Errorf("profile: group %s, %d attacks, deaths %+v, injuries %d (%d unknown), hostages unknown %d",
			p.Group.ID, p.Attacks, p.Deaths, p.Injuries, p.InjuriesUnknown, p.HostagesUnknown)
	}
	if p.Impact.Year != 2021 || p.Impact.Score != 136 {
		t.Errorf("impact %d %v, want 2021 136", p.Impact.Year, p.Impact.Score)
	}
	if p.Rank == nil || p.Rank.World.Rank != 1 || p.Rank.World.Of != 2 || p.Rank.Region == nil || p.Rank.Region.Region != "South Asia" {
		t.Errorf("rank %+v", p.Rank)
	}
	if len(p.Who.Designations) == 0 || len(p.Who.Citations) == 0 || len(p.Who.Relations) == 0 {
		t.Errorf("who: %d designations, %d citations, %d relations", len(p.Who.Designations), len(p.Who.Citations), len(p.Who.Relations))
	}

	// The JSON fields scripts rely on.
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"group", "attacks", "deaths", "injuries", "hostages", "by_year", "targets", "countries", "impact", "rank", "sources"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("profile JSON lacks %q", k)
		}
	}
	group := doc["group"].(map[string]any)
	for _, k := range []string{"id", "name", "aliases"} {
		if _, ok := group[k]; !ok {
			t.Errorf("profile JSON group lacks %q", k)
		}
	}
	deaths := doc["deaths"].(map[string]any)
	for _, k := range []string{"best", "low", "high"} {
		if _, ok := deaths[k]; !ok {
			t.Errorf("profile JSON deaths lacks %q", k)
		}
	}

	// By another alias and by id: the same group.
	for _, name := range []string{"iskp", "Islamic State Khorasan Province", "Wilayat Khorasan"} {
		q, err := report.BuildProfile(ctx, db, name, report.Query{Sources: userOnly})
		if err != nil || q.Group.ID != "iskp" {
			t.Errorf("profile %q: %v", name, err)
		}
	}
	if _, err := report.BuildProfile(ctx, db, "No Such Brigade of Nowhere", report.Query{}); dossier.ErrorCode(err) != dossier.ENotFound {
		t.Errorf("unknown group: %v, want ENotFound", err)
	}
}
