package neo4jstore

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// decodeNode turns a Neo4j node into an entity, straight from the
// driver's values (internal properties are ignored).
func decodeNode(n neo4j.Node) (ecosystem.Node, error) {
	var label ecosystem.Label
	for _, l := range n.Labels {
		if l != "Node" {
			label = ecosystem.Label(l)
		}
	}
	return storekit.DecodeNode(label, n.Props)
}

// projection returns a map projection of the node variable v holding
// what an entity of any of the labels is decoded from, and its sort key
// (for cursors): a read leaves search texts, content hashes and edit
// marks in the database.
func projection(v string, labels ...ecosystem.Label) string {
	return entityProjection(v, true, labels...)
}

// entityProjection is projection, with the sort key or without it. Every
// read by id makes one, so each is built once.
func entityProjection(v string, sortKey bool, labels ...ecosystem.Label) string {
	key := fmt.Sprint(v, sortKey, labels)
	if p, ok := projections.Load(key); ok {
		return p.(string)
	}
	p := buildProjection(v, sortKey, labels)
	projections.Store(key, p)
	return p
}

// projections holds the projections entityProjection has built. Their
// variables are a few fixed ones (a, b, c, n) and b1, b2, ... up to a
// statement's steps (the read ahead takes at most a few dozen), and
// their labels the schema's, so there are at most a few thousand,
// whatever the queries.
var projections sync.Map

// buildProjection builds entityProjection's projection.
func buildProjection(v string, sortKey bool, labels []ecosystem.Label) string {
	seen := map[string]bool{"sortKey": true}
	var props []string
	if sortKey {
		props = append(props, ".sortKey")
	}
	for _, l := range labels {
		for _, p := range storekit.EntityProperties(l) {
			if !seen[p] {
				seen[p] = true
				props = append(props, "."+p)
			}
		}
	}
	return v + " {" + strings.Join(props, ", ") + "}"
}

// partialProjection is entityProjection of the id and the named
// properties only (Step.Partial), each of which must be one of the
// label's.
func partialProjection(v string, sortKey bool, label ecosystem.Label, properties []string) (string, error) {
	names, err := partialNames(sortKey, label, properties)
	if err != nil {
		return "", err
	}
	for i, name := range names {
		names[i] = "." + name
	}
	return v + " {" + strings.Join(names, ", ") + "}", nil
}

// partialValues returns the Cypher expressions, comma-separated, of the
// values of the entity variable v read partially, in the order
// storekit.PartialValues names them: its id, its sort key when sortKey,
// then properties (storekit.DecodePartialNode decodes them).
func partialValues(v string, sortKey bool, label ecosystem.Label, properties []string) (string, error) {
	names, err := partialNames(sortKey, label, properties)
	if err != nil {
		return "", err
	}
	for i, name := range names {
		names[i] = v + "." + name
	}
	return strings.Join(names, ", "), nil
}

// partialNames names what a partial read of label returns
// (storekit.PartialValues), each property one the label has.
func partialNames(sortKey bool, label ecosystem.Label, properties []string) ([]string, error) {
	known := storekit.EntityProperties(label)
	for _, p := range properties {
		if !slices.Contains(known, p) {
			return nil, ecosystem.Errorf(ecosystem.CodeInternal, "a %s has no property %q", label, p)
		}
	}
	return storekit.PartialValues(sortKey, properties), nil
}

// NodesByID returns the entities with the given ids in one statement; an
// id retired by a merge resolves to the entity it was merged into. It is
// NodesWith with no steps.
func (s *Store) NodesByID(ctx context.Context, ids []string) (map[string]ecosystem.Node, error) {
	found, err := s.NodesWith(ctx, ids, nil)
	if err != nil {
		return nil, err
	}
	out := make(map[string]ecosystem.Node, len(found))
	for id, n := range found {
		out[id] = n.Node
	}
	return out, nil
}

// pattern returns the Cypher pattern for following rel from (a) to (b).
func pattern(rel ecosystem.Relation) string {
	if rel.Direction == ecosystem.Incoming {
		return fmt.Sprintf("(a)<-[r:%s]-(b:%s)", rel.Type, rel.Target)
	}
	return fmt.Sprintf("(a)-[r:%s]->(b:%s)", rel.Type, rel.Target)
}

