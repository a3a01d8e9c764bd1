package http_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	dossierhttp "dossier/http"
)

// openAPI is the part of the document the test reads.
type openAPI struct {
	Paths      map[string]map[string]operation `json:"paths"`
	Components struct {
		Schemas map[string]*schema `json:"schemas"`
	} `json:"components"`
}

type operation struct {
	Parameters []struct {
		Name     string `json:"name"`
		In       string `json:"in"`
		Required bool   `json:"required"`
		Example  any    `json:"example"`
	} `json:"parameters"`
	RequestBody *struct {
		Content map[string]struct {
			Example any `json:"example"`
		} `json:"content"`
	} `json:"requestBody"`
	Responses map[string]struct {
		Content map[string]struct {
			Schema *schema `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

// schema is the part of JSON Schema the document uses.
type schema struct {
	Ref        string             `json:"$ref"`
	Type       any                `json:"type"` // a name or a list of names
	Required   []string           `json:"required"`
	Properties map[string]*schema `json:"properties"`
	Items      *schema            `json:"items"`
	AllOf      []*schema          `json:"allOf"`
	Enum       []any              `json:"enum"`
	AddProps   any                `json:"additionalProperties"`
}

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPI
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return &doc
}

// documented reports whether a route belongs in the OpenAPI document: the
// API and the health check, not the pages, static files or catch-alls.
func documented(pattern string) bool {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok || method == "" {
		return false
	}
	return strings.HasPrefix(path, "/api/") || path == "/healthz"
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	f := newFixture(t, dossierhttp.Config{})
	doc := loadOpenAPI(t)

	var routes, ops []string
	for _, p := range f.srv.Routes() {
		if documented(p) {
			routes = append(routes, p)
		}
	}
	for path, methods := range doc.Paths {
		for m := range methods {
			ops = append(ops, strings.ToUpper(m)+" "+path)
		}
	}
	sort.Strings(routes)
	sort.Strings(ops)
	if strings.Join(routes, "\n") != strings.Join(ops, "\n") {
		t.Errorf("routes and the OpenAPI document differ:\nroutes:\n  %s\ndocument:\n  %s",
			strings.Join(routes, "\n  "), strings.Join(ops, "\n  "))
	}

	// Every documented operation answers its success status with the
	// documented content type and a body of the documented schema, and
	// its documented not-found status for an unknown id.
	for _, op := range ops {
		method, path, _ := strings.Cut(op, " ")
		o := doc.Paths[path][strings.ToLower(method)]
		t.Run(op, func(t *testing.T) {
			target, q := path, url.Values{}
			for _, p := range o.Parameters {
				if p.Example == nil {
					if p.Required {
						t.Fatalf("required parameter %s has no example", p.Name)
					}
					continue
				}
				switch p.In {
				case "path":
					target = strings.ReplaceAll(target, "{"+p.Name+"}", url.PathEscape(fmt.Sprint(p.Example)))
				case "query":
					q.Set(p.Name, fmt.Sprint(p.Example))
				}
			}
			if len(q) > 0 {
				target += "?" + q.Encode()
			}
			var body string
			if o.RequestBody != nil {
				ex := o.RequestBody.Content["application/json"].Example
				if ex == nil {
					t.Fatal("request body has no example")
				}
				b, _ := json.Marshal(ex)
				body = string(b)
			}
			status := successStatus(t, o)
			checkResponse(t, f, doc, method, target, body, o, status)
			if _, ok := o.Responses["404"]; ok && strings.Contains(path, "{") {
				missing := regexp.MustCompile(`\{[^}]+\}`).ReplaceAllString(path, "no-such-thing-anywhere")
				checkResponse(t, f, doc, method, missing, body, o, "404")
			}
		})
	}
}

func successStatus(t *testing.T, o operation) string {
	for st := range o.Responses {
		if strings.HasPrefix(st, "2") {
			return st
		}
	}
	t.Fatal("no success response documented")
	return ""
}

func checkResponse(t *testing.T, f *fixture, doc *openAPI, method, target, body string, o operation, status string) {
	t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	r := f.do(req, nil)
	if fmt.Sprint(r.status) != status {
		t.Fatalf("%s %s: status %d, documented %s; body %.300s", method, target, r.status, status, r.body)
	}
	resp := o.Responses[status]
	if len(resp.Content) != 1 {
		t.Fatalf("%s: documented with %d content types, want one", status, len(resp.Content))
	}
	for ct, c := range resp.Content {
		got := r.header.Get("Content-Type")
		if mt, _, _ := strings.Cut(got, ";"); mt != ct {
			t.Errorf("%s %s: Content-Type %q, documented %q", method, target, got, ct)
		}
		var v any
		if err := json.Unmarshal([]byte(r.body), &v); err != nil {
			t.Fatalf("%s %s: %v", method, target, err)
		}
		if err := validate(doc, c.Schema, v, "body"); err != nil {
			t.Errorf("%s %s: the body does not match the documented schema: %v", method, target, err)
		}
	}
}

// validate checks v against s: types, required properties, the properties
// and items it describes, allOf and enums.
func validate(doc *openAPI, s *schema, v any, where string) error {
	if s == nil {
		return nil
	}
	if s.Ref != "" {
		name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
		ref, ok := doc.Components.Schemas[name]
		if !ok {
			return fmt.Errorf("%s: unknown schema %s", where, s.Ref)
		}
		return validate(doc, ref, v, where)
	}
	for _, sub := range s.AllOf {
		if err := validate(doc, sub, v, where); err != nil {
			return err
		}
	}
	if s.Type != nil && !typeMatches(s.Type, v) {
		return fmt.Errorf("%s: %T does not match type %v", where, v, s.Type)
	}
	if len(s.Enum) > 0 && v != nil {
		ok := false
		for _, e := range s.Enum {
			if e == v {
				ok = true
			}
		}
		if !ok {
			return fmt.Errorf("%s: %v is not one of %v", where, v, s.Enum)
		}
	}
	switch x := v.(type) {
	case map[string]any:
		for _, r := range s.Required {
			if _, ok := x[r]; !ok {
				return fmt.Errorf("%s: required property %q is missing", where, r)
			}
		}
		for k, pv := range x {
			if ps, ok := s.Properties[k]; ok {
				if err := validate(doc, ps, pv, where+"."+k); err != nil {
					return err
				}
			} else if s.AddProps == false {
				return fmt.Errorf("%s: property %q is not documented", where, k)
			}
		}
	case []any:
		for i, it := range x {
			if err := validate(doc, s.Items, it, fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

func typeMatches(t any, v any) bool {
	var names []string
	switch x := t.(type) {
	case string:
		names = []string{x}
	case []any:
		for _, n := range x {
			names = append(names, fmt.Sprint(n))
		}
	}
	for _, n := range names {
		switch x := v.(type) {
		case nil:
			if n == "null" {
				return true
			}
		case bool:
			if n == "boolean" {
				return true
			}
		case float64:
			if n == "number" || (n == "integer" && x == float64(int64(x))) {
				return true
			}
		case string:
			if n == "string" {
				return true
			}
		case []any:
			if n == "array" {
				return true
			}
		case map[string]any:
			if n == "object" {
				return true
			}
		}
	}
	return false
}
