package ecosystem

import "strings"

// Hierarchies are the relationship types that place an entity under
// another: a unit under its parent organisation, a programme or call
// within a larger one, a deputy's seat under the seat it deputises for.
// None may loop back on itself (A→B→A), or every walk up it would never
// end.
var Hierarchies = []RelType{RelUnitOf, RelPartOf, RelDeputyFor}

// Above reads, for a hierarchy type and some ids, the entities each id
// links to with that type, as the graph stands with the write in it.
type Above func(t RelType, ids []string) (map[string][]string, error)

// CheckAcyclic returns BAD_USER_INPUT (at the link's input path, naming
// the loop) when one of links, of a hierarchy type, closes a loop: when
// its To end reaches its From end over links of that type. Stores call
// it inside the write's transaction with the links they write, so that
// editors and imports alike cannot make a loop. above is asked once per
// level of the hierarchy, for every id of that level at once.
func CheckAcyclic(links []Link, above Above) error {
	for _, t := range Hierarchies {
		var ls []Link
		for _, l := range links {
			if l.Type == t {
				ls = append(ls, l)
			}
		}
		if len(ls) == 0 {
			continue
		}
		up := map[string][]string{}
		seen := map[string]bool{}
		var frontier []string
		for _, l := range ls {
			if !seen[l.To] {
				seen[l.To] = true
				frontier = append(frontier, l.To)
			}
		}
		for len(frontier) > 0 {
			got, err := above(t, frontier)
			if err != nil {
				return err
			}
			var next []string
			for _, id := range frontier {
				up[id] = got[id]
				for _, p := range got[id] {
					if !seen[p] {
						seen[p] = true
						next = append(next, p)
					}
				}
			}
			frontier = next
		}
		for _, l := range ls {
			if path := pathUp(up, l.To, l.From); path != nil {
				loop := strings.Join(append([]string{l.From}, path...), " → ")
				return FieldError(l.Field, "%s from %q to %q would close a loop: %s", t, l.From, l.To, loop)
			}
		}
	}
	return nil
}

// pathUp returns the ids from from to to (both included) over up, or
// nil when to is not above from.
func pathUp(up map[string][]string, from, to string) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if id == to {
			var path []string
			for x := id; x != ""; x = prev[x] {
				path = append([]string{x}, path...)
			}
			return path
		}
		for _, p := range up[id] {
			if _, ok := prev[p]; !ok {
				prev[p] = id
				queue = append(queue, p)
			}
		}
	}
	return nil
}
