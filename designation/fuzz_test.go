package designation_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"dossier"
	"dossier/designation"
)

// checkEntries fails when a parser returned something its contract forbids.
func checkEntries(t *testing.T, entries []designation.Entry, err error, authority string) {
	t.Helper()
	if err != nil {
		var de *dossier.Error
		var re *dossier.RowError
		switch {
		case errors.As(err, &re):
			if re.File == "" || re.Line < 1 || re.Reason == "" || re.Hint == "" {
				t.Fatalf("RowError without file, line, reason or hint: %+v", re)
			}
		case errors.As(err, &de):
			if de.Code != dossier.EInvalid || de.Message == "" || de.Hint == "" {
				t.Fatalf("Error without code, message or hint: %+v", de)
			}
		default:
			t.Fatalf("error %v is a %T, want *dossier.Error or *dossier.RowError", err, err)
		}
		if entries != nil {
			t.Fatalf("entries returned with error %v", err)
		}
		return
	}
	for _, e := range entries {
		if e.Authority != authority || e.Reference == "" || e.Name == "" || e.Raw == "" {
			t.Fatalf("entry without authority, reference, name or raw: %+v", e)
		}
		switch e.Kind {
		case designation.KindEntity, designation.KindIndividual, designation.KindVessel, designation.KindAircraft:
		default:
			t.Fatalf("entry %s of kind %q", e.Reference, e.Kind)
		}
		if e.Listed != "" && (len(e.Listed) != 10 || e.Listed[4] != '-' || e.Listed[7] != '-') {
			t.Fatalf("entry %s listed %q, not YYYY-MM-DD", e.Reference, e.Listed)
		}
		for _, c := range e.Countries {
			if len(c) != 3 || strings.ToUpper(c) != c {
				t.Fatalf("entry %s country %q is not an alpha-3 code", e.Reference, c)
			}
		}
		for _, a := range e.Aliases {
			if a.Name == "" || a.Type == "" {
				t.Fatalf("entry %s alias %+v without name or type", e.Reference, a)
			}
		}
		for _, l := range e.LinkedTo {
			if l.Reference == e.Reference {
				t.Fatalf("entry %s linked to itself", e.Reference)
			}
		}
	}
}

func FuzzParseUN(f *testing.F) {
	f.Add(readFixture(f, "un_sample.xml"))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><CONSOLIDATED_LIST><ENTITY><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDe.1</REFERENCE_NUMBER><COMMENTS1>B (QDe.2) (C (QDe.3</COMMENTS1></ENTITY></CONSOLIDATED_LIST>`))
	f.Add([]byte(`<CONSOLIDATED_LIST><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER><COMMENTS1>"x" (QDe.2) y) (TE.A.1.1)</COMMENTS1></INDIVIDUAL>`))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := designation.ParseUN(bytes.NewReader(data))
		checkEntries(t, entries, err, designation.AuthorityUN)
		for _, e := range entries {
			if !bytes.Contains(data, []byte(e.Raw)) && !strings.Contains(string(data), "encoding") {
				t.Fatalf("entry %s: Raw %q is not in the input", e.Reference, e.Raw)
			}
		}
	})
}

func FuzzParseOFAC(f *testing.F) {
	f.Add(readFixture(f, "ofac/sdn.csv"), readFixture(f, "ofac/alt.csv"), readFixture(f, "ofac/add.csv"), readFixture(f, "ofac/sdn_comments.csv"))
	f.Add([]byte("1,\"A\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Linked To: A.; a.k.a. ''; nationality ;\"\r\n\x1a"),
		[]byte("1,2,\"fka\",\"B\",-0- "), []byte("1,2,-0- ,-0- ,\"Region: \",-0- "), []byte("1,\"'.\""))
	f.Add([]byte(""), []byte(""), []byte(""), []byte(""))
	f.Fuzz(func(t *testing.T, sdn, alt, add, comments []byte) {
		entries, err := designation.ParseOFAC(designation.OFACFiles{
			SDN: bytes.NewReader(sdn), Alt: bytes.NewReader(alt), Add: bytes.NewReader(add), Comments: bytes.NewReader(comments),
		})
		checkEntries(t, entries, err, designation.AuthorityOFAC)
	})
}

func FuzzParseOFACAliases(f *testing.F) {
	f.Add(readFixture(f, "ofac/alt.csv"))
	f.Add([]byte("1,2,\"a.k.a.\",\"X\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := designation.ParseOFACAliases(bytes.NewReader(data))
		if err != nil {
			var re *dossier.RowError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is a %T, want *dossier.RowError", err, err)
			}
			if got != nil {
				t.Fatal("aliases returned with an error")
			}
			return
		}
		for ent, aliases := range got {
			if ent == "" || strings.Trim(ent, "0123456789") != "" {
				t.Fatalf("ent_num %q", ent)
			}
			for _, a := range aliases {
				if a.Name == "" || a.Quality != designation.QualityStrong {
					t.Fatalf("alias %+v", a)
				}
			}
		}
	})
}

func FuzzDetect(f *testing.F) {
	for _, name := range []string{"un_sample.xml", "ofac/sdn.csv", "ofac/alt.csv", "ofac/add.csv", "ofac/sdn_comments.csv"} {
		b := readFixture(f, name)
		f.Add(b[:min(len(b), 4096)], name)
		f.Add(b[:min(len(b), 30)], name)
	}
	f.Fuzz(func(t *testing.T, prefix []byte, name string) {
		switch got := designation.Detect(prefix, name); got {
		case "", designation.FormatUN, designation.FormatOFACSDN, designation.FormatOFACAlt, designation.FormatOFACAdd, designation.FormatOFACComments:
		default:
			t.Fatalf("Detect returned %q", got)
		}
	})
}
