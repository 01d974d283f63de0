package analytics_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

func TestModelIsCachedUntilTheGraphChanges(t *testing.T) {
	st := memtest.Seeded(t)
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
	st := memtest.Seeded(t)
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
			if _, err := m.Eligibility(tt.call, tt.orgs, analytics.Everything); ecosystem.ErrorCode(err) != tt.code {
				t.Errorf("code %v, want %v (%v)", ecosystem.ErrorCode(err), tt.code, err)
			}
		})
	}
}

func TestANewCallsRequirementsAreJudgedWithoutCode(t *testing.T) {
	st := memtest.Seeded(t)
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
	r, err := m.Eligibility("foundation-call", []string{"kavli-stiftelsen", "akershus-universitetssykehus", "oslo-universitetssykehus"}, analytics.Everything)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Eligible || !r.Checks[0].Met || len(r.Checks[1].MetBy) != 2 {
		t.Errorf("report %+v, want both requirements met", r)
	}
	r, _ = m.Eligibility("foundation-call", []string{"akershus-universitetssykehus"}, analytics.Everything)
	if r.Eligible || r.Checks[0].Met || r.Checks[1].Met || len(r.Checks[0].Suggestions) == 0 {
		t.Errorf("one hospital alone: %+v, want both unmet with funder suggestions", r)
	}
	for _, s := range r.Checks[0].Suggestions {
		if s.Sector != ecosystem.SectorFunder {
			t.Errorf("suggested %s (%s) for the funder requirement", s.Name, s.Sector)
		}
	}
}

// small builds a model from nodes and links.
func small(nodes []ecosystem.Node, links []ecosystem.Link) *analytics.Model {
	snap := &ecosystem.Snapshot{Version: 1, Nodes: map[string]ecosystem.Node{}, Links: links}
	for _, n := range nodes {
		snap.Nodes[n.NodeMeta().ID] = n
	}
	return analytics.NewModel(snap)
}

var testSource = []ecosystem.Source{{Kind: ecosystem.SourceEditor, Reference: "test"}}

func org(id, country string) *ecosystem.Organisation {
	return &ecosystem.Organisation{Meta: ecosystem.Meta{ID: id, Sources: testSource}, Name: strings.ToUpper(id), Sector: ecosystem.SectorResearch, Country: &country}
}

func date(s string) *ecosystem.Date { d := ecosystem.Date(s); return &d }

func participation(orgID, project string) ecosystem.Link {
	return ecosystem.Link{From: orgID, Type: ecosystem.RelParticipatesIn, To: project,
		Props: &ecosystem.Participation{Role: ecosystem.ParticipationPartner, Status: ecosystem.ParticipationConfirmed, LinkFacts: ecosystem.LinkFacts{Sources: testSource}}}
}

func ids(os []*ecosystem.Organisation) string {
	var out []string
	for _, o := range os {
		out = append(out, o.ID)
	}
	return strings.Join(out, ",")
}

// TestSeatsInABodyTieOrganisationsWhileHeld: a seat ties its organisation
// to the body it sits in for as long as the role is held.
func TestSeatsInABodyTieOrganisationsWhileHeld(t *testing.T) {
	role := func(id string, status ecosystem.RoleStatus, since, until *ecosystem.Date) *ecosystem.Role {
		return &ecosystem.Role{Meta: ecosystem.Meta{ID: id, Sources: testSource}, Title: id, Status: status, Since: since, Until: until}
	}
	seat := func(role, orgID, body string) []ecosystem.Link {
		return []ecosystem.Link{{From: role, Type: ecosystem.RelSeatAt, To: orgID}, {From: role, Type: ecosystem.RelInBody, To: body}}
	}
	links := append(seat("a-seat", "a", "body"), seat("c-seat", "c", "body")...)
	m := small([]ecosystem.Node{org("a", "NO"), org("body", "NO"), org("c", "NO"), org("d", "NO"),
		role("a-seat", ecosystem.RoleActive, date("2020-01-01"), date("2022-12-31")),
		role("c-seat", ecosystem.RoleEnded, date("2019-01-01"), nil)}, links)
	tests := []struct {
		asOf     ecosystem.Date
		isolated string
	}{
		// The whole record: both seats tie.
		{"", "d"},
		// a holds its seat; c's ENDED role has no end date, so it is not
		// known to be held on any date.
		{"2021-06-01", "c,d"},
		// Before a's seat began and after it ended.
		{"2019-06-01", "a,body,c,d"},
		{"2023-01-01", "a,body,c,d"},
	}
	for _, tt := range tests {
		if got := ids(m.NetworkGaps(tt.asOf, analytics.Everything).IsolatedOrganisations); got != tt.isolated {
			t.Errorf("on %q: isolated %s, want %s", tt.asOf, got, tt.isolated)
		}
	}
}

// TestCountrySuggestionsPreferNewCountries: when two more countries are
// needed, the first two suggestions come from two different ones, even
// when the best-connected candidates share a country.
func TestCountrySuggestionsPreferNewCountries(t *testing.T) {
	call := &ecosystem.Call{Meta: ecosystem.Meta{ID: "call", Sources: testSource}, Title: "Three countries",
		Requirements: []ecosystem.Requirement{{Description: "Three countries.", Kind: ecosystem.RequirementMinCountries, Count: 3}}}
	project := &ecosystem.Project{Meta: ecosystem.Meta{ID: "project", Sources: testSource}, Name: "Project", Status: ecosystem.ProjectOngoing}
	// no1 and no2 work with three Danish organisations; the Swede and the
	// Finn work with nobody.
	m := small([]ecosystem.Node{call, project, org("no1", "NO"), org("no2", "NO"), org("dk1", "DK"), org("dk2", "DK"), org("dk3", "DK"), org("se1", "SE"), org("fi1", "FI")},
		[]ecosystem.Link{participation("no1", "project"), participation("no2", "project"), participation("dk1", "project"), participation("dk2", "project"), participation("dk3", "project")})
	r, err := m.Eligibility("call", []string{"no1", "no2"}, analytics.Everything)
	if err != nil {
		t.Fatal(err)
	}
	// The best Dane (tied to both), then the untied countries by name,
	// then the other Danes.
	if got := ids(r.Checks[0].Suggestions); got != "dk1,fi1,se1,dk2,dk3" {
		t.Errorf("suggestions %s, want dk1,fi1,se1,dk2,dk3", got)
	}
}

func TestComponentMembersAreBounded(t *testing.T) {
	project := &ecosystem.Project{Meta: ecosystem.Meta{ID: "project", Sources: testSource}, Name: "Project", Status: ecosystem.ProjectOngoing}
	m := small([]ecosystem.Node{project, org("b", "NO"), org("a", "NO"), org("c", "NO")},
		[]ecosystem.Link{participation("a", "project"), participation("b", "project"), participation("c", "project")})
	c := m.NetworkGaps("", analytics.Everything).Components[0]
	if got, err := c.Members(2); err != nil || c.Size() != 3 || ids(got) != "a,b" {
		t.Errorf("size %d, first two members %s (%v); want 3 and a,b", c.Size(), ids(got), err)
	}
	for _, bad := range []int{-1, analytics.MaxMembers + 1} {
		if _, err := c.Members(bad); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
			t.Errorf("first %d: %v, want BAD_USER_INPUT", bad, err)
		}
	}
}
