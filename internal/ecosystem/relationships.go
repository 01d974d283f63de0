package ecosystem

import "sort"

// RelType names a relationship type. Relationship types double as Neo4j
// relationship types, so they come only from this list.
type RelType string

// The relationship types, each with the labels it connects.
const (
	RelUnitOf         RelType = "UNIT_OF"         // Organisation → its parent Organisation
	RelMemberOf       RelType = "MEMBER_OF"       // Organisation → the Organisation it is a member of
	RelParticipatesIn RelType = "PARTICIPATES_IN" // Organisation → Project
	RelHolds          RelType = "HOLDS"           // Person → Role
	RelSeatAt         RelType = "SEAT_AT"         // Role → the Organisation it represents
	RelInBody         RelType = "IN_BODY"         // Role → the body (an Organisation) the seat is in
	RelDeputyFor      RelType = "DEPUTY_FOR"      // a deputy's Role → the Role it deputises for
	RelRespondsTo     RelType = "RESPONDS_TO"     // Project → Call
	RelHasTopic       RelType = "HAS_TOPIC"       // Project or Call → Topic
	RelInProgramme    RelType = "IN_PROGRAMME"    // Project or Call → Programme
	RelPartOf         RelType = "PART_OF"         // Programme → Programme, Call → Call
	RelFundedBy       RelType = "FUNDED_BY"       // Programme → funding Organisation
	RelDefinedBy      RelType = "DEFINED_BY"      // Pillar → the Programme (plan) that defines it
	RelCovers         RelType = "COVERS"          // Organisation, Project, Call or Programme → Pillar
	RelInvolves       RelType = "INVOLVES"        // Event → Organisation
	RelConcerns       RelType = "CONCERNS"        // Event → Programme or Project
	RelTakesPartIn    RelType = "TAKES_PART_IN"   // Person → Event (a workshop, a meeting)
)

// RelationshipSpec says which labels a relationship type may connect.
type RelationshipSpec struct {
	From []Label
	To   []Label
}

// Relationships is the allow-list of relationship types.
var Relationships = map[RelType]RelationshipSpec{
	RelUnitOf:         {From: []Label{LabelOrganisation}, To: []Label{LabelOrganisation}},
	RelMemberOf:       {From: []Label{LabelOrganisation}, To: []Label{LabelOrganisation}},
	RelParticipatesIn: {From: []Label{LabelOrganisation}, To: []Label{LabelProject}},
	RelHolds:          {From: []Label{LabelPerson}, To: []Label{LabelRole}},
	RelSeatAt:         {From: []Label{LabelRole}, To: []Label{LabelOrganisation}},
	RelInBody:         {From: []Label{LabelRole}, To: []Label{LabelOrganisation}},
	RelDeputyFor:      {From: []Label{LabelRole}, To: []Label{LabelRole}},
	RelRespondsTo:     {From: []Label{LabelProject}, To: []Label{LabelCall}},
	RelHasTopic:       {From: []Label{LabelProject, LabelCall}, To: []Label{LabelTopic}},
	RelInProgramme:    {From: []Label{LabelProject, LabelCall}, To: []Label{LabelProgramme}},
	RelPartOf:         {From: []Label{LabelProgramme, LabelCall}, To: []Label{LabelProgramme, LabelCall}},
	RelFundedBy:       {From: []Label{LabelProgramme}, To: []Label{LabelOrganisation}},
	RelDefinedBy:      {From: []Label{LabelPillar}, To: []Label{LabelProgramme}},
	RelCovers:         {From: []Label{LabelOrganisation, LabelProject, LabelCall, LabelProgramme}, To: []Label{LabelPillar}},
	RelInvolves:       {From: []Label{LabelEvent}, To: []Label{LabelOrganisation}},
	RelConcerns:       {From: []Label{LabelEvent}, To: []Label{LabelProgramme, LabelProject}},
	RelTakesPartIn:    {From: []Label{LabelPerson}, To: []Label{LabelEvent}},
}

// RelTypes lists the relationship types in a fixed order.
var RelTypes = []RelType{
	RelUnitOf, RelMemberOf, RelParticipatesIn, RelHolds, RelSeatAt, RelInBody,
	RelDeputyFor, RelRespondsTo, RelHasTopic, RelInProgramme, RelPartOf,
	RelFundedBy, RelDefinedBy, RelCovers, RelInvolves, RelConcerns,
	RelTakesPartIn,
}

