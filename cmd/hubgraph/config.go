package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cancermissionhub/hubgraph/graph"
	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/server"
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
	// Introspection serves the schema to clients; off, it also hides
	// "Did you mean" suggestions.
	Introspection bool
	// Limits bound each request (see server.Limits).
	Limits server.Limits
	// TrustedProxies may name the client in X-Forwarded-For.
	TrustedProxies []netip.Prefix
	// Drain is how long a shutdown waits for requests in flight.
	Drain time.Duration
	// LoaderWait is how long a request's loaders gather keys before they
	// read the store (see graph.NewLoaders).
	LoaderWait time.Duration
}

// defaults are the values used when a variable is unset. The Neo4j
// password matches the default of scripts/neo4j.
var defaults = map[string]string{
	"HUBGRAPH_ADDR":              "127.0.0.1:8080",
	"HUBGRAPH_CORS_ORIGINS":      "http://localhost:3000,http://localhost:5173",
	"HUBGRAPH_GRAPHIQL":          "true",
	"HUBGRAPH_LOG_LEVEL":         "info",
	"HUBGRAPH_TOKENS":            "",
	"HUBGRAPH_TOKENS_FILE":       "",
	"HUBGRAPH_READS_NEED_TOKEN":  "false",
	"HUBGRAPH_DATA_DIR":          "hubgraph-data",
	"NEO4J_URI":                  "",
	"NEO4J_USERNAME":             "neo4j",
	"NEO4J_PASSWORD":             "hubgraph-dev-password",
	"NEO4J_DATABASE":             "neo4j",
	"HUBGRAPH_TOMBSTONE_SECRET":  "",
	"HUBGRAPH_TRUSTED_PROXIES":   "",
	"HUBGRAPH_DRAIN_TIMEOUT":     "15s",
	"HUBGRAPH_LOADER_WAIT":       graph.DefaultLoaderWait.String(),
	"NEO4J_RETRY_TIME":           "5s",
	"HUBGRAPH_PROFILE":           "development",
	"HUBGRAPH_INTROSPECTION":     "true",
	"HUBGRAPH_MAX_BODY_BYTES":    strconv.FormatInt(server.DefaultLimits.MaxBodyBytes, 10),
	"HUBGRAPH_MAX_TOKENS":        strconv.Itoa(server.DefaultLimits.MaxTokens),
	"HUBGRAPH_MAX_DEPTH":         strconv.Itoa(server.DefaultLimits.MaxDepth),
	"HUBGRAPH_MAX_ALIASES":       strconv.Itoa(server.DefaultLimits.MaxAliases),
	"HUBGRAPH_MAX_DIRECTIVES":    strconv.Itoa(server.DefaultLimits.MaxDirectives),
	"HUBGRAPH_MAX_FIELDS":        strconv.Itoa(server.DefaultLimits.MaxFields),
	"HUBGRAPH_MAX_DUPLICATES":    strconv.Itoa(server.DefaultLimits.MaxDuplicateFields),
	"HUBGRAPH_MAX_NODES":         strconv.Itoa(server.DefaultLimits.MaxNodes),
	"HUBGRAPH_ANALYTICS_COST":    strconv.Itoa(server.DefaultLimits.AnalyticsCost),
	"HUBGRAPH_LIST_BOUND":        strconv.Itoa(server.DefaultLimits.ListBound),
	"HUBGRAPH_MAX_LIST_ARGUMENT": strconv.Itoa(server.DefaultLimits.MaxListArgument),
	"HUBGRAPH_REQUEST_TIMEOUT":   server.DefaultLimits.Timeout.String(),
	"HUBGRAPH_SLOW_QUERY":        server.DefaultLimits.SlowQuery.String(),
	"HUBGRAPH_RATE_LIMIT":        strconv.FormatFloat(server.DefaultLimits.RatePerSecond, 'g', -1, 64),
	"HUBGRAPH_RATE_BURST":        strconv.Itoa(server.DefaultLimits.RateBurst),
	"HUBGRAPH_MAX_EXPENSIVE":     strconv.Itoa(server.DefaultLimits.MaxExpensive),
}

