package analytics

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/cancermissionhub/hubgraph/internal/analysis"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// CentralityScore is an organisation's position in the collaboration
// network; see package analysis for the definitions.
type CentralityScore struct {
	Organisation *ecosystem.Organisation
	// Degree is the number of distinct collaborators.
	Degree int
	// Betweenness is, summed over every unordered pair of other
	// organisations, the share of their shortest paths (lengths
	// 1/shared projects) that pass through the organisation.
	Betweenness float64
	// Closeness is Wasserman–Faust's: ((r−1)/(n−1)) × ((r−1)/S), where the
	// organisation reaches r−1 others at distances summing to S and the
	// network has n organisations; 0 without collaborators.
	Closeness float64
}

// Component is a set of organisations connected through shared projects:
// a component of the network, or a piece a cut vertex leaves behind.
type Component struct {
	m     *Model
	piece analysis.Component
}

// Size returns the number of organisations.
func (c Component) Size() int { return c.piece.Size() }

// Member list bounds: a component's members are listed on demand, so
// that the pieces of many cut vertices stay cheap.
const (
	DefaultMembers = 100
	MaxMembers     = 1000
)

// Members returns the first first members in name order, in time linear
// in the component's size. Returns BAD_USER_INPUT for first outside
// 0..MaxMembers.
func (c Component) Members(first int) ([]*ecosystem.Organisation, error) {
	if first < 0 || first > MaxMembers {
		return nil, ecosystem.FieldError("first", "must be between 0 and %d", MaxMembers)
	}
	return c.members(first), nil
}

// members returns the first limit members in name order, all when limit
// is negative.
func (c Component) members(limit int) []*ecosystem.Organisation {
	ids := c.piece.Organisations(limit)
	out := make([]*ecosystem.Organisation, len(ids))
	for i, id := range ids {
		out[i] = c.m.Organisation(id)
	}
	return out
}

// MarshalJSON writes the size and every member.
func (c Component) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Size          int                       `json:"size"`
		Organisations []*ecosystem.Organisation `json:"organisations"`
	}{c.Size(), c.members(-1)})
}

// CutVertex is an organisation whose removal splits its component, with
// the pieces it leaves behind, largest first.
type CutVertex struct {
	Organisation *ecosystem.Organisation
	Separates    []Component
}

// NetworkGaps is where the network is thin.
type NetworkGaps struct {
	// IsolatedOrganisations have no collaborator (they share no project
	// of at most 50 partners with anyone) and no tie to another
	// organisation: no membership, no unit link, no seat in a body (see
	// the package comment for which count on asOf).
	IsolatedOrganisations []*ecosystem.Organisation
	// OrganisationsWithoutProjects take part in no project (on asOf).
	OrganisationsWithoutProjects []*ecosystem.Organisation
	// PillarsMissingSectors are the pillars some sector does not cover.
	PillarsMissingSectors []PillarCoverage
	// Brokers are the organisations with the highest betweenness (above
	// zero), at most MaxBrokers.
	Brokers []CentralityScore
	// CutVertices split the network when removed, those that cut off the
	// most organisations first.
	CutVertices []CutVertex
	// Components are the connected parts of the network, largest first;
	// an organisation without collaborators is a component of one.
	Components []Component
}

// MaxBrokers bounds NetworkGaps.Brokers.
const MaxBrokers = 10

// Centrality returns the centrality of every organisation in a scope on
// asOf, by id. It is computed once per date and scope and shared: callers
// must not change it.
func (m *Model) Centrality(asOf ecosystem.Date, s Scope) map[string]CentralityScore {
	c, _ := m.CentralityContext(context.Background(), asOf, s)
	return c
}

// CentralityContext is Centrality that stops when ctx ends, returning
// ctx's error; nothing is kept then.
func (m *Model) CentralityContext(ctx context.Context, asOf ecosystem.Date, s Scope) (map[string]CentralityScore, error) {
	d := m.dated(asOf, s)
	d.centralityMu.Lock()
	defer d.centralityMu.Unlock()
	if d.centrality != nil {
		return d.centrality, nil
	}
	m.brandesRuns.Add(1)
	scores, err := m.Network(asOf, s).CentralityContext(ctx)
	if err != nil {
		return nil, err
	}
	d.centrality = make(map[string]CentralityScore, len(scores))
	for id, c := range scores {
		if o := m.Organisation(id); o != nil {
			d.centrality[id] = CentralityScore{Organisation: o, Degree: c.Degree, Betweenness: c.Betweenness, Closeness: c.Closeness}
		}
	}
	return d.centrality, nil
}

