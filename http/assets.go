package http

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// static holds the files under static/: our own scripts and styles, and the
// libraries `make assets` copies into static/vendor.
//
//go:embed all:static
var static embed.FS

// assets are the static files under names that carry a hash of their
// content: app.js is served as /static/app.3f2a9c1d.js.
type assets struct {
	byName map[string]string // "app.js" → "/static/app.3f2a9c1d.js"
	files  map[string]asset  // "app.3f2a9c1d.js" → the file
}

type asset struct {
	body        []byte
	contentType string
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]string{}, files: map[string]asset{}}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		if strings.HasPrefix(path.Base(name), ".") {
			return nil
		}
		b, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		if strings.HasSuffix(name, ".min"+ext) {
			ext = ".min" + ext
		}
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.byName[name] = "/static/" + hashed
		a.files[hashed] = asset{body: b, contentType: ct}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("http: static files: %w", err)
	}
	return a, nil
}

// url returns the hashed URL of a static file, for the template function
// asset; an unknown name is an error, so a page that names a missing file
// fails its test.
func (a *assets) url(name string) (string, error) {
	u, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("static file %q is missing: run `make assets`", name)
	}
	return u, nil
}

// serve answers GET /static/{name...} with a hashed file, cached for ever.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := a.files[r.PathValue("name")]
	if !ok {
		http.Error(w, "no such static file", http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(f.body)
}
