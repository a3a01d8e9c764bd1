package table

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"dossier"
)

// maxColumns is the number of columns of an Excel worksheet (A…XFD).
const maxColumns = 16384

// sheetReader scans the rows of a worksheet's XML.
type sheetReader struct {
	sc      *xmlScanner
	shared  []string
	numbers NumberMode

	width  int // widest row so far
	row    int // number of the last row read
	inRow  bool
	done   bool
	intern map[string]string

	vbuf, tbuf []byte
}

func newSheetReader(r io.Reader, shared []string, numbers NumberMode) *sheetReader {
	return &sheetReader{
		sc:      newXMLScanner(r, 256<<10),
		shared:  shared,
		numbers: numbers,
		intern:  make(map[string]string),
	}
}

// sheetError is a structural fault of the sheet XML.
type sheetError struct {
	row int
	msg string
}

func (e *sheetError) Error() string {
	if e.row > 0 {
		return fmt.Sprintf("%s (near row %d)", e.msg, e.row)
	}
	return e.msg
}

// next returns the fields and number of the next row holding at least one
// non-empty cell, or io.EOF after the last. A cell that cannot be read
// gives a *dossier.RowError together with the row's other fields; the
// reader can go on. Any other error is a *sheetError or a read error and
// ends the scan.
func (s *sheetReader) next() ([]string, int, error) {
	for {
		if s.done {
			return nil, 0, io.EOF
		}
		if err := s.sc.next(); err != nil {
			return nil, 0, s.fault(err.Error())
		}
		sc := s.sc
		switch sc.kind {
		case tokEOF:
			// A sheet without </sheetData> is truncated; rows read so far
			// stand.
			s.done = true
			return nil, 0, s.fault("worksheet ends before </sheetData>")
		case tokEnd:
			if string(sc.name) == "sheetData" {
				s.done = true
				return nil, 0, io.EOF
			}
		case tokStart:
			if string(sc.name) == "sheetData" && sc.self {
				s.done = true // <sheetData/>: a sheet without rows
				return nil, 0, io.EOF
			}
			if string(sc.name) != "row" {
				continue
			}
			num := s.row + 1
			if v, ok := attr(sc.attrs, "r"); ok {
				if n, err := strconv.Atoi(string(v)); err == nil && n > 0 {
					num = n
				}
			}
			s.row = num
			if sc.self {
				continue // empty row
			}
			fields, rowErr, err := s.cells()
			if err != nil {
				return nil, 0, err
			}
			if len(fields) < s.width {
				// cells allocated s.width strings; those past len are "".
				fields = fields[:s.width]
			} else {
				s.width = len(fields)
			}
			if rowErr != nil {
				rowErr.Line = num
				return fields, num, rowErr
			}
			if !allEmpty(fields) {
				return fields, num, nil
			}
		}
	}
}

func (s *sheetReader) fault(msg string) error {
	return &sheetError{row: s.row, msg: msg}
}

func allEmpty(fields []string) bool {
	for _, f := range fields {
		if f != "" {
			return false
		}
	}
	return true
}

// cells reads the cells of the current row up to </row>.
func (s *sheetReader) cells() ([]string, *dossier.RowError, error) {
	fields := make([]string, 0, s.width)
	col := -1
	var rowErr *dossier.RowError
	for {
		if err := s.sc.next(); err != nil {
			return nil, nil, s.fault(err.Error())
		}
		sc := s.sc
		switch sc.kind {
		case tokEOF:
			return nil, nil, s.fault("worksheet ends inside a row")
		case tokEnd:
			switch string(sc.name) {
			case "row":
				return fields, rowErr, nil
			case "sheetData":
				return nil, nil, s.fault("</sheetData> inside a row")
			}
		case tokStart:
			switch string(sc.name) {
			case "row":
				return nil, nil, s.fault("<row> inside a row")
			case "c":
			default:
				continue
			}
			ref, hasRef, typ := cellAttrs(sc.attrs)
			c := col + 1
			if hasRef {
				if n, ok := columnIndex(ref); ok {
					c = n
				} else if n < 0 {
					if rowErr == nil {
						rowErr = &dossier.RowError{
							Column: string(ref), Value: string(ref),
							Reason: "cell reference beyond column XFD, the last column of a worksheet",
							Hint:   "re-save the workbook in Excel or export the sheet as CSV",
						}
					}
					c = maxColumns
				}
			}
			if c >= maxColumns {
				// Already reported, or cells run past XFD without references.
				if rowErr == nil {
					rowErr = &dossier.RowError{
						Reason: "row has more than 16,384 cells",
						Hint:   "re-save the workbook in Excel or export the sheet as CSV",
					}
				}
				if !sc.self {
					if err := s.skipCell(); err != nil {
						return nil, nil, err
					}
				}
				continue
			}
			var val string
			if !sc.self {
				v, cellErr, err := s.cell(cellTypeOf(typ))
				if err != nil {
					return nil, nil, err
				}
				if cellErr != nil && rowErr == nil {
					cellErr.Column = cellName(c, s.row)
					rowErr = cellErr
				}
				val = v
			}
			if c < cap(fields) {
				fields = fields[:max(len(fields), c+1)] // unused capacity is ""
			}
			for len(fields) <= c {
				fields = append(fields, "")
			}
			fields[c] = val
			col = c
		}
	}
}

