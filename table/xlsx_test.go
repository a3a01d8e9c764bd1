package table_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"dossier"
	"dossier/table"
)

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// zipParts writes parts into a zip archive, in name order.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// workbookParts returns the parts of a one-sheet workbook, the way Excel
// lays them out, with the given sheet XML and shared strings (omitted
// when sst is "").
func workbookParts(sheet, sst string) map[string]string {
	p := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":     `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><workbookPr/><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="` + nsPkg + `">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId4" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": sheet,
	}
	if sst != "" {
		p["xl/sharedStrings.xml"] = sst
	}
	return p
}

// sheetXML wraps rows in a worksheet.
func sheetXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
		`<sheetData>` + rows + `</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`
}

// testSST is a shared-string table covering rich text, phonetic runs,
// references, escapes, white space and CDATA. Index: value.
const testSST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="` + nsMain + `" count="20" uniqueCount="13">` +
	`<si><t>eventid</t></si>` + // 0
	`<si><t>summary</t></si>` + // 1
	`<si><t>Caf&#233; &amp; &lt;b&gt; &#x1F600; &quot;q&quot; &apos;</t></si>` + // 2
	`<si><r><rPr><b/><sz val="11"/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r></si>` + // 3
	`<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>` + // 4
	`<si><t>Line1_x000D_&#10;Line2</t></si>` + // 5
	`<si><t>  trimmed  </t></si>` + // 6
	`<si><t xml:space="preserve">  kept  </t></si>` + // 7
	`<si><t>_x005F_x0041_ literal, _x0041_ escaped, _xZZ_ not</t></si>` + // 8
	"<si/>" + // 9
	`<si><t/></si>` + // 10
	`<si><t><![CDATA[a < b & c]]></t></si>` + // 11
	"<si><t>a&#13;&#10;b\r\nc\rd</t></si>" + // 12
	`</sst>`

// xrow is one expected XLSX row.
type xrow struct {
	Fields []string
	Line   int
}

// readXLSXRows reads x to the end, failing on any error, and checks that
// each Raw is its Fields written as CSV.
func readXLSXRows(t *testing.T, x *table.XLSX) []xrow {
	t.Helper()
	var out []xrow
	for i := 0; ; i++ {
		if i > 10000 {
			t.Fatal("reader does not reach EOF")
		}
		rec, err := x.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("row %d: %v", len(out)+1, err)
		}
		// encoding/csv reads "\r\n" inside a quoted field as "\n".
		back, err := csv.NewReader(strings.NewReader(rec.Raw)).Read()
		wantBack := make([]string, len(rec.Fields))
		for i, f := range rec.Fields {
			wantBack[i] = strings.ReplaceAll(f, "\r\n", "\n")
		}
		if err != nil || !slices.Equal(back, wantBack) {
			t.Errorf("row %d: Raw %q reads back as %q, %v; want %q", rec.Line, rec.Raw, back, err, wantBack)
		}
		out = append(out, xrow{rec.Fields, rec.Line})
	}
}

func openParts(t *testing.T, parts map[string]string, opts table.XLSXOptions) (*table.XLSX, error) {
	t.Helper()
	b := zipParts(t, parts)
	return table.NewXLSX(bytes.NewReader(b), int64(len(b)), opts)
}

