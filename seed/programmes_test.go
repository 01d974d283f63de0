// What the slides say about programmes, calls and events: the EU
// programmes and the plan's pillars, the mental-health call, the
// consortium's partners, the foundations met, the milestones and the
// indicators.

package seed_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

// normalise makes the slides' and the titles' spellings comparable: case,
// white space and the kind of dash do not matter.
func normalise(s string) string {
	s = strings.NewReplacer("–", "-", "—", "-").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

func TestPathwayHomeMilestones(t *testing.T) {
	ix := load(t)
	var events []*ecosystem.Event
	for _, id := range ix.to(seedtest.PathwayHome.Programme, ecosystem.RelConcerns) {
		if e := ix.nodes[id].(*ecosystem.Event); e.Kind == ecosystem.EventMilestone {
			events = append(events, e)
		}
	}
	if len(events) != len(seedtest.PathwayHome.Milestones) {
		t.Errorf("%d milestones of %s, want %d", len(events), seedtest.PathwayHome.Programme, len(seedtest.PathwayHome.Milestones))
	}
	used := map[string]bool{}
	for _, m := range seedtest.PathwayHome.Milestones {
		found := false
		for _, e := range events {
			if !used[e.ID] && string(e.Date) == m.Date && strings.Contains(normalise(e.Title), normalise(m.Text)) {
				used[e.ID], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("no milestone on %s titled with %q", m.Date, m.Text)
		}
	}
}

func TestFoundations(t *testing.T) {
	ix := load(t)
	var want []string
	for _, f := range seedtest.Foundations {
		want = append(want, f.ID)
		o := ix.org(t, f.ID)
		if o.Name != f.Name || !containsKind(o.Kinds, kindFoundation) {
			t.Errorf("%s is %q with kinds %v, want %q, a FOUNDATION", f.ID, o.Name, o.Kinds, f.Name)
		}
		var dates []string
		for _, id := range ix.to(f.ID, ecosystem.RelInvolves) {
			if e := ix.nodes[id].(*ecosystem.Event); string(e.Kind) == f.EventKind {
				dates = append(dates, string(e.Date))
			}
		}
		if !sameSet(dates, []string{f.Date}) {
			t.Errorf("%s: %s events on %v, want one on %s", f.ID, f.EventKind, dates, f.Date)
		}
	}
	var foundations []string
	for id, n := range ix.nodes {
		if o, ok := n.(*ecosystem.Organisation); ok && containsKind(o.Kinds, kindFoundation) {
			foundations = append(foundations, id)
		}
	}
	if !sameSet(foundations, want) {
		t.Errorf("foundations %v, want %v", foundations, want)
	}
}

func TestProgrammes(t *testing.T) {
	ix := load(t)
	names := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			switch n := ix.nodes[id].(type) {
			case *ecosystem.Programme:
				out = append(out, n.Name)
			case *ecosystem.Pillar:
				out = append(out, n.Name)
			}
		}
		return out
	}
	if got := names(ix.to(seedtest.EU4Health.ID, ecosystem.RelPartOf)); !sameSet(got, seedtest.EU4Health.Categories) {
		t.Errorf("EU4Health categories %v, want %v", got, seedtest.EU4Health.Categories)
	}
	plan := seedtest.BeatingCancerPlan
	if got := names(ix.to(plan.ID, ecosystem.RelDefinedBy)); !sameSet(got, plan.Pillars) {
		t.Errorf("pillars of %s %v, want %v", plan.ID, got, plan.Pillars)
	}
	budgets := map[string]int{}
	for _, b := range seedtest.Budgets {
		p, _ := ix.nodes[b.Programme].(*ecosystem.Programme)
		found := false
		for _, got := range programmeBudgets(p) {
			found = found || (got.AmountEur == b.Eur && got.Period == b.Period && got.Programme == b.For && got.Covers != "" &&
				len(got.Sources) == 1 && got.Sources[0].Reference == b.Quote.Document && got.Sources[0].Quote == b.Quote.Text)
		}
		if !found {
			t.Errorf("%s budgets %+v, want %v EUR for %q over %q, quoting %q", b.Programme, programmeBudgets(p), b.Eur, b.For, b.Period, b.Quote.Text)
		}
		budgets[b.Programme]++
	}
	for id, eur := range seedtest.WholeBudgets {
		p, _ := ix.nodes[id].(*ecosystem.Programme)
		if n := len(programmeBudgets(p)); n != budgets[id] {
			t.Errorf("%s has %d budgets, want %d", id, n, budgets[id])
		}
		if got := programmeBudgetEur(p); got != eur {
			t.Errorf("%s budgetEur %v, want %v", id, got, eur)
		}
	}
}

