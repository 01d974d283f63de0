package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// Follow takes every step, and every step below it, in one statement:
// each step is a COLLECT subquery nested in the rows of the step above.
// A paged step seeks past the cursors, orders by (sortKey, id) and stops
// at the page size plus one, and COUNT counts the rest without reading
// it, so that a node with hundreds of neighbours sends one page of them
// and a nested query is one round trip, not one per level.
func (s *Store) Follow(ctx context.Context, ids []string, steps []ecosystem.Step) (map[string][]*ecosystem.NeighbourPage, error) {
	c := &follower{params: map[string]any{"ids": ids}}
	pages, err := c.compileAll(steps)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "UNWIND $ids AS key\nMATCH (a:Node {id: key})\nRETURN key, "+pages+" AS pages", c.params)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]*ecosystem.NeighbourPage, len(recs))
	for _, r := range recs {
		pages, err := decodePages(steps, r.Values[1].([]any))
		if err != nil {
			return nil, err
		}
		out[r.Values[0].(string)] = pages
	}
	return out, nil
}

// NodesWith reads the entities as NodesByID does and takes the steps
// from each in the same statement.
func (s *Store) NodesWith(ctx context.Context, ids []string, steps []ecosystem.Step) (map[string]ecosystem.NodeWith, error) {
	c := &follower{params: map[string]any{"ids": ids}}
	pages, err := c.compileAll(steps)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, `UNWIND $ids AS id
OPTIONAL MATCH (r:Redirect {id: id})
WITH id, coalesce(r.to, id) AS target
MATCH (a:Node {id: target})
RETURN id, [l IN labels(a) WHERE l <> 'Node'][0], `+projection("a", ecosystem.Labels...)+", "+pages, c.params)
	if err != nil {
		return nil, err
	}
	out := make(map[string]ecosystem.NodeWith, len(recs))
	for _, r := range recs {
		n, err := storekit.DecodeNode(ecosystem.Label(r.Values[1].(string)), r.Values[2].(map[string]any))
		if err != nil {
			return nil, err
		}
		pages, err := decodePages(steps, r.Values[3].([]any))
		if err != nil {
			return nil, err
		}
		out[r.Values[0].(string)] = ecosystem.NodeWith{Node: n, Pages: pages}
	}
	return out, nil
}

// compileAll returns the Cypher list of the expressions of steps taken
// from the node variable a.
func (c *follower) compileAll(steps []ecosystem.Step) (string, error) {
	var exprs []string
	for _, step := range steps {
		e, err := c.compile("a", step)
		if err != nil {
			return "", err
		}
		exprs = append(exprs, e)
	}
	return "[" + strings.Join(exprs, ",\n") + "]", nil
}

// follower compiles steps into Cypher, naming each step's variables and
// parameters by its place in the statement.
type follower struct {
	params map[string]any
	steps  int
}

