package explorer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

// browser is a headless Chromium driving the real server, with every
// request that is not to that server blocked and remembered.
type browser struct {
	t       *testing.T
	url     string
	ctx     context.Context
	mu      sync.Mutex
	outside []string
	// errors are the page's uncaught exceptions and console errors.
	errors []string
}

// chromium finds the browser: HUBGRAPH_CHROMIUM, or Debian's chromium.
// Without one the tests skip, except in CI, under make test
// (HUBGRAPH_REQUIRE_BROWSER) where they fail.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("HUBGRAPH_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" || os.Getenv("HUBGRAPH_REQUIRE_BROWSER") == "true" {
		t.Fatal("no Chromium (apt-get install chromium, or set HUBGRAPH_CHROMIUM): the browser tests cannot run")
	}
	t.Skip("no Chromium; set HUBGRAPH_REQUIRE_BROWSER=true to make this a failure")
	return ""
}

// newBrowser starts the server on the seeded embedded store and a browser
// at 1280×800.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	return newBrowserWith(t, server.Config{})
}

// newBrowserWith is newBrowser with the server's tokens and read policy.
func newBrowserWith(t *testing.T, cfg server.Config) *browser {
	t.Helper()
	exe := chromium(t)
	st := memtest.Seeded(t)
	// A few dated H2020 participations (the seed's projects have no
	// dates), imported as hubgraph import rcn-eu would;
	// HUBGRAPH_EXPLORER_IMPORT names another file, such as the whole
	// rcn-eu-h2020.csv, to measure the explorer on a larger graph.
	file := filepath.Join("testdata", "rcn-eu-sample.csv")
	if p := os.Getenv("HUBGRAPH_EXPLORER_IMPORT"); p != "" {
		file = p
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := importer.ImportRCN(context.Background(), st, f, filepath.Base(file), false, nil); err != nil {
		t.Fatal(err)
	}
	cfg.Store, cfg.Analytics, cfg.GraphiQL, cfg.Logger = st, analytics.New(st), true, slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(server.New(cfg))
	t.Cleanup(srv.Close)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// WebGL without a GPU.
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		// No name resolves but the test server's address.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	b := &browser{t: t, url: srv.URL, ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	// Every request is paused: the server's go on, all others fail and
	// are remembered.
	paused := make(chan *fetch.EventRequestPaused, 1024)
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *fetch.EventRequestPaused:
			paused <- e
		case *runtime.EventExceptionThrown:
			b.mu.Lock()
			b.errors = append(b.errors, fmt.Sprintf("%s %v", e.ExceptionDetails.Text, e.ExceptionDetails.Exception.Description))
			b.mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				b.mu.Lock()
				b.errors = append(b.errors, "console.error: "+strings.Join(parts, " "))
				b.mu.Unlock()
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for e := range paused {
			if e.Request.URL == srv.URL || strings.HasPrefix(e.Request.URL, srv.URL+"/") {
				_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
				continue
			}
			b.mu.Lock()
			b.outside = append(b.outside, e.Request.URL)
			b.mu.Unlock()
			_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		t.Fatalf("intercepting requests: %v", err)
	}
	// The guard itself: from a blank page, which has no
	// Content-Security-Policy (every answer of the server has one), a
	// request outside is seen and blocked.
	b.run(chromedp.Navigate("about:blank"), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](`fetch('http://outside.example/probe').then(() => 'reached', () => 'blocked')`, chromedp.EvalAwaitPromise)(ctx, t)
		return err
	}))
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.outside) != 1 || !strings.HasPrefix(b.outside[0], "http://outside.example/") {
		t.Fatalf("the request guard saw %v, want the probe to outside.example", b.outside)
	}
	b.outside = nil
	return b
}

// run runs actions with a time limit.
func (b *browser) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.t.Fatalf("%v\npage errors: %v", err, b.errors)
	}
}

// open loads a page and waits until expr is true.
func (b *browser) open(path, ready string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.url+path), b.until(ready))
}

// until waits until a JavaScript expression is true.
func (b *browser) until(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		deadline := time.Now().Add(20 * time.Second)
		for {
			_, err := chromedp.Poll[any](expr, chromedp.WithPollingTimeout(time.Until(deadline)), chromedp.WithPollingInterval(50*time.Millisecond))(ctx, t)
			// A page that reloads itself (as after a token is given)
			// loses the context the poll ran in: poll the new page.
			if err != nil && strings.Contains(err.Error(), "context") && time.Now().Before(deadline) && ctx.Err() == nil {
				time.Sleep(100 * time.Millisecond)
				continue
			}
			if err != nil {
				return fmt.Errorf("waiting for %s: %w", expr, err)
			}
			return nil
		}
	})
}

