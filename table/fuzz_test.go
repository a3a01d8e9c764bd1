package table_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier"
	"dossier/table"
)

var fuzzCommas = []rune{',', '\t', ';', '|', '§'}
var fuzzEncodings = []string{"", "utf-8", "windows-1252"}

// FuzzCSV reads arbitrary bytes. The reader must not panic, must end,
// must give valid UTF-8 and increasing lines, its Raws must appear in
// order in the decoded text, and for UTF-8 input read in auto mode it
// must agree record for record with encoding/csv.
func FuzzCSV(f *testing.F) {
	for _, name := range []string{"gtd_bom_crlf.csv", "gtd_cp1252.csv", "gtd_malformed.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0), false, uint8(0))
	}
	f.Add([]byte("a\tb \"c\"\t\n\n1\t2\r\n"), uint8(1), true, uint8(0))
	f.Add([]byte("\"a\nb\",c\r\n\"\"\"x\"\r"), uint8(0), false, uint8(1))
	f.Add([]byte("x;\"y;z\"\n\xff\xfe"), uint8(2), false, uint8(2))
	f.Add([]byte("\xff\xfea\x00,\x00b\x00\n\x00"), uint8(0), false, uint8(0))
	f.Add([]byte("1\t\"a\n\n2\tb\r"), uint8(129), false, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, commaSel uint8, lazy bool, encSel uint8) {
		opts := table.CSVOptions{
			Comma:      fuzzCommas[int(commaSel)%len(fuzzCommas)],
			LazyQuotes: lazy,
			NoQuotes:   commaSel >= 128,
			Encoding:   fuzzEncodings[int(encSel)%len(fuzzEncodings)],
		}
		compare := !opts.NoQuotes && opts.Encoding == "" && utf8.Valid(data) && !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF"))
		var plain *csv.Reader
		if compare {
			plain = csv.NewReader(bytes.NewReader(data))
			plain.Comma, plain.LazyQuotes, plain.FieldsPerRecord = opts.Comma, lazy, -1
		}
		r := table.NewCSV(bytes.NewReader(data), opts)
		text := string(data)
		pos, lastLine := 0, 0
		for i := 0; ; i++ {
			if i > len(data)+2 {
				t.Fatal("no EOF")
			}
			rec, err := r.Read()
			var want []string
			var werr error
			if compare {
				want, werr = plain.Read()
			}
			if err == io.EOF {
				if compare && werr != io.EOF {
					t.Fatalf("EOF, encoding/csv gives %q %v", want, werr)
				}
				break
			}
			var re *dossier.RowError
			if err != nil && !errors.As(err, &re) {
				t.Fatalf("unexpected error %v", err)
			}
			if !utf8.ValidString(rec.Raw) {
				t.Fatalf("Raw %q is not UTF-8", rec.Raw)
			}
			for _, fl := range rec.Fields {
				if !utf8.ValidString(fl) {
					t.Fatalf("field %q is not UTF-8", fl)
				}
			}
			if rec.Line <= lastLine {
				t.Fatalf("line %d after %d", rec.Line, lastLine)
			}
			lastLine = rec.Line
			if opts.NoQuotes {
				if err != nil || rec.Raw == "" || strings.Contains(rec.Raw, "\n") || strings.Join(rec.Fields, string(opts.Comma)) != rec.Raw {
					t.Fatalf("no quotes: raw %q fields %q err %v", rec.Raw, rec.Fields, err)
				}
			}
			if compare {
				var pe *csv.ParseError
				switch {
				case werr == nil && err == nil:
					if !slices.Equal(rec.Fields, want) {
						t.Fatalf("fields %q, encoding/csv %q", rec.Fields, want)
					}
				case errors.As(werr, &pe) && re != nil:
					if re.Line != pe.StartLine {
						t.Fatalf("error at line %d, encoding/csv at %d", re.Line, pe.StartLine)
					}
				default:
					t.Fatalf("got %q %v, encoding/csv %q %v", rec.Fields, err, want, werr)
				}
				j := strings.Index(text[pos:], rec.Raw)
				if j < 0 {
					t.Fatalf("Raw %q not found in the input after byte %d", rec.Raw, pos)
				}
				pos += j + len(rec.Raw)
			}
		}
	})
}

// fuzzWorkbook wraps a sheet and a shared-string table in a workbook,
// stored uncompressed.
func fuzzWorkbook(sheet, sst []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := workbookParts(string(sheet), string(sst))
	for _, name := range []string{"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
		body, ok := parts[name]
		if !ok {
			continue
		}
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		io.WriteString(w, body)
	}
	zw.Close()
	return buf.Bytes()
}

