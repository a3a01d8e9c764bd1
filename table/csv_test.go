package table_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/charmap"

	"dossier"
	"dossier/table"
)

// step is what one Read gives: a record, or a row error at a line.
type step struct {
	Fields []string
	Raw    string
	Line   int
	Err    bool // a *dossier.RowError is expected (Fields nil)
}

// readSteps reads r to the end.
func readSteps(t *testing.T, r *table.CSV) []step {
	t.Helper()
	var out []step
	for i := 0; ; i++ {
		if i > 10000 {
			t.Fatal("reader does not reach EOF")
		}
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		s := step{Fields: rec.Fields, Raw: rec.Raw, Line: rec.Line}
		if err != nil {
			var re *dossier.RowError
			if !errors.As(err, &re) {
				t.Fatalf("Read: %v (want a *dossier.RowError or a record)", err)
			}
			if re.Line != rec.Line || re.Raw != rec.Raw || re.File != "" {
				t.Errorf("RowError %+v does not match record line %d raw %q", re, rec.Line, rec.Raw)
			}
			s.Err = true
		}
		out = append(out, s)
	}
}

var gtdHeader = []string{"eventid", "iyear", "imonth", "iday", "country_txt", "city", "summary", "gname"}

const gtdHeaderLine = "eventid,iyear,imonth,iday,country_txt,city,summary,gname"