// checkRelation refuses relations outside the allow-list, which keeps
// user input out of Cypher text.
func checkRelation(rel ecosystem.Relation) error {
	if _, ok := ecosystem.Relationships[rel.Type]; !ok || ecosystem.NewNode(rel.Target) == nil {
		return fmt.Errorf("relation %v is not in the allow-list", rel)
	}
	return nil
}

// Neighbours follows one relation from many nodes in one statement.
func (s *Store) Neighbours(ctx context.Context, rel ecosystem.Relation, ids []string) (map[string][]ecosystem.Neighbour, error) {
	if err := checkRelation(rel); err != nil {
		return nil, err
	}
	// One list in one record, as List sends its page.
	cypher := fmt.Sprintf(`MATCH (a:Node) WHERE a.id IN $ids
MATCH %s
WITH a, r, b ORDER BY b.sortKey, b.id
RETURN collect([a.id, %s, properties(r)])`, pattern(rel), projection("b", rel.Target))
	recs, err := s.read(ctx, cypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]ecosystem.Neighbour, len(ids))
	for _, row := range recs[0].Values[0].([]any) {
		values := row.([]any)
		node := values[1].(map[string]any)
		n, err := storekit.DecodeNode(rel.Target, node)
		if err != nil {
			return nil, err
		}
		key := values[0].(string)
		stored, _ := values[2].(map[string]any)
		props, err := storekit.DecodeLinkProps(rel.Type, stored)
		if err != nil {
			return nil, err
		}
		out[key] = append(out[key], ecosystem.Neighbour{Node: n, Props: props, Cursor: storekit.NameCursor(node)})
	}
	return out, nil
}

var propertyName = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9]*$`)

// relatedPath returns the Cypher path from start along r's relations to
// the node whose id is the Cypher expression id.
func relatedPath(start string, r *ecosystem.RelatedTo, id string) (string, error) {
	if len(r.Path) == 0 {
		return "", fmt.Errorf("empty relation path")
	}
	path := start
	for i, rel := range r.Path {
		if err := checkRelation(rel); err != nil {
			return "", err
		}
		arrow := fmt.Sprintf("-[:%s]->", rel.Type)
		if rel.Direction == ecosystem.Incoming {
			arrow = fmt.Sprintf("<-[:%s]-", rel.Type)
		}
		end := fmt.Sprintf("(:%s)", rel.Target)
		if i == len(r.Path)-1 {
			end = fmt.Sprintf("(:%s {id: %s})", rel.Target, id)
		}
		path += arrow + end
	}
	return path, nil
}

// matching returns the MATCH clause and the predicate that find the
// entities of label passing conds. A list filtered by a relation (the
// organisations covering a pillar) starts from the related node, which
// its id finds by index, and follows the relation back, instead of
// testing the relation on every entity of the label (at scale M,
// 91,700 database hits for a pillar's 149 organisations); distinct is
// then true, since a path of more than one relation can reach an entity
// more than once. Several ids along that relation (the projects shared
// by two organisations) are a MATCH each, up to maxJoinedTargets, which
// Neo4j joins from both ends (issue 13's query 4 at scale M: 0.88 ms a
// statement, against 1.17 for following the relation from every id and
// counting the ids that reach each entity, and 4-9 ms for testing the
// second relation on each entity the first reaches); more ids are
// counted so. An id retired by a merge leads, in the same statement, to
// the entity it was merged into.
func matching(label ecosystem.Label, conds []ecosystem.Condition, params map[string]any) (match, pred string, distinct bool, err error) {
	for _, c := range conds {
		if c.Related == nil {
			continue
		}
		var ids, rest = []string{}, []ecosystem.Condition{}
		for _, d := range conds {
			switch {
			case d.Related == nil || !slices.Equal(d.Related.Path, c.Related.Path):
				rest = append(rest, d)
			case !slices.Contains(ids, d.Related.ID):
				ids = append(ids, d.Related.ID)
			}
		}
		match := fmt.Sprintf(`UNWIND %s AS given
