package e2e_test

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// hostile is a label that would run script if app.js wrote it as HTML.
const hostile = `<img src=x onerror=alert(1)>`

// staticDir is http/static, where app.js, app.css and the built vendor
// libraries are.
func staticDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "http", "static")
	for _, f := range []string{"app.js", "app.css", "vendor/d3.min.js", "vendor/topojson-client.min.js", "vendor/world-50m.js"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("%s is missing: run `make assets` (it builds http/static/vendor)", filepath.Join(dir, f))
		}
	}
	return dir
}

// figure is one figure.viz of the fixture page, with the number of marks
// app.js must draw for its data.
type figure struct {
	ID, Kind, Caption string
	Data              any
	want              int
}

type point struct {
	Month   string `json:"month"`
	Attacks int    `json:"attacks"`
	Deaths  int    `json:"deaths"`
	Href    string `json:"href"`
}

type series struct {
	Source string  `json:"source"`
	Points []point `json:"points"`
}

type mapPoint struct {
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	Deaths int     `json:"deaths"`
	Label  string  `json:"label"`
	Href   string  `json:"href"`
}

type node struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Href  string `json:"href"`
	Focus bool   `json:"focus,omitempty"`
}

type edge struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Type  string `json:"type"`
	Label string `json:"label"`
}

type bar struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
	Href  string  `json:"href"`
}

type country struct {
	ISO3    string  `json:"iso3"`
	Numeric string  `json:"numeric"`
	Name    string  `json:"name"`
	Value   float64 `json:"value"`
	Href    string  `json:"href"`
}

// fixtureFigures are one figure of each kind, with hostile text in their
// labels, and an empty one of each kind.
func fixtureFigures() []figure {
	timeline := []series{
		{Source: "gtd", Points: []point{
			{"2021-06", 2, 15, "/events?source=gtd&from=2021-06-01"},
			{"2021-08", 3, 170, "/events?source=gtd&from=2021-08-01"},
			{"2021-11", 1, 19, "/events?source=gtd&from=2021-11-01"},
		}},
		{Source: "acled", Points: []point{
			{"2021-07", 5, 22, "/events?source=acled&from=2021-07-01"},
			{"2021-08", 7, 183, "/events?source=acled&from=2021-08-01"},
		}},
		{Source: hostile, Points: []point{
			{"2021-09", 1, 1, "javascript:alert(1)"},
		}},
	}
	timelineMarks := 0
	for _, s := range timeline {
		timelineMarks += 2 * len(s.Points) // one in each panel
	}

	kabul := mapPoint{34.52, 69.18, 170, "Kabul, 2021-08-26", "/events/gtd/202108260001"}
	points := []mapPoint{
		kabul, kabul, kabul, // the same place: one cluster of 3 at any zoom
		{34.43, 70.45, 12, "Jalalabad " + hostile, "/events/acled/AFG1"},
		{36.73, 68.86, 4, "Kunduz", "/events/acled/AFG2"},
		{34.01, 71.58, 9, "Peshawar", "/events/ucdp/3"},
		{24.86, 67.01, 30, "Karachi", "/events/gtd/2"},
	}
	badPoint := mapPoint{200, 69, 1, "not on Earth", "/events/x"}

	nodes := []node{
		{"iskp", "Islamic State Khorasan Province", "/groups/iskp", true},
		{"is", "Islamic State", "/groups/is", false},
		{"ttp", "Tehrik-i-Taliban Pakistan", "/groups/ttp", false},
		{"taliban", "Taliban", "/groups/taliban", false},
		{"imu", "Islamic Movement of Uzbekistan", "/groups/imu", false},
		{"evil", hostile, "javascript:alert(1)", false},
		{"iskp", "a duplicate id", "/groups/dup", false},
	}
	edges := []edge{
		{"iskp", "is", "branch_of", "branch of, 2015–"},
		{"iskp", "ttp", "splinter_of", "splinter of, 2014"},
		{"iskp", "taliban", "rival", "rival, 2015–"},
		{"imu", "iskp", "merged_into", "merged into, 2015"},
		{"taliban", "ttp", "ally", "ally"},
		{"evil", "iskp", hostile, hostile},
		{"iskp", "nobody", "ally", "an edge to an unknown node"},
	}

	bars := []bar{
		{"civilians", 12, "/events?target=civilians"},
		{"police and military", 7, "/events?target=police_military"},
		{hostile, 3, "/events?target=x"},
		{"javascript link", 2, "javascript:alert(1)"},
	}

	countries := []country{
		{"AFG", "004", "Afghanistan", 8.8, "/gti#AFG"},
		{"IRQ", "368", "Iraq", 8.5, "/gti#IRQ"},
		{"SOM", "706", "Somalia", 8.4, "/gti#SOM"},
		{"NGA", "566", "Nigeria", 8.2, "/gti#NGA"},
		{"PAK", "586", hostile, 7.9, "/gti#PAK"},
		{"XKX", "", "Kosovo", 1.1, "/gti#XKX"}, // no ISO numeric: matched by name
		{"ZZZ", "999", "Nowhere", 5, "/gti#ZZZ"},
	}

	return []figure{
		{"timeline", "timeline", "Attacks and deaths by month", map[string]any{"series": timeline}, timelineMarks},
		{"map", "map", "Events", map[string]any{"points": append(points, badPoint)}, len(points)},
		{"graph", "graph", "Relations", map[string]any{"nodes": nodes, "edges": edges}, len(nodes) - 1},
		{"bars", "bars", "Targets", map[string]any{"items": bars, "unit": "attacks"}, len(bars)},
		{"choropleth", "choropleth", "GTI", map[string]any{"countries": countries, "label": "GTI score"}, len(countries) - 1},
		{"timeline-empty", "timeline", "No months", map[string]any{"series": []series{}}, 0},
		{"map-empty", "map", "No points", map[string]any{"points": []mapPoint{}}, 0},
		{"graph-empty", "graph", "No nodes", map[string]any{"nodes": []node{}, "edges": []edge{}}, 0},
		{"bars-empty", "bars", "No items", map[string]any{"items": []bar{}}, 0},
		{"choropleth-empty", "choropleth", "No countries", map[string]any{"countries": []country{}}, 0},
	}
}

