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
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
)

//go:embed dist
var dist embed.FS

// csp allows the pages to load only their own scripts and styles, to talk
// only to this server, and to start the layout worker (a blob: script).
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// asset is one file of dist/, ready to serve: as it is and gzipped, with
// an ETag so that a browser revalidates it cheaply.
type asset struct {
	body, gz    []byte
	contentType string
	etag        string
}

var (
	assetsOnce sync.Once
	assets     map[string]*asset
)

// loadAssets reads and compresses dist/ once per process.
func loadAssets() map[string]*asset {
	assetsOnce.Do(func() {
		assets = map[string]*asset{}
		types := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
		_ = fs.WalkDir(dist, "dist", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			body, err := dist.ReadFile(name)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(body)
			a := &asset{body: body, contentType: types[path.Ext(name)], etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = zw.Write(body)
			_ = zw.Close()
			if buf.Len() < len(body) {
				a.gz = buf.Bytes()
			}
			assets[strings.TrimPrefix(name, "dist")] = a
			return nil
		})
	})
	return assets
}

// Handler returns the handler for the pages' routes: GET / (the explorer),
// GET /graphiql and GET /assets/ (their scripts and styles). Mount it for
// exactly those patterns; see Routes.
func Handler() http.Handler {
	files := loadAssets()
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", serve(files["/index.html"]))
	mux.Handle("GET /graphiql", serve(files["/graphiql.html"]))
	mux.HandleFunc("GET /assets/", func(w http.ResponseWriter, r *http.Request) {
		a, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		serve(a).ServeHTTP(w, r)
	})
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

// serve writes an asset, gzipped when the client takes it, or 304 when
// the client has it already.
func serve(a *asset) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a == nil {
			http.Error(w, "page missing from the build", http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("ETag", a.etag)
		h.Set("Vary", "Accept-Encoding")
		if r.Header.Get("If-None-Match") == a.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body := a.body
		if a.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.Set("Content-Encoding", "gzip")
			body = a.gz
		}
		_, _ = w.Write(body)
	})
}
