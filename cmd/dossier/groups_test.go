package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestResolveBeforeAnyImport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.duckdb")
	for _, tc := range []struct {
		args        []string
		group, rule string
	}{
		{[]string{"ISIS-K"}, "iskp", "exact"},
		{[]string{"ISKP"}, "iskp", "exact"},
		{[]string{"Khorasan Chapter of the Islamic State"}, "iskp", "exact"},
		{[]string{"IS", "--country", "AFG", "--date", "2019-05-01"}, "iskp", "scoped"},
		{[]string{"IS", "--country", "SYR", "--date", "2019-05-01"}, "islamic-state", "exact"},
	} {
		code, out, errs := run(t, db, append([]string{"resolve", "--json"}, tc.args...)...)
		if code != 0 {
			t.Fatalf("resolve %v: %s", tc.args, errs)
		}
		var got struct {
			Input      string  `json:"input"`
			GroupID    *string `json:"group_id"`
			GroupName  *string `json:"group_name"`
			Confidence float64 `json:"confidence"`
			Rule       string  `json:"rule"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("resolve %v output %q: %v", tc.args, out, err)
		}
		if got.GroupID == nil || *got.GroupID != tc.group || got.Rule != tc.rule || got.Input != tc.args[0] || got.Confidence <= 0 {
			t.Errorf("resolve %v = %s, want group %s by rule %s", tc.args, out, tc.group, tc.rule)
		}
	}
	code, out, _ := run(t, db, "resolve", "--json", "Nobody Knows This Front")
	if code != 0 || !strings.Contains(out, `"group_id": null`) {
		t.Errorf("unresolved name: %s, want group_id null", out)
	}
}

func TestGroupShowCitesFacts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.duckdb")
	code, out, errs := run(t, db, "group", "show", "ISIS-K")
	if code != 0 {
		t.Fatalf("group show: %s", errs)
	}
	for _, want := range []string{"Islamic State Khorasan Province (iskp)", "QDe.161", "2019-05-14", "branch of islamic-state", "rival taliban", "Sources:", "[1]"} {
		if !strings.Contains(out, want) {
			t.Errorf("group show ISIS-K lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, db, "groups", "--json", "khorasan")
	if code != 0 || !strings.Contains(out, `"id": "iskp"`) {
		t.Errorf("groups khorasan: %s", out)
	}
	if code, _, errs := run(t, db, "group", "show", "no-such-group-at-all"); code != exitError || !strings.Contains(errs, "dossier groups") {
		t.Errorf("group show unknown: exit %d, %q", code, errs)
	}
}

func TestAliasAddMakesEventsFollow(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.duckdb")
	log := filepath.Join(dir, "log.csv")
	os.WriteFile(log, []byte("source_id,date,country,perpetrator,fatalities\n"+
		"a1,2020-01-05,AFG,Daesh Khorasan Wing,3\n"+
		"a2,2020-02-05,AFG,Daesh Khorasan Wing,4\n"+
		"a3,2020-02-06,AFG,Unknown,1\n"), 0o644)
	if code, _, errs := run(t, db, "import", "--quiet", log); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	count := func() string {
		_, out, _ := run(t, db, "events", "--count", "--source", "user", "--group", "iskp")
		return strings.TrimSpace(out)
	}
	if got := count(); got != "0" {
		t.Fatalf("before alias add: %s iskp events, want 0", got)
	}
	_, out, _ := run(t, db, "resolve", "--unresolved", "--json")
	if !strings.Contains(out, `"Daesh Khorasan Wing"`) || strings.Contains(out, `"Unknown"`) {
		t.Errorf("unresolved = %s, want the new spelling and not Unknown", out)
	}
	if code, _, errs := run(t, db, "alias", "add", "iskp", "Daesh Khorasan Wing", "--country", "AFG"); code != 0 {
		t.Fatalf("alias add: %s", errs)
	}
	if got := count(); got != "2" {
		t.Errorf("after alias add: %s iskp events, want 2", got)
	}
	code, out, _ := run(t, db, "resolve", "--stats", "--json")
	var st struct{ Events, WithActor, Resolved int }
	if err := json.Unmarshal([]byte(strings.ReplaceAll(out, "with_actor", "withactor")), &st); code != 0 || err != nil {
		t.Fatalf("stats %q: %v", out, err)
	}
	if st.Events < 3 || st.Resolved < 2 || st.WithActor < st.Resolved {
		t.Errorf("stats %+v: want at least the 3 events, 2 resolved", st)
	}
}

func TestKBExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.duckdb")
	out := filepath.Join(dir, "kb")
	if code, _, errs := run(t, db, "kb", "export", "-o", out); code != 0 {
		t.Fatalf("kb export: %s", errs)
	}
	b, err := os.ReadFile(filepath.Join(out, "iskp.yaml"))
	if err != nil || !strings.Contains(string(b), "ISIS-K") {
		t.Fatalf("exported iskp.yaml: %v\n%s", err, b)
	}
	// A curator's edit: a new alias in the exported file, imported back.
	edited := strings.Replace(string(b), "aliases:\n", "aliases:\n  - {name: Khorasan Wilayah Test Spelling, kind: name, source: press}\n", 1)
	if err := os.WriteFile(filepath.Join(out, "iskp.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, db, "kb", "import", out); code != 0 {
		t.Fatalf("kb import: %s", errs)
	}
	code, res, _ := run(t, db, "resolve", "--json", "Khorasan Wilayah Test Spelling")
	if code != 0 || !strings.Contains(res, `"group_id": "iskp"`) {
		t.Errorf("after kb import the curated alias resolves to %s", res)
	}
}

func TestDesignationsImportRealLists(t *testing.T) {
	un := filepath.Join("..", "..", "..", "shared", "data", "sanctions", "un", "UN_consolidated.xml")
	sdn := filepath.Join("..", "..", "..", "shared", "data", "sanctions", "ofac-2021", "sdn.csv")
	for _, p := range []string{un, sdn} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("real designation lists not present: %v", err)
		}
	}
	db := filepath.Join(t.TempDir(), "d.duckdb")
	code, out, errs := run(t, db, "designations", "import", "--json", un, sdn)
	if code != 0 {
		t.Fatalf("designations import: %s", errs)
	}
	var sums []struct {
		Authority                   string
		Entities, Matched, Proposed int
	}
	if err := json.Unmarshal([]byte(out), &sums); err != nil || len(sums) != 2 {
		t.Fatalf("output %q: %v", out, err)
	}
	for _, s := range sums {
		if s.Entities == 0 || s.Matched+s.Proposed != s.Entities || s.Matched == 0 {
			t.Errorf("%s: %+v", s.Authority, s)
		}
	}
	_, show, _ := run(t, db, "group", "show", "iskp")
	if !strings.Contains(show, "ISIL KHORASAN") {
		t.Errorf("iskp after designations lacks OFAC's name:\n%s", show)
	}
}
