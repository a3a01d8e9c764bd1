package table

import (
	"math"
	"strconv"
)

// NumberMode says how XLSX numeric cells are turned into text.
type NumberMode uint8

const (
	// NumbersShortest writes each numeric cell as the shortest decimal that
	// reads back as the same float64 (see NormalizeNumber): the stored
	// "33.008586999999999" becomes "33.008587", "3.5943000000000003E-2"
	// becomes "0.035943", "202101010004" stays itself. It is the default.
	NumbersShortest NumberMode = iota
	// NumbersAsStored keeps the text of the cell's <v> element exactly as
	// the file stores it ("33.008586999999999", "3.5943000000000003E-2").
	// Converters that dump the XML values, such as the one that produced
	// the GTD CSV beside the official XLSX, write this form.
	NumbersAsStored
)

// NormalizeNumber returns the canonical text of the decimal number s: the
// shortest decimal that reads back as the same float64, in plain notation
// (strconv.FormatFloat(f, 'f', -1, 64)), so "3.4567800000000002" becomes
// "3.45678", "1E-3" becomes "0.001" and "-0" becomes "0". Numbers of
// magnitude 1e21 or more, or below 1e-6, use exponent notation ("1e+21").
//
// A plain integer without sign or leading zeros ("202101010004", even past
// 15 digits) is returned unchanged, as is anything that is not a decimal
// number (digits with optional sign, point and exponent): text, "NaN",
// "Inf", hexadecimal or out-of-range values.
//
// The importer can apply it to CSV fields to compare them with fields read
// from the XLSX of the same release.
func NormalizeNumber(s string) string {
	if canonicalInt(s) {
		return s
	}
	if !isDecimal(s) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return s
	}
	return formatNumber(f)
}

// formatNumber writes f as NormalizeNumber describes.
func formatNumber(f float64) string {
	if f == 0 {
		return "0"
	}
	if a := math.Abs(f); a >= 1e21 || a < 1e-6 {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// canonicalInt reports whether s is "0" or an integer without leading
// zeros and with an optional minus sign: text NormalizeNumber keeps.
func canonicalInt[T string | []byte](s T) bool {
	i := 0
	if len(s) > 0 && s[0] == '-' {
		i = 1
	}
	if i == len(s) {
		return false
	}
	if s[i] == '0' {
		return len(s) == 1 // "0", but neither "-0" nor "007"
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDecimal reports whether s is a decimal number:
// [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
func isDecimal[T string | []byte](s T) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
