package designation_test

import (
	"reflect"
	"testing"

	"dossier/designation"
)

func TestEntities(t *testing.T) {
	in := []designation.Entry{
		{Reference: "1", Kind: "entity"},
		{Reference: "2", Kind: "individual"},
		{Reference: "3", Kind: "vessel"},
		{Reference: "4", Kind: "entity"},
		{Reference: "5", Kind: "aircraft"},
	}
	var got []string
	for _, e := range designation.Entities(in) {
		got = append(got, e.Reference)
	}
	if want := []string{"1", "4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Entities gave %v, want %v", got, want)
	}
	if got := designation.Entities(nil); len(got) != 0 {
		t.Errorf("Entities(nil) = %v, want none", got)
	}
}

func TestTerrorismRelated(t *testing.T) {
	for _, tc := range []struct {
		e    designation.Entry
		want bool
	}{
		{designation.Entry{Authority: "UN", Reference: "QDe.161", Programs: []string{"Al-Qaida"}}, true},
		{designation.Entry{Authority: "UN", Reference: "TAe.012", Programs: []string{"Taliban"}}, true},
		{designation.Entry{Authority: "UN", Reference: "TAe.012"}, true},
		{designation.Entry{Authority: "UN", Reference: "QE.A.4.01"}, true},
		{designation.Entry{Authority: "UN", Reference: "CDe.001", Programs: []string{"DRC"}}, false},
		{designation.Entry{Authority: "UN", Reference: "KPe.001", Programs: []string{"DPRK"}}, false},
		{designation.Entry{Authority: "OFAC", Reference: "18647", Programs: []string{"FTO", "SDGT"}}, true},
		{designation.Entry{Authority: "OFAC", Reference: "1", Programs: []string{"IRAN", "SDGT"}}, true},
		{designation.Entry{Authority: "OFAC", Reference: "2", Programs: []string{"SDT"}}, true},
		{designation.Entry{Authority: "OFAC", Reference: "3", Programs: []string{"SDNTK"}}, false},
		{designation.Entry{Authority: "OFAC", Reference: "QDe.1"}, false},
		{designation.Entry{Authority: "EU", Reference: "QDe.1", Programs: []string{"SDGT"}}, false},
	} {
		if got := tc.e.TerrorismRelated(); got != tc.want {
			t.Errorf("%s %s %v: TerrorismRelated() = %v, want %v", tc.e.Authority, tc.e.Reference, tc.e.Programs, got, tc.want)
		}
	}
}
