// Command hubgraph serves the cancer-ecosystem knowledge graph over
// GraphQL and administers its store.
//
//	hubgraph [serve [-seed]]  serve GraphQL (the explorer at /, GraphiQL at /graphiql)
//	hubgraph migrate          create constraints and indexes
//	hubgraph seed             load the embedded default dataset (idempotent)
//	hubgraph version          print the version
//
// With NEO4J_URI set the graph lives in that Neo4j; without it, in the
// embedded store under HUBGRAPH_DATA_DIR, which needs nothing installed
// and is seeded on first start. Configuration comes from the environment
// (see config.go and the README).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
	"github.com/cancermissionhub/hubgraph/internal/store/neo4jstore"
	"github.com/cancermissionhub/hubgraph/seed"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "hubgraph:", err)
		os.Exit(1)
	}
}

const usage = `usage: hubgraph [settings] [command] [flags]

settings: every variable of the README's configuration table is also a flag given
before the command, which wins over the environment: HUBGRAPH_ADDR is -addr,
HUBGRAPH_DATA_DIR is -data-dir, NEO4J_URI is -neo4j-uri, and so on
(hubgraph -addr 127.0.0.1:9090 -data-dir /tmp/hub serve).

commands:
  serve [-seed]  serve GraphQL at /graphql, the explorer at / and GraphiQL at /graphiql
                 (the default command); the default
                 dataset is loaded when the graph is empty, or always with -seed
  migrate        create the store's constraints and indexes
  seed           load the embedded default dataset; running it twice changes nothing
  import rcn-eu [-strict] FILE
                 import the Research Council's H2020 participations (rcn-eu-h2020.csv)
  import cordis [-strict] DIR
                 import CORDIS's Horizon Europe project.csv and organization.csv from DIR
  import json FILE
                 load a JSON export (hubgraph export -format json)
  export [-format json|graphml|csv] [-labels L,..] [-types T,..] [-o PATH]
                 write the graph, or part of it, for Gephi, Kumu, spreadsheets or re-import
  hash-token T   print the SHA-256 of token T, the form HUBGRAPH_TOKENS holds
  version        print the version
`

