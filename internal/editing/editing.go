// Package editing is the editing use-case: who may edit, an edit's
// lifecycle from the current entity through a patch to one validated
// transactional write, reference resolution including ids retired by a
// merge, and the editor's source stamp.
//
// An upsert reads the entity as it is (or starts a new one), lets the
// caller patch it from its input with Set, SetRequired, SetList and the
// link setters of Links, then validates the entity and every reference
// whole, so that all problems are reported at once with their input paths,
// and writes the entity and its links in one transaction, or nothing.
//
// Errors carry the domain's codes: UNAUTHENTICATED and FORBIDDEN from the
// access check, BAD_USER_INPUT (with every problem and its input path)
// for invalid input, NOT_FOUND for a reference to nothing, CONFLICT for a
// stale expected version or an id another type uses; anything else is the
// store's error, for the edge to present as INTERNAL.
package editing

import (
	"context"
	"fmt"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Input is an input field the caller may leave out (it is left as it is)
// or set, possibly to null; gqlgen's graphql.Omittable is one.
type Input[T any] interface {
	IsSet() bool
	Value() T
}

// Set sets an optional field when the input names it (null clears it).
func Set[T any](in Input[*T], field **T) {
	if in.IsSet() {
		*field = in.Value()
	}
}

// SetRequired sets a required field when the input names it; null
// empties it, which validation then reports.
func SetRequired[T any](in Input[*T], field *T) {
	if in.IsSet() {
		var zero T
		*field = zero
		if v := in.Value(); v != nil {
			*field = *v
		}
	}
}

// SetList replaces a list when the input names it (null empties it).
func SetList[T any](in Input[[]T], field *[]T) {
	if in.IsSet() {
		*field = in.Value()
	}
}

// Links is what an edit does to the links of the entity it edits. Each
// setter acts only when the input names the field: it replaces every
// link of the type (going out of the entity, or coming in) with links to
// (or from) the ids the input gives, each checked at its input path.
type Links struct {
	id string
	ds *ecosystem.Dataset
}

// One replaces the one link of type t from the entity; null removes it.
func (l *Links) One(t ecosystem.RelType, field string, to Input[*string]) {
	if to.IsSet() {
		var ids []string
		if v := to.Value(); v != nil {
			ids = []string{*v}
		}
		l.replace(ecosystem.LinkSlot{From: l.id, Type: t}, ids, func(int) string { return field })
	}
}

// Many replaces every link of type t from the entity.
func (l *Links) Many(t ecosystem.RelType, field string, to Input[[]string]) {
	if to.IsSet() {
		l.replace(ecosystem.LinkSlot{From: l.id, Type: t}, to.Value(), indexed(field))
	}
}

// Incoming replaces every link of type t into the entity.
func (l *Links) Incoming(t ecosystem.RelType, field string, from Input[[]string]) {
	if from.IsSet() {
		l.replace(ecosystem.LinkSlot{Type: t, To: l.id}, from.Value(), indexed(field))
	}
}

// replace empties a link slot and fills it with links to (or, for an
// incoming slot, from) ids; the i-th link is checked at path(i).
func (l *Links) replace(slot ecosystem.LinkSlot, ids []string, path func(int) string) {
	l.ds.ReplaceLinks = append(l.ds.ReplaceLinks, slot)
	for i, id := range ids {
		link := ecosystem.Link{From: slot.From, Type: slot.Type, To: slot.To, Field: path(i)}
		if slot.From == "" {
			link.From = id
		} else {
			link.To = id
		}
		l.ds.Links = append(l.ds.Links, link)
	}
}

// indexed returns the input paths of a list's elements.
func indexed(field string) func(int) string {
	return func(i int) string { return fmt.Sprintf("%s[%d]", field, i) }
}

// Upsert creates or changes the entity of type T with the given id as
// patch says, for an editor, and returns it as stored. An id retired by
// a merge edits the entity it was merged into. With expectedVersion, a
// stale version is a CONFLICT; an id used by another type is a CONFLICT;
// invalid input is BAD_USER_INPUT and a reference to nothing NOT_FOUND.
func Upsert[T ecosystem.Node](ctx context.Context, store ecosystem.Store, id string, expectedVersion *int, patch func(T, *Links)) (T, error) {
	return edit(ctx, store, id, expectedVersion, false, patch)
}

// Update is Upsert for an entity that must exist: NOT_FOUND when no T
// has the id.
func Update[T ecosystem.Node](ctx context.Context, store ecosystem.Store, id string, expectedVersion *int, patch func(T, *Links)) (T, error) {
	return edit(ctx, store, id, expectedVersion, true, patch)
}

func edit[T ecosystem.Node](ctx context.Context, store ecosystem.Store, id string, expectedVersion *int, mustExist bool, patch func(T, *Links)) (T, error) {
	var zero T
	e, err := begin[T](ctx, store, id, expectedVersion, mustExist)
	if err != nil {
		return zero, err
	}
	patch(e.node, &Links{id: e.node.NodeMeta().ID, ds: e.ds})
	return e.commit(ctx, store)
}

// change is one editor's change to one entity: the entity as it will be,
// and the dataset that writes it.
type change[T ecosystem.Node] struct {
	node     T
	ds       *ecosystem.Dataset
	identity auth.Identity
}

// begin checks the caller may edit, and returns the entity with the
// given id as it is now, or a new one of type T (NOT_FOUND instead when
// mustExist): the caller patches it. An id retired by a merge edits the
// entity it was merged into. An id used by another type is a CONFLICT.
func begin[T ecosystem.Node](ctx context.Context, store ecosystem.Store, id string, expectedVersion *int, mustExist bool) (*change[T], error) {
	identity, err := auth.Require(ctx, auth.Editor)
	if err != nil {
		return nil, err
	}
	var found map[string]ecosystem.Node
	if ecosystem.ValidID(id) {
		// An invalid id is reported with the other problems by commit.
		if found, err = store.NodesByID(ctx, []string{id}); err != nil {
			return nil, err
		}
	}
	var zero T
	c := &change[T]{ds: &ecosystem.Dataset{ByEditor: true}, identity: identity}
	switch n, ok := found[id]; {
	case ok:
		t, isT := n.(T)
		if !isT {
			return nil, ecosystem.Errorf(ecosystem.CodeConflict, "the id %q is already used by a %s", id, n.NodeLabel())
		}
		c.node = t
	case mustExist:
		return nil, ecosystem.Errorf(ecosystem.CodeNotFound, "no %s has the id %q", strings.ToLower(string(zero.NodeLabel())), id)
	default:
		c.node = ecosystem.NewNode(zero.NodeLabel()).(T)
		c.node.NodeMeta().ID = id
	}
	if expectedVersion != nil {
		c.ds.ExpectedVersions = map[string]int{c.node.NodeMeta().ID: *expectedVersion}
	}
	return c, nil
}

// commit validates the edited entity and its references whole (see
// check), records the editor as a source and writes everything in one
// transaction; it returns the entity as stored.
func (c *change[T]) commit(ctx context.Context, store ecosystem.Store) (T, error) {
	var zero T
	stampEditor(&c.node.NodeMeta().Sources, c.identity.Name)
	id := c.node.NodeMeta().ID
	if err := check(ctx, store, c.ds, map[string]ecosystem.Node{id: c.node}, ecosystem.Validate(c.node, "input")); err != nil {
		return zero, err
	}
	c.ds.Nodes = append(c.ds.Nodes, c.node)
	if _, err := store.Apply(ctx, c.ds); err != nil {
		return zero, err
	}
	stored, err := store.NodesByID(ctx, []string{id})
	if err != nil {
		return zero, err
	}
	return stored[id].(T), nil
}
