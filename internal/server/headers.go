package server

import "net/http"

// apiCSP is the Content-Security-Policy of every answer: an API answer
// loads nothing and is never framed. The embedded pages (package
// explorer) replace it with their own, which allows this server only.
const apiCSP = "default-src 'none'; frame-ancestors 'none'"

// securityHeaders sets the headers that keep browsers from sniffing
// types, framing the pages or leaking referrers.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", apiCSP)
		next.ServeHTTP(w, r)
	})
}
