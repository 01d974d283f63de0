package analytics

import (
	"sort"
	"strconv"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// TotalsBy says what participation totals are grouped by.
type TotalsBy string

// The groupings of participation totals.
const (
	// TotalsByProgramme counts a participation under its project's
	// programmes and every programme those are part of, once each.
	TotalsByProgramme TotalsBy = "PROGRAMME"
	// TotalsByPillar counts it under the pillars its project covers,
	// directly or through its call.
	TotalsByPillar TotalsBy = "PILLAR"
	// TotalsBySector counts it under its organisation's sector.
	TotalsBySector TotalsBy = "SECTOR"
	// TotalsByYear counts it under the year it starts: its since date, or
	// else its project's start.
	TotalsByYear TotalsBy = "YEAR"
	// TotalsByOrganisation counts it under its organisation, merged as the
	// roll-up says.
	TotalsByOrganisation TotalsBy = "ORGANISATION"
)

// TotalsOrderField is what totals are ordered by.
type TotalsOrderField string

// The orders of totals.
const (
	TotalsOrderContribution   TotalsOrderField = "CONTRIBUTION"
	TotalsOrderParticipations TotalsOrderField = "PARTICIPATIONS"
	TotalsOrderCoordinations  TotalsOrderField = "COORDINATIONS"
	TotalsOrderProjects       TotalsOrderField = "PROJECTS"
	TotalsOrderLabel          TotalsOrderField = "LABEL"
)

// Total sums a set of participations. At most one of Programme, Pillar,
// Sector, Year and Organisation says what the set is.
type Total struct {
	Label           string
	Programme       *ecosystem.Programme
	Pillar          *ecosystem.Pillar
	Sector          *ecosystem.Sector
	Year            *int
	Organisation    *ecosystem.Organisation
	Participations  int
	Coordinations   int
	Projects        int
	ContributionEur float64

	projects map[string]bool
}

// add counts one participation.
func (t *Total) add(l ecosystem.Link) {
	t.Participations++
	p, _ := l.Props.(*ecosystem.Participation)
	if p != nil && p.Role == ecosystem.ParticipationCoordinator {
		t.Coordinations++
	}
	if p != nil && p.ContributionEur != nil {
		t.ContributionEur += *p.ContributionEur
	}
	if t.projects == nil {
		t.projects = map[string]bool{}
	}
	if !t.projects[l.To] {
		t.projects[l.To] = true
		t.Projects++
	}
}

// Figures are an organisation's participations in figures.
type Figures struct {
	Total       *Total
	ByProgramme []*Total
	ByYear      []*Total
}

// Figures returns the totals of the participations of the organisations
// with the given ids (a group from package rollup): in all, by programme
// (largest contribution first) and by year (in year order).
func (m *Model) Figures(ids []string) Figures {
	var links []ecosystem.Link
	for _, id := range ids {
		for _, l := range m.out[id] {
			if l.Type == ecosystem.RelParticipatesIn {
				links = append(links, l)
			}
		}
	}
	f := Figures{Total: &Total{}, ByProgramme: m.totals(links, TotalsByProgramme, ecosystem.RollUpNone), ByYear: m.totals(links, TotalsByYear, ecosystem.RollUpNone)}
	for _, l := range links {
		f.Total.add(l)
	}
	SortTotals(f.ByProgramme, TotalsOrderContribution, true)
	SortTotals(f.ByYear, TotalsOrderLabel, false)
	return f
}

// Totals returns the totals of every participation in the graph, one per
// programme, pillar, sector, year or organisation, in label order; with
// TotalsByOrganisation each organisation counts under the one rollUp
// merges it into. Returns BAD_USER_INPUT for an unknown grouping or
// roll-up.
func (m *Model) Totals(by TotalsBy, rollUp ecosystem.RollUp) ([]*Total, error) {
	switch by {
	case TotalsByProgramme, TotalsByPillar, TotalsBySector, TotalsByYear, TotalsByOrganisation:
	default:
		return nil, ecosystem.FieldError("by", "%q is not a grouping of totals", by)
	}
	switch rollUp {
	case ecosystem.RollUpNone, ecosystem.RollUpUnits, ecosystem.RollUpLegalEntity:
	default:
		return nil, ecosystem.FieldError("rollUp", "%q is not a roll-up", rollUp)
	}
	rows := m.totals(m.participations(""), by, rollUp)
	SortTotals(rows, TotalsOrderLabel, false)
	return rows, nil
}

// totals groups links by what by says.
func (m *Model) totals(links []ecosystem.Link, by TotalsBy, rollUp ecosystem.RollUp) []*Total {
	rows := map[string]*Total{}
	var out []*Total
	row := func(key string, make func() *Total) *Total {
		t, ok := rows[key]
		if !ok {
			t = make()
			rows[key] = t
			out = append(out, t)
		}
		return t
	}
	for _, l := range links {
		for _, key := range m.keysOf(l, by, rollUp) {
			row(key, func() *Total { return m.totalFor(by, key) }).add(l)
		}
	}
	return out
}

// keysOf returns the ids (or values) a participation counts under.
func (m *Model) keysOf(l ecosystem.Link, by TotalsBy, rollUp ecosystem.RollUp) []string {
	switch by {
	case TotalsByProgramme:
		return m.programmesOf(l.To)
	case TotalsByPillar:
		return m.projectPillars(l.To)
	case TotalsBySector:
		if o := m.Organisation(l.From); o != nil {
			return []string{string(o.Sector)}
		}
	case TotalsByYear:
		if y := m.startOf(l); len(y) >= 4 {
			return []string{string(y[:4])}
		}
	case TotalsByOrganisation:
		return []string{m.mergedInto(l.From, rollUp)}
	}
	return nil
}

// totalFor returns an empty row for a key of by.
func (m *Model) totalFor(by TotalsBy, key string) *Total {
	t := &Total{Label: key}
	switch by {
	case TotalsByProgramme:
		t.Programme, _ = m.nodes[key].(*ecosystem.Programme)
		t.Label = t.Programme.Name
	case TotalsByPillar:
		t.Pillar, _ = m.nodes[key].(*ecosystem.Pillar)
		t.Label = t.Pillar.Name
	case TotalsBySector:
		s := ecosystem.Sector(key)
		t.Sector = &s
	case TotalsByYear:
		y, _ := strconv.Atoi(key)
		t.Year = &y
	case TotalsByOrganisation:
		t.Organisation = m.Organisation(key)
		t.Label = t.Organisation.Name
	}
	return t
}

// programmesOf returns a project's programmes and every programme they
// are part of, each once.
func (m *Model) programmesOf(project string) []string {
	var out []string
	seen := map[string]bool{}
	queue := m.targets(project, ecosystem.RelInProgramme)
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if seen[id] {
			continue
		}
		seen[id] = true
		if _, ok := m.nodes[id].(*ecosystem.Programme); !ok {
			continue
		}
		out = append(out, id)
		queue = append(queue, m.targets(id, ecosystem.RelPartOf)...)
	}
	return out
}

