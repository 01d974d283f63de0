// Package conformance is the one test suite every ecosystem.Store runs:
// each subtest gets a fresh, empty store from the backend's Opener, so
// that all backends are held to the same answers. Its data is built in
// code (fixture.go), so the suite depends on the domain alone.
//
// The checks are grouped by concern: writes.go (applying datasets,
// versions, editors' writes), lists.go (lists, conditions and paging),
// reads.go (neighbours, search, shared projects), links.go, relations.go,
// lookups.go, dates.go, precision.go, order.go, merge.go and snapshot.go.
package conformance

import (
	"context"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Opener returns a fresh, empty store for one test.
type Opener func(t *testing.T) ecosystem.Store

// suiteTest is one subtest of the suite, run on a fresh store.
type suiteTest struct {
	name string
	run  func(t *testing.T, st ecosystem.Store)
}

// RunTests runs the whole suite against the stores open makes.
func RunTests(t *testing.T, open Opener) {
	tests := []suiteTest{
		{"SeedTwiceChangesNoCounts", seedTwiceChangesNoCounts},
		{"ConcurrentAppliesOfOneDatasetAgree", concurrentAppliesAgree},
		{"ApplyBumpsVersionOnlyOnChange", applyBumpsVersionOnlyOnChange},
		{"AnEntityDeletedAndWrittenAgainKeepsItsNewLinks", deletedAndWrittenAgain},
		{"ListPagesBothWaysInNorwegianOrder", listPagesBothWaysInNorwegianOrder},
		{"ListConditions", listConditions},
		{"NeighboursFollowRelationsBothWays", neighboursFollowRelationsBothWays},
		{"SnapshotHoldsTheWholeGraphAndVersionMovesOnWrites", snapshotAndVersion},
		{"EditorWritesDeleteReplaceAndCheckVersions", editorWrites},
		{"SearchFindsByWordPrefixes", searchFinds},
		{"SearchFoldsRanksAndFollowsWrites", searchFoldsRanksAndFollowsWrites},
		{"SharedProjectsAndCollaborators", sharedProjectsAndCollaborators},
		{"EditorsWinOverTheSeed", editorsWinOverTheSeed},
		{"EveryOrderPagesBothWays", everyOrderPagesBothWays},
		{"FilteredListsPageBothWays", filteredListsPageBothWays},
		{"RelatedFiltersCountEachEntityOnce", relatedFiltersCountEachEntityOnce},
		{"PagingSurvivesInsertsAndDeletes", pagingSurvivesInsertsAndDeletes},
		{"EveryRelationBothWays", relationsBothWays},
		{"NeighbourPagesAreWindowsOfNeighbours", neighbourPagesAreWindows},
		{"FollowNestsSteps", followNestsSteps},
		{"CollaboratorPagesAreWindowsOfTheRanking", collaboratorPagesAreWindows},
		{"EveryLinkKindRoundTripsTyped", typedLinksRoundTrip},
		{"DateConditions", dateConditions},
		{"MergeAndErase", mergeAndErase},
		{"SnapshotMatchesTheDataset", snapshotIsTheDataset},
		{"EveryOrderIsTheExpectedOrder", orderingIsCorrect},
		{"HierarchiesNeverLoop", hierarchiesNeverLoop},
	}
	for _, tt := range append(append(append(tests, linkTests...), lookupTests...), precisionTests...) {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, open(t)) })
	}
	t.Run("ApplyRefusesBadInputAndWritesNothing", func(t *testing.T) { applyRefusesBadInputAndWritesNothing(t, open) })
}

func ptr[T any](v T) *T { return &v }

// neighbourIDs returns the ids reached from id over rel.
func neighbourIDs(t *testing.T, st ecosystem.Store, rel ecosystem.Relation, id string) []string {
	t.Helper()
	got, err := st.Neighbours(context.Background(), rel, []string{id})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range got[id] {
		out = append(out, n.Node.NodeMeta().ID)
	}
	return out
}

func org(id, name string) *ecosystem.Organisation {
	return &ecosystem.Organisation{Meta: ecosystem.Meta{ID: id, Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}},
		Name: name, Sector: ecosystem.SectorResearch}
}

// seedFixture loads the fixture as a seed is loaded: not by an editor.
func seedFixture(t *testing.T, st ecosystem.Store) {
	t.Helper()
	mustApplyDataset(t, st, Fixture())
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