OPTIONAL MATCH (redirect:Redirect {id: given})
WITH collect(DISTINCT coalesce(redirect.to, given)) AS targets`, paramIn(params)(ids))
		if len(ids) <= maxJoinedTargets {
			for i := range ids {
				// Two ids merged into one are one target: the MATCH of
				// the second is then the first's again.
				target := "targets[0]"
				if i > 0 {
					target = fmt.Sprintf("coalesce(targets[%d], targets[0])", i)
				}
				path, err := relatedPath(fmt.Sprintf("(n:%s)", label), c.Related, target)
				if err != nil {
					return "", "", false, err
				}
				match += "\nMATCH " + path
			}
			match += "\nWITH n"
		} else {
			path, err := relatedPath(fmt.Sprintf("(n:%s)", label), c.Related, "relatedID")
			if err != nil {
				return "", "", false, err
			}
			match += fmt.Sprintf(`
UNWIND targets AS relatedID
MATCH %s
WITH n, size(targets) AS wanted, count(DISTINCT relatedID) AS reached WHERE reached = wanted
WITH n`, path)
		}
		pred, err := where(rest, params)
		return match, pred, true, err
	}
	pred, err = where(conds, params)
	return fmt.Sprintf("MATCH (n:%s)", label), pred, false, err
}

// maxJoinedTargets is the most ids along one relation that matching
// joins with a MATCH each; a statement of more would take Neo4j's
// planner long to plan.
const maxJoinedTargets = 8

// paramIn returns a function that adds a value to params under a new
// name and returns the name as a Cypher parameter.
func paramIn(params map[string]any) func(any) string {
	return func(v any) string {
		name := fmt.Sprintf("p%d", len(params))
		params[name] = v
		return "$" + name
	}
}

// where compiles conditions into a Cypher predicate on n, adding their
// values to params. A relation condition follows an id retired by a
// merge to the entity it was merged into, as matching does.
func where(conds []ecosystem.Condition, params map[string]any) (string, error) {
	var parts []string
	param := paramIn(params)
	prop := func(p string) (string, error) {
		if !propertyName.MatchString(p) {
			return "", fmt.Errorf("property %q is not allowed", p)
		}
		return "n." + p, nil
	}
	for _, c := range conds {
		switch {
		case c.Equals != nil:
			p, err := prop(c.Equals.Property)
			if err != nil {
				return "", err
			}
			parts = append(parts, fmt.Sprintf("%s = %s", p, param(c.Equals.Value)))
		case c.Contains != nil:
			p, err := prop(c.Contains.Property)
			if err != nil {
				return "", err
			}
			parts = append(parts, fmt.Sprintf("%s IN %s", param(c.Contains.Value), p))
		case c.Related != nil:
			path, err := relatedPath("(n)", c.Related, "relatedID")
			if err != nil {
				return "", err
			}
			given := param(c.Related.ID)
			parts = append(parts, fmt.Sprintf("EXISTS { OPTIONAL MATCH (redirect:Redirect {id: %[1]s}) WITH coalesce(redirect.to, %[1]s) AS relatedID MATCH %[2]s }", given, path))
		case c.Text != nil:
			parts = append(parts, fmt.Sprintf("n.searchText CONTAINS %s", param(strings.ToLower(*c.Text))))
		case c.Date != nil:
			p, err := prop(c.Date.Property)
			if err != nil {
				return "", err
			}
			cmp := dateComparison(p, c.Date.Op, c.Date.Date, param)
			if c.Date.AbsentMatches {
				parts = append(parts, fmt.Sprintf("(%s IS NULL OR %s)", p, cmp))
			} else {
				parts = append(parts, fmt.Sprintf("(%s IS NOT NULL AND %s)", p, cmp))
			}
		case c.Absent != nil:
			p, err := prop(*c.Absent)
			if err != nil {
				return "", err
			}
			parts = append(parts, p+" IS NULL")
		case len(c.Any) > 0:
			var alts []string
			for _, alt := range c.Any {
				w, err := where([]ecosystem.Condition{alt}, params)
				if err != nil {
					return "", err
				}
				alts = append(alts, "("+w+")")
			}
			parts = append(parts, "("+strings.Join(alts, " OR ")+")")
		default:
			return "", fmt.Errorf("empty condition")
		}
	}
	if len(parts) == 0 {
		return "true", nil
	}
	return strings.Join(parts, " AND "), nil
}

// dateComparison compiles a comparison of the date property p with d as
// ecosystem.DateComparison.Holds decides it: as periods, the stored
// date's first or last day against d's last or first.
func dateComparison(p string, op ecosystem.DateOp, d ecosystem.Date, param func(any) string) string {
	switch op {
	case ecosystem.DateBefore:
		return fmt.Sprintf("%s < %s", lastDay(p), param(string(d.First())))
	case ecosystem.DateOnBefore:
		return fmt.Sprintf("%s <= %s", firstDay(p), param(string(d.Last())))
	case ecosystem.DateAfter:
		return fmt.Sprintf("%s > %s", firstDay(p), param(string(d.Last())))
	default:
		return fmt.Sprintf("%s >= %s", lastDay(p), param(string(d.First())))
	}
}

// firstDay is a Cypher expression of the first day of a stored date's
// period (see ecosystem.Date), as Date.First gives it.
func firstDay(p string) string {
	return fmt.Sprintf("CASE size(%[1]s) WHEN 4 THEN %[1]s + '-01-01' WHEN 7 THEN CASE WHEN %[1]s CONTAINS 'Q' "+
		"THEN left(%[1]s, 5) + ['01', '04', '07', '10'][toInteger(right(%[1]s, 1)) - 1] + '-01' ELSE %[1]s + '-01' END ELSE %[1]s END", p)
}

// lastDay is a Cypher expression that compares with a day (YYYY-MM-DD)
// as the last day of a stored date's period. A month or a year is a
// prefix of its days; with "~" (after every digit and "-") appended it
// sorts after all of them and before the next period's. A quarter is
// first written as its last month. A day with "~" compares as itself.
func lastDay(p string) string {
	return fmt.Sprintf("(CASE WHEN %[1]s CONTAINS 'Q' THEN left(%[1]s, 5) + ['03', '06', '09', '12'][toInteger(right(%[1]s, 1)) - 1] ELSE %[1]s END + '~')", p)
}

// orderExpression returns the Cypher expression of a sort key on n.
func orderExpression(spec storekit.OrderSpec) (string, error) {
	switch {
	case spec.DateProperty != "":
		if !propertyName.MatchString(spec.DateProperty) {
			return "", fmt.Errorf("property %q is not allowed", spec.DateProperty)
		}
		return "coalesce(" + firstDay("n."+spec.DateProperty) + ", '')", nil
	case spec.NumberProperty != "":
		if !propertyName.MatchString(spec.NumberProperty) {
			return "", fmt.Errorf("property %q is not allowed", spec.NumberProperty)
		}
		return "toFloat(coalesce(n." + spec.NumberProperty + ", -1))", nil
	case spec.Count != nil:
		if err := checkRelation(*spec.Count); err != nil {
			return "", err
		}
		p := strings.Replace(pattern(*spec.Count), "(a)", "(n)", 1)
		p = strings.Replace(p, "[r:", "[:", 1)
		p = strings.Replace(p, "(b:", "(:", 1)
		return "toFloat(COUNT { " + p + " })", nil
	}
	return "n.sortKey", nil
}

// List returns one page in the query's order, keyset-paginated on
// (key, id): the cursor holds the last key and id seen, never an offset.
func (s *Store) List(ctx context.Context, q ecosystem.ListQuery) (*ecosystem.Page, error) {
	if ecosystem.NewNode(q.Label) == nil {
		return nil, fmt.Errorf("label %q is not in the allow-list", q.Label)
	}
	size, backward, err := q.Page.Size()
	if err != nil {
		return nil, err
	}
	spec, err := storekit.OrderSpecFor(q.Label, q.Order.Field)
	if err != nil {
		return nil, err
	}
	key, err := orderExpression(spec)
	if err != nil {
		return nil, err
	}
	params := map[string]any{}
	match, pred, distinct, err := matching(q.Label, q.Conditions, params)
	if err != nil {
		return nil, err
	}
	// The filter, as the match counts remember it (before the cursor's
	// parameters join its own).
	filterKey := ""
	if len(q.Conditions) > 0 && !distinct {
		filterKey = fmt.Sprint(q.Label, " ", pred, " ", params)
	}
	// Forward: key in the requested direction, then id ascending.
	// Backward: the exact reverse, then the page is flipped.
	keyDir, idDir := "ASC", "ASC"
	if q.Order.Desc {
		keyDir = "DESC"
	}
	cursorText := q.Page.After
	if backward {
		cursorText = q.Page.Before
		keyDir, idDir = flip(keyDir), "DESC"
	}
	cursorPred := "true"
	if cursorText != "" {
		c, err := storekit.DecodeCursorIn(cursorText, q.Order)
		if err != nil {
			return nil, err
		}
		if spec.Numeric() {
			if c.Num == nil {
				return nil, ecosystem.Errorf(ecosystem.CodeBadUserInput, "the cursor belongs to another order")
			}
			params["ck"] = *c.Num
		} else {
			params["ck"] = c.Key
		}
		params["cid"] = c.ID
		// Past (ck, cid), written as a range on the key and a filter on
		// the tie, with no OR: in name order Neo4j then seeks the
		// (sortKey, id) index from the cursor and reads one page, rather
		// than reading and sorting the whole label.
		notPast := map[string]string{"ASC": "<=", "DESC": ">="}[idDir]
		cursorPred = fmt.Sprintf("%[1]s %[2]s= $ck AND n.id IS NOT NULL AND NOT (%[1]s = $ck AND n.id %[3]s $cid)", key, cmpOf(keyDir), notPast)
	} else if spec == (storekit.OrderSpec{}) {
		// Every entity has a sort key and an id; saying so lets the
		// index give the order.
		cursorPred = "n.sortKey IS NOT NULL AND n.id IS NOT NULL"
	}
	params["limit"] = size + 1
	// In name order the order key is the sort key: it comes once.
	byName := spec == (storekit.OrderSpec{})
	var node string
	if q.Partial {
		if node, err = partialProjection("n", !byName, q.Label, q.Properties); err != nil {
			return nil, err
		}
	} else {
		node = entityProjection("n", !byName, q.Label)
	}
	// In name order the page walks the (sortKey, id) index from the
	// cursor and stops at the page's end. The hint keeps it so where the
	// filters have indexes of their own: the planner would rather seek
	// those and sort every match (at scale L, 7,400 research
	// organisations in Norway: 29 ms against 3). Where the filter is
	// known to match few (matchCounts), seeking them and sorting is
	// faster, and the planner is left to do so. A list that starts from
	// a related node (matching) sorts what it reaches instead.
	hint, with := "", "WITH n"
	if distinct {
		with = "WITH DISTINCT n"
	} else if byName && s.matchCounts.walk(filterKey, size+1) {
		hint = fmt.Sprintf(" USING INDEX n:%s(sortKey, id)", q.Label)
	}
	// The page comes as one list in one record (a record a row costs
	// more than the list), and the count, when asked for, beside it,
	// with the label's (from Neo4j's count store) for matchCounts.
	total, labelTotal := "null", "null"
	switch {
	case q.WithTotal && distinct:
		total = "size(found)"
	case q.WithTotal:
		total = fmt.Sprintf("COUNT { %s WHERE %s }", match, pred)
		if filterKey != "" {
			labelTotal = fmt.Sprintf("COUNT { MATCH (:%s) }", q.Label)
		}
	}
	cypher := fmt.Sprintf(`CALL () {
  %[1]s%[2]s WHERE %[3]s AND %[4]s
  %[10]s ORDER BY %[5]s %[6]s, n.id %[7]s LIMIT $limit
  RETURN collect([%[8]s, %[5]s]) AS rows
}
RETURN %[9]s AS total, rows, %[11]s AS labelTotal`, match, hint, pred, cursorPred, key, keyDir, idDir, node, total, with, labelTotal)
	if q.WithTotal && distinct {
		// What a relation reaches is found once, counted, and paged:
		// counting it apart walked the relations twice.
		cypher = fmt.Sprintf(`CALL () {
  %[1]s WHERE %[2]s
  WITH DISTINCT n
  WITH collect(n) AS found
  RETURN %[8]s AS total, COLLECT { UNWIND found AS n WITH n WHERE %[3]s ORDER BY %[4]s %[5]s, n.id %[6]s LIMIT $limit RETURN [%[7]s, %[4]s] } AS rows
}
RETURN total, rows, null AS labelTotal`, match, pred, cursorPred, key, keyDir, idDir, node, total)
	}
	recs, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	page := &ecosystem.Page{}
	if q.WithTotal {
		total := int(recs[0].Values[0].(int64))
		page.Total = &total
		if all, ok := recs[0].Values[2].(int64); ok {
			s.matchCounts.remember(filterKey, total, int(all))
		}
	}
	rows := recs[0].Values[1].([]any)
	for i, row := range rows {
		if i == size {
			break
		}
		values := row.([]any)
		props := values[0].(map[string]any)
		if byName {
			props["sortKey"] = values[1]
		}
		n, err := storekit.DecodeNode(q.Label, props)
		if err != nil {
			return nil, err
		}
		var k storekit.OrderKey
		if spec.Numeric() {
			k.Number = values[1].(float64)
		} else {
			k.Text = values[1].(string)
		}
		page.Nodes = append(page.Nodes, n)
		page.Cursors = append(page.Cursors, storekit.CursorFor(k, spec.Numeric(), n.NodeMeta().ID, q.Order))
	}
	more := len(rows) > size
	if backward {
		for i, j := 0, len(page.Nodes)-1; i < j; i, j = i+1, j-1 {
			page.Nodes[i], page.Nodes[j] = page.Nodes[j], page.Nodes[i]
			page.Cursors[i], page.Cursors[j] = page.Cursors[j], page.Cursors[i]
		}
		page.HasPreviousPage, page.HasNextPage = more, q.Page.Before != ""
	} else {
		page.HasNextPage, page.HasPreviousPage = more, q.Page.After != ""
	}
	return page, nil
}

func flip(dir string) string {
	if dir == "ASC" {
		return "DESC"
	}
	return "ASC"
}

// cmpOf is the comparison that moves past a cursor in a direction.
func cmpOf(dir string) string {
	if dir == "ASC" {
		return ">"
	}
	return "<"
}

// Count counts the entities that satisfy q's conditions.
func (s *Store) Count(ctx context.Context, q ecosystem.ListQuery) (int, error) {
	if ecosystem.NewNode(q.Label) == nil {
		return 0, fmt.Errorf("label %q is not in the allow-list", q.Label)
	}
	params := map[string]any{}
	match, pred, distinct, err := matching(q.Label, q.Conditions, params)
	if err != nil {
		return 0, err
	}
	count := "count(n)"
	if distinct {
		count = "count(DISTINCT n)"
	}
	recs, err := s.read(ctx, fmt.Sprintf("%s WHERE %s RETURN %s", match, pred, count), params)
	if err != nil {
		return 0, err
	}
	return int(recs[0].Values[0].(int64)), nil
}

// Stats counts nodes per label and relationships per type.
func (s *Store) Stats(ctx context.Context) (ecosystem.GraphStats, error) {
	st := ecosystem.GraphStats{Nodes: map[ecosystem.Label]int{}, Relationships: map[ecosystem.RelType]int{}}
	recs, err := s.read(ctx, "MATCH (n:Node) UNWIND labels(n) AS l WITH l WHERE l <> 'Node' RETURN l, count(*)", nil)
	if err != nil {
		return st, err
	}
	for _, r := range recs {
		st.Nodes[ecosystem.Label(r.Values[0].(string))] = int(r.Values[1].(int64))
	}
	recs, err = s.read(ctx, "MATCH ()-[r]->() RETURN type(r), count(*)", nil)
	if err != nil {
		return st, err
	}
	for _, r := range recs {
		st.Relationships[ecosystem.RelType(r.Values[0].(string))] = int(r.Values[1].(int64))
	}
	return st, nil
}

// GraphVersion reads the version stamp every write bumps.
func (s *Store) GraphVersion(ctx context.Context) (int, error) {
	recs, err := s.read(ctx, "OPTIONAL MATCH (g:GraphState {key: 'graph'}) RETURN coalesce(g.version, 0)", nil)
	if err != nil {
		return 0, err
	}
	return int(recs[0].Values[0].(int64)), nil
}

// Snapshot reads the whole graph and its version in one statement.
func (s *Store) Snapshot(ctx context.Context) (*ecosystem.Snapshot, error) {
	recs, err := s.read(ctx, `OPTIONAL MATCH (g:GraphState {key: 'graph'})
