package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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
// from the node variable a, each step's in turn (compile).
func (c *follower) compileAll(steps []ecosystem.Step) (string, error) {
	var exprs []string
	for _, step := range steps {
		e, err := c.compile("a", step)
		if err != nil {
			return "", err
		}
		exprs = append(exprs, e...)
	}
	return "[" + strings.Join(exprs, ",\n") + "]", nil
}

// follower compiles steps into Cypher, naming each step's variables and
// parameters by its place in the statement.
type follower struct {
	params map[string]any
	steps  int
}

// compile returns the Cypher expressions of step taken from the node
// variable from, which the list holding them lays side by side with its
// other values (stepValues says how many): the list of the rows reached,
// then for a paged step the total and whether nodes lie beyond the
// page's far end. A row is one flat list: the node's values (its
// projection, or its values when read partially), the relationship's
// properties unless the step omits them, then the expressions of the
// step's Then. Flat rows spare Neo4j and the driver the nested lists of
// every row (query 7 reads a thousand). An unpaged step's rows come
// unordered, for decodePages to sort: an ORDER BY per row above (an
// organisation's parent, for each of a thousand partners) cost Neo4j
// about 4 % of query 7's statement.
func (c *follower) compile(from string, step ecosystem.Step) ([]string, error) {
	rel := step.Relation
	if err := checkRelation(rel); err != nil {
		return nil, err
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
			return nil, err
		}
		then = append(then, e...)
	}
	sortKey := readsSortKey(step)
	var node string
	if step.Partial {
		var err error
		if node, err = partialValues(b, sortKey, rel.Target, step.Properties); err != nil {
			return nil, err
		}
	} else {
		node = entityProjection(b, sortKey, rel.Target)
	}
	row := []string{node}
	if !step.OmitLinkProperties {
		row = append(row, fmt.Sprintf("properties(%s)", r))
	}
	row = append(row, then...)
	rowList := "[" + strings.Join(row, ", ") + "]"
	if step.Page == nil {
		return []string{fmt.Sprintf("COLLECT { MATCH %s RETURN %s }", arrow(r, b), rowList)}, nil
	}
	req := *step.Page
	size, backward, err := req.Size()
	if err != nil {
		return nil, err
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
			return nil, err
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
			return nil, err
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
	rows := fmt.Sprintf("COLLECT { MATCH %[1]s WHERE %[2]s WITH %[3]s, %[4]s ORDER BY %[3]s.sortKey %[5]s, %[3]s.id %[5]s LIMIT %[6]s RETURN %[7]s }",
		arrow(r, b), inside, b, r, dir, param("limit", limit), rowList)
	return []string{rows, count, beyond}, nil
}

// stepValues is how many values compile lays side by side for step.
func stepValues(step ecosystem.Step) int {
	if step.Page == nil {
		return 1
	}
	return 3
}

// decodePages decodes the values of steps' expressions, as compile laid
// them side by side, into pages.
func decodePages(steps []ecosystem.Step, values []any) ([]*ecosystem.NeighbourPage, error) {
	out := make([]*ecosystem.NeighbourPage, len(steps))
	pages := make([]ecosystem.NeighbourPage, len(steps)) // one allocation for a row's pages
	for i, step := range steps {
		if len(values) < stepValues(step) {
			return nil, fmt.Errorf("decoding the pages of %s: %d values left", step.Relation.Type, len(values))
		}
		rows := values[0].([]any)
		page := &pages[i]
		page.Total = len(rows)
		backward, more := false, false
		if step.Page != nil {
			size, back, err := step.Page.Size()
			if err != nil {
				return nil, err
			}
			backward, more = back, len(rows) > size
			page.Total = int(values[1].(int64))
			if more {
				rows = rows[:size]
			}
			beyond := values[2].(bool)
			if backward {
				page.HasPreviousPage, page.HasNextPage = more, beyond
			} else {
				page.HasNextPage, page.HasPreviousPage = more, beyond
			}
		}
		values = values[stepValues(step):]
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
		if step.Page == nil {
			slices.SortFunc(page.Neighbours, func(a, b ecosystem.Neighbour) int {
				return cmp.Or(strings.Compare(a.Cursor.Key, b.Cursor.Key), strings.Compare(a.Cursor.ID, b.Cursor.ID))
			})
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

// decodeRow decodes one row a step reached: the node (its values when
// read partially, a map otherwise), the relationship's properties unless
// the step omits them, and the pages of the step's Then.
func decodeRow(step ecosystem.Step, row []any) (ecosystem.Neighbour, error) {
	var out ecosystem.Neighbour
	var err error
	rest := row[1:]
	if step.Partial {
		width := storekit.PartialWidth(readsSortKey(step), step.Properties)
		if len(row) < width {
			return ecosystem.Neighbour{}, fmt.Errorf("decoding a row of %s: %d values", step.Relation.Type, len(row))
		}
		out.Node, out.Cursor, err = storekit.DecodePartialNode(step.Relation.Target, readsSortKey(step), step.Properties, row[:width])
		rest = row[width:]
	} else {
		node := row[0].(map[string]any)
		out.Node, err = storekit.DecodeNode(step.Relation.Target, node)
		out.Cursor = storekit.NameCursor(node)
	}
	if err != nil {
		return ecosystem.Neighbour{}, err
	}
	var stored map[string]any
	if !step.OmitLinkProperties {
		stored, _ = rest[0].(map[string]any)
		rest = rest[1:]
	}
	if out.Props, err = storekit.DecodeLinkProps(step.Relation.Type, stored); err != nil {
		return ecosystem.Neighbour{}, err
	}
	if len(step.Then) > 0 {
		if out.Then, err = decodePages(step.Then, rest); err != nil {
			return ecosystem.Neighbour{}, err
		}
	}
	return out, nil
}