// projectPillars returns the pillars a project covers, directly or
// through a call it responds to, each once.
func (m *Model) projectPillars(project string) []string {
	var out []string
	seen := map[string]bool{}
	ids := m.targets(project, ecosystem.RelCovers)
	for _, call := range m.targets(project, ecosystem.RelRespondsTo) {
		ids = append(ids, m.targets(call, ecosystem.RelCovers)...)
	}
	for _, id := range ids {
		if _, ok := m.nodes[id].(*ecosystem.Pillar); ok && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// startOf returns when a participation starts: its since date, or else
// its project's start ("" when neither is known).
func (m *Model) startOf(l ecosystem.Link) ecosystem.Date {
	if s := l.Facts().Since; s != nil {
		return *s
	}
	if p, ok := m.nodes[l.To].(*ecosystem.Project); ok && p.Start != nil {
		return *p.Start
	}
	return ""
}

// SortTotals orders totals by field, descending when desc; ties (and
// LABEL) go by label in Norwegian collation.
func SortTotals(rows []*Total, field TotalsOrderField, desc bool) {
	num := func(t *Total) float64 {
		switch field {
		case TotalsOrderParticipations:
			return float64(t.Participations)
		case TotalsOrderCoordinations:
			return float64(t.Coordinations)
		case TotalsOrderProjects:
			return float64(t.Projects)
		case TotalsOrderContribution:
			return t.ContributionEur
		}
		return 0
	}
	keys := make(map[*Total]string, len(rows))
	for _, t := range rows {
		keys[t] = ecosystem.SortKey(t.Label)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if na, nb := num(a), num(b); na != nb {
			return (na < nb) != desc
		}
		if keys[a] != keys[b] {
			return (keys[a] < keys[b]) != (desc && field == TotalsOrderLabel)
		}
		return false
	})
}
