package http_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"dossier"
	dossierhttp "dossier/http"
)

// pages are the pages of the fixture store, each with a text it must show.
var pages = []struct {
	path, want string
}{
	{"/", "Who is this armed group"},
	{"/groups", "All groups"},
	{"/groups?q=ISIS-K", "Islamic State Khorasan Province"},
	{"/groups?q=zzzqqq", "No group is known by that name"},
	{"/groups/iskp", "Islamic State Khorasan Province"},
	{"/groups/taliban", "Taliban"},
	{"/events", "Events 1–"},
	{"/events?group=iskp&source=gtd", "Events of Islamic State Khorasan Province"},
	{"/events?offset=4&limit=2&source=gtd,acled", "Events 5–6 of 6"},
	{"/events/gtd/202108260001", "Suicide bombing at Kabul airport."},
	{"/events/gtd/202001010001", "Hostile"},
	{"/events/acled/AFG1001", "Islamic State (Afghanistan)"},
	{"/events/curated/iskp-2021-08-26-kabul-airport", "curated"},
	{"/rank", "Rankings"},
	{"/gti", "Global Terrorism Index"},
	{"/gti?year=2021", "2021"},
	{"/sources", "gtd_fixture.csv"},
}

func TestPages(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	for _, p := range pages {
		r := f.get(p.path)
		if r.status != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200; body %.500s", p.path, r.status, r.body)
			continue
		}
		if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", p.path, ct)
		}
		if !strings.Contains(r.body, p.want) {
			t.Errorf("GET %s: the page lacks %q", p.path, p.want)
		}
		checkAssets(t, f, p.path, r.body)
	}
}

var assetRef = regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`)

// checkAssets checks that a page links its styles and scripts under hashed
// names that the server serves.
func checkAssets(t *testing.T, f *fixture, path, body string) {
	t.Helper()
	refs := assetRef.FindAllStringSubmatch(body, -1)
	var css, js bool
	for _, m := range refs {
		css = css || strings.HasPrefix(m[1], "/static/app.") && strings.HasSuffix(m[1], ".css")
		js = js || strings.HasPrefix(m[1], "/static/app.") && strings.HasSuffix(m[1], ".js")
	}
	if !css || !js {
		t.Errorf("GET %s: app.css %v, app.js %v linked; want both under hashed names", path, css, js)
	}
}

// TestEventPageRawRow checks that an event's original row is shown column
// by column under its file's header, and actors with their resolution.
func TestEventPageRawRow(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	body := f.get("/events/gtd/202108260001").body
	for _, want := range []string{
		`<th scope="row">gname</th><td>Khorasan Chapter of the Islamic State</td>`,
		`<th scope="row">nkill</th><td>170</td>`,
		`<a href="/groups/iskp">Islamic State Khorasan Province</a>`,
		"gtd_fixture.csv",
		"Suicide bombing at Kabul airport.",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("event page lacks %s", want)
		}
	}
	// A row from a file whose header was not kept is shown whole.
	body = f.get("/events/acled/AFG1001").body
	if !strings.Contains(body, "header was not kept") || !strings.Contains(body, `<pre class="raw">AFG1001,26 August 2021,…</pre>`) {
		t.Error("ACLED event page does not show its row whole")
	}
}

func TestStaticAssets(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	home := f.get("/")
	for _, m := range assetRef.FindAllStringSubmatch(home.body, -1) {
		r := f.get(m[1])
		if r.status != 200 || !strings.Contains(r.header.Get("Cache-Control"), "immutable") || r.body == "" {
			t.Errorf("GET %s: %d, Cache-Control %q, %d bytes", m[1], r.status, r.header.Get("Cache-Control"), len(r.body))
		}
	}
	if r := f.get("/static/app.js"); r.status != 404 {
		t.Errorf("GET /static/app.js (unhashed): %d, want 404", r.status)
	}
}

func TestPageErrors(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/groups/no-such-group-anywhere", 404},
		{"/events/gtd/0", 404},
		{"/events?limit=0", 400},
		{"/events?from=yesterday", 400},
		{"/no/such/page", 404},
	} {
		r := f.get(tt.path)
		if r.status != tt.status || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(r.body, "<h1>") {
			t.Errorf("GET %s: %d %q, want an HTML error page with %d", tt.path, r.status, r.header.Get("Content-Type"), tt.status)
		}
	}
	r := f.get("/groups/ISIS-K")
	if r.status != http.StatusFound || r.header.Get("Location") != "/groups/iskp" {
		t.Errorf("GET /groups/ISIS-K: %d to %q, want a redirect to /groups/iskp", r.status, r.header.Get("Location"))
	}
}

// TestHostileData checks that markup in events (summary, actor name,
// place, provider fields, raw row) and in notes is shown as text on every
// page, and comes back verbatim in the JSON.
func TestHostileData(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	n := &dossier.Note{GroupID: "iskp", Author: hostileImg, Email: "x@example.org", Text: "note " + hostileScript}
	if err := f.db.AddNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	all := append([]struct{ path, want string }{}, pages...)
	all = append(all, struct{ path, want string }{"/events?perpetrator=img", "Events 1–1 of 1"})
	for _, p := range all {
		r := f.get(p.path)
		for _, bad := range []string{hostileScript, hostileImg, "<img src=x"} {
			if strings.Contains(r.body, bad) {
				t.Errorf("GET %s renders %q as markup", p.path, bad)
			}
		}
	}
	ev := f.get("/events/gtd/202001010001").body
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;"} {
		if !strings.Contains(ev, want) {
			t.Errorf("event page lacks the escaped text %q", want)
		}
	}
	grp := f.get("/groups/iskp").body
	if !strings.Contains(grp, "note &lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(grp, "&lt;img src=x onerror=alert(2)&gt;") {
		t.Error("group page does not show the hostile note as text")
	}
	var e dossier.Event
	f.getJSON("/api/v1/events/gtd/202001010001", 200, &e)
	if e.Summary != "Hostile "+hostileScript+" and "+hostileImg || len(e.Actors) != 1 || e.Actors[0].Name != hostileImg {
		t.Errorf("JSON event: summary %q, actors %v; want the text verbatim", e.Summary, e.Actors)
	}
	var notes []dossier.Note
	f.getJSON("/api/v1/groups/iskp/notes", 200, &notes)
	if len(notes) != 1 || notes[0].Author != hostileImg || notes[0].Text != "note "+hostileScript {
		t.Errorf("JSON notes: %+v, want the text verbatim", notes)
	}
	// Inside the viz JSON, markup is escaped for the script element and
	// still decodes to the same text.
	for _, m := range vizData.FindAllStringSubmatch(f.get("/groups/iskp").body, -1) {
		if strings.Contains(m[1], "</") || strings.Contains(m[1], "<!--") {
			t.Errorf("viz JSON can close its script element: %.200s", m[1])
		}
		var v any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			t.Errorf("viz JSON does not parse: %v: %.200s", err, m[1])
		}
	}
}

var vizData = regexp.MustCompile(`(?s)<script type="application/json" class="viz-data">(.*?)</script>`)
