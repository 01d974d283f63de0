package graph

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"github.com/cancermissionhub/hubgraph/graph/generated"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Loaders batch the store reads of one GraphQL operation: every node
// asked for by id while a level of the query resolves becomes one
// NodesByID call, and every relation followed from many nodes one
// Neighbours call. A nested query therefore costs a number of store round
// trips bounded by its depth, not by its rows.
type Loaders struct {
	store       ecosystem.Store
	wait        time.Duration
	nodes       *dataloadgen.Loader[string, ecosystem.Node]
	mu          sync.Mutex
	relations   map[ecosystem.Relation]*dataloadgen.Loader[string, []ecosystem.Neighbour]
	pages       map[string]*dataloadgen.Loader[string, *ecosystem.NeighbourPage] // by Step.Key
	collabs     *dataloadgen.Loader[string, []ecosystem.Collaboration]
	collabPages map[string]*dataloadgen.Loader[string, *ecosystem.CollaboratorPage] // by PageRequest.Key
	plans       map[planKey]planned                                                 // read-ahead plans, see readAhead
	// early holds the collaborator pages a root field started reading
	// beside its own read (ReadCollaboratorsEarly), by organisation id and
	// PageRequest.Key.
	early map[earlyKey]func() (*ecosystem.CollaboratorPage, error)
	// reads counts the store reads begun, which tells the executor which
	// lists marshal without reading (generated.WithReadCounter).
	reads atomic.Int64
}

// earlyKey names a page of an organisation's collaborators.
type earlyKey struct{ id, page string }

// DefaultLoaderWait is how long a loader collects keys before it queries.
// On the two-core machine of issue 13's figures, 1 ms gathers a level of
// twenty siblings into one statement as 2 ms did (4.06 statements for
// query 1 against 4.01; 300 µs split it: 5.03) and answers query 1 2 ms
// sooner; a root field does not wait at all (see Loaders.NodeWithNow).
const DefaultLoaderWait = time.Millisecond

// NewLoaders returns fresh loaders over store that collect keys for wait
// (DefaultLoaderWait when 0); make one per operation so that nothing is
// cached across requests.
func NewLoaders(store ecosystem.Store, wait time.Duration) *Loaders {
	if wait == 0 {
		wait = DefaultLoaderWait
	}
	l := &Loaders{store: store, wait: wait, relations: map[ecosystem.Relation]*dataloadgen.Loader[string, []ecosystem.Neighbour]{},
		pages: map[string]*dataloadgen.Loader[string, *ecosystem.NeighbourPage]{}, collabPages: map[string]*dataloadgen.Loader[string, *ecosystem.CollaboratorPage]{}, plans: map[planKey]planned{},
		early: map[earlyKey]func() (*ecosystem.CollaboratorPage, error){}}
	l.nodes = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]ecosystem.Node, []error) {
		l.reads.Add(1)
		found, err := store.NodesByID(ctx, ids)
		out := make([]ecosystem.Node, len(ids))
		errs := make([]error, len(ids))
		for i, id := range ids {
			out[i], errs[i] = found[id], err
		}
		return out, errs
	}, dataloadgen.WithWait(l.wait))
	l.collabs = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]ecosystem.Collaboration, []error) {
		l.reads.Add(1)
		found, err := store.Collaborators(ctx, ids)
		out := make([][]ecosystem.Collaboration, len(ids))
		errs := make([]error, len(ids))
		for i, id := range ids {
			out[i], errs[i] = found[id], err
		}
		return out, errs
	}, dataloadgen.WithWait(l.wait))
	return l
}

type loadersKey struct{}

// WithLoaders returns ctx carrying l, and l's count of store reads for
// the executor (generated.WithReadCounter).
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return generated.WithReadCounter(context.WithValue(ctx, loadersKey{}, l), l.reads.Load)
}

// For returns the loaders of the operation ctx belongs to.
func For(ctx context.Context) *Loaders {
	return ctx.Value(loadersKey{}).(*Loaders)
}

// Node returns the entity with the given id, or nil when there is none.
func (l *Loaders) Node(ctx context.Context, id string) (ecosystem.Node, error) {
	return l.nodes.Load(ctx, id)
}

