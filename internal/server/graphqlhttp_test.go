package server_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

// TestGraphQLOverHTTPAudit runs graphql-http's audit of the GraphQL over
// HTTP specification (the reference implementation's, pinned in
// testdata/graphql-http) against the endpoint: every MUST and every
// SHOULD passes. It needs Node.js and npm, as the explorer's build does;
// under CI it fails without them.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("the audit needs %s: %v", tool, err)
			}
			t.Skipf("the audit needs %s: %v", tool, err)
		}
	}
	dir := filepath.Join("testdata", "graphql-http")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "graphql-http")); err != nil {
		install := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
		install.Dir = dir
		if out, err := install.CombinedOutput(); err != nil {
			t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
		}
	}
	base := startServer(t, memtest.Seeded(t), nil, server.Config{})
	audit := exec.CommandContext(ctx, "node", "audit.mjs", base+"/graphql")
	audit.Dir = dir
	out, err := audit.Output()
	if err != nil {
		t.Fatalf("the audit did not run: %v\n%s", err, out)
	}
	var results []struct{ ID, Name, Status, Reason string }
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("the audit's output: %v\n%s", err, out)
	}
	passed, total := map[string]int{}, map[string]int{}
	for _, r := range results {
		level, _, _ := strings.Cut(r.Name, " ")
		if level != "MUST" && level != "SHOULD" {
			continue
		}
		total[level]++
		if r.Status == "ok" {
			passed[level]++
		} else {
			t.Errorf("%s %s: %s", r.Status, r.Name, r.Reason)
		}
	}
	t.Logf("graphql-http audit: MUST %d/%d, SHOULD %d/%d", passed["MUST"], total["MUST"], passed["SHOULD"], total["SHOULD"])
	if total["MUST"] != 13 || total["SHOULD"] != 23 {
		t.Errorf("the audit has %d MUSTs and %d SHOULDs, want graphql-http 1.23.1's 13 and 23", total["MUST"], total["SHOULD"])
	}
}
