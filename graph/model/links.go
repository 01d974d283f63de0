package model

import "github.com/cancermissionhub/hubgraph/internal/ecosystem"

// Participation is a PARTICIPATES_IN relationship as the API lists it:
// its ends and what it states. Whoever makes one sets both ends, which
// it has at hand (the node a list was read from and the one reached), so
// that showing them costs no read and no resolver.
type Participation struct {
	OrganisationID string
	ProjectID      string
	Organisation   *ecosystem.Organisation
	Project        *ecosystem.Project
	*ecosystem.Participation
}

// ParticipationOf returns a PARTICIPATES_IN link between org and
// project as the API lists it.
func ParticipationOf(l ecosystem.Link, org *ecosystem.Organisation, project *ecosystem.Project) *Participation {
	p, _ := l.Props.(*ecosystem.Participation)
	return &Participation{OrganisationID: l.From, ProjectID: l.To, Organisation: org, Project: project, Participation: p}
}

// Membership is a MEMBER_OF relationship as the API lists it, seen from
// one end: OrganisationID is the end away from the one it was reached
// from (the group when listing what an organisation is a member of, the
// member when listing members).
type Membership struct {
	MemberID       string
	GroupID        string
	OrganisationID string
	*ecosystem.LinkFacts
}

// GraphEdge is a relationship for drawing: the schema's Edge interface,
// with one Go type per kind of relationship (see EdgeOf).
type GraphEdge interface {
	isGraphEdge()
}

// ParticipatesInEdge is a PARTICIPATES_IN relationship for drawing.
type ParticipatesInEdge struct {
	Type string
	From string
	To   string
	*ecosystem.Participation
}

// PlainEdge is a relationship that states nothing of its own, for
// drawing.
type PlainEdge struct {
	Type string
	From string
	To   string
	*ecosystem.LinkFacts
}

func (*ParticipatesInEdge) isGraphEdge() {}
func (*PlainEdge) isGraphEdge()          {}

// EdgeOf returns a link as the edge type of its kind.
func EdgeOf(l ecosystem.Link) GraphEdge {
	if p, ok := l.Props.(*ecosystem.Participation); ok {
		return &ParticipatesInEdge{Type: string(l.Type), From: l.From, To: l.To, Participation: p}
	}
	facts := l.Facts()
	return &PlainEdge{Type: string(l.Type), From: l.From, To: l.To, LinkFacts: &facts}
}
