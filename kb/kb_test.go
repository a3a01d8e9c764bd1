package kb_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dossier"
	"dossier/kb"
)

func parseFile(t *testing.T, name string) *kb.KB {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	k, err := kb.Parse(name, f)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return k
}

func TestParseValid(t *testing.T) {
	k := parseFile(t, "valid.yaml")
	if err := k.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if got, want := len(k.Groups), 2; got != want {
		t.Fatalf("groups: got %d, want %d", got, want)
	}
	g, ok := k.Group("test-front")
	if !ok {
		t.Fatal("test-front missing")
	}
	if got, want := g.File, "valid.yaml"; got != want {
		t.Errorf("File: got %q, want %q", got, want)
	}
	if got, want := g.Founded, "1990-05"; got != want {
		t.Errorf("Founded: got %q, want %q", got, want)
	}
	if got, want := g.Ended, "2001"; got != want {
		t.Errorf("Ended: got %q, want %q", got, want)
	}
	wantAlias := dossier.Alias{GroupID: "test-front", Name: "TLF", Kind: dossier.AliasDatasetLabel, Source: "ucdp", Countries: []string{"NOR"}, From: "1995"}
	if got := g.Aliases[2]; !reflect.DeepEqual(got, wantAlias) {
		t.Errorf("alias: got %+v, want %+v", got, wantAlias)
	}
	if got, want := g.Claims[1].Reference, "QDe.999"; got != want {
		t.Errorf("claim reference: got %q, want %q", got, want)
	}
	if got, want := g.Claims[1].GroupID, "test-front"; got != want {
		t.Errorf("claim group: got %q, want %q", got, want)
	}
	c, ok := k.Citation("test-list") // defined in the other document
	if !ok || c.URL != "https://example.org/list" {
		t.Errorf("Citation(test-list): got %+v, %v", c, ok)
	}
	if got, want := len(k.Aliases()), 3; got != want {
		t.Errorf("Aliases(): got %d, want %d", got, want)
	}
}

func TestToEvent(t *testing.T) {
	k := parseFile(t, "valid.yaml")
	evs := k.Events()
	if len(evs) != 2 {
		t.Fatalf("events: got %d, want 2", len(evs))
	}
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	e := evs[0]
	tests := []struct {
		name      string
		got, want any
	}{
		{"source", e.Source, dossier.SourceCurated},
		{"source id", e.SourceID, "test-front-1996-02-29-oslo"},
		{"licence", e.Licence, "dossier curated knowledge base (facts with citations)"},
		{"date", e.Date, day("1996-02-29")},
		{"date end", e.DateEnd, day("1996-02-29")},
		{"precision", e.DatePrecision, dossier.PrecisionDay},
		{"country", e.Country, "NOR"},
		{"country name", e.CountryName, "Norway"},
		{"type", e.Type, dossier.TypeBombing},
		{"targets", e.TargetCategories, []dossier.TargetCategory{dossier.TargetCivilians, dossier.TargetTransport}},
		{"fatalities", *e.Fatalities, 3},
		{"low", *e.FatalitiesLow, 2},
		{"high", *e.FatalitiesHigh, 4},
		{"injuries unknown", e.Injuries, (*int)(nil)},
		{"suicide", *e.Suicide, false},
		{"claimed unknown", e.Claimed, (*bool)(nil)},
		{"latitude", *e.Latitude, 59.91},
		{"actors", e.Actors, []dossier.Actor{{Name: "Test Liberation Front", Role: dossier.RolePerpetrator, GroupID: "test-front", Confidence: 1, Rule: "curated"}}},
		{"citations", e.Citations, []string{"A Book We Made Up, Nobody (pages 1-2)", "https://example.org/list"}},
		{"raw has id", strings.Contains(e.Raw, "id: test-front-1996-02-29-oslo"), true},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}

	m := evs[1] // known to the month only
	if got, want := m.DatePrecision, dossier.PrecisionMonth; got != want {
		t.Errorf("month precision: got %q, want %q", got, want)
	}
	if got, want := m.Date, day("1997-03-01"); !got.Equal(want) {
		t.Errorf("month start: got %v, want %v", got, want)
	}
	if got, want := m.DateEnd, day("1997-03-31"); !got.Equal(want) {
		t.Errorf("month end: got %v, want %v", got, want)
	}
	if m.Fatalities != nil || m.Latitude != nil || m.Country != "" {
		t.Errorf("unknown values must stay unknown: %+v", m)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in         string
		start, end string
		p          dossier.Precision
		ok         bool
	}{
		{"2015", "2015-01-01", "2015-12-31", dossier.PrecisionYear, true},
		{"2016-02", "2016-02-01", "2016-02-29", dossier.PrecisionMonth, true},
		{"2021-08-26", "2021-08-26", "2021-08-26", dossier.PrecisionDay, true},
		{"2021-02-30", "", "", "", false},
		{"2021-13", "", "", "", false},
		{"15", "", "", "", false},
		{"", "", "", "", false},
		{"2021/08/26", "", "", "", false},
	}
	for _, tt := range tests {
		start, end, p, err := kb.ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q): err %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if !tt.ok {
			continue
		}
		if got := start.Format("2006-01-02"); got != tt.start {
			t.Errorf("ParseDate(%q) start: got %s, want %s", tt.in, got, tt.start)
		}
		if got := end.Format("2006-01-02"); got != tt.end {
			t.Errorf("ParseDate(%q) end: got %s, want %s", tt.in, got, tt.end)
		}
		if p != tt.p {
			t.Errorf("ParseDate(%q) precision: got %s, want %s", tt.in, p, tt.p)
		}
	}
}

