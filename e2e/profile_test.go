package e2e_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"dossier/duckdb"
	dossierhttp "dossier/http"
	"dossier/ingest"
	"dossier/knowledge"

	"github.com/chromedp/chromedp"
)

// newSite serves the real web UI on a store in t.TempDir(): the starter
// knowledge base, the demo files of testdata/demo and the hostile events of
// e2e/testdata, imported and resolved as `dossier import` does.
func newSite(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	staticDir(t)
	db, err := duckdb.Open(filepath.Join(t.TempDir(), "dossier.duckdb"), duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := knowledge.EnsureStarter(ctx, db); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "testdata", "demo", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no demo files in testdata/demo: %v", err)
	}
	files = append(files, filepath.Join("testdata", "hostile_log.csv"))
	im := &ingest.Importer{Store: db, Options: ingest.Options{RejectsDir: t.TempDir()}}
	for _, f := range files {
		if _, err := im.ImportFile(ctx, f); err != nil {
			t.Fatalf("import %s: %v", f, err)
		}
	}
	if _, err := knowledge.AfterImport(ctx, db); err != nil {
		t.Fatal(err)
	}
	srv, err := dossierhttp.New(dossierhttp.Config{Store: db, Version: "e2e"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

// TestProfile is a newcomer's path: search "ISIS-K" on the home page, pick
// the suggestion, see IS-K's profile with its timeline, map and graph
// drawn (a screenshot is kept), then post analyst notes: one without an
// email is refused with a message, a valid one (with script in it) shows
// first in the list, as text.
func TestProfile(t *testing.T) {
	b := newBrowser(t)
	site := newSite(t)

	b.do(t, "open the home page and type ISIS-K",
		chromedp.Navigate(site+"/"),
		chromedp.SendKeys(chromedp.CSS("#q"), "ISIS-K"),
	)
	b.wait(t, "the IS-K suggestion", `!!document.querySelector('#q-suggest li[data-id="iskp"]')`)
	b.do(t, "pick it", chromedp.Click(chromedp.CSS(`#q-suggest li[data-id="iskp"]`)))
	b.wait(t, "the profile page", `location.pathname === "/groups/iskp" && document.readyState === "complete"`)
	if h1 := eval[string](t, b, `document.querySelector("h1").textContent`); h1 != "Islamic State Khorasan Province" {
		t.Errorf("h1 = %q, want Islamic State Khorasan Province", h1)
	}

	b.wait(t, "every figure drawn", `[...document.querySelectorAll("figure.viz")].every(f => f.hasAttribute("data-drawn"))`)
	for _, kind := range []string{"timeline", "map", "graph"} {
		got := eval[string](t, b, fmt.Sprintf(`(() => { const f = document.querySelector('figure.viz[data-viz=%q]');
			return f ? f.getAttribute("data-drawn") + " " + (f.getAttribute("data-error") || "") : "missing"; })()`, kind))
		if n := strings.Fields(got); len(n) == 0 || n[0] == "0" || n[0] == "missing" {
			t.Errorf("%s figure: data-drawn %q, want > 0", kind, got)
		}
	}
	// The hostile event of testdata/hostile_log.csv is on the map, its
	// place shown as written, and nothing of it became markup.
	const place = `<img src=x onerror=alert('place')>`
	if !eval[bool](t, b, fmt.Sprintf(`[...document.querySelectorAll('figure.viz[data-viz="map"] [aria-label]')].some(e => e.getAttribute("aria-label").includes(%q))`, place)) {
		t.Errorf("the map has no mark labelled with the hostile place %s", place)
	}
	if n := eval[int](t, b, `document.querySelectorAll("img").length`); n != 0 {
		t.Errorf("%d img elements on the profile: hostile event text became markup", n)
	}
	// Everything the page loaded came from the server itself: no CDN.
	if foreign := eval[[]string](t, b, `performance.getEntriesByType("resource").map(e => e.name).filter(u => !u.startsWith(location.origin + "/"))`); len(foreign) > 0 {
		t.Errorf("the page loaded resources from elsewhere: %q", foreign)
	}
	b.screenshot(t, "profile-iskp.png")
	b.checkClean(t)

	// A note without an email is refused, with the message next to it.
	const text = `Seen in Balkh <script>alert("note")</script> <img src=x onerror=alert("note")>`
	b.do(t, "post a note without email",
		chromedp.SetValue(chromedp.CSS("#note-author"), "E2E analyst"),
		chromedp.SetValue(chromedp.CSS("#note-text"), text),
		chromedp.Click(chromedp.CSS(`form.note-form button[type="submit"]`)),
	)
	b.wait(t, "the email error", `!!document.querySelector("#note-email-error")`)
	if msg := eval[string](t, b, `document.querySelector("#note-email-error").textContent`); strings.TrimSpace(msg) == "" {
		t.Error("the email error message is empty")
	}
	if got := eval[string](t, b, `document.querySelector("#note-email").getAttribute("aria-invalid") || ""`); got != "true" {
		t.Errorf("email aria-invalid = %q, want true", got)
	}
	if n := eval[int](t, b, `[...document.querySelectorAll(".note .note-text")].filter(e => e.textContent.includes("Seen in Balkh")).length`); n != 0 {
		t.Errorf("the refused note is listed %d times", n)
	}

	b.checkClean(t, "the server responded with a status of 4") // the refused post's page
	if got := eval[string](t, b, `document.querySelector("#note-email").value`); got != "" {
		t.Fatalf("email field = %q before the refused post, want empty", got)
	}

	// With an email it is saved and listed first (newest first), as text.
	post := func(what, note string) {
		t.Helper()
		b.do(t, what,
			chromedp.SetValue(chromedp.CSS("#note-author"), "E2E analyst"),
			chromedp.SetValue(chromedp.CSS("#note-email"), "analyst@example.org"),
			chromedp.SetValue(chromedp.CSS("#note-text"), note),
			chromedp.Click(chromedp.CSS(`form.note-form button[type="submit"]`)),
		)
		b.wait(t, "the note listed", fmt.Sprintf(`(document.querySelector(".note .note-text") || {}).textContent === %q`, note))
	}
	post("post an earlier note", "An earlier note.")
	post("post a note with script in it", text)
	if got := eval[string](t, b, `[...document.querySelectorAll(".note .note-text")].map(e => e.textContent).join("|")`); got != text+"|An earlier note." {
		t.Errorf("notes = %q, want the newest first", got)
	}
	if got := eval[string](t, b, `document.querySelector(".note .note-text").textContent`); got != text {
		t.Errorf("first note = %q, want %q", got, text)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#notes script, #notes img").length`); n != 0 {
		t.Errorf("%d script or img elements in the notes: the note became markup", n)
	}
	if strings.Contains(eval[string](t, b, `document.body.textContent`), "analyst@example.org") {
		t.Error("the page shows the note's email")
	}
	b.screenshot(t, "profile-iskp-notes.png")
	b.checkClean(t)
}
