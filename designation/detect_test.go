package designation_test

import (
	"testing"

	"dossier/designation"
)

func TestDetect(t *testing.T) {
	un := readFixture(t, "un_sample.xml")
	sdn := readFixture(t, "ofac/sdn.csv")
	alt := readFixture(t, "ofac/alt.csv")
	add := readFixture(t, "ofac/add.csv")
	comments := readFixture(t, "ofac/sdn_comments.csv")
	for _, tc := range []struct {
		name   string
		prefix []byte
		file   string
		want   string
	}{
		{"UN list", un, "consolidated.xml", designation.FormatUN},
		{"UN list, short prefix", un[:200], "whatever.dat", designation.FormatUN},
		{"UN list with BOM", append([]byte("\xef\xbb\xbf"), un[:300]...), "", designation.FormatUN},
		{"other XML", []byte(`<?xml version="1.0"?><sdnList xmlns="http://tempuri.org/sdnList.xsd">`), "sdn.xml", ""},
		{"sdn.csv", sdn, "sdn.csv", designation.FormatOFACSDN},
		{"sdn.csv under another name", sdn, "download (3).csv", designation.FormatOFACSDN},
		{"sdn.csv cut in its first record", sdn[:45], "", designation.FormatOFACSDN},
		{"sdn.csv cut in its second field, named", sdn[:12], "SDN.CSV", designation.FormatOFACSDN},
		{"sdn.csv cut in its second field, unnamed", sdn[:12], "file.csv", ""},
		{"sdn.csv with BOM", append([]byte("\xef\xbb\xbf"), sdn...), "", designation.FormatOFACSDN},
		{"alt.csv", alt, "alt.csv", designation.FormatOFACAlt},
		{"alt.csv named sdn.csv", alt, "sdn.csv", designation.FormatOFACAlt},
		{"alt.csv cut", alt[:20], "", designation.FormatOFACAlt},
		{"add.csv", add, "add.csv", designation.FormatOFACAdd},
		{"sdn_comments.csv", comments, "sdn_comments.csv", designation.FormatOFACComments},
		{"sdn_comments.csv under another name", comments, "c.csv", designation.FormatOFACComments},
		{"sdn_comments.csv cut, named", comments[:12], "cons_comments.csv", designation.FormatOFACComments},
		{"ACLED header", []byte("event_id_cnty,event_date,year,time_precision\nBEN1,28 December 2022,2022,1\n"), "acled.csv", ""},
		{"GDELT line", []byte("594943290\t20151013\t201510\t2015\t2015.7726\tUSA\n"), "20161013151500.export.CSV", ""},
		{"a header with 12 columns", []byte("ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\n"), "sdn.csv", ""},
		{"numbers", []byte("1,2\n3,4\n"), "sdn_comments.csv", ""},
		{"empty", nil, "sdn.csv", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := designation.Detect(tc.prefix, tc.file); got != tc.want {
				t.Errorf("Detect(%.40q, %q) = %q, want %q", tc.prefix, tc.file, got, tc.want)
			}
		})
	}
}
