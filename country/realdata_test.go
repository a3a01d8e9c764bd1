package country_test

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"dossier/country"
)

// Files in the providers' layouts: our fixtures in testdata, and the real
// files under ../../shared/data when they are there (see its MANIFEST).

func sharedData(t *testing.T, pattern string) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real data not found at %s (%v): these tests run where ../shared/data is present", dir, err)
	}
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no files match %s in %s", pattern, dir)
	}
	return files
}

// table reads a CSV file into its header and rows, allowing rows longer
// than the header (the UCDP web export's trailing comma).
func table(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		t.Fatalf("%s: header: %v", path, err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	var rows [][]string
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows = append(rows, row)
	}
	return header, rows
}

func column(header []string, names ...string) int {
	for i, h := range header {
		for _, n := range names {
			if h == n {
				return i
			}
		}
	}
	return -1
}

// tally counts the values of column b for each value of column a.
type tally map[string]map[string]int

func (t tally) add(a, b string) {
	if t[a] == nil {
		t[a] = map[string]int{}
	}
	t[a][b]++
}

// mostly returns the most frequent b for a.
func (t tally) mostly(a string) string {
	best, n := "", 0
	for b, c := range t[a] {
		if c > n || (c == n && b < best) {
			best, n = b, c
		}
	}
	return best
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// checkGTD checks that every country_txt resolves and that GTD's numeric
// country code always means one country.
func checkGTD(t *testing.T, path string) {
	header, rows := table(t, path)
	name, code := column(header, "country_txt"), column(header, "country")
	if name < 0 || code < 0 {
		t.Fatalf("%s: no country_txt or country column", path)
	}
	codes := tally{}
	for _, row := range rows {
		codes.add(row[name], row[code])
	}
	byCode := map[string]string{} // GTD code → ISO3
	for _, n := range sortedKeys(codes) {
		c, ok := country.ByName(n)
		if !ok {
			t.Errorf("%s: country_txt %q does not resolve", filepath.Base(path), n)
			continue
		}
		for gtdCode := range codes[n] {
			if prev, seen := byCode[gtdCode]; seen && prev != c.ISO3 {
				t.Errorf("%s: GTD country %s is both %s and %s (%q)", filepath.Base(path), gtdCode, prev, c.ISO3, n)
			}
			byCode[gtdCode] = c.ISO3
		}
	}
	t.Logf("%s: %d rows, %d distinct countries", filepath.Base(path), len(rows), len(codes))
}

func TestGTDCountryNames(t *testing.T) {
	t.Run("fixture", func(t *testing.T) { checkGTD(t, filepath.Join("testdata", "gtd.csv")) })
	t.Run("real", func(t *testing.T) {
		for _, p := range sharedData(t, "gtd/*.csv") {
			checkGTD(t, p)
		}
	})
}

// gwNumbers splits a UCDP Gleditsch–Ward field, which may list several
// states ("2, 200") or be empty.
func gwNumbers(t *testing.T, s string) []int {
	var ns []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			t.Errorf("Gleditsch–Ward number %q: %v", s, err)
			continue
		}
		ns = append(ns, n)
	}
	return ns
}

// checkUCDP checks that every country name resolves, that country_id is
// the same country by ByGW, that gwnoa and gwnob resolve, and that the
// iso3 column (HDX copies) agrees.
func checkUCDP(t *testing.T, path string) {
	header, rows := table(t, path)
	name, id := column(header, "country"), column(header, "country_id")
	iso3 := column(header, "iso3")
	gwa, gwb := column(header, "gwnoa"), column(header, "gwnob")
	if name < 0 || id < 0 {
		t.Fatalf("%s: no country or country_id column", path)
	}
	ids, isos := tally{}, tally{}
	gws := map[int]bool{}
	for _, row := range rows {
		if strings.HasPrefix(row[name], "#") { // HXL hashtag row
			continue
		}
		ids.add(row[name], row[id])
		if iso3 >= 0 {
			isos.add(row[name], row[iso3])
		}
		for _, col := range []int{gwa, gwb} {
			if col >= 0 {
				for _, n := range gwNumbers(t, row[col]) {
					gws[n] = true
				}
			}
		}
	}
	for _, n := range sortedKeys(ids) {
		c, ok := country.ByName(n)
		if !ok {
			t.Errorf("%s: country %q does not resolve", filepath.Base(path), n)
			continue
		}
		for idText := range ids[n] {
			gw, err := strconv.Atoi(idText)
			if err != nil {
				t.Errorf("%s: country_id %q of %q: %v", filepath.Base(path), idText, n, err)
				continue
			}
			g, ok := country.ByGW(gw)
			if !ok {
				t.Errorf("%s: country_id %d (%s) does not resolve", filepath.Base(path), gw, n)
			} else if g.ISO3 != c.ISO3 {
				t.Errorf("%s: %q is %s by name but country_id %d is %s", filepath.Base(path), n, c.ISO3, gw, g.ISO3)
			}
		}
		if iso3 >= 0 {
			if want := isos.mostly(n); c.ISO3 != want {
				t.Errorf("%s: %q resolves to %s, the file's iso3 says %s", filepath.Base(path), n, c.ISO3, want)
			}
		}
	}
	for gw := range gws {
		if _, ok := country.ByGW(gw); !ok {
			t.Errorf("%s: gwnoa/gwnob %d does not resolve", filepath.Base(path), gw)
		}
	}
	t.Logf("%s: %d rows, %d countries, %d distinct gwnoa/gwnob", filepath.Base(path), len(rows), len(ids), len(gws))
}

