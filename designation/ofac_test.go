package designation_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier"
	"dossier/designation"
)

// ofacFixture opens the files of testdata/ofac.
func ofacFixture(t testing.TB) designation.OFACFiles {
	t.Helper()
	return designation.OFACFiles{
		SDN:      bytes.NewReader(readFixture(t, "ofac/sdn.csv")),
		Alt:      bytes.NewReader(readFixture(t, "ofac/alt.csv")),
		Add:      bytes.NewReader(readFixture(t, "ofac/add.csv")),
		Comments: bytes.NewReader(readFixture(t, "ofac/sdn_comments.csv")),
	}
}

func TestParseOFAC(t *testing.T) {
	got, err := designation.ParseOFAC(ofacFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	sdn := string(readFixture(t, "ofac/sdn.csv"))
	long := strings.Split(sdn, "\r\n")[8] // 10009's record
	longRemarks := long[strings.Index(long, `,"Digital`)+2 : len(long)-1]

	want := []designation.Entry{
		{
			Authority: "OFAC", Reference: "10001", Kind: "entity", Name: "FRONT FOR TESTING PURPOSES",
			Aliases: []designation.Alias{
				{Name: "FTP", Type: "a.k.a.", Quality: "strong"},
				{Name: "OLD TESTING GROUP", Type: "f.k.a.", Quality: "strong"},
				{Name: "FTP-K", Type: "n.k.a.", Quality: "strong"},
			},
			Programs:  []string{"FTO", "SDGT"},
			Countries: []string{"AFG", "PAK"},
		},
		{
			Authority: "OFAC", Reference: "10002", Kind: "individual", Name: "TESTOV, Zarif",
			Aliases: []designation.Alias{
				{Name: "ABU TESTING", Type: "a.k.a.", Quality: "strong"},
				{Name: "ABU-'UMAR", Type: "a.k.a.", Quality: "weak"},
				{Name: "OLD ZARIF", Type: "f.k.a.", Quality: "weak"},
			},
			Programs:  []string{"SDGT"},
			LinkedTo:  []designation.Link{{Reference: "10001", Name: "FRONT FOR TESTING PURPOSES"}},
			Countries: []string{"SYR", "IRN", "PSE"},
			Comments:  "DOB 1980; POB Mosul, Iraq; nationality Syria; alt. nationality Iran; citizen Palestinian; Gender Male; a.k.a. 'ABU TESTING'; a.k.a. 'ABU-'UMAR'; f.k.a. 'OLD ZARIF'; Linked To: FRONT FOR TESTING PURPOSES.",
		},
		{
			Authority: "OFAC", Reference: "10003", Kind: "entity", Name: "EXAMPLE TRADING S.A.",
			Programs: []string{"SDNTK"},
			LinkedTo: []designation.Link{
				{Reference: "10002", Name: "TESTOV, Zarif"},
				{Name: "UNKNOWN HOLDINGS S.A."},
			},
			Countries: []string{"COL", "PSE"},
			Comments:  "Linked To: TESTOV, Zarif; Linked To: UNKNOWN HOLDINGS S.A.",
		},
		{
			Authority: "OFAC", Reference: "10004", Kind: "vessel", Name: "SEA TESTER",
			Programs: []string{"IRAN"},
			LinkedTo: []designation.Link{{Reference: "10003", Name: "EXAMPLE TRADING S.A."}},
			Comments: "Vessel Registration Identification IMO 0000001; Linked To: EXAMPLE TRADING S.A.",
		},
		{
			Authority: "OFAC", Reference: "10005", Kind: "entity", Name: "MINISTRY OF EXAMPLES",
			Programs: []string{"DPRK3"}, Countries: []string{"PRK"},
		},
		{
			Authority: "OFAC", Reference: "10006", Kind: "entity", Name: "MINISTRY OF EXAMPLES",
			Aliases:  []designation.Alias{{Name: "MOE", Type: "a.k.a.", Quality: "weak"}},
			Programs: []string{"CAATSA - RUSSIA"},
			Comments: "a.k.a. 'MOE'.",
		},
		{
			// Two entries have the name; only one shares its program.
			Authority: "OFAC", Reference: "10007", Kind: "entity", Name: "EXAMPLE BUREAU",
			Programs: []string{"DPRK3"},
			LinkedTo: []designation.Link{{Reference: "10005", Name: "MINISTRY OF EXAMPLES"}},
			Comments: "Linked To: MINISTRY OF EXAMPLES.",
		},
		{
			// Two entries have the name, none shares its program.
			Authority: "OFAC", Reference: "10008", Kind: "entity", Name: "SAMPLE OFFICE",
			Programs: []string{"SYRIA"},
			LinkedTo: []designation.Link{{Name: "MINISTRY OF EXAMPLES"}},
			Comments: "Linked To: MINISTRY OF EXAMPLES.",
		},
		{
			// Remarks cut at 1,000 characters in the middle of an alias,
			// continued in sdn_comments.csv.
			Authority: "OFAC", Reference: "10009", Kind: "individual", Name: "LONG, Remarks",
			Aliases: []designation.Alias{
				{Name: "REMARKS, Long", Type: "a.k.a.", Quality: "strong"},
				{Name: "SPLIT NAME", Type: "a.k.a.", Quality: "weak"},
			},
			Programs: []string{"CYBER2", "SDGT"},
			LinkedTo: []designation.Link{{Reference: "10001", Name: "FRONT FOR TESTING PURPOSES"}},
			Comments: longRemarks + "NAME'; Linked To: FRONT FOR TESTING PURPOSES.",
		},
		{
			// Linked by an alias (alt.csv) and by a name in another case.
			Authority: "OFAC", Reference: "10010", Kind: "entity", Name: "TEST AID SOCIETY",
			Programs: []string{"SDGT"},
			LinkedTo: []designation.Link{
				{Reference: "10001", Name: "FRONT FOR TESTING PURPOSES"},
				{Reference: "10002", Name: "TESTOV, Zarif"},
			},
			Comments: "Linked To: FTP; Linked To: Testov, Zarif.",
		},
		{
			Authority: "OFAC", Reference: "10011", Kind: "aircraft", Name: "SKY TESTER",
			Programs: []string{"SDGT"},
			LinkedTo: []designation.Link{{Name: "UNKNOWN AIRLINE"}},
			Comments: "Aircraft Manufacture Date 1990; Linked To: UNKNOWN AIRLINE.",
		},
	}
	if len(longRemarks) != 1000 {
		t.Fatalf("fixture: 10009's remarks are %d characters, want 1000", len(longRemarks))
	}
	g := withoutRaw(got)
	if len(g) != len(want) {
		t.Fatalf("got %d entries, want %d", len(g), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(g[i], want[i]) {
			t.Errorf("entry %s:\n got %+v\nwant %+v", want[i].Reference, g[i], want[i])
		}
	}

	// Raw: the sdn.csv record, then the others', verbatim.
	rawWant := map[string]string{
		"10001": `10001,"FRONT FOR TESTING PURPOSES",-0- ,"FTO] [SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\n" +
			`10001,20001,"aka","FTP",-0- ` + "\n" +
			`10001,20002,"fka","OLD TESTING GROUP",-0- ` + "\n" +
			`10001,20003,"nka","FTP-K",-0- ` + "\n" +
			`10001,30001,-0- ,-0- ,"Afghanistan",-0- ` + "\n" +
			`10001,30002,-0- ,-0- ,"Pakistan",-0- `,
		"10009": long + "\n" + `10009,20006,"aka","REMARKS, Long",-0- ` + "\n" + `10009,"NAME'; Linked To: FRONT FOR TESTING PURPOSES."`,
		"10011": `10011,"SKY TESTER","aircraft","[SDGT]",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Aircraft Manufacture Date 1990; Linked To: UNKNOWN AIRLINE."`,
	}
	for _, e := range got {
		if w, ok := rawWant[e.Reference]; ok && e.Raw != w {
			t.Errorf("%s: Raw =\n%q\nwant\n%q", e.Reference, e.Raw, w)
		}
	}
}

// TestParseOFACSDNOnly: alt.csv, add.csv and sdn_comments.csv are optional.
func TestParseOFACSDNOnly(t *testing.T) {
	got, err := designation.ParseOFAC(designation.OFACFiles{SDN: bytes.NewReader(readFixture(t, "ofac/sdn.csv"))})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 11 {
		t.Fatalf("got %d entries, want 11", len(got))
	}
	if got[0].Aliases != nil || got[0].Countries != nil {
		t.Errorf("10001 without alt.csv and add.csv: aliases %+v countries %v, want none", got[0].Aliases, got[0].Countries)
	}
	// Without the comments file the alias cut at 1,000 characters stays cut.
	if want := []designation.Alias{{Name: "'SPLIT", Type: "a.k.a.", Quality: "weak"}}; !reflect.DeepEqual(got[8].Aliases, want) {
		t.Errorf("10009 aliases %+v, want %+v", got[8].Aliases, want)
	}
}

func TestParseOFACErrors(t *testing.T) {
	const ok12 = `1,"A",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `
	for _, tc := range []struct {
		name            string
		files           func() designation.OFACFiles
		file            string
		line            int
		column          string
		nonRowErrorCode string
	}{
		{name: "no sdn", files: func() designation.OFACFiles { return designation.OFACFiles{} }, nonRowErrorCode: dossier.EInvalid},
		{name: "too few fields", file: "sdn.csv", line: 2,
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(ok12 + "\r\n" + `2,"B",-0- ,"SDGT"` + "\r\n")}
			}},
		{name: "header", file: "sdn.csv", line: 1, column: "ent_num",
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader("ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\n" + ok12)}
			}},
		{name: "empty name", file: "sdn.csv", line: 1, column: "SDN_Name",
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(`1,-0- ,-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `)}
			}},
		{name: "bad type", file: "sdn.csv", line: 3, column: "SDN_Type",
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(ok12 + "\n\n" + `2,"B","company","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `)}
			}},
		{name: "repeated ent_num", file: "sdn.csv", line: 2, column: "ent_num",
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(ok12 + "\n" + ok12)}
			}},
		{name: "bare quote", file: "sdn.csv", line: 2,
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(ok12 + "\n" + `2,B"C,-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `)}
			}},
		{name: "unclosed quote", file: "sdn.csv", line: 1,
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(`1,"A,-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `)}
			}},
		{name: "alt type", file: "alt.csv", line: 1, column: "alt_type",
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(ok12), Alt: strings.NewReader(`1,5,"also","X",-0- `)}
			}},
		{name: "alt ent_num", file: "alt.csv", line: 2, column: "ent_num",
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(ok12), Alt: strings.NewReader("1,5,\"aka\",\"X\",-0- \r\nx,6,\"aka\",\"Y\",-0- ")}
			}},
		{name: "add fields", file: "add.csv", line: 1,
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(ok12), Add: strings.NewReader(`1,5,-0- ,-0- ,"Iraq"`)}
			}},
		{name: "comments fields", file: "sdn_comments.csv", line: 1,
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: strings.NewReader(ok12), Comments: strings.NewReader(`1,"more",x`)}
			}},
		{name: "sdn given the alt file", file: "sdn.csv", line: 1,
			files: func() designation.OFACFiles {
				return designation.OFACFiles{SDN: bytes.NewReader(readFixture(t, "ofac/alt.csv"))}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := designation.ParseOFAC(tc.files())
			if err == nil {
				t.Fatalf("no error; entries %+v", got)
			}
			if got != nil {
				t.Errorf("entries returned with the error")
			}
			if tc.nonRowErrorCode != "" {
				if code := dossier.ErrorCode(err); code != tc.nonRowErrorCode {
					t.Errorf("error %v has code %q, want %q", err, code, tc.nonRowErrorCode)
				}
				return
			}
			var re *dossier.RowError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is a %T, want *dossier.RowError", err, err)
			}
			if re.File != tc.file || re.Line != tc.line || re.Column != tc.column {
				t.Errorf("error at %s:%d column %q, want %s:%d column %q (%v)", re.File, re.Line, re.Column, tc.file, tc.line, tc.column, err)
			}
			if re.Reason == "" || re.Hint == "" {
				t.Errorf("RowError without reason or hint: %+v", re)
			}
		})
	}
}