// fixturePage is written the way the server writes figures: the JSON goes
// through html/template's escaping inside the script element.
var fixturePage = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>figures</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body><main>
<form class="search" action="/groups" method="get" role="search">
  <label for="q">Find a group by any name</label>
  <input id="q" name="q" type="search" list="q-list" autocomplete="off" data-suggest="/api/v1/groups?q=">
  <datalist id="q-list"></datalist>
  <button type="submit">Search</button>
</form>
{{range .}}<figure class="viz" data-viz="{{.Kind}}" id="{{.ID}}" aria-label="{{.Caption}}">
  <figcaption>{{.Caption}}</figcaption>
  <script type="application/json" class="viz-data">{{.Data}}</script>
</figure>
{{end}}</main>
<script src="/static/vendor/d3.min.js"></script>
<script src="/static/vendor/topojson-client.min.js"></script>
<script src="/static/vendor/world-50m.js"></script>
<script src="/static/app.js"></script>
</body></html>`))

type group struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

var fixtureGroups = []group{
	{"iskp", "Islamic State Khorasan Province", []string{"ISIS-K", "IS-K", "ISKP", "Wilayat Khorasan"}},
	{"is", "Islamic State", []string{"ISIS", "ISIL", "Daesh"}},
	{"evil", hostile, []string{"ISIS-K " + hostile}},
}

// fixtureServer serves http/static, the fixture page at /, a group search
// API over fixtureGroups, and a stand-in group page.
func fixtureServer(t *testing.T, figures []figure) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServer(http.Dir(staticDir(t)))))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := fixturePage.Execute(w, figures); err != nil {
			t.Errorf("fixture page: %v", err)
		}
	})
	mux.HandleFunc("GET /api/v1/groups", func(w http.ResponseWriter, r *http.Request) {
		q := strings.ToLower(r.URL.Query().Get("q"))
		found := []group{}
		for _, g := range fixtureGroups {
			match := strings.Contains(strings.ToLower(g.Name), q)
			for _, a := range g.Aliases {
				match = match || strings.Contains(strings.ToLower(a), q)
			}
			if match {
				found = append(found, g)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(found)
	})
	mux.HandleFunc("GET /groups/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>group</title><h1 id=group>%s</h1>", template.HTMLEscapeString(r.PathValue("id")))
	})
	mux.HandleFunc("GET /groups", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>search</title><h1 id=search>%s</h1>", template.HTMLEscapeString(r.URL.Query().Get("q")))
	})
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "<!doctype html><title>events</title><h1 id=events>events</h1>")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestFigures draws one figure of each kind and an empty one of each kind,
// and checks the number of marks, the "No data" message, and that hostile
// labels stay text.
func TestFigures(t *testing.T) {
	figures := fixtureFigures()
	srv := fixtureServer(t, figures)
	b := newBrowser(t)
	b.do(t, "open the fixture page", chromedp.Navigate(srv.URL+"/"))
	b.wait(t, "every figure drawn", `[...document.querySelectorAll("figure.viz")].every(f => f.hasAttribute("data-drawn"))`)

	for _, f := range figures {
		got := eval[string](t, b, fmt.Sprintf(`document.getElementById(%q).getAttribute("data-drawn")`, f.ID))
		if want := fmt.Sprint(f.want); got != want {
			errText := eval[string](t, b, fmt.Sprintf(`document.getElementById(%q).getAttribute("data-error") || ""`, f.ID))
			t.Errorf("%s (%s): data-drawn = %s, want %s %s", f.ID, f.Kind, got, want, errText)
		}
		empty := eval[string](t, b, fmt.Sprintf(`(document.querySelector("#%s .viz-empty") || {}).textContent || ""`, f.ID))
		if f.want == 0 && empty != "No data" {
			t.Errorf("%s: empty figure shows %q, want \"No data\"", f.ID, empty)
		}
		if f.want > 0 && empty != "" {
			t.Errorf("%s: drawn figure shows %q", f.ID, empty)
		}
	}

	// Kind-specific marks.
	checks := []struct{ what, expr, want string }{
		{"timeline panels", `document.querySelectorAll("#timeline .viz-panel").length`, "2"},
		{"timeline lines (one per source and panel)", `document.querySelectorAll("#timeline path.viz-line").length`, "6"},
		{"timeline axis titles", `[...document.querySelectorAll("#timeline .viz-axis-title")].map(e => e.textContent).join("|")`, "Attacks per month|Deaths per month"},
		{"map cluster of 3 at Kabul", `[...document.querySelectorAll("#map .viz-cluster text")].map(e => e.textContent).join(",")`, "3"},
		{"map country outlines", `document.querySelectorAll("#map .viz-land path").length > 200`, "true"},
		{"graph focus node", `document.querySelector("#graph .viz-focus").getAttribute("href")`, "/groups/iskp"},
		{"graph edges (unknown node left out)", `document.querySelectorAll("#graph .viz-edge").length`, "6"},
		{"graph legend", `[...document.querySelectorAll("#graph .viz-legend-item")].map(e => e.textContent).join("|")`, "branch of|splinter of|merged into|ally|rival|" + hostile},
		{"bars labels", `[...document.querySelectorAll("#bars .viz-bar-label")].map(e => e.textContent).join("|")`, "civilians|police and military|" + hostile + "|javascript link"},
		{"choropleth Kosovo by name", `!!document.querySelector('#choropleth a[aria-label^="Kosovo"]')`, "true"},
		{"choropleth legend title", `document.querySelector("#choropleth .viz-legend-item").textContent`, "GTI score"},
	}
	for _, c := range checks {
		if got := eval[any](t, b, c.expr); fmt.Sprint(got) != c.want {
			t.Errorf("%s: %s = %v, want %s", c.what, c.expr, got, c.want)
		}
	}

	// Hostile strings: no element made from them, no javascript: link, and
	// the text shown as written.
	if n := eval[int](t, b, `document.querySelectorAll("img").length`); n != 0 {
		t.Errorf("%d img elements in the page: a label was written as HTML", n)
	}
	if n := eval[int](t, b, `document.querySelectorAll('[href^="javascript:" i], [*|href^="javascript:" i]').length`); n != 0 {
		t.Errorf("%d javascript: links in the page", n)
	}
	for _, id := range []string{"timeline", "map", "graph", "bars", "choropleth"} {
		expr := fmt.Sprintf(`(() => { const c = document.querySelector("#%s .viz-canvas");
			return c.textContent.includes(%q) || [...c.querySelectorAll("[aria-label]")].some(e => e.getAttribute("aria-label").includes(%q)); })()`, id, hostile, hostile)
		if !eval[bool](t, b, expr) {
			t.Errorf("%s: the hostile label is not shown as text", id)
		}
	}

	// The tooltip of a bar shows its label as text.
	tip := eval[string](t, b, `(() => {
		const bar = document.querySelectorAll("#bars .viz-bar")[2];
		const r = bar.querySelector(".viz-bar-rect").getBoundingClientRect();
		bar.dispatchEvent(new MouseEvent("mouseenter", {clientX: r.x + 2, clientY: r.y + 2}));
		const tip = document.querySelector("#bars .viz-tip");
		return tip.hidden ? "hidden" : tip.textContent + "|" + tip.querySelectorAll(":not(strong):not(div)").length;
	})()`)
	if want := hostile + "3 attacks|0"; tip != want {
		t.Errorf("bar tooltip = %q, want %q", tip, want)
	}
	b.screenshot(t, "figures.png")
	b.checkClean(t)

	// Clicking a mark follows its link.
	b.do(t, "click a bar", chromedp.Click(chromedp.CSS("#bars .viz-bar .viz-bar-rect")))
	b.wait(t, "the events page", `location.pathname === "/events" && location.search === "?target=civilians"`)
	b.do(t, "open the fixture page again", chromedp.Navigate(srv.URL+"/"))
	b.wait(t, "figures drawn again", `document.getElementById("graph").hasAttribute("data-drawn")`)
	b.do(t, "click a graph node", chromedp.Click(chromedp.CSS(`#graph a.viz-node[href="/groups/is"] circle`)))
	b.wait(t, "the group page", `location.pathname === "/groups/is"`)
	b.checkClean(t)
}

