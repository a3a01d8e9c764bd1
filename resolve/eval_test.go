package resolve_test

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"dossier/kb"
	"dossier/resolve"
)

// labelsFile is the evaluation set: actor names as the real GTD, UCDP,
// ACLED and sanctions files write them, each with the group it names,
// judged by hand (see testdata/README.md).
var labelsFile = filepath.Join("testdata", "labels.csv")

// minPrecision is the share of resolutions that must be right.
const minPrecision = 0.98

// label is one row of labels.csv.
type label struct {
	line    int
	name    string
	country string
	date    time.Time
	source  string
	note    string
	// want are the knowledge-base groups the name means: empty for a name
	// that is no armed group ("none") or a group the knowledge base lacks
	// ("?slug"); several for a composite label ("a|b").
	want map[string]bool
	// raw is the group column as written.
	raw string
}

// readLabels reads labels.csv. A "?slug" part whose slug has become a
// knowledge-base id counts as that group: the knowledge base gained it.
// A part naming an id the knowledge base lacks is an error, so that
// labels cannot silently drift from the knowledge base.
func readLabels(t testing.TB, groups map[string]bool) []label {
	t.Helper()
	f, err := os.Open(labelsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: %v", labelsFile, err)
	}
	if got, want := strings.Join(header, ","), "name,country,date,group,source,note"; got != want {
		t.Fatalf("%s: header %q, want %q", labelsFile, got, want)
	}
	var out []label
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s:%d: %v", labelsFile, line, err)
		}
		l := label{line: line, name: rec[0], country: rec[1], raw: rec[3], source: rec[4], note: rec[5], want: map[string]bool{}}
		if rec[2] != "" {
			if l.date, err = time.Parse("2006-01-02", rec[2]); err != nil {
				t.Fatalf("%s:%d: date %q is not YYYY-MM-DD", labelsFile, line, rec[2])
			}
		}
		if l.name == "" || l.raw == "" {
			t.Fatalf("%s:%d: name and group are required", labelsFile, line)
		}
		if l.raw != "none" {
			for _, part := range strings.Split(l.raw, "|") {
				slug, unknown := strings.CutPrefix(part, "?")
				switch {
				case slug == "" || !kb.ValidID(slug):
					t.Fatalf("%s:%d: group %q is not an id, ?slug or none", labelsFile, line, part)
				case groups[slug]:
					l.want[slug] = true
				case !unknown:
					t.Errorf("%s:%d: %s is labelled %s, which the knowledge base lacks; write ?%s or the group's new id",
						labelsFile, line, l.name, part, part)
				}
			}
		}
		out = append(out, l)
	}
	return out
}

// starter builds a resolver from the embedded starter knowledge base.
func starter(t testing.TB) (*resolve.Resolver, map[string]bool) {
	t.Helper()
	k, err := kb.Starter()
	if err != nil {
		t.Fatalf("loading the starter knowledge base: %v", err)
	}
	groups := k.GroupList()
	ids := make(map[string]bool, len(groups))
	for _, g := range groups {
		ids[g.ID] = true
	}
	return resolve.New(groups, k.Aliases()), ids
}

// outcome is how one labelled row resolved.
type outcome struct {
	label
	got     []string // resolved groups, sorted
	matches []resolve.Match
}