// Allows reports whether the relationship type may go from a node of label
// from to a node of label to.
func (t RelType) Allows(from, to Label) bool {
	spec, ok := Relationships[t]
	return ok && containsLabel(spec.From, from) && containsLabel(spec.To, to)
}

func containsLabel(ls []Label, l Label) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// Direction is which way a relation is followed from the node at hand.
type Direction int

// The directions.
const (
	Outgoing Direction = iota
	Incoming
)

// Relation is a relationship as seen from one end: the type, the direction
// to follow, and the label of the nodes wanted at the other end. Each
// relationship field of the API is one Relation.
type Relation struct {
	Type      RelType
	Direction Direction
	Target    Label
}

// The relations behind the API's relationship fields, named by the type
// and field they serve.
var (
	OrganisationParent         = Relation{RelUnitOf, Outgoing, LabelOrganisation}
	OrganisationUnits          = Relation{RelUnitOf, Incoming, LabelOrganisation}
	OrganisationMemberOf       = Relation{RelMemberOf, Outgoing, LabelOrganisation}
	OrganisationMembers        = Relation{RelMemberOf, Incoming, LabelOrganisation}
	OrganisationParticipations = Relation{RelParticipatesIn, Outgoing, LabelProject}
	OrganisationRoles          = Relation{RelSeatAt, Incoming, LabelRole}
	OrganisationBodySeats      = Relation{RelInBody, Incoming, LabelRole}
	OrganisationPillars        = Relation{RelCovers, Outgoing, LabelPillar}
	OrganisationFunds          = Relation{RelFundedBy, Incoming, LabelProgramme}
	OrganisationEvents         = Relation{RelInvolves, Incoming, LabelEvent}

	PersonRoles  = Relation{RelHolds, Outgoing, LabelRole}
	PersonEvents = Relation{RelTakesPartIn, Outgoing, LabelEvent}

	RolePeople       = Relation{RelHolds, Incoming, LabelPerson}
	RoleOrganisation = Relation{RelSeatAt, Outgoing, LabelOrganisation}
	RoleBody         = Relation{RelInBody, Outgoing, LabelOrganisation}
	RoleDeputy       = Relation{RelDeputyFor, Incoming, LabelRole}
	RoleDeputyFor    = Relation{RelDeputyFor, Outgoing, LabelRole}

	ProjectPartners   = Relation{RelParticipatesIn, Incoming, LabelOrganisation}
	ProjectCalls      = Relation{RelRespondsTo, Outgoing, LabelCall}
	ProjectTopics     = Relation{RelHasTopic, Outgoing, LabelTopic}
	ProjectProgrammes = Relation{RelInProgramme, Outgoing, LabelProgramme}
	ProjectPillars    = Relation{RelCovers, Outgoing, LabelPillar}
	ProjectEvents     = Relation{RelConcerns, Incoming, LabelEvent}

	CallProgramme = Relation{RelInProgramme, Outgoing, LabelProgramme}
	CallParent    = Relation{RelPartOf, Outgoing, LabelCall}
	CallChildren  = Relation{RelPartOf, Incoming, LabelCall}
	CallTopics    = Relation{RelHasTopic, Outgoing, LabelTopic}
	CallProjects  = Relation{RelRespondsTo, Incoming, LabelProject}
	CallPillars   = Relation{RelCovers, Outgoing, LabelPillar}

	TopicCalls    = Relation{RelHasTopic, Incoming, LabelCall}
	TopicProjects = Relation{RelHasTopic, Incoming, LabelProject}

	ProgrammeFunder   = Relation{RelFundedBy, Outgoing, LabelOrganisation}
	ProgrammeParent   = Relation{RelPartOf, Outgoing, LabelProgramme}
	ProgrammeChildren = Relation{RelPartOf, Incoming, LabelProgramme}
	ProgrammeCalls    = Relation{RelInProgramme, Incoming, LabelCall}
	ProgrammeProjects = Relation{RelInProgramme, Incoming, LabelProject}
	ProgrammePillars  = Relation{RelCovers, Outgoing, LabelPillar}
	ProgrammeDefines  = Relation{RelDefinedBy, Incoming, LabelPillar}
	ProgrammeEvents   = Relation{RelConcerns, Incoming, LabelEvent}

	PillarFramework     = Relation{RelDefinedBy, Outgoing, LabelProgramme}
	PillarOrganisations = Relation{RelCovers, Incoming, LabelOrganisation}
	PillarProjects      = Relation{RelCovers, Incoming, LabelProject}
	PillarCalls         = Relation{RelCovers, Incoming, LabelCall}
	PillarProgrammes    = Relation{RelCovers, Incoming, LabelProgramme}

	EventOrganisations = Relation{RelInvolves, Outgoing, LabelOrganisation}
	EventProgramme     = Relation{RelConcerns, Outgoing, LabelProgramme}
	EventProject       = Relation{RelConcerns, Outgoing, LabelProject}
	EventPeople        = Relation{RelTakesPartIn, Incoming, LabelPerson}
)

