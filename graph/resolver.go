// Package graph holds the GraphQL resolvers. They are thin: each reads its
// arguments, asks the store (through the request's loaders, so that nested
// fields cost one query per level, not per row) and returns domain types.
package graph

import (
	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Resolver is the root resolver and the resolvers' one dependency hub.
type Resolver struct {
	Store ecosystem.Store
	// Analytics answers the network-gap questions from a cached model.
	Analytics *analytics.Service
}
