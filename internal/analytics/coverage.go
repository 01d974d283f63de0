package analytics

import (
	"sort"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// PillarCoverage says what covers one pillar.
type PillarCoverage struct {
	Pillar *ecosystem.Pillar
	// Organisations cover the pillar directly or through a project they
	// take part in that covers it.
	Organisations []*ecosystem.Organisation
	// Projects cover it directly or through a call they respond to.
	Projects []*ecosystem.Project
	// Calls cover it directly.
	Calls []*ecosystem.Call
	// BySector counts the covering organisations per sector, every sector
	// listed.
	BySector []SectorCount
	// MissingSectors are the sectors (OTHER aside) with no covering
	// organisation.
	MissingSectors []ecosystem.Sector
}

// SectorCount is a number of organisations in one sector.
type SectorCount struct {
	Sector ecosystem.Sector
	Count  int
}

// PillarCoverage returns the coverage of every pillar, in name order,
// counting only organisations of the given country (all when empty),
// participations active on asOf (all when empty), and the projects and
// organisations of a scope.
func (m *Model) PillarCoverage(country string, asOf ecosystem.Date, s Scope) []PillarCoverage {
	in := m.dated(asOf, s).scope
	var pillars []*ecosystem.Pillar
	for _, n := range m.nodes {
		if p, ok := n.(*ecosystem.Pillar); ok {
			pillars = append(pillars, p)
		}
	}
	sortByName(pillars)
	active := map[string][]string{} // project → organisations active in it
	for _, l := range m.participations(asOf) {
		if in.project(l.To) && in.organisation(l.From) {
			active[l.To] = append(active[l.To], l.From)
		}
	}
	out := make([]PillarCoverage, 0, len(pillars))
	for _, p := range pillars {
		calls := map[string]bool{}
		for _, id := range m.sources(p.ID, ecosystem.RelCovers) {
			if _, ok := m.nodes[id].(*ecosystem.Call); ok {
				calls[id] = true
			}
		}
		projects := map[string]bool{}
		orgs := map[string]bool{}
		for _, id := range m.sources(p.ID, ecosystem.RelCovers) {
			switch m.nodes[id].(type) {
			case *ecosystem.Project:
				projects[id] = in.project(id)
			case *ecosystem.Organisation:
				orgs[id] = in.organisation(id)
			}
		}
		for call := range calls {
			for _, proj := range m.sources(call, ecosystem.RelRespondsTo) {
				projects[proj] = in.project(proj)
			}
		}
		for proj := range projects {
			for _, o := range active[proj] {
				orgs[o] = true
			}
		}
		cov := PillarCoverage{Pillar: p}
		counts := map[ecosystem.Sector]int{}
		for id, ok := range orgs {
			o := m.Organisation(id)
			if !ok || country != "" && (o.Country == nil || *o.Country != country) {
				continue
			}
			cov.Organisations = append(cov.Organisations, o)
			counts[o.Sector]++
		}
		sortByName(cov.Organisations)
		for id, ok := range projects {
			if !ok {
				continue
			}
			cov.Projects = append(cov.Projects, m.nodes[id].(*ecosystem.Project))
		}
		sortByName(cov.Projects)
		for id := range calls {
			cov.Calls = append(cov.Calls, m.nodes[id].(*ecosystem.Call))
		}
		sortByName(cov.Calls)
		for _, s := range ecosystem.Sectors {
			cov.BySector = append(cov.BySector, SectorCount{Sector: s, Count: counts[s]})
			if counts[s] == 0 && s != ecosystem.SectorOther {
				cov.MissingSectors = append(cov.MissingSectors, s)
			}
		}
		out = append(out, cov)
	}
	return out
}

// pillarsOf returns, per organisation, the pillars it covers on asOf
// within a scope.
func (m *Model) pillarsOf(asOf ecosystem.Date, s Scope) map[string][]string {
	out := map[string][]string{}
	for _, cov := range m.PillarCoverage("", asOf, s) {
		for _, o := range cov.Organisations {
			out[o.ID] = append(out[o.ID], cov.Pillar.ID)
		}
	}
	for _, ps := range out {
		sort.Strings(ps)
	}
	return out
}
