package table

import (
	"strings"
	"unicode/utf8"

	"dossier"
)

// decodeMode says how input bytes become UTF-8.
type decodeMode uint8

const (
	// modeAuto passes valid UTF-8 through and decodes every byte that is
	// not part of a valid UTF-8 sequence as Windows-1252.
	modeAuto decodeMode = iota
	// modeUTF8 passes valid UTF-8 through and replaces invalid bytes with
	// U+FFFD.
	modeUTF8
	// modeWindows1252 decodes every byte as Windows-1252.
	modeWindows1252
)

// The encodings CSVOptions.Encoding accepts.
const (
	EncodingAuto        = "auto"
	EncodingUTF8        = "utf-8"
	EncodingWindows1252 = "windows-1252"
)

// parseEncoding maps an encoding name to a decodeMode. Names are matched
// case-insensitively; a few common aliases are accepted.
func parseEncoding(name string) (decodeMode, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", EncodingAuto:
		return modeAuto, nil
	case EncodingUTF8, "utf8":
		return modeUTF8, nil
	case EncodingWindows1252, "cp1252", "windows1252", "latin1", "latin-1", "iso-8859-1":
		// WHATWG maps ISO-8859-1 labels to Windows-1252, as browsers do.
		return modeWindows1252, nil
	}
	return 0, &dossier.Error{
		Code:    dossier.EInvalid,
		Message: "unknown text encoding " + strings.TrimSpace(name),
		Hint:    `use "auto", "utf-8" or "windows-1252"`,
	}
}

// cp1252High maps the bytes 0x80–0x9F of Windows-1252. The five bytes the
// code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1
// control with the same value, as the WHATWG Encoding Standard does, so no
// byte is ever lost. Bytes 0xA0–0xFF are Latin-1.
var cp1252High = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

func cp1252(b byte) rune {
	if b >= 0x80 && b < 0xA0 {
		return cp1252High[b-0x80]
	}
	return rune(b)
}

// decode appends src, converted to UTF-8 by mode, to dst. It returns the
// extended dst and the number of bytes of src consumed: unless atEOF, it
// stops before a UTF-8 sequence that src ends in the middle of, so that the
// caller can retry once more input has arrived.
func decode(dst, src []byte, mode decodeMode, atEOF bool) ([]byte, int) {
	if mode != modeWindows1252 && utf8.Valid(src) {
		return append(dst, src...), len(src)
	}
	i := 0
	for i < len(src) {
		j := i
		for j < len(src) && src[j] < utf8.RuneSelf {
			j++
		}
		dst = append(dst, src[i:j]...)
		i = j
		if i == len(src) {
			break
		}
		if mode != modeWindows1252 {
			r, size := utf8.DecodeRune(src[i:])
			if r != utf8.RuneError || size > 1 {
				dst = append(dst, src[i:i+size]...)
				i += size
				continue
			}
			if !atEOF && !utf8.FullRune(src[i:]) {
				return dst, i
			}
			if mode == modeUTF8 {
				dst = utf8.AppendRune(dst, utf8.RuneError)
				i++
				continue
			}
		}
		dst = utf8.AppendRune(dst, cp1252(src[i]))
		i++
	}
	return dst, i
}
