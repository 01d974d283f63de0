// Package analytics answers hub leadership's network-gap questions over
// a snapshot of the graph: which pillars and sectors are covered, where
// the collaboration network is thin (isolated organisations, brokers, cut
// vertices, components), how any two entities connect, whom an
// organisation could partner with, and whether a consortium meets a
// call's requirements.
//
// The collaboration network is defined in package analysis: organisations
// are linked when they take part in a common project of at most 50
// partners, weighted by the number of shared projects. Every
// participation forms links whatever its status (a TENTATIVE partner is
// already in the consortium) and whatever its project's status (a
// PROPOSAL consortium is a real tie for a hub, and so is one whose
// proposal was REJECTED: the partners worked together on it).
//
// asOf: without it, the whole record counts. With it, a participation
// counts from its since date, or else its project's start, to its until
// date, or else its project's end (open ends are open); a membership
// (MEMBER_OF) from its since to its until date; a role from its since to
// its until date, and an ENDED role without an until date not at all
// (when it ended is unknown). Roles matter only as ties between
// organisations for isolatedOrganisations: a seat an organisation holds
// in a body (a role SEAT_AT the organisation and IN_BODY the body) ties
// the two. Unit links (UNIT_OF) carry no dates and always count.
//
// The snapshot is read in one query and cached until the graph-wide
// version stamp changes, so that writes by any process (an import,
// another server) are seen. Everything derived from it for a date (the
// network, the centralities, the gaps) is computed once per date on first
// use, concurrent callers waiting for that one computation, and kept for
// the MaxCachedDates dates used most recently. Every store provides
// snapshots, so every store gives the same answers.
package analytics

import (
	"context"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"github.com/cancermissionhub/hubgraph/internal/analysis"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Service answers analytics questions with a cached model of the graph.
type Service struct {
	store ecosystem.Snapshotter
	mu    sync.Mutex
	model *Model
	// Rebuilds counts how often the model was built, for tests.
	rebuilds int
}

// New returns a Service over store.
func New(store ecosystem.Snapshotter) *Service { return &Service{store: store} }

// Rebuilds returns how many times the model has been built.
func (s *Service) Rebuilds() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rebuilds
}

