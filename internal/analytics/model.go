// Package analytics answers hub leadership's network-gap questions over
// a snapshot of the graph: which pillars and sectors are covered, where
// the collaboration network is thin (isolated organisations, brokers, cut
// vertices, components), how any two entities connect, whom an
// organisation could partner with, and whether a consortium meets a
// call's requirements.
//
// The collaboration network is defined in package analysis: organisations
// are linked when they take part in a common project, weighted by the
// number of shared projects. A participation counts on a date (asOf) from
// its since date, or else its project's start, to its until date, or else
// its project's end; without asOf every participation counts. Memberships
// and roles count on a date between their since and until dates, and an
// ENDED role never does.
//
// The snapshot is read in one query, cached, and rebuilt when the
// graph-wide version stamp changes, so that writes by any process (an
// import, another server) are seen. Every store provides snapshots, so
// every store gives the same answers.
package analytics

import (
	"context"
	"sort"
	"sync"

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

// Model is an indexed snapshot with the networks derived from it. It is
// immutable apart from its cache of networks, which is safe for
// concurrent use.
type Model struct {
	Version int
	nodes   map[string]ecosystem.Node
	out     map[string][]ecosystem.Link
	in      map[string][]ecosystem.Link
	// organisations holds every organisation id, sorted.
	organisations []string

	mu       sync.Mutex
	networks map[ecosystem.Date]*analysis.Network
}

// NewModel indexes a snapshot.
func NewModel(snap *ecosystem.Snapshot) *Model {
	m := &Model{Version: snap.Version, nodes: snap.Nodes, out: map[string][]ecosystem.Link{}, in: map[string][]ecosystem.Link{},
		networks: map[ecosystem.Date]*analysis.Network{}}
	for _, l := range snap.Links {
		m.out[l.From] = append(m.out[l.From], l)
		m.in[l.To] = append(m.in[l.To], l)
	}
	for id, n := range snap.Nodes {
		if n.NodeLabel() == ecosystem.LabelOrganisation {
			m.organisations = append(m.organisations, id)
		}
	}
	sort.Strings(m.organisations)
	return m
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
	var p ecosystem.Participation
	_ = ecosystem.DecodeProperties(l.Properties, &p)
	since, until := p.Since, p.Until
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
	return (since == nil || *since <= d) && (until == nil || *until >= d)
}

// linkActive reports whether a membership link or a role is active on
// asOf (always, when asOf is empty).
func linkActive(props map[string]any, asOf ecosystem.Date) bool {
	if asOf == "" {
		return true
	}
	var span struct {
		Since *ecosystem.Date `json:"since"`
		Until *ecosystem.Date `json:"until"`
	}
	_ = ecosystem.DecodeProperties(props, &span)
	return active(span.Since, span.Until, asOf)
}

// Network returns the collaboration network on asOf, built once per date.
func (m *Model) Network(asOf ecosystem.Date) *analysis.Network {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n, ok := m.networks[asOf]; ok {
		return n
	}
	var ps []analysis.Participation
	for _, l := range m.participations(asOf) {
		ps = append(ps, analysis.Participation{Organisation: l.From, Project: l.To})
	}
	n := analysis.NewNetwork(m.organisations, ps, analysis.Options{})
	m.networks[asOf] = n
	return n
}

// names returns display names of organisations by id.
func (m *Model) names() map[string]string {
	out := make(map[string]string, len(m.organisations))
	for _, id := range m.organisations {
		out[id] = m.nodes[id].(*ecosystem.Organisation).Name
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

// sortByName orders entities by Norwegian collation of their names, then id.
func sortByName[T ecosystem.Node](xs []T) {
	sort.SliceStable(xs, func(i, j int) bool {
		return ecosystem.CursorOf(xs[i]).Less(ecosystem.CursorOf(xs[j]))
	})
}
