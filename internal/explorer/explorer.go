// Package explorer serves hubgraph's browser pages from files embedded in
// the binary: the network explorer at / and GraphiQL at /graphiql. Both
// read only the public GraphQL endpoint, like any other client, and fetch
// nothing from outside the server (their Content-Security-Policy forbids
// it).
//
// The pages are built from the TypeScript sources beside this file into
// dist/ with `make explorer` (npm ci, GraphQL Code Generator, tsc,
// esbuild); dist/ is committed, so building and testing the Go code needs
// no Node.js, and scripts/test checks that dist/ is current.
package explorer

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed dist
var dist embed.FS

// csp allows the pages to load only their own scripts and styles, to talk
// only to this server, and to start the layout worker (a blob: script).
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// Handler returns the handler for the pages' routes: GET / (the explorer),
// GET /graphiql and GET /assets/ (their scripts and styles). Mount it for
// exactly those patterns; see Routes.
func Handler() http.Handler {
	files, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded at build time: it cannot be missing.
	}
	assets := http.FileServerFS(files)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", page(files, "index.html"))
	mux.HandleFunc("GET /graphiql", page(files, "graphiql.html"))
	mux.Handle("GET /assets/", assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		// The files change only with the binary; revalidating is cheap.
		h.Set("Cache-Control", "no-cache")
		mux.ServeHTTP(w, r)
	})
}

// Routes are the patterns Handler answers, for mounting it on a mux.
var Routes = []string{"GET /{$}", "GET /graphiql", "GET /assets/"}

func page(files fs.FS, name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			http.Error(w, "page missing from the build", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(b)
	}
}
