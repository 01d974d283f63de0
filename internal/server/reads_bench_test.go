package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// readQueries are the read queries of issue #13 (search, its query 5,
// is measured elsewhere): the nested relationship reads, a filtered
// page with its total, the pillar fan-out, shared projects, a deep page
// by name, a five-level fan-out and the top collaborators. The ids they need are filled in from the graph.
var readQueries = []struct{ name, query string }{
	{"1_organisation_projects_partners", `query($org: ID!) { organisation(id: $org) { id name
  participations(first: 20) { totalCount edges { cursor node { role project { id name
    partners(first: 20) { totalCount edges { cursor node { role organisation { id name country } } } } } } } } } }`},
	{"2_filtered_page_and_total", `{ organisations(filter: {sector: RESEARCH}, first: 50) { totalCount
  edges { cursor node { id name sector country } } pageInfo { hasNextPage endCursor } } }`},
	{"3_pillar_organisations_projects_partners", `query($pillar: ID!) { pillar(id: $pillar) { id name
  organisations(first: 20) { totalCount edges { node { id name } } }
  projects(first: 20) { totalCount edges { node { id name partners(first: 10) { totalCount edges { node { organisation { id name } } } } } } } } }`},
	{"4_shared_projects", `query($a: ID!, $b: ID!) { sharedProjects(organisationIds: [$a, $b], first: 50) { totalCount edges { cursor node { id name } } } }`},
	{"6_page_20_of_projects_by_name", `query($after: String) { projects(first: 50, after: $after) { edges { cursor node { id name acronym } } pageInfo { hasNextPage endCursor } } }`},
	{"7_programme_calls_projects_partners_parent", `query($programme: ID!) { programme(id: $programme) { id calls(first: 10) { edges { node { id projects(first: 10) { edges { node {
  id partners(first: 10) { edges { node { organisation { id parent { id } } } } } } } } } } } } }`},
	{"8_top_collaborators", `query($org: ID!) { organisation(id: $org) { id collaborators(first: 20, rollUp: NONE) { totalCount edges { node {
  count organisation { id name } } } } } }`},
}

// BenchmarkReads times issue #13's read queries through the real handler
// on each store holding the seed and the Horizon 2020 import:
//
//	go test -run XXX -bench Reads -benchtime 200x ./internal/server/
//
// On Neo4j it reports the statements each query sends.
// HUBGRAPH_LOADER_WAIT (a duration) sets how long the loaders gather
// keys. With HUBGRAPH_READS_ANSWERS set to a directory it also writes each
// answer there as <store>-<query>.json, to compare before and after a
// change.
func BenchmarkReads(b *testing.B) {
	for _, backend := range testenv.Backends {
		b.Run(backend.Name, func(b *testing.B) {
			st := backend.Seeded(b)
			data, err := os.ReadFile(testenv.RCNFile(b))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := importer.ImportRCN(context.Background(), st, bytes.NewReader(data), "rcn-eu-h2020.csv", false, nil); err != nil {
				b.Fatal(err)
			}
			wait, _ := time.ParseDuration(os.Getenv("HUBGRAPH_LOADER_WAIT"))
			url := startServer(b, st, nil, server.Config{Limits: server.Limits{RatePerSecond: -1}, LoaderWait: wait}) + "/graphql"
			vars := readVariables(b, url)
			for _, q := range readQueries {
				body := query(q.query, vars)
				first := send(b, http.MethodPost, url, "application/json", "", body)
				if first.status != http.StatusOK || first.message != "" {
					b.Fatalf("%s: %d %s", q.name, first.status, first.message)
				}
				if dir := os.Getenv("HUBGRAPH_READS_ANSWERS"); dir != "" {
					out, _ := json.MarshalIndent(first.body, "", " ")
					if err := os.WriteFile(filepath.Join(dir, backend.Name+"-"+q.name+".json"), out, 0o644); err != nil {
						b.Fatal(err)
					}
				}
				b.Run(q.name, func(b *testing.B) {
					counter, counts := st.(interface{ RoundTrips() int64 })
					var before int64
					if counts {
						before = counter.RoundTrips()
					}
					for b.Loop() {
						if r := send(b, http.MethodPost, url, "application/json", "", body); r.status != http.StatusOK || r.message != "" {
							b.Fatalf("%d %s", r.status, r.message)
						}
					}
					if counts {
						b.ReportMetric(float64(counter.RoundTrips()-before)/float64(b.N), "statements/op")
					}
				})
			}
		})
	}
}

// readVariables finds the ids and the cursor the read queries need: the
// organisation in most projects and the next one, the pillar covered by
// most organisations, and the cursor that ends page 19 of projects.
func readVariables(tb testing.TB, url string) map[string]any {
	tb.Helper()
	ask := func(q string, vars map[string]any) map[string]any {
		r := send(tb, http.MethodPost, url, "application/json", "", query(q, vars))
		if r.message != "" {
			tb.Fatalf("%s: %s", q, r.message)
		}
		return r.body["data"].(map[string]any)
	}
	edges := func(conn any) []any { return conn.(map[string]any)["edges"].([]any) }
	id := func(edge any) string { return edge.(map[string]any)["node"].(map[string]any)["id"].(string) }
	top := edges(ask(`{ organisations(first: 2, orderBy: {field: PROJECT_COUNT, direction: DESC}) { edges { node { id } } } }`, nil)["organisations"])
	vars := map[string]any{"org": id(top[0]), "a": id(top[0]), "b": id(top[1])}
	best := -1
	for _, p := range ask(`{ pillars { id organisations(first: 1) { totalCount } } }`, nil)["pillars"].([]any) {
		p := p.(map[string]any)
		if n := int(p["organisations"].(map[string]any)["totalCount"].(float64)); n > best {
			best, vars["pillar"] = n, p["id"]
		}
	}
	most := -1
	for _, e := range edges(ask(`{ programmes(first: 100) { edges { node { id calls(first: 1) { totalCount } } } } }`, nil)["programmes"]) {
		p := e.(map[string]any)["node"].(map[string]any)
		if n := int(p["calls"].(map[string]any)["totalCount"].(float64)); n > most {
			most, vars["programme"] = n, p["id"]
		}
	}
	var after any
	for range 19 {
		page := ask(`query($after: String) { projects(first: 50, after: $after) { pageInfo { endCursor } } }`, map[string]any{"after": after})
		after = page["projects"].(map[string]any)["pageInfo"].(map[string]any)["endCursor"]
	}
	vars["after"] = after
	return vars
}
