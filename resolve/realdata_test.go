package resolve_test

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dossier"
	"dossier/acled"
	"dossier/gtd"
	"dossier/resolve"
	"dossier/ucdp"
)

// sharedData returns the path of a file under shared/data beside the
// repository, skipping the test when it is absent.
func sharedData(t testing.TB, parts ...string) string {
	t.Helper()
	path := filepath.Join(append([]string{"..", "..", "shared", "data"}, parts...)...)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real data not found at %s (shared/data lives beside the repository; see its MANIFEST.md): %v", path, err)
	}
	return path
}

// rowParser is what the importers of GTD, UCDP and ACLED have in common.
type rowParser interface {
	Parse(rec []string) (*dossier.Event, error)
}

// realFile is one real data file and the parser for its layout.
type realFile struct {
	source dossier.Source
	parts  []string
	parser func(header []string, name string) (rowParser, error)
}

var realFiles = []realFile{
	{dossier.SourceGTD, []string{"gtd", "globalterrorismdb_2021Jan-June_1222dist.csv"},
		func(h []string, n string) (rowParser, error) { return gtd.NewParser(h, n) }},
	{dossier.SourceUCDP, []string{"ucdp", "ged_pakistan_hdx.csv"},
		func(h []string, n string) (rowParser, error) { return ucdp.NewParser(h, n) }},
	{dossier.SourceUCDP, []string{"ucdp", "ged_pakistan_web_export.csv"},
		func(h []string, n string) (rowParser, error) { return ucdp.NewParser(h, n) }},
	{dossier.SourceUCDP, []string{"ucdp", "ged231_sample1000.csv"},
		func(h []string, n string) (rowParser, error) { return ucdp.NewParser(h, n) }},
	{dossier.SourceACLED, []string{"acled", "acled_benin_current.csv"},
		func(h []string, n string) (rowParser, error) { return acled.NewParser(h, n) }},
	{dossier.SourceACLED, []string{"acled", "acled_mali_2010_2018_old.csv"},
		func(h []string, n string) (rowParser, error) { return acled.NewParser(h, n) }},
	{dossier.SourceACLED, []string{"acled", "acled_niger_2010_2018_old.csv"},
		func(h []string, n string) (rowParser, error) { return acled.NewParser(h, n) }},
}

// readEvents parses every row of a real file with its importer. Rows the
// importer rejects are counted, not fatal: the importers are tested in
// their own packages.
func readEvents(t testing.TB, f realFile) (events []*dossier.Event, rejected int) {
	t.Helper()
	path := sharedData(t, f.parts...)
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1 // the UCDP web export ends every data row with a comma
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: reading the header: %v", path, err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	p, err := f.parser(header, filepath.Base(path))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		e, err := p.Parse(rec)
		switch {
		case errors.Is(err, dossier.ErrSkipRow):
		case err != nil:
			rejected++
		default:
			events = append(events, e)
		}
	}
	return events, rejected
}

// minGTDCoverage is the share of GTD events naming a perpetrator (gname
// not "Unknown") that must resolve to a group of the knowledge base.
const minGTDCoverage = 0.90

// coverage counts events with a named perpetrator and those resolved.
type coverage struct {
	events, named, resolved int
	// unresolved counts the events of each perpetrator name that did not
	// resolve, to say which aliases or groups are missing.
	unresolved map[string]int
}

func (c coverage) share() float64 { return ratio(c.resolved, c.named) }

// measureCoverage resolves the perpetrators of every event of the real
// files of one source. named says whether an event counts.
func measureCoverage(t *testing.T, r *resolve.Resolver, source dossier.Source, named func(e *dossier.Event) bool) coverage {
	c := coverage{unresolved: map[string]int{}}
	for _, f := range realFiles {
		if f.source != source {
			continue
		}
		events, rejected := readEvents(t, f)
		if rejected > 0 {
			t.Logf("%s: the importer rejected %d rows", f.parts[1], rejected)
		}
		for _, e := range events {
			c.events++
			if !named(e) {
				continue
			}
			c.named++
			ok := false
			var names []string
			for _, a := range e.Perpetrators() {
				if resolvedTo(r.Resolve(a.Name, e.Country, e.Date)) != nil {
					ok = true
				}
				names = append(names, a.Name)
			}
			if ok {
				c.resolved++
			} else {
				c.unresolved[strings.Join(names, " + ")]++
			}
		}
	}
	return c
}