// NodesNow returns the entities with the given ids, keyed by id (ids
// that name nothing are absent), read at once rather than after the
// loaders' wait (a root field's page has no siblings to gather), and
// hands them to the node loader.
func (l *Loaders) NodesNow(ctx context.Context, ids []string) (map[string]ecosystem.Node, error) {
	if len(ids) == 0 {
		return map[string]ecosystem.Node{}, nil
	}
	l.reads.Add(1)
	found, err := l.store.NodesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for id, n := range found {
		l.nodes.Prime(id, n)
	}
	return found, nil
}

// Nodes returns the entities with the given ids, keyed by id (ids that
// name nothing are absent), in one batch.
func (l *Loaders) Nodes(ctx context.Context, ids []string) (map[string]ecosystem.Node, error) {
	nodes, err := l.nodes.LoadAll(ctx, ids)
	out := make(map[string]ecosystem.Node, len(ids))
	for i, n := range nodes {
		if n != nil {
			out[ids[i]] = n
		}
	}
	return out, err
}

// Neighbours returns the nodes reached from id over rel.
func (l *Loaders) Neighbours(ctx context.Context, rel ecosystem.Relation, id string) ([]ecosystem.Neighbour, error) {
	return l.relation(rel).Load(ctx, id)
}

// NeighboursOf returns the nodes reached over rel from each of ids, in
// the same batch as every other read of rel at this level.
func (l *Loaders) NeighboursOf(ctx context.Context, rel ecosystem.Relation, ids []string) (map[string][]ecosystem.Neighbour, error) {
	found, err := l.relation(rel).LoadAll(ctx, ids)
	out := make(map[string][]ecosystem.Neighbour, len(ids))
	for i, ns := range found {
		out[ids[i]] = ns
	}
	return out, err
}

// CollaboratorsOf returns the collaborators of each of ids, batched.
func (l *Loaders) CollaboratorsOf(ctx context.Context, ids []string) (map[string][]ecosystem.Collaboration, error) {
	found, err := l.collabs.LoadAll(ctx, ids)
	out := make(map[string][]ecosystem.Collaboration, len(ids))
	for i, cs := range found {
		out[ids[i]] = cs
	}
	return out, err
}

// CollaboratorPage returns one page of the collaborators of id, ranked
// and paged in the store; the ids of one level asking for the same page
// are one store call. A field under no list (resolvesOnce) has no such
// siblings and reads at once, without the loader's wait.
func (l *Loaders) CollaboratorPage(ctx context.Context, id string, req ecosystem.PageRequest) (*ecosystem.CollaboratorPage, error) {
	l.mu.Lock()
	early := l.early[earlyKey{id, req.Key()}]
	l.mu.Unlock()
	if early != nil {
		return early()
	}
	if resolvesOnce(ctx) {
		l.reads.Add(1)
		pages, errs := l.collaboratorPages(ctx, []string{id}, req)
		return pages[0], errs[0]
	}
	key := req.Key()
	l.mu.Lock()
	loader, ok := l.collabPages[key]
	if !ok {
		loader = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*ecosystem.CollaboratorPage, []error) {
			l.reads.Add(1)
			return l.collaboratorPages(ctx, ids, req)
		}, dataloadgen.WithWait(l.wait))
		l.collabPages[key] = loader
	}
	l.mu.Unlock()
	return loader.Load(ctx, id)
}

// ReadCollaboratorsEarly starts reading the page req of the
// collaborators of the organisation id, which a root field is about to
// read, so that the two reads overlap: the field's collaborators then
// take the page (CollaboratorPage) instead of a round trip after it. An
// id retired by a merge names no organisation in the store, so its page
// is empty, and unused: the field resolves with the id it was merged
// into.
func (l *Loaders) ReadCollaboratorsEarly(ctx context.Context, id string, req ecosystem.PageRequest) {
	key := earlyKey{id, req.Key()}
	done := make(chan struct{})
	var page *ecosystem.CollaboratorPage
	var err error
	// Checked and claimed under one lock: root fields resolve at once,
	// and two asking for the same page start one read.
	l.mu.Lock()
	if _, reading := l.early[key]; reading {
		l.mu.Unlock()
		return
	}
	l.early[key] = func() (*ecosystem.CollaboratorPage, error) {
		<-done
		return page, err
	}
	l.mu.Unlock()
	l.reads.Add(1) // here, not in the goroutine: the read begins with the root field
	go func() {
		defer close(done)
		pages, errs := l.collaboratorPages(ctx, []string{id}, req)
		page, err = pages[0], errs[0]
	}()
}

