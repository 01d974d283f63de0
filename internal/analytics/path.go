package analytics

import (
	"fmt"
	"sort"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Path bounds.
const (
	MinHops     = 1
	MaxHops     = 8
	DefaultHops = 6
)

// PathStep is one relationship on a path, in the direction walked. Forward
// is false when the walk goes against the relationship's direction (from
// a project to an organisation that PARTICIPATES_IN it, say).
type PathStep struct {
	From         ecosystem.Node
	Relationship ecosystem.RelType
	Forward      bool
	To           ecosystem.Node
}

// Path is a shortest chain of relationships between two entities.
type Path struct {
	Steps []PathStep
}

// Length returns the number of steps.
func (p *Path) Length() int { return len(p.Steps) }

// ActorTies are the relationship types a path follows by default: the
// ties between actors (projects, memberships, seats, units, events), not
// taxonomy (pillars, programmes, calls, topics).
var ActorTies = []ecosystem.RelType{
	ecosystem.RelUnitOf, ecosystem.RelMemberOf, ecosystem.RelParticipatesIn, ecosystem.RelHolds,
	ecosystem.RelSeatAt, ecosystem.RelInBody, ecosystem.RelDeputyFor, ecosystem.RelInvolves, ecosystem.RelConcerns,
}

// taxonomy reports whether an entity classifies rather than acts: a path
// along the actor ties passes through none (an event CONCERNS a
// programme, and two events on one programme are no tie).
func taxonomy(n ecosystem.Node) bool {
	switch n.NodeLabel() {
	case ecosystem.LabelPillar, ecosystem.LabelProgramme, ecosystem.LabelCall, ecosystem.LabelTopic:
		return true
	}
	return false
}

// ShortestPath returns a shortest path from one entity to another over
// relationships of the given types (ActorTies, passing through no pillar,
// programme, call or topic, when types is nil), in either direction, of
// at most maxHops steps; nil when there is none. Among equally short
// paths it takes the one whose steps come first by relationship type and
// then id, so that the answer does not depend on the store. Returns
// NOT_FOUND for an unknown id and BAD_USER_INPUT for maxHops outside 1..8
// or an unknown relationship type.
func (m *Model) ShortestPath(from, to string, maxHops int, types []string) (*Path, error) {
	return m.ShortestPathAvoiding(from, to, maxHops, types, nil)
}

// ShortestPathAvoiding is ShortestPath walking no link that hidden
// reports (a reader may not see every link); a nil hidden hides nothing.
func (m *Model) ShortestPathAvoiding(from, to string, maxHops int, types []string, hidden func(ecosystem.Link) bool) (*Path, error) {
	if maxHops < MinHops || maxHops > MaxHops {
		return nil, ecosystem.FieldError("maxHops", "must be between %d and %d", MinHops, MaxHops)
	}
	allowed, err := relTypes(types)
	if err != nil {
		return nil, err
	}
	actors := types == nil
	if types == nil {
		for _, t := range ActorTies {
			allowed[t] = true
		}
	}
	for _, id := range []string{from, to} {
		if m.nodes[id] == nil {
			return nil, ecosystem.Errorf(ecosystem.CodeNotFound, "no entity has the id %q", id)
		}
	}
	type arrival struct {
		prev    string
		rel     ecosystem.RelType
		forward bool
	}
	seen := map[string]arrival{from: {}}
	frontier := []string{from}
	for hop := 0; hop < maxHops && len(frontier) > 0; hop++ {
		var next []string
		for _, id := range frontier {
			if actors && id != from && taxonomy(m.nodes[id]) {
				continue
			}
			for _, s := range m.steps(id, hidden) {
				if _, ok := seen[s.to]; ok || !allowed[s.rel] {
					continue
				}
				seen[s.to] = arrival{prev: id, rel: s.rel, forward: s.forward}
				if s.to == to {
					var steps []PathStep
					for at := to; at != from; at = seen[at].prev {
						a := seen[at]
						steps = append([]PathStep{{From: m.nodes[a.prev], Relationship: a.rel, Forward: a.forward, To: m.nodes[at]}}, steps...)
					}
					return &Path{Steps: steps}, nil
				}
				next = append(next, s.to)
			}
		}
		frontier = next
	}
	if from == to {
		return &Path{}, nil
	}
	return nil, nil
}

// relTypes reads a list of relationship types into a set. Returns
// BAD_USER_INPUT for an unknown type.
func relTypes(types []string) (map[ecosystem.RelType]bool, error) {
	allowed := map[ecosystem.RelType]bool{}
	for i, t := range types {
		if _, ok := ecosystem.Relationships[ecosystem.RelType(t)]; !ok {
			return nil, ecosystem.FieldError(fmt.Sprintf("relationshipTypes[%d]", i), "%q is not a relationship type", t)
		}
		allowed[ecosystem.RelType(t)] = true
	}
	return allowed, nil
}

type step struct {
	rel     ecosystem.RelType
	forward bool
	to      string
}

// steps returns the relationships from id in both directions that hidden
// (when not nil) does not hide, ordered by type, direction and id.
func (m *Model) steps(id string, hidden func(ecosystem.Link) bool) []step {
	var out []step
	for _, l := range m.out[id] {
		if hidden == nil || !hidden(l) {
			out = append(out, step{rel: l.Type, forward: true, to: l.To})
		}
	}
	for _, l := range m.in[id] {
		if hidden == nil || !hidden(l) {
			out = append(out, step{rel: l.Type, forward: false, to: l.From})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.rel != b.rel {
			return a.rel < b.rel
		}
		if a.forward != b.forward {
			return a.forward
		}
		return a.to < b.to
	})
	return out
}
