// Command bench measures hubgraph against what a user would pick instead
// (the peer: @neo4j/graphql 7 on Apollo Server 5, in bench/peer) and
// against the floor (each query's hand-written Cypher through the Go
// driver), on one Neo4j and the very same graph; hubgraph's embedded
// store answers too. It loads a synthetic ecosystem (or the seed plus
// the H2020 import) through hubgraph's own write path, starts the four
// servers, checks that they give the same answers by id, then drives
// each query in a closed loop at each concurrency, interleaving the
// systems, and prints throughput, latency, CPU per request and memory
// of each process, and the ratios. `make bench-peer` runs it; see
// bench/README.md.
//
//	go run ./bench [-scale tiny|S|M|L|real] [-duration 2s] [-rounds 3] [-concurrency 1,8] [-queries q1,q2]
//	go run ./bench floor -addr 127.0.0.1:0   (the floor's server; the harness starts it)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
	"github.com/cancermissionhub/hubgraph/internal/store/neo4jstore"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// options are the harness's settings.
type options struct {
	scale       string
	neo4j       neo4jstore.Config
	duration    time.Duration
	rounds      int
	concurrency []int
	queries     map[string]bool
	load        bool
	peerDir     string
	loadOnly    bool
	neo4jPid    int
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "floor" {
		return serveFloor(ctx, args[1:], getenv, stdout)
	}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var o options
	fs.StringVar(&o.scale, "scale", "M", "tiny, S (1,000 organisations), M (10,000), L (100,000) or real (the seed and the H2020 import)")
	fs.DurationVar(&o.duration, "duration", 2*time.Second, "the length of one measuring window")
	fs.IntVar(&o.rounds, "rounds", 3, "windows per system, query and concurrency, interleaved")
	conc := fs.String("concurrency", "1,8", "the closed loop's concurrencies")
	queries := fs.String("queries", "", "the queries to run (all when empty), such as q1,q6")
	fs.BoolVar(&o.load, "load", true, "load the graph first (false: measure the graph as it is)")
	fs.StringVar(&o.peerDir, "peer", "bench/peer", "the peer's directory")
	fs.BoolVar(&o.loadOnly, "load-only", false, "load the graph, print the time and stop")
	cpuProfile := fs.String("cpuprofile", "", "write the harness's own CPU profile (the loads included) to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for _, c := range strings.Split(*conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			return fmt.Errorf("bad concurrency %q", c)
		}
		o.concurrency = append(o.concurrency, n)
	}
	if *queries != "" {
		o.queries = map[string]bool{}
		for _, q := range strings.Split(*queries, ",") {
			o.queries[strings.TrimSpace(q)] = true
		}
	}
	o.neo4j = neo4jConfig(getenv)
	if o.neo4j.URI == "" {
		return fmt.Errorf("NEO4J_URI is not set (`scripts/neo4j start`, then NEO4J_URI=$(scripts/neo4j uri))")
	}
	home := getenv("NEO4J_HOME_DIR")
	if home == "" {
		home = ".neo4j"
	}
	if b, err := os.ReadFile(filepath.Join(home, "run", "neo4j.pid")); err == nil {
		o.neo4jPid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	}
	return bench(ctx, o, stdout)
}

func neo4jConfig(getenv func(string) string) neo4jstore.Config {
	or := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	return neo4jstore.Config{URI: getenv("NEO4J_URI"), Username: or("NEO4J_USERNAME", "neo4j"),
		Password: or("NEO4J_PASSWORD", "hubgraph-dev-password"), Database: or("NEO4J_DATABASE", "neo4j")}
}

