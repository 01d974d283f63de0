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

// withoutPrivateSeats returns sub without the HOLDS edges of seats that
// are not public, for anonymous readers.
func withoutPrivateSeats(sub *analytics.Subgraph) *analytics.Subgraph {
	private := map[string]bool{}
	for _, n := range sub.Nodes {
		if role, ok := n.(*ecosystem.Role); ok && !ecosystem.PublicRole(role) {
			private[role.ID] = true
		}
	}
	out := &analytics.Subgraph{Nodes: sub.Nodes, Truncated: sub.Truncated, Edges: make([]ecosystem.Link, 0, len(sub.Edges))}
	for _, e := range sub.Edges {
		if e.Type == ecosystem.RelHolds && private[e.To] {
			continue
		}
		out.Edges = append(out.Edges, e)
	}
	return out
}
