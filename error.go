package dossier

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes, independent of any transport. The HTTP layer maps them to
// statuses in one place; the CLI maps them to exit codes.
const (
	EInvalid      = "invalid"
	ENotFound     = "not_found"
	EConflict     = "conflict"
	EUnauthorized = "unauthorized"
	EInternal     = "internal"
)

// Error is dossier's application error: a code, a message meant for the
// user, and an optional hint saying what to do about it.
type Error struct {
	Code    string
	Message string
	Hint    string
	Err     error // underlying cause, never shown raw to users
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	if e.Hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of err: the *Error's message
// and hint, or a generic text for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error"
}

// ErrSkipRow is returned by a row parser for a row that holds no event and
// is not an error, such as the HXL hashtag row of UCDP's HDX copies.
var ErrSkipRow = errors.New("row holds no event")

// RowError is a malformed row in an import file: where it is, what is wrong
// with it and what the user can do.
type RowError struct {
	File   string // file name
	Line   int    // line (CSV, JSON Lines) or row (XLSX) number, 1-based
	Column string // column name, or "" when the row as a whole is wrong
	Value  string // the offending value
	Reason string // what is wrong
	Hint   string // what to do
	Raw    string // the whole row, verbatim
}

func (e *RowError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
	}
	fmt.Fprintf(&b, "%d", e.Line)
	if e.Column != "" {
		fmt.Fprintf(&b, ": column %s", e.Column)
	}
	if e.Value != "" || e.Column != "" {
		fmt.Fprintf(&b, ": value %q", truncate(e.Value, 80))
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	if e.Hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