// bench loads the graph, starts the servers and measures.
func bench(ctx context.Context, o options, stdout io.Writer) error {
	tmp, err := os.MkdirTemp("", "hubgraph-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dataDir := filepath.Join(tmp, "embedded")
	fmt.Fprintf(stdout, "# hubgraph bench, scale %s, %s\n\n", o.scale, time.Now().UTC().Format("2006-01-02 15:04 MST"))
	if o.load {
		if err := Empty(ctx, o.neo4j); err != nil {
			return err
		}
		st, err := neo4jstore.Open(ctx, o.neo4j)
		if err != nil {
			return err
		}
		if err := Load(ctx, st, o.scale, stdout); err != nil {
			st.Close(ctx)
			return err
		}
		st.Close(ctx)
		mem, err := memstore.Open(dataDir)
		if err != nil {
			return err
		}
		if err := Load(ctx, mem, o.scale, stdout); err != nil {
			mem.Close(ctx)
			return err
		}
		if err := mem.Close(ctx); err != nil {
			return err
		}
		if o.loadOnly {
			return nil
		}
	} else {
		fmt.Fprintln(stdout, "(-load=false: the embedded store is not measured)")
	}

	// The servers, each its own process.
	hubBin := filepath.Join(tmp, "hubgraph")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", hubBin, "./cmd/hubgraph").CombinedOutput(); err != nil {
		return fmt.Errorf("building hubgraph: %v\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if err := PeerInstall(ctx, o.peerDir); err != nil {
		return err
	}
	neoEnv := []string{"NEO4J_URI=" + o.neo4j.URI, "NEO4J_USERNAME=" + o.neo4j.Username, "NEO4J_PASSWORD=" + o.neo4j.Password, "NEO4J_DATABASE=" + o.neo4j.Database}
	hubEnv := []string{"HUBGRAPH_RATE_LIMIT=0", "HUBGRAPH_LOG_LEVEL=error", "HUBGRAPH_SLOW_QUERY=0"}
	type proc struct {
		name, path string
		kind       Kind
		cmd        func(port int) *exec.Cmd
		embedded   bool
	}
	procs := []proc{
		{"hubgraph", "/graphql", KindHub, func(port int) *exec.Cmd {
			c := exec.Command(hubBin, "serve")
			c.Env = append(append(baseEnv(), neoEnv...), append(hubEnv, fmt.Sprintf("HUBGRAPH_ADDR=127.0.0.1:%d", port))...)
			return c
		}, false},
		{"peer", "/", KindPeer, func(port int) *exec.Cmd {
			c := exec.Command("node", "server.js")
			c.Dir = o.peerDir
			c.Env = append(append(baseEnv(), neoEnv...), fmt.Sprintf("PORT=%d", port))
			return c
		}, false},
		{"floor", "/", KindFloor, func(port int) *exec.Cmd {
			c := exec.Command(self, "floor", "-addr", fmt.Sprintf("127.0.0.1:%d", port))
			c.Env = append(baseEnv(), neoEnv...)
			return c
		}, false},
	}
	if o.load {
		procs = append(procs, proc{"embedded", "/graphql", KindHub, func(port int) *exec.Cmd {
			c := exec.Command(hubBin, "serve")
			c.Env = append(baseEnv(), append(hubEnv, fmt.Sprintf("HUBGRAPH_ADDR=127.0.0.1:%d", port), "HUBGRAPH_DATA_DIR="+dataDir)...)
			return c
		}, true})
	}
	var systems []System
	for _, p := range procs {
		port, err := freePort()
		if err != nil {
			return err
		}
		cmd := p.cmd(port)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		started := time.Now()
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("starting %s: %w", p.name, err)
		}
		defer func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() }()
		sys := System{Name: p.name, Kind: p.kind, URL: fmt.Sprintf("http://127.0.0.1:%d%s", port, p.path), Pid: cmd.Process.Pid, Embedded: p.embedded}
		if err := awaitReady(ctx, sys); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "- %s ready in %.2f s (pid %d)\n", p.name, time.Since(started).Seconds(), sys.Pid)
		systems = append(systems, sys)
	}
	fmt.Fprintln(stdout)

	driver, err := openDriver(ctx, o.neo4j.URI, o.neo4j.Username, o.neo4j.Password)
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	params, err := PickParams(ctx, driver, o.neo4j.Database, systems)
	if err != nil {
		return err
	}
	qs := selected(o.queries)
	if err := Compare(ctx, qs, systems, params, stdout); err != nil {
		return err
	}
	results := Measure(ctx, qs, systems, params, o, stdout)
	Report(stdout, qs, systems, o.concurrency, results)
	return ctx.Err()
}

// selected returns the queries named in set (all when set is nil).
func selected(set map[string]bool) []Query {
	var out []Query
	for _, q := range Queries {
		if set == nil || set[q.Name] {
			out = append(out, q)
		}
	}
	return out
}

// baseEnv is the harness's environment without the settings it gives
// each server itself.
func baseEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") && !strings.HasPrefix(kv, "HUBGRAPH_") && !strings.HasPrefix(kv, "PORT=") {
			out = append(out, kv)
		}
	}
	return out
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// awaitReady waits until a server answers a request.
func awaitReady(ctx context.Context, sys System) error {
	body := []byte(`{"query":"{ __typename }"}`)
	if sys.Kind == KindFloor {
		body = []byte(`{"query":"ping"}`)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, err := post(ctx, sys.URL, body)
		if err == nil || (sys.Kind == KindFloor && strings.Contains(err.Error(), "status 404")) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not answer in 60 s: %w", sys.Name, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// PeerInstall installs the peer's packages from its lock file when they
// are missing.
func PeerInstall(ctx context.Context, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j", "graphql")); err == nil {
		return nil
	}
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci in %s: %v\n%s", dir, err, out)
	}
	return nil
}

// serveFloor runs the floor's HTTP server until ctx ends.
func serveFloor(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := neo4jConfig(getenv)
	driver, err := openDriver(ctx, cfg.URI, cfg.Username, cfg.Password)
	if err != nil {
		return err
	}
	defer driver.Close(context.Background())
	srv := &http.Server{Addr: *addr, Handler: &Floor{Driver: driver, Database: cfg.Database}, ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); _ = srv.Close() }()
	fmt.Fprintf(stdout, "floor serving at http://%s/\n", *addr)
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		return err
	}
	return nil
}
