package table

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of an XML token.
type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

// maxToken bounds the size of one XML token (a tag or a text run), so
// that malformed input cannot make the scanner buffer without end. Excel
// cells hold at most 32,767 characters.
const maxToken = 16 << 20

var (
	errUnexpectedEOF = errors.New("unexpected end of XML")
	errTokenTooLarge = errors.New("XML token larger than 16 MiB")
	errBadTag        = errors.New("malformed XML tag")
)

// xmlScanner is a small, fast, non-validating XML tokenizer for the parts of
// an XLSX package that may be large (worksheets and the shared-string
// table). It reports start tags (local name and raw attribute text), end
// tags and raw text, and skips comments, processing instructions and
// declarations. It does not check that tags nest. The slices it returns
// are valid until the next call of next.
type xmlScanner struct {
	r    io.Reader
	buf  []byte
	pos  int
	end  int
	eof  bool
	rerr error
	n    int64 // bytes read from r

	kind  tokKind
	name  []byte // local name of a start or end tag
	attrs []byte // raw attribute text of a start tag
	self  bool   // start tag is self-closing
	text  []byte // raw text (entities not decoded)
	cdata bool   // text is a CDATA section: no entities to decode
}

func newXMLScanner(r io.Reader, size int) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, size)}
}

// more reads more input, keeping buf[pos:end]. It reports false at the
// end of the input or on a read error (kept in rerr).
func (s *xmlScanner) more() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			s.rerr = errTokenTooLarge
			s.eof = true
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		s.n += int64(n)
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.eof = true
	s.rerr = io.ErrNoProgress
	return false
}

// fail ends scanning with err (or the pending read error).
func (s *xmlScanner) fail(err error) error {
	if s.rerr != nil {
		return s.rerr
	}
	return err
}

// index returns the position of sep at or after pos+from, relative to
// pos, reading more input as needed; -1 at the end of the input.
func (s *xmlScanner) index(from int, sep []byte) int {
	for {
		if i := bytes.Index(s.buf[s.pos+from:s.end], sep); i >= 0 {
			return from + i
		}
		if f := s.end - s.pos - len(sep) + 1; f > from {
			from = f
		}
		if !s.more() {
			return -1
		}
	}
}

// need ensures at least n bytes from pos are buffered, unless the input
// ends first.
func (s *xmlScanner) need(n int) bool {
	for s.end-s.pos < n {
		if !s.more() {
			return false
		}
	}
	return true
}

// next reads the next token into the scanner's fields.
func (s *xmlScanner) next() error {
	for {
		if s.pos >= s.end && !s.more() {
			if s.rerr != nil {
				return s.rerr
			}
			s.kind = tokEOF
			return nil
		}
		if s.buf[s.pos] != '<' {
			i := s.index(0, []byte{'<'})
			if i < 0 {
				if s.rerr != nil {
					return s.rerr
				}
				i = s.end - s.pos
			}
			s.kind, s.text, s.cdata = tokText, s.buf[s.pos:s.pos+i], false
			s.pos += i
			return nil
		}
		if !s.need(2) {
			return s.fail(errUnexpectedEOF)
		}
		switch s.buf[s.pos+1] {
		case '/':
			i := s.index(2, []byte{'>'})
			if i < 0 {
				return s.fail(errUnexpectedEOF)
			}
			name := s.buf[s.pos+2 : s.pos+i]
			for len(name) > 0 && isSpace(name[len(name)-1]) {
				name = name[:len(name)-1]
			}
			if len(name) == 0 {
				return errBadTag
			}
			s.kind, s.name = tokEnd, localName(name)
			s.pos += i + 1
			return nil
		case '?':
			i := s.index(2, []byte("?>"))
			if i < 0 {
				return s.fail(errUnexpectedEOF)
			}
			s.pos += i + 2
		case '!':
			s.need(9)
			rest := s.buf[s.pos:s.end]
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				i := s.index(4, []byte("-->"))
				if i < 0 {
					return s.fail(errUnexpectedEOF)
				}
				s.pos += i + 3
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				i := s.index(9, []byte("]]>"))
				if i < 0 {
					return s.fail(errUnexpectedEOF)
				}
				s.kind, s.text, s.cdata = tokText, s.buf[s.pos+9:s.pos+i], true
				s.pos += i + 3
				return nil
			default:
				if err := s.skipDecl(); err != nil {
					return err
				}
			}
		default:
			i, err := s.tagEnd()
			if err != nil {
				return err
			}
			tag := s.buf[s.pos+1 : s.pos+i]
			s.self = len(tag) > 0 && tag[len(tag)-1] == '/'
			if s.self {
				tag = tag[:len(tag)-1]
			}
			n := 0
			for n < len(tag) && !isSpace(tag[n]) {
				n++
			}
			if n == 0 {
				return errBadTag
			}
			s.kind, s.name, s.attrs = tokStart, localName(tag[:n]), tag[n:]
			s.pos += i + 1
			return nil
		}
	}
}

// tagEnd returns the position, relative to pos, of the '>' closing the
// start tag at pos; a '>' inside a quoted attribute value does not count.
func (s *xmlScanner) tagEnd() (int, error) {
	var q byte
	i := 1
	for {
		buf := s.buf[s.pos:s.end]
		for ; i < len(buf); i++ {
			c := buf[i]
			if q != 0 {
				if c == q {
					q = 0
				}
				continue
			}
			switch c {
			case '>':
				return i, nil
			case '"', '\'':
				q = c
			}
		}
		if !s.more() {
			return 0, s.fail(errUnexpectedEOF)
		}
	}
}

