package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProfileOnStarterKnowledgeAlone is the first thing a user runs:
// IS-K's profile from the built-in knowledge base, with citations, before
// any import.
func TestProfileOnStarterKnowledgeAlone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.duckdb")
	code, out, errs := run(t, db, "profile", "ISIS-K")
	if code != 0 {
		t.Fatalf("profile exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Islamic State Khorasan Province (iskp)", "QDe.161", "2019-05-14", "branch of Islamic State",
		"Tehrik-i-Taliban Pakistan", "rival Taliban", "Citations", "un-qde161-summary",
		"2021-08-26", "Impact score", "Rank:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("profile lacks %q", want)
		}
	}
}

func TestProfileFormats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.duckdb")
	if code, _, errs := run(t, db, append([]string{"import"}, demoFiles(t)...)...); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	code, out, errs := run(t, db, "profile", "--json", "Islamic State Khorasan Province")
	if code != 0 {
		t.Fatalf("profile --json exit %d: %s", code, errs)
	}
	var doc struct {
		Group struct {
			ID      string   `json:"id"`
			Name    string   `json:"name"`
			Aliases []string `json:"aliases"`
		} `json:"group"`
		Attacks int `json:"attacks"`
		Deaths  struct {
			Best, Low, High int
		} `json:"deaths"`
		Impact struct {
			Score float64 `json:"score"`
		} `json:"impact"`
		Rank *struct {
			World struct{ Rank, Of int } `json:"world"`
		} `json:"rank"`
		Sources []struct {
			Source string `json:"source"`
			Events int    `json:"events"`
		} `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("profile --json: %v\n%s", err, out)
	}
	if doc.Group.ID != "iskp" || len(doc.Group.Aliases) < 5 || doc.Attacks == 0 || doc.Deaths.Best == 0 ||
		doc.Deaths.Low > doc.Deaths.Best || doc.Deaths.High < doc.Deaths.Best || doc.Impact.Score <= 0 || doc.Rank == nil || len(doc.Sources) < 2 {
		t.Errorf("profile --json: %+v", doc)
	}

	// --source limits the figures to one provider.
	_, out, _ = run(t, db, "profile", "--json", "--source", "curated", "iskp")
	var curated struct{ Sources []struct{ Source string } }
	json.Unmarshal([]byte(out), &curated)
	if len(curated.Sources) != 1 || curated.Sources[0].Source != "curated" {
		t.Errorf("--source curated: sources %+v", curated.Sources)
	}

	code, out, _ = run(t, db, "profile", "--md", "--explain", "iskp")
	if code != 0 || !strings.HasPrefix(out, "# Islamic State Khorasan Province (iskp)") || !strings.Contains(out, "## How each figure was computed") ||
		!strings.Contains(out, "dossier events --group iskp") {
		t.Errorf("profile --md --explain:\n%.400s", out)
	}
	code, out, _ = run(t, db, "profile", "--html", "iskp")
	if code != 0 || !strings.HasPrefix(out, "<!doctype html>") || !strings.Contains(out, "<h2>How dangerous</h2>") || strings.Contains(out, "<script") {
		t.Errorf("profile --html:\n%.400s", out)
	}
	if code, _, errs := run(t, db, "profile", "--json", "--md", "iskp"); code != exitUsage || !strings.Contains(errs, "one output format") {
		t.Errorf("two formats: exit %d, %s", code, errs)
	}
	if code, _, errs := run(t, db, "profile", "No Such Brigade of Nowhere"); code != exitError || !strings.Contains(errs, "no group") {
		t.Errorf("unknown group: exit %d, %s", code, errs)
	}
}

// TestRankAndGTIOutputs checks the interfaces scripts use: rank --json is
// an array of ranked groups, gti --csv has the documented columns.
func TestRankAndGTIOutputs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.duckdb")
	log := filepath.Join(dir, "log.csv")
	// Worked by hand: in 2021 iskp has 2 attacks, 12 deaths, 4 injured
	// (raw 40; 2020 raw 5 → impact (16·40 + 8·5)/5 = 136); ttp 1 attack,
	// 7 deaths, 3 hostages (raw 23.5 → impact 16·23.5/5 = 75.2).
	os.WriteFile(log, []byte(`source_id,date,country,type,perpetrator,fatalities,injuries,hostages
e1,2021-03-01,AFG,bombing,ISIS-K,10,4,
e2,2021-06-01,AFG,armed_assault,ISIS-K,2,,
e3,2020-05-01,PAK,bombing,ISIS-K,1,2,
e4,2021-02-01,PAK,armed_assault,Tehrik-i-Taliban Pakistan,7,,3
e5,2021-04-01,AFG,bombing,Unknown,4,,
`), 0o644)
	if code, _, errs := run(t, db, "import", log); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	code, out, errs := run(t, db, "rank", "--year", "2021", "--source", "user", "--json")
	if code != 0 {
		t.Fatalf("rank exit %d: %s", code, errs)
	}
	var ranked []struct {
		Rank  int `json:"rank"`
		Group struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"group"`
		Attacks int     `json:"attacks"`
		Deaths  int     `json:"deaths"`
		Impact  float64 `json:"impact"`
	}
	if err := json.Unmarshal([]byte(out), &ranked); err != nil {
		t.Fatalf("rank --json is not an array: %v\n%s", err, out)
	}
	if len(ranked) != 2 || ranked[0].Group.ID != "iskp" || ranked[0].Rank != 1 || ranked[0].Attacks != 2 || ranked[0].Deaths != 12 || ranked[0].Impact != 136 ||
		ranked[1].Group.ID != "ttp" || ranked[1].Rank != 2 || ranked[1].Impact != 75.2 {
		t.Errorf("rank --json: %+v", ranked)
	}
	if !strings.Contains(errs, "Unattributed (not ranked): 1 attacks, 4 deaths") {
		t.Errorf("rank: unattributed not reported apart: %q", errs)
	}

	code, out, errs = run(t, db, "gti", "--year", "2021", "--source", "user", "--csv")
	if code != 0 {
		t.Fatalf("gti exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "rank,iso3,country,score,incidents,deaths,injuries,hostages" {
		t.Errorf("gti --csv header %q", got)
	}
	// AFG 2021: 3 incidents, 16 deaths, 4 injured: raw 53, w = 169.6 = M → 10.
	// PAK 2021: raw 23.5, 2020: raw 5 → w = (376 + 40)/5 = 83.2 → 10·ln(84.2)/ln(170.6) = 8.626.
	if len(recs) != 3 || strings.Join(recs[1], ",") != "1,AFG,Afghanistan,10.000,3,16,4,0" || strings.Join(recs[2], ",") != "2,PAK,Pakistan,8.626,1,7,0,3" {
		t.Errorf("gti --csv:\n%s", out)
	}
	if code, _, errs := run(t, db, "gti"); code != exitUsage || !strings.Contains(errs, "--year") {
		t.Errorf("gti without a year: exit %d, %s", code, errs)
	}
}