func TestXLSXSheets(t *testing.T) {
	tests := []struct {
		name  string
		sheet string // full sheet XML
		sst   string
		opts  table.XLSXOptions
		want  []xrow
	}{
		{
			name: "shared strings, numbers, sparse cells, padding",
			sheet: sheetXML(`<row r="1" spans="1:3"><c r="A1" s="4" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>0</v></c></row>` +
				`<row r="2"><c r="A2" s="1"><v>202101010004</v></c><c r="C2" t="s"><v>2</v></c></row>` +
				`<row r="3"><c r="B3" s="2"><v>33.008586999999999</v></c></row>`),
			sst: testSST,
			want: []xrow{
				{[]string{"eventid", "summary", "eventid"}, 1},
				{[]string{"202101010004", "", `Café & <b> 😀 "q" '`}, 2},
				{[]string{"", "33.008587", ""}, 3},
			},
		},
		{
			name: "shared-string forms",
			sheet: sheetXML(`<row r="1">` +
				`<c r="A1" t="s"><v>3</v></c><c r="B1" t="s"><v>4</v></c><c r="C1" t="s"><v>5</v></c><c r="D1" t="s"><v>6</v></c>` +
				`<c r="E1" t="s"><v>7</v></c><c r="F1" t="s"><v>8</v></c><c r="G1" t="s"><v>9</v></c><c r="H1" t="s"><v>10</v></c>` +
				`<c r="I1" t="s"><v>11</v></c><c r="J1" t="s"><v>12</v></c></row>`),
			sst: testSST,
			want: []xrow{{[]string{
				"Bold and plain", "東京", "Line1\r\nLine2", "trimmed", "  kept  ",
				"_x0041_ literal, A escaped, _xZZ_ not", "", "", "a < b & c", "a\r\nb\nc\nd",
			}, 1}},
		},
		{
			name: "numbers normalised",
			sheet: sheetXML(`<row r="1"><c r="A1"><v>3.4567800000000002</v></c><c r="B1"><v>1E-3</v></c><c r="C1"><v>-0</v></c>` +
				`<c r="D1"><v>1.0</v></c><c r="E1"><v>3.5943000000000003E-2</v></c><c r="F1"><v>2.5E+3</v></c><c r="G1"><v>1E+21</v></c>` +
				`<c r="H1"><v>1E-7</v></c><c r="I1"><v>007</v></c><c r="J1"><v>12345678901234567890</v></c><c r="K1"><v>-99</v></c>` +
				`<c r="L1" t="n"><v>0.1</v></c><c r="M1"><v>NaN</v></c><c r="N1"><v> 5</v></c><c r="O1"><v>1e400</v></c></row>`),
			want: []xrow{{[]string{"3.45678", "0.001", "0", "1", "0.035943", "2500", "1e+21", "1e-07", "7",
				"12345678901234567890", "-99", "0.1", "NaN", " 5", "1e400"}, 1}},
		},
		{
			name: "numbers as stored",
			sheet: sheetXML(`<row r="1"><c r="A1"><v>3.4567800000000002</v></c><c r="B1"><v>1E-3</v></c><c r="C1"><v>-0</v></c>` +
				`<c r="D1"><v>202101010004</v></c></row>`),
			opts: table.XLSXOptions{Numbers: table.NumbersAsStored},
			want: []xrow{{[]string{"3.4567800000000002", "1E-3", "-0", "202101010004"}, 1}},
		},
		{
			name: "inline strings",
			sheet: sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>inline &amp; text</t></is></c>` +
				`<c r="B1" t="inlineStr"><is><r><rPr><i/></rPr><t>a</t></r><r><t xml:space="preserve"> b</t></r></is></c>` +
				`<c r="C1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="1"><t>カンジ</t></rPh></is></c>` +
				`<c r="D1" t="inlineStr"><is><t xml:space="preserve"> x_x000D_ </t></is></c>` +
				`<c r="E1" t="inlineStr"><is><t>   </t></is></c></row>`),
			want: []xrow{{[]string{"inline & text", "a b", "漢字", " x\r ", "   "}, 1}},
		},
		{
			name: "booleans, errors, formulas, dates",
			sheet: sheetXML(`<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#N/A</v></c>` +
				`<c r="D1" t="str"><f>A1&amp;"x"</f><v>TRUEx</v></c><c r="E1"><f>1+1</f><v>2</v></c>` +
				`<c r="F1" t="d"><v>2021-01-17T00:00:00</v></c><c r="G1" s="3"><v>44212</v></c><c r="H1"><f>NOW()</f></c></row>`),
			want: []xrow{{[]string{"TRUE", "FALSE", "#N/A", "TRUEx", "2", "2021-01-17T00:00:00", "44212", ""}, 1}},
		},
		{
			name: "self-closing cells and rows, missing references, empty rows skipped",
			sheet: sheetXML(`<row><c t="s"><v>0</v></c><c/><c><v>5</v></c></row>` +
				`<row r="2"/><row r="3" spans="1:3" s="1" customFormat="1"><c r="A3" s="1"/><c r="B3" t="s"><v>9</v></c></row>` +
				`<row><c r="B4"><v>6</v></c><c><v>7</v></c></row>` +
				`<row r="9"><c r="A9" t="inlineStr"><is><t>nine</t></is></c></row>`),
			sst: testSST,
			want: []xrow{
				{[]string{"eventid", "", "5"}, 1},
				{[]string{"", "6", "7"}, 4},
				{[]string{"nine", "", ""}, 9},
			},
		},
		{
			name: "namespace prefixes",
			sheet: `<?xml version="1.0"?><x:worksheet xmlns:x="` + nsMain + `"><x:sheetData>` +
				`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>` +
				`</x:sheetData></x:worksheet>`,
			sst:  testSST,
			want: []xrow{{[]string{"eventid", "b"}, 1}},
		},
		{
			name: "pretty-printed XML, comments, CDATA, quotes in attributes",
			sheet: "<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<worksheet xmlns=\"" + nsMain + "\">\n  <sheetData>\n" +
				"    <row r=\"1\">\n      <c r=\"A1\" x='a>b\"' t=\"s\">\n        <v>1</v>\n      </c>\n" +
				"      <!-- <c r=\"B1\"><v>9</v></c> -->\n      <c r=\"B1\" t=\"str\"><v><![CDATA[<raw> & text]]></v></c>\n" +
				"      <c r=\"C1\" t=\"inlineStr\"><is><t>\n  spaced\n</t></is></c>\n    </row>\n  </sheetData>\n</worksheet>\n",
			sst:  testSST,
			want: []xrow{{[]string{"summary", "<raw> & text", "spaced"}, 1}},
		},
		{
			name: "rows of different widths",
			sheet: sheetXML(`<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>` +
				`<row r="2"><c r="D2"><v>4</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>`),
			want: []xrow{
				{[]string{"1", "2"}, 1},
				{[]string{"", "", "", "4"}, 2},
				{[]string{"1", "", "", ""}, 3},
			},
		},
		{
			name:  "no rows",
			sheet: sheetXML(``),
			want:  nil,
		},
		{
			name:  "empty sheetData element",
			sheet: `<worksheet xmlns="` + nsMain + `"><sheetData/></worksheet>`,
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := openParts(t, workbookParts(tt.sheet, tt.sst), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			got := readXLSXRows(t, x)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// TestXLSXCellErrors checks that a bad cell gives a row error naming the
// row and cell, and that reading goes on with the next row.
func TestXLSXCellErrors(t *testing.T) {
	sheet := sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
		`<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>99</v></c><c r="C2" t="s"><v>x</v></c></row>` +
		`<row r="3"><c r="A3"><v>3</v></c><c r="XFE3"><v>4</v></c></row>` +
		`<row r="4"><c r="A4"><v>4</v></c></row>`)
	x, err := openParts(t, workbookParts(sheet, testSST), table.XLSXOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	type result struct {
		Fields []string
		Line   int
		ErrRow int    // RowError.Line, 0 without error
		ErrCol string // RowError.Column
	}
	want := []result{
		{[]string{"eventid"}, 1, 0, ""},
		{[]string{"1", "", ""}, 2, 2, "B2"}, // first bad cell of the row
		{[]string{"3", "", ""}, 3, 3, "XFE3"},
		{[]string{"4", "", ""}, 4, 0, ""},
	}
	var got []result
	for {
		rec, err := x.Read()
		if err == io.EOF {
			break
		}
		r := result{Fields: rec.Fields, Line: rec.Line}
		if err != nil {
			var re *dossier.RowError
			if !errors.As(err, &re) {
				t.Fatalf("row %d: %v, want a *dossier.RowError", rec.Line, err)
			}
			if re.Hint == "" || re.Reason == "" || re.Raw != rec.Raw {
				t.Errorf("row error %+v lacks a reason, a hint or the raw row", re)
			}
			r.ErrRow, r.ErrCol = re.Line, re.Column
		}
		got = append(got, r)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

// TestXLSXDamagedSheet checks that malformed sheet XML gives a clear
// EInvalid error that sticks, after the rows before the damage.
func TestXLSXDamagedSheet(t *testing.T) {
	good := `<row r="1"><c r="A1"><v>1</v></c></row>`
	tests := []struct {
		name  string
		sheet string
	}{
		{"truncated in a cell", `<worksheet><sheetData>` + good + `<row r="2"><c r="A2"><v>1`},
		{"truncated in a tag", `<worksheet><sheetData>` + good + `<row r="2"><c r="A2" t="`},
		{"truncated after a row", `<worksheet><sheetData>` + good},
		{"row inside a row", `<worksheet><sheetData>` + good + `<row r="2"><row r="3"></row></row></sheetData></worksheet>`},
		{"sheetData closed inside a cell", `<worksheet><sheetData>` + good + `<row r="2"><c r="A2"><v>1</sheetData>`},
		{"unclosed comment", `<worksheet><sheetData>` + good + `<!-- oops`},
		{"empty tag name", `<worksheet><sheetData>` + good + `<row r="2">< c/></row></sheetData></worksheet>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := openParts(t, workbookParts(tt.sheet, ""), table.XLSXOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			rec, err := x.Read()
			if err != nil || !slices.Equal(rec.Fields, []string{"1"}) {
				t.Fatalf("first row: %q, %v", rec.Fields, err)
			}
			_, err = x.Read()
			if dossier.ErrorCode(err) != dossier.EInvalid || err == io.EOF {
				t.Fatalf("damaged sheet: got %v, want an EInvalid error", err)
			}
			var e *dossier.Error
			if !errors.As(err, &e) || e.Hint == "" {
				t.Errorf("error %v has no hint", err)
			}
			if _, err2 := x.Read(); err2 != err {
				t.Errorf("next Read: %v, want the same error", err2)
			}
		})
	}
}

func TestOpenXLSXErrors(t *testing.T) {
	noSheetWB := workbookParts("", "")
	delete(noSheetWB, "xl/worksheets/sheet1.xml")
	noSheetWB["xl/workbook.xml"] = `<workbook xmlns="` + nsMain + `"><sheets/></workbook>`

	chartOnly := workbookParts("", "")
	delete(chartOnly, "xl/worksheets/sheet1.xml")
	chartOnly["xl/_rels/workbook.xml.rels"] = `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel + `/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`
	chartOnly["xl/chartsheets/sheet1.xml"] = `<chartsheet/>`

	missingPart := workbookParts("", "")
	delete(missingPart, "xl/worksheets/sheet1.xml")

	badSST := workbookParts(sheetXML(""), `<sst><si><t>unclosed`)

	cfb := func(extra string) []byte {
		b := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
		for _, c := range extra {
			b = append(b, byte(c), 0)
		}
		return b
	}
	// A compound file whose directory (sector 200 of 512 bytes, as the
	// header says) lies past the first 64 KiB.
	farDir := make([]byte, 110000)
	copy(farDir, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	farDir[0x1E], farDir[0x30] = 9, 200
	for i, c := range "EncryptedPackage" {
		farDir[(200+1)*512+2*i] = byte(c)
	}
	tests := []struct {
		name string
		data []byte
		word string // a word the message must contain
	}{
		{"encrypted xlsx, directory far in", farDir, "encrypted"},
		{"CSV text", []byte("eventid,iyear\n1,2021\n"), "not a zip"},
		{"empty file", nil, "not a zip"},
		{"legacy xls", cfb("Workbook"), ".xls"},
		{"encrypted xlsx", cfb("EncryptionInfo"), "encrypted"},
		{"zip without workbook", zipParts(t, map[string]string{"readme.txt": "hi"}), "no xl/workbook.xml"},
		{"OpenDocument", zipParts(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), "OpenDocument"},
		{"no sheets", zipParts(t, noSheetWB), "no worksheet"},
		{"only a chart sheet", zipParts(t, chartOnly), "no worksheet"},
		{"sheet part missing", zipParts(t, missingPart), "missing"},
		{"damaged workbook.xml", zipParts(t, map[string]string{"xl/workbook.xml": "<workbook><sheets>"}), "cannot parse"},
		{"damaged shared strings", zipParts(t, badSST), "shared strings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := table.NewXLSX(bytes.NewReader(tt.data), int64(len(tt.data)), table.XLSXOptions{})
			if err == nil {
				x.Close()
				t.Fatal("no error")
			}
			var e *dossier.Error
			if !errors.As(err, &e) || e.Code != dossier.EInvalid || e.Hint == "" {
				t.Fatalf("got %#v, want a *dossier.Error with code %q and a hint", err, dossier.EInvalid)
			}
			if !strings.Contains(e.Message, tt.word) {
				t.Errorf("message %q does not say %q", e.Message, tt.word)
			}
		})
	}
}

func TestOpenXLSXFile(t *testing.T) {
	dir := t.TempDir()
	_, err := table.OpenXLSX(filepath.Join(dir, "missing.xlsx"))
	if dossier.ErrorCode(err) != dossier.ENotFound {
		t.Errorf("missing file: got %v, want code %q", err, dossier.ENotFound)
	}
	csvPath := filepath.Join(dir, "data.xlsx")
	os.WriteFile(csvPath, []byte("a,b\n"), 0o644)
	if _, err := table.OpenXLSX(csvPath); dossier.ErrorCode(err) != dossier.EInvalid {
		t.Errorf("CSV named .xlsx: got %v, want code %q", err, dossier.EInvalid)
	}
	good := filepath.Join(dir, "good.xlsx")
	os.WriteFile(good, zipParts(t, workbookParts(sheetXML(`<row r="1"><c r="A1" t="s"><v>1</v></c></row>`), testSST)), 0o644)
	x, err := table.OpenXLSX(good)
	if err != nil {
		t.Fatal(err)
	}
	if got := readXLSXRows(t, x); !reflect.DeepEqual(got, []xrow{{[]string{"summary"}, 1}}) {
		t.Errorf("got %+v", got)
	}
	if err := x.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := os.Remove(good); err != nil { // the file must be closed (Windows)
		t.Error(err)
	}
}

// TestXLSXWorkbookResolution checks that the first worksheet in workbook
// order is read, through the relationships, whatever the part names.
func TestXLSXWorkbookResolution(t *testing.T) {
	row := func(s string) string {
		return sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>` + s + `</t></is></c></row>`)
	}
	tests := []struct {
		name      string
		parts     map[string]string
		wantSheet string
		wantCell  string
		date1904  bool
	}{
		{
			name: "first in workbook order, after a chart sheet",
			parts: map[string]string{
				"_rels/.rels": `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
				"xl/workbook.xml": `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><workbookPr date1904="1"/><sheets>` +
					`<sheet name="Chart" sheetId="3" r:id="rId3"/><sheet name="Data" sheetId="2" r:id="rId2"/><sheet name="Other" sheetId="1" r:id="rId1"/></sheets></workbook>`,
				"xl/_rels/workbook.xml.rels": `<Relationships xmlns="` + nsPkg + `">` +
					`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
					`<Relationship Id="rId2" Type="` + nsRel + `/worksheet" Target="worksheets/sheet2.xml"/>` +
					`<Relationship Id="rId3" Type="` + nsRel + `/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
				"xl/worksheets/sheet1.xml":  row("other"),
				"xl/worksheets/sheet2.xml":  row("data"),
				"xl/chartsheets/sheet1.xml": `<chartsheet/>`,
			},
			wantSheet: "Data", wantCell: "data", date1904: true,
		},
		{
			name: "absolute targets, odd case, workbook elsewhere, strict namespaces",
			parts: map[string]string{
				"_rels/.rels": `<Relationships xmlns="` + nsPkg + `"><Relationship Id="R1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/book/Main.xml"/></Relationships>`,
				"book/Main.xml": `<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:rel="http://purl.oclc.org/ooxml/officeDocument/relationships">` +
					`<sheets><sheet name="Only" sheetId="1" rel:id="s1"/></sheets></workbook>`,
				"book/_rels/Main.xml.rels": `<Relationships xmlns="` + nsPkg + `">` +
					`<Relationship Id="s1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/Book/Sheets/S.XML"/>` +
					`<Relationship Id="s2" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
				"book/sheets/s.xml": sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`),
				"book/strings.xml":  `<sst xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><si><t>strict</t></si></sst>`,
			},
			wantSheet: "Only", wantCell: "strict",
		},
		{
			name: "no package relationships: xl/workbook.xml",
			parts: map[string]string{
				"xl/workbook.xml":            `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
				"xl/_rels/workbook.xml.rels": `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
				"xl/worksheets/sheet1.xml":   row("plain"),
			},
			wantSheet: "S", wantCell: "plain",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := openParts(t, tt.parts, table.XLSXOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if x.SheetName() != tt.wantSheet || x.Date1904() != tt.date1904 {
				t.Errorf("sheet %q date1904 %v, want %q %v", x.SheetName(), x.Date1904(), tt.wantSheet, tt.date1904)
			}
			got := readXLSXRows(t, x)
			if want := []xrow{{[]string{tt.wantCell}, 1}}; !reflect.DeepEqual(got, want) {
				t.Errorf("rows %+v, want %+v", got, want)
			}
		})
	}
}

// TestXLSXRaw checks Raw against CSV text written by hand.
func TestXLSXRaw(t *testing.T) {
	sheet := sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>a,b</t></is></c><c r="B1" t="inlineStr"><is><t>say "hi"</t></is></c>` +
		`<c r="D1" t="inlineStr"><is><t xml:space="preserve"> lead</t></is></c><c r="E1" t="inlineStr"><is><t>two&#10;lines</t></is></c>` +
		`<c r="F1"><v>1.5</v></c></row>`)
	x, err := openParts(t, workbookParts(sheet, ""), table.XLSXOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rec, err := x.Read()
	if err != nil {
		t.Fatal(err)
	}
	want := `"a,b","say ""hi""",," lead","two` + "\n" + `lines",1.5`
	if rec.Raw != want {
		t.Errorf("Raw = %q, want %q", rec.Raw, want)
	}
}

// TestWriteXLSXRoundTrip writes awkward values with WriteXLSX and reads
// them back.
func TestWriteXLSXRoundTrip(t *testing.T) {
	header := []string{"id", "text", "number", "empty", "last"}
	rows := [][]string{
		{"1", "plain", "3.45678", "", "x"},
		{"2", " leading and trailing ", "-0.5", "", "\ttab"},
		{"3", "a & b < c > d \"q\" 'a'", "1e+21", "", "007"},
		{"4", "CR\r\nLF\nCR\r", "1.50", "", "-0"},
		{"5", "ctl \x01\x1f del \x7f", "12345678901234567890", "", "_x0041_ and _x005F_"},
		{"6", "emoji 😀 北京 \uFFFE", "0", "", "TRUE"},
		{"7", "bad utf8 \xff", "", "", ""},
		{"8"},
		{"", "", ""},
		{"10", "", "", "", "", "", "wider"},
	}
	want := []xrow{
		{[]string{"id", "text", "number", "empty", "last"}, 1},
		{[]string{"1", "plain", "3.45678", "", "x"}, 2},
		{[]string{"2", " leading and trailing ", "-0.5", "", "\ttab"}, 3},
		{[]string{"3", "a & b < c > d \"q\" 'a'", "1e+21", "", "007"}, 4},
		{[]string{"4", "CR\r\nLF\nCR\r", "1.50", "", "-0"}, 5},
		{[]string{"5", "ctl \x01\x1f del \x7f", "12345678901234567890", "", "_x0041_ and _x005F_"}, 6},
		{[]string{"6", "emoji 😀 北京 \uFFFE", "0", "", "TRUE"}, 7},
		{[]string{"7", "bad utf8 \uFFFD", "", "", ""}, 8},
		{[]string{"8", "", "", "", ""}, 9},
		// row 10 is empty and skipped
		{[]string{"10", "", "", "", "", "", "wider"}, 11},
	}
	var buf bytes.Buffer
	err := table.WriteXLSX(&buf, header, func(yield func([]string) bool) {
		for _, r := range rows {
			if !yield(r) {
				return
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	x, err := table.NewXLSX(bytes.NewReader(buf.Bytes()), int64(buf.Len()), table.XLSXOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := readXLSXRows(t, x); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

// TestXLSXProgress checks that Progress grows to the sheet's size.
func TestXLSXProgress(t *testing.T) {
	var buf bytes.Buffer
	if err := table.WriteXLSX(&buf, benchHeader(), gtdLikeRows(3000)); err != nil {
		t.Fatal(err)
	}
	x, err := table.NewXLSX(bytes.NewReader(buf.Bytes()), int64(buf.Len()), table.XLSXOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	done, total := x.Progress()
	if done != 0 || total < int64(buf.Len()) { // the XML is larger than its zip
		t.Fatalf("before reading: %d/%d (zip %d bytes)", done, total, buf.Len())
	}
	last, rows, moves := int64(0), 0, 0
	for {
		_, err := x.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows++
		d, tot := x.Progress()
		if d < last || d > tot || tot != total {
			t.Fatalf("row %d: progress %d/%d after %d", rows, d, tot, last)
		}
		if d > last {
			moves++
		}
		last = d
	}
	if d, tot := x.Progress(); d != tot || rows != 3001 || moves < 5 {
		t.Errorf("end: %d/%d after %d rows, %d advances", d, tot, rows, moves)
	}
}