func TestUCDPCountries(t *testing.T) {
	t.Run("fixture", func(t *testing.T) { checkUCDP(t, filepath.Join("testdata", "ged.csv")) })
	t.Run("real", func(t *testing.T) {
		for _, p := range sharedData(t, "ucdp/*.csv") {
			checkUCDP(t, p)
		}
	})
}

// checkACLED checks that every country name resolves and agrees with the
// file's iso (numeric), iso3 and GWNO columns where it has them.
func checkACLED(t *testing.T, path string) {
	header, rows := table(t, path)
	name := column(header, "country", "COUNTRY")
	if name < 0 {
		t.Fatalf("%s: no country column", path)
	}
	num, iso3, gwno := column(header, "iso"), column(header, "iso3"), column(header, "GWNO")
	nums, isos, gws := tally{}, tally{}, tally{}
	for _, row := range rows {
		n := row[name]
		nums.add(n, "")
		if num >= 0 {
			nums.add(n, row[num])
		}
		if iso3 >= 0 {
			isos.add(n, row[iso3])
		}
		if gwno >= 0 {
			gws.add(n, row[gwno])
		}
	}
	base := filepath.Base(path)
	for _, n := range sortedKeys(nums) {
		c, ok := country.ByName(n)
		if !ok {
			t.Errorf("%s: country %q does not resolve", base, n)
			continue
		}
		if num >= 0 {
			if v, _ := strconv.Atoi(nums.mostly(n)); v != 0 {
				if byNum, ok := country.ByNumeric(v); !ok || byNum.ISO3 != c.ISO3 {
					t.Errorf("%s: %q resolves to %s, its iso %d to %s (%v)", base, n, c.ISO3, v, byNum.ISO3, ok)
				}
			}
		}
		if iso3 >= 0 {
			if want := isos.mostly(n); want != c.ISO3 {
				t.Errorf("%s: %q resolves to %s, the file's iso3 says %s", base, n, c.ISO3, want)
			}
		}
		if gwno >= 0 {
			v, err := strconv.Atoi(gws.mostly(n))
			g, ok := country.ByGW(v)
			if err != nil || !ok || g.ISO3 != c.ISO3 {
				t.Errorf("%s: %q resolves to %s, its GWNO %q to %s (%v, %v)", base, n, c.ISO3, gws.mostly(n), g.ISO3, ok, err)
			}
		}
	}
	t.Logf("%s: %d rows, %d countries", base, len(rows), len(nums))
}

func TestACLEDCountries(t *testing.T) {
	t.Run("fixture", func(t *testing.T) { checkACLED(t, filepath.Join("testdata", "acled.csv")) })
	t.Run("real", func(t *testing.T) {
		for _, p := range sharedData(t, "acled/*.csv") {
			checkACLED(t, p)
		}
	})
}

// GDELT 2.0 events: 61 tab-separated columns, no header. Each of the three
// geographies is eight columns from Type; FullName is the second and
// CountryCode the third.
var gdeltGeos = []struct {
	name       string
	full, code int
}{
	{"Actor1Geo", 36, 37},
	{"Actor2Geo", 44, 45},
	{"ActionGeo", 52, 53},
}

// checkGDELT checks that every FIPS country code resolves, and that where
// the place name ends in a country name ByName knows, both give the same
// country.
func checkGDELT(t *testing.T, path string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	base := filepath.Base(path)
	codes := map[string]int{}
	names := tally{} // FIPS code → country named at the end of FullName
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 61 {
			t.Fatalf("%s:%d: %d columns, want the 61 of GDELT 2.0", base, line, len(fields))
		}
		for _, g := range gdeltGeos {
			code := fields[g.code]
			if code == "" {
				continue
			}
			codes[code]++
			parts := strings.Split(fields[g.full], ",")
			names.add(code, strings.TrimSpace(parts[len(parts)-1]))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, code := range sortedKeys(codes) {
		c, ok := country.ByFIPS(code)
		if !ok {
			t.Errorf("%s: FIPS code %q (%d times) does not resolve", base, code, codes[code])
			continue
		}
		for n := range names[code] {
			if byName, ok := country.ByName(n); ok && byName.ISO3 != c.ISO3 {
				t.Errorf("%s: FIPS %s is %s but its places end in %q, %s", base, code, c.ISO3, n, byName.ISO3)
			}
		}
	}
	t.Logf("%s: %d lines, %d distinct FIPS codes", base, line, len(codes))
}

func TestGDELTFIPSCodes(t *testing.T) {
	t.Run("fixture", func(t *testing.T) { checkGDELT(t, filepath.Join("testdata", "gdelt.export.CSV")) })
	t.Run("real", func(t *testing.T) {
		for _, p := range sharedData(t, "gdelt/*.export.CSV") {
			checkGDELT(t, p)
		}
	})
}
