package analytics_test

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/conformance"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed"
)

// TestAnswersFromEveryStoreAreTheDatasets builds the model from each
// seeded store's snapshot and from the seed dataset itself, without a
// store, and expects every answer the analytics give (coverage, gaps,
// centrality, suggestions, eligibility) to be the same: they work on
// snapshots only, so a store that snapshots faithfully gives the
// dataset's answers.
func TestAnswersFromEveryStoreAreTheDatasets(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) { answersAreTheDatasets(t, b.Seeded(t)) })
	}
}

func answersAreTheDatasets(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	want := indexDataset(ds)
	have, ref := model(t, st), analytics.NewModel(want.snapshot())
	same := func(what string, got, want any) {
		t.Helper()
		if a, b := conformance.Normalised(got), conformance.Normalised(want); a != b {
			t.Errorf("%s from the store's snapshot:\n%s\nfrom the dataset:\n%s", what, a, b)
		}
	}
	scopes := map[string]analytics.Scope{"the whole graph": analytics.Everything, "the default scope": ref.DefaultScope(),
		"the hub's members and one step": {MembersOf: []string{"cancer-mission-hub-norway"}, Steps: 1}}
	for name, s := range scopes {
		for _, asOf := range []ecosystem.Date{"", "2020-01-01", "2024-06-01"} {
			same(fmt.Sprintf("pillar coverage on %q in %s", asOf, name), have.PillarCoverage("", asOf, s), ref.PillarCoverage("", asOf, s))
			same(fmt.Sprintf("Norwegian pillar coverage on %q in %s", asOf, name), have.PillarCoverage("NO", asOf, s), ref.PillarCoverage("NO", asOf, s))
			same(fmt.Sprintf("network gaps on %q in %s", asOf, name), have.NetworkGaps(asOf, s), ref.NetworkGaps(asOf, s))
			same(fmt.Sprintf("centrality on %q in %s", asOf, name), have.Centrality(asOf, s), ref.Centrality(asOf, s))
		}
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
		got, err := have.PartnerSuggestions(id, 10, analytics.Everything)
		if err != nil {
			t.Fatal(err)
		}
		exp, _ := ref.PartnerSuggestions(id, 10, analytics.Everything)
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
		projects, err := st.Neighbours(ctx, ecosystem.CallProjects, []string{call})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range projects[call] {
			id := p.Node.NodeMeta().ID
			partners, err := st.Neighbours(ctx, ecosystem.ProjectPartners, []string{id})
			if err != nil {
				t.Fatal(err)
			}
			consortium = append(consortium, nodeIDs(nodesOf(partners[id]))...)
		}
		if len(consortium) == 0 {
			consortium = orgs[:2]
		}
		got, err := have.Eligibility(call, consortium, analytics.Everything)
		if err != nil {
			t.Fatal(err)
		}
		exp, _ := ref.Eligibility(call, consortium, analytics.Everything)
		same("eligibility for "+call, got, exp)
	}
}

// nodesOf returns the entities a store's neighbours reach.
func nodesOf(ns []ecosystem.Neighbour) []ecosystem.Node {
	out := make([]ecosystem.Node, 0, len(ns))
	for _, n := range ns {
		out = append(out, n.Node)
	}
	return out
}
