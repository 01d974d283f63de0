package rollup_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/rollup"
)

// tree is a small group structure, read through a model of a snapshot
// (a Reader like any store): a foundation with a company that has a unit
// of its own, a university with a faculty that has a centre, and a
// network whose body signs nothing either.
func tree() *analytics.Model {
	number := func(s string) *string { return &s }
	orgs := []*ecosystem.Organisation{
		{Meta: ecosystem.Meta{ID: "foundation"}, Name: "Foundation", OrgNumber: number("948007029")},
		{Meta: ecosystem.Meta{ID: "company"}, Name: "Company", OrgNumber: number("919303808")},
		{Meta: ecosystem.Meta{ID: "company-unit"}, Name: "Company unit"},
		{Meta: ecosystem.Meta{ID: "university"}, Name: "University", PIC: number("999987648")},
		{Meta: ecosystem.Meta{ID: "faculty"}, Name: "Faculty"},
		{Meta: ecosystem.Meta{ID: "centre"}, Name: "Centre"},
		{Meta: ecosystem.Meta{ID: "network"}, Name: "Network"},
		{Meta: ecosystem.Meta{ID: "body"}, Name: "Body"},
	}
	snap := &ecosystem.Snapshot{Nodes: map[string]ecosystem.Node{}}
	for _, o := range orgs {
		snap.Nodes[o.ID] = o
	}
	for unit, parent := range map[string]string{"company": "foundation", "company-unit": "company", "faculty": "university", "centre": "faculty", "body": "network"} {
		snap.Links = append(snap.Links, ecosystem.Link{From: unit, Type: ecosystem.RelUnitOf, To: parent})
	}
	return analytics.NewModel(snap)
}

func TestExpand(t *testing.T) {
	m := tree()
	for _, tt := range []struct {
		mode    ecosystem.RollUp
		id      string
		head    string
		members []string
	}{
		{ecosystem.RollUpNone, "centre", "centre", []string{"centre"}},
		{ecosystem.RollUpUnits, "foundation", "foundation", []string{"foundation", "company", "company-unit"}},
		{ecosystem.RollUpUnits, "faculty", "faculty", []string{"faculty", "centre"}},
		{ecosystem.RollUpLegalEntity, "foundation", "foundation", []string{"foundation", "company", "company-unit"}},
		{ecosystem.RollUpLegalEntity, "company", "company", []string{"company", "company-unit"}},
		{ecosystem.RollUpLegalEntity, "company-unit", "company", []string{"company", "company-unit"}},
		{ecosystem.RollUpLegalEntity, "centre", "university", []string{"university", "faculty", "centre"}},
		{ecosystem.RollUpLegalEntity, "body", "body", []string{"body"}},
	} {
		t.Run(string(tt.mode)+" "+tt.id, func(t *testing.T) {
			gs, err := rollup.Expand(context.Background(), m, tt.mode, []*ecosystem.Organisation{m.Organisation(tt.id)})
			if err != nil {
				t.Fatal(err)
			}
			if g := gs[tt.id]; g.Head.ID != tt.head || !slices.Equal(g.Members, tt.members) {
				t.Errorf("head %s, members %v; want %s, %v", g.Head.ID, g.Members, tt.head, tt.members)
			}
		})
	}
	if _, err := rollup.Expand(context.Background(), m, "ALL", nil); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Errorf("an unknown roll-up: %v, want BAD_USER_INPUT", err)
	}
}

// TestExpandReadsOneLevelAtATime: many organisations cost one read of
// units (and one of parents) per level of the tree, not per organisation.
func TestExpandReadsOneLevelAtATime(t *testing.T) {
	m := tree()
	var orgs []*ecosystem.Organisation
	for _, id := range []string{"foundation", "company", "company-unit", "university", "faculty", "centre", "network", "body"} {
		orgs = append(orgs, m.Organisation(id))
	}
	r := &counting{Reader: m}
	if _, err := rollup.Expand(context.Background(), r, ecosystem.RollUpLegalEntity, orgs); err != nil {
		t.Fatal(err)
	}
	// Every organisation is asked about, so one read of units finds all
	// there is; the centre and the body climb two levels.
	if r.reads[ecosystem.Incoming] > 2 || r.reads[ecosystem.Outgoing] > 2 {
		t.Errorf("%d reads of units and %d of parents for 8 organisations two levels deep; want at most 2 each",
			r.reads[ecosystem.Incoming], r.reads[ecosystem.Outgoing])
	}
}

// counting counts the reads made through a Reader, per direction.
type counting struct {
	rollup.Reader
	mu    sync.Mutex
	reads map[ecosystem.Direction]int
}

func (c *counting) Neighbours(ctx context.Context, rel ecosystem.Relation, ids []string) (map[string][]ecosystem.Neighbour, error) {
	c.mu.Lock()
	if c.reads == nil {
		c.reads = map[ecosystem.Direction]int{}
	}
	c.reads[rel.Direction]++
	c.mu.Unlock()
	return c.Reader.Neighbours(ctx, rel, ids)
}
