package table

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"dossier"
)

// Record is one record of a table.
type Record struct {
	// Fields are the record's fields. Records may have different numbers
	// of fields; the slice belongs to the caller.
	Fields []string
	// Raw is the record's exact text. For CSV it is the bytes of the record
	// after decoding to UTF-8, embedded line breaks included, without the
	// line ending that closes it. For XLSX it is the row's cells written as
	// one CSV record by encoding/csv's Writer, without a line ending.
	Raw string
	// Line is the 1-based line where the record starts (CSV) or the sheet
	// row number (XLSX).
	Line int
}

// CSVOptions configures a CSV reader. The zero value reads RFC 4180 CSV
// separated by commas, in UTF-8 or Windows-1252.
type CSVOptions struct {
	// Comma is the field separator; 0 means ','. GDELT files use '\t'.
	Comma rune
	// LazyQuotes allows a quote inside an unquoted field and a bare quote
	// inside a quoted field, as in encoding/csv: for files quoted
	// carelessly. For files that never quote, NoQuotes is safer.
	LazyQuotes bool
	// NoQuotes gives quotes no meaning at all: each line is one record,
	// split at every Comma, as tab-separated exports that never quote
	// (GDELT) are meant to be read. Even with LazyQuotes, encoding/csv
	// treats a field that starts with a quote as quoted, which would join
	// lines if such a field ever appeared. Empty lines are skipped, and
	// no record is ever malformed.
	NoQuotes bool
	// Encoding is the text encoding of the input: "auto" (the default when
	// empty), "utf-8" or "windows-1252" (aliases "cp1252", "latin1",
	// "iso-8859-1"). "auto" passes valid UTF-8 through and decodes any byte
	// that is not part of a valid UTF-8 sequence as Windows-1252 (older GTD
	// releases are Windows-1252); input starting with a UTF-16 byte order
	// mark (Excel's "Unicode text") is decoded as UTF-16. "utf-8" replaces
	// invalid bytes with U+FFFD. A leading UTF-8 byte order mark is dropped
	// in every mode.
	Encoding string
}

// DefaultComma is the separator used when CSVOptions.Comma is 0.
const DefaultComma = ','

// decodeChunk is how many input bytes are read and decoded at a time.
const decodeChunk = 64 << 10

// CSV reads records from delimited text. Fields follow encoding/csv
// (RFC 4180, any number of fields per record, empty lines skipped); each
// record also carries its raw text and starting line. Create one with
// NewCSV.
type CSV struct {
	cr   *csv.Reader
	err  error // sticky: bad options, read error
	mode decodeMode

	src     io.Reader // the input, after any UTF-16 transform
	counted int64     // bytes read from the caller's reader
	orig    io.Reader // the caller's reader
	started bool

	in       []byte // undecoded input in[inR:inW]
	inR, inW int
	inEOF    bool
	readErr  error // read error of the input, given after the bytes before it

	// win holds decoded text from offset winBase on. Bytes up to served
	// have been handed to the csv.Reader; bytes before prevEnd belong to
	// records already returned and may be dropped.
	win     []byte
	winBase int64
	served  int64
	decEOF  bool

	prevEnd  int64 // decoded offset where the previous record ended
	nextLine int   // line number of the first line at prevEnd
	comma    rune
	noQuotes bool
}

// NewCSV returns a reader of the delimited text in r. Invalid options are
// reported by the first Read.
func NewCSV(r io.Reader, opts CSVOptions) *CSV {
	c := &CSV{orig: r, nextLine: 1, comma: opts.Comma, noQuotes: opts.NoQuotes}
	if c.comma == 0 {
		c.comma = DefaultComma
	}
	mode, err := parseEncoding(opts.Encoding)
	c.mode = mode
	c.err = err
	if c.err == nil && !validComma(c.comma) {
		c.err = &dossier.Error{
			Code:    dossier.EInvalid,
			Message: fmt.Sprintf("invalid field separator %q", c.comma),
			Hint:    `use a separator such as ',' or '\t'; quotes, line breaks and invalid runes cannot separate fields`,
		}
	}
	c.cr = csv.NewReader(feed{c})
	c.cr.Comma = c.comma
	c.cr.LazyQuotes = opts.LazyQuotes
	c.cr.FieldsPerRecord = -1
	return c
}

func validComma(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && utf8.ValidRune(r) && r != utf8.RuneError
}