func TestMentalHealthCall(t *testing.T) {
	ix := load(t)
	want := seedtest.MentalHealthCall
	c, ok := ix.nodes[want.ID].(*ecosystem.Call)
	if !ok {
		t.Fatalf("no call %s", want.ID)
	}
	date := func(d *ecosystem.Date) string {
		if d == nil {
			return ""
		}
		return string(*d)
	}
	num := func(f *float64) float64 {
		if f == nil {
			return -1
		}
		return *f
	}
	count := func(i *int) int {
		if i == nil {
			return -1
		}
		return *i
	}
	checks := []struct {
		field     string
		got, want any
	}{
		{"deadline", date(c.Deadline), want.Deadline},
		{"resultsExpected", date(c.ResultsExpected), want.ResultsExpected},
		{"expectedStart", date(c.ExpectedStart), want.ExpectedStart},
		{"budgetEur", num(c.BudgetEur), want.BudgetEur},
		{"maxGrantEur", num(c.MaxGrantEur), want.MaxGrantEur},
		{"projectBudgetEur", num(c.ProjectBudgetEur), want.ProjectBudgetEur},
		{"fundingRate", num(c.FundingRate), want.FundingRate},
		{"expectedGrants", count(c.ExpectedGrants), want.ExpectedGrants},
		{"durationMonths", count(c.DurationMonths), want.DurationMonths},
		{"requirements", len(c.Requirements), len(want.Requirements)},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("call %s = %v, want %v", ch.field, ch.got, ch.want)
		}
	}
	for i, r := range want.Requirements {
		if i >= len(c.Requirements) {
			break
		}
		got := c.Requirements[i]
		var kinds []string
		for _, k := range got.Kinds {
			kinds = append(kinds, string(k))
		}
		if string(got.Kind) != r.Kind || got.Count != r.Count || !sameSet(kinds, r.Kinds) {
			t.Errorf("requirement %d is %+v, want %s %d of %v (%q)", i, got, r.Kind, r.Count, r.Kinds, r.Quote.Text)
		}
	}
}

func TestProposalPartners(t *testing.T) {
	ix := load(t)
	want := seedtest.Proposal
	status := map[string]string{}
	for _, l := range ix.links {
		if l.To == want.ID && l.Type == ecosystem.RelParticipatesIn {
			p, ok := l.Props.(*ecosystem.Participation)
			if !ok {
				t.Fatalf("%s's link to %s states %T, want a participation", l.From, want.ID, l.Props)
			}
			status[l.From] = string(p.Status)
		}
	}
	if len(status) != len(want.Confirmed)+len(want.Tentative) {
		t.Errorf("%d partners %v, want %d confirmed and %d tentative", len(status), status, len(want.Confirmed), len(want.Tentative))
	}
	check := func(partners []seedtest.Partner, s ecosystem.ParticipationStatus) {
		for _, p := range partners {
			if status[p.ID] != string(s) {
				t.Errorf("%s (%q) is %q, want %s", p.ID, p.Listed, status[p.ID], s)
			}
			country := ""
			if c := ix.org(t, p.ID).Country; c != nil {
				country = *c
			}
			if country != p.Country {
				t.Errorf("%s is in %q, want %q", p.ID, country, p.Country)
			}
		}
	}
	check(want.Confirmed, ecosystem.ParticipationConfirmed)
	check(want.Tentative, ecosystem.ParticipationTentative)
}

func TestIndicators(t *testing.T) {
	ix := load(t)
	var got, want []string
	for _, n := range ix.nodes {
		if i, ok := n.(*ecosystem.Indicator); ok && i.Unit != nil && *i.Unit == "%" {
			got = append(got, fmt.Sprint(i.Value))
		}
	}
	for _, i := range seedtest.Indicators {
		want = append(want, fmt.Sprint(i.Value))
	}
	if !sameSet(got, want) {
		t.Errorf("indicator values %v, want %v", got, want)
	}
}

func programmeBudgets(p *ecosystem.Programme) []ecosystem.Budget {
	if p == nil {
		return nil
	}
	return p.Budgets
}

func programmeBudgetEur(p *ecosystem.Programme) float64 {
	if p == nil || p.BudgetEur == nil {
		return 0
	}
	return *p.BudgetEur
}