// run is the whole program, with its inputs passed in so that tests can
// drive it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	args, getenv, err := withFlags(args, getenv, io.Discard)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return nil
	}
	if err != nil {
		fmt.Fprint(stderr, usage)
		return err
	}
	if len(args) == 0 {
		args = []string{"serve"}
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "hubgraph", version)
		return nil
	case "migrate":
		st, err := openStore(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close(context.Background())
		fmt.Fprintln(stdout, "the store's schema is in place")
		return nil
	case "seed":
		st, err := openStore(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close(context.Background())
		return seedStore(ctx, st, stdout)
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(stderr)
		withSeed := fs.Bool("seed", false, "load the default dataset before serving")
		if err := fs.Parse(rest); err != nil {
			return err
		}
		if percent, ok := gcPercent(cfg, getenv); ok {
			debug.SetGCPercent(percent)
		}
		st, err := openStore(ctx, cfg)
		if cfg.Neo4j.URI != "" && ecosystem.ErrorCode(err) == ecosystem.CodeUnavailable {
			// Serve anyway: not ready, failing fast, until Neo4j answers.
			logger.Warn("Neo4j does not answer; serving anyway: /readyz says 503 and requests fail with UNAVAILABLE until it does, then the schema is migrated", "error", err.Error())
			nst, nerr := neo4jstore.New(cfg.Neo4j)
			if nerr != nil {
				return nerr
			}
			defer nst.Close(context.Background())
			// Preparing stops, and is over, before the store closes
			// (the deferred calls run in reverse): closing the driver
			// under a read still running is a data race in the driver.
			preparing, stopPreparing := context.WithCancel(ctx)
			prepared := make(chan struct{})
			go func() {
				defer close(prepared)
				prepareWhenUp(preparing, nst, *withSeed, logger, stdout)
			}()
			defer func() {
				stopPreparing()
				<-prepared
			}()
			return serve(ctx, cfg, nst, logger, stdout)
		}
		if err != nil {
			return err
		}
		defer st.Close(context.Background())
		if err := prepareStore(ctx, st, *withSeed, stdout); err != nil {
			return err
		}
		return serve(ctx, cfg, st, logger, stdout)
	case "import":
		if len(rest) == 2 && rest[0] == "json" {
			return importJSON(ctx, cfg, rest[1], stdout)
		}
		return importCommand(ctx, cfg, rest, stdout, stderr)
	case "export":
		return exportCommand(ctx, cfg, rest, stdout, stderr)
	case "hash-token":
		if len(rest) != 1 {
			return errors.New("usage: hubgraph hash-token <token>")
		}
		fmt.Fprintln(stdout, auth.HashToken(rest[0]))
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// neo4jGCPercent is the garbage collector's target (GOGC) of a server
// whose graph lives in Neo4j. Its live heap is then a few megabytes and
// nearly everything it allocates is some request's garbage, so that
// collecting a quarter as often costs little memory and much CPU less:
// issue 13's deep query at scale M took 15 ms of CPU a request at Go's
// default of 100 and 11 ms at 400, RSS 35 -> 57 MB. The embedded store
// keeps Go's default: its live heap is the graph.
const neo4jGCPercent = 400

// gcPercent returns the garbage collector's target for serving cfg, or
// false to leave Go's (GOGC, when set, always wins).
func gcPercent(cfg config, getenv func(string) string) (int, bool) {
	if cfg.Neo4j.URI == "" || getenv("GOGC") != "" {
		return 0, false
	}
	return neo4jGCPercent, true
}

// openStore opens the configured store: Neo4j when NEO4J_URI is set (with
// its schema migrated), otherwise the embedded store in the data
// directory.
func openStore(ctx context.Context, cfg config) (ecosystem.Store, error) {
	if cfg.Neo4j.URI == "" {
		st, err := memstore.Open(cfg.DataDir)
		if err != nil {
			return nil, err
		}
		return st, nil
	}
	openCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	st, err := neo4jstore.Open(openCtx, cfg.Neo4j)
	if err != nil {
		return nil, fmt.Errorf("%w (is Neo4j running? `scripts/neo4j start` starts a local one)", err)
	}
	if err := st.Migrate(openCtx); err != nil {
		st.Close(context.Background())
		return nil, err
	}
	return st, nil
}

// prepareStore seeds an empty graph, or any graph with seed.
func prepareStore(ctx context.Context, st ecosystem.Store, seed bool, stdout io.Writer) error {
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if seed || stats.TotalNodes() == 0 {
		return seedStore(ctx, st, stdout)
	}
	return nil
}

// prepareWhenUp waits for a Neo4j that did not answer at start, then
// migrates its schema and prepares the graph as a normal start does.
func prepareWhenUp(ctx context.Context, st *neo4jstore.Store, seed bool, logger *slog.Logger, stdout io.Writer) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
		if st.Ping(ctx) != nil {
			continue
		}
		err := st.Migrate(ctx)
		if err == nil {
			err = prepareStore(ctx, st, seed, stdout)
		}
		if err != nil {
			logger.Warn("Neo4j answers, but preparing it failed; trying again", "error", err.Error())
			continue
		}
		logger.Info("Neo4j answers: schema migrated, serving")
		return
	}
}

// openStoreToRead opens the configured store for reading only: the
// embedded store without its lock, so that an export works beside a
// running server.
func openStoreToRead(ctx context.Context, cfg config) (ecosystem.Store, error) {
	if cfg.Neo4j.URI == "" {
		return memstore.OpenReadOnly(cfg.DataDir)
	}
	return openStore(ctx, cfg)
}

// seedStore loads the embedded dataset and prints what changed.
func seedStore(ctx context.Context, st ecosystem.Store, stdout io.Writer) error {
	ds, err := seed.Default()
	if err != nil {
		return err
	}
	stats, err := st.Apply(ctx, ds)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	gs, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seed: %d nodes created, %d updated, %d relationships created; the graph holds %d nodes and %d relationships\n",
		stats.NodesCreated, stats.NodesUpdated, stats.LinksCreated, gs.TotalNodes(), gs.TotalRelationships())
	return nil
}

// serve runs the HTTP server until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, cfg config, st ecosystem.Store, logger *slog.Logger, stdout io.Writer) error {
	srv := &http.Server{
		Addr: cfg.Addr,
		Handler: server.New(server.Config{
			Store: st, Analytics: analytics.New(st), Logger: logger, CORSOrigins: cfg.CORSOrigins, GraphiQL: cfg.GraphiQL,
			Tokens: cfg.Tokens, ReadsNeedToken: cfg.ReadsNeedToken,
			HideSchema: !cfg.Introspection, Limits: cfg.Limits, TrustedProxies: cfg.TrustedProxies,
			LoaderWait: cfg.LoaderWait,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      max(60*time.Second, cfg.Limits.Timeout+10*time.Second),
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "hubgraph %s serving GraphQL at http://%s/graphql (explorer at /, GraphiQL at /graphiql: %v)\n", version, ln.Addr(), cfg.GraphiQL)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "drainTimeout", cfg.Drain.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.Drain)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
