package neo4jstore

import (
	"context"
	"fmt"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// NeighbourPages pages one relation from many nodes in one statement:
// per key, a COLLECT subquery seeks past the cursors, orders by
// (sortKey, id) and stops at the page size plus one, and COUNT counts
// the rest without reading it, so that a node with hundreds of
// neighbours sends one page of them.
func (s *Store) NeighbourPages(ctx context.Context, rel ecosystem.Relation, ids []string, req ecosystem.PageRequest) (map[string]*ecosystem.NeighbourPage, error) {
	if err := checkRelation(rel); err != nil {
		return nil, err
	}
	size, backward, err := req.Size()
	if err != nil {
		return nil, err
	}
	params := map[string]any{"ids": ids, "limit": size + 1}
	inside, beyond := "true", "false"
	if req.After != "" {
		c, err := ecosystem.DecodeCursor(req.After)
		if err != nil {
			return nil, err
		}
		params["ak"], params["aid"] = c.Key, c.ID
		inside = "(b.sortKey > $ak OR (b.sortKey = $ak AND b.id > $aid))"
		if !backward {
			beyond = "(b.sortKey < $ak OR (b.sortKey = $ak AND b.id <= $aid))"
		}
	}
	if req.Before != "" {
		c, err := ecosystem.DecodeCursor(req.Before)
		if err != nil {
			return nil, err
		}
		params["bk"], params["bid"] = c.Key, c.ID
		inside += " AND (b.sortKey < $bk OR (b.sortKey = $bk AND b.id < $bid))"
		if backward {
			// As ecosystem.Window has it: past the page's end means at or
			// after before, and after after.
			beyond = "(b.sortKey > $bk OR (b.sortKey = $bk AND b.id >= $bid))"
			if req.After != "" {
				beyond += " AND (b.sortKey > $ak OR (b.sortKey = $ak AND b.id > $aid))"
			}
		}
	}
	dir := "ASC"
	if backward {
		dir = "DESC"
	}
	p := pattern(rel)
	cypher := fmt.Sprintf(`UNWIND $ids AS key
MATCH (a:Node {id: key})
RETURN key,
  COLLECT { MATCH %[1]s WHERE %[2]s WITH b, r ORDER BY b.sortKey %[4]s, b.id %[4]s LIMIT $limit RETURN [%[5]s, properties(r)] } AS page,
  COUNT { MATCH %[1]s } AS total,
  EXISTS { MATCH %[1]s WHERE %[3]s } AS beyond`, p, inside, beyond, dir, projection("b", rel.Target))
	recs, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*ecosystem.NeighbourPage, len(recs))
	for _, r := range recs {
		rows := r.Values[1].([]any)
		page := &ecosystem.NeighbourPage{Total: int(r.Values[2].(int64))}
		more, beyond := len(rows) > size, r.Values[3].(bool)
		if more {
			rows = rows[:size]
		}
		page.Neighbours = make([]ecosystem.Neighbour, len(rows))
		for i, row := range rows {
			parts := row.([]any)
			node := parts[0].(map[string]any)
			n, err := storekit.DecodeNode(rel.Target, node)
			if err != nil {
				return nil, err
			}
			stored, _ := parts[1].(map[string]any)
			props, err := storekit.DecodeLinkProps(rel.Type, stored)
			if err != nil {
				return nil, err
			}
			at := i
			if backward {
				at = len(rows) - 1 - i
			}
			page.Neighbours[at] = ecosystem.Neighbour{Node: n, Props: props, Cursor: storekit.NameCursor(node)}
		}
		if backward {
			page.HasPreviousPage, page.HasNextPage = more, beyond
		} else {
			page.HasNextPage, page.HasPreviousPage = more, beyond
		}
		out[r.Values[0].(string)] = page
	}
	return out, nil
}
