package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// PickParams picks what the queries ask about from the graph, and walks
// each hubgraph system's pages of projects to the cursor of query 6.
func PickParams(ctx context.Context, driver neo4j.DriverWithContext, database string, systems []System) (*Params, error) {
	one := func(cypher string, params map[string]any) ([]any, error) {
		res, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
		if err != nil {
			return nil, err
		}
		if len(res.Records) == 0 {
			return nil, fmt.Errorf("no answer to %s", cypher)
		}
		return res.Records[0].Values, nil
	}
	p := &Params{Cursors: map[string]string{}}
	steps := []struct {
		cypher string
		into   []*string
	}{
		{`MATCH (o:Organisation) RETURN o.id ORDER BY COUNT { (o)-[:PARTICIPATES_IN]->() } DESC, o.id LIMIT 1`, []*string{&p.Org}},
		{`MATCH (:Organisation {id: $org})-[:PARTICIPATES_IN]->(x:Project)<-[:PARTICIPATES_IN]-(c:Organisation)
WITH c, count(x) AS n RETURN c.id ORDER BY n DESC, c.id LIMIT 1`, []*string{&p.Partner}},
		{`MATCH (x:Pillar) RETURN x.id ORDER BY COUNT { (x)<-[:COVERS]-(:Organisation) } DESC, x.id LIMIT 1`, []*string{&p.Pillar}},
		{`MATCH (g:Programme) RETURN g.id ORDER BY COUNT { (g)<-[:IN_PROGRAMME]-(:Call) } DESC, g.id LIMIT 1`, []*string{&p.Programme}},
	}
	for _, s := range steps {
		vals, err := one(s.cypher, map[string]any{"org": p.Org})
		if err != nil {
			return nil, err
		}
		for i, into := range s.into {
			*into = vals[i].(string)
		}
	}
	vals, err := one("MATCH (p:Project) RETURN count(p)", nil)
	if err != nil {
		return nil, err
	}
	projects := int(vals[0].(int64))
	p.Page = min(20, (projects+pageSize-1)/pageSize)
	if p.Page < 2 {
		return nil, fmt.Errorf("query 6 needs more than %d projects", pageSize)
	}
	vals, err = one("MATCH (p:Project) RETURN p.sortKey, p.id ORDER BY p.sortKey, p.id SKIP $skip LIMIT 1",
		map[string]any{"skip": (p.Page-1)*pageSize - 1})
	if err != nil {
		return nil, err
	}
	p.FloorKey, p.FloorID = vals[0].(string), vals[1].(string)
	for _, sys := range systems {
		if sys.Kind != KindHub {
			continue
		}
		after := ""
		for range p.Page - 1 {
			body, _ := json.Marshal(map[string]any{
				"query":     fmt.Sprintf(`query($after: String) { projects(first: %d, after: $after) { pageInfo { endCursor } } }`, pageSize),
				"variables": map[string]any{"after": nilIfEmpty(after)},
			})
			out, err := post(ctx, sys.URL, body)
			if err != nil {
				return nil, fmt.Errorf("%s: paging projects: %w", sys.Name, err)
			}
			var ans struct {
				Data struct {
					Projects struct {
						PageInfo struct{ EndCursor string }
					}
				}
			}
			if err := json.Unmarshal(out, &ans); err != nil {
				return nil, err
			}
			after = ans.Data.Projects.PageInfo.EndCursor
		}
		p.Cursors[sys.Name] = after
	}
	return p, nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// body returns the request a system gets for a query.
func body(q Query, sys System, p *Params) []byte {
	vars := q.Vars(p, sys.Kind)
	if q.Name == "q6" && sys.Kind == KindHub {
		vars = map[string]any{"after": p.Cursors[sys.Name]}
	}
	text := q.Hub
	switch sys.Kind {
	case KindPeer:
		text = q.Peer
	case KindFloor:
		text = q.Name
	}
	b, _ := json.Marshal(map[string]any{"query": text, "variables": vars})
	return b
}

// Compare asks every system every query once and fails unless all
// answers carry the same ids and counts in the same order.
func Compare(ctx context.Context, qs []Query, systems []System, p *Params, w io.Writer) error {
	fmt.Fprintf(w, "Parameters: organisation %s (with %s), pillar %s, programme %s, project page %d.\n\n",
		p.Org, p.Partner, p.Pillar, p.Programme, p.Page)
	var failed []string
	for _, q := range qs {
		var want string
		for i, sys := range systems {
			out, err := post(ctx, sys.URL, body(q, sys, p))
			var key string
			if err == nil {
				key, err = answerKey(out, q.Ranked)
			}
			if err != nil {
				failed = append(failed, fmt.Sprintf("%s on %s: %v", q.Name, sys.Name, err))
				break
			}
			if i == 0 {
				want = key
			} else if key != want {
				failed = append(failed, fmt.Sprintf("%s: %s answers\n  %.600s\nbut %s answers\n  %.600s", q.Name, sys.Name, key, systems[0].Name, want))
			}
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("the answers differ:\n%s", strings.Join(failed, "\n"))
	}
	fmt.Fprintf(w, "Answers: every system gives the same ids and counts on %d queries.\n\n", len(qs))
	return nil
}

// resultKey names one measurement.
type resultKey struct {
	Query  string
	System string
	Conc   int
}

// Measure drives every query at every concurrency: a short warm-up per
// system, then rounds in which each system gets one window in turn, the
// order rotating, so that the load other processes put on the machine
// falls on all systems alike.
func Measure(ctx context.Context, qs []Query, systems []System, p *Params, o options, w io.Writer) map[resultKey]*Sample {
	results := map[resultKey]*Sample{}
	for _, q := range qs {
		bodies := make([]([]byte), len(systems))
		for i, sys := range systems {
			bodies[i] = body(q, sys, p)
			var warm Sample
			window(ctx, sys, bodies[i], 2, min(o.duration/2, 500*time.Millisecond), 0, &warm)
		}
		for _, c := range o.concurrency {
			for r := range o.rounds {
				for j := range systems {
					i := (j + r) % len(systems)
					k := resultKey{q.Name, systems[i].Name, c}
					if results[k] == nil {
						results[k] = &Sample{}
					}
					neoPid := o.neo4jPid
					if systems[i].Embedded {
						neoPid = 0
					}
					window(ctx, systems[i], bodies[i], c, o.duration, neoPid, results[k])
				}
			}
		}
		fmt.Fprintf(w, "- measured %s\n", q.Name)
	}
	fmt.Fprintln(w)
	return results
}

// Report prints one table per concurrency, then the ratios.
func Report(w io.Writer, qs []Query, systems []System, concs []int, results map[resultKey]*Sample) {
	fmt.Fprintln(w, "Queries:")
	for _, q := range qs {
		fmt.Fprintf(w, "- %s: %s\n", q.Name, q.Title)
	}
	fmt.Fprintln(w)
	for _, c := range concs {
		fmt.Fprintf(w, "Concurrency %d:\n\n", c)
		fmt.Fprintln(w, "| query | system | req/s | p50 ms | p99 ms | CPU ms/req | Neo4j CPU ms/req | RSS MB | errors |")
		fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|")
		for _, q := range qs {
			for _, sys := range systems {
				s := results[resultKey{q.Name, sys.Name, c}]
				if s == nil {
					continue
				}
				fmt.Fprintf(w, "| %s | %s | %.0f | %.1f | %.1f | %s | %s | %s | %d |\n", q.Name, sys.Name, s.Throughput(),
					s.Percentile(0.5), s.Percentile(0.99), orNA(sys.Pid != 0, s.CPUPerRequest(s.CPUTicks)),
					orNA(!sys.Embedded && s.NeoTicks > 0, s.CPUPerRequest(s.NeoTicks)),
					orNA(s.RSS > 0, float64(s.RSS)/(1<<20)), s.Errors)
			}
		}
		fmt.Fprintln(w)
	}
	ratio := func(a, b float64) string {
		if b == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f", a/b)
	}
	get := func(q, sys string, c int) *Sample {
		if s := results[resultKey{q, sys, c}]; s != nil {
			return s
		}
		return &Sample{}
	}
	fmt.Fprintln(w, "Ratios (throughput hubgraph/peer and hubgraph/floor, p50 hubgraph/peer and hubgraph/floor, p50 embedded/hubgraph), per concurrency:")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| query | c | thr hub/peer | thr hub/floor | p50 hub/peer | p50 hub/floor | p50 embedded/hub | p50 ms hub, peer, floor, embedded |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---|")
	for _, q := range qs {
		for _, c := range concs {
			hub, peer, floor, emb := get(q.Name, "hubgraph", c), get(q.Name, "peer", c), get(q.Name, "floor", c), get(q.Name, "embedded", c)
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %.1f, %.1f, %.1f, %.1f |\n", q.Name, c,
				ratio(hub.Throughput(), peer.Throughput()), ratio(hub.Throughput(), floor.Throughput()),
				ratio(hub.Percentile(0.5), peer.Percentile(0.5)), ratio(hub.Percentile(0.5), floor.Percentile(0.5)),
				ratio(emb.Percentile(0.5), hub.Percentile(0.5)),
				hub.Percentile(0.5), peer.Percentile(0.5), floor.Percentile(0.5), emb.Percentile(0.5))
		}
	}
	fmt.Fprintln(w)
}

func orNA(ok bool, v float64) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.1f", v)
}
