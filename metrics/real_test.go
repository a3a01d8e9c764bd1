package metrics_test

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier"
	"dossier/gtd"
	"dossier/metrics"
)

// TestRealGTD profiles the Khorasan branch of the Islamic State in the
// real GTD release (Jan–Jun 2021): events parsed by the gtd package, the
// group attributed by its GTD name, and the expectations counted straight
// from the CSV with encoding/csv.
func TestRealGTD(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "gtd", "globalterrorismdb_2021Jan-June_1222dist.csv")
	fh, err := os.Open(path)
	if err != nil {
		t.Skipf("real data %s absent (%v): this test runs only where ../shared/data exists", path, err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\uFEFF")] = i
	}
	p, err := gtd.NewParser(header, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	const name = "Khorasan Chapter of the Islamic State"
	var (
		events                     []*dossier.Event
		wantAttacks, wantUncertain int
		wantDeaths, wantUnknown    int
		wantCountries              = map[string]bool{}
		wantPerCountry             = map[string]int{}
		wantIncidents              int
	)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		e, err := p.Parse(rec)
		if err != nil {
			continue
		}
		wantIncidents++
		wantPerCountry[rec[col["country_txt"]]]++
		for i := range e.Actors {
			if e.Actors[i].Name == name && e.Actors[i].Role == dossier.RolePerpetrator {
				e.Actors[i].GroupID = "iskp"
			}
		}
		events = append(events, e)

		// Expectations from the raw columns.
		var hit, certain bool
		for i, g := range []string{"gname", "gname2", "gname3"} {
			if j, ok := col[g]; ok && strings.TrimSpace(rec[j]) == name {
				hit = true
				u := []string{"guncertain1", "guncertain2", "guncertain3"}[i]
				if strings.TrimSpace(rec[col[u]]) != "1" {
					certain = true
				}
			}
		}
		if !hit {
			continue
		}
		wantAttacks++
		if !certain {
			wantUncertain++
		}
		wantCountries[rec[col["country_txt"]]] = true
		k := strings.TrimSpace(rec[col["nkill"]])
		n, err := strconv.ParseFloat(k, 64)
		if k == "" || err != nil || n < 0 {
			wantUnknown++
		} else {
			wantDeaths += int(n)
		}
	}
	if wantAttacks == 0 {
		t.Fatalf("no %q rows in %s: the expectations would test nothing", name, path)
	}
	st := metrics.Profile(events, "iskp", metrics.Window{}, metrics.DefaultOptions())
	got := [4]int{st.Attacks, st.UncertainAttacks, st.Deaths.Best, st.Deaths.Unknown}
	want := [4]int{wantAttacks, wantUncertain, wantDeaths, wantUnknown}
	if got != want {
		t.Errorf("(attacks, uncertain, deaths, unknown deaths) = %v, want %v", got, want)
	}
	if len(st.Countries) != len(wantCountries) {
		t.Errorf("countries = %v, want %d countries", st.Countries, len(wantCountries))
	}
	if st.Impact.Year != 2021 || st.Impact.Score <= 0 {
		t.Errorf("impact %+v, want a positive 2021 score", st.Impact)
	}
	t.Logf("IS-K in GTD Jan–Jun 2021: %d attacks (%d uncertain), %d deaths (%d unknown), lethality %v, impact %v [%v, %v]",
		st.Attacks, st.UncertainAttacks, st.Deaths.Best, st.Deaths.Unknown, ptr(st.Lethality.Value), st.Impact.Score, st.Impact.Low, st.Impact.High)

	// Country totals: every incident counts for GTI.
	by := metrics.CountryYearTotals(events, metrics.DefaultOptions())
	var total float64
	for _, yearly := range by {
		total += yearly[2021].Incidents
	}
	if int(total) != wantIncidents {
		t.Errorf("country incidents sum to %v, want %d", total, wantIncidents)
	}
	scores := metrics.GTI(by, 2021)
	if len(scores) == 0 || scores[0].Score != 10 || scores[0].Rank != 1 {
		t.Fatalf("GTI top = %+v, want a country scoring 10", scores)
	}
	// The top country has the most weighted impact; its incidents match the CSV.
	if got, want := int(scores[0].Incidents), wantPerCountry[scores[0].Name]; want != 0 && got != want {
		t.Errorf("%s incidents = %d, want %d from the CSV", scores[0].Name, got, want)
	}
	t.Logf("GTI 2021 (Jan–Jun data) top 3: %+v", scores[:min(3, len(scores))])

	start := time.Now()
	metrics.Profile(events, "iskp", metrics.Window{}, metrics.DefaultOptions())
	t.Logf("Profile over %d real events: %v", len(events), time.Since(start))
}