// skipDecl skips a <!DOCTYPE …> or other declaration, including an
// internal subset in brackets.
func (s *xmlScanner) skipDecl() error {
	depth := 0
	var q byte
	for i := 2; ; i++ {
		if s.pos+i >= s.end && !s.more() {
			return s.fail(errUnexpectedEOF)
		}
		c := s.buf[s.pos+i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			s.pos += i + 1
			return nil
		}
		if i >= maxToken {
			return errTokenTooLarge
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// localName strips a namespace prefix: "x:c" → "c".
func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// attr returns the raw value of the attribute called name in the raw
// attribute text attrs. Without a colon in name, the attribute's local
// name is compared, so that "r" matches r="A1" (and x:r="A1"), but never
// r:id. With a colon (xml:space), the whole name must match.
func attr(attrs []byte, name string) ([]byte, bool) {
	full := strings.IndexByte(name, ':') >= 0
	for len(attrs) > 0 {
		i := 0
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		attrs = attrs[i:]
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return nil, false
		}
		key := bytes.TrimRight(attrs[:eq], " \t\r\n")
		rest := attrs[eq+1:]
		j := 0
		for j < len(rest) && isSpace(rest[j]) {
			j++
		}
		if j == len(rest) || (rest[j] != '"' && rest[j] != '\'') {
			return nil, false
		}
		q := rest[j]
		end := bytes.IndexByte(rest[j+1:], q)
		if end < 0 {
			return nil, false
		}
		val := rest[j+1 : j+1+end]
		k := key
		if !full {
			k = localName(key)
		}
		if string(k) == name {
			return val, true
		}
		attrs = rest[j+1+end+1:]
	}
	return nil, false
}

// appendText appends XML character data to dst: line breaks normalised
// ("\r\n" and "\r" become "\n", as XML requires) and, unless cdata,
// entity and character references decoded. Unknown or malformed
// references are kept literally.
func appendText(dst, src []byte, cdata bool) []byte {
	for len(src) > 0 {
		i := 0
		for i < len(src) && src[i] != '&' && src[i] != '\r' {
			i++
		}
		dst = append(dst, src[:i]...)
		src = src[i:]
		if len(src) == 0 {
			break
		}
		if src[0] == '\r' {
			dst = append(dst, '\n')
			src = src[1:]
			if len(src) > 0 && src[0] == '\n' {
				src = src[1:]
			}
			continue
		}
		if cdata {
			dst = append(dst, '&')
			src = src[1:]
			continue
		}
		r, n := entity(src)
		if n == 0 {
			dst = append(dst, '&')
			src = src[1:]
			continue
		}
		dst = utf8.AppendRune(dst, r)
		src = src[n:]
	}
	return dst
}

// entity decodes the reference at the start of src ("&amp;", "&#233;",
// "&#xE9;"), returning the rune and the reference's length, or n = 0 when
// src does not start with a reference.
func entity(src []byte) (r rune, n int) {
	semi := bytes.IndexByte(src, ';')
	if semi < 2 || semi > 12 {
		return 0, 0
	}
	name := src[1:semi]
	switch string(name) {
	case "lt":
		return '<', semi + 1
	case "gt":
		return '>', semi + 1
	case "amp":
		return '&', semi + 1
	case "quot":
		return '"', semi + 1
	case "apos":
		return '\'', semi + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, 0
	}
	var v rune
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, 0
		}
		v = v*base + d
		if v > utf8.MaxRune {
			return utf8.RuneError, semi + 1
		}
	}
	if v == 0 || !utf8.ValidRune(v) {
		return utf8.RuneError, semi + 1
	}
	return v, semi + 1
}

// decodeXString decodes the _xHHHH_ escapes of OOXML string values
// (ST_Xstring): Excel writes a carriage return in a cell as "_x000D_" and
// a literal "_x" sequence as "_x005F_x…". It returns b unchanged when it
// holds no escape.
func decodeXString(b []byte) []byte {
	i := bytes.Index(b, []byte("_x"))
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i >= 0 {
		out = append(out, b[:i]...)
		b = b[i:]
		v, ok := xEscape(b)
		if !ok {
			out = append(out, "_x"...)
			b = b[2:]
		} else {
			b = b[7:]
			if v >= 0xD800 && v < 0xDC00 {
				if lo, ok := xEscape(b); ok && lo >= 0xDC00 && lo < 0xE000 {
					v = 0x10000 + (v-0xD800)<<10 + (lo - 0xDC00)
					b = b[7:]
				}
			}
			if !utf8.ValidRune(v) {
				v = utf8.RuneError
			}
			out = utf8.AppendRune(out, v)
		}
		i = bytes.Index(b, []byte("_x"))
	}
	return append(out, b...)
}

// xEscape decodes an "_xHHHH_" escape at the start of b.
func xEscape(b []byte) (rune, bool) {
	if len(b) < 7 || b[0] != '_' || b[1] != 'x' || b[6] != '_' {
		return 0, false
	}
	var v rune
	for _, c := range b[2:6] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}
