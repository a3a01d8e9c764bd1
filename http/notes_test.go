package http_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"dossier"
	dossierhttp "dossier/http"
)

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// session is a browser: a cookie jar and the form token of a group page.
type session struct {
	f      *fixture
	client *http.Client
	token  string
}

func (f *fixture) session(group string) *session {
	f.t.Helper()
	s := &session{f: f, client: noRedirect(newJar(f.t))}
	req, _ := http.NewRequest("GET", f.ts.URL+"/groups/"+group, nil)
	r := f.do(req, s.client)
	if r.status != 200 {
		f.t.Fatalf("GET /groups/%s: %d", group, r.status)
	}
	m := csrfField.FindStringSubmatch(r.body)
	if m == nil {
		f.t.Fatalf("group page has no form token")
	}
	s.token = m[1]
	return s
}

// post posts the notes form with extra headers.
func (s *session) post(group string, v url.Values, headers ...string) response {
	s.f.t.Helper()
	req, err := http.NewRequest("POST", s.f.ts.URL+"/groups/"+group+"/notes", strings.NewReader(v.Encode()))
	if err != nil {
		s.f.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return s.f.do(req, s.client)
}

func (s *session) page(path string) response {
	req, _ := http.NewRequest("GET", s.f.ts.URL+path, nil)
	return s.f.do(req, s.client)
}

func TestNotesForm(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	s := f.session("iskp")

	// A note without email: 400, the page again with the message beside
	// the field and the input kept.
	r := s.post("iskp", form("csrf", s.token, "author", "Amina K.", "email", "", "text", "Seen in Nangarhar <b>today</b>."))
	if r.status != http.StatusBadRequest {
		t.Fatalf("missing email: status %d, want 400", r.status)
	}
	for _, want := range []string{`id="note-email-error"`, "Please give your email address", `value="Amina K."`, "Seen in Nangarhar &lt;b&gt;today&lt;/b&gt;.", `aria-invalid="true"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("missing email: the page lacks %q", want)
		}
	}
	for _, tt := range []struct {
		name  string
		v     url.Values
		field string
	}{
		{"no name", form("csrf", s.token, "author", " ", "email", "a@example.org", "text", "x"), "note-author-error"},
		{"bad email", form("csrf", s.token, "author", "A", "email", "a@b", "text", "x"), "note-email-error"},
		{"no text", form("csrf", s.token, "author", "A", "email", "a@example.org", "text", "  "), "note-text-error"},
		{"long text", form("csrf", s.token, "author", "A", "email", "a@example.org", "text", strings.Repeat("y", dossier.MaxNoteText+1)), "note-text-error"},
	} {
		r := s.post("iskp", tt.v)
		if r.status != http.StatusBadRequest || !strings.Contains(r.body, `id="`+tt.field+`"`) {
			t.Errorf("%s: status %d, want 400 with %s", tt.name, r.status, tt.field)
		}
	}

	// Valid notes: 303 to the page, shown newest first, escaped, without
	// the email address.
	for i, text := range []string{"First note.", "Second " + hostileScript + " note."} {
		r := s.post("iskp", form("csrf", s.token, "author", "Analyst "+string(rune('A'+i)), "email", "secret.analyst@example.org", "text", text))
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/groups/iskp?note=saved#notes" {
			t.Fatalf("valid note %d: status %d, Location %q; want 303 to the group page", i, r.status, r.header.Get("Location"))
		}
	}
	page := s.page("/groups/iskp?note=saved")
	if page.status != 200 {
		t.Fatalf("group page: %d", page.status)
	}
	first, second := strings.Index(page.body, "First note."), strings.Index(page.body, "Second &lt;script&gt;alert(1)&lt;/script&gt; note.")
	if first < 0 || second < 0 || second > first {
		t.Errorf("notes: first at %d, second at %d; want both, newest first, escaped", first, second)
	}
	if strings.Contains(page.body, hostileScript) {
		t.Error("a note's script is rendered as markup")
	}
	if !strings.Contains(page.body, "Your note was saved") {
		t.Error("no confirmation after the redirect")
	}
	var notes []map[string]any
	body := f.getJSON("/api/v1/groups/iskp/notes", 200, &notes).body
	if len(notes) != 2 || notes[0]["text"] != "Second "+hostileScript+" note." || notes[1]["author"] != "Analyst A" {
		t.Errorf("API notes: %v, want both, newest first, text verbatim", notes)
	}
	for _, where := range []string{page.body, body, f.get("/api/v1/groups/iskp").body} {
		if strings.Contains(where, "secret.analyst") {
			t.Error("an email address is shown")
		}
	}
	if _, ok := notes[0]["email"]; ok {
		t.Error("the API's note has an email field")
	}
}

func TestNotesCSRF(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	s := f.session("iskp")
	valid := func() url.Values {
		return form("csrf", s.token, "author", "A", "email", "a@example.org", "text", "t")
	}
	other := f.session("iskp") // another browser, another token
	for _, tt := range []struct {
		name    string
		s       *session
		v       url.Values
		headers []string
	}{
		{"no token", s, form("author", "A", "email", "a@example.org", "text", "t"), nil},
		{"wrong token", s, form("csrf", other.token, "author", "A", "email", "a@example.org", "text", "t"), nil},
		{"no cookie", &session{f: f, client: noRedirect(nil)}, valid(), nil},
		{"cross-site fetch", s, valid(), []string{"Sec-Fetch-Site", "cross-site"}},
		{"foreign origin", s, valid(), []string{"Origin", "https://evil.example"}},
	} {
		r := tt.s.post("iskp", tt.v, tt.headers...)
		if r.status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", tt.name, r.status)
		}
	}
	ns, err := f.db.Notes(ctx, "iskp", 0)
	if err != nil || len(ns) != 0 {
		t.Errorf("after refused posts: %d notes, %v; want none", len(ns), err)
	}
	r := s.post("iskp", valid(), "Sec-Fetch-Site", "same-origin", "Origin", f.ts.URL)
	if r.status != http.StatusSeeOther {
		t.Errorf("same-origin post with the token: %d, want 303", r.status)
	}
}

func TestNotesFlood(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	f := newFixture(t, dossierhttp.Config{NoteBurst: 3, NoteEvery: time.Minute, Now: clock})
	s := f.session("iskp")
	post := func() int {
		return s.post("iskp", form("csrf", s.token, "author", "A", "email", "a@example.org", "text", "flood")).status
	}
	for i := 0; i < 3; i++ {
		if st := post(); st != http.StatusSeeOther {
			t.Fatalf("post %d within the burst: %d", i, st)
		}
	}
	r := s.post("iskp", form("csrf", s.token, "author", "A", "email", "a@example.org", "text", "flood"))
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" {
		t.Errorf("post past the burst: %d, Retry-After %q; want 429 with Retry-After", r.status, r.header.Get("Retry-After"))
	}
	now = now.Add(time.Minute)
	if st := post(); st != http.StatusSeeOther {
		t.Errorf("post a minute later: %d, want 303", st)
	}
	if st := post(); st != http.StatusTooManyRequests {
		t.Errorf("second post a minute later: %d, want 429", st)
	}

	// A body over the limit is refused before it is read whole.
	now = now.Add(time.Hour)
	big := form("csrf", s.token, "author", "A", "email", "a@example.org", "text", strings.Repeat("z", dossierhttp.MaxFormBytes))
	if r := s.post("iskp", big); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("huge body: %d, want 413", r.status)
	}
	ns, _ := f.db.Notes(ctx, "iskp", 0)
	if len(ns) != 4 {
		t.Errorf("%d notes kept, want 4", len(ns))
	}
}

func TestNotesAPI(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	post := func(body string, headers ...string) response {
		req, _ := http.NewRequest("POST", f.ts.URL+"/api/v1/groups/ISIS-K/notes", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		return f.do(req, nil)
	}
	r := post(`{"author":"Amina","email":"amina@example.org","text":"<script>alert(1)</script>"}`)
	if r.status != http.StatusCreated || strings.Contains(r.body, "amina@example.org") {
		t.Fatalf("valid note: %d %s; want 201 without the email", r.status, r.body)
	}
	var n dossier.Note
	if err := jsonUnmarshal(r.body, &n); err != nil || n.GroupID != "iskp" || n.ID == 0 || n.Text != hostileScript {
		t.Errorf("created note %+v (%v), want iskp's note with its text verbatim", n, err)
	}
	var e errorBody
	r = post(`{"author":"Amina","text":"no email"}`)
	if r.status != 400 || jsonUnmarshal(r.body, &e) != nil || e.Error.Code != "invalid" || e.Error.Fields["email"] == "" {
		t.Errorf("note without email: %d %s; want 400 with a message for email", r.status, r.body)
	}
	for _, tt := range []struct {
		name, body string
		headers    []string
		status     int
	}{
		{"not JSON", `author=A`, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415},
		{"broken JSON", `{"author":`, nil, 400},
		{"unknown field", `{"author":"A","email":"a@example.org","text":"t","admin":true}`, nil, 400},
		{"cross-site", `{"author":"A","email":"a@example.org","text":"t"}`, []string{"Sec-Fetch-Site", "cross-site"}, 403},
	} {
		if r := post(tt.body, tt.headers...); r.status != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.name, r.status, r.body, tt.status)
		}
	}
}
