package explorer_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
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
	"slices"
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
	"github.com/chromedp/chromedp/kb"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/auth"
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
	// The guard itself: from a page without the explorer's
	// Content-Security-Policy, a request outside is seen and blocked.
	b.run(chromedp.Navigate(srv.URL+"/healthz"), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
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
func TestExplorerInABrowser(t *testing.T) {
	b := newBrowser(t)

	var all struct{ Organisations struct{ TotalCount int } }
	b.query(`{ organisations { totalCount } }`, nil, &all)

	t.Run("the map draws the seeded and imported organisations, with nothing from outside", func(t *testing.T) {
		b.t = t
		start := time.Now()
		b.open("/", mapReady)
		var firstDraw string
		b.eval(`(d => d.firstDrawMs + ' ms after navigation started (its data read in ' + d.loadMs + ' ms)')(document.querySelector('#sigma').dataset)`, &firstDraw)
		nodes, ties, _ := b.drawn()
		t.Logf("%d organisations and %d ties first drawn %s; %s until the layout settled",
			len(nodes), ties, firstDraw, time.Since(start).Round(time.Millisecond))
		if len(nodes) != all.Organisations.TotalCount || ties == 0 {
			t.Errorf("drawn %d organisations and %d ties, want all %d organisations and some ties", len(nodes), ties, all.Organisations.TotalCount)
		}
		shot := b.screenshot("map")
		b.contrast("map")
		// The check itself: light grey on white is caught.
		var caught []string
		b.eval(`(() => { const p = document.createElement('p'); p.id = 'probe'; p.textContent = 'faint probe'; p.style.color = '#aaaaaa';
			document.querySelector('.filters').append(p); const bad = `+lowContrast+`; p.remove(); return bad; })()`, &caught)
		if len(caught) != 1 || !strings.HasPrefix(caught[0], "faint probe") {
			t.Errorf("the contrast check found %v, want only the faint probe", caught)
		}
		if n := sectorPixels(t, shot); n < 500 {
			t.Errorf("only %d pixels in sector colours: WebGL drew no nodes", n)
		}
		// The exports hold what is drawn.
		var dataURL, svg string
		b.eval(`hubgraphExport('png')`, &dataURL)
		img, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(dataURL, "data:image/png;base64,"))
		if err != nil {
			t.Fatal(err)
		}
		if n := sectorPixels(t, img); n < 500 {
			t.Errorf("the PNG export has only %d pixels in sector colours", n)
		}
		if png := b.downloaded(`[data-export=png]`, "hubgraph-map.png"); !bytes.HasPrefix(png, []byte("\x89PNG")) {
			t.Errorf("the PNG download is not a PNG")
		}
		if file := b.downloaded(`[data-export=svg]`, "hubgraph-map.svg"); !bytes.Contains(file, []byte("<svg")) {
			t.Errorf("the SVG download is not SVG")
		}
		b.eval(`hubgraphExport('svg')`, &svg)
		if n := strings.Count(svg, "<circle"); n != len(nodes) {
			t.Errorf("the SVG export has %d circles for %d organisations", n, len(nodes))
		}
		b.noOutsideRequests()
	})

	t.Run("a pillar filter draws the organisations pillarCoverage gives", func(t *testing.T) {
		b.t = t
		var cov coverage
		b.query(coverageQuery, nil, &cov)
		for _, p := range cov.PillarCoverage {
			b.setControl("#f-pillar", p.Pillar.ID, "change")
			nodes, _, _ := b.drawn()
			sort.Strings(nodes)
			if want := cov.organisations(p.Pillar.ID); !slices.Equal(nodes, want) {
				t.Errorf("pillar %s: drawn %v, want %v", p.Pillar.ID, nodes, want)
			}
		}
		b.setControl("#f-pillar", "livskvalitet", "change")
		b.screenshot("map-pillar")
		b.setControl("#f-pillar", "", "change")
	})

	t.Run("the keyboard finds Kreftforeningen and opens its panel", func(t *testing.T) {
		b.t = t
		b.open("/", mapReady)
		// The first Tab reaches the skip link, with a visible focus ring.
		b.run(chromedp.KeyEvent(kb.Tab), b.until(`document.activeElement?.classList.contains('skip')`))
		var outline string
		b.eval(`getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth`, &outline)
		if strings.HasPrefix(outline, "none") || strings.HasSuffix(outline, " 0px") {
			t.Errorf("the focused skip link has outline %q", outline)
		}
		b.run(chromedp.Click(chromedp.CSS(`[data-picker=map-search]`)), chromedp.SendKeys(chromedp.CSS(`[data-picker=map-search]`), "Kreftforeningen"),
			b.until(`!!document.querySelector('#map-search-results button[data-id=kreftforeningen]')`),
			chromedp.KeyEvent(kb.ArrowDown),
			b.until(`document.activeElement?.dataset?.id === 'kreftforeningen'`),
			chromedp.KeyEvent(kb.Enter),
			b.until(`document.querySelector('#panel')?.dataset.org === 'kreftforeningen' && document.querySelector('#panel').dataset.ready === 'true'`))
	})

	t.Run("the members filter draws the network's members", func(t *testing.T) {
		b.t = t
		var out struct {
			Organisation struct {
				Members struct {
					Edges []struct {
						Node struct{ Member struct{ ID string } }
					}
				}
			}
		}
		b.query(`{ organisation(id: "cancer-mission-hub-norway") { members(first: 100) { edges { node { member { id } } } } } }`, nil, &out)
		var want []string
		for _, e := range out.Organisation.Members.Edges {
			want = append(want, e.Node.Member.ID)
		}
		sort.Strings(want)
		b.setControl("#f-network", "cancer-mission-hub-norway", "change")
		nodes, _, _ := b.drawn()
		sort.Strings(nodes)
		if len(want) == 0 || !slices.Equal(nodes, want) {
			t.Errorf("members drawn %v, want %v", nodes, want)
		}
		b.screenshot("map-members")
		b.setControl("#f-network", "", "change")
	})

	t.Run("a programme filter draws the partners of its projects", func(t *testing.T) {
		b.t = t
		var out struct {
			Projects struct {
				Edges []struct {
					Node struct {
						Partners struct {
							Edges []struct {
								Node struct{ Organisation struct{ ID string } }
							}
						}
					}
				}
			}
		}
		b.query(`{ projects(filter: {programme: "eu4health"}, first: 100) { edges { node { partners(first: 100) { edges { node { organisation { id } } } } } } } }`, nil, &out)
		seen := map[string]bool{}
		var want []string
		for _, p := range out.Projects.Edges {
			for _, e := range p.Node.Partners.Edges {
				if id := e.Node.Organisation.ID; !seen[id] {
					seen[id] = true
					want = append(want, id)
				}
			}
		}
		sort.Strings(want)
		b.setControl("#f-programme", "eu4health", "change")
		nodes, _, _ := b.drawn()
		sort.Strings(nodes)
		if len(want) == 0 || !slices.Equal(nodes, want) {
			t.Errorf("eu4health drawn %v, want %v", nodes, want)
		}
		b.setControl("#f-programme", "", "change")
	})

	t.Run("the date slider draws the ties of that date, as networkGaps and pillarCoverage give them", func(t *testing.T) {
		b.t = t
		var max string
		b.eval(`document.querySelector('#f-date').max`, &max)
		checked := 0
		for _, frac := range []float64{0.1, 0.5, 0.9} {
			var n int
			fmt.Sscan(max, &n)
			pos := fmt.Sprint(int(float64(n) * frac))
			b.setControl("#f-date", pos, "input")
			var asOf string
			b.eval(`document.querySelector('#sigma').dataset.asOf`, &asOf)
			if asOf == "" {
				t.Fatalf("slider at %s of %s gives no date", pos, max)
			}
			var gaps struct {
				NetworkGaps struct{ Components []struct{ Size int } }
			}
			b.query(`query($asOf: Date) { networkGaps(asOf: $asOf) { components { size } } }`, map[string]any{"asOf": asOf}, &gaps)
			want := 0
			for _, c := range gaps.NetworkGaps.Components {
				if c.Size > 1 {
					want += c.Size
				}
			}
			nodes, _, tied := b.drawn()
			if len(nodes) != all.Organisations.TotalCount || tied != want {
				t.Errorf("on %s: %d drawn, %d tied; want %d drawn, %d tied (networkGaps)", asOf, len(nodes), tied, all.Organisations.TotalCount, want)
			}
			// With a pillar, the organisations covering it on that date.
			var cov coverage
			b.query(coverageQuery, map[string]any{"asOf": asOf}, &cov)
			b.setControl("#f-pillar", "livskvalitet", "change")
			nodes, _, _ = b.drawn()
			sort.Strings(nodes)
			if w := cov.organisations("livskvalitet"); !slices.Equal(nodes, w) {
				t.Errorf("livskvalitet on %s: drawn %v, want %v", asOf, nodes, w)
			}
			b.setControl("#f-pillar", "", "change")
			checked++
		}
		b.setControl("#f-date", "0", "input")
		if _, _, tied := b.drawn(); checked != 3 || tied == 0 {
			t.Errorf("back to all dates: %d tied", tied)
		}
	})

	t.Run("clicking Kreftforeningen shows its sources", func(t *testing.T) {
		b.t = t
		var at struct{ X, Y float64 }
		b.eval(`hubgraphNodeAt('kreftforeningen')`, &at)
		b.run(chromedp.MouseClickXY(at.X, at.Y),
			b.until(`(() => { const p = document.querySelector('#panel'); return p && !p.hidden && p.dataset.org === 'kreftforeningen' && p.dataset.ready === 'true'; })()`))
		var want struct {
			Organisation struct{ Sources []struct{ Reference string } }
		}
		b.query(`{ organisation(id: "kreftforeningen") { sources { reference } } }`, nil, &want)
		var shown string
		b.eval(`document.querySelector('#panel table[data-table=sources]').innerText`, &shown)
		if len(want.Organisation.Sources) == 0 {
			t.Fatal("the seed gives Kreftforeningen no sources")
		}
		for _, s := range want.Organisation.Sources {
			if !strings.Contains(shown, s.Reference) {
				t.Errorf("sources shown %q lack %q", shown, s.Reference)
			}
		}
		b.run(chromedp.Click(chromedp.CSS(`#panel [data-action=expand]`)), b.until(`+document.querySelector('#sigma').dataset.highlighted > 1`))
		b.screenshot("map-panel")
		b.contrast("map-panel")
	})

	t.Run("the coverage matrix marks each pillar's missing sectors", func(t *testing.T) {
		b.t = t
		b.open("/#/coverage", `document.querySelector('#view-coverage')?.dataset.ready === 'true'`)
		var cov coverage
		b.query(coverageQuery, nil, &cov)
		var shown map[string][]string
		b.eval(`Object.fromEntries([...document.querySelectorAll('#view-coverage tr[data-pillar]')].map(r =>
			[r.dataset.pillar, [...r.querySelectorAll('td[data-gap=true]')].map(c => c.dataset.sector)]))`, &shown)
		if len(shown) != len(cov.PillarCoverage) {
			t.Errorf("%d pillars shown, want %d", len(shown), len(cov.PillarCoverage))
		}
		for _, p := range cov.PillarCoverage {
			got, want := shown[p.Pillar.ID], slices.Clone(p.MissingSectors)
			sort.Strings(got)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("pillar %s: gaps shown %v, want %v", p.Pillar.ID, got, want)
			}
		}
		b.run(chromedp.Click(chromedp.CSS(`#view-coverage td[data-gap=false] button`)), b.until(`!!document.querySelector('#coverage-detail table')`))
		b.screenshot("coverage")
		b.contrast("coverage")
	})

	t.Run("the gaps view lists brokers and focuses the map on one", func(t *testing.T) {
		b.t = t
		b.open("/#/gaps?suggest=kreftforeningen", `document.querySelector('#view-gaps')?.dataset.ready === 'true'`)
		var rows int
		b.eval(`document.querySelectorAll('#view-gaps table[data-table=brokers] tbody tr').length`, &rows)
		if rows == 0 {
			t.Error("no brokers listed")
		}
		csvFile := b.downloaded(`#view-gaps [data-csv=brokers]`, "brokers.csv")
		table, err := csv.NewReader(bytes.NewReader(csvFile)).ReadAll()
		if err != nil || len(table) != rows+1 || table[0][0] != "Name" {
			t.Errorf("brokers.csv = %q (%v), want a header and %d rows", csvFile, err, rows)
		}
		b.screenshot("gaps")
		b.contrast("gaps")
		b.run(chromedp.Click(chromedp.CSS(`#view-gaps table[data-table=brokers] tbody tr button`)),
			b.until(`document.querySelector('#app').dataset.view === 'map' && +document.querySelector('#sigma').dataset.highlighted >= 1`))
	})

	t.Run("the consortium view: Norway alone fails the EU4Health call, the proposal meets it", func(t *testing.T) {
		b.t = t
		const call = "eu4health-mental-health-cancer-call"
		eligible := `document.querySelector('#eligibility')?.dataset.eligible`
		b.open("/#/consortium?call="+call+"&orgs=kreftforeningen,ung-kreft,oslo-universitetssykehus",
			`document.querySelector('#view-consortium')?.dataset.ready === 'true' && !!`+eligible)
		var got string
		b.eval(eligible, &got)
		if got != "false" {
			t.Errorf("Norway-only consortium: eligible = %s, want false", got)
		}
		var unmet int
		b.eval(`document.querySelectorAll('#eligibility [data-met=false]').length`, &unmet)
		if unmet == 0 {
			t.Error("no requirement shown unmet")
		}
		b.screenshot("consortium-norway")
		b.contrast("consortium-norway")
		// A suggestion adds a partner, and the checks follow.
		b.run(chromedp.Click(chromedp.CSS(`#eligibility [data-suggestion]`)),
			b.until(`document.querySelectorAll('#view-consortium [data-partner]').length === 4 && document.querySelector('#view-consortium').dataset.ready === 'true'`))
		proposal := "akershus-universitetssykehus,akershus-kreftkoordinatorer,kreftforeningen,ung-kreft,oslo-universitetssykehus," +
			"helse-more-og-romsdal,helsedirektoratet,krabbameinsfelag-islands,netherlands-cancer-institute,youth-cancer-europe"
		b.open("/#/consortium?call="+call+"&orgs="+proposal, `document.querySelector('#view-consortium')?.dataset.ready === 'true' && !!`+eligible)
		b.eval(eligible, &got)
		if got != "true" {
			t.Errorf("the proposal's consortium: eligible = %s, want true", got)
		}
		b.screenshot("consortium")
	})

	t.Run("the path view draws a connection on the map", func(t *testing.T) {
		b.t = t
		b.open("/#/path?from=kreftforeningen&to=netherlands-cancer-institute", `document.querySelector('#view-path')?.dataset.ready === 'true'`)
		var length string
		b.eval(`document.querySelector('[data-path-length]')?.dataset.pathLength`, &length)
		if length == "" || length == "none" {
			t.Fatalf("no path found (%q)", length)
		}
		b.screenshot("path")
		b.contrast("path")
		b.run(chromedp.Click(chromedp.CSS(`[data-action=draw-path]`)),
			b.until(`document.querySelector('#app').dataset.view === 'map' && +document.querySelector('#sigma').dataset.highlighted >= 2`))
		b.screenshot("map-path")
	})

	t.Run("the language switch shows bokmål", func(t *testing.T) {
		b.t = t
		b.open("/", mapReady)
		b.run(chromedp.Click(chromedp.CSS(`[data-lang-switch]`)), b.until(`document.querySelector('#tab-map').textContent === 'Kart'`),
			b.until(`document.documentElement.lang === 'nb'`), b.until(mapReady))
		b.screenshot("map-nb")
		b.run(chromedp.Click(chromedp.CSS(`[data-lang-switch]`)), b.until(`document.querySelector('#tab-map').textContent === 'Map'`))
	})

	t.Run("GraphiQL at /graphiql runs a query offline", func(t *testing.T) {
		b.t = t
		b.open("/graphiql", `!!document.querySelector('.graphiql-execute-button')`)
		b.run(chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)), b.until(`document.body.innerText.includes('"Kreftforeningen"')`))
		b.screenshot("graphiql")
		b.noOutsideRequests()
	})

	t.Run("a tablet shows the map", func(t *testing.T) {
		b.t = t
		b.run(chromedp.EmulateViewport(820, 1180))
		b.open("/", mapReady)
		b.screenshot("map-tablet")
		b.noOutsideRequests()
	})
}

// TestExplorerAsksForAToken: where reads need a token, the explorer asks
// for one and then draws the map with it.
func TestExplorerAsksForAToken(t *testing.T) {
	tokens, err := auth.ParseTokens("rd:reader:" + auth.HashToken("reader-secret"))
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowserWith(t, server.Config{Tokens: tokens, ReadsNeedToken: true})
	b.open("/", `document.querySelector('#app').dataset.state === 'token'`)
	b.screenshot("token")
	b.run(chromedp.SendKeys(chromedp.CSS(`#token`), "reader-secret"), chromedp.Click(chromedp.CSS(`#app form button[type=submit]`)),
		b.until(mapReady))
	if nodes, _, _ := b.drawn(); len(nodes) == 0 {
		t.Error("nothing drawn with the reader's token")
	}
	b.noOutsideRequests()
}
