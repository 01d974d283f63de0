package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vbauerster/mpb/v8"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
	"github.com/cancermissionhub/hubgraph/seed"
)

// cli runs hubgraph's commands in-process on one embedded store.
type cli struct {
	t   *testing.T
	env func(string) string
}

func newCLI(t *testing.T) *cli {
	return &cli{t, env(map[string]string{"HUBGRAPH_DATA_DIR": t.TempDir()})}
}

// run runs a command and returns its stdout, stderr and error.
func (c *cli) run(args ...string) (string, string, error) {
	c.t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, c.env, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

// must runs a command that must succeed and returns its stdout and stderr.
func (c *cli) must(args ...string) (string, string) {
	c.t.Helper()
	stdout, stderr, err := c.run(args...)
	if err != nil {
		c.t.Fatalf("hubgraph %s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, stdout, stderr)
	}
	return stdout, stderr
}

func TestImportCommands(t *testing.T) {
	// Each runs on an embedded store of its own, CPU-bound under the
	// race detector (about 50 s): side by side they use both cores.
	t.Parallel()
	c := newCLI(t)
	c.must("seed")
	graph := func() string { out, _ := c.must("export", "-format", "json"); return out }
	seeded := graph()

	// -strict with a bad row: the command fails (hubgraph exits 1), the
	// row is reported by line, and nothing is written.
	data, err := os.ReadFile(testenv.RCNFile(t))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(data), "\r\n", 4)
	broken := filepath.Join(t.TempDir(), "broken.csv")
	os.WriteFile(broken, []byte(lines[0]+"\r\n"+lines[1]+"\r\n"+strings.Replace(lines[2], "01.06.2020 00:00", "first of June", 1)+"\r\n"), 0o644)
	stdout, _, err := c.run("import", "rcn-eu", "-strict", broken)
	if err == nil || !strings.Contains(err.Error(), "nothing was imported") {
		t.Errorf("strict import of a broken file: %v; want a failure saying nothing was imported", err)
	}
	if !strings.Contains(stdout, "broken.csv line 3: bad: start date") {
		t.Errorf("strict import did not report line 3: %s", stdout)
	}
	if graph() != seeded {
		t.Errorf("a refused strict import changed the graph")
	}

	// The real file: problems by line, a summary, and progress lines on
	// stderr, which is not a terminal here.
	stdout, stderr := c.must("import", "rcn-eu", testenv.RCNFile(t))
	for _, want := range []string{
		"rcn-eu-h2020.csv line 52: duplicate: repeats line 51",
		`note: "TELLU AS" names 2 organisation numbers`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the import's output lacks %q:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stdout, ": skipped: no organisation number"); n != 3 {
		t.Errorf("%d rows reported skipped for want of a number, want 3:\n%s", n, stdout)
	}
	summary := regexp.MustCompile(`import: 2931 rows \(1 duplicate, 3 skipped, 0 bad\) → 1957 projects, 692 organisations \(\d+ already in the graph\), 2927 participations of 2930 distinct; (\d+) nodes created`)
	if m := summary.FindStringSubmatch(stdout); m == nil || m[1] == "0" {
		t.Errorf("no summary with the file's figures:\n%s", stdout)
	}
	progress := regexp.MustCompile(`(?m)^import: (\d+) rows read$`).FindAllStringSubmatch(stderr, -1)
	if len(progress) != 5 || progress[0][1] != "500" || progress[4][1] != "2500" {
		t.Errorf("progress lines %v, want every 500 rows up to 2500:\n%s", progress, stderr)
	}
	if !regexp.MustCompile(`(?m)^import: writing \d+ nodes and \d+ relationships…\nimport: written in [0-9.]+ s$`).MatchString(stderr) ||
		strings.ContainsRune(stderr, '\x1b') {
		t.Errorf("no plain lines for the write (or terminal codes where there is no terminal):\n%s", stderr)
	}

	// Again: nothing changes.
	imported := graph()
	stdout, _ = c.must("import", "rcn-eu", testenv.RCNFile(t))
	if !strings.Contains(stdout, "0 nodes created, 0 updated, 0 relationships created") || graph() != imported {
		t.Errorf("a second import changed the graph:\n%s", stdout)
	}

	// CORDIS: the fixture's bad row by file and line; -strict refuses it.
	fixture := filepath.Join("..", "..", "internal", "importer", "testdata", "cordis")
	if stdout, _, err := c.run("import", "cordis", "-strict", fixture); err == nil || !strings.Contains(stdout, "cordis/organization.csv line 8: bad:") {
		t.Errorf("strict CORDIS import: %v\n%s", err, stdout)
	}
	if graph() != imported {
		t.Errorf("a refused strict CORDIS import changed the graph")
	}
	if stdout, _ := c.must("import", "cordis", fixture); !regexp.MustCompile(`→ 2 projects, \d+ organisations`).MatchString(stdout) {
		t.Errorf("CORDIS summary:\n%s", stdout)
	}

	for _, args := range [][]string{{"import"}, {"import", "xml", "f"}, {"import", "rcn-eu"}, {"import", "rcn-eu", "-loose", "f"},
		{"import", "rcn-eu", filepath.Join(t.TempDir(), "missing.csv")}} {
		if _, _, err := c.run(args...); err == nil {
			t.Errorf("hubgraph %s succeeded", strings.Join(args, " "))
		}
	}
}

func TestExportCommand(t *testing.T) {
	// Each runs on an embedded store of its own, CPU-bound under the
	// race detector (about 50 s): side by side they use both cores.
	t.Parallel()
	c := newCLI(t)
	c.must("seed")
	c.must("import", "rcn-eu", testenv.RCNFile(t))
	dir := t.TempDir()

	// GraphML of organisations, projects and participations only.
	gml := filepath.Join(dir, "part.graphml")
	c.must("export", "-format", "graphml", "-labels", "Organisation,Project", "-types", "PARTICIPATES_IN", "-o", gml)
	data, err := os.ReadFile(gml)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Nodes []struct {
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"graph>node"`
		Edges []struct{} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	types := map[string]int{}
	for _, n := range doc.Nodes {
		for _, d := range n.Data {
			if d.Key == "type" {
				types[d.Value]++
			}
		}
	}
	if seeded := seededParticipations(t); len(types) != 2 || types["Organisation"] == 0 || types["Project"] == 0 || len(doc.Edges) != 2927+seeded {
		t.Errorf("GraphML with -labels and -types: node types %v, %d edges; want organisations and projects, 2927 imported + %d seeded participations", types, len(doc.Edges), seeded)
	}

	// CSV: Kumu's two tables in a directory.
	tables := filepath.Join(dir, "csv")
	c.must("export", "-format", "csv", "-types", "PARTICIPATES_IN", "-o", tables)
	for file, header := range map[string]string{"elements.csv": "ID", "connections.csv": "ID"} {
		f, err := os.Open(filepath.Join(tables, file))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(rows) < 2 || rows[0][0] != header {
			t.Errorf("%s: %d rows, %v", file, len(rows), err)
		}
	}

	// JSON: into a fresh store and out again, byte for byte.
	out, _ := c.must("export", "-format", "json")
	path := filepath.Join(dir, "graph.json")
	c.must("export", "-o", path)
	if file, _ := os.ReadFile(path); string(file) != out {
		t.Errorf("-o wrote other bytes than stdout")
	}
	fresh := newCLI(t)
	if stdout, _ := fresh.must("import", "json", path); !strings.Contains(stdout, "nodes created") {
		t.Errorf("import json: %s", stdout)
	}
	if again, _ := fresh.must("export"); again != out {
		t.Errorf("export → import json → export differs (%d vs %d bytes)", len(out), len(again))
	}

	for _, args := range [][]string{{"-format", "xml"}, {"-format", "csv"}, {"-labels", "Nope"}, {"-types", "KNOWS"}, {"-frobnicate"}} {
		if _, _, err := c.run(append([]string{"export"}, args...)...); err == nil {
			t.Errorf("hubgraph export %s succeeded", strings.Join(args, " "))
		}
	}
}

// terminal is an 80-column terminal that keeps what is drawn on it, as
// mpb's ConsoleWriter.
type terminal struct{ syncBuffer }

func (t *terminal) ReadFrom(r io.Reader) (int64, error) {
	b, err := io.ReadAll(r)
	t.Write(b)
	return int64(len(b)), err
}
func (t *terminal) IsTerminal() bool               { return true }
func (t *terminal) GetTermSize() (int, int, error) { return 80, 24, nil }
func (t *terminal) Flush(lines int) error          { return nil }

// TestProgressOnATerminal draws the bars on a terminal: a bar while
// reading, a spinner while writing, and no progress lines.
func TestProgressOnATerminal(t *testing.T) {
	var out terminal
	data, err := os.ReadFile(testenv.RCNFile(t))
	if err != nil {
		t.Fatal(err)
	}
	p := newImportProgress(&out, true, "rcn-eu-h2020.csv", int64(len(data)), mpb.WithConsoleWriter(&out))
	st := memtest.Seeded(t)
	_, err = importer.ImportRCN(context.Background(), st, p.reader(bytes.NewReader(data)), "rcn-eu-h2020.csv", false, p.hooks(false))
	p.done(err)
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "reading rcn-eu-h2020.csv") || !strings.Contains(text, "100 %") ||
		!regexp.MustCompile(`writing \d+ nodes and \d+ relationships`).MatchString(text) || strings.Contains(text, "rows read") {
		t.Errorf("terminal progress:\n%q", text)
	}
}

func TestExportWorksBesideARunningServerAndImportWaitsForIt(t *testing.T) {
	c := newCLI(t)
	c.must("seed")
	// A server holds the data directory as long as it runs.
	server, err := memstore.Open(c.env("HUBGRAPH_DATA_DIR"))
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close(context.Background())
	out, _ := c.must("export", "-format", "json")
	if !strings.Contains(out, `"kreftforeningen"`) {
		t.Errorf("the export beside a running server holds no Kreftforeningen: %.200s", out)
	}
	if _, _, err := c.run("seed"); !errors.Is(err, memstore.ErrInUse) {
		t.Errorf("seeding beside a running server: %v, want the directory in use", err)
	}
}

// seededParticipations counts the default dataset's participations.
func seededParticipations(t *testing.T) int {
	t.Helper()
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range ds.Links {
		if l.Type == ecosystem.RelParticipatesIn {
			n++
		}
	}
	return n
}
