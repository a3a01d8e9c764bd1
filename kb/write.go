package kb

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"dossier"

	"gopkg.in/yaml.v3"
)

// citationsDoc is the document of a file holding only shared citations.
type citationsDoc struct {
	Citations []dossier.Citation `yaml:"citations"`
}

// Marshal returns the group's file as YAML, the form Parse reads.
func (d *GroupDoc) Marshal() ([]byte, error) {
	return encode(d)
}

func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteTo writes the whole knowledge base to w as one YAML stream: the
// shared citations, then one document per group, separated by "---". Parse
// reads it back. It implements io.WriterTo.
func (k *KB) WriteTo(w io.Writer) (int64, error) {
	var total int64
	first := true
	put := func(v any) error {
		b, err := encode(v)
		if err != nil {
			return err
		}
		if !first {
			b = append([]byte("---\n"), b...)
		}
		first = false
		n, err := w.Write(b)
		total += int64(n)
		return err
	}
	if len(k.Citations) > 0 {
		if err := put(citationsDoc{k.Citations}); err != nil {
			return total, writeError("the knowledge base", err)
		}
	}
	for _, g := range k.Groups {
		if err := put(g); err != nil {
			return total, writeError("group "+g.ID, err)
		}
	}
	return total, nil
}

// WriteDir writes the knowledge base to dir, creating it if needed: one
// <id>.yaml file per group and the shared citations in
// SharedCitationsFile, the layout ReadDir reads. Files are replaced
// atomically; other files in dir are left alone. A group whose id is not a
// well-formed slug is refused (*dossier.Error, EInvalid) before anything
// is written.
func (k *KB) WriteDir(dir string) error {
	seen := map[string]bool{}
	for _, g := range k.Groups {
		if !ValidID(g.ID) {
			return &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("kb: cannot write group %q: its id is not a slug", g.ID),
				Hint: "run validation and fix the id first"}
		}
		if seen[g.ID] {
			return &dossier.Error{Code: dossier.EInvalid, Message: fmt.Sprintf("kb: cannot write group %q twice", g.ID),
				Hint: "run validation and make the ids unique first"}
		}
		seen[g.ID] = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return writeError(dir, err)
	}
	if len(k.Citations) > 0 {
		b, err := encode(citationsDoc{k.Citations})
		if err != nil {
			return writeError(SharedCitationsFile, err)
		}
		if err := writeFile(filepath.Join(dir, SharedCitationsFile), b); err != nil {
			return err
		}
	}
	for _, g := range k.Groups {
		b, err := g.Marshal()
		if err != nil {
			return writeError(g.ID+".yaml", err)
		}
		if err := writeFile(filepath.Join(dir, g.ID+".yaml"), b); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes b to a temporary file beside name and renames it.
func writeFile(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return writeError(name, err)
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return writeError(name, err)
	}
	return nil
}

func writeError(what string, err error) error {
	return &dossier.Error{Code: dossier.EInternal, Message: "kb: cannot write " + what + ": " + err.Error(),
		Hint: "check the directory exists and is writable", Err: err}
}