WITH coalesce(g.version, 0) AS version
MATCH (n:Node)
OPTIONAL MATCH (n)-[r]->(m:Node)
RETURN version, n, collect(CASE WHEN r IS NULL THEN null ELSE [type(r), m.id, properties(r)] END) AS links`, nil)
	if err != nil {
		return nil, err
	}
	snap := &ecosystem.Snapshot{Nodes: make(map[string]ecosystem.Node, len(recs))}
	for _, r := range recs {
		snap.Version = int(r.Values[0].(int64))
		n, err := decodeNode(r.Values[1].(neo4j.Node))
		if err != nil {
			return nil, err
		}
		id := n.NodeMeta().ID
		snap.Nodes[id] = n
		for _, l := range r.Values[2].([]any) {
			parts := l.([]any)
			t, to := ecosystem.RelType(parts[0].(string)), parts[1].(string)
			stored, _ := parts[2].(map[string]any)
			props, err := storekit.DecodeLinkProps(t, stored)
			if err != nil {
				return nil, fmt.Errorf("the %s link from %s to %s: %w", t, id, to, err)
			}
			snap.Links = append(snap.Links, ecosystem.Link{From: id, Type: t, To: to, Props: props})
		}
	}
	ecosystem.SortLinks(snap.Links)
	return snap, nil
}

// Search finds candidates with the full-text index over the folded
// search words: each word of the query becomes `word*` (a prefix), or
// one of its vocabulary terms, every Lucene special character escaped,
// the words joined with AND, so user text can neither break nor widen
// the query. It ranks them with storekit.SearchQuery.Rank over their
// stored search fields, as the embedded store does, and reads whole
// entities only for the hits it returns; a partial search reads the
// properties it shows of every candidate with the ranking instead.
func (s *Store) Search(ctx context.Context, q ecosystem.SearchQuery) ([]ecosystem.SearchHit, error) {
	query := storekit.ParseSearch(q.Text)
	if len(query.Words) == 0 {
		return nil, nil
	}
	clauses := make([]string, len(query.Terms))
	for i, terms := range query.Terms {
		alternatives := make([]string, len(terms))
		for j, term := range terms {
			words := make([]string, len(term))
			for k, w := range term {
				words[k] = luceneEscape(w) + "*"
			}
			alternatives[j] = "(" + strings.Join(words, " AND ") + ")"
		}
		clauses[i] = "(" + strings.Join(alternatives, " OR ") + ")"
	}
	labels := make([]string, 0, len(q.Labels))
	for _, l := range q.Labels {
		labels = append(labels, string(l))
	}
	row := "node.id, node." + storekit.SearchFieldsProperty
	if q.Partial {
		// Every candidate's label and shown properties, in the same
		// round trip: hits are ranked here, so the page is not known
		// before the candidates are read.
		node, err := searchProjection(q)
		if err != nil {
			return nil, err
		}
		row += ", [l IN labels(node) WHERE l <> 'Node'][0], " + node
	}
	// The candidates come as one list in one record: streamed as a
	// record each, 500 of them took twice as long.
	recs, err := s.read(ctx, `CALL db.index.fulltext.queryNodes('search_text', $q) YIELD node
