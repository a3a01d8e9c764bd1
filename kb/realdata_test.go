package kb_test

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier"
	"dossier/kb"
)

var sharedData = filepath.Join("..", "..", "shared", "data")

func openShared(t *testing.T, parts ...string) *os.File {
	t.Helper()
	p := filepath.Join(append([]string{sharedData}, parts...)...)
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("real data %s absent (it lives in ../shared/data beside the repository)", p)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

type unEntity struct {
	Ref      string   `xml:"REFERENCE_NUMBER"`
	ListedOn string   `xml:"LISTED_ON"`
	Name     string   `xml:"FIRST_NAME"`
	Aliases  []string `xml:"ENTITY_ALIAS>ALIAS_NAME"`
}

var trailingParen = regexp.MustCompile(`\s*\([^()]*\)$`)

// TestStarterAgainstUNList checks every UN designation claim (reference
// and listing date) and every UN designation name against the UN
// Security Council Consolidated List, read here with encoding/xml.
func TestStarterAgainstUNList(t *testing.T) {
	f := openShared(t, "sanctions", "un", "UN_consolidated.xml")
	var list struct {
		Entities []unEntity `xml:"ENTITIES>ENTITY"`
	}
	if err := xml.NewDecoder(f).Decode(&list); err != nil {
		t.Fatal(err)
	}
	byRef := map[string]unEntity{}
	names := map[string]bool{}
	for _, e := range list.Entities {
		byRef[e.Ref] = e
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			n = strings.TrimSpace(n)
			names[n] = true
			names[trailingParen.ReplaceAllString(n, "")] = true
		}
	}
	if len(byRef) < 100 {
		t.Fatalf("read only %d UN entities; is the file complete?", len(byRef))
	}
	k, err := kb.Starter()
	if err != nil {
		t.Fatal(err)
	}
	var checked int
	for _, g := range k.Groups {
		for _, c := range g.Claims {
			if c.Type != dossier.ClaimDesignation || c.Authority != "UN" {
				continue
			}
			e, ok := byRef[c.Reference]
			if !ok {
				t.Errorf("%s: UN reference %s not in the list", g.ID, c.Reference)
				continue
			}
			if e.ListedOn != c.From {
				t.Errorf("%s: %s listed on %s, claim says %s", g.ID, c.Reference, e.ListedOn, c.From)
			}
			checked++
		}
		for _, a := range g.Aliases {
			if a.Source == "un" && a.Kind == dossier.AliasDesignation && !names[a.Name] {
				t.Errorf("%s: UN designation name %q not in the list", g.ID, a.Name)
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d UN designation claims checked", checked)
	}
}

func readOFAC(t *testing.T, file string) [][]string {
	t.Helper()
	return readOFACYear(t, "ofac-2021", file)
}

func readOFACYear(t *testing.T, dir, file string) [][]string {
	t.Helper()
	r := csv.NewReader(openShared(t, "sanctions", dir, file))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		rows = append(rows, rec)
	}
	return rows
}

// TestStarterAgainstOFAC checks every SDN reference and OFAC name against
// the OFAC legacy CSV files.
func TestStarterAgainstOFAC(t *testing.T) {
	sdn := readOFAC(t, "sdn.csv")
	// Names designated after 2021 (the 2025 cartel and Ansarullah
	// designations) are in the newer alias file.
	alt := append(readOFAC(t, "alt.csv"), readOFACYear(t, "ofac-2025", "alt.csv")...)
	primary := map[string]string{} // ent_num → name
	names := map[string]bool{}
	for _, r := range sdn {
		if len(r) > 1 {
			primary[strings.TrimSpace(r[0])] = r[1]
			names[r[1]] = true
		}
	}
	for _, r := range alt {
		if len(r) > 3 {
			names[r[3]] = true
		}
	}
	k, err := kb.Starter()
	if err != nil {
		t.Fatal(err)
	}
	var checked int
	for _, g := range k.Groups {
		aliases := map[string]bool{}
		for _, a := range g.Aliases {
			aliases[a.Name] = true
			if a.Source == "ofac" && a.Kind == dossier.AliasDesignation && !names[a.Name] {
				t.Errorf("%s: OFAC name %q not in sdn.csv or the 2021/2025 alt.csv", g.ID, a.Name)
			}
		}
		for _, c := range g.Claims {
			if c.Type != dossier.ClaimDesignation || c.Authority != "US-Treasury" {
				continue
			}
			num := strings.TrimPrefix(c.Reference, "SDN ")
			name, ok := primary[num]
			if !ok {
				t.Errorf("%s: SDN entry %s not in sdn.csv", g.ID, num)
				continue
			}
			if !aliases[name] {
				t.Errorf("%s: SDN entry %s is %q, which is not among the group's aliases", g.ID, num, name)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Errorf("only %d SDN claims checked", checked)
	}
}

// TestStarterDatasetLabels checks that the GTD and UCDP labels the starter
// gives are spelled as the real files spell them, for the labels those
// files contain. Each file covers only some years and countries, so a label
// absent from them is not an error; the test counts how many were found.
func TestStarterDatasetLabels(t *testing.T) {
	gtd := map[string]bool{}
	{
		r := csv.NewReader(openShared(t, "gtd", "globalterrorismdb_2021Jan-June_1222dist.csv"))
		r.FieldsPerRecord = -1
		head, err := r.Read()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range head {
			col[h] = i
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []string{"gname", "gname2", "gname3"} {
				if i, ok := col[c]; ok && i < len(rec) && rec[i] != "" {
					gtd[rec[i]] = true
				}
			}
		}
	}
	ucdp := map[string]bool{}
	for _, name := range []string{"ged_pakistan_hdx.csv", "ged231_sample1000.csv", "ged_pakistan_web_export.csv"} {
		r := csv.NewReader(openShared(t, "ucdp", name))
		r.FieldsPerRecord = -1
		head, err := r.Read()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range head {
			col[h] = i
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []string{"side_a", "side_b"} {
				if i, ok := col[c]; ok && i < len(rec) {
					ucdp[strings.TrimSpace(rec[i])] = true
				}
			}
		}
	}
	k, err := kb.Starter()
	if err != nil {
		t.Fatal(err)
	}
	// Labels known to be in these files: they must be found, or the
	// comparison itself is broken.
	for _, want := range []string{"Khorasan Chapter of the Islamic State", "Islamic State of Iraq and the Levant (ISIL)", "Taliban"} {
		if !gtd[want] {
			t.Fatalf("GTD label %q not read from the file", want)
		}
	}
	if !ucdp["IS"] || !ucdp["TTP"] {
		t.Fatal("UCDP sides IS and TTP not read from the files")
	}
	var found, total int
	for _, g := range k.Groups {
		for _, a := range g.Aliases {
			if a.Kind != dossier.AliasDatasetLabel {
				continue
			}
			var set map[string]bool
			switch a.Source {
			case "gtd":
				set = gtd
			case "ucdp":
				set = ucdp
			default:
				continue
			}
			total++
			if set[a.Name] {
				found++
				continue
			}
			// A near miss (same letters, other case or spacing) is a typo.
			for s := range set {
				if strings.EqualFold(strings.Join(strings.Fields(s), " "), strings.Join(strings.Fields(a.Name), " ")) {
					t.Errorf("%s: %s label %q is spelled %q in the data", g.ID, a.Source, a.Name, s)
				}
			}
		}
	}
	t.Logf("%d of %d GTD/UCDP dataset labels found verbatim in the shared files", found, total)
}