// FuzzXLSXSheet reads arbitrary sheet XML and shared strings. The reader
// must not panic, must end, and must give rows within Excel's bounds
// whose Raw is their fields as CSV.
func FuzzXLSXSheet(f *testing.F) {
	f.Add([]byte(sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1.5E-3</v></c></row><row/><row r="3"><c t="inlineStr"><is><t>x</t></is></c></row>`)), []byte(testSST))
	f.Add([]byte(`<x:sheetData><x:row><x:c r="B2" t="b"><x:v>1</x:v></x:c><c r="XFD1"/><c r="ZZZZ1"><v>1</v></c></x:row></x:sheetData>`), []byte(`<sst><si><r><t>a</t></r><rPh><t>b</t></rPh></si></sst>`))
	f.Add([]byte("<sheetData><row><c><v><![CDATA[1]]></v></c><c t='str'><v>&#0;&#xD800;&bogus;_xD83D__xDE00_</v></c></row><!-- x --></sheetData>"), []byte("<sst><si/></sst>"))
	f.Add([]byte(`<sheetData><row><c r="A1" t="s"><v>7</v></c></row><row><c a='>"' t="s"><v>0</v></c></row></sheetData>`), []byte(`<sst uniqueCount="99999999999"><si><t>_x005F_x0041_</t></si></sst>`))
	var buf bytes.Buffer
	table.WriteXLSX(&buf, []string{"a", "b"}, func(yield func([]string) bool) { yield([]string{"1", " x\r"}) })
	if zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len())); err == nil {
		var sheet, sst []byte
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			switch zf.Name {
			case "xl/worksheets/sheet1.xml":
				sheet = b
			case "xl/sharedStrings.xml":
				sst = b
			}
		}
		f.Add(sheet, sst)
	}
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		b := fuzzWorkbook(sheet, sst)
		x, err := table.NewXLSX(bytes.NewReader(b), int64(len(b)), table.XLSXOptions{})
		if err != nil {
			if dossier.ErrorCode(err) != dossier.EInvalid {
				t.Fatalf("open: %v", err)
			}
			return
		}
		defer x.Close()
		for i := 0; ; i++ {
			if i > len(sheet)+2 {
				t.Fatal("no EOF")
			}
			rec, err := x.Read()
			if err == io.EOF {
				break
			}
			var re *dossier.RowError
			if err != nil && !errors.As(err, &re) {
				if dossier.ErrorCode(err) != dossier.EInvalid {
					t.Fatalf("error %v is neither a row error nor EInvalid", err)
				}
				if _, err2 := x.Read(); err2 != err {
					t.Fatalf("error does not stick: %v then %v", err, err2)
				}
				break
			}
			if len(rec.Fields) > 16384 || rec.Line <= 0 {
				t.Fatalf("row %d has %d fields", rec.Line, len(rec.Fields))
			}
			w := &strings.Builder{}
			cw := csv.NewWriter(w)
			cw.Write(rec.Fields)
			cw.Flush()
			if want := strings.TrimSuffix(w.String(), "\n"); rec.Raw != want {
				t.Fatalf("Raw %q, fields as CSV %q", rec.Raw, want)
			}
			if done, total := x.Progress(); done > total {
				t.Fatalf("progress %d/%d", done, total)
			}
		}
	})
}

// FuzzNormalizeNumber checks that NormalizeNumber keeps the value of any
// decimal number and is idempotent.
func FuzzNormalizeNumber(f *testing.F) {
	for _, s := range []string{"3.4567800000000002", "1E-3", "-0", "007", "202101010004", "1e400", "abc", "+.5", "5.", "0x1p3", "1_000", "Inf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := table.NormalizeNumber(s)
		if table.NormalizeNumber(n) != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, table.NormalizeNumber(n))
		}
		if n == s {
			return
		}
		a, errA := strconv.ParseFloat(s, 64)
		b, errB := strconv.ParseFloat(n, 64)
		if errA != nil || errB != nil || a != b || math.IsNaN(a) {
			t.Fatalf("%q (%v, %v) became %q (%v, %v)", s, a, errA, n, b, errB)
		}
		if strings.ContainsAny(s, "xX_") {
			t.Fatalf("non-decimal %q was rewritten to %q", s, n)
		}
	})
}

// FuzzXLSXWorkbook opens workbooks with arbitrary workbook.xml and
// relationships: opening must fail with EInvalid or give a sheet that
// reads (or fails with EInvalid), never panic.
func FuzzXLSXWorkbook(f *testing.F) {
	parts := workbookParts(sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`), "")
	f.Add([]byte(parts["xl/workbook.xml"]), []byte(parts["xl/_rels/workbook.xml.rels"]), []byte(parts["_rels/.rels"]))
	f.Add([]byte(`<workbook><sheets><sheet r:id="a"/><sheet x:id="b"/></sheets></workbook>`),
		[]byte(`<Relationships><Relationship Id="b" Type="/worksheet" Target="../../xl/worksheets/sheet1.xml"/></Relationships>`),
		[]byte(`<Relationships><Relationship Id="r" Type="x/officeDocument" Target="/xl/workbook.xml" TargetMode="External"/></Relationships>`))
	f.Fuzz(func(t *testing.T, workbook, rels, rootRels []byte) {
		p := workbookParts(parts["xl/worksheets/sheet1.xml"], "")
		p["xl/workbook.xml"], p["xl/_rels/workbook.xml.rels"], p["_rels/.rels"] = string(workbook), string(rels), string(rootRels)
		b := zipParts(t, p)
		x, err := table.NewXLSX(bytes.NewReader(b), int64(len(b)), table.XLSXOptions{})
		if err != nil {
			if dossier.ErrorCode(err) != dossier.EInvalid {
				t.Fatalf("open: %v", err)
			}
			return
		}
		defer x.Close()
		// The relationships may point at another part of the package,
		// which then reads as a damaged sheet.
		rec, err := x.Read()
		if err == nil && !slices.Equal(rec.Fields, []string{"1"}) || err != nil && err != io.EOF && dossier.ErrorCode(err) != dossier.EInvalid {
			t.Fatalf("first row %q, %v", rec.Fields, err)
		}
	})
}

// FuzzSniff checks that Sniff takes any prefix.
func FuzzSniff(f *testing.F) {
	for _, s := range []string{"a,b\n", "a\tb", "{}", "PK\x03\x04", "\xFF\xFE\x00", "\xFE\xFF\xD8\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, prefix []byte) {
		if k := table.Sniff(prefix); k.String() == "" {
			t.Fatalf("kind %d has no name", k)
		}
	})
}