// profiles change the defaults of a few variables at once (a variable set
// explicitly still wins). production serves no GraphiQL, no
// introspection or field suggestions, and reads only with a token.
var profiles = map[string]map[string]string{
	"development": {},
	"production": {
		"HUBGRAPH_GRAPHIQL":         "false",
		"HUBGRAPH_INTROSPECTION":    "false",
		"HUBGRAPH_READS_NEED_TOKEN": "true",
	},
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
	var cfg config
	profile, known := profiles[getenv("HUBGRAPH_PROFILE")]
	if p := getenv("HUBGRAPH_PROFILE"); p == "" {
		profile, known = profiles[defaults["HUBGRAPH_PROFILE"]]
	} else if !known {
		return cfg, fmt.Errorf("HUBGRAPH_PROFILE: %q is not development or production", p)
	}
	get := func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		if v, ok := profile[k]; ok {
			return v
		}
		return defaults[k]
	}
	cfg.Addr = get("HUBGRAPH_ADDR")
	cfg.DataDir = get("HUBGRAPH_DATA_DIR")
	cfg.Neo4j = neo4jstore.Config{
		URI: get("NEO4J_URI"), Username: get("NEO4J_USERNAME"),
		Password: get("NEO4J_PASSWORD"), Database: get("NEO4J_DATABASE"),
		TombstoneSecret: get("HUBGRAPH_TOMBSTONE_SECRET"),
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
	if cfg.Introspection, err = strconv.ParseBool(get("HUBGRAPH_INTROSPECTION")); err != nil {
		return cfg, fmt.Errorf("HUBGRAPH_INTROSPECTION: %q is not true or false", get("HUBGRAPH_INTROSPECTION"))
	}
	if cfg.Limits, err = loadLimits(get); err != nil {
		return cfg, err
	}
	if cfg.TrustedProxies, err = server.ParseTrustedProxies(get("HUBGRAPH_TRUSTED_PROXIES")); err != nil {
		return cfg, fmt.Errorf("HUBGRAPH_TRUSTED_PROXIES: %w", err)
	}
	if cfg.Drain, err = time.ParseDuration(get("HUBGRAPH_DRAIN_TIMEOUT")); err != nil {
		return cfg, fmt.Errorf("HUBGRAPH_DRAIN_TIMEOUT: %w", err)
	}
	if cfg.LoaderWait, err = time.ParseDuration(get("HUBGRAPH_LOADER_WAIT")); err != nil || cfg.LoaderWait <= 0 {
		return cfg, fmt.Errorf("HUBGRAPH_LOADER_WAIT: %q is not a positive duration such as 1ms or 500us", get("HUBGRAPH_LOADER_WAIT"))
	}
	if cfg.Neo4j.RetryTime, err = time.ParseDuration(get("NEO4J_RETRY_TIME")); err != nil {
		return cfg, fmt.Errorf("NEO4J_RETRY_TIME: %w", err)
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

// loadLimits reads the request limits; 0 or a negative number switches a
// limit off.
func loadLimits(get func(string) string) (server.Limits, error) {
	var l server.Limits
	ints := map[string]*int{
		"HUBGRAPH_MAX_TOKENS": &l.MaxTokens, "HUBGRAPH_MAX_DEPTH": &l.MaxDepth,
		"HUBGRAPH_MAX_ALIASES": &l.MaxAliases, "HUBGRAPH_MAX_DIRECTIVES": &l.MaxDirectives,
		"HUBGRAPH_MAX_FIELDS": &l.MaxFields, "HUBGRAPH_MAX_DUPLICATES": &l.MaxDuplicateFields,
		"HUBGRAPH_MAX_NODES": &l.MaxNodes, "HUBGRAPH_ANALYTICS_COST": &l.AnalyticsCost,
		"HUBGRAPH_LIST_BOUND": &l.ListBound, "HUBGRAPH_RATE_BURST": &l.RateBurst,
		"HUBGRAPH_MAX_LIST_ARGUMENT": &l.MaxListArgument,
		"HUBGRAPH_MAX_EXPENSIVE":     &l.MaxExpensive,
	}
	for k, into := range ints {
		n, err := strconv.Atoi(get(k))
		if err != nil {
			return l, fmt.Errorf("%s: %q is not a whole number", k, get(k))
		}
		*into = off(n)
	}
	n, err := strconv.ParseInt(get("HUBGRAPH_MAX_BODY_BYTES"), 10, 64)
	if err != nil {
		return l, fmt.Errorf("HUBGRAPH_MAX_BODY_BYTES: %q is not a whole number", get("HUBGRAPH_MAX_BODY_BYTES"))
	}
	l.MaxBodyBytes = int64(off(int(n)))
	for k, into := range map[string]*time.Duration{"HUBGRAPH_REQUEST_TIMEOUT": &l.Timeout, "HUBGRAPH_SLOW_QUERY": &l.SlowQuery} {
		d, err := time.ParseDuration(get(k))
		if err != nil {
			return l, fmt.Errorf("%s: %w", k, err)
		}
		*into = time.Duration(off(int(d)))
	}
	if l.RatePerSecond, err = strconv.ParseFloat(get("HUBGRAPH_RATE_LIMIT"), 64); err != nil {
		return l, fmt.Errorf("HUBGRAPH_RATE_LIMIT: %q is not a number", get("HUBGRAPH_RATE_LIMIT"))
	}
	if l.RatePerSecond <= 0 {
		l.RatePerSecond = -1
	}
	return l, nil
}

// off maps a setting of 0 (switched off) to server.Limits' -1.
func off(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}