// NetworkGaps finds where the network of a scope is thin on asOf. It is
// computed once per date and scope and shared: callers must not change
// it.
func (m *Model) NetworkGaps(asOf ecosystem.Date, s Scope) NetworkGaps {
	g, _ := m.NetworkGapsContext(context.Background(), asOf, s)
	return g
}

// NetworkGapsContext is NetworkGaps that stops when ctx ends, returning
// ctx's error; nothing is kept then.
func (m *Model) NetworkGapsContext(ctx context.Context, asOf ecosystem.Date, s Scope) (NetworkGaps, error) {
	d := m.dated(asOf, s)
	d.gapsMu.Lock()
	defer d.gapsMu.Unlock()
	if d.gaps != nil {
		return *d.gaps, nil
	}
	gaps, err := m.networkGaps(ctx, asOf, s, d.scope)
	if err != nil {
		return NetworkGaps{}, err
	}
	d.gaps = &gaps
	return gaps, nil
}

func (m *Model) networkGaps(ctx context.Context, asOf ecosystem.Date, s Scope, in inScope) (NetworkGaps, error) {
	net := m.Network(asOf, s)
	var gaps NetworkGaps
	tied := m.organisationTies(asOf, in)
	for _, id := range net.Isolated() {
		if !tied[id] {
			gaps.IsolatedOrganisations = append(gaps.IsolatedOrganisations, m.Organisation(id))
		}
	}
	gaps.OrganisationsWithoutProjects = m.orgs(net.WithoutProjects())
	for _, cov := range m.PillarCoverage("", asOf, s) {
		if len(cov.MissingSectors) > 0 {
			gaps.PillarsMissingSectors = append(gaps.PillarsMissingSectors, cov)
		}
	}
	centrality, err := m.CentralityContext(ctx, asOf, s)
	if err != nil {
		return NetworkGaps{}, err
	}
	for _, c := range centrality {
		if c.Betweenness > 0 {
			gaps.Brokers = append(gaps.Brokers, c)
		}
	}
	sort.Slice(gaps.Brokers, func(i, j int) bool {
		a, b := gaps.Brokers[i], gaps.Brokers[j]
		if a.Betweenness != b.Betweenness {
			return a.Betweenness > b.Betweenness
		}
		return a.Organisation.ID < b.Organisation.ID
	})
	if len(gaps.Brokers) > MaxBrokers {
		gaps.Brokers = gaps.Brokers[:MaxBrokers]
	}
	for _, cv := range net.CutVertices() {
		v := CutVertex{Organisation: m.Organisation(cv.Organisation)}
		for _, c := range cv.Separates {
			v.Separates = append(v.Separates, Component{m: m, piece: c})
		}
		gaps.CutVertices = append(gaps.CutVertices, v)
	}
	for _, c := range net.Components() {
		gaps.Components = append(gaps.Components, Component{m: m, piece: c})
	}
	return gaps, nil
}

// organisationTies returns the organisations in scope tied on asOf to
// another organisation in scope other than by a shared project: by a
// membership (either way), a unit link (either way) or a seat in a body
// (the seat's organisation and the body).
func (m *Model) organisationTies(asOf ecosystem.Date, in inScope) map[string]bool {
	tied := map[string]bool{}
	tie := func(a, b string) {
		if a != b && m.Organisation(a) != nil && m.Organisation(b) != nil && in.organisation(a) && in.organisation(b) {
			tied[a], tied[b] = true, true
		}
	}
	for _, ls := range m.out {
		for _, l := range ls {
			switch l.Type {
			case ecosystem.RelUnitOf:
				tie(l.From, l.To)
			case ecosystem.RelMemberOf:
				if linkActive(l, asOf) {
					tie(l.From, l.To)
				}
			case ecosystem.RelSeatAt:
				if r, ok := m.nodes[l.From].(*ecosystem.Role); ok && roleActive(r, asOf) {
					for _, body := range m.targets(r.ID, ecosystem.RelInBody) {
						tie(l.To, body)
					}
				}
			}
		}
	}
	return tied
}