// OrganisationReadEarly returns the organisation id as the read that
// ReadCollaboratorsEarly started for its page req found it: nil when
// there is no such read, it failed, or id names no organisation (an id
// retired by a merge, say), for the caller to read id as usual.
func (l *Loaders) OrganisationReadEarly(id string, req ecosystem.PageRequest) ecosystem.Node {
	l.mu.Lock()
	wait := l.early[earlyKey{id, req.Key()}]
	l.mu.Unlock()
	if wait == nil {
		return nil
	}
	if page, err := wait(); err == nil && page != nil && page.Organisation != nil {
		return page.Organisation
	}
	return nil
}

// collaboratorPages reads the page req of the collaborators of each of
// ids, in one store call (its callers count the read), and hands the
// organisations and the collaborators on their pages to the node loader.
func (l *Loaders) collaboratorPages(ctx context.Context, ids []string, req ecosystem.PageRequest) ([]*ecosystem.CollaboratorPage, []error) {
	found, err := l.store.CollaboratorPages(ctx, ids, req)
	out := make([]*ecosystem.CollaboratorPage, len(ids))
	errs := make([]error, len(ids))
	for i, id := range ids {
		out[i], errs[i] = found[id], err
		if out[i] == nil {
			out[i] = &ecosystem.CollaboratorPage{}
		}
		if o := out[i].Organisation; o != nil {
			l.nodes.Prime(id, o)
		}
		for _, c := range out[i].Collaborations {
			if c.Organisation != nil {
				l.nodes.Prime(c.OrganisationID, c.Organisation)
			}
		}
	}
	return out, errs
}

// resolvesOnce reports whether the field resolving in ctx lies under no
// list, so that it resolves once in its operation: a loader's wait would
// gather no sibling with it.
func resolvesOnce(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return false
		}
	}
	return true
}

// relation returns the loader of rel, making it on first use.
func (l *Loaders) relation(rel ecosystem.Relation) *dataloadgen.Loader[string, []ecosystem.Neighbour] {
	l.mu.Lock()
	loader, ok := l.relations[rel]
	if !ok {
		loader = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]ecosystem.Neighbour, []error) {
			l.reads.Add(1)
			found, err := l.store.Neighbours(ctx, rel, ids)
			out := make([][]ecosystem.Neighbour, len(ids))
			errs := make([]error, len(ids))
			for i, id := range ids {
				out[i], errs[i] = found[id], err
				l.prime(out[i])
			}
			return out, errs
		}, dataloadgen.WithWait(l.wait))
		l.relations[rel] = loader
	}
	l.mu.Unlock()
	return loader
}

// NeighbourPage returns the page step reaches from id, each neighbour
// on it carrying the pages of the step's Then; the ids of one level
// taking the same step are one store call, which pages, counts and nests
// in the store. What the step reached, at every level below, is handed
// to the loaders those levels ask, so that a nested query costs one
// round trip where its fields follow relations.
func (l *Loaders) NeighbourPage(ctx context.Context, step keyedStep, id string) (*ecosystem.NeighbourPage, error) {
	return l.pageLoader(step).Load(ctx, id)
}

// NodeWithNow returns the entity with the given id, or nil when there
// is none, read at once with the pages steps reach from it (a root field
// has no siblings to gather), in one round trip; the entity and what the
// steps reached are handed to the loaders of the levels below.
func (l *Loaders) NodeWithNow(ctx context.Context, id string, steps []ecosystem.Step) (ecosystem.Node, error) {
	l.reads.Add(1)
	found, err := l.store.NodesWith(ctx, []string{id}, steps)
	if err != nil {
		return nil, err
	}
	n := found[id].Node
	if n == nil {
		return nil, nil
	}
	l.nodes.Prime(id, n)
	p := l.priming()
	for i := range steps {
		p.page(&steps[i], n.NodeMeta().ID, pageOf(found[id].Pages, i))
	}
	return n, nil
}