// Model returns the model of the current graph, rebuilding it when the
// graph's version stamp has moved since it was built.
func (s *Service) Model(ctx context.Context) (*Model, error) {
	version, err := s.store.GraphVersion(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.model != nil && s.model.Version == version {
		return s.model, nil
	}
	snap, err := s.store.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	s.model = NewModel(snap)
	s.rebuilds++
	return s.model, nil
}

// Model is an indexed snapshot with what is derived from it. It is
// immutable apart from its cache, which is safe for concurrent use.
type Model struct {
	Version int
	nodes   map[string]ecosystem.Node
	out     map[string][]ecosystem.Link
	in      map[string][]ecosystem.Link
	// organisations holds every organisation id, in name order (the
	// network's order, so that its lists need no sorting).
	organisations []string

	mu     sync.Mutex
	byDate *simplelru.LRU[string, *dated]
	// brandesRuns counts the centrality computations, for tests.
	brandesRuns atomic.Int32
	// rolledUp holds the model under each roll-up, made on first use
	// (see RolledUp).
	rolledUp sync.Map

	// snap is what the model was built from; stated is the model of its
	// stated facts, built on first use.
	snap       *ecosystem.Snapshot
	statedOnce sync.Once
	stated     *Model
}

// Facts says which facts an answer may rest on.
type Facts string

// The choices of facts: all (the default), or those a source document
// or a data file states, leaving out facts that rest only on an editor's
// judgement or a rule's inference (see ecosystem.StatedOnly).
const (
	AllFacts    Facts = "ALL"
	StatedFacts Facts = "STATED_ONLY"
)

// With returns the model to answer from for the facts chosen: m itself
// for all facts, or the model of m's stated facts, built once.
func (m *Model) With(facts Facts) *Model {
	if facts != StatedFacts {
		return m
	}
	m.statedOnce.Do(func() { m.stated = NewModel(ecosystem.StatedOnly(m.snap)) })
	return m.stated
}

// MaxCachedDates bounds how many dates' (and scopes') networks,
// centralities and gaps a model keeps.
const MaxCachedDates = 8

// dated is what the model derives for one date and scope, each part
// computed on first use; callers that ask meanwhile wait for that
// computation. The centrality and the gaps are kept only once complete:
// a computation stopped by its request's end leaves them for the next
// caller.
type dated struct {
	scopeOnce    sync.Once
	scope        inScope
	networkOnce  sync.Once
	network      *analysis.Network
	centralityMu sync.Mutex
	centrality   map[string]CentralityScore
	gapsMu       sync.Mutex
	gaps         *NetworkGaps
}

// NewModel indexes a snapshot.
func NewModel(snap *ecosystem.Snapshot) *Model {
	m := &Model{Version: snap.Version, nodes: snap.Nodes, out: map[string][]ecosystem.Link{}, in: map[string][]ecosystem.Link{}, snap: snap}
	m.byDate, _ = simplelru.NewLRU[string, *dated](MaxCachedDates, nil)
	for _, l := range snap.Links {
		m.out[l.From] = append(m.out[l.From], l)
		m.in[l.To] = append(m.in[l.To], l)
	}
	var orgs []*ecosystem.Organisation
	for _, n := range snap.Nodes {
		if o, ok := n.(*ecosystem.Organisation); ok {
			orgs = append(orgs, o)
		}
	}
	sortByName(orgs)
	for _, o := range orgs {
		m.organisations = append(m.organisations, o.ID)
	}
	return m
}

// dated returns the cache entry for asOf and a scope, making it when
// absent.
func (m *Model) dated(asOf ecosystem.Date, s Scope) *dated {
	key := string(asOf) + "|" + s.key()
	m.mu.Lock()
	d, ok := m.byDate.Get(key)
	if !ok {
		d = &dated{}
		m.byDate.Add(key, d)
	}
	m.mu.Unlock()
	d.scopeOnce.Do(func() { d.scope = m.resolve(s, asOf) })
	return d
}

// Node returns the entity with the id, or nil.
func (m *Model) Node(id string) ecosystem.Node { return m.nodes[id] }

// Organisation returns the organisation with the id, or nil.
func (m *Model) Organisation(id string) *ecosystem.Organisation {
	o, _ := m.nodes[id].(*ecosystem.Organisation)
	return o
}

// targets returns the ids reached from id over links of type t.
func (m *Model) targets(id string, t ecosystem.RelType) []string {
	var out []string
	for _, l := range m.out[id] {
		if l.Type == t {
			out = append(out, l.To)
		}
	}
	return out
}

// sources returns the ids that reach id over links of type t.
func (m *Model) sources(id string, t ecosystem.RelType) []string {
	var out []string
	for _, l := range m.in[id] {
		if l.Type == t {
			out = append(out, l.From)
		}
	}
	return out
}

// participations returns the PARTICIPATES_IN links active on asOf (all
// of them when asOf is empty).
func (m *Model) participations(asOf ecosystem.Date) []ecosystem.Link {
	var out []ecosystem.Link
	for _, id := range m.organisations {
		for _, l := range m.out[id] {
			if l.Type == ecosystem.RelParticipatesIn && m.participationActive(l, asOf) {
				out = append(out, l)
			}
		}
	}
	return out
}

func (m *Model) participationActive(l ecosystem.Link, asOf ecosystem.Date) bool {
	if asOf == "" {
		return true
	}
	f := l.Facts()
	since, until := f.Since, f.Until
	if proj, ok := m.nodes[l.To].(*ecosystem.Project); ok {
		if since == nil {
			since = proj.Start
		}
		if until == nil {
			until = proj.End
		}
	}
	return active(since, until, asOf)
}

// active reports whether a since–until span includes d; absent ends are
// open.
func active(since, until *ecosystem.Date, d ecosystem.Date) bool {
	return (since == nil || !since.After(d)) && (until == nil || !until.Before(d))
}

// roleActive reports whether a role is held on asOf (always, when asOf
// is empty): between its since and until dates, and never when it ENDED
// on a date not recorded.
func roleActive(r *ecosystem.Role, asOf ecosystem.Date) bool {
	if asOf == "" {
		return true
	}
	if r.Status == ecosystem.RoleEnded && r.Until == nil {
		return false
	}
	return active(r.Since, r.Until, asOf)
}

// linkActive reports whether a link is active on asOf (always, when
// asOf is empty): between its since and until dates.
func linkActive(l ecosystem.Link, asOf ecosystem.Date) bool {
	if asOf == "" {
		return true
	}
	f := l.Facts()
	return active(f.Since, f.Until, asOf)
}

// Network returns the collaboration network on asOf within a scope,
// built once per date and scope: the scope's organisations, tied by the
// scope's projects. A funder's participations tie it to no one.
func (m *Model) Network(asOf ecosystem.Date, s Scope) *analysis.Network {
	d := m.dated(asOf, s)
	d.networkOnce.Do(func() {
		in := d.scope
		var ps []analysis.Participation
		for _, l := range m.participations(asOf) {
			if in.project(l.To) && in.organisation(l.From) {
				ps = append(ps, analysis.Participation{Organisation: l.From, Project: l.To, Unlinked: m.funder(l.From)})
			}
		}
		orgs := m.organisations
		if in.organisations != nil {
			orgs = nil
			for _, id := range m.organisations {
				if in.organisations[id] {
					orgs = append(orgs, id)
				}
			}
		}
		d.network = analysis.NewNetwork(orgs, ps, analysis.Options{})
	})
	return d.network
}

// names returns display names of organisations and pillars by id, for
// the reasons given in words.
func (m *Model) names() map[string]string {
	out := make(map[string]string, len(m.organisations))
	for id, n := range m.nodes {
		switch n := n.(type) {
		case *ecosystem.Organisation:
			out[id] = n.Name
		case *ecosystem.Pillar:
			out[id] = n.Name
		}
	}
	return out
}

// orgs turns ids into organisations, dropping unknown ids.
func (m *Model) orgs(ids []string) []*ecosystem.Organisation {
	out := make([]*ecosystem.Organisation, 0, len(ids))
	for _, id := range ids {
		if o := m.Organisation(id); o != nil {
			out = append(out, o)
		}
	}
	sortByName(out)
	return out
}

// sortByName orders entities by Norwegian collation of their names, then
// id, computing each collation key once.
func sortByName[T ecosystem.Node](xs []T) {
	type keyed struct {
		key ecosystem.Cursor
		x   T
	}
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		ks[i] = keyed{ecosystem.CursorOf(x), x}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].key.Less(ks[j].key) })
	for i, k := range ks {
		xs[i] = k.x
	}
}