// base is a small valid knowledge base that each broken case changes.
const base = `id: alpha
name: Alpha
kind: jihadist
status: active
founded: "2010"
aliases:
  - {name: A, kind: acronym, source: press}
relations:
  - {type: rival, other: beta, citations: [c1]}
claims:
  - {type: founded, value: "2010", text: "Founded.", citations: [c1]}
events:
  - {id: alpha-2011-01-01, date: 2011-01-01, country: AFG, type: bombing, target_categories: [civilians], fatalities: 1, citations: [c1]}
citations:
  - {id: c1, title: "T", url: "https://example.org/t"}
---
id: beta
name: Beta
`

func TestValidateBroken(t *testing.T) {
	tests := []struct {
		name       string
		old, new   string // replacement applied to base
		wantField  string
		wantGroup  string
		extraGroup string // appended document
	}{
		{"bad id", "id: alpha", "id: Alpha_1", "id", "Alpha_1", ""},
		{"duplicate id", "id: beta", "id: alpha", "id", "alpha", ""},
		{"empty name", "name: Alpha", `name: ""`, "name", "alpha", ""},
		{"unknown kind", "kind: jihadist", "kind: terrorist", "kind", "alpha", ""},
		{"unknown status", "status: active", "status: sleeping", "status", "alpha", ""},
		{"bad founded", `founded: "2010"`, `founded: "2010-13"`, "founded", "alpha", ""},
		{"ended before founded", `founded: "2010"`, "founded: \"2010\"\nended: \"2009\"", "ended", "alpha", ""},
		{"empty alias", "{name: A,", `{name: "",`, "aliases[0].name", "alpha", ""},
		{"repeated alias", "  - {name: A, kind: acronym, source: press}", "  - {name: A, kind: acronym, source: press}\n  - {name: \" A \", kind: name, source: un}", "aliases[1].name", "alpha", ""},
		{"alias bad kind", "kind: acronym", "kind: nickname", "aliases[0].kind", "alpha", ""},
		{"alias bad source", "source: press", "source: twitter", "aliases[0].source", "alpha", ""},
		{"alias bad country", "source: press}", "source: press, countries: [XXX]}", "aliases[0].countries[0]", "alpha", ""},
		{"alias bad from", "source: press}", "source: press, from: \"20x5\"}", "aliases[0].from", "alpha", ""},
		{"relation to nobody", "other: beta", "other: gamma", "relations[0].other", "alpha", ""},
		{"relation to self", "other: beta", "other: alpha", "relations[0].other", "alpha", ""},
		{"relation bad type", "type: rival", "type: friend", "relations[0].type", "alpha", ""},
		{"relation uncited", "other: beta, citations: [c1]", "other: beta", "relations[0].citations", "alpha", ""},
		{"claim uncited", `text: "Founded.", citations: [c1]`, `text: "Founded.", citations: []`, "claims[0].citations", "alpha", ""},
		{"claim cites unknown", `text: "Founded.", citations: [c1]`, `text: "Founded.", citations: [c9]`, "claims[0].citations[0]", "alpha", ""},
		{"claim bad type", "{type: founded,", "{type: birthday,", "claims[0].type", "alpha", ""},
		{"claim empty text", `text: "Founded.",`, `text: "",`, "claims[0].text", "alpha", ""},
		{"claim bad status", `text: "Founded.",`, `text: "Founded.", status: maybe,`, "claims[0].status", "alpha", ""},
		{"designation without authority", "{type: founded, value: \"2010\",", "{type: designation,", "claims[0].authority", "alpha", ""},
		{"event bad date", "date: 2011-01-01", "date: 2011-02-31", "events[0].date", "alpha", ""},
		{"event no date", "date: 2011-01-01, ", "", "events[0].date", "alpha", ""},
		{"event bad type", "type: bombing", "type: explosion", "events[0].type", "alpha", ""},
		{"event bad target", "[civilians]", "[everyone]", "events[0].target_categories[0]", "alpha", ""},
		{"event bad country", "country: AFG", "country: Afghanistan", "events[0].country", "alpha", ""},
		{"event negative count", "fatalities: 1", "fatalities: -1", "events[0].fatalities", "alpha", ""},
		{"event low above high", "fatalities: 1", "fatalities_low: 5, fatalities_high: 2", "events[0].fatalities_low", "alpha", ""},
		{"event uncited", "fatalities: 1, citations: [c1]", "fatalities: 1", "events[0].citations", "alpha", ""},
		{"event bad id", "id: alpha-2011-01-01", "id: Alpha 2011", "events[0].id", "alpha", ""},
		{"event duplicate id", "", "", "events[0].id", "gamma", "---\nid: gamma\nname: G\nevents:\n  - {id: alpha-2011-01-01, date: 2011-01-01, type: bombing, citations: [c1]}\n"},
		{"citation without url", `url: "https://example.org/t"`, `publisher: X`, "citations[0].url", "alpha", ""},
		{"citation bad url", `url: "https://example.org/t"`, `url: "example.org/t"`, "citations[0].url", "alpha", ""},
		{"citation no title", `title: "T",`, ``, "citations[0].title", "alpha", ""},
		{"citation duplicate", "", "", "citations[0].id", "gamma", "---\nid: gamma\nname: G\ncitations:\n  - {id: c1, title: T, url: \"https://example.org/u\"}\n"},
		{"citation bad date", `title: "T",`, `title: "T", date: "May 2010",`, "citations[0].date", "alpha", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := base
			if tt.old != "" {
				if !strings.Contains(src, tt.old) {
					t.Fatalf("test broken: %q not in base", tt.old)
				}
				src = strings.Replace(src, tt.old, tt.new, 1)
			}
			src += tt.extraGroup
			k, err := kb.Parse("broken.yaml", strings.NewReader(src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			err = k.Validate()
			if err == nil {
				t.Fatal("Validate: got nil, want an error")
			}
			if got := dossier.ErrorCode(err); got != dossier.EInvalid {
				t.Errorf("code: got %q, want %q", got, dossier.EInvalid)
			}
			var ve *kb.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %T is not a *kb.ValidationError", err)
			}
			var found bool
			for _, p := range ve.Problems {
				if p.Field == tt.wantField && p.Group == tt.wantGroup && p.File == "broken.yaml" {
					found = true
				}
			}
			if !found {
				t.Errorf("no problem for group %q field %q; got %+v", tt.wantGroup, tt.wantField, ve.Problems)
			}
		})
	}
}

