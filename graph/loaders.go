package graph

import (
	"context"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Loaders batch the store reads of one GraphQL operation: every node
// asked for by id while a level of the query resolves becomes one
// NodesByID call, and every relation followed from many nodes one
// Neighbours call. A nested query therefore costs a number of store round
// trips bounded by its depth, not by its rows.
type Loaders struct {
	store     ecosystem.Store
	wait      time.Duration
	nodes     *dataloadgen.Loader[string, ecosystem.Node]
	mu        sync.Mutex
	relations map[ecosystem.Relation]*dataloadgen.Loader[string, []ecosystem.Neighbour]
	collabs   *dataloadgen.Loader[string, []ecosystem.Collaboration]
}

// DefaultLoaderWait is how long a loader collects keys before it queries.
const DefaultLoaderWait = 2 * time.Millisecond

// NewLoaders returns fresh loaders over store that collect keys for wait
// (DefaultLoaderWait when 0); make one per operation so that nothing is
// cached across requests.
func NewLoaders(store ecosystem.Store, wait time.Duration) *Loaders {
	if wait == 0 {
		wait = DefaultLoaderWait
	}
	l := &Loaders{store: store, wait: wait, relations: map[ecosystem.Relation]*dataloadgen.Loader[string, []ecosystem.Neighbour]{}}
	l.nodes = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]ecosystem.Node, []error) {
		found, err := store.NodesByID(ctx, ids)
		out := make([]ecosystem.Node, len(ids))
		errs := make([]error, len(ids))
		for i, id := range ids {
			out[i], errs[i] = found[id], err
		}
		return out, errs
	}, dataloadgen.WithWait(l.wait))
	l.collabs = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]ecosystem.Collaboration, []error) {
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

// Collaborators returns the organisation's collaborators, batched.
func (l *Loaders) Collaborators(ctx context.Context, id string) ([]ecosystem.Collaboration, error) {
	return l.collabs.Load(ctx, id)
}

type loadersKey struct{}

// WithLoaders returns ctx carrying l.
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// For returns the loaders of the operation ctx belongs to.
func For(ctx context.Context) *Loaders {
	return ctx.Value(loadersKey{}).(*Loaders)
}

// Node returns the entity with the given id, or nil when there is none.
func (l *Loaders) Node(ctx context.Context, id string) (ecosystem.Node, error) {
	return l.nodes.Load(ctx, id)
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
	l.mu.Lock()
	loader, ok := l.relations[rel]
	if !ok {
		loader = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]ecosystem.Neighbour, []error) {
			found, err := l.store.Neighbours(ctx, rel, ids)
			out := make([][]ecosystem.Neighbour, len(ids))
			errs := make([]error, len(ids))
			for i, id := range ids {
				out[i], errs[i] = found[id], err
			}
			return out, errs
		}, dataloadgen.WithWait(l.wait))
		l.relations[rel] = loader
	}
	l.mu.Unlock()
	return loader.Load(ctx, id)
}
