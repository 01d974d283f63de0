package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// TestPagingSurvivesInsertsAndDeletesThroughHTTP walks the organisations
// page by page, forward and backward, under orders with equal sort keys,
// and between every two pages inserts an organisation on each side of
// the cursor (with the cursor's own sort key, so that only the id decides)
// and deletes the cursor's own organisation and the next one not yet
// seen. The walk must return every organisation that was there from the
// start and not deleted before it was reached, plus those inserted ahead
// of the cursor, each once, in order: no duplicates, no gaps.
func TestPagingSurvivesInsertsAndDeletesThroughHTTP(t *testing.T) {
	walks := []struct {
		field    string
		desc     bool
		backward bool
		size     int
	}{
		{"NAME", false, false, 7},
		{"NAME", true, true, 6},
		{"PROJECT_COUNT", false, false, 9},
		{"PROJECT_COUNT", true, true, 8},
		{"PROJECT_COUNT", false, true, 9},
	}
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			editor := c.as(editorToken)
			// known holds the facts of every organisation ever seen, also
			// after it is deleted; present the ids in the graph now.
			known, present := map[string]fact{}, map[string]bool{}
			for _, f := range seedFacts(t)["organisations"] {
				known[f.id], present[f.id] = f, true
			}
			doc := listDoc("organisations", "OrganisationFilter", "OrganisationOrder")
			rounds := 0
			for _, w := range walks {
				dir := map[bool]string{false: "ASC", true: "DESC"}[w.desc]
				t.Run(fmt.Sprintf("%s %s backward=%v", w.field, dir, w.backward), func(t *testing.T) {
					c, editor := c.on(t), editor.on(t)
					key := byName()
					if w.field == "PROJECT_COUNT" {
						key = byNumber("projects")
					}
					// want starts as the whole list; it loses what is deleted
					// before the walk reaches it and gains what is inserted
					// ahead of the cursor.
					want := map[string]bool{}
					for id := range present {
						want[id] = true
					}
					between := func(page int, seen []string) {
						// The cursor is the last id seen in walking order.
						cursorID := seen[len(seen)-1]
						if w.backward {
							cursorID = seen[0]
						}
						cur := known[cursorID]
						// Two organisations with the cursor's sort key: one
						// with a smaller id and one with a larger. In a
						// forward walk the larger is ahead; backward, the
						// smaller. Sharing the cursor's project count takes
						// participations: only counts 0 and 1 are matched.
						lower, higher := idBelow(t, cursorID, rounds), fmt.Sprintf("%s-zz%d", cursorID, rounds)
						rounds++
						count := cur.numbers["projects"]
						if w.field == "NAME" {
							count = 0
						}
						for _, id := range []string{lower, higher} {
							if count > 1 {
								break
							}
							var out map[string]any
							editor.mustQuery(fxOrg, map[string]any{"in": map[string]any{"id": id, "name": cur.name, "sector": "OTHER"}}, &out)
							if count == 1 {
								editor.mustQuery(fxPar, map[string]any{"in": map[string]any{"organisationId": id, "projectId": "mypath"}}, &out)
							}
							known[id] = fact{id: id, name: cur.name, numbers: map[string]float64{"projects": count}}
							present[id] = true
							if ahead := (id == higher) != w.backward; ahead {
								want[id] = true
							}
						}
						// Delete the cursor's own organisation (already
						// seen: it stays in the walk) and the nearest one
						// ahead that was there before (not yet seen: it
						// must not appear).
						var now []fact
						for id := range present {
							now = append(now, known[id])
						}
						order := sortedIDs(now, key, w.desc)
						step := 1
						if w.backward {
							step = -1
						}
						next := ""
						for j := slices.Index(order, cursorID) + step; j >= 0 && j < len(order); j += step {
							if order[j] != lower && order[j] != higher {
								next = order[j]
								break
							}
						}
						for _, id := range []string{cursorID, next} {
							if id == "" {
								continue
							}
							var out map[string]any
							editor.mustQuery(`mutation($id: ID!) { deleteNode(id: $id) { deletedIds } }`, map[string]any{"id": id}, &out)
							delete(present, id)
						}
						if next != "" {
							delete(want, next)
						}
					}
					vars := map[string]any{"orderBy": map[string]any{"field": w.field, "direction": dir}}
					got := walk(t, c, doc, vars, w.size, w.backward, between)
					var wanted []fact
					for id := range want {
						wanted = append(wanted, known[id])
					}
					if expect := sortedIDs(wanted, key, w.desc); strings.Join(got, " ") != strings.Join(expect, " ") {
						t.Errorf("walk:\ngot  %v\nwant %v", got, expect)
					}
					if rounds == 0 {
						t.Errorf("the walk inserted and deleted nothing")
					}
					t.Logf("%d ids walked; %d organisations now, %d rounds of inserts and deletes so far", len(got), len(present), rounds)
				})
			}
		})
	}
}

// idBelow returns a new id that sorts just below id: the last letter or
// digit that can be lowered, lowered, and a suffix that makes it unique.
func idBelow(t *testing.T, id string, n int) string {
	t.Helper()
	for i := len(id) - 1; i >= 0; i-- {
		if ch := id[i]; (ch > 'a' && ch <= 'z') || (ch > '0' && ch <= '9') {
			return fmt.Sprintf("%s%c-zz%d", id[:i], ch-1, n)
		}
	}
	t.Fatalf("no id sorts below %q", id)
	return ""
}
