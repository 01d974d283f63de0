package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// edit is one editor's change to one entity: the entity as it will be,
// and the dataset that writes it.
type edit[T ecosystem.Node] struct {
	node     T
	ds       *ecosystem.Dataset
	identity auth.Identity
}

// beginEdit checks the caller may edit, and returns the entity with the
// given id as it is now, or a new one of type T: the mutation patches it.
// An id used by another type is a CONFLICT.
func beginEdit[T ecosystem.Node](ctx context.Context, store ecosystem.Store, id string, expectedVersion *int) (*edit[T], error) {
	identity, err := auth.Require(ctx, auth.Editor)
	if err != nil {
		return nil, err
	}
	var zero T
	if !ecosystem.ValidID(id) {
		return nil, ecosystem.FieldError("input.id", "%q is not a valid id (lowercase letters, digits and single hyphens)", id)
	}
	found, err := store.NodesByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	e := &edit[T]{ds: &ecosystem.Dataset{ByEditor: true}, identity: identity}
	if expectedVersion != nil {
		e.ds.ExpectedVersions = map[string]int{id: *expectedVersion}
	}
	if n, ok := found[id]; ok {
		t, isT := n.(T)
		if !isT {
			return nil, ecosystem.Errorf(ecosystem.CodeConflict, "the id %q is already used by a %s", id, n.NodeLabel())
		}
		e.node = t
		return e, nil
	}
	e.node = ecosystem.NewNode(zero.NodeLabel()).(T)
	e.node.NodeMeta().ID = id
	return e, nil
}

// commit validates the edited entity whole, records the editor as a
// source and writes everything in one transaction; it returns the entity
// as stored.
func (e *edit[T]) commit(ctx context.Context, store ecosystem.Store) (T, error) {
	var zero T
	stampEditor(&e.node.NodeMeta().Sources, e.identity.Name)
	if err := ecosystem.Validate(e.node, "input").Err(); err != nil {
		return zero, err
	}
	e.ds.Nodes = append(e.ds.Nodes, e.node)
	if _, err := store.Apply(ctx, e.ds); err != nil {
		return zero, err
	}
	id := e.node.NodeMeta().ID
	stored, err := store.NodesByID(ctx, []string{id})
	if err != nil {
		return zero, err
	}
	return stored[id].(T), nil
}

// stampEditor records an editor as a source, once per editor: a later
// edit by the same token moves the time.
func stampEditor(sources *[]ecosystem.Source, name string) {
	now := time.Now().UTC().Truncate(time.Second)
	for i, s := range *sources {
		if s.Kind == ecosystem.SourceEditor && s.Reference == name {
			(*sources)[i].At = &now
			return
		}
	}
	*sources = append(*sources, ecosystem.Source{Kind: ecosystem.SourceEditor, Reference: name, At: &now})
}

// patch sets an optional field when the input names it (null clears).
func patch[T any](in graphql.Omittable[*T], field **T) {
	if in.IsSet() {
		*field = in.Value()
	}
}

// patchRequired sets a required field when the input names it; null
// empties it, which validation then reports.
func patchRequired[T any](in graphql.Omittable[*T], field *T) {
	if in.IsSet() {
		var zero T
		*field = zero
		if v := in.Value(); v != nil {
			*field = *v
		}
	}
}

// patchList replaces a list when the input names it (null empties it).
func patchList[T any](in graphql.Omittable[[]T], field *[]T) {
	if in.IsSet() {
		*field = in.Value()
	}
}

// patchLink replaces the one link of a type from id when the input names
// it (null removes it).
func patchLink(ds *ecosystem.Dataset, id string, t ecosystem.RelType, in graphql.Omittable[*string]) {
	if !in.IsSet() {
		return
	}
	ds.ReplaceLinks = append(ds.ReplaceLinks, ecosystem.LinkSlot{From: id, Type: t})
	if to := in.Value(); to != nil {
		ds.Links = append(ds.Links, ecosystem.Link{From: id, Type: t, To: *to})
	}
}

// patchLinks replaces every link of a type from id, to the given ids.
func patchLinks(ds *ecosystem.Dataset, id string, t ecosystem.RelType, in graphql.Omittable[[]string]) {
	if !in.IsSet() {
		return
	}
	ds.ReplaceLinks = append(ds.ReplaceLinks, ecosystem.LinkSlot{From: id, Type: t})
	for _, to := range in.Value() {
		ds.Links = append(ds.Links, ecosystem.Link{From: id, Type: t, To: to})
	}
}

// patchIncoming replaces every link of a type into id, from the given
// ids, when the input names them.
func patchIncoming(ds *ecosystem.Dataset, id string, t ecosystem.RelType, in graphql.Omittable[[]string]) {
	if !in.IsSet() {
		return
	}
	ds.ReplaceLinks = append(ds.ReplaceLinks, ecosystem.LinkSlot{Type: t, To: id})
	for _, from := range in.Value() {
		ds.Links = append(ds.Links, ecosystem.Link{From: from, Type: t, To: id})
	}
}

func opt(s *string) []string {
	if s == nil {
		return nil
	}
	return []string{*s}
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
