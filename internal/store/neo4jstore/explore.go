package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// SharedProjects finds the projects every given organisation takes part
// in, in one statement.
func (s *Store) SharedProjects(ctx context.Context, organisationIDs []string) ([]*ecosystem.Project, error) {
	ids := dedupe(organisationIDs)
	recs, err := s.read(ctx, `MATCH (o:Organisation)-[:PARTICIPATES_IN]->(p:Project) WHERE o.id IN $ids
WITH p, count(DISTINCT o) AS n WHERE n = size($ids)
RETURN p ORDER BY p.sortKey, p.id`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make([]*ecosystem.Project, 0, len(recs))
	for _, r := range recs {
		n, err := decodeNode(r.Values[0].(neo4j.Node))
		if err != nil {
			return nil, err
		}
		out = append(out, n.(*ecosystem.Project))
	}
	return out, nil
}

// Collaborators ranks the partners of many organisations by shared
// projects, in one statement that reads only ids and sort keys.
func (s *Store) Collaborators(ctx context.Context, organisationIDs []string) (map[string][]ecosystem.Collaboration, error) {
	recs, err := s.read(ctx, `MATCH (o:Organisation)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(c:Organisation)
WHERE o.id IN $ids AND c <> o
WITH o, c, collect(DISTINCT p.id) AS projects
RETURN o.id, c.id, c.sortKey, projects ORDER BY o.id, size(projects) DESC, c.sortKey, c.id`, map[string]any{"ids": organisationIDs})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]ecosystem.Collaboration, len(organisationIDs))
	for _, r := range recs {
		key, _ := r.Values[2].(string)
		col := ecosystem.Collaboration{OrganisationID: r.Values[1].(string), SortKey: key}
		for _, p := range r.Values[3].([]any) {
			col.ProjectIDs = append(col.ProjectIDs, p.(string))
		}
		id := r.Values[0].(string)
		out[id] = append(out[id], col)
	}
	return out, nil
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
