package graph

import (
	"github.com/cancermissionhub/hubgraph/graph/model"
	"github.com/cancermissionhub/hubgraph/internal/analytics"
)

// scopeOf reads an analytics question's scope: the model's default (the
// cancer network) when none is given. Returns NOT_FOUND for an id that
// names no pillar, programme or organisation and BAD_USER_INPUT for steps
// out of range.
func scopeOf(m *analytics.Model, in *model.AnalyticsScope) (analytics.Scope, error) {
	if in == nil {
		return m.DefaultScope(), nil
	}
	s := analytics.Scope{CancerProjects: in.CancerProjects, Pillars: in.Pillars, Programmes: in.Programmes,
		Focus: in.Focus, MembersOf: in.MembersOf, Steps: in.Steps}
	return s, m.Validate(s)
}