// Link is one relationship between two entities, with what it states:
// Props is a *Participation for PARTICIPATES_IN and a *LinkFacts for
// every other type (see NewLinkProps); nil states nothing.
type Link struct {
	From  string
	Type  RelType
	To    string
	Props LinkProps
	// Field is the input path the link came from (such as
	// "input.pillars[1]"), for error messages; stores ignore it.
	Field string
}

// LinkKey identifies a relationship: there is at most one of a type
// between two entities.
type LinkKey struct {
	From string
	Type RelType
	To   string
}

// Key returns the link's identity.
func (l Link) Key() LinkKey { return LinkKey{From: l.From, Type: l.Type, To: l.To} }

// Facts returns what the link states in common with every link (zero
// when it states nothing).
func (l Link) Facts() LinkFacts { return factsOf(l.Props) }

// LinkProps is what a relationship states besides its ends: one type per
// kind of relationship that states something of its own (Participation),
// and LinkFacts for the kinds that state only what every relationship
// may. Stores hand out the type NewLinkProps gives for the relationship
// type, so readers may assert it.
type LinkProps interface {
	// Facts returns the part every relationship has.
	Facts() *LinkFacts
}

// LinkFacts is what every relationship may state: where it is stated and
// when it holds. Relationships of types that state nothing of their own
// (MEMBER_OF, UNIT_OF, HOLDS, COVERS, ...) carry LinkFacts alone.
type LinkFacts struct {
	Since   *Date    `json:"since,omitempty"`
	Until   *Date    `json:"until,omitempty"`
	Sources []Source `json:"sources"`
}

// Facts returns f itself, so that every kind embedding LinkFacts is a
// LinkProps.
func (f *LinkFacts) Facts() *LinkFacts { return f }

// ParticipationRole is an organisation's role in a project.
type ParticipationRole string

// The participation roles.
const (
	ParticipationCoordinator ParticipationRole = "COORDINATOR"
	ParticipationPartner     ParticipationRole = "PARTNER"
	ParticipationAssociated  ParticipationRole = "ASSOCIATED"
)

// ParticipationStatus says whether a participation is settled.
type ParticipationStatus string

// The participation statuses.
const (
	ParticipationConfirmed ParticipationStatus = "CONFIRMED"
	ParticipationTentative ParticipationStatus = "TENTATIVE"
)

// Participation is what an organisation's part in a project states: the
// properties of a PARTICIPATES_IN relationship from the organisation to
// the project.
type Participation struct {
	Role            ParticipationRole   `json:"role"`
	Status          ParticipationStatus `json:"status"`
	ContributionEur *float64            `json:"contributionEur,omitempty"`
	LinkFacts
}

// NewLinkProps returns empty properties of the kind a relationship type
// carries, or nil for an unknown type.
func NewLinkProps(t RelType) LinkProps {
	if _, ok := Relationships[t]; !ok {
		return nil
	}
	if t == RelParticipatesIn {
		return &Participation{}
	}
	return &LinkFacts{}
}

func factsOf(p LinkProps) LinkFacts {
	if p == nil || p.Facts() == nil {
		return LinkFacts{}
	}
	return *p.Facts()
}

// Neighbour is a node reached over a relation, with what the
// relationship that reached it states (of the kind NewLinkProps gives).
type Neighbour struct {
	Node  Node
	Props LinkProps
	// Cursor is the node's place in name order, made from the sort key
	// the store holds, so that readers need not compute it again.
	Cursor Cursor
	// Then holds, when the neighbour was reached by Store.Follow, the
	// pages of the step's Then taken from it, in their order.
	Then []*NeighbourPage
}

// Facts returns what the relationship that reached the node states in
// common with every relationship.
func (n Neighbour) Facts() LinkFacts { return factsOf(n.Props) }

// SortLinks orders links by from, type and to, so that every store hands
// out the same snapshot.
func SortLinks(links []Link) {
	sort.Slice(links, func(i, j int) bool {
		a, b := links[i], links[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.To < b.To
	})
}