// logMissing logs the perpetrator names behind the most unresolved events.
func logMissing(t *testing.T, c coverage, n int) {
	type kv struct {
		name  string
		count int
	}
	var list []kv
	for k, v := range c.unresolved {
		list = append(list, kv{k, v})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].name < list[j].name
	})
	if len(list) > n {
		list = list[:n]
	}
	for _, x := range list {
		t.Logf("  unresolved: %5d  %s", x.count, x.name)
	}
}

// TestCoverageGTD resolves the perpetrators of the real GTD file and
// requires that at least minGTDCoverage of the events whose gname is not
// "Unknown" resolve to a group, so that a removed group or alias fails the
// test. It also logs the share labels.csv assigns to known groups, the
// ceiling the resolver could reach with the current knowledge base.
func TestCoverageGTD(t *testing.T) {
	sharedData(t, "gtd")
	r, groups := starter(t)
	c := measureCoverage(t, r, dossier.SourceGTD, func(e *dossier.Event) bool {
		ps := e.Perpetrators()
		return len(ps) > 0 && ps[0].Name != "Unknown"
	})
	t.Logf("GTD: %d events, %d with a named perpetrator, %d (%.1f%%) resolved to a group",
		c.events, c.named, c.resolved, 100*c.share())
	logMissing(t, c, 25)

	// The share the knowledge base could reach: events with a perpetrator
	// that labels.csv assigns to one of its groups.
	byName := map[string]bool{}
	for _, l := range readLabels(t, groups) {
		if l.source == "gtd" && len(l.want) > 0 {
			byName[l.name] = true
		}
	}
	reachable := 0
	for _, f := range realFiles[:1] {
		events, _ := readEvents(t, f)
		for _, e := range events {
			ps := e.Perpetrators()
			if len(ps) == 0 || ps[0].Name == "Unknown" {
				continue
			}
			for _, p := range ps {
				if byName[p.Name] {
					reachable++
					break
				}
			}
		}
	}
	ceiling := ratio(reachable, c.named)
	t.Logf("GTD: the knowledge base has groups for %.1f%% of these events (labels.csv)", 100*ceiling)
	if c.share() < minGTDCoverage {
		t.Errorf("GTD coverage %.3f, want at least %.2f: add the missing groups or aliases listed above to the knowledge base (kb/starter)",
			c.share(), minGTDCoverage)
	}
}

// TestCoverageUCDP and TestCoverageACLED report (log only) the share of
// events with at least one perpetrator that is no generic name (state
// forces, civilians, unidentified groups) that resolve to a group.
func TestCoverageUCDP(t *testing.T) {
	sharedData(t, "ucdp")
	testCoverageLogged(t, dossier.SourceUCDP)
}

func TestCoverageACLED(t *testing.T) {
	sharedData(t, "acled")
	testCoverageLogged(t, dossier.SourceACLED)
}

func testCoverageLogged(t *testing.T, source dossier.Source) {
	r, _ := starter(t)
	c := measureCoverage(t, r, source, func(e *dossier.Event) bool {
		for _, a := range e.Perpetrators() {
			if !isGeneric(r.Resolve(a.Name, e.Country, e.Date)) {
				return true
			}
		}
		return false
	})
	t.Logf("%s: %d events, %d with a perpetrator that is not generic, %d (%.1f%%) resolved to a group",
		source, c.events, c.named, c.resolved, 100*c.share())
	logMissing(t, c, 25)
}
