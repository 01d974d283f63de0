package analytics

import (
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
	// Betweenness is the number of shortest paths between other pairs
	// that pass through the organisation (pairs counted once; split when
	// several paths are shortest).
	Betweenness float64
	// Closeness is (reachable − 1) / (sum of distances to the reachable)
	// within the organisation's component, distances being 1/weight.
	Closeness float64
}

// Component is a set of organisations connected through shared projects.
type Component struct {
	Organisations []*ecosystem.Organisation
}

// Size returns the number of organisations.
func (c Component) Size() int { return len(c.Organisations) }

// CutVertex is an organisation whose removal splits its component, with
// the pieces it separates.
type CutVertex struct {
	Organisation *ecosystem.Organisation
	Separates    []Component
}

// NetworkGaps is where the network is thin.
type NetworkGaps struct {
	// IsolatedOrganisations share no project with anyone and have no
	// membership or unit tie to another organisation.
	IsolatedOrganisations []*ecosystem.Organisation
	// OrganisationsWithoutProjects take part in no project (on asOf).
	OrganisationsWithoutProjects []*ecosystem.Organisation
	// PillarsMissingSectors are the pillars some sector does not cover.
	PillarsMissingSectors []PillarCoverage
	// Brokers are the organisations with the highest betweenness (above
	// zero), at most MaxBrokers.
	Brokers []CentralityScore
	// CutVertices split the network when removed.
	CutVertices []CutVertex
	// Components are the connected parts of the network, largest first;
	// isolated organisations are components of one.
	Components []Component
}

// MaxBrokers bounds NetworkGaps.Brokers.
const MaxBrokers = 10

// Centrality returns the centrality of every organisation on asOf.
func (m *Model) Centrality(asOf ecosystem.Date) map[string]CentralityScore {
	scores := m.Network(asOf).Centrality()
	out := make(map[string]CentralityScore, len(scores))
	for id, c := range scores {
		if o := m.Organisation(id); o != nil {
			out[id] = CentralityScore{Organisation: o, Degree: c.Degree, Betweenness: c.Betweenness, Closeness: c.Closeness}
		}
	}
	return out
}

// NetworkGaps finds where the network is thin on asOf.
func (m *Model) NetworkGaps(asOf ecosystem.Date) NetworkGaps {
	net := m.Network(asOf)
	var gaps NetworkGaps
	for _, id := range net.Isolated() {
		if !m.hasOrganisationTie(id, asOf) {
			gaps.IsolatedOrganisations = append(gaps.IsolatedOrganisations, m.Organisation(id))
		}
	}
	sortByName(gaps.IsolatedOrganisations)
	gaps.OrganisationsWithoutProjects = m.orgs(net.WithoutProjects())
	for _, cov := range m.PillarCoverage("", asOf) {
		if len(cov.MissingSectors) > 0 {
			gaps.PillarsMissingSectors = append(gaps.PillarsMissingSectors, cov)
		}
	}
	central := m.Centrality(asOf)
	for _, c := range central {
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
			v.Separates = append(v.Separates, m.component(c))
		}
		gaps.CutVertices = append(gaps.CutVertices, v)
	}
	for _, c := range net.Components() {
		gaps.Components = append(gaps.Components, m.component(c))
	}
	return gaps
}

func (m *Model) component(c analysis.Component) Component {
	return Component{Organisations: m.orgs(c.Organisations)}
}

// hasOrganisationTie reports whether an organisation has a membership
// (active on asOf) or unit link to another organisation, either way.
func (m *Model) hasOrganisationTie(id string, asOf ecosystem.Date) bool {
	for _, ls := range [][]ecosystem.Link{m.out[id], m.in[id]} {
		for _, l := range ls {
			switch l.Type {
			case ecosystem.RelUnitOf:
				return true
			case ecosystem.RelMemberOf:
				if linkActive(l.Properties, asOf) {
					return true
				}
			}
		}
	}
	return false
}