// InputOffset returns how many bytes of the underlying input have been
// consumed so far, for progress reports. The reader reads ahead, so the
// figure runs up to 64 KiB ahead of the last record returned.
func (c *CSV) InputOffset() int64 { return c.counted }

// Read returns the next record, or io.EOF after the last one.
//
// A malformed record (such as a stray quote) gives a *dossier.RowError that
// names the line and column, together with a Record whose Raw and Line hold
// the malformed text and whose Fields are nil; the next call to Read
// continues after it, so the caller may skip it. Note that an unclosed quote
// makes the rest of the input one malformed record, as in encoding/csv.
// Read errors of the underlying reader and invalid options are returned
// again by every later call.
func (c *CSV) Read() (Record, error) {
	if c.err != nil {
		return Record{}, c.err
	}
	if c.noQuotes {
		return c.readLine()
	}
	fields, err := c.cr.Read()
	if err == io.EOF {
		return Record{}, io.EOF
	}
	var pe *csv.ParseError
	if err != nil && !errors.As(err, &pe) {
		if c.err == nil {
			c.err = err
		}
		return Record{}, c.err
	}
	if c.err != nil { // a read error surfaced together with a final record
		return Record{}, c.err
	}
	start := 0
	if pe != nil {
		start = pe.StartLine
	} else {
		start, _ = c.cr.FieldPos(0)
	}
	end := c.cr.InputOffset()
	seg := c.win[c.prevEnd-c.winBase : end-c.winBase]
	lines := bytes.Count(seg, nl)
	// Drop the empty lines csv.Reader skipped before the record.
	for skip := start - c.nextLine; skip > 0; skip-- {
		i := bytes.IndexByte(seg, '\n')
		if i < 0 {
			break
		}
		seg = seg[i+1:]
	}
	c.nextLine += lines
	c.prevEnd = end
	rec := Record{Raw: string(trimLineEnd(seg)), Line: start}
	if pe != nil {
		return rec, parseError(pe, rec, c.comma)
	}
	rec.Fields = fields
	return rec, nil
}

var nl = []byte{'\n'}

// readLine reads a record in NoQuotes mode: the next non-empty line, split
// at the separator. The window is used directly, without csv.Reader.
func (c *CSV) readLine() (Record, error) {
	for {
		rest := c.win[c.prevEnd-c.winBase:]
		i := bytes.IndexByte(rest, '\n')
		if i < 0 && !c.decEOF {
			if err := c.fill(); err != nil {
				c.err = err
				return Record{}, err
			}
			continue
		}
		if i < 0 {
			if len(rest) == 0 {
				return Record{}, io.EOF
			}
			i = len(rest) - 1 // last line, without a line ending
		}
		line := trimLineEnd(rest[:i+1])
		c.prevEnd += int64(i + 1)
		n := c.nextLine
		c.nextLine++
		if len(line) == 0 {
			continue
		}
		raw := string(line)
		return Record{Fields: strings.Split(raw, string(c.comma)), Raw: raw, Line: n}, nil
	}
}

// trimLineEnd removes one line ending: "\r\n", "\n", or a "\r" that
// encoding/csv drops at the end of the input.
func trimLineEnd(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}

// parseError turns an encoding/csv parse error into a RowError.
func parseError(pe *csv.ParseError, rec Record, comma rune) *dossier.RowError {
	e := &dossier.RowError{Line: rec.Line, Raw: rec.Raw}
	field := fieldAt(rec.Raw, comma, pe.Line-pe.StartLine, pe.Column)
	where := fmt.Sprintf("at line %d, column %d (field %d)", pe.Line, pe.Column, field)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		e.Reason = `bare " in an unquoted field ` + where
		e.Hint = `enclose the field in double quotes and double each quote inside it (""); if the file is never quoted (GDELT), read it with lazy quotes`
	case errors.Is(pe.Err, csv.ErrQuote):
		e.Reason = `stray or missing " in a quoted field ` + where
		e.Hint = `a quoted field must end with " followed by the separator or the end of the line, and each quote inside it must be doubled (""); if the record runs over many lines, a quote is probably left open`
	default:
		e.Reason = pe.Err.Error() + " " + where
		e.Hint = "check the record's quoting and separators"
	}
	return e
}

