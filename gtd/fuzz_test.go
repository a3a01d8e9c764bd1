package gtd_test

import (
	"errors"
	"strings"
	"testing"

	"dossier"
	"dossier/gtd"
)

// sep joins fields in fuzz inputs: a control character no GTD field holds.
const sep = "\x1f"

// checkParsed fails when Parse returned something the contract forbids.
func checkParsed(t *testing.T, e *dossier.Event, err error) {
	t.Helper()
	if err != nil {
		var re *dossier.RowError
		if !errors.Is(err, dossier.ErrSkipRow) && !errors.As(err, &re) {
			t.Fatalf("error %v (%T) is neither a RowError nor ErrSkipRow", err, err)
		}
		if e != nil {
			t.Fatalf("event returned with error %v", err)
		}
		if re != nil && (re.Reason == "" || re.Hint == "") {
			t.Fatalf("RowError without reason or hint: %+v", re)
		}
		return
	}
	if e == nil {
		t.Fatal("nil event without error")
	}
	if e.SourceID == "" || e.Source != dossier.SourceGTD {
		t.Fatalf("event without source or id: %+v", e)
	}
	if e.DateEnd.Before(e.Date) || e.Date.IsZero() || e.DatePrecision == "" {
		t.Fatalf("bad dates %v–%v (%s)", e.Date, e.DateEnd, e.DatePrecision)
	}
	if (e.Latitude == nil) != (e.Longitude == nil) {
		t.Fatal("one coordinate without the other")
	}
	if e.Latitude != nil && (*e.Latitude < -90 || *e.Latitude > 90 || *e.Longitude < -180 || *e.Longitude > 180) {
		t.Fatalf("coordinates out of range: %v %v", *e.Latitude, *e.Longitude)
	}
	for _, n := range []*int{e.Fatalities, e.Injuries, e.Hostages} {
		if n != nil && *n < 0 {
			t.Fatalf("negative count %d", *n)
		}
	}
	if e.Type == "" {
		t.Fatal("no event type")
	}
}

func FuzzParse(f *testing.F) {
	header, recs := fixture(f)
	for _, r := range recs {
		f.Add(strings.Join(r, sep))
	}
	f.Add("")
	f.Add("1" + sep + "2021" + sep + "2" + sep + "30")
	f.Add("1" + sep + "99999" + sep + "12" + sep + "31")
	f.Add("202101010001.0" + sep + "2021.0" + sep + "1.0" + sep + "1.")
	p, err := gtd.NewParser(header, "globalterrorismdb_0522dist.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := p.Parse(strings.Split(s, sep))
		checkParsed(t, e, err)
	})
}

func FuzzNewParser(f *testing.F) {
	header, recs := fixture(f)
	f.Add(strings.Join(header, sep), strings.Join(recs[0], sep), "globalterrorismdb_1222dist.csv")
	f.Add("eventid"+sep+"iyear"+sep+"imonth"+sep+"iday"+sep+"country_txt"+sep+"gname", "1"+sep+"1970"+sep+"0"+sep+"0"+sep+"Mexico"+sep+"X", "")
	f.Add("EVENTID"+sep+"eventid"+sep+"iyear"+sep+"imonth"+sep+"iday"+sep+"COUNTRY_TXT"+sep+"gname"+sep+"resolution",
		"1"+sep+""+sep+"1970"+sep+"0"+sep+"0"+sep+"Mexico"+sep+"X"+sep+"99999999999", "0000dist")
	f.Fuzz(func(t *testing.T, h, rec, name string) {
		p, err := gtd.NewParser(strings.Split(h, sep), name)
		if err != nil {
			var de *dossier.Error
			if !errors.As(err, &de) || de.Code != dossier.EInvalid {
				t.Fatalf("NewParser error %v (%T), want *dossier.Error EInvalid", err, err)
			}
			return
		}
		e, err := p.Parse(strings.Split(rec, sep))
		checkParsed(t, e, err)
	})
}