// TestMapZoom clicks a cluster on the map: the view zooms in (the layer's
// transform scales), and the co-located events stay one cluster.
func TestMapZoom(t *testing.T) {
	figures := fixtureFigures()[1:2]
	srv := fixtureServer(t, figures)
	b := newBrowser(t)
	b.do(t, "open the fixture page", chromedp.Navigate(srv.URL+"/"))
	b.wait(t, "the map drawn", `document.getElementById("map").hasAttribute("data-drawn")`)
	before := eval[int](t, b, `document.querySelectorAll("#map .viz-points > *").length`)
	b.do(t, "click the cluster", chromedp.Click(chromedp.CSS("#map .viz-cluster circle")))
	b.wait(t, "zoomed in", `/scale\(3(\.0+)?\)/.test(document.querySelector("#map .viz-land").parentNode.getAttribute("transform") || "")`)
	after := eval[int](t, b, `document.querySelectorAll("#map .viz-points > *").length`)
	if after < before {
		t.Errorf("marks on the map: %d before zooming in, %d after; want no fewer", before, after)
	}
	b.do(t, "reset", chromedp.Click(chromedp.CSS(`#map .viz-controls button[aria-label="Reset zoom"]`)))
	b.wait(t, "zoomed out", `/scale\(1\)/.test(document.querySelector("#map .viz-land").parentNode.getAttribute("transform") || "")`)
	b.checkClean(t)
}

