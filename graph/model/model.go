// Package model holds the GraphQL types that are not domain types: the
// generic Relay connection (bound to each XConnection type by alias, since
// gqlgen cannot bind a generic type directly) and the Date scalar.
package model

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Connection is a Relay connection of T.
type Connection[T any] struct {
	Edges    []*Edge[T]
	PageInfo *PageInfo
	// Count computes the total; it runs only when totalCount is selected.
	Count func(ctx context.Context) (int, error)
}

// TotalCount returns the number of items in the whole list.
func (c *Connection[T]) TotalCount(ctx context.Context) (int, error) { return c.Count(ctx) }

// Edge is one item of a connection with its cursor.
type Edge[T any] struct {
	// At is the edge's place in its list; the cursor shows it encoded.
	At   ecosystem.Cursor
	Node T
}

// Cursor returns the edge's cursor. It is encoded only when a query
// shows it: most show none, and encoding one (JSON, then base64) was a
// tenth of the server's CPU on a list of fifty.
func (e *Edge[T]) Cursor() string { return e.At.Encode() }

// PageInfo is Relay's page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	// Start and End are the places of the page's first and last edges,
	// nil on an empty page.
	Start, End *ecosystem.Cursor
}

// StartCursor returns the cursor of the page's first edge, nil on an
// empty page.
func (p *PageInfo) StartCursor() *string { return encoded(p.Start) }

// EndCursor returns the cursor of the page's last edge, nil on an empty
// page.
func (p *PageInfo) EndCursor() *string { return encoded(p.End) }

func encoded(c *ecosystem.Cursor) *string {
	if c == nil {
		return nil
	}
	s := c.Encode()
	return &s
}

// The connection and edge types of the schema.
type (
	OrganisationConnection  = Connection[*ecosystem.Organisation]
	OrganisationEdge        = Edge[*ecosystem.Organisation]
	PersonConnection        = Connection[*ecosystem.Person]
	PersonEdge              = Edge[*ecosystem.Person]
	RoleConnection          = Connection[*ecosystem.Role]
	RoleEdge                = Edge[*ecosystem.Role]
	ProjectConnection       = Connection[*ecosystem.Project]
	ProjectEdge             = Edge[*ecosystem.Project]
	CallConnection          = Connection[*ecosystem.Call]
	CallEdge                = Edge[*ecosystem.Call]
	TopicConnection         = Connection[*ecosystem.Topic]
	TopicEdge               = Edge[*ecosystem.Topic]
	ProgrammeConnection     = Connection[*ecosystem.Programme]
	ProgrammeEdge           = Edge[*ecosystem.Programme]
	EventConnection         = Connection[*ecosystem.Event]
	EventEdge               = Edge[*ecosystem.Event]
	IndicatorConnection     = Connection[*ecosystem.Indicator]
	IndicatorEdge           = Edge[*ecosystem.Indicator]
	ParticipationConnection = Connection[*Participation]
	ParticipationEdge       = Edge[*Participation]
	MembershipConnection    = Connection[*Membership]
	MembershipEdge          = Edge[*Membership]
	CollaborationConnection = Connection[*ecosystem.Collaboration]
	CollaborationEdge       = Edge[*ecosystem.Collaboration]
)

// MarshalDate writes a Date as a JSON string.
func MarshalDate(d ecosystem.Date) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(string(d)))
	})
}

// UnmarshalDate reads a Date from a string in one of its forms (see
// ecosystem.Date).
func UnmarshalDate(v any) (ecosystem.Date, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("a Date must be a string of the form %s", ecosystem.DateForms)
	}
	return ecosystem.ParseDate(s)
}

// SearchEdge is one search result.
type SearchEdge struct {
	Cursor string
	// Score ranks the result; higher is better. Stores may score
	// differently.
	Score        float64
	MatchedField string
	Node         ecosystem.Node
}

// SearchConnection is a page of search results.
type SearchConnection struct {
	Edges    []*SearchEdge
	PageInfo *PageInfo
	Total    int
}

// TotalCount returns the number of results (at most 500).
func (c *SearchConnection) TotalCount() int { return c.Total }
