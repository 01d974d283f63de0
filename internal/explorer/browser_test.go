package explorer_test

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/server"
)

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

	t.Run("the arrow keys move between organisations on the map and Enter opens one", func(t *testing.T) {
		b.t = t
		b.open("/", mapReady)
		b.run(chromedp.Focus(chromedp.CSS(`#sigma`)), chromedp.KeyEvent(kb.Home), b.until(`!!document.querySelector('#sigma').dataset.cursor`))
		var first, second, announced string
		b.eval(`document.querySelector('#sigma').dataset.cursor`, &first)
		nodes, _, _ := b.drawn()
		if !slices.Contains(nodes, first) {
			t.Fatalf("Home put the cursor on %q, which is not drawn", first)
		}
		moved := false
		for _, key := range []string{kb.ArrowRight, kb.ArrowLeft, kb.ArrowDown, kb.ArrowUp} {
			b.run(chromedp.KeyEvent(key))
			b.eval(`document.querySelector('#sigma').dataset.cursor`, &second)
			if second != first {
				moved = true
				break
			}
		}
		if !moved || !slices.Contains(nodes, second) {
			t.Fatalf("no arrow key moved the cursor from %q to another drawn organisation (now %q)", first, second)
		}
		b.eval(`document.querySelector('#map-cursor').textContent`, &announced)
		if !strings.Contains(announced, "tie") {
			t.Errorf("the live region says %q after moving to %s", announced, second)
		}
		b.run(chromedp.KeyEvent(kb.Enter),
			b.until(`document.querySelector('#panel')?.dataset.org === '`+second+`' && document.querySelector('#panel').dataset.ready === 'true'`))
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
			b.query(`query($asOf: Date) { networkGaps(asOf: $asOf, scope: {}) { components { size } } }`, map[string]any{"asOf": asOf}, &gaps)
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
