package metrics_test

import (
	"testing"

	"dossier"
	"dossier/metrics"
)

func TestIsAttack(t *testing.T) {
	d := day(2021, 3, 1)
	doubtful := ev(dossier.SourceGTD, "9", d, dossier.TypeBombing, perp("G", "g"))
	doubtful.Doubtful = dossier.Bool(true)
	ucdp := func(typ string, actors ...dossier.Actor) *dossier.Event {
		e := ev(dossier.SourceUCDP, "1", d, dossier.TypeBattle, actors...)
		e.SourceType = typ
		return e
	}
	acled := func(typ dossier.EventType, actors ...dossier.Actor) *dossier.Event {
		return ev(dossier.SourceACLED, "MLI1", d, typ, actors...)
	}
	def := metrics.DefaultOptions()
	noDoubt := def
	noDoubt.ExcludeDoubtful = true
	certainOnly := def
	certainOnly.CertainOnly = true
	gdeltOn := metrics.DefaultOptions()
	gdeltOn.Sources[dossier.SourceGDELT] = true
	minConf := def
	minConf.MinConfidence = 0.9
	lowConf := perp("G", "g")
	lowConf.Confidence = 0.8

	tests := []struct {
		name                    string
		e                       *dossier.Event
		o                       metrics.Options
		wantCounts, wantCertain bool
	}{
		{"gtd perpetrator", ev(dossier.SourceGTD, "1", d, dossier.TypeBombing, perp("G", "g")), def, true, true},
		{"gtd guncertain", ev(dossier.SourceGTD, "1", d, dossier.TypeBombing, uncertainPerp("G", "g")), def, true, false},
		{"gtd uncertain and certain actor of same group", ev(dossier.SourceGTD, "1", d, dossier.TypeBombing, uncertainPerp("G?", "g"), perp("G", "g")), def, true, true},
		{"gtd group only as target", ev(dossier.SourceGTD, "1", d, dossier.TypeArmedAssault, perp("Other", "h"), target("G", "g")), def, false, false},
		{"gtd other group", ev(dossier.SourceGTD, "1", d, dossier.TypeBombing, perp("H", "h")), def, false, false},
		{"gtd unknown type still counts", ev(dossier.SourceGTD, "1", d, dossier.TypeAttack, perp("G", "g")), def, true, true},
		{"gtd doubtful counts by default", doubtful, def, true, true},
		{"gtd doubtful excluded by option", doubtful, noDoubt, false, false},
		{"acled battle initiated (actor1)", acled(dossier.TypeBattle, perp("G", "g"), target("Military Forces", "")), def, true, true},
		{"acled battle where group is actor2", acled(dossier.TypeBattle, perp("Military Forces", ""), target("G", "g")), def, false, false},
		{"acled battle where group is assoc of actor1", acled(dossier.TypeBattle, perp("H", "h"), assoc("G", "g")), def, false, false},
		{"acled violence against civilians", acled(dossier.TypeArmedAssault, perp("G", "g"), target("Civilians (Mali)", "")), def, true, true},
		{"acled abduction", acled(dossier.TypeKidnapping, perp("G", "g")), def, true, true},
		{"acled IED", acled(dossier.TypeBombing, perp("G", "g")), def, true, true},
		{"acled shelling", acled(dossier.TypeRemoteViolence, perp("G", "g")), def, true, true},
		{"acled assoc actor in VAC", acled(dossier.TypeArmedAssault, perp("H", "h"), assoc("G", "g")), def, true, true},
		{"acled composite label", acled(dossier.TypeBombing, uncertainPerp("JNIM and/or IS Sahel", "g")), def, true, false},
		{"acled VAC against the group", acled(dossier.TypeArmedAssault, perp("Military Forces", ""), target("G", "g")), def, false, false},
		{"acled protest", acled(dossier.TypeProtest, perp("G", "g")), def, false, false},
		{"acled riot", acled(dossier.TypeRiot, perp("G", "g")), def, false, false},
		{"acled strategic development", acled(dossier.TypeStrategic, perp("G", "g")), def, false, false},
		{"ucdp one-sided side A", ucdp("one-sided", perp("G", "g"), target("Civilians", "")), def, true, true},
		{"ucdp non-state side A", ucdp("non-state", perp("G", "g"), perp("H", "h")), def, true, true},
		{"ucdp non-state side B", ucdp("non-state", perp("H", "h"), perp("G", "g")), def, true, true},
		{"ucdp state-based side B", ucdp("state-based", perp("Government of Pakistan", ""), perp("TTP", "g")), def, true, true},
		{"ucdp state-based government side", ucdp("state-based", perp("Government of Pakistan", "g"), perp("TTP", "h")), def, false, false},
		{"ucdp state-based side A unresolved-prefix", ucdp("state-based", perp("Gov X", "g"), perp("TTP", "h")), def, false, false},
		{"ucdp state-based only side B given", ucdp("state-based", perp("TTP", "g")), def, true, true},
		{"ucdp state-based side_a in details", func() *dossier.Event {
			e := ucdp("state-based", perp("G", "g"), perp("Government of Mali", ""))
			e.Details = map[string]string{"side_a": "Government of Mali"}
			return e
		}(), def, true, true},
		{"ucdp type from details", func() *dossier.Event {
			e := ucdp("", perp("Government of Mali", ""), perp("G", "g"))
			e.Details = map[string]string{"type_of_violence": "1"}
			return e
		}(), def, true, true},
		{"ucdp one-sided group as target", ucdp("one-sided", perp("H", "h"), target("G", "g")), def, false, false},
		{"gdelt never by default", ev(dossier.SourceGDELT, "1", d, dossier.TypeMassViolence, perp("G", "g")), def, false, false},
		{"gdelt when let in", ev(dossier.SourceGDELT, "1", d, dossier.TypeMassViolence, perp("G", "g")), gdeltOn, true, true},
		{"article never by default", ev(dossier.SourceArticle, "1", d, dossier.TypeBombing, perp("G", "g")), def, false, false},
		{"curated counts", ev(dossier.SourceCurated, "kabul-2021", d, dossier.TypeBombing, perp("G", "g")), def, true, true},
		{"user file counts", ev("mydata", "1", d, dossier.TypeArmedAssault, perp("G", "g")), def, true, true},
		{"user file protest", ev("mydata", "1", d, dossier.TypeProtest, perp("G", "g")), def, false, false},
		{"certain only drops uncertain", ev(dossier.SourceGTD, "1", d, dossier.TypeBombing, uncertainPerp("G", "g")), certainOnly, false, false},
		{"certain only keeps certain", ev(dossier.SourceGTD, "1", d, dossier.TypeBombing, perp("G", "g")), certainOnly, true, true},
		{"low confidence is uncertain", ev(dossier.SourceGTD, "1", d, dossier.TypeBombing, lowConf), minConf, true, false},
		{"nil event", nil, def, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotCounts, gotCertain := metrics.IsAttack(tt.e, "g", tt.o)
			if gotCounts != tt.wantCounts || gotCertain != tt.wantCertain {
				t.Errorf("IsAttack = (%v, %v), want (%v, %v)", gotCounts, gotCertain, tt.wantCounts, tt.wantCertain)
			}
		})
	}
	if c, _ := metrics.IsAttack(ev(dossier.SourceGTD, "1", d, dossier.TypeBombing, perp("G", "g")), "", def); c {
		t.Error("IsAttack with empty group id counts, want not")
	}
}
