package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// The media types of GraphQL over HTTP.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// httpTransport is GraphQL over HTTP (GET for queries, POST with
// application/json) with hubgraph's limits: the body is bounded, the
// document checked (checkDocument) before validation, expensive
// operations capped, the request given a deadline. Refusals follow the
// GraphQL-over-HTTP spec: with application/json a request error is 200;
// with application/graphql-response+json it is 400 without a data entry.
type httpTransport struct {
	schema     *ast.Schema
	limits     Limits
	hideSchema bool
	log        *slog.Logger
	expensive  chan struct{}
	// parsed is gqlgen's query cache: a query found there was parsed
	// within the same token limit and validated, and is not parsed again.
	parsed graphql.Cache[*ast.QueryDocument]
}

var _ graphql.Transport = (*httpTransport)(nil)

// Supports takes every GET and POST; Do refuses what it cannot read.
func (h *httpTransport) Supports(r *http.Request) bool {
	return r.Header.Get("Upgrade") == "" && (r.Method == http.MethodGet || r.Method == http.MethodPost)
}

// answer is a response without a data entry, for request errors.
type answer struct {
	Errors     gqlerror.List  `json:"errors"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

func (h *httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	info := infoOf(r.Context())
	media := responseMedia(r.Header.Get("Accept"))
	w.Header().Set("Content-Type", media)
	refuse := func(status int, reason string, err *gqlerror.Error) {
		info.Rejected = reason
		info.Code = fmt.Sprint(err.Extensions["code"])
		if err.Extensions == nil {
			err.Extensions = map[string]any{}
		}
		err.Extensions["requestId"] = RequestID(r.Context())
		h.log.Warn("request refused", "reason", reason, "error", err.Message, "requestId", RequestID(r.Context()), "client", clientAddr(r))
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(answer{Errors: gqlerror.List{err}})
	}
	// Request errors: 200 for application/json, 400 for
	// application/graphql-response+json.
	requestStatus := http.StatusOK
	if media == mediaGraphQLResponse {
		requestStatus = http.StatusBadRequest
	}
	badInput := func(format string, args ...any) *gqlerror.Error {
		e := gqlerror.Errorf(format, args...)
		e.Extensions = map[string]any{"code": ecosystem.CodeBadUserInput}
		return e
	}

	params := &graphql.RawParams{Headers: r.Header}
	if r.Method == http.MethodGet {
		q := r.URL.Query()
		params.Query, params.OperationName = q.Get("query"), q.Get("operationName")
		for name, into := range map[string]any{"variables": &params.Variables, "extensions": &params.Extensions} {
			if raw := q.Get(name); raw != "" {
				if err := decodeJSON(strings.NewReader(raw), into); err != nil {
					refuse(http.StatusBadRequest, "json", badInput("the %s parameter is not a JSON object: %v", name, err))
					return
				}
			}
		}
	} else {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != mediaJSON {
			refuse(http.StatusUnsupportedMediaType, "content_type",
				badInput("unsupported content type %q; send the request as %s", r.Header.Get("Content-Type"), mediaJSON))
			return
		}
		limit := h.limits.MaxBodyBytes
		if limit < 0 {
			limit = math.MaxInt64
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			refuse(http.StatusRequestEntityTooLarge, "body", badInput("the request body is larger than %d bytes", h.limits.MaxBodyBytes))
			return
		case err != nil:
			refuse(http.StatusBadRequest, "body", badInput("the request body could not be read"))
			return
		}
		body = bytes.TrimSpace(body)
		switch {
		case len(body) == 0:
			refuse(http.StatusBadRequest, "json", badInput(`the request body is empty; send {"query": "..."}`))
			return
		case body[0] == '[':
			refuse(http.StatusBadRequest, "batch", badInput("batched requests are not supported; send one operation per request"))
			return
		}
		if err := decodeJSON(bytes.NewReader(body), params); err != nil {
			refuse(http.StatusBadRequest, "json", badInput("the request body is not a GraphQL request in JSON: %v", err))
			return
		}
	}
	if params.Query == "" && params.Extensions == nil {
		refuse(http.StatusBadRequest, "json", badInput("the request has no query"))
		return
	}
	// check applies the limits to query and takes an expensive slot for
	// analytics; it answers and returns false when refused.
	var release func()
	defer func() {
		if release != nil {
			release()
		}
	}()
	check := func(query string) bool {
		doc, _ := h.parsed.Get(r.Context(), query)
		rep, gerr := checkDocument(h.schema, h.limits, h.hideSchema, doc, query, params.OperationName, params.Variables)
		if gerr != nil {
			reason, _ := gerr.Extensions["reason"].(string)
			delete(gerr.Extensions, "reason")
			if reason == "" {
				reason = "parse"
			}
			refuse(requestStatus, reason, gerr)
			return false
		}
		info.Operation, info.Name = rep.Kind+"."+rep.RootField, rep.Name
		if rep.Expensive > 0 && h.expensive != nil {
			select {
			case h.expensive <- struct{}{}:
				release = func() { <-h.expensive }
			default:
				w.Header().Set("Retry-After", "2")
				refuse(http.StatusTooManyRequests, "busy", busyError())
				return false
			}
		}
		return true
	}
	checked := params.Query != ""
	if checked && !check(params.Query) {
		return
	}
	if params.OperationName != "" {
		info.Name = params.OperationName
	}

	ctx := r.Context()
	if h.limits.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, h.limits.Timeout)
		defer cancel()
	}
	params.ReadTime = graphql.TraceTiming{Start: graphql.Now(), End: graphql.Now()}
	rc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
		info.Code = firstCode(resp.Errors)
		if info.Operation == "" {
			info.Operation = "invalid"
		}
		w.WriteHeader(requestStatus)
		_ = json.NewEncoder(w).Encode(answer{Errors: stampRequestID(ctx, resp.Errors), Extensions: resp.Extensions})
		return
	}
	// A persisted query's text is known only now; its variables may
	// differ from the time it was stored.
	if !checked && !check(rc.RawQuery) {
		return
	}
	if r.Method == http.MethodGet && rc.Operation.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		refuse(http.StatusMethodNotAllowed, "method", badInput("GET serves queries only; send a %s as POST", rc.Operation.Operation))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	resp := responses(ctx)
	info.Code = firstCode(resp.Errors)
	resp.Errors = stampRequestID(ctx, resp.Errors)
	writeResponse(w, resp)
}

// writeResponse writes resp as encoding/json would. An answer with data
// alone, the usual one, is written as it stands: gqlgen's data is compact
// JSON already, and encoding/json's compacting it again, byte by byte,
// was a twentieth of the CPU of a page of fifty projects. Data holding a
// character encoding/json escapes for HTML goes through it, so that the
// bytes never differ.
func writeResponse(w io.Writer, resp *graphql.Response) {
	plain := len(resp.Errors) == 0 && len(resp.Extensions) == 0 && resp.Label == "" && len(resp.Path) == 0 && resp.HasNext == nil &&
		len(resp.Data) > 0 && !escapedForHTML(resp.Data)
	if !plain {
		_ = json.NewEncoder(w).Encode(resp)
		return
	}
	buf := make([]byte, 0, len(resp.Data)+10)
	buf = append(buf, `{"data":`...)
	buf = append(buf, resp.Data...)
	buf = append(buf, "}\n"...)
	_, _ = w.Write(buf)
}

// escapedForHTML reports whether data holds a character encoding/json
// escapes for HTML: <, >, &, U+2028 or U+2029. One byte search at a time
// (bytes.ContainsAny with the two separators decodes every rune: 3 % of
// the CPU of a page of fifty).
func escapedForHTML(data []byte) bool {
	return bytes.IndexByte(data, '<') >= 0 || bytes.IndexByte(data, '>') >= 0 || bytes.IndexByte(data, '&') >= 0 ||
		bytes.Contains(data, []byte("\u2028")) || bytes.Contains(data, []byte("\u2029"))
}

// busyError is the refusal when MaxExpensive operations already run.
func busyError() *gqlerror.Error {
	e := gqlerror.Errorf("too many expensive operations (analytics, imports) are running; retry in a few seconds")
	e.Extensions = map[string]any{"code": "RATE_LIMITED"}
	return e
}

// stampRequestID adds the request id to every error's extensions, so that
// a client can quote it.
func stampRequestID(ctx context.Context, errs gqlerror.List) gqlerror.List {
	id := RequestID(ctx)
	for _, e := range errs {
		if e.Extensions == nil {
			e.Extensions = map[string]any{}
		}
		e.Extensions["requestId"] = id
	}
	return errs
}

func firstCode(errs gqlerror.List) string {
	if len(errs) == 0 {
		return "OK"
	}
	if c, ok := errs[0].Extensions["code"]; ok {
		return fmt.Sprint(c)
	}
	return "ERROR"
}

// responseMedia is application/graphql-response+json when the client
// accepts it, else application/json.
func responseMedia(accept string) string {
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err == nil && mt == mediaGraphQLResponse && params["q"] != "0" {
			return mediaGraphQLResponse
		}
	}
	return mediaJSON
}

// decodeJSON decodes one JSON value, numbers kept as json.Number, and
// refuses trailing data.
func decodeJSON(r io.Reader, into any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(into); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the JSON value")
	}
	return nil
}

// newTransport is the transport of a server with these limits, sharing
// gqlgen's cache of parsed queries.
func newTransport(schema *ast.Schema, lim Limits, hideSchema bool, log *slog.Logger, expensive chan struct{}, parsed graphql.Cache[*ast.QueryDocument]) *httpTransport {
	return &httpTransport{schema: schema, limits: lim, hideSchema: hideSchema, log: log, expensive: expensive, parsed: parsed}
}

// expensiveSlots is the semaphore of expensive operations (nil when
// unlimited), shared by GraphQL analytics and uploads.
func expensiveSlots(lim Limits) chan struct{} {
	if lim.MaxExpensive > 0 {
		return make(chan struct{}, lim.MaxExpensive)
	}
	return nil
}

// capped refuses a request with 429 when every expensive slot is taken.
func capped(slots chan struct{}, next http.Handler) http.Handler {
	if slots == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			next.ServeHTTP(w, r)
		default:
			infoOf(r.Context()).Rejected = "busy"
			w.Header().Set("Retry-After", "2")
			writeJSON(w, http.StatusTooManyRequests, map[string]any{"code": "RATE_LIMITED", "message": busyError().Message})
		}
	})
}
