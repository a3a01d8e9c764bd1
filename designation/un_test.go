package designation_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"dossier"
	"dossier/designation"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withoutRaw returns a copy of entries with Raw cleared, for comparison.
func withoutRaw(entries []designation.Entry) []designation.Entry {
	out := make([]designation.Entry, len(entries))
	for i, e := range entries {
		e.Raw = ""
		out[i] = e
	}
	return out
}

func TestParseUN(t *testing.T) {
	data := readFixture(t, "un_sample.xml")
	got, err := designation.ParseUN(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []designation.Entry{
		{
			Authority: "UN", Reference: "QDi.901", Kind: "individual",
			Name: "ZARIF TESTOV EXAMPLI",
			Aliases: []designation.Alias{
				{Name: "Abu Testing", Type: "a.k.a.", Quality: "strong"},
				{Name: "Zarif the Example", Type: "a.k.a.", Quality: "weak"},
				{Name: "زريف تستوف", Type: "original script"},
			},
			Listed:   "2016-03-09",
			Programs: []string{"Al-Qaida"},
			LinkedTo: []designation.Link{
				{Reference: "QDe.901", Name: "FRONT FOR TESTING PURPOSES (FTP)"},
				{Reference: "QDe.999", Name: "Jama'at Imaginary wa al-Example"},
				{Reference: "QDe.902", Name: "NORTHERN SAMPLE BRIGADE"},
				{Reference: "TE.L.11.11", Name: "Lorem Ipsum Network"},
			},
			Countries: []string{"SYR", "IRN", "TUR"},
			Comments:  "Leader of the Front for Testing Purposes (FTP) (QDe.901). Formerly a member of Jama'at Imaginary wa al-Example (JIE, QDe.999). Associated with Northern Sample Brigade (QDe.902).",
		},
		{
			Authority: "UN", Reference: "CDi.901", Kind: "individual",
			Name: "MARC PLACEHOLDER", Programs: []string{"DRC"},
		},
		{
			Authority: "UN", Reference: "QDe.901", Kind: "entity",
			Name: "FRONT FOR TESTING PURPOSES (FTP)",
			Aliases: []designation.Alias{
				{Name: "FTP KHORASAN", Type: "a.k.a."},
				{Name: "Testing Front’s Southern Province", Type: "a.k.a."},
				{Name: "Old Testing Group", Type: "f.k.a."},
				{Name: "FTP-K", Type: "n.k.a."},
			},
			Listed:   "2019-05-14",
			Programs: []string{"Al-Qaida"},
			LinkedTo: []designation.Link{
				{Reference: "QDe.902", Name: "NORTHERN SAMPLE BRIGADE"},
				{Reference: "QDe.998", Name: "Imaginary Caliphate Office"},
				{Reference: "QDi.901", Name: "ZARIF TESTOV EXAMPLI"},
			},
			Comments: `Front for Testing Purposes (FTP) (QDe.901) was formed in 2014 by a former commander of the Northern Sample Brigade (QDe.902), and pledged allegiance to "Imaginary Caliphate Office" (QDe.998). Led by Zarif Testov Exampli (QDi.901).`,
		},
		{
			Authority: "UN", Reference: "QDe.902", Kind: "entity",
			Name: "NORTHERN SAMPLE BRIGADE", Listed: "2001-10-06",
			Programs:  []string{"Taliban"},
			Countries: []string{"AFG", "PAK"},
			Comments:  "Operates in Afghanistan and Pakistan.",
		},
		{
			Authority: "UN", Reference: "KPe.901", Kind: "entity",
			Name: "EXAMPLE SHIPPING & TRADING CO.", Listed: "2017-08-05",
			Programs:  []string{"DPRK"},
			Countries: []string{"PRK"},
		},
	}
	if g, w := withoutRaw(got), want; !reflect.DeepEqual(g, w) {
		if len(g) != len(w) {
			t.Fatalf("got %d entries, want %d", len(g), len(w))
		}
		for i := range w {
			if !reflect.DeepEqual(g[i], w[i]) {
				t.Errorf("entry %d:\n got %+v\nwant %+v", i, g[i], w[i])
			}
		}
	}

	// Raw is the element, verbatim, and parses back to the same entry
	// (links to other entries aside).
	for _, e := range got {
		if !strings.HasPrefix(e.Raw, "<"+strings.ToUpper(e.Kind)+">") || !strings.HasSuffix(e.Raw, "</"+strings.ToUpper(e.Kind)+">") {
			t.Errorf("%s: Raw is not the whole element: %.60q…", e.Reference, e.Raw)
		}
		if !bytes.Contains(data, []byte(e.Raw)) {
			t.Errorf("%s: Raw is not verbatim from the file", e.Reference)
		}
		back, err := designation.ParseUN(strings.NewReader("<CONSOLIDATED_LIST>" + e.Raw + "</CONSOLIDATED_LIST>"))
		if err != nil || len(back) != 1 {
			t.Fatalf("%s: Raw does not parse back: %v", e.Reference, err)
		}
		if back[0].Reference != e.Reference || back[0].Name != e.Name || !reflect.DeepEqual(back[0].Aliases, e.Aliases) {
			t.Errorf("%s: Raw parses back to %+v", e.Reference, back[0])
		}
	}
}

// TestParseUNEncoding reads a list declared and written in ISO-8859-1:
// names come out in UTF-8, and Raw too.
func TestParseUNEncoding(t *testing.T) {
	doc := `<?xml version="1.0" encoding="ISO-8859-1"?>
<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>FORCES DÉMOCRATIQUES D'ESSAI</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDe.901</REFERENCE_NUMBER><LISTED_ON>2012-12-31</LISTED_ON><ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>FDÉ</ALIAS_NAME></ENTITY_ALIAS></ENTITY></ENTITIES></CONSOLIDATED_LIST>`
	latin1, err := charmap.ISO8859_1.NewEncoder().String(doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := designation.ParseUN(strings.NewReader(latin1))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d entries, want 1", len(got))
	}
	e := got[0]
	if want := "FORCES DÉMOCRATIQUES D'ESSAI"; e.Name != want {
		t.Errorf("Name = %q, want %q", e.Name, want)
	}
	if want := []designation.Alias{{Name: "FDÉ", Type: "a.k.a."}}; !reflect.DeepEqual(e.Aliases, want) {
		t.Errorf("Aliases = %+v, want %+v", e.Aliases, want)
	}
	start := strings.Index(doc, "<ENTITY>")
	end := strings.Index(doc, "</ENTITY>") + len("</ENTITY>")
	if want := doc[start:end]; e.Raw != want {
		t.Errorf("Raw = %q, want %q", e.Raw, want)
	}
}

func TestParseUNErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input string
		where string // position the message must name
	}{
		{"empty", "", ""},
		{"not XML", "ent_num,name\n1,x\n", ""},
		{"other root", `<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>`, "<sdnList>"},
		{"truncated", "<CONSOLIDATED_LIST>\n<ENTITIES>\n<ENTITY>\n<FIRST_NAME>X</FIRST", "line 4"},
		{"mismatched tags", "<CONSOLIDATED_LIST>\n<ENTITIES>\n<ENTITY><FIRST_NAME>X</ENTITY>", "line 3"},
		{"no reference", "<CONSOLIDATED_LIST>\n<ENTITIES>\n<ENTITY><FIRST_NAME>X</FIRST_NAME></ENTITY>\n\n<ENTITY><FIRST_NAME>Y</FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>", "line 3"},
		{"no name", "<CONSOLIDATED_LIST><ENTITIES>\n<ENTITY><REFERENCE_NUMBER>QDe.1</REFERENCE_NUMBER></ENTITY>\n<ENTITY><REFERENCE_NUMBER>QDe.2</REFERENCE_NUMBER><FIRST_NAME/></ENTITY></ENTITIES></CONSOLIDATED_LIST>", "line 2"},
		{"unknown charset", `<?xml version="1.0" encoding="X-MADE-UP"?><CONSOLIDATED_LIST/>`, "line 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := designation.ParseUN(strings.NewReader(tc.input))
			if err == nil {
				t.Fatalf("no error; entries %+v", got)
			}
			if got != nil {
				t.Errorf("entries returned with the error: %+v", got)
			}
			var de *dossier.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v is a %T, want *dossier.Error", err, err)
			}
			if de.Code != dossier.EInvalid || de.Hint == "" {
				t.Errorf("code %q hint %q, want %q and a hint", de.Code, de.Hint, dossier.EInvalid)
			}
			if !strings.Contains(de.Message, tc.where) {
				t.Errorf("message %q does not name %q", de.Message, tc.where)
			}
		})
	}
}

// TestParseUNEmptyList: a list with no records is valid and empty.
func TestParseUNEmptyList(t *testing.T) {
	got, err := designation.ParseUN(strings.NewReader(`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2030-01-01"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>`))
	if err != nil || len(got) != 0 {
		t.Fatalf("got %v, %v; want no entries and no error", got, err)
	}
}
