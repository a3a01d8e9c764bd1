package table

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"dossier"
)

// XLSXOptions configures an XLSX reader.
type XLSXOptions struct {
	// Numbers says how numeric cells become text; the zero value is
	// NumbersShortest.
	Numbers NumberMode
}

// XLSX reads the rows of the first worksheet of an Excel workbook
// (Office Open XML, .xlsx), streaming the sheet's XML: memory holds the
// shared-string table and one row, whatever the number of rows.
//
// Each row becomes a Record whose Fields line up with columns A, B, C…
// (missing cells are ""; a row shorter than the widest row so far is
// padded with ""). Rows without any non-empty cell are skipped. Shared and
// inline strings are returned with rich-text runs concatenated (phonetic
// runs left out), XML references and Excel's _xHHHH_ escapes decoded, and
// leading and trailing white space trimmed from text runs not marked
// xml:space="preserve", as Excel does. Numeric cells follow
// XLSXOptions.Numbers; dates stored as numbers stay serial day numbers
// ("44212"), since the reader does not interpret cell styles. Booleans
// read "TRUE" and "FALSE"; errors ("#N/A") and formula text results read
// as stored.
type XLSX struct {
	f        *os.File // nil when the caller owns the input
	sheet    io.ReadCloser
	pf       *prefetch // inflates sheet ahead of the scanner
	name     string
	total    int64
	sr       *sheetReader
	err      error
	raw      bytes.Buffer
	rawW     *csv.Writer
	date1904 bool
}

// OpenXLSX opens the workbook at path for reading its first worksheet (by
// workbook order). It returns a *dossier.Error with code EInvalid when the
// file is not an XLSX workbook (for example a CSV, a legacy .xls or an
// OpenDocument file), is encrypted, or has no worksheet, and one with code
// ENotFound when the file does not exist.
func OpenXLSX(path string) (*XLSX, error) {
	return OpenXLSXOptions(path, XLSXOptions{})
}