// resolvedTo returns the distinct groups of ms, sorted.
func resolvedTo(ms []resolve.Match) []string {
	var out []string
	for _, m := range ms {
		if m.Resolved() && !contains(out, m.GroupID) {
			out = append(out, m.GroupID)
		}
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// correct reports whether every resolved group is one the row names.
func (o outcome) correct() bool {
	for _, g := range o.got {
		if !o.want[g] {
			return false
		}
	}
	return true
}

// complete reports whether the row resolved to exactly the groups it names.
func (o outcome) complete() bool {
	return len(o.got) == len(o.want) && o.correct()
}

func (o outcome) String() string {
	var rules []string
	for _, m := range o.matches {
		if m.Resolved() {
			rules = append(rules, fmt.Sprintf("%s by %s via %q", m.GroupID, m.Rule, m.Alias))
		} else {
			rules = append(rules, m.Rule)
		}
	}
	return fmt.Sprintf("%s:%d: %q (%s %s %s) labelled %s: got [%s]",
		labelsFile, o.line, o.name, o.source, o.country, o.date.Format("2006-01-02"), o.raw, strings.Join(rules, "; "))
}

// score is precision and recall over a set of rows.
type score struct {
	resolved, right  int // rows resolved to some group; of those, right
	labelled, recall int // rows naming a knowledge-base group; of those, resolved exactly
}

func (s *score) add(o outcome) {
	if len(o.got) > 0 {
		s.resolved++
		if o.correct() {
			s.right++
		}
	}
	if len(o.want) > 0 {
		s.labelled++
		if o.complete() {
			s.recall++
		}
	}
}

func (s score) precision() float64  { return ratio(s.right, s.resolved) }
func (s score) recallRate() float64 { return ratio(s.recall, s.labelled) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func evaluate(t testing.TB) ([]outcome, map[string]*score) {
	r, groups := starter(t)
	labels := readLabels(t, groups)
	scores := map[string]*score{"all": {}}
	var out []outcome
	for _, l := range labels {
		ms := r.Resolve(l.name, l.country, l.date)
		o := outcome{label: l, matches: ms, got: resolvedTo(ms)}
		out = append(out, o)
		if scores[l.source] == nil {
			scores[l.source] = &score{}
		}
		scores[l.source].add(o)
		scores["all"].add(o)
	}
	return out, scores
}

// TestEvaluation resolves every labelled name with the starter knowledge
// base and fails when precision (right resolutions among all resolutions)
// falls below minPrecision. Recall (rows naming a knowledge-base group
// that resolve to exactly that group) is logged, with the rows missed.
func TestEvaluation(t *testing.T) {
	outcomes, scores := evaluate(t)

	names := map[string]bool{}
	for _, o := range outcomes {
		names[o.name] = true
	}
	if len(names) < 300 {
		t.Errorf("%s holds %d distinct names, want at least 300", labelsFile, len(names))
	}

	var wrong, missed []string
	for _, o := range outcomes {
		switch {
		case len(o.got) > 0 && !o.correct():
			wrong = append(wrong, o.String())
		case len(o.want) > 0 && !o.complete():
			missed = append(missed, o.String())
		}
	}
	sources := make([]string, 0, len(scores))
	for s := range scores {
		sources = append(sources, s)
	}
	sort.Strings(sources)
	for _, s := range sources {
		sc := scores[s]
		t.Logf("%-5s precision %.3f (%d/%d resolved rows right), recall %.3f (%d/%d rows naming a known group)",
			s, sc.precision(), sc.right, sc.resolved, sc.recallRate(), sc.recall, sc.labelled)
	}
	for _, w := range wrong {
		t.Logf("wrong: %s", w)
	}
	if testing.Verbose() {
		for _, m := range missed {
			t.Logf("missed: %s", m)
		}
	}
	if p := scores["all"].precision(); p < minPrecision {
		t.Errorf("precision %.3f, want at least %.2f: %d wrong resolutions (listed above)", p, minPrecision, len(wrong))
	}
}

// TestEvaluationScoring checks the scoring rules on rows written here.
func TestEvaluationScoring(t *testing.T) {
	set := func(ids ...string) map[string]bool {
		m := map[string]bool{}
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	for _, tc := range []struct {
		name              string
		want              map[string]bool
		got               []string
		correct, complete bool
	}{
		{"right group", set("iskp"), []string{"iskp"}, true, true},
		{"wrong group", set("iskp"), []string{"islamic-state"}, false, false},
		{"unresolved", set("iskp"), nil, true, false},
		{"none resolved", set(), []string{"taliban"}, false, false},
		{"none unresolved", set(), nil, true, true},
		{"composite, one part", set("jnim", "isgs"), []string{"jnim"}, true, false},
		{"composite, both parts", set("jnim", "isgs"), []string{"isgs", "jnim"}, true, true},
		{"composite, a stranger", set("jnim", "isgs"), []string{"isgs", "jnim", "aqim"}, false, false},
	} {
		o := outcome{label: label{want: tc.want}, got: tc.got}
		if got := o.correct(); got != tc.correct {
			t.Errorf("%s: correct() = %v, want %v", tc.name, got, tc.correct)
		}
		if got := o.complete(); got != tc.complete {
			t.Errorf("%s: complete() = %v, want %v", tc.name, got, tc.complete)
		}
	}

	var s score
	s.add(outcome{label: label{want: set("a")}, got: []string{"a"}})
	s.add(outcome{label: label{want: set("a")}, got: []string{"b"}})
	s.add(outcome{label: label{want: set("a")}})
	s.add(outcome{label: label{want: set()}, got: []string{"c"}})
	s.add(outcome{label: label{want: set()}})
	if s.resolved != 3 || s.right != 1 || s.labelled != 3 || s.recall != 1 {
		t.Errorf("score = %+v, want resolved 3, right 1, labelled 3, recall 1", s)
	}
}

// TestLabelsCoverRealNames checks that the labelled set holds every
// distinct GTD gname, every UCDP side name and every actor1 of the Benin
// and Niger ACLED files, read here with encoding/csv.
func TestLabelsCoverRealNames(t *testing.T) {
	_, groups := starter(t)
	labelled := map[string]bool{}
	for _, l := range readLabels(t, groups) {
		labelled[l.name] = true
	}
	for _, tc := range []struct {
		parts   []string
		columns []string
	}{
		{[]string{"gtd", "globalterrorismdb_2021Jan-June_1222dist.csv"}, []string{"gname", "gname2", "gname3"}},
		{[]string{"ucdp", "ged_pakistan_hdx.csv"}, []string{"side_a", "side_b"}},
		{[]string{"ucdp", "ged_pakistan_web_export.csv"}, []string{"side_a", "side_b"}},
		{[]string{"ucdp", "ged231_sample1000.csv"}, []string{"side_a", "side_b"}},
		{[]string{"acled", "acled_benin_current.csv"}, []string{"actor1"}},
		{[]string{"acled", "acled_niger_2010_2018_old.csv"}, []string{"actor1"}},
	} {
		path := sharedData(t, tc.parts...)
		missing := map[string]bool{}
		for _, v := range columnValues(t, path, tc.columns) {
			if v != "" && v != "NA" && !strings.HasPrefix(v, "#") && !labelled[v] {
				missing[v] = true
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: %d names not in %s, e.g. %q", path, len(missing), labelsFile, firstKeys(missing, 5))
		}
	}
}

// columnValues returns the values of the named columns of a CSV file.
func columnValues(t testing.TB, path string, columns []string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var idx []int
	for _, c := range columns {
		i := -1
		for j, h := range header {
			if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), c) {
				i = j
			}
		}
		if i < 0 {
			t.Fatalf("%s: no column %s", path, c)
		}
		idx = append(idx, i)
	}
	var out []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, i := range idx {
			if i < len(rec) {
				out = append(out, strings.TrimSpace(rec[i]))
			}
		}
	}
}

func firstKeys(m map[string]bool, n int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

// isGeneric reports whether a match says the name is no armed group.
func isGeneric(ms []resolve.Match) bool {
	for _, m := range ms {
		if m.Rule != resolve.RuleGeneric && m.Rule != resolve.RuleUnattributed {
			return false
		}
	}
	return len(ms) > 0
}

// BenchmarkResolve1M resolves 1,000,000 actor names drawn from the
// labelled set, each with its country and date, starting each run from a
// fresh resolver (empty cache), as an import of a large file would.
func BenchmarkResolve1M(b *testing.B) {
	k, err := kb.Starter()
	if err != nil {
		b.Fatal(err)
	}
	groups := map[string]bool{}
	for _, g := range k.GroupList() {
		groups[g.ID] = true
	}
	labels := readLabels(b, groups)
	const n = 1_000_000
	rng := rand.New(rand.NewPCG(1, 2))
	draw := make([]*label, n)
	for i := range draw {
		draw[i] = &labels[rng.IntN(len(labels))]
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		r := resolve.New(k.GroupList(), k.Aliases())
		b.StartTimer()
		for _, l := range draw {
			r.Resolve(l.name, l.country, l.date)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/name")
}