// skipCell skips the content of a cell up to </c>.
func (s *sheetReader) skipCell() error {
	for {
		if err := s.sc.next(); err != nil {
			return s.fault(err.Error())
		}
		switch s.sc.kind {
		case tokEOF:
			return s.fault("worksheet ends inside a cell")
		case tokEnd:
			if string(s.sc.name) == "c" {
				return nil
			}
		}
	}
}

// cell reads a cell's content up to </c> and returns its text.
func (s *sheetReader) cell(typ cellType) (string, *dossier.RowError, error) {
	s.vbuf, s.tbuf = s.vbuf[:0], s.tbuf[:0]
	if s.quickValue() {
		return s.value(typ, false)
	}
	var inV, inT, hasIs, preserve bool
	rph, tStart := 0, 0
	for {
		if err := s.sc.next(); err != nil {
			return "", nil, s.fault(err.Error())
		}
		sc := s.sc
		switch sc.kind {
		case tokEOF:
			return "", nil, s.fault("worksheet ends inside a cell")
		case tokText:
			if inV {
				s.vbuf = appendText(s.vbuf, sc.text, sc.cdata)
			} else if inT && rph == 0 {
				s.tbuf = appendText(s.tbuf, sc.text, sc.cdata)
			}
		case tokStart:
			if sc.self {
				continue
			}
			switch string(sc.name) {
			case "v":
				inV = true
			case "is":
				hasIs = true
			case "t":
				inT, tStart = true, len(s.tbuf)
				v, ok := attr(sc.attrs, "xml:space")
				preserve = ok && string(v) == "preserve"
			case "rPh":
				rph++
			}
		case tokEnd:
			switch string(sc.name) {
			case "v":
				inV = false
			case "t":
				if inT && rph == 0 && !preserve {
					s.tbuf = trimRun(s.tbuf, tStart)
				}
				inT = false
			case "rPh":
				rph--
			case "c":
				return s.value(typ, hasIs)
			case "row", "sheetData":
				return "", nil, s.fault("</" + string(sc.name) + "> inside a cell")
			}
		}
	}
}

// quickValue handles the common cell content "<v>text</v></c>" without
// going through the tokenizer: when the buffered input holds exactly that,
// it puts the text in vbuf, consumes it and reports true.
func (s *sheetReader) quickValue() bool {
	sc := s.sc
	if !sc.need(16) { // "<v>" + one byte + "</v></c>" and some slack
		return false
	}
	b := sc.buf[sc.pos:sc.end]
	if len(b) < 3 || b[0] != '<' || b[1] != 'v' || b[2] != '>' {
		return false
	}
	i := bytes.IndexByte(b[3:], '<')
	if i < 0 {
		return false
	}
	rest := b[3+i:]
	if !bytes.HasPrefix(rest, []byte("</v></c>")) {
		return false
	}
	s.vbuf = appendText(s.vbuf, b[3:3+i], false)
	sc.pos += 3 + i + len("</v></c>")
	return true
}

// trimRun trims XML white space from both ends of b[start:], the text of
// one <t> element without xml:space="preserve", as Excel does. A run of
// white space only is kept: Excel shows it between rich-text runs.
func trimRun(b []byte, start int) []byte {
	run := b[start:]
	t := bytes.Trim(run, " \t\r\n")
	if len(t) == 0 || len(t) == len(run) {
		return b
	}
	n := copy(b[start:], t)
	return b[:start+n]
}

