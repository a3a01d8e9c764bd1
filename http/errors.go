package http

import (
	"encoding/json"
	"errors"
	"net/http"

	"dossier"
)

// Codes of errors the transport itself raises, beside dossier's.
const (
	codeForbidden   = "forbidden"         // a cross-origin post, a missing or wrong form token
	codeRateLimited = "too_many_requests" // a client posting too fast
	codeTooLarge    = "too_large"         // a body over the limit
	codeUnsupported = "unsupported_media" // a body in a type the endpoint does not read
)

// statusOf maps an error to its HTTP status and code: the one place where
// dossier's codes meet HTTP.
func statusOf(err error) (int, string) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, codeTooLarge
	}
	code := dossier.ErrorCode(err)
	switch code {
	case dossier.EInvalid:
		return http.StatusBadRequest, code
	case dossier.ENotFound:
		return http.StatusNotFound, code
	case dossier.EConflict:
		return http.StatusConflict, code
	case dossier.EUnauthorized:
		return http.StatusUnauthorized, code
	case codeForbidden:
		return http.StatusForbidden, code
	case codeRateLimited:
		return http.StatusTooManyRequests, code
	case codeTooLarge:
		return http.StatusRequestEntityTooLarge, code
	case codeUnsupported:
		return http.StatusUnsupportedMediaType, code
	}
	return http.StatusInternalServerError, dossier.EInternal
}

// apiError is the body of every JSON error.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// userError returns what a user may see of err: its message and hint, or a
// generic text for an internal error.
func userError(err error) (status int, body apiErrorBody) {
	status, code := statusOf(err)
	body.Code = code
	var de *dossier.Error
	switch {
	case status == http.StatusInternalServerError:
		body.Message = "internal error"
		body.Hint = "the server's log says more; try again later"
	case status == http.StatusRequestEntityTooLarge && !errors.As(err, &de):
		body.Message = "the request body is too large"
		body.Hint = "notes are at most 4000 characters"
	case errors.As(err, &de):
		body.Message, body.Hint = de.Message, de.Hint
	default:
		body.Message = err.Error()
	}
	return status, body
}

// fail answers a request with err: as JSON under /api/, as an error page
// elsewhere. Internal errors are logged.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, body := userError(err)
	if status == http.StatusInternalServerError {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if isAPI(r) {
		writeJSON(w, status, apiError{body})
		return
	}
	s.render(w, r, status, "error", &page{Title: http.StatusText(status), Data: errorView{Status: status, Err: body}})
}

// writeJSON writes v as indented JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	writeJSONBytes(w, status, append(b, '\n'))
}

func writeJSONBytes(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, &dossier.Error{Code: dossier.ENotFound, Message: "no such endpoint: " + r.Method + " " + r.URL.Path,
		Hint: "the endpoints are listed in /api/v1/openapi.json"})
}

func (s *Server) pageNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, &dossier.Error{Code: dossier.ENotFound, Message: "no page " + r.URL.Path,
		Hint: "search for a group from the home page"})
}
