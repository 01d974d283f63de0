package graph

import (
	"context"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// seesPeople reports whether the request may see everything about
// persons: any valid token may. Anonymous readers see a person's name and
// public roles (ecosystem.PublicRole) only.
func seesPeople(ctx context.Context) bool {
	return auth.IdentityFrom(ctx).Access >= auth.Reader
}

// privateSeat reports, for anonymous readers' neighbourhoods and path
// searches, whether a link is a person's hold on a seat that is not
// public: those walks must not pass it.
func privateSeat(m *analytics.Model) func(ecosystem.Link) bool {
	return func(l ecosystem.Link) bool {
		if l.Type != ecosystem.RelHolds {
			return false
		}
		role, ok := m.Node(l.To).(*ecosystem.Role)
		return ok && !ecosystem.PublicRole(role)
	}
}
