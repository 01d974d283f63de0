package main

import (
	"io"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/server"
)

func TestProfileAndLimitSettings(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		check func(config) bool
	}{
		{"defaults are server.DefaultLimits", nil, nil, func(c config) bool {
			return c.Limits == server.DefaultLimits && c.GraphiQL && c.Introspection && !c.ReadsNeedToken
		}},
		{"the production profile", nil, map[string]string{"HUBGRAPH_PROFILE": "production"}, func(c config) bool {
			return !c.GraphiQL && !c.Introspection && c.ReadsNeedToken
		}},
		{"the production profile by flag", []string{"-profile", "production"}, nil, func(c config) bool {
			return !c.GraphiQL && !c.Introspection && c.ReadsNeedToken
		}},
		{"a setting given wins over the profile", []string{"-profile", "production", "-graphiql", "true"}, nil, func(c config) bool {
			return c.GraphiQL && !c.Introspection
		}},
		{"limits from the environment", nil, map[string]string{"HUBGRAPH_MAX_NODES": "1000", "HUBGRAPH_REQUEST_TIMEOUT": "5s", "HUBGRAPH_MAX_BODY_BYTES": "4096"}, func(c config) bool {
			return c.Limits.MaxNodes == 1000 && c.Limits.Timeout == 5*time.Second && c.Limits.MaxBodyBytes == 4096
		}},
		{"limits by flag", []string{"-max-depth", "30", "-rate-limit", "2.5", "-rate-burst", "5"}, nil, func(c config) bool {
			return c.Limits.MaxDepth == 30 && c.Limits.RatePerSecond == 2.5 && c.Limits.RateBurst == 5
		}},
		{"0 switches a limit off", nil, map[string]string{"HUBGRAPH_RATE_LIMIT": "0", "HUBGRAPH_MAX_ALIASES": "0", "HUBGRAPH_REQUEST_TIMEOUT": "0s"}, func(c config) bool {
			return c.Limits.RatePerSecond < 0 && c.Limits.MaxAliases < 0 && c.Limits.Timeout < 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, getenv, err := withFlags(tt.args, env(tt.env), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := loadConfig(getenv)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(cfg) {
				t.Errorf("config: GraphiQL %v, introspection %v, reads need token %v, limits %+v", cfg.GraphiQL, cfg.Introspection, cfg.ReadsNeedToken, cfg.Limits)
			}
		})
	}
	for _, bad := range []map[string]string{
		{"HUBGRAPH_PROFILE": "staging"}, {"HUBGRAPH_MAX_DEPTH": "deep"}, {"HUBGRAPH_REQUEST_TIMEOUT": "soon"},
		{"HUBGRAPH_RATE_LIMIT": "fast"}, {"HUBGRAPH_INTROSPECTION": "maybe"}, {"HUBGRAPH_MAX_BODY_BYTES": "1MB"},
	} {
		if _, err := loadConfig(env(bad)); err == nil {
			t.Errorf("loadConfig(%v) accepted a bad value", bad)
		}
	}
}