// fieldAt returns the 1-based number of the field holding byte column col
// (1-based) of the line'th line (0-based) of the record text raw.
func fieldAt(raw string, comma rune, line, col int) int {
	pos := 0
	for ; line > 0; line-- {
		i := indexByteFrom(raw, '\n', pos)
		if i < 0 {
			break
		}
		pos = i + 1
	}
	pos += col - 1
	if pos > len(raw) {
		pos = len(raw)
	}
	if pos < 0 {
		pos = 0
	}
	field, atStart, quoted := 1, true, false
	for i := 0; i < pos; {
		r, size := utf8.DecodeRuneInString(raw[i:])
		switch {
		case quoted:
			if r == '"' {
				if i+1 < len(raw) && raw[i+1] == '"' {
					size = 2
				} else {
					quoted = false
				}
			}
		case r == comma:
			field++
			atStart = true
			i += size
			continue
		case r == '"' && atStart:
			quoted = true
		}
		atStart = false
		i += size
	}
	return field
}

func indexByteFrom(s string, b byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == b {
			return i
		}
	}
	return -1
}

// feed is the io.Reader the csv.Reader reads from: the decoded input,
// recorded in the window as it is handed out.
type feed struct{ c *CSV }

func (f feed) Read(p []byte) (int, error) {
	c := f.c
	for {
		if off := c.served - c.winBase; off < int64(len(c.win)) {
			n := copy(p, c.win[off:])
			c.served += int64(n)
			return n, nil
		}
		if c.decEOF {
			return 0, io.EOF
		}
		if err := c.fill(); err != nil {
			c.err = err
			return 0, err
		}
	}
}

// counter counts the bytes read from the caller's reader.
type counter struct{ c *CSV }

func (r counter) Read(p []byte) (int, error) {
	n, err := r.c.orig.Read(p)
	r.c.counted += int64(n)
	return n, err
}

// fill reads and decodes more input into the window.
func (c *CSV) fill() error {
	if !c.started {
		c.started = true
		c.src = counter{c}
		c.in = make([]byte, decodeChunk)
		if err := c.sniffBOM(); err != nil {
			return err
		}
	}
	// Drop what returned records no longer need, when that frees at least
	// half the window: the copy is then amortised over many records.
	if drop := c.prevEnd - c.winBase; drop > 0 && drop >= int64(len(c.win))/2 {
		c.win = c.win[:copy(c.win, c.win[drop:])]
		c.winBase = c.prevEnd
	}
	for {
		if !c.inEOF && c.readErr == nil && c.inW < len(c.in) {
			n, err := c.src.Read(c.in[c.inW:])
			c.inW += n
			if err == io.EOF {
				c.inEOF = true
			} else if err != nil {
				c.readErr = err // given once the bytes read before it are used
			}
		}
		before := len(c.win)
		var used int
		c.win, used = decode(c.win, c.in[c.inR:c.inW], c.mode, c.inEOF)
		c.inR += used
		if c.inR == c.inW || c.inR > len(c.in)/2 {
			c.inW = copy(c.in, c.in[c.inR:c.inW])
			c.inR = 0
		}
		if len(c.win) > before {
			return nil
		}
		if c.readErr != nil {
			return readError(c.readErr)
		}
		if c.inEOF {
			c.decEOF = true
			return nil
		}
	}
}

// sniffBOM drops a UTF-8 byte order mark and, in auto mode, switches to a
// UTF-16 decoder when the input starts with a UTF-16 byte order mark.
func (c *CSV) sniffBOM() error {
	for c.inW < 3 && !c.inEOF && c.readErr == nil {
		n, err := c.src.Read(c.in[c.inW:])
		c.inW += n
		if err == io.EOF {
			c.inEOF = true
		} else if err != nil {
			c.readErr = err
		}
	}
	head := c.in[:c.inW]
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		c.inR = 3
	case c.mode == modeAuto && (bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF"))):
		pending := bytes.Clone(head)
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		var rest io.Reader = c.src
		if c.readErr != nil {
			rest = iotestErr{c.readErr}
		}
		c.src = transform.NewReader(io.MultiReader(bytes.NewReader(pending), rest), dec)
		c.inR, c.inW, c.inEOF, c.readErr = 0, 0, false, nil
		c.mode = modeUTF8
	}
	return nil
}

// iotestErr is a reader that fails with err.
type iotestErr struct{ err error }

func (r iotestErr) Read([]byte) (int, error) { return 0, r.err }

func readError(err error) error {
	return &dossier.Error{
		Code:    dossier.EInternal,
		Message: "cannot read the input: " + err.Error(),
		Err:     err,
	}
}
