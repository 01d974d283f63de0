package server

import (
	"errors"
	"net/http"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
)

// MaxUploadBytes bounds an uploaded import file.
const MaxUploadBytes = 64 << 20

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
		answer, status := map[string]any{}, http.StatusOK
		if err != nil {
			// A partial report comes with the error, unless the error
			// is internal.
			if answer, status = errorBody(r.Context(), cfg.Logger, err); status == http.StatusInternalServerError {
				writeJSON(w, status, answer)
				return
			}
		}
		answer["report"] = rep
		writeJSON(w, status, answer)
	}
}
