package designation

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Formats Detect recognises.
const (
	FormatUN           = "un-xml"        // UN Security Council Consolidated List, XML
	FormatOFACSDN      = "ofac-sdn"      // OFAC sdn.csv or cons_prim.csv
	FormatOFACAlt      = "ofac-alt"      // OFAC alt.csv or cons_alt.csv
	FormatOFACAdd      = "ofac-add"      // OFAC add.csv or cons_add.csv
	FormatOFACComments = "ofac-comments" // OFAC sdn_comments.csv or cons_comments.csv
)

// Detect says which designation file format prefix (the file's first
// bytes; 4 KiB is plenty) is in, or "" when it is none of them. It reads
// the content: a UN list has a <CONSOLIDATED_LIST> root; OFAC files are told
// apart by the fields of their first record (sdn.csv has 12 with an SDN type
// in the third, alt.csv 5 with aka/fka/nka in the third, add.csv 6,
// sdn_comments.csv 2). name, the file's name, only settles a first record
// that prefix cuts short before it can tell sdn.csv from sdn_comments.csv.
func Detect(prefix []byte, name string) string {
	p := bytes.TrimPrefix(prefix, []byte("\xef\xbb\xbf"))
	if t := bytes.TrimLeft(p, " \t\r\n"); len(t) > 0 && t[0] == '<' {
		if bytes.Contains(p, []byte("<CONSOLIDATED_LIST")) {
			return FormatUN
		}
		return ""
	}
	fields, complete := firstRecord(p)
	if len(fields) == 0 || !isDigits(fields[0]) {
		return ""
	}
	n := len(fields)
	sdnType := func() bool {
		switch strings.ToLower(fields[2]) {
		case ofacEmpty, KindIndividual, KindVessel, KindAircraft:
			return true
		}
		return false
	}
	if complete {
		switch {
		case n == 12 && !isDigits(fields[1]) && sdnType():
			return FormatOFACSDN
		case n == 5 && isDigits(fields[1]) && isAliasType(fields[2]):
			return FormatOFACAlt
		case n == 6 && isDigits(fields[1]):
			return FormatOFACAdd
		case n == 2 && !isDigits(fields[1]):
			return FormatOFACComments
		}
		return ""
	}
	// The record goes on past the prefix; the last field may be cut short.
	switch {
	case n >= 4 && n <= 12 && !isDigits(fields[1]) && sdnType():
		return FormatOFACSDN
	case n >= 4 && n <= 5 && isDigits(fields[1]) && isAliasType(fields[2]):
		return FormatOFACAlt
	case n >= 4 && n <= 6 && isDigits(fields[1]):
		return FormatOFACAdd
	case n <= 2 && (n == 1 || !isDigits(fields[1])):
		base := strings.ToLower(filepath.Base(name))
		switch {
		case strings.Contains(base, "comments"):
			return FormatOFACComments
		case strings.HasPrefix(base, "sdn") || strings.HasPrefix(base, "cons_prim"):
			return FormatOFACSDN
		}
	}
	return ""
}

// firstRecord splits the first CSV record of p into trimmed fields. complete
// is false when p ends before the record does.
func firstRecord(p []byte) (fields []string, complete bool) {
	var f strings.Builder
	quoted, inQuotes := false, false
	flush := func() {
		v := f.String()
		if !quoted {
			v = strings.TrimSpace(v)
		}
		fields = append(fields, v)
		f.Reset()
		quoted = false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case inQuotes && c == '"':
			if i+1 < len(p) && p[i+1] == '"' {
				f.WriteByte('"')
				i++
			} else {
				inQuotes = false
			}
		case inQuotes:
			f.WriteByte(c)
		case c == '"' && strings.TrimSpace(f.String()) == "":
			f.Reset()
			inQuotes, quoted = true, true
		case c == ',':
			flush()
		case c == '\n' || c == '\r':
			flush()
			return fields, true
		default:
			f.WriteByte(c)
		}
	}
	flush()
	return fields, false
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func isAliasType(s string) bool {
	_, ok := aliasType(s)
	return ok
}
