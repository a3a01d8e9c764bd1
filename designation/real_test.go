package designation_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"dossier/designation"
)

// realData returns the path of a file under ../shared/data/sanctions, or
// skips the test when the shared data is absent.
func realData(t testing.TB, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{"..", "..", "shared", "data", "sanctions"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data %s absent (%v): run from a checkout next to ../shared/data", p, err)
	}
	return p
}

func readReal(t testing.TB, parts ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(realData(t, parts...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func byReference(entries []designation.Entry) map[string]designation.Entry {
	m := make(map[string]designation.Entry, len(entries))
	for _, e := range entries {
		m[e.Reference] = e
	}
	return m
}

func aliasNames(aliases []designation.Alias) []string {
	var out []string
	for _, a := range aliases {
		out = append(out, a.Name)
	}
	return out
}

func TestRealUN(t *testing.T) {
	data := readReal(t, "un", "UN_consolidated.xml")
	entries, err := designation.ParseUN(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}

	// Counts, from the file's elements.
	kinds := map[string]int{}
	for _, e := range entries {
		kinds[e.Kind]++
	}
	want := map[string]int{
		"entity":     bytes.Count(data, []byte("<ENTITY>")),
		"individual": bytes.Count(data, []byte("<INDIVIDUAL>")),
	}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
	if want["entity"] != 273 || want["individual"] != 730 {
		t.Errorf("the file has %v, the MANIFEST says 273 entities and 730 individuals", want)
	}
	refs := byReference(entries)
	if len(refs) != len(entries) {
		t.Errorf("%d entries but %d distinct references", len(entries), len(refs))
	}

	// Every reference number of the file is an entry's.
	for _, m := range regexp.MustCompile(`<REFERENCE_NUMBER>([^<]*)</REFERENCE_NUMBER>`).FindAllSubmatch(data, -1) {
		if _, ok := refs[strings.TrimSpace(string(m[1]))]; !ok {
			t.Errorf("reference %s is in no entry", m[1])
		}
	}

	// ISIL-K, as grep shows it in the file.
	isk, ok := refs["QDe.161"]
	if !ok {
		t.Fatal("QDe.161 missing")
	}
	if got, want := isk.Name, "ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN (ISIL-K)"; got != want {
		t.Errorf("QDe.161 name %q, want %q", got, want)
	}
	if isk.Kind != "entity" || isk.Listed != "2019-05-14" || !reflect.DeepEqual(isk.Programs, []string{"Al-Qaida"}) {
		t.Errorf("QDe.161: kind %q listed %q programs %v, want entity, 2019-05-14, [Al-Qaida]", isk.Kind, isk.Listed, isk.Programs)
	}
	wantAliases := []string{
		"ISIL KHORASAN", "ISLAMIC STATE’S KHORASAN PROVINCE", "ISIS WILAYAT KHORASAN",
		"ISIL’S SOUTH ASIA BRANCH", "SOUTH ASIAN CHAPTER OF ISIL",
		"The Islamic State of Iraq and ash-Sham—Khorasan Province",
		"The Islamic State of Iraq and Syria—Khorasan",
		"Islamic State of Iraq and Levant in Khorasan Province",
		"Islamic State Khurasan", "ISIS-K", "ISISK", "IS-Khorasan",
	}
	if got := aliasNames(isk.Aliases); !reflect.DeepEqual(got, wantAliases) {
		t.Errorf("QDe.161 aliases\n got %q\nwant %q", got, wantAliases)
	}
	for _, a := range isk.Aliases {
		if a.Type != "a.k.a." || a.Quality != "" {
			t.Errorf("QDe.161 alias %+v: want an ungraded a.k.a.", a)
		}
	}
	if !strings.HasPrefix(isk.Raw, "<ENTITY>") || !strings.Contains(isk.Raw, "<REFERENCE_NUMBER>QDe.161</REFERENCE_NUMBER>") || !bytes.Contains(data, []byte(isk.Raw)) {
		t.Errorf("QDe.161 Raw is not its element: %.80q", isk.Raw)
	}

	// Links, as grep shows them in the comments and designations.
	for _, tc := range []struct {
		ref  string
		want []designation.Link
	}{
		{"QDe.161", []designation.Link{
			{Reference: "QDe.132", Name: "TEHRIK-E TALIBAN PAKISTAN (TTP)"},
			{Reference: "QDe.115", Name: "AL-QAIDA IN IRAQ"},
		}},
		{"QDe.162", []designation.Link{
			{Reference: "QDe.115", Name: "AL-QAIDA IN IRAQ"},
			{Reference: "QDi.322", Name: "ABUBAKAR MOHAMMED SHEKAU"},
			{Reference: "QDe.138", Name: "JAMA'ATU AHLIS SUNNA LIDDA'AWATI WAL-JIHAD"},
		}},
		{"CDi.040", []designation.Link{{Reference: "CDe.001", Name: "ADF"}}}, // in DESIGNATION
		// QDi.317 is not in this release: named as the comments write it.
		{"QDe.137", []designation.Link{
			{Reference: "QDe.004", Name: "AL-QAIDA"},
			{Reference: "QDe.115", Name: "AL-QAIDA IN IRAQ"},
			{Reference: "QDe.007", Name: "ASBAT AL-ANSAR"},
			{Reference: "QDi.299", Name: "IBRAHIM AWWAD IBRAHIM ALI AL-BADRI AL-SAMARRAI"},
			{Reference: "QDi.317", Name: "Abu Mohammed Al-Jawlani"},
		}},
	} {
		e, ok := refs[tc.ref]
		if !ok {
			t.Errorf("%s missing", tc.ref)
			continue
		}
		if !reflect.DeepEqual(e.LinkedTo, tc.want) {
			t.Errorf("%s links\n got %+v\nwant %+v", tc.ref, e.LinkedTo, tc.want)
		}
	}

	// Individuals' aliases are graded.
	shekau := refs["QDi.322"]
	if len(shekau.Aliases) == 0 || shekau.Aliases[0] != (designation.Alias{Name: "Abubakar Shekau", Type: "a.k.a.", Quality: "strong"}) ||
		shekau.Aliases[1] != (designation.Alias{Name: "Abu Mohammed Abubakar bin Mohammed", Type: "a.k.a.", Quality: "weak"}) {
		t.Errorf("QDi.322 aliases %+v", shekau.Aliases)
	}
	if !reflect.DeepEqual(shekau.Countries, []string{"NGA"}) {
		t.Errorf("QDi.322 countries %v, want [NGA]", shekau.Countries)
	}

	// Terrorism-related entities: QDe… and TAe… references, counted in
	// the file.
	var terror int
	for _, e := range designation.Entities(entries) {
		if e.TerrorismRelated() {
			terror++
		}
	}
	wantTerror := len(regexp.MustCompile(`<REFERENCE_NUMBER>(QDe|TAe)\.`).FindAll(data, -1))
	if terror != wantTerror {
		t.Errorf("%d terrorism-related UN entities, want %d", terror, wantTerror)
	}
	t.Logf("UN: %d entries, %d entities, %d of them terrorism-related", len(entries), kinds["entity"], terror)
}

// readOFACCSV reads an OFAC file with encoding/csv, dropping the closing
// Ctrl-Z record.
func readOFACCSV(t testing.TB, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	var out [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(rec) == 1 && rec[0] == "\x1a" {
			continue
		}
		out = append(out, rec)
	}
}

func TestRealOFAC2021(t *testing.T) {
	dir := realData(t, "ofac-2021")
	entries, err := designation.ReadOFACDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	sdn := readOFACCSV(t, readReal(t, "ofac-2021", "sdn.csv"))
	if len(entries) != len(sdn) || len(sdn) != 8976 {
		t.Errorf("%d entries from %d sdn.csv records, want both 8976", len(entries), len(sdn))
	}
	var wantEntities, wantTerror int
	for _, rec := range sdn {
		if strings.TrimSpace(rec[2]) == "-0-" {
			wantEntities++
			p := " " + strings.NewReplacer("[", " ", "]", " ").Replace(rec[3]) + " "
			if strings.Contains(p, " SDGT ") || strings.Contains(p, " FTO ") || strings.Contains(p, " SDT ") {
				wantTerror++
			}
		}
	}
	ents := designation.Entities(entries)
	terror := 0
	for _, e := range ents {
		if e.TerrorismRelated() {
			terror++
		}
	}
	if len(ents) != wantEntities || terror != wantTerror {
		t.Errorf("%d entities, %d terrorism-related; want %d and %d", len(ents), terror, wantEntities, wantTerror)
	}
	t.Logf("OFAC 2021: %d entries, %d entities, %d of them terrorism-related (SDGT/FTO/SDT)", len(entries), len(ents), terror)

	refs := byReference(entries)
	isk := refs["18647"]
	if isk.Name != "ISIL KHORASAN" || isk.Kind != "entity" {
		t.Fatalf("18647: %+v, want the entity ISIL KHORASAN", isk)
	}
	if !reflect.DeepEqual(isk.Programs, []string{"FTO", "SDGT"}) {
		t.Errorf("ISIL KHORASAN programs %v, want [FTO SDGT]", isk.Programs)
	}
	// alt.csv lines 6988–6991, add.csv lines 7925–7926.
	wantAliases := []designation.Alias{
		{Name: "ISLAMIC STATE'S KHORASAN PROVINCE", Type: "a.k.a.", Quality: "strong"},
		{Name: "ISIS WILAYAT KHORASAN", Type: "a.k.a.", Quality: "strong"},
		{Name: "ISIL'S SOUTH ASIA BRANCH", Type: "a.k.a.", Quality: "strong"},
		{Name: "SOUTH ASIAN CHAPTER OF ISIL", Type: "a.k.a.", Quality: "strong"},
	}
	if !reflect.DeepEqual(isk.Aliases, wantAliases) {
		t.Errorf("ISIL KHORASAN aliases %+v, want %+v", isk.Aliases, wantAliases)
	}
	if !reflect.DeepEqual(isk.Countries, []string{"AFG", "PAK"}) {
		t.Errorf("ISIL KHORASAN countries %v, want [AFG PAK]", isk.Countries)
	}
	if want := 1 + 4 + 2; strings.Count(isk.Raw, "\n")+1 != want || !strings.HasPrefix(isk.Raw, `18647,"ISIL KHORASAN"`) {
		t.Errorf("ISIL KHORASAN Raw has %d lines, want %d: %q", strings.Count(isk.Raw, "\n")+1, want, isk.Raw)
	}

	// Links, as grep shows them in sdn.csv's remarks.
	for _, tc := range []struct {
		ref  string
		want []designation.Link
	}{
		{"27967", []designation.Link{{Reference: "18647", Name: "ISIL KHORASAN"}}},
		{"21392", []designation.Link{
			{Reference: "19949", Name: "JAMA'AT UL DAWA AL-QU'RAN"},
			{Reference: "7140", Name: "LASHKAR E-TAYYIBA"},
			{Reference: "6636", Name: "TALIBAN"},
			{Reference: "18647", Name: "ISIL KHORASAN"},
			{Reference: "6366", Name: "AL QA'IDA"},
			{Reference: "8759", Name: "ISLAMIC STATE OF IRAQ AND THE LEVANT"},
		}},
		// Remarks continued in sdn_comments.csv.
		{"28263", []designation.Link{{Reference: "27307", Name: "LAZARUS GROUP"}}},
		// "MINISTRY OF STATE SECURITY" is two entries; 20130 shares DPRK3
		// with 20129 only.
		{"20130", []designation.Link{{Reference: "20129", Name: "MINISTRY OF STATE SECURITY"}}},
	} {
		if got := refs[tc.ref].LinkedTo; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s links\n got %+v\nwant %+v", tc.ref, got, tc.want)
		}
	}
	// 28263's last weak alias is cut by the 1,000-character limit
	// ("'snowsjo") and continued in sdn_comments.csv ("hn'").
	tian := refs["28263"]
	if got := aliasNames(tian.Aliases); !reflect.DeepEqual(got, []string{"tianyinyin0404", "snowsjohn"}) {
		t.Errorf("28263 aliases %q, want [tianyinyin0404 snowsjohn]", got)
	}
	if !strings.HasSuffix(tian.Comments, "a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.") {
		t.Errorf("28263 remarks not continued: …%q", tian.Comments[len(tian.Comments)-60:])
	}
}

func TestRealOFAC2025Aliases(t *testing.T) {
	data := readReal(t, "ofac-2025", "alt.csv")
	got, err := designation.ParseOFACAliases(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, rec := range readOFACCSV(t, data) {
		want[rec[0]]++
	}
	if len(got) != len(want) {
		t.Errorf("aliases for %d ent_nums, want %d", len(got), len(want))
	}
	for ent, n := range want {
		if len(got[ent]) != n {
			t.Errorf("ent_num %s: %d aliases, want %d", ent, len(got[ent]), n)
		}
	}
	// 18647 (ISIL KHORASAN) gained seven aliases since 2021: alt.csv lines
	// 6707–6717.
	wantISK := []string{
		"ISLAMIC STATE'S KHORASAN PROVINCE", "ISIS WILAYAT KHORASAN", "ISIL'S SOUTH ASIA BRANCH",
		"SOUTH ASIAN CHAPTER OF ISIL", "THE ISLAMIC STATE OF IRAQ AND ASH-SHAM - KHORASAN PROVINCE",
		"THE ISLAMIC STATE OF IRAQ AND SYRIA - KHORASAN", "ISLAMIC STATE OF IRAQ AND LEVANT IN KHORASAN PROVINCE",
		"ISLAMIC STATE KHURASAN", "ISISK", "ISIS-K", "IS-KHORASAN",
	}
	if g := aliasNames(got["18647"]); !reflect.DeepEqual(g, wantISK) {
		t.Errorf("18647 aliases\n got %q\nwant %q", g, wantISK)
	}
}

func TestRealDetect(t *testing.T) {
	for _, tc := range []struct {
		parts []string
		want  string
	}{
		{[]string{"un", "UN_consolidated.xml"}, designation.FormatUN},
		{[]string{"ofac-2021", "sdn.csv"}, designation.FormatOFACSDN},
		{[]string{"ofac-2021", "alt.csv"}, designation.FormatOFACAlt},
		{[]string{"ofac-2021", "add.csv"}, designation.FormatOFACAdd},
		{[]string{"ofac-2021", "sdn_comments.csv"}, designation.FormatOFACComments},
		{[]string{"ofac-2025", "alt.csv"}, designation.FormatOFACAlt},
		{[]string{"ofac-2025", "add.csv"}, designation.FormatOFACAdd},
		{[]string{"ofac-2025", "sdn_comments.csv"}, designation.FormatOFACComments},
	} {
		data := readReal(t, tc.parts...)
		prefix := data[:min(len(data), 4096)]
		// The name is not needed: Detect reads the content.
		if got := designation.Detect(prefix, "upload.bin"); got != tc.want {
			t.Errorf("%s: Detect = %q, want %q", filepath.Join(tc.parts...), got, tc.want)
		}
	}
}

func BenchmarkParseUN(b *testing.B) {
	data := readReal(b, "un", "UN_consolidated.xml")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := designation.ParseUN(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseOFAC(b *testing.B) {
	sdn := readReal(b, "ofac-2021", "sdn.csv")
	alt := readReal(b, "ofac-2021", "alt.csv")
	add := readReal(b, "ofac-2021", "add.csv")
	com := readReal(b, "ofac-2021", "sdn_comments.csv")
	b.SetBytes(int64(len(sdn) + len(alt) + len(add) + len(com)))
	for b.Loop() {
		_, err := designation.ParseOFAC(designation.OFACFiles{
			SDN: bytes.NewReader(sdn), Alt: bytes.NewReader(alt), Add: bytes.NewReader(add), Comments: bytes.NewReader(com),
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
