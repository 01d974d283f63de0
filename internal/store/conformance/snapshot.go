package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed"
)

// snapshotIsTheDataset checks that a snapshot of the seeded store holds
// exactly the seed: every entity with the fields written and every link
// with its properties. The analytics of #4 work on snapshots only, so
// every answer they give (coverage, gaps, centrality, suggestions,
// eligibility) is then checked against the same answer computed from
// the seed dataset itself, without a store.
func snapshotIsTheDataset(t *testing.T, st ecosystem.Store) {
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	mustApplyDataset(t, st, ds)
	want := indexDataset(ds)
	snap, err := st.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	version, _ := st.GraphVersion(context.Background())
	if snap.Version != version {
		t.Errorf("snapshot version %d, graph version %d", snap.Version, version)
	}
	if len(snap.Nodes) != len(want.nodes) || len(snap.Links) != len(want.links) {
		t.Errorf("snapshot: %d nodes and %d links, dataset %d and %d", len(snap.Nodes), len(snap.Links), len(want.nodes), len(want.links))
	}
	for id, n := range want.nodes {
		got, ok := snap.Nodes[id]
		if !ok {
			t.Errorf("snapshot lacks %s", id)
			continue
		}
		if a, b := entityJSON(got), entityJSON(n); a != b {
			t.Errorf("snapshot holds %s as\n%s\nwritten as\n%s", id, a, b)
		}
	}
	for i, l := range want.links {
		if i >= len(snap.Links) {
			break
		}
		got := snap.Links[i]
		if linkID(got) != linkID(l) || linkProps(got) != linkProps(l) {
			t.Errorf("snapshot link %d = %s %s, want %s %s", i, linkID(got), linkProps(got), linkID(l), linkProps(l))
		}
	}

	have, ref := analytics.NewModel(snap), analytics.NewModel(want.snapshot())
	same := func(what string, got, want any) {
		t.Helper()
		if a, b := normalised(got), normalised(want); a != b {
			t.Errorf("%s from the store's snapshot:\n%s\nfrom the dataset:\n%s", what, a, b)
		}
	}
	for _, asOf := range []ecosystem.Date{"", "2020-01-01", "2024-06-01"} {
		same(fmt.Sprintf("pillar coverage on %q", asOf), have.PillarCoverage("", asOf), ref.PillarCoverage("", asOf))
		same(fmt.Sprintf("Norwegian pillar coverage on %q", asOf), have.PillarCoverage("NO", asOf), ref.PillarCoverage("NO", asOf))
		same(fmt.Sprintf("network gaps on %q", asOf), have.NetworkGaps(asOf), ref.NetworkGaps(asOf))
		same(fmt.Sprintf("centrality on %q", asOf), have.Centrality(asOf), ref.Centrality(asOf))
	}
	var orgs, calls []string
	for id, n := range want.nodes {
		switch n.NodeLabel() {
		case ecosystem.LabelOrganisation:
			orgs = append(orgs, id)
		case ecosystem.LabelCall:
			calls = append(calls, id)
		}
	}
	sort.Strings(orgs)
	sort.Strings(calls)
	suggested := 0
	for _, id := range orgs {
		got, err := have.PartnerSuggestions(id, 10)
		if err != nil {
			t.Fatal(err)
		}
		exp, _ := ref.PartnerSuggestions(id, 10)
		same("partner suggestions for "+id, got, exp)
		suggested += len(got)
	}
	if suggested == 0 {
		t.Error("no organisation has a partner suggestion: the check proves nothing")
	}
	for _, call := range calls {
		// The consortium: the partners of the call's projects, or else
		// the first two organisations.
		consortium := []string{}
		for _, p := range want.follow(ecosystem.CallProjects, call) {
			consortium = append(consortium, want.follow(ecosystem.ProjectPartners, p)...)
		}
		if len(consortium) == 0 {
			consortium = orgs[:2]
		}
		got, err := have.Eligibility(call, consortium)
		if err != nil {
			t.Fatal(err)
		}
		exp, _ := ref.Eligibility(call, consortium)
		same("eligibility for "+call, got, exp)
	}
}

// linkProps is a link's properties, none being no properties.
func linkProps(l ecosystem.Link) string {
	props := ecosystem.LinkProperties(l.Props)
	if len(props) == 0 {
		return "{}"
	}
	return normalised(props)
}

// entityJSON is an entity's fields without those the store maintains.
func entityJSON(n ecosystem.Node) string {
	props := ecosystem.Properties(n)
	delete(props, "version")
	delete(props, "updatedAt")
	return normalised(props)
}

// normalised encodes an answer for comparison: entities (objects with an
// id and sources) become their ids, so that versions and timestamps do
// not count, and numbers are rounded to nine significant digits, so that
// sums taken in another order do.
func normalised(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	var x any
	_ = json.Unmarshal(b, &x)
	var walk func(any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			if id, ok := v["id"].(string); ok {
				if _, entity := v["sources"]; entity {
					if _, hasVersion := v["version"]; hasVersion {
						return id
					}
				}
			}
			for k, x := range v {
				v[k] = walk(x)
			}
		case []any:
			for i, x := range v {
				v[i] = walk(x)
			}
		case float64:
			if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
				return v
			}
			digits := math.Pow(10, 8-math.Floor(math.Log10(math.Abs(v))))
			return math.Round(v*digits) / digits
		}
		return v
	}
	out, _ := json.Marshal(walk(x))
	return string(out)
}
