package analytics

import (
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// PartnerSuggestion is an organisation worth approaching, with its score
// and the reasons in words.
type PartnerSuggestion struct {
	Organisation *ecosystem.Organisation
	Score        float64
	Reasons      []string
}

// PartnerSuggestions ranks the organisations of a scope that
// organisationID does not yet share a project of the scope with; the
// score is defined in package analysis (common partners + Adamic–Adar +
// half the number of pillars the candidate covers that the organisation
// does not), and the reasons name partners and pillars by name. The
// organisation asked about is always in scope. Returns NOT_FOUND for an
// unknown organisation.
func (m *Model) PartnerSuggestions(organisationID string, limit int, s Scope) ([]PartnerSuggestion, error) {
	if m.Organisation(organisationID) == nil {
		return nil, ecosystem.Errorf(ecosystem.CodeNotFound, "no organisation has the id %q", organisationID)
	}
	if limit < 1 || limit > ecosystem.MaxPageSize {
		return nil, ecosystem.FieldError("first", "must be between 1 and %d", ecosystem.MaxPageSize)
	}
	var out []PartnerSuggestion
	s = s.with(organisationID)
	for _, c := range m.Network("", s).Suggestions(organisationID, m.pillarsOf("", s), m.names(), limit) {
		out = append(out, PartnerSuggestion{Organisation: m.Organisation(c.Organisation), Score: c.Score, Reasons: c.Reasons})
	}
	return out, nil
}
