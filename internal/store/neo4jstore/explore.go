package neo4jstore

import (
	"context"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// Collaborators ranks the partners of many organisations by shared
// projects, in one statement that reads only ids and sort keys.
func (s *Store) Collaborators(ctx context.Context, organisationIDs []string) (map[string][]ecosystem.Collaboration, error) {
	recs, err := s.read(ctx, `UNWIND $ids AS id
MATCH (o:Organisation {id: id})-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(c:Organisation)
WHERE c <> o
WITH o, c, collect(DISTINCT p.id) AS projects
ORDER BY o.id, size(projects) DESC, c.sortKey, c.id
RETURN collect([o.id, c.id, c.sortKey, projects])`, map[string]any{"ids": organisationIDs})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]ecosystem.Collaboration, len(organisationIDs))
	for _, row := range recs[0].Values[0].([]any) {
		values := row.([]any)
		key, _ := values[2].(string)
		col := ecosystem.Collaboration{OrganisationID: values[1].(string), SortKey: key}
		for _, p := range values[3].([]any) {
			col.ProjectIDs = append(col.ProjectIDs, p.(string))
		}
		id := values[0].(string)
		out[id] = append(out[id], col)
	}
	return out, nil
}

// CollaboratorPages ranks each organisation's collaborators in memory
// where the graph is as the store last indexed it (collaborations.go),
// and otherwise in Cypher, sending one page of them: per organisation,
// the ranking is a list in rank order (the key RankCursor makes), the
// cursors are found in it by counting, and only the page's slice of it
// leaves the database, with the collaborators on it and the
// organisation itself (so that showing them reads no more).
func (s *Store) CollaboratorPages(ctx context.Context, organisationIDs []string, req ecosystem.PageRequest) (map[string]*ecosystem.CollaboratorPage, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	if x := s.collaborations.latest(); x != nil {
		pages, current, err := s.indexedCollaboratorPages(ctx, x, organisationIDs, req)
		if err != nil || current {
			return pages, err
		}
	}
	s.refreshCollaborationIndex()
	return s.cypherCollaboratorPages(ctx, organisationIDs, req)
}

// cypherCollaboratorPages is CollaboratorPages ranking in Cypher.
func (s *Store) cypherCollaboratorPages(ctx context.Context, organisationIDs []string, req ecosystem.PageRequest) (map[string]*ecosystem.CollaboratorPage, error) {
	size, backward, _ := req.Size()
	params := map[string]any{"ids": organisationIDs, "size": size, "backward": backward}
	// lo counts the rows at or before after; hi the rows before before.
	// The ranking is in RankCursor order (most shared projects first,
	// then by sort key and id); a row's RankCursor key is built only to
	// compare it with a cursor (a first page builds none: at scale M
	// building it for every collaborator of the busiest organisation
	// cost a fifth of the statement).
	const rankKey = "toString(999999999 - size(r[2])) + r[1]"
	lo, hi := "0", "size(ranked)"
	if req.After != "" {
		c, _ := ecosystem.DecodeCursor(req.After)
		params["ak"], params["aid"] = c.Key, c.ID
		lo = "size([r IN ranked WHERE " + rankKey + " < $ak OR (" + rankKey + " = $ak AND r[0] <= $aid)])"
	}
	if req.Before != "" {
		c, _ := ecosystem.DecodeCursor(req.Before)
		params["bk"], params["bid"] = c.Key, c.ID
		hi = "size([r IN ranked WHERE " + rankKey + " < $bk OR (" + rankKey + " = $bk AND r[0] < $bid)])"
	}
	recs, err := s.read(ctx, `UNWIND $ids AS key
MATCH (o:Organisation {id: key})
CALL (o) {
  MATCH (o)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(c:Organisation)
  WHERE c <> o
  WITH c, collect(DISTINCT p.id) AS projects
  ORDER BY size(projects) DESC, c.sortKey, c.id
  RETURN collect([c.id, c.sortKey, projects, c]) AS ranked
}
WITH key, o, ranked, `+lo+` AS lo, `+hi+` AS hi
WITH key, o, ranked, lo, CASE WHEN hi < lo THEN lo ELSE hi END AS hi
WITH key, o, ranked, lo, hi,
  CASE WHEN $backward AND hi - $size > lo THEN hi - $size ELSE lo END AS from,
  CASE WHEN NOT $backward AND lo + $size < hi THEN lo + $size ELSE hi END AS to
CALL (ranked, from, to) {
  UNWIND ranked[from..to] AS r
  WITH r, r[3] AS c
  RETURN collect([r[0], r[1], r[2], `+projection("c", ecosystem.LabelOrganisation)+`]) AS page
}
RETURN key, size(ranked), lo, hi, page, `+projection("o", ecosystem.LabelOrganisation), params)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*ecosystem.CollaboratorPage, len(recs))
	for _, r := range recs {
		n, lo, hi := int(r.Values[1].(int64)), int(r.Values[2].(int64)), int(r.Values[3].(int64))
		_, _, window, err := ecosystem.WindowBetween(n, lo, hi, req)
		if err != nil {
			return nil, err
		}
		o, err := storekit.DecodeNode(ecosystem.LabelOrganisation, r.Values[5].(map[string]any))
		if err != nil {
			return nil, err
		}
		page := &ecosystem.CollaboratorPage{Organisation: o.(*ecosystem.Organisation), Total: n, HasNextPage: window.HasNextPage, HasPreviousPage: window.HasPreviousPage}
		for _, row := range r.Values[4].([]any) {
			parts := row.([]any)
			key, _ := parts[1].(string)
			c := ecosystem.Collaboration{OrganisationID: parts[0].(string), SortKey: key}
			for _, p := range parts[2].([]any) {
				c.ProjectIDs = append(c.ProjectIDs, p.(string))
			}
			n, err := storekit.DecodeNode(ecosystem.LabelOrganisation, parts[3].(map[string]any))
			if err != nil {
				return nil, err
			}
			c.Organisation = n.(*ecosystem.Organisation)
			page.Collaborations = append(page.Collaborations, c)
		}
		out[r.Values[0].(string)] = page
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
