package ecosystem_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

func TestLinkPropertiesRoundTripByKind(t *testing.T) {
	src := []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: "rcn.csv", Row: ptr(4)}}
	tests := []struct {
		t     ecosystem.RelType
		props ecosystem.LinkProps
	}{
		{ecosystem.RelParticipatesIn, &ecosystem.Participation{Role: ecosystem.ParticipationCoordinator, Status: ecosystem.ParticipationTentative,
			ContributionEur: ptr(12.5), LinkFacts: ecosystem.LinkFacts{Since: ptr(ecosystem.Date("2024-01-01")), Sources: src}}},
		{ecosystem.RelMemberOf, &ecosystem.LinkFacts{Since: ptr(ecosystem.Date("2021-01-01")), Until: ptr(ecosystem.Date("2025-06-30")), Sources: src}},
		{ecosystem.RelCovers, &ecosystem.LinkFacts{}},
	}
	for _, tt := range tests {
		t.Run(string(tt.t), func(t *testing.T) {
			stored := ecosystem.LinkProperties(tt.props)
			if _, ok := stored["sources"]; ok != (len(tt.props.Facts().Sources) > 0) {
				t.Errorf("stored %v: sources present %v, want %v", stored, ok, !ok)
			}
			got, err := ecosystem.LinkPropsFromProperties(tt.t, stored)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.props) {
				t.Errorf("round trip: %#v, want %#v", got, tt.props)
			}
		})
	}
}

func TestLinkPropsFromPropertiesReportsWhatDoesNotDecode(t *testing.T) {
	tests := []struct {
		name  string
		t     ecosystem.RelType
		props map[string]any
		want  string
	}{
		{"sources not JSON", ecosystem.RelMemberOf, map[string]any{"sources": "[{"}, "sources"},
		{"contribution not a number", ecosystem.RelParticipatesIn, map[string]any{"contributionEur": "lots"}, "contributionEur"},
		{"unknown type", "LIKES", map[string]any{}, "LIKES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ecosystem.LinkPropsFromProperties(tt.t, tt.props); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LinkPropsFromProperties = %v, want an error naming %s", err, tt.want)
			}
		})
	}
}

func TestValidateLinkChecksWhatItStates(t *testing.T) {
	partner := func(p *ecosystem.Participation) *ecosystem.Participation {
		p.Role, p.Status = ecosystem.ParticipationPartner, ecosystem.ParticipationConfirmed
		return p
	}
	tests := []struct {
		name string
		link ecosystem.Link
		from ecosystem.Label
		to   ecosystem.Label
		want []string // the fields with problems
	}{
		{"nothing stated", ecosystem.Link{From: "a", Type: ecosystem.RelParticipatesIn, To: "p"}, ecosystem.LabelOrganisation, ecosystem.LabelProject, nil},
		{"a valid participation", ecosystem.Link{From: "a", Type: ecosystem.RelParticipatesIn, To: "p", Props: partner(&ecosystem.Participation{})},
			ecosystem.LabelOrganisation, ecosystem.LabelProject, nil},
		{"a participation without role", ecosystem.Link{From: "a", Type: ecosystem.RelParticipatesIn, To: "p", Props: &ecosystem.Participation{Status: ecosystem.ParticipationConfirmed}},
			ecosystem.LabelOrganisation, ecosystem.LabelProject, []string{"links[0].role"}},
		{"a negative contribution", ecosystem.Link{From: "a", Type: ecosystem.RelParticipatesIn, To: "p", Props: partner(&ecosystem.Participation{ContributionEur: ptr(-1.0)})},
			ecosystem.LabelOrganisation, ecosystem.LabelProject, []string{"links[0].contributionEur"}},
		{"a participation on a membership", ecosystem.Link{From: "a", Type: ecosystem.RelMemberOf, To: "b", Props: partner(&ecosystem.Participation{})},
			ecosystem.LabelOrganisation, ecosystem.LabelOrganisation, []string{"links[0]"}},
		{"bare facts on a participation", ecosystem.Link{From: "a", Type: ecosystem.RelParticipatesIn, To: "p", Props: &ecosystem.LinkFacts{}},
			ecosystem.LabelOrganisation, ecosystem.LabelProject, []string{"links[0]"}},
		{"a membership ending before it began", ecosystem.Link{From: "a", Type: ecosystem.RelMemberOf, To: "b",
			Props: &ecosystem.LinkFacts{Since: ptr(ecosystem.Date("2024-01-01")), Until: ptr(ecosystem.Date("2023-01-01"))}},
			ecosystem.LabelOrganisation, ecosystem.LabelOrganisation, []string{"links[0].until"}},
		{"a membership with a bad date, at its field", ecosystem.Link{From: "a", Type: ecosystem.RelMemberOf, To: "b", Field: "input.memberOf[2]",
			Props: &ecosystem.LinkFacts{Since: ptr(ecosystem.Date("2024-13-01"))}},
			ecosystem.LabelOrganisation, ecosystem.LabelOrganisation, []string{"input.memberOf[2].since"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range ecosystem.ValidateLink(tt.link, tt.from, tt.to, "links[0]") {
				got = append(got, e.Field)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems at %v, want %v", got, tt.want)
			}
		})
	}
}