// eval evaluates JavaScript into out (through JSON).
func (b *browser) eval(expr string, out any) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
	if err != nil {
		b.t.Fatal(err)
	}
	raw, _ := json.Marshal(v)
	if err := json.Unmarshal(raw, out); err != nil {
		b.t.Fatalf("%s: %v (%s)", expr, err, raw)
	}
}

// downloaded clicks a download button and returns the file it saves.
func (b *browser) downloaded(button, name string) []byte {
	b.t.Helper()
	dir := b.t.TempDir()
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		b.t.Fatal(err)
	}
	b.run(chromedp.Click(chromedp.CSS(button)))
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil && len(data) > 0 {
			return data
		}
	}
	b.t.Fatalf("%s did not download %s", button, name)
	return nil
}

// contrast fails when some visible text is below WCAG AA.
func (b *browser) contrast(view string) {
	b.t.Helper()
	var bad []string
	b.eval(lowContrast, &bad)
	if len(bad) > 0 {
		b.t.Errorf("%s: text below WCAG AA contrast: %v", view, bad)
	}
}

// noOutsideRequests fails when the page asked for anything outside the server.
func (b *browser) noOutsideRequests() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.outside) > 0 {
		b.t.Errorf("requests outside the server: %v", b.outside)
	}
}

// screenshot writes the page to $HUBGRAPH_SCREENSHOTS (default
// bin/screenshots at the repository's root), for CI to keep.
func (b *browser) screenshot(name string) []byte {
	b.t.Helper()
	img, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatal(err)
	}
	dir := os.Getenv("HUBGRAPH_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "bin", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), img, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return img
}

// query asks the server's GraphQL API directly, as the reference answer.
func (b *browser) query(q string, vars map[string]any, out any) {
	b.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	res, err := http.Post(b.url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	var r struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil || len(r.Errors) > 0 {
		b.t.Fatalf("query: %v %v", err, r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		b.t.Fatal(err)
	}
}

const mapReady = `(() => { const m = document.querySelector('#sigma'); return m && m.dataset.ready === 'true' && m.dataset.layout === 'done'; })()`

// drawn reads what the map says it draws.
func (b *browser) drawn() (nodes []string, ties, tied int) {
	b.t.Helper()
	var out struct {
		Nodes string
		Ties  int
		Tied  int
	}
	b.eval(`(() => { const d = document.querySelector('#sigma').dataset; return {nodes: d.nodes, ties: +d.edgeCount, tied: +d.tiedCount}; })()`, &out)
	if out.Nodes != "" {
		nodes = strings.Split(out.Nodes, " ")
	}
	return nodes, out.Ties, out.Tied
}

// setControl sets a form control's value as a person would, firing its event.
func (b *browser) setControl(sel, value, event string) {
	b.t.Helper()
	b.run(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q; e.dispatchEvent(new Event(%q, {bubbles: true})); })()`, sel, value, event))(ctx, t)
		return err
	}), b.until(mapReady))
}

type coverage struct {
	PillarCoverage []struct {
		Pillar         struct{ ID string }
		Organisations  []struct{ ID string }
		MissingSectors []string
	}
}

const coverageQuery = `query($asOf: Date) { pillarCoverage(asOf: $asOf) { pillar { id } organisations { id } missingSectors } }`

func (c coverage) organisations(pillar string) []string {
	for _, p := range c.PillarCoverage {
		if p.Pillar.ID == pillar {
			var ids []string
			for _, o := range p.Organisations {
				ids = append(ids, o.ID)
			}
			sort.Strings(ids)
			return ids
		}
	}
	return nil
}

// lowContrast lists the page's visible text whose contrast with its
// background is below WCAG AA (4.5:1, or 3:1 for large text).
const lowContrast = `(() => {
  const rgb = (c) => { const m = c.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const lum = ({r, g, b}) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0.5) return c; } return {r: 255, g: 255, b: 255}; };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || !el.checkVisibility() || el.closest('[hidden]')) continue;
    const st = getComputedStyle(el);
    const a = lum(rgb(st.color)), b = lum(bg(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) bad.push(n.textContent.trim().slice(0, 40) + ' ' + ratio.toFixed(2));
  }
  return bad;
})()`

// sectorPixels counts the pixels of an image that have a sector's colour,
// to see that WebGL really drew the nodes.
func sectorPixels(t *testing.T, shot []byte) int {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	colours := [][3]int{{0x00, 0x72, 0xB2}, {0xD5, 0x5E, 0x00}, {0x00, 0x7A, 0x5A}, {0xB8, 0x52, 0x8F}, {0xB7, 0x7E, 0x00}, {0x2B, 0x8F, 0xCC}, {0x88, 0x22, 0x55}}
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			for _, c := range colours {
				if abs(int(r>>8)-c[0]) < 12 && abs(int(g>>8)-c[1]) < 12 && abs(int(bl>>8)-c[2]) < 12 {
					n++
					break
				}
			}
		}
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestExplorerInABrowser drives the explorer in headless Chromium as a
// person would, checking each view against the API's own answers.