// pageLoader returns the loader of step, making it on first use.
func (l *Loaders) pageLoader(step keyedStep) *dataloadgen.Loader[string, *ecosystem.NeighbourPage] {
	l.mu.Lock()
	defer l.mu.Unlock()
	loader, ok := l.pages[step.key]
	if !ok {
		loader = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*ecosystem.NeighbourPage, []error) {
			l.reads.Add(1)
			found, err := l.store.Follow(ctx, ids, []ecosystem.Step{step.Step})
			out := make([]*ecosystem.NeighbourPage, len(ids))
			errs := make([]error, len(ids))
			p := l.priming()
			for i, id := range ids {
				out[i], errs[i] = pageOf(found[id], 0), err
				p.below(&step.Step, out[i])
			}
			return out, errs
		}, dataloadgen.WithWait(l.wait))
		l.pages[step.key] = loader
	}
	return loader
}

// plan returns the read-ahead plan of key, making it with build the first
// time it is asked for in the operation.
func (l *Loaders) plan(key planKey, build func() (ecosystem.Step, bool)) (keyedStep, bool) {
	l.mu.Lock()
	p, ok := l.plans[key]
	l.mu.Unlock()
	if !ok {
		var step ecosystem.Step
		if step, p.ok = build(); p.ok {
			p.step = keyed(step)
		}
		l.mu.Lock()
		l.plans[key] = p
		l.mu.Unlock()
	}
	return p.step, p.ok
}

// pageOf returns the i-th of pages, an empty page when there is none.
func pageOf(pages []*ecosystem.NeighbourPage, i int) *ecosystem.NeighbourPage {
	if i < len(pages) && pages[i] != nil {
		return pages[i]
	}
	return &ecosystem.NeighbourPage{}
}

// priming hands what one read reached to the loaders that serve the
// levels below, finding each step's loader once for the whole read: a
// step's loader is found by its key, long to make and to hash, and a read
// reaches a page of some steps from each of a thousand nodes (query 7's
// partners' parents).
type priming struct {
	l       *Loaders
	primers map[*ecosystem.Step]func(id string, page *ecosystem.NeighbourPage)
}

// priming returns a priming of what one read reached.
func (l *Loaders) priming() *priming {
	return &priming{l: l, primers: map[*ecosystem.Step]func(string, *ecosystem.NeighbourPage){}}
}

// page hands the page step reached from id to the loader that serves
// step, and what it reached to the loaders below.
func (p *priming) page(step *ecosystem.Step, id string, page *ecosystem.NeighbourPage) {
	prime, ok := p.primers[step]
	if !ok {
		prime = p.l.primerOf(*step)
		p.primers[step] = prime
	}
	prime(id, page)
	p.below(step, page)
}

// below hands the nodes on page to the node loader, unless step read
// them partially, and the pages of step's Then taken from each to their
// loaders.
func (p *priming) below(step *ecosystem.Step, page *ecosystem.NeighbourPage) {
	if !step.Partial {
		p.l.prime(page.Neighbours)
	}
	for i := range step.Then {
		then := &step.Then[i]
		for _, n := range page.Neighbours {
			p.page(then, n.Node.NodeMeta().ID, pageOf(n.Then, i))
		}
	}
}

// primerOf returns what hands a page step reached from an id to the
// loader that serves step.
func (l *Loaders) primerOf(step ecosystem.Step) func(id string, page *ecosystem.NeighbourPage) {
	if step.Page != nil || step.Partial || step.OmitLinkProperties {
		loader := l.pageLoader(keyed(step))
		return func(id string, page *ecosystem.NeighbourPage) { loader.Prime(id, page) }
	}
	// Every neighbour, whole, with its link's properties, as Neighbours
	// reads them for one and many.
	loader := l.relation(step.Relation)
	return func(id string, page *ecosystem.NeighbourPage) { loader.Prime(id, page.Neighbours) }
}

// prime hands the nodes a relation reached to the node loader, so that
// the next level, which asks for them by id, does not read them again.
func (l *Loaders) prime(ns []ecosystem.Neighbour) {
	for _, n := range ns {
		l.nodes.Prime(n.Node.NodeMeta().ID, n.Node)
	}
}