// value turns the collected text of a cell into its field.
func (s *sheetReader) value(typ cellType, hasIs bool) (string, *dossier.RowError, error) {
	v := s.vbuf
	switch typ {
	case typeShared:
		t := bytes.TrimSpace(v)
		if len(t) == 0 {
			return "", nil, nil
		}
		i, err := strconv.Atoi(string(t))
		if err != nil || i < 0 || i >= len(s.shared) {
			return "", &dossier.RowError{
				Value:  string(t),
				Reason: fmt.Sprintf("shared string %q does not exist (the workbook has %d)", t, len(s.shared)),
				Hint:   "the workbook is damaged; re-save it in Excel or export the sheet as CSV",
			}, nil
		}
		return s.shared[i], nil, nil
	case typeInline:
		if hasIs {
			return string(decodeXString(s.tbuf)), nil, nil
		}
		return string(decodeXString(v)), nil, nil
	case typeFormulaStr:
		return string(decodeXString(v)), nil, nil
	case typeBool:
		switch string(bytes.TrimSpace(v)) {
		case "1":
			return "TRUE", nil, nil
		case "0":
			return "FALSE", nil, nil
		}
		return string(v), nil, nil
	case typeNumber:
		if len(v) == 0 {
			if hasIs { // an inline string without t="inlineStr"
				return string(decodeXString(s.tbuf)), nil, nil
			}
			return "", nil, nil
		}
		if s.numbers == NumbersShortest {
			return s.number(v), nil, nil
		}
		return s.internStr(v), nil, nil
	}
	// "e" (an error such as #N/A), "d" (an ISO 8601 date) and unknown types:
	// the text as stored.
	return string(v), nil, nil
}

// cellAttrs returns the r and t attributes of a cell's start tag, in one
// pass over the attribute text (attr would need two).
func cellAttrs(attrs []byte) (ref []byte, hasRef bool, typ []byte) {
	for len(attrs) > 0 {
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			break
		}
		key := bytes.TrimSpace(attrs[:eq])
		rest := attrs[eq+1:]
		j := 0
		for j < len(rest) && isSpace(rest[j]) {
			j++
		}
		if j == len(rest) || (rest[j] != '"' && rest[j] != '\'') {
			break
		}
		end := bytes.IndexByte(rest[j+1:], rest[j])
		if end < 0 {
			break
		}
		val := rest[j+1 : j+1+end]
		switch string(localName(key)) {
		case "r":
			ref, hasRef = val, true
		case "t":
			typ = val
		}
		attrs = rest[j+1+end+1:]
	}
	return ref, hasRef, typ
}

// cellType is the t attribute of a cell.
type cellType uint8

const (
	typeNumber     cellType = iota // t="n" or no t
	typeShared                     // t="s": index into the shared strings
	typeInline                     // t="inlineStr": <is> holds the text
	typeFormulaStr                 // t="str": text result of a formula
	typeBool                       // t="b": 0 or 1
	typeOther                      // t="e" (#N/A…), t="d" (ISO 8601 date), unknown
)

func cellTypeOf(t []byte) cellType {
	switch string(t) {
	case "", "n":
		return typeNumber
	case "s":
		return typeShared
	case "inlineStr":
		return typeInline
	case "str":
		return typeFormulaStr
	case "b":
		return typeBool
	}
	return typeOther
}

// number returns the canonical text of the numeric cell value v.
func (s *sheetReader) number(v []byte) string {
	if canonicalInt(v) {
		return s.internStr(v)
	}
	if !isDecimal(v) {
		return string(v)
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil {
		return string(v)
	}
	return formatNumber(f)
}

// internStr returns v as a string, sharing the memory of short values
// that repeat (codes such as "0", "1", "-99").
func (s *sheetReader) internStr(v []byte) string {
	if len(v) > 8 {
		return string(v)
	}
	if str, ok := s.intern[string(v)]; ok {
		return str
	}
	str := string(v)
	if len(s.intern) < 4096 {
		s.intern[str] = str
	}
	return str
}

// columnIndex returns the 0-based column of a cell reference such as
// "B2" or "$AB$12". It reports false, and n < 0, for a column past XFD;
// false and n = 0 for a reference without letters.
func columnIndex(ref []byte) (n int, ok bool) {
	i := 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	letters := 0
	for ; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a') + 1
		default:
			if letters == 0 {
				return 0, false
			}
			return n - 1, true
		}
		letters++
		if n > maxColumns {
			return -1, false
		}
	}
	if letters == 0 {
		return 0, false
	}
	return n - 1, true
}

// cellName returns the A1-style name of 0-based column col in row.
func cellName(col, row int) string {
	return columnName(col) + strconv.Itoa(row)
}

// columnName returns the letters of 0-based column col: 0 → "A", 26 → "AA".
func columnName(col int) string {
	var b [8]byte
	i := len(b)
	for col >= 0 && i > 0 {
		i--
		b[i] = byte('A' + col%26)
		col = col/26 - 1
	}
	return string(b[i:])
}
