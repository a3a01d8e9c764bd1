// Command gen writes country/iso_table.go from the JSON files of the
// iso-codes package (Debian/Ubuntu: /usr/share/iso-codes/json), so that the
// ISO 3166-1 and ISO 3166-3 tables are never edited by hand. Run it from the
// country directory with "go generate".
//
// It writes three tables: iso (ISO 3166-1, by alpha-3 code), historic (ISO
// 3166-3, withdrawn codes, in the file's order) and isoNames (the ISO short
// names that differ from the common and official names, such as "Korea,
// Republic of", kept as name variants). The file records the SHA-256 of both
// inputs so a test can tell whether the installed iso-codes still match.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

// DefaultDir is where Debian and Ubuntu install the iso-codes JSON files.
const DefaultDir = "/usr/share/iso-codes/json"

// historicNames gives withdrawn countries the short English name people
// use; ISO 3166-3 only has formal, comma-inverted ones ("USSR, Union of
// Soviet Socialist Republics"), which stay in Official. Codes not listed
// keep their ISO name.
var historicNames = map[string]string{
	"BUR": "Burma",
	"BYS": "Byelorussian SSR",
	"CSK": "Czechoslovakia",
	"DDR": "East Germany",
	"FXX": "Metropolitan France",
	"HVO": "Upper Volta",
	"PCI": "Trust Territory of the Pacific Islands",
	"SUN": "Soviet Union",
	"VDR": "North Vietnam",
	"YMD": "South Yemen",
	"YUG": "Yugoslavia",
	"ZAR": "Zaire",
}

type entry struct {
	Alpha2       string `json:"alpha_2"`
	Alpha3       string `json:"alpha_3"`
	Numeric      string `json:"numeric"`
	Name         string `json:"name"`
	CommonName   string `json:"common_name"`
	OfficialName string `json:"official_name"`
}

func main() {
	dir := flag.String("dir", DefaultDir, "directory holding iso_3166-1.json and iso_3166-3.json")
	out := flag.String("o", "iso_table.go", "file to write")
	flag.Parse()

	src, err := generate(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// read returns the entries under key in the JSON file and the file's
// SHA-256.
func read(path, key string) ([]entry, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("%w (hint: install the iso-codes package or pass -dir)", err)
	}
	var doc map[string][]entry
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	es, ok := doc[key]
	if !ok || len(es) == 0 {
		return nil, "", fmt.Errorf("%s: no %q list; is this an iso-codes JSON file?", path, key)
	}
	sum := sha256.Sum256(b)
	return es, hex.EncodeToString(sum[:]), nil
}

func generate(dir string) ([]byte, error) {
	cur, sum1, err := read(filepath.Join(dir, "iso_3166-1.json"), "3166-1")
	if err != nil {
		return nil, err
	}
	old, sum3, err := read(filepath.Join(dir, "iso_3166-3.json"), "3166-3")
	if err != nil {
		return nil, err
	}
	sort.SliceStable(cur, func(i, j int) bool { return cur[i].Alpha3 < cur[j].Alpha3 })

	var b bytes.Buffer
	b.WriteString("// Code generated from the iso-codes package (ISO 3166-1 and 3166-3); DO NOT EDIT.\n")
	b.WriteString("// Regenerate with \"go generate\" in the country directory.\n")
	fmt.Fprintf(&b, "// iso_3166-1.json sha256: %s\n", sum1)
	fmt.Fprintf(&b, "// iso_3166-3.json sha256: %s\n\n", sum3)
	b.WriteString("package country\n\n")

	b.WriteString("var iso = []Country{\n")
	var variants []entry
	for _, e := range cur {
		name, official := e.Name, e.Name
		if e.CommonName != "" {
			name = e.CommonName
		}
		if e.OfficialName != "" {
			official = e.OfficialName
		}
		if e.Name != name && e.Name != official {
			variants = append(variants, e)
		}
		if err := writeCountry(&b, e, name, official, false); err != nil {
			return nil, err
		}
	}
	b.WriteString("}\n\n")

	b.WriteString("// historic holds countries withdrawn from ISO 3166-1 (ISO 3166-3), for old events.\n")
	b.WriteString("var historic = []Country{\n")
	for _, e := range old {
		name := e.Name
		if n, ok := historicNames[e.Alpha3]; ok {
			name = n
		}
		if err := writeCountry(&b, e, name, e.Name, true); err != nil {
			return nil, err
		}
	}
	b.WriteString("}\n\n")

	b.WriteString("// isoNames holds ISO 3166-1 short names that differ from both the common\n")
	b.WriteString("// and the official name (\"Korea, Republic of\"), as name variants.\n")
	b.WriteString("var isoNames = []variant{\n")
	for _, e := range variants {
		fmt.Fprintf(&b, "\t{%s, %s},\n", strconv.QuoteToASCII(e.Name), strconv.Quote(e.Alpha3))
	}
	b.WriteString("}\n")

	return format.Source(b.Bytes())
}

func writeCountry(b *bytes.Buffer, e entry, name, official string, historic bool) error {
	if len(e.Alpha3) != 3 || name == "" {
		return fmt.Errorf("entry %+v: no alpha-3 code or name", e)
	}
	n := 0
	if e.Numeric != "" {
		var err error
		if n, err = strconv.Atoi(e.Numeric); err != nil {
			return fmt.Errorf("%s: numeric code %q: %w", e.Alpha3, e.Numeric, err)
		}
	}
	fmt.Fprintf(b, "\t{ISO3: %s, ISO2: %s, Numeric: %d, Name: %s, Official: %s",
		strconv.Quote(e.Alpha3), strconv.Quote(e.Alpha2), n,
		strconv.QuoteToASCII(name), strconv.QuoteToASCII(official))
	if historic {
		b.WriteString(", Historic: true")
	}
	b.WriteString("},\n")
	return nil
}