WHERE size($labels) = 0 OR any(l IN labels(node) WHERE l IN $labels)
RETURN collect([`+row+`])`,
		map[string]any{"q": strings.Join(clauses, " AND "), "labels": labels})
	if err != nil {
		return nil, err
	}
	var found []storekit.Ranked
	read := map[string]ecosystem.Node{}
	for _, candidate := range recs[0].Values[0].([]any) {
		values := candidate.([]any)
		id, _ := values[0].(string)
		fields, _ := storekit.DecodeSearchFields(values[1])
		score, field := query.Rank(fields)
		if score <= 0 {
			continue
		}
		found = append(found, storekit.Ranked{ID: id, Score: score, Field: field})
		if q.Partial {
			label, _ := values[2].(string)
			props, _ := values[3].(map[string]any)
			n, err := storekit.DecodeNode(ecosystem.Label(label), props)
			if err != nil {
				return nil, err
			}
			read[id] = n
		}
	}
	found = storekit.Best(found)
	if q.Partial || q.RankOnly {
		// With the entities read partially, or none (read is empty).
		hits := make([]ecosystem.SearchHit, len(found))
		for i, f := range found {
			hits[i] = ecosystem.SearchHit{ID: f.ID, Node: read[f.ID], Score: f.Score, MatchedField: f.Field}
		}
		return hits, nil
	}
	ids := make([]string, len(found))
	for i, f := range found {
		ids[i] = f.ID
	}
	// The hits' entities, without the search texts and marks the whole
	// node holds.
	byID, err := s.NodesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	hits := make([]ecosystem.SearchHit, 0, len(found))
	for _, f := range found {
		// An entity deleted between the two reads is no longer a hit.
		if n, ok := byID[f.ID]; ok {
			hits = append(hits, ecosystem.SearchHit{ID: f.ID, Node: n, Score: f.Score, MatchedField: f.Field})
		}
	}
	return hits, nil
}

// searchProjection is the map projection of a search candidate's id and
// the properties a partial search shows (SearchQuery.Properties), each
// of which must be a property of one of the labels searched (of any
// label when the search names none). A candidate of a label without one
// of them reads it as null, which decodes as absent.
func searchProjection(q ecosystem.SearchQuery) (string, error) {
	labels := q.Labels
	if len(labels) == 0 {
		labels = ecosystem.Labels
	}
	props := []string{".id"}
	for _, p := range q.Properties {
		known := false
		for _, l := range labels {
			known = known || slices.Contains(storekit.EntityProperties(l), p)
		}
		if !known {
			return "", ecosystem.Errorf(ecosystem.CodeInternal, "no entity searched has a property %q", p)
		}
		props = append(props, "."+p)
	}
	return "node {" + strings.Join(props, ", ") + "}", nil
}

// luceneEscape escapes Lucene's special characters. SearchWords already
// keeps only letters and digits; escaping anyway keeps this function safe
// on its own.
func luceneEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/`, r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// matchCounts remembers, for the filters of lists in name order, how
// many entities the filter matched the last time its list was counted
// and how many the label had. A page in name order can walk the
// (sortKey, id) index until it fills, reading about page × label ÷
// matches entries, or seek the matches by the filter's own index and
// sort them, reading the matches: the counts say which reads less.
// They only choose a plan (both give the same page), so counts from
// before later writes do no harm. Safe for concurrent use; it forgets
// everything when it holds maxFilters filters.
type matchCounts struct {
	mu     sync.Mutex
	counts map[string][2]int
}

// maxFilters bounds the filters matchCounts remembers.
const maxFilters = 4096

// walk says whether a page of limit rows in name order for the filter
// should walk the (sortKey, id) index: yes unless the filter is known
// to match few. An unknown or empty filter walks, which costs at most
// the label's entries and, for a filter that matches many, little.
func (m *matchCounts) walk(filter string, limit int) bool {
	if filter == "" {
		return true
	}
	m.mu.Lock()
	c, ok := m.counts[filter]
	m.mu.Unlock()
	matches, label := c[0], c[1]
	return !ok || matches*matches > limit*label
}

// remember records what a filter matched and the label's size.
func (m *matchCounts) remember(filter string, matches, label int) {
	if filter == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.counts == nil || len(m.counts) >= maxFilters {
		m.counts = map[string][2]int{}
	}
	m.counts[filter] = [2]int{matches, label}
}