// TestSuggestions types in the search box: suggestions appear (hostile
// names as text), arrows and Enter open the group; Enter on a name that is
// no alias submits the form.
func TestSuggestions(t *testing.T) {
	srv := fixtureServer(t, nil)
	b := newBrowser(t)

	b.do(t, "type ISIS-K",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.SendKeys(chromedp.CSS("#q"), "ISIS-K"),
	)
	b.wait(t, "suggestions", `document.querySelectorAll("#q-suggest li").length === 2`)
	names := eval[string](t, b, `[...document.querySelectorAll("#q-suggest li")].map(li => li.textContent).join("|")`)
	if want := "Islamic State Khorasan ProvincealsoISIS-K|" + hostile + "alsoISIS-K" + hostile; strings.ReplaceAll(names, " ", "") != strings.ReplaceAll(want, " ", "") {
		t.Errorf("suggestions = %q, want %q", names, want)
	}
	if n := eval[int](t, b, `document.querySelectorAll("img").length`); n != 0 {
		t.Errorf("%d img elements: a suggestion was written as HTML", n)
	}
	if got := eval[string](t, b, `document.getElementById("q").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded = %s with the list open", got)
	}
	b.do(t, "arrow down twice, up once, Enter", chromedp.KeyEvent(kb.ArrowDown+kb.ArrowDown+kb.ArrowUp))
	if got := eval[string](t, b, `document.getElementById("q").getAttribute("aria-activedescendant")`); got != "q-suggest-0" {
		t.Errorf("active option = %s, want q-suggest-0", got)
	}
	b.do(t, "Enter", chromedp.KeyEvent(kb.Enter))
	b.wait(t, "the group page", `location.pathname === "/groups/iskp"`)

	// Typing an alias exactly and Enter opens the group too.
	b.do(t, "type iskp and Enter",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.SendKeys(chromedp.CSS("#q"), "iskp"),
	)
	b.wait(t, "suggestions", `document.querySelectorAll("#q-suggest li").length === 1`)
	b.do(t, "Enter", chromedp.KeyEvent(kb.Enter))
	b.wait(t, "the group page", `location.pathname === "/groups/iskp"`)

	// A word that names no group: Enter submits the form to the server.
	b.do(t, "type a partial name and Enter",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.SendKeys(chromedp.CSS("#q"), "Khorasan"),
	)
	b.wait(t, "suggestions", `document.querySelectorAll("#q-suggest li").length === 1`)
	b.do(t, "Enter", chromedp.KeyEvent(kb.Enter))
	b.wait(t, "the search page", `location.pathname === "/groups" && new URLSearchParams(location.search).get("q") === "Khorasan"`)

	// A click on a suggestion opens it.
	b.do(t, "type daesh, click",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.SendKeys(chromedp.CSS("#q"), "daesh"),
		chromedp.Click(chromedp.CSS("#q-suggest li")),
	)
	b.wait(t, "the group page", `location.pathname === "/groups/is"`)
	b.checkClean(t)
}
