package memstore

import (
	"cmp"
	"context"
	"slices"
	"strings"

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
	// Each partner's collaboration, found by its index in out; a partner
	// in a project twice (two participations) counts the project once:
	// the project it added last is the one being looked at.
	at := map[string]int{}
	var out []ecosystem.Collaboration
	for p := range st.projectsOf(organisationID) {
		for _, k := range st.in[p] {
			if k.Type != ecosystem.RelParticipatesIn || k.From == organisationID {
				continue
			}
			i, ok := at[k.From]
			if !ok {
				i = len(out)
				at[k.From] = i
				out = append(out, ecosystem.Collaboration{OrganisationID: k.From, SortKey: sortKeyOf(st.nodes[k.From])})
			}
			c := &out[i]
			if n := len(c.ProjectIDs); n == 0 || c.ProjectIDs[n-1] != p {
				c.ProjectIDs = append(c.ProjectIDs, p)
			}
		}
	}
	// Most shared projects first, then in name order (Cursor).
	slices.SortFunc(out, func(a, b ecosystem.Collaboration) int {
		return cmp.Or(cmp.Compare(len(b.ProjectIDs), len(a.ProjectIDs)),
			strings.Compare(a.SortKey, b.SortKey), strings.Compare(a.OrganisationID, b.OrganisationID))
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
