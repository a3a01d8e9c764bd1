package kb_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/kb"
)

// FuzzParse checks that Parse never panics, that whatever it accepts can be
// validated, turned into events and written, and that what is written
// parses again into as many groups.
func FuzzParse(f *testing.F) {
	f.Add(base)
	if b, err := os.ReadFile(filepath.Join("testdata", "valid.yaml")); err == nil {
		f.Add(string(b))
	}
	if b, err := os.ReadFile(filepath.Join("starter", "iskp.yaml")); err == nil {
		f.Add(string(b))
	}
	f.Add("citations:\n  - {id: a, title: b, url: 'https://x.org'}\n")
	f.Add("id: a\nname: b\nevents:\n  - {id: e, date: 2020-02, latitude: 1e400}\n")
	f.Add("--- &a [*a]\n")
	f.Add("id: [1, {2: 3}]\n")
	f.Fuzz(func(t *testing.T, src string) {
		k, err := kb.Parse("fuzz.yaml", strings.NewReader(src))
		if err != nil {
			return
		}
		_ = k.Validate()
		_ = k.Events()
		if len(k.Groups)+len(k.Citations) == 0 {
			return
		}
		var buf bytes.Buffer
		if _, err := k.WriteTo(&buf); err != nil {
			t.Fatalf("WriteTo: %v", err)
		}
		back, err := kb.Parse("again.yaml", &buf)
		if err != nil {
			t.Fatalf("written YAML does not parse: %v\n%s", err, buf.String())
		}
		if len(back.Groups) != len(k.Groups) {
			t.Fatalf("groups: wrote %d, read back %d", len(k.Groups), len(back.Groups))
		}
	})
}
