package server

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
)

// MaxUploadBytes bounds an uploaded import file.
const MaxUploadBytes = 64 << 20

// statusOf is the one table from error codes to HTTP statuses.
var statusOf = map[ecosystem.Code]int{
	ecosystem.CodeBadUserInput:    http.StatusBadRequest,
	ecosystem.CodeNotFound:        http.StatusNotFound,
	ecosystem.CodeConflict:        http.StatusConflict,
	ecosystem.CodeUnauthenticated: http.StatusUnauthorized,
	ecosystem.CodeForbidden:       http.StatusForbidden,
	ecosystem.CodeInternal:        http.StatusInternalServerError,
}

// writeError answers with an error's code and message, or only INTERNAL
// and the request id for anything unexpected (which is logged).
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	code := ecosystem.ErrorCode(err)
	body := map[string]any{"code": code, "message": err.Error()}
	if code == ecosystem.CodeInternal {
		id := RequestID(r.Context())
		log.Error("internal error", "error", err.Error(), "requestId", id, "path", r.URL.Path)
		body = map[string]any{"code": code, "message": "internal error; quote request id " + id, "requestId": id}
	}
	writeJSON(w, statusOf[code], body)
}

// uploadRCN is POST /admin/import/rcn-eu: the body is the Research
// Council's CSV file; admin access only; `?strict=true` refuses the whole
// file on any bad row. It answers with the import's report.
func uploadRCN(cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := auth.Require(r.Context(), auth.Admin); err != nil {
			writeError(w, r, cfg.Logger, err)
			return
		}
		body := http.MaxBytesReader(w, r.Body, MaxUploadBytes)
		name := r.URL.Query().Get("name")
		if name == "" {
			name = "upload.csv"
		}
		rep, err := importer.ImportRCN(r.Context(), cfg.Store, body, name, r.URL.Query().Get("strict") == "true", nil)
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = ecosystem.Errorf(ecosystem.CodeBadUserInput, "the file is larger than %d bytes", MaxUploadBytes)
		}
		if err != nil && rep == nil {
			writeError(w, r, cfg.Logger, err)
			return
		}
		answer := map[string]any{"report": rep}
		status := http.StatusOK
		if err != nil {
			code := ecosystem.ErrorCode(err)
			if code == ecosystem.CodeInternal {
				writeError(w, r, cfg.Logger, err)
				return
			}
			answer["code"], answer["message"] = code, err.Error()
			status = statusOf[code]
		}
		writeJSON(w, status, answer)
	}
}