func TestCSVFixtures(t *testing.T) {
	tests := []struct {
		file string
		opts table.CSVOptions
		want []step
	}{
		{
			file: "gtd_bom_crlf.csv", // UTF-8 BOM, CRLF, an embedded CRLF, a blank line
			want: []step{
				{Fields: gtdHeader, Raw: gtdHeaderLine, Line: 1},
				{
					Fields: []string{"199001010001", "1990", "1", "1", "Testland", "Alpha", "Made-up summary, with a comma.", "Group One"},
					Raw:    `199001010001,1990,1,1,Testland,Alpha,"Made-up summary, with a comma.",Group One`,
					Line:   2,
				},
				{
					Fields: []string{"199001020002", "1990", "1", "2", "Testland", "Beta", "Line one\nline two \"quoted\"", "Group Two"},
					Raw:    "199001020002,1990,1,2,Testland,Beta,\"Line one\r\nline two \"\"quoted\"\"\",Group Two",
					Line:   3,
				},
				{
					Fields: []string{"199001030003", "1990", "1", "3", "Testland", "Gamma", "", "Unknown"},
					Raw:    "199001030003,1990,1,3,Testland,Gamma,,Unknown",
					Line:   6,
				},
			},
		},
		{
			file: "gtd_cp1252.csv", // Windows-1252 bytes, read with encoding auto
			want: []step{
				{Fields: gtdHeader, Raw: gtdHeaderLine, Line: 1},
				{
					Fields: []string{"199002010001", "1990", "2", "1", "Testland", "Saéo", "Café “bombing” – €100 damage", "Group À"},
					Raw:    "199002010001,1990,2,1,Testland,Saéo,Café “bombing” – €100 damage,Group À",
					Line:   2,
				},
				{
					Fields: []string{"199002020002", "1990", "2", "2", "Testland", "Nowhere", "Plain text", "Group Two"},
					Raw:    "199002020002,1990,2,2,Testland,Nowhere,Plain text,Group Two",
					Line:   3,
				},
			},
		},
		{
			file: "gtd_malformed.csv", // a bare quote on line 3, a stray quote on line 5
			want: []step{
				{Fields: gtdHeader, Raw: gtdHeaderLine, Line: 1},
				{Fields: []string{"199003010001", "1990", "3", "1", "Testland", "Alpha", "ok", "Group One"}, Raw: "199003010001,1990,3,1,Testland,Alpha,ok,Group One", Line: 2},
				{Err: true, Raw: `199003020002,1990,3,2,Testland,Be"ta,bare quote,Group Two`, Line: 3},
				{Fields: []string{"199003030003", "1990", "3", "3", "Testland", "Gamma", "ok", "Group Three"}, Raw: "199003030003,1990,3,3,Testland,Gamma,ok,Group Three", Line: 4},
				{Err: true, Raw: `199003040004,1990,3,4,Testland,Delta,"stray "quote" here",Group Four`, Line: 5},
				{Fields: []string{"199003050005", "1990", "3", "5", "Testland", "Epsilon", "ok", "Group Five"}, Raw: "199003050005,1990,3,5,Testland,Epsilon,ok,Group Five", Line: 6},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got := readSteps(t, table.NewCSV(f, tt.opts))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

// TestCSVRowErrorText checks that the error of a malformed record names
// its line, column and field, and says what to do.
func TestCSVRowErrorText(t *testing.T) {
	tests := []struct {
		input      string
		line       int
		wantInText []string
	}{
		// The quote is the 34th byte of the line, in the 6th field.
		{"a,b\n" + `199003020002,1990,3,2,Testland,Be"ta,x` + "\n", 2, []string{"line 2, column 34 (field 6)", "hint:"}},
		// Opening quote at column 38 (field 7), stray quote at column 45.
		{`199003040004,1990,3,4,Testland,Delta,"stray "quote" here",G` + "\n", 1, []string{"line 1, column 45 (field 7)", "hint:"}},
		// A quoted field running over lines: the error is on line 3 of a
		// record starting on line 2.
		{"h\n\"x\ny\" z\n", 2, []string{"line 3, column 2 (field 1)"}},
	}
	for _, tt := range tests {
		r := table.NewCSV(strings.NewReader(tt.input), table.CSVOptions{})
		var err error
		for err == nil {
			_, err = r.Read()
		}
		var re *dossier.RowError
		if !errors.As(err, &re) {
			t.Fatalf("%q: got %v, want a *dossier.RowError", tt.input, err)
		}
		if re.Line != tt.line {
			t.Errorf("%q: Line = %d, want %d", tt.input, re.Line, tt.line)
		}
		for _, s := range tt.wantInText {
			if !strings.Contains(re.Error(), s) {
				t.Errorf("%q: error %q does not contain %q", tt.input, re.Error(), s)
			}
		}
	}
}

func TestCSVInline(t *testing.T) {
	tests := []struct {
		name  string
		input string
		opts  table.CSVOptions
		want  []step
	}{
		{"empty", "", table.CSVOptions{}, nil},
		{"only BOM", "\xEF\xBB\xBF", table.CSVOptions{}, nil},
		{"only blank lines", "\n\r\n\n", table.CSVOptions{}, nil},
		{"LF, no final newline", "a,b\nc,d", table.CSVOptions{}, []step{
			{Fields: []string{"a", "b"}, Raw: "a,b", Line: 1},
			{Fields: []string{"c", "d"}, Raw: "c,d", Line: 2},
		}},
		{"CR before EOF is dropped", "a,b\r\nc,d\r", table.CSVOptions{}, []step{
			{Fields: []string{"a", "b"}, Raw: "a,b", Line: 1},
			{Fields: []string{"c", "d"}, Raw: "c,d", Line: 2},
		}},
		{"CR inside a line is data", "a,b\r\r\nc\rd,e\n", table.CSVOptions{}, []step{
			{Fields: []string{"a", "b\r"}, Raw: "a,b\r", Line: 1},
			{Fields: []string{"c\rd", "e"}, Raw: "c\rd,e", Line: 2},
		}},
		{"blank lines before and between", "\n\r\na\n\n\nb\r\n\r\n", table.CSVOptions{}, []step{
			{Fields: []string{"a"}, Raw: "a", Line: 3},
			{Fields: []string{"b"}, Raw: "b", Line: 6},
		}},
		{"field counts vary", "a,b,c\nd\ne,f,g,h,\n", table.CSVOptions{}, []step{
			{Fields: []string{"a", "b", "c"}, Raw: "a,b,c", Line: 1},
			{Fields: []string{"d"}, Raw: "d", Line: 2},
			{Fields: []string{"e", "f", "g", "h", ""}, Raw: "e,f,g,h,", Line: 3},
		}},
		{"embedded newlines keep their bytes in Raw", "id,text\n1,\"x\r\ny\n\nz\"\n2,w\n", table.CSVOptions{}, []step{
			{Fields: []string{"id", "text"}, Raw: "id,text", Line: 1},
			{Fields: []string{"1", "x\ny\n\nz"}, Raw: "1,\"x\r\ny\n\nz\"", Line: 2},
			{Fields: []string{"2", "w"}, Raw: "2,w", Line: 6},
		}},
		{"quoted empty field alone", "\"\"\nx\n", table.CSVOptions{}, []step{
			{Fields: []string{""}, Raw: `""`, Line: 1},
			{Fields: []string{"x"}, Raw: "x", Line: 2},
		}},
		{"GDELT-like: tabs, bare quotes, lazy", "1\tSays \"hi\"\t\t3.5\n2\t\"\tx\n", table.CSVOptions{Comma: '\t', LazyQuotes: true}, []step{
			{Fields: []string{"1", `Says "hi"`, "", "3.5"}, Raw: "1\tSays \"hi\"\t\t3.5", Line: 1},
			{Fields: []string{"2", "\tx\n"}, Raw: "2\t\"\tx", Line: 2},
		}},
		{"no quotes: quotes are data, lines are records", "1\t\"abc\t2\r\n\n3\tx\"\t\n\"\"\r", table.CSVOptions{Comma: '\t', NoQuotes: true}, []step{
			{Fields: []string{"1", "\"abc", "2"}, Raw: "1\t\"abc\t2", Line: 1},
			{Fields: []string{"3", "x\"", ""}, Raw: "3\tx\"\t", Line: 3},
			{Fields: []string{"\"\""}, Raw: "\"\"", Line: 4},
		}},
		{"no quotes, Windows-1252, BOM", "\xEF\xBB\xBFa,caf\xe9\n", table.CSVOptions{NoQuotes: true}, []step{
			{Fields: []string{"a", "café"}, Raw: "a,café", Line: 1},
		}},
		{"semicolon separator", "a;\"b;c\"\n", table.CSVOptions{Comma: ';'}, []step{
			{Fields: []string{"a", "b;c"}, Raw: "a;\"b;c\"", Line: 1},
		}},
		{"multi-byte separator", "a§b\n", table.CSVOptions{Comma: '§'}, []step{
			{Fields: []string{"a", "b"}, Raw: "a§b", Line: 1},
		}},
		{"UTF-8 passes through", "Zaï,北京,Ωmega,😀\n", table.CSVOptions{}, []step{
			{Fields: []string{"Zaï", "北京", "Ωmega", "😀"}, Raw: "Zaï,北京,Ωmega,😀", Line: 1},
		}},
		{"auto: Windows-1252 bytes, UTF-8 beside them", "Caf\xe9,Zaï,\x85\x80\x81\n", table.CSVOptions{}, []step{
			{Fields: []string{"Café", "Zaï", "…€\u0081"}, Raw: "Café,Zaï,…€\u0081", Line: 1},
		}},
		{"auto: a cut-off UTF-8 sequence at EOF", "a,\xe2\x82", table.CSVOptions{}, []step{
			{Fields: []string{"a", "â‚"}, Raw: "a,â‚", Line: 1},
		}},
		{"utf-8: invalid bytes become U+FFFD", "Caf\xe9,Zaï\n", table.CSVOptions{Encoding: "utf-8"}, []step{
			{Fields: []string{"Caf\uFFFD", "Zaï"}, Raw: "Caf\uFFFD,Zaï", Line: 1},
		}},
		{"windows-1252: every byte is one character", "Za\xc3\xaf,\x93q\x94\n", table.CSVOptions{Encoding: "Windows-1252"}, []step{
			{Fields: []string{"ZaÃ¯", "“q”"}, Raw: "ZaÃ¯,“q”", Line: 1},
		}},
		{"windows-1252: a UTF-8 BOM is still dropped", "\xEF\xBB\xBFa\n", table.CSVOptions{Encoding: "cp1252"}, []step{
			{Fields: []string{"a"}, Raw: "a", Line: 1},
		}},
		{"auto: UTF-16LE with BOM (Excel Unicode text)", utf16LE("\uFEFFid\tname\r\n1\tZaï\r\n"), table.CSVOptions{Comma: '\t'}, []step{
			{Fields: []string{"id", "name"}, Raw: "id\tname", Line: 1},
			{Fields: []string{"1", "Zaï"}, Raw: "1\tZaï", Line: 2},
		}},
		{"auto: UTF-16BE with BOM", utf16BE("\uFEFFa,€\n"), table.CSVOptions{}, []step{
			{Fields: []string{"a", "€"}, Raw: "a,€", Line: 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, rd := range []struct {
				name string
				wrap func(io.Reader) io.Reader
			}{
				{"whole", func(r io.Reader) io.Reader { return r }},
				{"one byte at a time", iotest.OneByteReader},
				{"half reads", iotest.HalfReader},
				{"EOF with data", iotest.DataErrReader},
			} {
				got := readSteps(t, table.NewCSV(rd.wrap(strings.NewReader(tt.input)), tt.opts))
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("%s:\n got %#v\nwant %#v", rd.name, got, tt.want)
				}
			}
		})
	}
}

func utf16LE(s string) string {
	var b []byte
	for _, u := range utf16Units(s) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func utf16BE(s string) string {
	var b []byte
	for _, u := range utf16Units(s) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}

// TestCSVWindows1252 checks every byte 0x80–0xFF, read in windows-1252
// and in auto mode (where a lone high byte is never valid UTF-8), against
// golang.org/x/text's Windows-1252 table. The five bytes that table leaves
// undefined must become the C1 control of the same value.
func TestCSVWindows1252(t *testing.T) {
	undefined := map[byte]bool{0x81: true, 0x8D: true, 0x8F: true, 0x90: true, 0x9D: true}
	for _, enc := range []string{"windows-1252", "auto"} {
		for b := 0x80; b <= 0xFF; b++ {
			in := []byte{'x', byte(b), 'y', '\n'}
			var want string
			if undefined[byte(b)] {
				want = "x" + string(rune(b)) + "y"
			} else {
				dec, err := charmap.Windows1252.NewDecoder().Bytes(in[:3])
				if err != nil {
					t.Fatal(err)
				}
				want = string(dec)
			}
			rec, err := table.NewCSV(bytes.NewReader(in), table.CSVOptions{Encoding: enc}).Read()
			if err != nil {
				t.Fatalf("%s byte %#x: %v", enc, b, err)
			}
			if len(rec.Fields) != 1 || rec.Fields[0] != want || rec.Raw != want {
				t.Errorf("%s byte %#x: fields %q raw %q, want %q", enc, b, rec.Fields, rec.Raw, want)
			}
		}
	}
}

func TestCSVBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts table.CSVOptions
	}{
		{"unknown encoding", table.CSVOptions{Encoding: "ebcdic"}},
		{"quote as separator", table.CSVOptions{Comma: '"'}},
		{"newline as separator", table.CSVOptions{Comma: '\n'}},
		{"invalid rune", table.CSVOptions{Comma: 0xD800}},
	}
	for _, tt := range tests {
		r := table.NewCSV(strings.NewReader("a,b\n"), tt.opts)
		for i := 0; i < 2; i++ { // the error sticks
			_, err := r.Read()
			if got := dossier.ErrorCode(err); got != dossier.EInvalid {
				t.Errorf("%s: read %d: error %v (code %q), want code %q", tt.name, i, err, got, dossier.EInvalid)
			}
		}
	}
}

// TestCSVReadError checks that a failing input gives its error, not a
// row error, on this and every later Read.
func TestCSVReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	in := io.MultiReader(strings.NewReader("a,b\nc,d\ne,"), iotest.ErrReader(boom))
	r := table.NewCSV(in, table.CSVOptions{})
	var got []string
	var err error
	for range 10 {
		var rec table.Record
		rec, err = r.Read()
		if err != nil {
			break
		}
		got = append(got, rec.Raw)
	}
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want one wrapping %v", err, boom)
	}
	var re *dossier.RowError
	if errors.As(err, &re) {
		t.Errorf("read error reported as a row error: %v", err)
	}
	if want := []string{"a,b", "c,d"}; !reflect.DeepEqual(got, want) {
		t.Errorf("records before the error: %q, want %q", got, want)
	}
	if _, err2 := r.Read(); !errors.Is(err2, boom) {
		t.Errorf("next Read: %v, want the same error", err2)
	}
}

// TestCSVInputOffset checks that InputOffset counts the bytes of the
// underlying input (not the decoded text), grows, and ends at the size.
func TestCSVInputOffset(t *testing.T) {
	var b bytes.Buffer
	for i := range 20000 {
		fmt.Fprintf(&b, "%d,caf\xe9 number %d,\"x\ny\"\n", i, i) // Windows-1252: decoded text is longer
	}
	size := int64(b.Len())
	r := table.NewCSV(&b, table.CSVOptions{})
	last, n := int64(0), 0
	for {
		_, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		off := r.InputOffset()
		if off < last || off > size {
			t.Fatalf("record %d: InputOffset %d after %d (size %d)", n, off, last, size)
		}
		last = off
	}
	if n != 20000 || last != size {
		t.Errorf("records %d, final offset %d; want 20000, %d", n, last, size)
	}
}

// endlessCSV yields rows of about 1 KB without end.
type endlessCSV struct {
	row  []byte
	off  int
	rows int
}

func (e *endlessCSV) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if e.off == len(e.row) {
			e.off = 0
			e.rows++
		}
		c := copy(p[n:], e.row[e.off:])
		e.off += c
		n += c
	}
	return n, nil
}

// TestCSVBoundedMemory reads 100 MB of CSV and checks the heap does not
// grow with the input.
func TestCSVBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100 MB")
	}
	row := []byte(strings.Repeat("field,", 100) + "\"quoted\nline\"," + strings.Repeat("x", 300) + "\n")
	r := table.NewCSV(&endlessCSV{row: row}, table.CSVOptions{})
	var ms runtime.MemStats
	var peak uint64
	target := 100 << 20 / len(row)
	for i := 0; i < target; i++ {
		rec, err := r.Read()
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Fields) != 102 {
			t.Fatalf("record %d: %d fields", i, len(rec.Fields))
		}
		if i%20000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if peak > 16<<20 {
		t.Errorf("heap reached %d MB reading 100 MB; it should stay bounded", peak>>20)
	}
	t.Logf("peak live heap %d KB after %d MB read", peak>>10, r.InputOffset()>>20)
}
