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
			orgsBefore, _ := st.Count(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation})
			rep, err := importer.ImportCORDIS(ctx, st, "testdata/cordis", false, nil)
			if err != nil {
				t.Fatal(err)
			}
			var bad []string
			for _, p := range rep.Bad {
				bad = append(bad, fmt.Sprintf("%s:%d", p.File, p.Line))
			}
			if rep.Projects != 2 || fmt.Sprint(bad) != "[cordis/organization.csv:8]" || rep.Participations != 9 {
				t.Errorf("report %+v, want 2 projects, the bad amount on line 8 of organization.csv, 9 participations", rep)
			}
			partners := func(project string) map[string]bool {
				got, _ := st.Neighbours(ctx, ecosystem.ProjectPartners, []string{project})
				out := map[string]bool{}
				for _, n := range got[project] {
					out[n.Node.NodeMeta().ID] = true
				}
				return out
			}
			// Kreftforeningen by the number in its VAT number, SINTEF AS by
			// its number across formats, OUS and the Netherlands Cancer
			// Institute by name (the latter by its legal name, written
			// with other punctuation and case than the seed's alias).
			survive := partners("he-101000001")
			for _, id := range []string{"kreftforeningen", "sintef-as", "oslo-universitetssykehus", "netherlands-cancer-institute"} {
				if !survive[id] {
					t.Errorf("SURVIVE's partners %v lack %s", survive, id)
				}
			}
			if len(survive) != 5 {
				t.Errorf("SURVIVE has %d partners %v, want 5 (the Danish namesake kept apart, no second NKI)", len(survive), survive)
			}
			// SINTEF AS under another name by its PIC alone; the NKI under
			// its acronym, with no PIC, by its Dutch VAT number alone.
			digipath := partners("he-101000002")
			for _, id := range []string{"kreftforeningen", "sintef-as", "netherlands-cancer-institute", "northern-care-ltd"} {
				if !digipath[id] {
					t.Errorf("DIGIPATH's partners %v lack %s", digipath, id)
				}
			}
			if len(digipath) != 4 {
				t.Errorf("DIGIPATH has %d partners %v, want 4 (Athens' row is bad)", len(digipath), digipath)
			}
			orgs, _ := st.Count(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation})
			if orgs != orgsBefore+2 {
				t.Errorf("%d organisations after CORDIS, want %d + 2 (Northern Care and the Danish Kreftforeningen)", orgs, orgsBefore)
			}
			sources, _ := st.NodesByID(ctx, []string{"he-101000001", "kreftforeningen-999999005"})
			for id, want := range map[string]string{"he-101000001": "cordis/project.csv:2", "kreftforeningen-999999005": "cordis/organization.csv:6"} {
				n, ok := sources[id]
				if !ok {
					t.Errorf("%s is missing", id)
					continue
				}
				var cited []string
				for _, s := range n.NodeMeta().Sources {
					if s.Kind == ecosystem.SourceImport && s.Row != nil {
						cited = append(cited, fmt.Sprintf("%s:%d", s.Reference, *s.Row))
					}
				}
				if fmt.Sprint(cited) != "["+want+"]" {
					t.Errorf("%s cites %v, want %s", id, cited, want)
				}
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
			again, err := importer.ImportCORDIS(ctx, st, "testdata/cordis", false, nil)
			if err != nil || again.Stats != (ecosystem.ApplyStats{}) {
				t.Errorf("re-import: %+v, %v; want no change", again.Stats, err)
			}
			if _, err := importer.ImportCORDIS(ctx, st, "testdata/cordis", true, nil); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
				t.Errorf("strict import with a bad row: %v", err)
			}
		})
	}
}