func TestValidateBaseIsValid(t *testing.T) {
	k, err := kb.Parse("base.yaml", strings.NewReader(base))
	if err != nil {
		t.Fatal(err)
	}
	if err := k.Validate(); err != nil {
		t.Fatalf("the base of TestValidateBroken must be valid: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, wantInMsg string
	}{
		{"unknown field", "id: a\nname: A\nfounder: x\n", "line 3"},
		{"unknown alias field", "id: a\nname: A\naliases:\n  - {name: x, lang: en}\n", "line 4"},
		{"syntax", "id: a\nname: [\n", "line"},
		{"empty", "", "no document"},
		{"wrong type", "id: a\nname: A\naliases: 5\n", "line 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := kb.Parse("x.yaml", strings.NewReader(tt.src))
			if err == nil {
				t.Fatal("got nil error")
			}
			if got := dossier.ErrorCode(err); got != dossier.EInvalid {
				t.Errorf("code: got %q, want %q", got, dossier.EInvalid)
			}
			msg := err.Error()
			if !strings.Contains(msg, "x.yaml") || !strings.Contains(msg, tt.wantInMsg) {
				t.Errorf("message %q should name the file and contain %q", msg, tt.wantInMsg)
			}
		})
	}
}

func TestReadDirAndWriteDirRoundTrip(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Split the two documents into files as WriteDir lays them out.
	docs := strings.SplitN(string(src), "---\n", 2)
	fsys := fstest.MapFS{
		"test-front.yaml": {Data: []byte(docs[0])},
		"test-army.yaml":  {Data: []byte(docs[1])},
		"notes.txt":       {Data: []byte("not yaml, ignored")},
	}
	k, err := kb.ReadDir(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if err := k.Validate(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := k.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	back, err := kb.ReadDir(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, k) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", back, k)
	}
}

func TestWriteDirRefusesBadID(t *testing.T) {
	k := &kb.KB{Groups: []*kb.GroupDoc{{Group: dossier.Group{ID: "../evil", Name: "E"}}}}
	dir := t.TempDir()
	err := k.WriteDir(filepath.Join(dir, "out"))
	if got := dossier.ErrorCode(err); got != dossier.EInvalid {
		t.Fatalf("code: got %q (%v), want %q", got, err, dossier.EInvalid)
	}
	if _, err := os.Stat(filepath.Join(dir, "evil.yaml")); !os.IsNotExist(err) {
		t.Errorf("a file was written outside the directory")
	}
}

// clearFiles drops the file names, which a single stream does not keep.
func clearFiles(k *kb.KB) {
	k.CitationsFile = ""
	for _, g := range k.Groups {
		g.File = ""
	}
}

func TestStarterRoundTrip(t *testing.T) {
	k, err := kb.Starter()
	if err != nil {
		t.Fatalf("Starter: %v", err)
	}
	t.Run("dir", func(t *testing.T) {
		dir := t.TempDir()
		if err := k.WriteDir(dir); err != nil {
			t.Fatal(err)
		}
		back, err := kb.ReadDir(os.DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		if err := back.Validate(); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, k) {
			t.Error("Starter → WriteDir → ReadDir differs from Starter")
		}
	})
	t.Run("stream", func(t *testing.T) {
		var buf bytes.Buffer
		n, err := k.WriteTo(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if n != int64(buf.Len()) {
			t.Errorf("WriteTo returned %d, wrote %d", n, buf.Len())
		}
		back, err := kb.Parse("stream.yaml", &buf)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := kb.Starter()
		clearFiles(back)
		clearFiles(want)
		if !reflect.DeepEqual(back, want) {
			t.Error("Starter → WriteTo → Parse differs from Starter")
		}
	})
}

func BenchmarkStarter(b *testing.B) {
	for b.Loop() {
		if _, err := kb.Starter(); err != nil {
			b.Fatal(err)
		}
	}
}
