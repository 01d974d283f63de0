package editing

import (
	"context"
	"slices"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// MergeOrganisations folds the organisation mergeID into keepID, for an
// editor: mergeID's names become aliases of keepID, keepID takes its
// organisation number when it has none, every relationship moves, and
// mergeID resolves to keepID from then on. It returns keepID as stored.
// NOT_FOUND when either is not an organisation, CONFLICT when mergeID
// was merged already.
func MergeOrganisations(ctx context.Context, store ecosystem.Store, keepID, mergeID string) (*ecosystem.Organisation, error) {
	c, err := begin[*ecosystem.Organisation](ctx, store, keepID, nil, true)
	if err != nil {
		return nil, err
	}
	found, err := store.NodesByID(ctx, []string{mergeID})
	if err != nil {
		return nil, err
	}
	merged, ok := found[mergeID].(*ecosystem.Organisation)
	if !ok {
		return nil, ecosystem.Errorf(ecosystem.CodeNotFound, "no organisation has the id %q", mergeID)
	}
	if merged.ID != mergeID {
		return nil, ecosystem.Errorf(ecosystem.CodeConflict, "%q was already merged into %q", mergeID, merged.ID)
	}
	keep := c.node
	names := []string{merged.Name}
	if merged.ShortName != nil {
		names = append(names, *merged.ShortName)
	}
	for _, name := range append(names, merged.Aliases...) {
		if name != keep.Name && !slices.Contains(keep.Aliases, name) {
			keep.Aliases = append(keep.Aliases, name)
		}
	}
	if keep.OrgNumber == nil {
		keep.OrgNumber = merged.OrgNumber
	}
	c.ds.Merges = []ecosystem.Merge{{Keep: keepID, Merge: mergeID}}
	return c.commit(ctx, store)
}

// Participate adds or changes the participation of an organisation in a
// project, for an editor, and returns the link written: patch sets the
// fields of what the current participation states (a new one is a
// confirmed partner). Ids retired by a
// merge name the surviving entities. NOT_FOUND when an end does not
// exist, BAD_USER_INPUT (at input paths) for an end of the wrong type or
// invalid fields.
func Participate(ctx context.Context, store ecosystem.Store, organisationID, projectID string, patch func(*ecosystem.Participation)) (ecosystem.Link, error) {
	identity, err := auth.Require(ctx, auth.Editor)
	if err != nil {
		return ecosystem.Link{}, err
	}
	var wrong ecosystem.ValidationErrors
	found, missing, err := lookUp(ctx, store, []end{
		{"input.organisationId", organisationID, ecosystem.LabelOrganisation},
		{"input.projectId", projectID, ecosystem.LabelProject},
	}, &wrong)
	if err != nil {
		return ecosystem.Link{}, err
	}
	link := ecosystem.Link{From: canonical(found, organisationID), Type: ecosystem.RelParticipatesIn, To: canonical(found, projectID)}
	p := &ecosystem.Participation{Role: ecosystem.ParticipationPartner, Status: ecosystem.ParticipationConfirmed}
	if len(wrong)+len(missing) == 0 {
		current, err := participationAt(ctx, store, link.From, link.To)
		if err != nil {
			return ecosystem.Link{}, err
		}
		if current != nil {
			p = current
		}
	}
	patch(p)
	if err := report(append(ecosystem.ValidateParticipation(p, "input"), wrong...), missing); err != nil {
		return ecosystem.Link{}, err
	}
	stampEditor(&p.Sources, identity.Name)
	link.Props = p
	if _, err := store.Apply(ctx, &ecosystem.Dataset{ByEditor: true, Links: []ecosystem.Link{link}}); err != nil {
		return ecosystem.Link{}, err
	}
	return link, nil
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

// RemoveParticipation ends an organisation's participation in a
// project, for an editor. NOT_FOUND when there is none.
func RemoveParticipation(ctx context.Context, store ecosystem.Store, organisationID, projectID string) error {
	if _, err := auth.Require(ctx, auth.Editor); err != nil {
		return err
	}
	ids, err := canonicalIDs(ctx, store, organisationID, projectID)
	if err != nil {
		return err
	}
	stats, err := store.Apply(ctx, &ecosystem.Dataset{ByEditor: true, RemoveLinks: []ecosystem.Link{{From: ids[0], Type: ecosystem.RelParticipatesIn, To: ids[1]}}})
	if err != nil {
		return err
	}
	if stats.LinksDeleted == 0 {
		return ecosystem.Errorf(ecosystem.CodeNotFound, "%q does not take part in %q", organisationID, projectID)
	}
	return nil
}

// Delete removes an entity with all its relationships, for an editor,
// and returns the id deleted (the surviving one, for an id retired by a
// merge). NOT_FOUND when nothing has the id.
func Delete(ctx context.Context, store ecosystem.Store, id string) (deleted []string, err error) {
	if _, err := auth.Require(ctx, auth.Editor); err != nil {
		return nil, err
	}
	ids, err := canonicalIDs(ctx, store, id)
	if err != nil {
		return nil, err
	}
	if _, err := store.Apply(ctx, &ecosystem.Dataset{ByEditor: true, Deletes: ids}); err != nil {
		return nil, err
	}
	return ids, nil
}

// ErasePerson removes a person everywhere, for an admin: the node, its
// relationships and their sources; a tombstone keeps the seed from
// bringing them back. NOT_FOUND when no person has the id.
func ErasePerson(ctx context.Context, store ecosystem.Store, id string) error {
	if _, err := auth.Require(ctx, auth.Admin); err != nil {
		return err
	}
	found, err := store.NodesByID(ctx, []string{id})
	if err != nil {
		return err
	}
	if _, ok := found[id].(*ecosystem.Person); !ok {
		return ecosystem.Errorf(ecosystem.CodeNotFound, "no person has the id %q", id)
	}
	_, err = store.Apply(ctx, &ecosystem.Dataset{ByEditor: true, Deletes: []string{id}})
	return err
}