// OpenXLSXOptions is OpenXLSX with options.
func OpenXLSXOptions(name string, opts XLSXOptions) (*XLSX, error) {
	f, err := os.Open(name)
	if err != nil {
		code := dossier.EInvalid
		if errors.Is(err, fs.ErrNotExist) {
			code = dossier.ENotFound
		}
		return nil, &dossier.Error{Code: code, Message: "cannot open " + name, Hint: "check the path", Err: err}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &dossier.Error{Code: dossier.EInvalid, Message: "cannot read " + name, Err: err}
	}
	x, err := newXLSX(f, st.Size(), name, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	x.f = f
	return x, nil
}

// NewXLSX reads the first worksheet of the workbook held by r, of size
// bytes. Errors are those of OpenXLSX. Closing the XLSX does not close r.
func NewXLSX(r io.ReaderAt, size int64, opts XLSXOptions) (*XLSX, error) {
	return newXLSX(r, size, "the workbook", opts)
}

// cfbMagic starts OLE compound files: legacy .xls workbooks, and .xlsx
// workbooks saved with a password (Excel encrypts the whole package).
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func newXLSX(r io.ReaderAt, size int64, name string, opts XLSXOptions) (*XLSX, error) {
	invalid := func(msg, hint string, err error) error {
		return &dossier.Error{Code: dossier.EInvalid, Message: name + ": " + msg, Hint: hint, Err: err}
	}
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	if bytes.Equal(head, cfbMagic) {
		if cfbEncrypted(r, size) {
			return nil, invalid("the workbook is encrypted (password-protected)",
				"open it in Excel, remove the password (File > Info > Protect Workbook) and save it again, or export the sheet as CSV", nil)
		}
		return nil, invalid("this is a legacy Excel 97–2003 (.xls) workbook, not an XLSX file",
			"open it in Excel or LibreOffice and save it as .xlsx or CSV", nil)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, invalid("not an XLSX workbook (not a zip archive)",
			"give an .xlsx file, or read CSV files with the CSV reader", err)
	}
	pkg := newPackage(zr)
	if mt := pkg.file("mimetype"); mt != nil {
		if b, err := pkg.read(mt, 256); err == nil && strings.Contains(string(b), "opendocument") {
			return nil, invalid("this is an OpenDocument spreadsheet, not an XLSX workbook",
				"save it as .xlsx or CSV", nil)
		}
	}
	wbPath := pkg.officeDocument()
	wbFile := pkg.file(wbPath)
	if wbFile == nil {
		return nil, invalid("zip archive without an Excel workbook (no "+wbPath+")",
			"give an .xlsx workbook saved by a spreadsheet program", nil)
	}
	wb, err := pkg.read(wbFile, 64<<20)
	if err != nil {
		return nil, invalid("cannot read "+wbPath, "the workbook is damaged; save it again", err)
	}
	sheets, date1904, err := parseWorkbook(wb)
	if err != nil {
		return nil, invalid("cannot parse "+wbPath, "the workbook is damaged; save it again", err)
	}
	rels, err := pkg.rels(wbPath)
	if err != nil {
		return nil, invalid("cannot parse the relationships of "+wbPath, "the workbook is damaged; save it again", err)
	}
	var sheetPath, sheetName string
	for _, sh := range sheets {
		rel, ok := rels[sh.rid]
		if ok && strings.HasSuffix(rel.typ, "/worksheet") {
			sheetPath, sheetName = rel.target, sh.name
			break
		}
	}
	if sheetPath == "" {
		return nil, invalid("the workbook has no worksheet", "add the data to a worksheet, or export it as CSV", nil)
	}
	sheetFile := pkg.file(sheetPath)
	if sheetFile == nil {
		return nil, invalid("worksheet "+sheetName+" is missing from the package ("+sheetPath+")",
			"the workbook is damaged; save it again", nil)
	}
	var shared []string
	ssPath := ""
	for _, rel := range rels {
		if strings.HasSuffix(rel.typ, "/sharedStrings") {
			ssPath = rel.target
		}
	}
	if ssPath == "" {
		ssPath = path.Join(path.Dir(wbPath), "sharedStrings.xml")
	}
	if ssf := pkg.file(ssPath); ssf != nil {
		if shared, err = loadSharedStrings(ssf); err != nil {
			return nil, invalid("cannot read the shared strings ("+ssPath+")",
				"the workbook is damaged; save it again", err)
		}
	}
	rc, err := sheetFile.Open()
	if err != nil {
		return nil, invalid("cannot open worksheet "+sheetName, "the workbook is damaged; save it again", err)
	}
	pf := newPrefetch(rc, 256<<10, 4)
	x := &XLSX{
		sheet:    rc,
		pf:       pf,
		name:     sheetName,
		total:    int64(sheetFile.UncompressedSize64),
		sr:       newSheetReader(pf, shared, opts.Numbers),
		date1904: date1904,
	}
	x.rawW = csv.NewWriter(&x.raw)
	return x, nil
}

// SheetName returns the name of the worksheet being read.
func (x *XLSX) SheetName() string { return x.name }

// Date1904 reports whether the workbook counts dates from 1904 rather
// than 1900, for interpreting serial day numbers.
func (x *XLSX) Date1904() bool { return x.date1904 }

// Read returns the next non-empty row, or io.EOF after the last.
//
// A cell that cannot be read (a shared-string index out of range, a
// reference past column XFD) gives a *dossier.RowError naming the row and
// cell, together with the row's Record; the next Read continues with the
// next row. A damaged sheet (malformed or truncated XML, a bad zip entry)
// gives a *dossier.Error with code EInvalid, returned again by every
// later call.
func (x *XLSX) Read() (Record, error) {
	if x.err != nil {
		return Record{}, x.err
	}
	fields, row, err := x.sr.next()
	if err == io.EOF {
		x.err = io.EOF
		return Record{}, io.EOF
	}
	var rowErr *dossier.RowError
	if err != nil && !errors.As(err, &rowErr) {
		x.err = &dossier.Error{
			Code:    dossier.EInvalid,
			Message: fmt.Sprintf("worksheet %s is damaged: %v", x.name, err),
			Hint:    "open the workbook in Excel and save it again, or export the sheet as CSV",
			Err:     err,
		}
		return Record{}, x.err
	}
	rec := Record{Fields: fields, Raw: x.csvText(fields), Line: row}
	if rowErr != nil {
		rowErr.Raw = rec.Raw
		return rec, rowErr
	}
	return rec, nil
}

// csvText writes fields as one CSV record without a line ending.
func (x *XLSX) csvText(fields []string) string {
	x.raw.Reset()
	x.rawW.Write(fields) // only fails for an invalid Comma
	x.rawW.Flush()
	return string(bytes.TrimSuffix(x.raw.Bytes(), []byte{'\n'}))
}

// Progress returns how many bytes of the worksheet's XML have been read
// and the XML's total size (uncompressed), for progress bars.
// After the last row, done equals total: what follows the rows (merged
// cells, page setup) is not read.
func (x *XLSX) Progress() (done, total int64) {
	if x.err == io.EOF {
		return x.total, x.total
	}
	return min(x.sr.sc.n, x.total), x.total
}

// Close releases the workbook and stops the goroutine that inflates the
// sheet ahead of Read; call it when done, even after an error. It closes
// the file when the XLSX was made by OpenXLSX.
func (x *XLSX) Close() error {
	x.pf.close()
	err := x.sheet.Close()
	if x.f != nil {
		if cerr := x.f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// cfbEncrypted reports whether the compound file r holds an encrypted
// OOXML package: such files have streams named EncryptionInfo and
// EncryptedPackage, whose UTF-16 names appear in the directory. The
// directory's first sector (named in the header) and the file's first
// 64 KiB are searched.
func cfbEncrypted(r io.ReaderAt, size int64) bool {
	utf16 := func(s string) []byte {
		out := make([]byte, 0, 2*len(s))
		for _, c := range []byte(s) {
			out = append(out, c, 0)
		}
		return out
	}
	found := func(off, n int64) bool {
		if off < 0 || off >= size {
			return false
		}
		b := make([]byte, min(n, size-off))
		m, _ := r.ReadAt(b, off)
		return bytes.Contains(b[:m], utf16("EncryptionInfo")) || bytes.Contains(b[:m], utf16("EncryptedPackage"))
	}
	head := make([]byte, 0x34)
	if n, _ := r.ReadAt(head, 0); n == len(head) {
		shift := binary.LittleEndian.Uint16(head[0x1E:])
		dir := binary.LittleEndian.Uint32(head[0x30:])
		if shift >= 7 && shift <= 16 && dir < 0xFFFFFFFA {
			sector := int64(1) << shift
			if found((int64(dir)+1)*sector, 4*sector) {
				return true
			}
		}
	}
	return found(0, 64<<10)
}

// opcPackage gives access to the parts of a zip package by name, ignoring
// case and a leading slash, as the Open Packaging Conventions do.
type opcPackage struct {
	files map[string]*zip.File
}

func newPackage(zr *zip.Reader) *opcPackage {
	p := &opcPackage{files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		p.files[partKey(f.Name)] = f
	}
	return p
}

func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

func (p *opcPackage) file(name string) *zip.File { return p.files[partKey(name)] }

// read returns the content of f, refusing parts larger than limit.
func (p *opcPackage) read(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", f.Name, limit)
	}
	return b, nil
}

// officeDocument returns the part name of the workbook: the target of the
// package's officeDocument relationship, or xl/workbook.xml.
func (p *opcPackage) officeDocument() string {
	rels, err := p.rels("")
	if err == nil {
		for _, rel := range rels {
			if strings.HasSuffix(rel.typ, "/officeDocument") && p.file(rel.target) != nil {
				return rel.target
			}
		}
	}
	return "xl/workbook.xml"
}

type relationship struct {
	typ    string
	target string // part name, resolved against the source part
}

// rels reads the relationships of the part named source ("" for the
// package), keyed by id. A missing relationships part gives no
// relationships.
func (p *opcPackage) rels(source string) (map[string]relationship, error) {
	dir, base := path.Split(source)
	relsName := path.Join(dir, "_rels", base+".rels")
	f := p.file(relsName)
	if f == nil {
		return map[string]relationship{}, nil
	}
	b, err := p.read(f, 16<<20)
	if err != nil {
		return nil, err
	}
	out := make(map[string]relationship)
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		var id, typ, target, mode string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				id = a.Value
			case "Type":
				typ = a.Value
			case "Target":
				target = a.Value
			case "TargetMode":
				mode = a.Value
			}
		}
		if mode == "External" {
			continue
		}
		target = strings.ReplaceAll(target, `\`, "/")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		out[id] = relationship{typ: typ, target: target}
	}
}

type sheetEntry struct{ name, rid string }

// parseWorkbook returns the workbook's sheets in order and its date1904
// setting.
func parseWorkbook(b []byte) ([]sheetEntry, bool, error) {
	var sheets []sheetEntry
	date1904 := false
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return sheets, date1904, nil
		}
		if err != nil {
			return nil, false, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			for _, a := range se.Attr {
				if a.Name.Local == "date1904" {
					date1904 = a.Value == "1" || a.Value == "true"
				}
			}
		case "sheet":
			var s sheetEntry
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name":
					s.name = a.Value
				case a.Name.Local == "id" && a.Name.Space != "":
					s.rid = a.Value
				}
			}
			sheets = append(sheets, s)
		}
	}
}

// loadSharedStrings reads the shared-string table: one string per <si>,
// its <t> runs concatenated, phonetic runs (<rPh>) left out.
func loadSharedStrings(f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return readSharedStrings(rc, int64(f.UncompressedSize64))
}

func readSharedStrings(r io.Reader, size int64) ([]string, error) {
	sc := newXMLScanner(r, 256<<10)
	var out []string
	var buf []byte
	inSI, inT, preserve, closed := false, false, false, false
	rph, tStart := 0, 0
	for {
		if err := sc.next(); err != nil {
			return nil, err
		}
		switch sc.kind {
		case tokEOF:
			if !closed {
				return nil, errors.New("the shared strings end before </sst>")
			}
			return out, nil
		case tokStart:
			switch string(sc.name) {
			case "sst":
				closed = sc.self
				if v, ok := attr(sc.attrs, "uniqueCount"); ok && out == nil {
					// Trust the count only as far as the part's size allows:
					// each <si> takes at least 9 bytes.
					var n int64
					fmt.Sscan(string(v), &n)
					if n > 0 && n <= size/9+1 {
						out = make([]string, 0, n)
					}
				}
			case "si":
				if sc.self {
					out = append(out, "")
					continue
				}
				inSI, buf = true, buf[:0]
			case "t":
				if !sc.self && inSI {
					inT, tStart = true, len(buf)
					v, ok := attr(sc.attrs, "xml:space")
					preserve = ok && string(v) == "preserve"
				}
			case "rPh":
				if !sc.self {
					rph++
				}
			}
		case tokEnd:
			switch string(sc.name) {
			case "sst":
				closed = true
			case "si":
				if inSI {
					out = append(out, string(decodeXString(buf)))
				}
				inSI, inT, rph = false, false, 0
			case "t":
				if inT && rph == 0 && !preserve {
					buf = trimRun(buf, tStart)
				}
				inT = false
			case "rPh":
				if rph > 0 {
					rph--
				}
			}
		case tokText:
			if inT && rph == 0 {
				buf = appendText(buf, sc.text, sc.cdata)
			}
		}
	}
}
