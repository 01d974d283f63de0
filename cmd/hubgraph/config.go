package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/store/neo4jstore"
)

// config is every setting, read from the environment in one place. The
// README's configuration table lists the same variables and defaults.
type config struct {
	Addr string
	// DataDir holds the embedded store's data file when NEO4J_URI is unset.
	DataDir     string
	Neo4j       neo4jstore.Config
	CORSOrigins []string
	GraphiQL    bool
	LogLevel    slog.Level
	// Tokens come from HUBGRAPH_TOKENS and the file HUBGRAPH_TOKENS_FILE.
	Tokens         auth.Tokens
	ReadsNeedToken bool
}

// defaults are the values used when a variable is unset. The Neo4j
// password matches the default of scripts/neo4j.
var defaults = map[string]string{
	"HUBGRAPH_ADDR":             "127.0.0.1:8080",
	"HUBGRAPH_CORS_ORIGINS":     "http://localhost:3000,http://localhost:5173",
	"HUBGRAPH_GRAPHIQL":         "true",
	"HUBGRAPH_LOG_LEVEL":        "info",
	"HUBGRAPH_TOKENS":           "",
	"HUBGRAPH_TOKENS_FILE":      "",
	"HUBGRAPH_READS_NEED_TOKEN": "false",
	"HUBGRAPH_DATA_DIR":         "hubgraph-data",
	"NEO4J_URI":                 "",
	"NEO4J_USERNAME":            "neo4j",
	"NEO4J_PASSWORD":            "hubgraph-dev-password",
	"NEO4J_DATABASE":            "neo4j",
}

// flagName is the command-line flag of a variable: HUBGRAPH_ADDR is
// -addr, NEO4J_URI is -neo4j-uri.
func flagName(variable string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(variable, "HUBGRAPH_")), "_", "-")
}

// withFlags reads the global flags at the start of args (one per variable
// of defaults, see flagName) and returns the rest of args and a getenv in
// which a flag given wins over the environment.
func withFlags(args []string, getenv func(string) string, stderr io.Writer) ([]string, func(string) string, error) {
	fs := flag.NewFlagSet("hubgraph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	variableOf := map[string]string{}
	for variable := range defaults {
		fs.String(flagName(variable), "", "overrides $"+variable)
		variableOf[flagName(variable)] = variable
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	given := map[string]string{}
	fs.Visit(func(f *flag.Flag) { given[variableOf[f.Name]] = f.Value.String() })
	return fs.Args(), func(k string) string {
		if v, ok := given[k]; ok {
			return v
		}
		return getenv(k)
	}, nil
}

func loadConfig(getenv func(string) string) (config, error) {
	get := func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return defaults[k]
	}
	var cfg config
	cfg.Addr = get("HUBGRAPH_ADDR")
	cfg.DataDir = get("HUBGRAPH_DATA_DIR")
	cfg.Neo4j = neo4jstore.Config{
		URI: get("NEO4J_URI"), Username: get("NEO4J_USERNAME"),
		Password: get("NEO4J_PASSWORD"), Database: get("NEO4J_DATABASE"),
	}
	for _, o := range strings.Split(get("HUBGRAPH_CORS_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.CORSOrigins = append(cfg.CORSOrigins, o)
		}
	}
	var err error
	if cfg.GraphiQL, err = strconv.ParseBool(get("HUBGRAPH_GRAPHIQL")); err != nil {
		return cfg, fmt.Errorf("HUBGRAPH_GRAPHIQL: %q is not true or false", get("HUBGRAPH_GRAPHIQL"))
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(get("HUBGRAPH_LOG_LEVEL"))); err != nil {
		return cfg, fmt.Errorf("HUBGRAPH_LOG_LEVEL: %w", err)
	}
	if cfg.ReadsNeedToken, err = strconv.ParseBool(get("HUBGRAPH_READS_NEED_TOKEN")); err != nil {
		return cfg, fmt.Errorf("HUBGRAPH_READS_NEED_TOKEN: %q is not true or false", get("HUBGRAPH_READS_NEED_TOKEN"))
	}
	spec := get("HUBGRAPH_TOKENS")
	if path := get("HUBGRAPH_TOKENS_FILE"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("HUBGRAPH_TOKENS_FILE: %w", err)
		}
		spec += "\n" + string(data)
	}
	if cfg.Tokens, err = auth.ParseTokens(spec); err != nil {
		return cfg, fmt.Errorf("tokens: %w", err)
	}
	return cfg, nil
}
