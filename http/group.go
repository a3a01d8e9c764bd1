package http

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"dossier"
)

// groupView is the data of a group's page.
type groupView struct {
	P            *dossier.GroupProfile
	AliasGroups  []aliasGroup
	Designations []claimView
	Claims       []claimView
	Relations    []relationView
	Citations    []citationView
	Graph        graphData
	Notes        []dossier.Note
	Form         noteForm
	Profile      *profileView // activity, impact and coverage; nil when unavailable
}

type aliasGroup struct {
	Origin string // where the names come from, in words
	Names  []dossier.Alias
}

type claimView struct {
	dossier.Claim
	Refs []citationView
}

type relationView struct {
	dossier.Relation
	Inverse   bool   // the other group relates to this one
	OtherName string // the other group's name
	Refs      []citationView
}

// noteForm is the notes form as the user filled it, with what is wrong.
type noteForm struct {
	Author, Email, Text string
	Errors              map[string]string
	Saved               bool
}

// Visuals, as app.js draws them (see the contract in the package's
// templates): a figure.viz with its JSON.
type graphData struct {
	Nodes []graphNode `json:"nodes"`
	Edges []graphEdge `json:"edges"`
}

type graphNode struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Href  string `json:"href"`
	Focus bool   `json:"focus,omitempty"`
}

type graphEdge struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Type  string `json:"type"`
	Label string `json:"label"`
}

func (s *Server) groupPage(w http.ResponseWriter, r *http.Request) {
	s.showGroup(w, r, http.StatusOK, noteForm{Saved: r.URL.Query().Get("note") == "saved"})
}

// showGroup renders a group's page with the notes form as given.
func (s *Server) showGroup(w http.ResponseWriter, r *http.Request, status int, form noteForm) {
	ctx := r.Context()
	id := r.PathValue("id")
	p, err := s.lookupGroup(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.ID != id && r.Method == http.MethodGet {
		http.Redirect(w, r, groupURL(p.ID), http.StatusFound)
		return
	}
	kv, err := s.knowledge(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &groupView{P: p, Form: form}
	v.identity(p, kv.names)
	if v.Notes, err = s.store.Notes(ctx, p.ID, 0); err != nil {
		s.fail(w, r, err)
		return
	}
	if v.Profile, err = s.profileView(ctx, p.ID, r.URL.Query()); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "group", &page{Title: p.Name, Nav: "groups", CSRF: s.csrfToken(w, r), Data: v})
}

// originLabels name where aliases come from.
var originLabels = map[string]string{
	"gtd": "Global Terrorism Database", "acled": "ACLED", "ucdp": "UCDP", "gdelt": "GDELT",
	"un": "UN Security Council list", "ofac": "US Treasury OFAC list", "press": "press and research",
	"curated": "knowledge base", "user": "added by users", "": "other",
}

// identity fills the identity card and the relations graph.
func (v *groupView) identity(p *dossier.GroupProfile, names map[string]string) {
	n := map[string]int{}
	for i, c := range p.Citations {
		n[c.ID] = i + 1
		v.Citations = append(v.Citations, citationView{N: i + 1, Ref: c.ID, Citation: c})
	}
	refs := func(ids []string) []citationView {
		var out []citationView
		for _, id := range ids {
			if k, ok := n[id]; ok {
				out = append(out, v.Citations[k-1])
			}
		}
		return out
	}
	byOrigin := map[string]*aliasGroup{}
	var order []string
	for _, a := range p.Aliases {
		o := originLabels[a.Source]
		if o == "" {
			o = a.Source
		}
		if byOrigin[o] == nil {
			byOrigin[o] = &aliasGroup{Origin: o}
			order = append(order, o)
		}
		byOrigin[o].Names = append(byOrigin[o].Names, a)
	}
	for _, o := range order {
		v.AliasGroups = append(v.AliasGroups, *byOrigin[o])
	}
	for _, c := range p.Claims {
		cv := claimView{Claim: c, Refs: refs(c.Citations)}
		if c.Type == dossier.ClaimDesignation {
			v.Designations = append(v.Designations, cv)
		} else {
			v.Claims = append(v.Claims, cv)
		}
	}
	name := func(id string) string {
		if n := names[id]; n != "" {
			return n
		}
		return id
	}
	v.Graph.Nodes = []graphNode{{ID: p.ID, Name: p.Name, Href: groupURL(p.ID), Focus: true}}
	seen := map[string]bool{p.ID: true}
	node := func(id string) {
		if !seen[id] {
			seen[id] = true
			v.Graph.Nodes = append(v.Graph.Nodes, graphNode{ID: id, Name: name(id), Href: groupURL(id)})
		}
	}
	for _, rel := range p.Relations {
		v.Relations = append(v.Relations, relationView{Relation: rel, OtherName: name(rel.Other), Refs: refs(rel.Citations)})
		node(rel.Other)
		v.Graph.Edges = append(v.Graph.Edges, graphEdge{From: p.ID, To: rel.Other, Type: string(rel.Type), Label: relationLabel(rel)})
	}
	for _, rel := range p.Inverse {
		v.Relations = append(v.Relations, relationView{Relation: rel, Inverse: true, OtherName: name(rel.GroupID), Refs: refs(rel.Citations)})
		node(rel.GroupID)
		v.Graph.Edges = append(v.Graph.Edges, graphEdge{From: rel.GroupID, To: p.ID, Type: string(rel.Type), Label: relationLabel(rel)})
	}
	sort.SliceStable(v.Relations, func(i, j int) bool { return v.Relations[i].Type < v.Relations[j].Type })
	if v.Graph.Edges == nil {
		v.Graph.Edges = []graphEdge{}
	}
}

// relationLabel is "branch of, 2015–".
func relationLabel(r dossier.Relation) string {
	l := label(r.Type)
	switch {
	case r.From != "" && r.To != "":
		l += ", " + r.From + "–" + r.To
	case r.From != "":
		l += ", " + r.From + "–"
	case r.To != "":
		l += ", until " + r.To
	}
	return l
}

// csrfCookie holds the form token: a form must send it back in its csrf
// field (double submit). The cookie is SameSite=Strict, and cross-origin
// posts are refused before that by their Origin and Sec-Fetch-Site.
const csrfCookie = "dossier_csrf"

// csrfToken returns the client's form token, setting a new one when it has
// none.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && validToken(c.Value) {
		return c.Value
	}
	b := make([]byte, 32)
	rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	return tok
}

