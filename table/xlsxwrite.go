package table

import (
	"archive/zip"
	"bufio"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WriteXLSX writes a minimal XLSX workbook to w: one worksheet, Sheet1,
// whose first row is header and whose next rows are those rows yields.
// It exists to build test and benchmark inputs without checking files in,
// and to hand data to spreadsheet users.
//
// Empty strings become missing cells. A string that is its own canonical
// number (NormalizeNumber(s) == s, such as "42" or "-0.5") becomes a
// numeric cell; every other string becomes a shared string, with XML
// special characters escaped, characters XML cannot hold (control
// characters, carriage returns) written as Excel's _xHHHH_ escapes, and
// xml:space="preserve" where white space surrounds the text. Reading the
// file back with OpenXLSX gives the same fields, except that rows of empty
// strings are skipped, rows are padded to the widest row so far, and
// invalid UTF-8 becomes U+FFFD. Rows must have at most 16,384 fields.
func WriteXLSX(w io.Writer, header []string, rows iter.Seq[[]string]) error {
	zw := zip.NewWriter(w)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", xlsxContentTypes},
		{"_rels/.rels", xlsxRootRels},
		{"xl/workbook.xml", xlsxWorkbook},
		{"xl/_rels/workbook.xml.rels", xlsxWorkbookRels},
	} {
		pw, err := zw.Create(part.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(pw, part.body); err != nil {
			return err
		}
	}
	pw, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	sw := &sheetWriter{w: bufio.NewWriterSize(pw, 64<<10), index: make(map[string]int)}
	sw.w.WriteString(xml1 + `<worksheet xmlns="` + nsMain + `"><sheetData>`)
	sw.row(header)
	if rows != nil {
		for fields := range rows {
			sw.row(fields)
		}
	}
	sw.w.WriteString(`</sheetData></worksheet>`)
	if err := sw.w.Flush(); err != nil {
		return err
	}
	pw, err = zw.Create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(pw, 64<<10)
	bw.WriteString(xml1 + `<sst xmlns="` + nsMain + `" uniqueCount="` + strconv.Itoa(len(sw.strs)) + `">`)
	for _, s := range sw.strs {
		writeSI(bw, s)
	}
	bw.WriteString(`</sst>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

const (
	xml1   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

	xlsxContentTypes = xml1 + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`</Types>`
	xlsxRootRels = xml1 + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	xlsxWorkbook = xml1 + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	xlsxWorkbookRels = xml1 + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
)

type sheetWriter struct {
	w     *bufio.Writer
	n     int // rows written
	index map[string]int
	strs  []string
	num   []byte
}

func (sw *sheetWriter) row(fields []string) {
	sw.n++
	rn := strconv.Itoa(sw.n)
	sw.w.WriteString(`<row r="` + rn + `">`)
	for i, f := range fields {
		if f == "" || i >= maxColumns {
			continue
		}
		sw.w.WriteString(`<c r="`)
		sw.w.WriteString(columnName(i))
		sw.w.WriteString(rn)
		if isDecimal(f) && NormalizeNumber(f) == f {
			sw.w.WriteString(`"><v>`)
			sw.w.WriteString(f)
			sw.w.WriteString(`</v></c>`)
			continue
		}
		if !utf8.ValidString(f) {
			f = strings.ToValidUTF8(f, "\uFFFD")
		}
		idx, ok := sw.index[f]
		if !ok {
			idx = len(sw.strs)
			sw.index[f] = idx
			sw.strs = append(sw.strs, f)
		}
		sw.w.WriteString(`" t="s"><v>`)
		sw.num = strconv.AppendInt(sw.num[:0], int64(idx), 10)
		sw.w.Write(sw.num)
		sw.w.WriteString(`</v></c>`)
	}
	sw.w.WriteString(`</row>`)
}

// writeSI writes one shared string item.
func writeSI(w *bufio.Writer, s string) {
	if s != strings.Trim(s, " \t\r\n") {
		w.WriteString(`<si><t xml:space="preserve">`)
	} else {
		w.WriteString(`<si><t>`)
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '&':
			w.WriteString("&amp;")
		case c == '<':
			w.WriteString("&lt;")
		case c == '>':
			w.WriteString("&gt;")
		case c == '_' && isXEscape(s[i:]):
			w.WriteString("_x005F_") // keep a literal "_xHHHH_" from being decoded
		case c < 0x20 && c != '\t' && c != '\n':
			w.WriteString("_x00")
			w.WriteByte("0123456789ABCDEF"[c>>4])
			w.WriteByte("0123456789ABCDEF"[c&15])
			w.WriteByte('_')
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == 0xFFFE || r == 0xFFFF { // not XML characters
				w.WriteString("_x")
				w.WriteString(strconv.FormatInt(int64(r), 16))
				w.WriteByte('_')
			} else {
				w.WriteString(s[i : i+size])
			}
			i += size
			continue
		default:
			w.WriteByte(c)
		}
		i++
	}
	w.WriteString(`</t></si>`)
}

func isXEscape(s string) bool {
	_, ok := xEscape([]byte(s[:min(len(s), 7)]))
	return ok
}
