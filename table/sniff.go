package table

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the kind of a tabular file, as Sniff guesses it.
type Kind uint8

// File kinds.
const (
	KindUnknown Kind = iota // binary, empty, or none of the below
	KindCSV                 // comma-separated text (also single-column text)
	KindTSV                 // tab-separated text, such as GDELT exports
	KindJSONL               // JSON Lines: one JSON object per line
	KindXML                 // an XML document, such as the UN sanctions list
	KindXLSX                // a zip archive, presumably an XLSX workbook
	KindXLS                 // an OLE compound file: legacy .xls, or an encrypted .xlsx
)

var kindNames = [...]string{"unknown", "csv", "tsv", "jsonl", "xml", "xlsx", "xls"}

// String returns the kind's lower-case name ("csv", "xlsx", …).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Sniff guesses the kind of a file from its first bytes; a few kilobytes
// are plenty. Zip archives are reported as KindXLSX and OLE compound files
// as KindXLS (OpenXLSX explains which they are). Text, after any byte
// order mark, is JSON Lines when it starts with '{', XML when it starts
// with '<', tab-separated when its first line holds at least as many tabs
// as commas (outside quotes) and at least one, and comma-separated
// otherwise. Text with NUL bytes or many control characters is
// KindUnknown, as is empty input.
func Sniff(prefix []byte) Kind {
	switch {
	case bytes.HasPrefix(prefix, []byte("PK\x03\x04")):
		return KindXLSX
	case bytes.HasPrefix(prefix, cfbMagic):
		return KindXLS
	}
	text := prefix
	switch {
	case bytes.HasPrefix(text, []byte("\xEF\xBB\xBF")):
		text = text[3:]
	case bytes.HasPrefix(text, []byte("\xFF\xFE")), bytes.HasPrefix(text, []byte("\xFE\xFF")):
		text = fromUTF16(text)
	}
	text = bytes.TrimLeft(text, " \t\r\n")
	if len(text) == 0 || !looksLikeText(text) {
		return KindUnknown
	}
	switch text[0] {
	case '{':
		return KindJSONL
	case '<':
		return KindXML
	}
	tabs, commas, quoted := 0, 0, false
	for _, c := range text {
		if c == '"' {
			quoted = !quoted
		}
		if quoted {
			continue
		}
		if c == '\n' {
			break
		}
		switch c {
		case '\t':
			tabs++
		case ',':
			commas++
		}
	}
	if tabs > 0 && tabs >= commas {
		return KindTSV
	}
	return KindCSV
}

// looksLikeText reports whether b holds no NUL byte and few other control
// characters (Windows-1252 and cut-off UTF-8 pass).
func looksLikeText(b []byte) bool {
	ctl := 0
	for _, c := range b {
		switch {
		case c == 0:
			return false
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0C && c != 0x1A:
			ctl++
		}
	}
	return ctl*100 <= len(b)
}

// fromUTF16 decodes text that starts with a UTF-16 byte order mark.
func fromUTF16(b []byte) []byte {
	be := b[0] == 0xFE
	b = b[2:]
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if be {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	out := make([]byte, 0, len(u))
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}
