package memstore

import (
	"context"
	"sort"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// projectsOf returns the projects an organisation takes part in.
func (st *state) projectsOf(id string) map[string]bool {
	out := map[string]bool{}
	for _, k := range st.out[id] {
		if k.Type == ecosystem.RelParticipatesIn {
			out[k.To] = true
		}
	}
	return out
}

// Collaborators ranks each organisation's partners by shared projects.
func (s *Store) Collaborators(ctx context.Context, organisationIDs []string) (map[string][]ecosystem.Collaboration, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	return st.collaboratorsOf(ctx, organisationIDs)
}

// collaboratorsOf is Collaborators on one state.
func (st *state) collaboratorsOf(_ context.Context, organisationIDs []string) (map[string][]ecosystem.Collaboration, error) {
	out := make(map[string][]ecosystem.Collaboration, len(organisationIDs))
	for _, id := range organisationIDs {
		cs, err := st.collaborators(id)
		if err != nil {
			return nil, err
		}
		if len(cs) > 0 {
			out[id] = cs
		}
	}
	return out, nil
}

// collaborators ranks one organisation's partners; see Collaborators.
func (st *state) collaborators(organisationID string) ([]ecosystem.Collaboration, error) {
	byPartner := map[string]map[string]bool{}
	for p := range st.projectsOf(organisationID) {
		for _, k := range st.in[p] {
			if k.Type == ecosystem.RelParticipatesIn && k.From != organisationID {
				if byPartner[k.From] == nil {
					byPartner[k.From] = map[string]bool{}
				}
				byPartner[k.From][p] = true
			}
		}
	}
	out := make([]ecosystem.Collaboration, 0, len(byPartner))
	for id, projects := range byPartner {
		ids := make([]string, 0, len(projects))
		for p := range projects {
			ids = append(ids, p)
		}
		out = append(out, ecosystem.Collaboration{OrganisationID: id, SortKey: sortKeyOf(st.nodes[id]), ProjectIDs: ids})
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].ProjectIDs) != len(out[j].ProjectIDs) {
			return len(out[i].ProjectIDs) > len(out[j].ProjectIDs)
		}
		return out[i].Cursor().Less(out[j].Cursor())
	})
	return out, nil
}

// CollaboratorPages cuts each organisation's ranking in memory, reading
// the organisations and their collaborators from one state of the graph.
func (s *Store) CollaboratorPages(ctx context.Context, organisationIDs []string, req ecosystem.PageRequest) (map[string]*ecosystem.CollaboratorPage, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	return storekit.CollaboratorPages(ctx, st.nodesByID, st.collaboratorsOf, organisationIDs, req)
}
