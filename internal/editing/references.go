package editing

import (
	"context"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// check completes the validation of an editor's dataset before anything
// is written, so that every problem is reported at once, each with its
// input path: the problems found already, then every link's references
// (written are the entities the dataset itself writes). A reference to
// an id retired by a merge is redirected to the surviving entity. See
// report for the error.
func check(ctx context.Context, store ecosystem.Store, ds *ecosystem.Dataset, written map[string]ecosystem.Node, problems ecosystem.ValidationErrors) error {
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

// canonicalIDs returns the ids with each id retired by a merge replaced
// by the entity it was merged into; ids that name nothing stay as they
// are (the store then reports them).
func canonicalIDs(ctx context.Context, store ecosystem.Store, ids ...string) ([]string, error) {
	found, err := store.NodesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = canonical(found, id)
	}
	return out, nil
}

// canonical returns the id of the entity found for id, or id when none
// was.
func canonical(found map[string]ecosystem.Node, id string) string {
	if n := found[id]; n != nil {
		return n.NodeMeta().ID
	}
	return id
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
