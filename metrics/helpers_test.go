package metrics_test

import (
	"time"

	"dossier"
)

// day returns midnight UTC of the date.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// ev builds an event of source src on date with the given actors.
func ev(src dossier.Source, id string, date time.Time, typ dossier.EventType, actors ...dossier.Actor) *dossier.Event {
	return &dossier.Event{Source: src, SourceID: id, Date: date, DateEnd: date, DatePrecision: dossier.PrecisionDay, Type: typ, Actors: actors}
}

func perp(name, group string) dossier.Actor {
	return dossier.Actor{Name: name, Role: dossier.RolePerpetrator, GroupID: group, Confidence: 1}
}

func uncertainPerp(name, group string) dossier.Actor {
	return dossier.Actor{Name: name, Role: dossier.RolePerpetrator, GroupID: group, Confidence: 0.5, Uncertain: true}
}

func target(name, group string) dossier.Actor {
	return dossier.Actor{Name: name, Role: dossier.RoleTarget, GroupID: group, Confidence: 1}
}

func assoc(name, group string) dossier.Actor {
	return dossier.Actor{Name: name, Role: dossier.RoleAssociated, GroupID: group, Confidence: 1}
}

// with sets casualties: deaths, injuries, hostages; a negative value
// leaves the count unknown (nil).
func with(e *dossier.Event, deaths, injuries, hostages int) *dossier.Event {
	opt := func(n int) *int {
		if n < 0 {
			return nil
		}
		return dossier.Int(n)
	}
	e.Fatalities, e.Injuries, e.Hostages = opt(deaths), opt(injuries), opt(hostages)
	return e
}

func place(e *dossier.Event, country, admin1 string) *dossier.Event {
	e.Country, e.Admin1 = country, admin1
	return e
}

func f(x float64) *float64 { return &x }