func TestParseOFACAliases(t *testing.T) {
	got, err := designation.ParseOFACAliases(bytes.NewReader(readFixture(t, "ofac/alt.csv")))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]designation.Alias{
		"10001": {
			{Name: "FTP", Type: "a.k.a.", Quality: "strong"},
			{Name: "OLD TESTING GROUP", Type: "f.k.a.", Quality: "strong"},
			{Name: "FTP-K", Type: "n.k.a.", Quality: "strong"},
		},
		"10002": {{Name: "ABU TESTING", Type: "a.k.a.", Quality: "strong"}},
		"10009": {{Name: "REMARKS, Long", Type: "a.k.a.", Quality: "strong"}},
		"99999": {{Name: "ORPHAN ALIAS", Type: "a.k.a.", Quality: "strong"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}

	_, err = designation.ParseOFACAliases(strings.NewReader("1,2,\"aka\",\"X\",-0- \n1,3,\"aka\"\n"))
	var re *dossier.RowError
	if !errors.As(err, &re) || re.File != "alt.csv" || re.Line != 2 {
		t.Errorf("short record: error %v, want a RowError at alt.csv:2", err)
	}
}

// TestParseOFACWindows1252 reads a file that is not UTF-8, as older OFAC
// files were.
func TestParseOFACWindows1252(t *testing.T) {
	sdn := "1,\"CAF\xc9 EXAMPLE S.A.\",-0- ,\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'EL CAF\xc9'.\"\r\n"
	got, err := designation.ParseOFAC(designation.OFACFiles{SDN: strings.NewReader(sdn)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "CAFÉ EXAMPLE S.A." || len(got[0].Aliases) != 1 || got[0].Aliases[0].Name != "EL CAFÉ" {
		t.Errorf("got %+v, want CAFÉ EXAMPLE S.A. a.k.a. EL CAFÉ", got)
	}
	if got[0].Raw != strings.TrimSuffix(sdn, "\r\n") {
		t.Errorf("Raw %q is not the record verbatim", got[0].Raw)
	}
}

func TestReadOFACDir(t *testing.T) {
	got, err := designation.ReadOFACDir(filepath.Join("testdata", "ofac"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := designation.ParseOFAC(ofacFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadOFACDir and ParseOFAC differ")
	}

	// Errors name the file's path.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sdn.csv"), readFixture(t, "ofac/sdn.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "alt.csv"), []byte("1,2,\"aka\"\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = designation.ReadOFACDir(dir)
	var re *dossier.RowError
	if !errors.As(err, &re) || re.File != filepath.Join(dir, "alt.csv") || re.Line != 1 {
		t.Errorf("error %v, want a RowError at %s:1", err, filepath.Join(dir, "alt.csv"))
	}

	_, err = designation.ReadOFACDir(t.TempDir())
	if code := dossier.ErrorCode(err); code != dossier.ENotFound {
		t.Errorf("empty directory: error %v (code %q), want code %q", err, code, dossier.ENotFound)
	}
}
