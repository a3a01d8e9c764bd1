package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"dossier"
)

// ParseJSON maps one JSON Lines object to an event. Its fields are the
// interchange columns (names matched as in CSV headers); values may be
// strings, numbers, booleans or null (unknown), and the multi-valued
// fields may also be arrays, whose elements are taken whole (not split on
// semicolons). The details field may be an object. Fields the format does
// not know are kept in Details (trimmed; blank ones dropped), objects and
// arrays as compact JSON text.
// A blank line returns dossier.ErrSkipRow; a line that is not one JSON
// object, or a bad value, gives a *dossier.RowError naming the field.
func ParseJSON(line []byte) (*dossier.Event, error) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil, dossier.ErrSkipRow
	}
	notObject := func(reason string) error {
		return &dossier.RowError{Reason: reason,
			Hint: `each line must hold one JSON object, e.g. {"source_id":"1","date":"2021-08-26","country":"AFG"}`}
	}
	if line[0] != '{' {
		return nil, notObject("the line is not a JSON object")
	}
	if !utf8.Valid(line) {
		return nil, &dossier.RowError{Reason: "the line is not valid UTF-8", Hint: hintUTF8}
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil, notObject(jsonReason(err, dec))
	}
	var r row
	seen := make(map[string]bool)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, notObject(jsonReason(err, dec))
		}
		key, _ := tok.(string) // object keys are always strings
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, notObject(jsonReason(err, dec))
		}
		n := normName(key)
		if seen[n] {
			return nil, &dossier.RowError{Column: key, Reason: "the object has the field " + key + " twice",
				Hint: "give each field once; field names are compared without regard to case"}
		}
		seen[n] = true
		if f, ok := byName[n]; ok {
			if err := r.setJSON(f, raw); err != nil {
				return nil, err
			}
			continue
		}
		if v, ok := scalarText(raw); ok {
			if v = strings.TrimSpace(v); v != "" { // blank is unknown, as in CSV
				r.setDetail(key, v)
			}
		} else {
			r.setDetail(key, string(compact(raw)))
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, notObject(jsonReason(err, dec))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, notObject("the line holds more than one JSON value")
	}
	for _, f := range required {
		if !r.has[f] {
			return nil, rowError(f, "", "the object has no "+columnNames[f]+" field",
				"every object needs source_id, date and country (country may be null when unknown)")
		}
	}
	return r.event()
}

func jsonReason(err error, dec *json.Decoder) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("not valid JSON (at byte %d)", se.Offset)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON object is not closed"
	}
	return fmt.Sprintf("not valid JSON (at byte %d)", dec.InputOffset())
}

// setJSON stores the value of a known field.
func (r *row) setJSON(f field, raw json.RawMessage) error {
	r.has[f] = true
	if v, ok := scalarText(raw); ok {
		r.val[f] = strings.TrimSpace(v)
		return nil
	}
	switch {
	case raw[0] == '[' && multiValued(f):
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return rowError(f, string(raw), "not a JSON array", "write an array of strings")
		}
		r.isList[f] = true
		for _, el := range elems {
			v, ok := scalarText(el)
			if !ok {
				return rowError(f, string(compact(el)), "an array element is not a string, number or boolean",
					"write "+columnNames[f]+" as an array of strings")
			}
			if v = strings.TrimSpace(v); v != "" {
				r.list[f] = append(r.list[f], v)
			}
		}
		return nil
	case raw[0] == '{' && f == fDetails:
		r.val[f] = string(compact(raw))
		return nil
	}
	hint := "write " + columnNames[f] + " as a string, number or boolean"
	if multiValued(f) {
		hint = "write " + columnNames[f] + " as a string or an array of strings"
	}
	return rowError(f, string(compact(raw)), "not a value this field takes", hint)
}

// scalarText returns the text of a JSON string, number, boolean or null
// (""), and false for arrays and objects.
func scalarText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", true
	}
	switch raw[0] {
	case '"':
		if len(raw) >= 2 && raw[len(raw)-1] == '"' && bytes.IndexByte(raw, '\\') < 0 {
			return string(raw[1 : len(raw)-1]), true // no escapes: the text between the quotes
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false
		}
		return s, true
	case '[', '{':
		return "", false
	case 'n':
		return "", true
	}
	return string(raw), true // number, true, false: their JSON text
}

func isNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

func compact(raw json.RawMessage) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return raw
	}
	return b.Bytes()
}