// compile returns the Cypher expression of step taken from the node
// variable from: a list of the rows reached (each the node's projection,
// the relationship's properties and the list of its Then's expressions),
// then for a paged step the total and whether nodes lie beyond the
// page's far end.
func (c *follower) compile(from string, step ecosystem.Step) (string, error) {
	rel := step.Relation
	if err := checkRelation(rel); err != nil {
		return "", err
	}
	c.steps++
	n := c.steps
	b, r := fmt.Sprintf("b%d", n), fmt.Sprintf("r%d", n)
	param := func(name string, v any) string {
		key := fmt.Sprintf("s%d%s", n, name)
		c.params[key] = v
		return "$" + key
	}
	arrow := func(rv, bv string) string {
		if rel.Direction == ecosystem.Incoming {
			return fmt.Sprintf("(%s)<-[%s:%s]-(%s:%s)", from, rv, rel.Type, bv, rel.Target)
		}
		return fmt.Sprintf("(%s)-[%s:%s]->(%s:%s)", from, rv, rel.Type, bv, rel.Target)
	}
	var then []string
	for _, t := range step.Then {
		e, err := c.compile(b, t)
		if err != nil {
			return "", err
		}
		then = append(then, e)
	}
	sortKey := readsSortKey(step)
	var node string
	if step.Partial {
		var err error
		if node, err = partialValues(b, sortKey, rel.Target, step.Properties); err != nil {
			return "", err
		}
	} else {
		node = entityProjection(b, sortKey, rel.Target)
	}
	props := fmt.Sprintf("properties(%s)", r)
	if step.OmitLinkProperties && step.Page != nil {
		props = "null"
	}
	row := fmt.Sprintf("[%s, %s, [%s]]", node, props, strings.Join(then, ", "))
	if step.Page == nil {
		return fmt.Sprintf("[COLLECT { MATCH %[1]s WITH %[2]s, %[3]s ORDER BY %[2]s.sortKey, %[2]s.id RETURN %[4]s }]", arrow(r, b), b, r, row), nil
	}
	req := *step.Page
	size, backward, err := req.Size()
	if err != nil {
		return "", err
	}
	// after and before compare a neighbour's (sortKey, id) with a cursor.
	after := func(k, id string) string {
		return fmt.Sprintf("(%[1]s.sortKey > %[2]s OR (%[1]s.sortKey = %[2]s AND %[1]s.id > %[3]s))", b, k, id)
	}
	atOrBefore := func(k, id string) string {
		return fmt.Sprintf("(%[1]s.sortKey < %[2]s OR (%[1]s.sortKey = %[2]s AND %[1]s.id <= %[3]s))", b, k, id)
	}
	before := func(k, id string) string {
		return fmt.Sprintf("(%[1]s.sortKey < %[2]s OR (%[1]s.sortKey = %[2]s AND %[1]s.id < %[3]s))", b, k, id)
	}
	atOrAfter := func(k, id string) string {
		return fmt.Sprintf("(%[1]s.sortKey > %[2]s OR (%[1]s.sortKey = %[2]s AND %[1]s.id >= %[3]s))", b, k, id)
	}
	inside, beyond := "true", "false"
	var ak, aid string
	if req.After != "" {
		cur, err := ecosystem.DecodeCursor(req.After)
		if err != nil {
			return "", err
		}
		ak, aid = param("ak", cur.Key), param("aid", cur.ID)
		inside = after(ak, aid)
		if !backward {
			beyond = atOrBefore(ak, aid)
		}
	}
	if req.Before != "" {
		cur, err := ecosystem.DecodeCursor(req.Before)
		if err != nil {
			return "", err
		}
		bk, bid := param("bk", cur.Key), param("bid", cur.ID)
		inside += " AND " + before(bk, bid)
		if backward {
			// As ecosystem.Window has it: past the page's end means at or
			// after before, and after after.
			beyond = atOrAfter(bk, bid)
			if req.After != "" {
				beyond += " AND " + after(ak, aid)
			}
		}
	}
	dir := "ASC"
	if backward {
		dir = "DESC"
	}
	count := fmt.Sprintf("COUNT { MATCH %s }", arrow("", ""))
	if step.OmitTotal {
		count = "0"
	}
	// One row past the page tells whether more follow; a reader that
	// shows no page information does not ask (query 7 read 1,331
	// partners for 1,000).
	limit := size + 1
	if step.OmitCursors {
		limit, beyond = size, "false"
	}
	if beyond != "false" {
		beyond = fmt.Sprintf("EXISTS { MATCH %s WHERE %s }", arrow(r, b), beyond)
	}
	return fmt.Sprintf("[COLLECT { MATCH %[1]s WHERE %[2]s WITH %[3]s, %[4]s ORDER BY %[3]s.sortKey %[5]s, %[3]s.id %[5]s LIMIT %[6]s RETURN %[7]s }, %[8]s, %[9]s]",
		arrow(r, b), inside, b, r, dir, param("limit", limit), row, count, beyond), nil
}

// decodePages decodes the values of steps' expressions, as compile
// built them, into pages.
func decodePages(steps []ecosystem.Step, values []any) ([]*ecosystem.NeighbourPage, error) {
	out := make([]*ecosystem.NeighbourPage, len(steps))
	pages := make([]ecosystem.NeighbourPage, len(steps)) // one allocation for a row's pages
	for i, step := range steps {
		parts := values[i].([]any)
		rows := parts[0].([]any)
		page := &pages[i]
		page.Total = len(rows)
		backward, more := false, false
		if step.Page != nil {
			size, back, err := step.Page.Size()
			if err != nil {
				return nil, err
			}
			backward, more = back, len(rows) > size
			page.Total = int(parts[1].(int64))
			if more {
				rows = rows[:size]
			}
			beyond := parts[2].(bool)
			if backward {
				page.HasPreviousPage, page.HasNextPage = more, beyond
			} else {
				page.HasNextPage, page.HasPreviousPage = more, beyond
			}
		}
		page.Neighbours = make([]ecosystem.Neighbour, len(rows))
		for j, row := range rows {
			n, err := decodeRow(step, row.([]any))
			if err != nil {
				return nil, err
			}
			at := j
			if backward {
				at = len(rows) - 1 - j
			}
			page.Neighbours[at] = n
		}
		out[i] = page
	}
	return out, nil
}

// readsSortKey reports whether the rows of step carry their nodes' sort
// keys: for their cursors, and for ordering an unpaged step's rows.
func readsSortKey(step ecosystem.Step) bool {
	return !step.OmitCursors || step.Page == nil
}

// decodeRow decodes one row a step reached: the node (a list of values
// when read partially, a map otherwise), the relationship's properties
// and the pages of the step's Then.
func decodeRow(step ecosystem.Step, row []any) (ecosystem.Neighbour, error) {
	var out ecosystem.Neighbour
	var err error
	if step.Partial {
		out.Node, out.Cursor, err = storekit.DecodePartialNode(step.Relation.Target, readsSortKey(step), step.Properties, row[0].([]any))
	} else {
		node := row[0].(map[string]any)
		out.Node, err = storekit.DecodeNode(step.Relation.Target, node)
		out.Cursor = storekit.NameCursor(node)
	}
	if err != nil {
		return ecosystem.Neighbour{}, err
	}
	stored, _ := row[1].(map[string]any)
	if out.Props, err = storekit.DecodeLinkProps(step.Relation.Type, stored); err != nil {
		return ecosystem.Neighbour{}, err
	}
	if len(step.Then) > 0 {
		if out.Then, err = decodePages(step.Then, row[2].([]any)); err != nil {
			return ecosystem.Neighbour{}, err
		}
	}
	return out, nil
}