func validToken(t string) bool {
	b, err := base64.RawURLEncoding.DecodeString(t)
	return err == nil && len(b) == 32
}

// postNoteForm takes the notes form of a group's page: it checks the form
// token and the client's rate, validates the fields (showing the page again
// with messages beside them and the input kept), stores the note and
// redirects to the page.
func (s *Server) postNoteForm(w http.ResponseWriter, r *http.Request) {
	if ok, wait := s.notes.allow(clientKey(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		s.fail(w, r, rateLimited(wait))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		if _, code := statusOf(err); code == codeTooLarge {
			s.fail(w, r, err)
			return
		}
		s.fail(w, r, &dossier.Error{Code: dossier.EInvalid, Message: "the form could not be read", Hint: "post it again from the group's page"})
		return
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || !validToken(c.Value) || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostForm.Get("csrf"))) != 1 {
		s.fail(w, r, &dossier.Error{Code: codeForbidden, Message: "the form has expired or did not come from this site",
			Hint: "reload the group's page and post the note again"})
		return
	}
	form := noteForm{Author: strings.TrimSpace(r.PostForm.Get("author")), Email: strings.TrimSpace(r.PostForm.Get("email")),
		Text: strings.TrimSpace(r.PostForm.Get("text"))}
	p, err := s.lookupGroup(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n := &dossier.Note{GroupID: p.ID, Author: form.Author, Email: form.Email, Text: form.Text}
	if probs := n.Problems(); len(probs) > 0 {
		form.Errors = probs
		s.showGroup(w, r, http.StatusBadRequest, form)
		return
	}
	if err := s.store.AddNote(r.Context(), n); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, groupURL(p.ID)+"?note=saved#notes", http.StatusSeeOther)
}
