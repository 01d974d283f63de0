package graph

import (
	"context"
	"fmt"
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
// An id retired by a merge edits the entity it was merged into. An id
// used by another type is a CONFLICT.
func beginEdit[T ecosystem.Node](ctx context.Context, store ecosystem.Store, id string, expectedVersion *int) (*edit[T], error) {
	identity, err := auth.Require(ctx, auth.Editor)
	if err != nil {
		return nil, err
	}
	var zero T
	var found map[string]ecosystem.Node
	if ecosystem.ValidID(id) {
		// An invalid id is reported with the other problems by commit.
		if found, err = store.NodesByID(ctx, []string{id}); err != nil {
			return nil, err
		}
	}
	e := &edit[T]{ds: &ecosystem.Dataset{ByEditor: true}, identity: identity}
	if n, ok := found[id]; ok {
		t, isT := n.(T)
		if !isT {
			return nil, ecosystem.Errorf(ecosystem.CodeConflict, "the id %q is already used by a %s", id, n.NodeLabel())
		}
		e.node = t
	} else {
		e.node = ecosystem.NewNode(zero.NodeLabel()).(T)
		e.node.NodeMeta().ID = id
	}
	if expectedVersion != nil {
		e.ds.ExpectedVersions = map[string]int{e.node.NodeMeta().ID: *expectedVersion}
	}
	return e, nil
}

// commit validates the edited entity and its references whole (see
// checkEdit), records the editor as a source and writes everything in one
// transaction; it returns the entity as stored.
func (e *edit[T]) commit(ctx context.Context, store ecosystem.Store) (T, error) {
	var zero T
	stampEditor(&e.node.NodeMeta().Sources, e.identity.Name)
	if err := checkEdit(ctx, store, e.ds, map[string]ecosystem.Node{e.node.NodeMeta().ID: e.node}, ecosystem.Validate(e.node, "input")); err != nil {
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

// checkEdit completes the validation of an editor's dataset before
// anything is written, so that every problem is reported at once, each
// with its input path: the problems found already, then every link's
// references (written are the entities the dataset itself writes). A
// reference to an id retired by a merge is redirected to the surviving
// entity. See report for the error.
func checkEdit(ctx context.Context, store ecosystem.Store, ds *ecosystem.Dataset, written map[string]ecosystem.Node, problems ecosystem.ValidationErrors) error {
	var ends []end
	for _, l := range ds.Links {
		for _, id := range []string{l.From, l.To} {
			if written[id] == nil {
				ends = append(ends, end{field: l.Field, id: id})
			}
		}
	}
	found, missing, err := lookUp(ctx, store, ends, &problems)
	if err != nil {
		return err
	}
	for id, n := range written {
		found[id] = n
	}
	for i := range ds.Links {
		l := &ds.Links[i]
		from, to := found[l.From], found[l.To]
		if from == nil || to == nil {
			continue
		}
		l.From, l.To = from.NodeMeta().ID, to.NodeMeta().ID
		problems = append(problems, ecosystem.ValidateLink(*l, from.NodeLabel(), to.NodeLabel(), l.Field)...)
	}
	return report(problems, missing)
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
func patchLink(ds *ecosystem.Dataset, id string, t ecosystem.RelType, field string, in graphql.Omittable[*string]) {
	if !in.IsSet() {
		return
	}
	ds.ReplaceLinks = append(ds.ReplaceLinks, ecosystem.LinkSlot{From: id, Type: t})
	if to := in.Value(); to != nil {
		ds.Links = append(ds.Links, ecosystem.Link{From: id, Type: t, To: *to, Field: field})
	}
}

// patchLinks replaces every link of a type from id, to the given ids.
func patchLinks(ds *ecosystem.Dataset, id string, t ecosystem.RelType, field string, in graphql.Omittable[[]string]) {
	if !in.IsSet() {
		return
	}
	ds.ReplaceLinks = append(ds.ReplaceLinks, ecosystem.LinkSlot{From: id, Type: t})
	for i, to := range in.Value() {
		ds.Links = append(ds.Links, ecosystem.Link{From: id, Type: t, To: to, Field: fmt.Sprintf("%s[%d]", field, i)})
	}
}

// patchIncoming replaces every link of a type into id, from the given
// ids, when the input names them.
func patchIncoming(ds *ecosystem.Dataset, id string, t ecosystem.RelType, field string, in graphql.Omittable[[]string]) {
	if !in.IsSet() {
		return
	}
	ds.ReplaceLinks = append(ds.ReplaceLinks, ecosystem.LinkSlot{Type: t, To: id})
	for i, from := range in.Value() {
		ds.Links = append(ds.Links, ecosystem.Link{From: from, Type: t, To: id, Field: fmt.Sprintf("%s[%d]", field, i)})
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

// canonicalIDs returns the ids with each id retired by a merge replaced
// by the entity it was merged into; ids that name nothing stay as they
// are (the store then reports them).
func canonicalIDs(ctx context.Context, store ecosystem.Store, ids ...string) ([]string, error) {
	found, err := store.NodesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return resolved(ids, found), nil
}

// resolved returns ids with each replaced by the id of the entity found
// for it, when one was.
func resolved(ids []string, found map[string]ecosystem.Node) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if n := found[id]; n != nil {
			out[i] = n.NodeMeta().ID
		}
	}
	return out
}

// report returns an input's problems and missing references as one
// error: BAD_USER_INPUT listing all when there are problems, NOT_FOUND
// naming the first missing reference when that is all, nil when neither.
func report(problems, missing ecosystem.ValidationErrors) error {
	switch {
	case len(problems) > 0:
		return append(problems, missing...)
	case len(missing) > 0:
		return &ecosystem.Error{Code: ecosystem.CodeNotFound, Field: missing[0].Field, Message: missing[0].Message}
	}
	return nil
}

// end is an id an input names, with its path and the type it must have
// (any, when label is empty).
type end struct {
	field string
	id    string
	label ecosystem.Label
}

// lookUp finds the entities ends name, in one read, keyed by the id asked
// for (an id retired by a merge finds the entity it was merged into). An
// entity of the wrong type is added to problems; ids that name nothing
// (or are not ids) are returned as missing.
func lookUp(ctx context.Context, store ecosystem.Store, ends []end, problems *ecosystem.ValidationErrors) (found map[string]ecosystem.Node, missing ecosystem.ValidationErrors, err error) {
	var ids []string
	for _, e := range ends {
		if ecosystem.ValidID(e.id) {
			ids = append(ids, e.id)
		}
	}
	found = map[string]ecosystem.Node{}
	if len(ids) > 0 {
		if found, err = store.NodesByID(ctx, ids); err != nil {
			return nil, nil, err
		}
	}
	for _, e := range ends {
		switch n := found[e.id]; {
		case n == nil:
			missing.Add(e.field, "%q does not exist", e.id)
		case e.label != "" && n.NodeLabel() != e.label:
			problems.Add(e.field, "%q is a %s, not a %s", e.id, n.NodeLabel(), e.label)
		}
	}
	return found, missing, nil
}

// participationAt returns what the participation of an organisation in
// a project states, for an editor to patch, or nil when there is none.
func participationAt(ctx context.Context, store ecosystem.Store, organisationID, projectID string) (*ecosystem.Participation, error) {
	found, err := store.Neighbours(ctx, ecosystem.OrganisationParticipations, []string{organisationID})
	if err != nil {
		return nil, err
	}
	for _, nb := range found[organisationID] {
		if p, ok := nb.Props.(*ecosystem.Participation); ok && nb.Node.NodeMeta().ID == projectID {
			return p, nil
		}
	}
	return nil, nil
}
