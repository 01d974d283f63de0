package analytics_test

import (
	"context"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

func TestModelIsCachedUntilTheGraphChanges(t *testing.T) {
	st := testenv.SeededMemory(t)
	svc := analytics.New(st)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := svc.Model(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if svc.Rebuilds() != 1 {
		t.Errorf("%d builds for three reads of an unchanged graph, want 1", svc.Rebuilds())
	}
	o := &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "new-org", Sources: []ecosystem.Source{{Kind: ecosystem.SourceEditor, Reference: "test"}}},
		Name: "New", Sector: ecosystem.SectorOther}
	if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: []ecosystem.Node{o}}); err != nil {
		t.Fatal(err)
	}
	m, err := svc.Model(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if svc.Rebuilds() != 2 || m.Organisation("new-org") == nil {
		t.Errorf("after a write: %d builds, new organisation present %v; want 2 and true", svc.Rebuilds(), m.Organisation("new-org") != nil)
	}
}

func TestEligibilityRefusesUnknownIDs(t *testing.T) {
	st := testenv.SeededMemory(t)
	m, err := analytics.New(st).Model(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		call string
		orgs []string
		code ecosystem.Code
	}{
		{"unknown call", "no-call", []string{"kreftforeningen"}, ecosystem.CodeNotFound},
		{"not a call", "kreftforeningen", []string{"kreftforeningen"}, ecosystem.CodeNotFound},
		{"unknown organisation", "eu4health-mental-health-cancer-call", []string{"kreftforeningen", "nobody"}, ecosystem.CodeNotFound},
		{"empty consortium", "eu4health-mental-health-cancer-call", nil, ecosystem.CodeBadUserInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := m.Eligibility(tt.call, tt.orgs); ecosystem.ErrorCode(err) != tt.code {
				t.Errorf("code %v, want %v (%v)", ecosystem.ErrorCode(err), tt.code, err)
			}
		})
	}
}

func TestANewCallsRequirementsAreJudgedWithoutCode(t *testing.T) {
	st := testenv.SeededMemory(t)
	call := &ecosystem.Call{Meta: ecosystem.Meta{ID: "foundation-call", Sources: []ecosystem.Source{{Kind: ecosystem.SourceEditor, Reference: "test"}}},
		Title: "A call that wants a funder and two hospitals",
		Requirements: []ecosystem.Requirement{
			{Description: "A funder takes part.", Kind: ecosystem.RequirementMinOrganisations, Count: 1, Sectors: []ecosystem.Sector{ecosystem.SectorFunder}},
			{Description: "Two hospitals.", Kind: ecosystem.RequirementMinOrganisations, Count: 2, Kinds: []ecosystem.OrganisationKind{"HOSPITAL"}},
		}}
	if _, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{call}}); err != nil {
		t.Fatal(err)
	}
	m, err := analytics.New(st).Model(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Eligibility("foundation-call", []string{"kavli-stiftelsen", "akershus-universitetssykehus", "oslo-universitetssykehus"})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Eligible || !r.Checks[0].Met || len(r.Checks[1].MetBy) != 2 {
		t.Errorf("report %+v, want both requirements met", r)
	}
	r, _ = m.Eligibility("foundation-call", []string{"akershus-universitetssykehus"})
	if r.Eligible || r.Checks[0].Met || r.Checks[1].Met || len(r.Checks[0].Suggestions) == 0 {
		t.Errorf("one hospital alone: %+v, want both unmet with funder suggestions", r)
	}
	for _, s := range r.Checks[0].Suggestions {
		if s.Sector != ecosystem.SectorFunder {
			t.Errorf("suggested %s (%s) for the funder requirement", s.Name, s.Sector)
		}
	}
}
