package storekit_test

import (
	"reflect"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// TestMarksKeepTheirStoredForm pins the stored form of every kind of
// mark: data files and databases written before marks had a type hold
// these strings, and must read back as the same marks.
func TestMarksKeepTheirStoredForm(t *testing.T) {
	tests := []struct {
		stored string
		mark   storekit.Mark
	}{
		{"name", storekit.FieldMark("name")},
		{"shortName", storekit.FieldMark("shortName")},
		{"link:UNIT_OF", storekit.Mark{Kind: storekit.SlotReplaced, Type: ecosystem.RelUnitOf}},
		{"link-in:HOLDS", storekit.Mark{Kind: storekit.IncomingSlotReplaced, Type: ecosystem.RelHolds}},
		{"unlink:COVERS:pillar-1", storekit.Mark{Kind: storekit.LinkRemoved, Type: ecosystem.RelCovers, To: "pillar-1"}},
		{"edge:PARTICIPATES_IN:proj-a", storekit.Mark{Kind: storekit.EdgeEdited, Type: ecosystem.RelParticipatesIn, To: "proj-a"}},
	}
	for _, tt := range tests {
		t.Run(tt.stored, func(t *testing.T) {
			if got := storekit.ParseMark(tt.stored); got != tt.mark {
				t.Errorf("ParseMark(%q) = %+v, want %+v", tt.stored, got, tt.mark)
			}
			if got := tt.mark.String(); got != tt.stored {
				t.Errorf("String() = %q, want %q", got, tt.stored)
			}
		})
	}
}

func TestStoredMarksAreSortedAndRoundTrip(t *testing.T) {
	stored := []string{"name", "link:UNIT_OF", "edge:COVERS:p", "about"}
	got := storekit.StoredMarks(storekit.ParseMarks(stored))
	want := []string{"about", "edge:COVERS:p", "link:UNIT_OF", "name"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StoredMarks(ParseMarks(%q)) = %q, want %q", stored, got, want)
	}
}
