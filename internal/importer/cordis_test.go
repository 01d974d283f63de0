package importer_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

func TestImportCORDISFixtureAcrossFormats(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			ctx := context.Background()
			// The Research Council's file first, so that SINTEF AS is known
			// by its number from the other format.
			if _, err := importFile(t, st, testenv.RCNFile(t), false); err != nil {
				t.Fatal(err)
			}
			rep, err := importer.ImportCORDIS(ctx, st, "testdata/cordis", false)
			if err != nil {
				t.Fatal(err)
			}
			var bad []int
			for _, p := range rep.Bad {
				bad = append(bad, p.Line)
			}
			if rep.Projects != 2 || fmt.Sprint(bad) != "[8]" || rep.Participations != 7 {
				t.Errorf("report %+v, want 2 projects, the bad amount on line 8 of organization.csv, 7 participations", rep)
			}
			partners := func(project string) map[string]bool {
				got, _ := st.Neighbours(ctx, ecosystem.ProjectPartners, []string{project})
				out := map[string]bool{}
				for _, n := range got[project] {
					out[n.Node.NodeMeta().ID] = true
				}
				return out
			}
			survive := partners("he-101000001")
			for _, id := range []string{"kreftforeningen", "sintef-as", "oslo-universitetssykehus"} {
				if !survive[id] {
					t.Errorf("SURVIVE's partners %v lack %s (matched by number, number across formats, name)", survive, id)
				}
			}
			if len(survive) != 5 {
				t.Errorf("SURVIVE has %d partners, want 5 (the Danish namesake kept apart)", len(survive))
			}
			got, _ := st.NodesByID(ctx, []string{"kreftforeningen", "northern-care-ltd"})
			kf := got["kreftforeningen"].(*ecosystem.Organisation)
			if kf.PIC == nil || *kf.PIC != "999999001" || kf.Name != "Kreftforeningen" {
				t.Errorf("Kreftforeningen after CORDIS: PIC %v, name %q; want the PIC filled and the seeded name kept", kf.PIC, kf.Name)
			}
			if nc, ok := got["northern-care-ltd"].(*ecosystem.Organisation); !ok || nc.Country == nil || *nc.Country != "GB" {
				t.Errorf("Northern Care: %+v, want country GB (CORDIS's UK)", got["northern-care-ltd"])
			}
			pillars, _ := st.Neighbours(ctx, ecosystem.ProjectPillars, []string{"he-101000001"})
			if len(pillars["he-101000001"]) != 1 || pillars["he-101000001"][0].Node.NodeMeta().ID != "livskvalitet" {
				t.Errorf("SURVIVE covers %v, want quality of life", pillars["he-101000001"])
			}
			again, err := importer.ImportCORDIS(ctx, st, "testdata/cordis", false)
			if err != nil || again.Stats != (ecosystem.ApplyStats{}) {
				t.Errorf("re-import: %+v, %v; want no change", again.Stats, err)
			}
			if _, err := importer.ImportCORDIS(ctx, st, "testdata/cordis", true); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
				t.Errorf("strict import with a bad row: %v", err)
			}
		})
	}
}
