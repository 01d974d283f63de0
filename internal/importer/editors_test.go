package importer_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// TestAReimportLeavesEditorsAlone: after an import, an editor clears a
// field the import filled and changes an imported participation; the
// same file imported again neither refills the field nor restores the
// participation.
func TestAReimportLeavesEditorsAlone(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			ctx := context.Background()
			path := rcnSubset(t, func(row string) bool { return containsField(row, "951812528") })
			if _, err := importFile(t, st, path, true); err != nil {
				t.Fatal(err)
			}
			projects, _ := st.Neighbours(ctx, ecosystem.OrganisationParticipations, []string{"kreftforeningen"})
			var project string
			var imported *ecosystem.Participation
			for _, n := range projects["kreftforeningen"] {
				if id := n.Node.NodeMeta().ID; strings.HasPrefix(id, "h2020-") {
					project = id
					imported, _ = n.Props.(*ecosystem.Participation)
					break
				}
			}
			got, _ := st.NodesByID(ctx, []string{"kreftforeningen"})
			kf := got["kreftforeningen"].(*ecosystem.Organisation)
			if project == "" || imported == nil || kf.Municipality == nil {
				t.Fatalf("the import gave Kreftforeningen no H2020 project (%q) or no municipality (%v)", project, kf.Municipality)
			}

			now := time.Now().UTC()
			editor := ecosystem.Source{Kind: ecosystem.SourceEditor, Reference: "test-editor", At: &now}
			kf.Municipality = nil
			kf.Sources = append(kf.Sources, editor)
			edited := *imported
			edited.Role = ecosystem.ParticipationCoordinator
			edited.ContributionEur = ptrFloat(1)
			edited.Sources = append(edited.Sources, editor)
			if _, err := st.Apply(ctx, &ecosystem.Dataset{ByEditor: true, Nodes: []ecosystem.Node{kf}, Links: []ecosystem.Link{
				{From: "kreftforeningen", Type: ecosystem.RelParticipatesIn, To: project, Props: &edited}}}); err != nil {
				t.Fatal(err)
			}

			if _, err := importFile(t, st, path, true); err != nil {
				t.Fatal(err)
			}
			got, _ = st.NodesByID(ctx, []string{"kreftforeningen"})
			if m := got["kreftforeningen"].(*ecosystem.Organisation).Municipality; m != nil {
				t.Errorf("the re-import refilled the municipality an editor cleared: %q", *m)
			}
			projects, _ = st.Neighbours(ctx, ecosystem.OrganisationParticipations, []string{"kreftforeningen"})
			for _, n := range projects["kreftforeningen"] {
				if n.Node.NodeMeta().ID != project {
					continue
				}
				now, ok := n.Props.(*ecosystem.Participation)
				if !ok {
					t.Fatalf("the link to %s states %T, want a participation", project, n.Props)
				}
				if now.Role != ecosystem.ParticipationCoordinator || now.ContributionEur == nil || *now.ContributionEur != 1 {
					t.Errorf("the re-import overwrote the editor's participation: role %s, contribution %v; want COORDINATOR, 1",
						now.Role, now.ContributionEur)
				}
			}
		})
	}
}

func ptrFloat(f float64) *float64 { return &f }

// containsField reports whether a `;`-separated row has a field equal to v.
func containsField(row, v string) bool {
	for _, f := range strings.Split(row, ";") {
		if f == v {
			return true
		}
	}
	return false
}
