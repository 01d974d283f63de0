package importer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed"
)

func importFile(t *testing.T, st ecosystem.Store, path string, strict bool) (*importer.Report, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return importer.ImportRCN(context.Background(), st, f, path, strict, nil)
}

func TestImportTheRealFile(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			ctx := context.Background()
			seeded, _ := st.NodesByID(ctx, []string{"kreftforeningen", "sintef", "oslo-universitetssykehus"})
			start := time.Now()
			rep, err := importFile(t, st, testenv.RCNFile(t), false)
			if err != nil {
				t.Fatal(err)
			}
			elapsed := time.Since(start)
			t.Logf("import into %s: %.2f s, %.0f rows/s", b.Name, elapsed.Seconds(), float64(rep.RowsRead)/elapsed.Seconds())
			t.Logf("import: %d rows, %d duplicates, %d skipped, %d projects, %d organisations (%d matched), %d participations, %+v",
				rep.RowsRead, rep.Duplicates, len(rep.Skipped), rep.Projects, rep.Organisations, rep.OrganisationsMatched, rep.Participations, rep.Stats)
			if rep.RowsRead != 2931 || rep.Duplicates != 1 || len(rep.Skipped) != 3 || len(rep.Bad) != 0 {
				t.Errorf("rows %d, duplicates %d, skipped %v, bad %v; want 2931, 1, the 3 without a number, none", rep.RowsRead, rep.Duplicates, rep.Skipped, rep.Bad)
			}
			if rep.Projects != 1957 || rep.Organisations != 692 || rep.Participations != 2927 {
				t.Errorf("projects %d, organisations %d, participations %d; want 1957, 692 and 2927 (2930 distinct less the 3 without a number)",
					rep.Projects, rep.Organisations, rep.Participations)
			}
			// The graph agrees: count by organisation number and projects.
			stats, _ := st.Stats(ctx)
			if got := stats.Relationships[ecosystem.RelParticipatesIn]; got != 2927+16 {
				t.Errorf("%d participations in the graph, want 2927 imported + 16 seeded", got)
			}
			orgNumbers := map[string]string{}
			snap, _ := st.Snapshot(ctx)
			for id, n := range snap.Nodes {
				if o, ok := n.(*ecosystem.Organisation); ok && o.OrgNumber != nil {
					if other, dup := orgNumbers[*o.OrgNumber]; dup {
						t.Errorf("organisation number %s is on both %s and %s", *o.OrgNumber, id, other)
					}
					orgNumbers[*o.OrgNumber] = id
				}
			}
			for number, id := range map[string]string{"951812528": "kreftforeningen", "993467049": "oslo-universitetssykehus",
				"874789542": "uib", "970422528": "uit", "948007029": "sintef", "983744516": "folkehelseinstituttet",
				"970141669": "forskningsradet", "874761222": "stami"} {
				if orgNumbers[number] != id {
					t.Errorf("organisation number %s is on %q, want the seeded %s", number, orgNumbers[number], id)
				}
			}
			after, _ := st.NodesByID(ctx, []string{"kreftforeningen", "sintef", "oslo-universitetssykehus"})
			for id, before := range seeded {
				a, b := after[id].(*ecosystem.Organisation), before.(*ecosystem.Organisation)
				if a.Name != b.Name || fmt.Sprint(a.Aliases) != fmt.Sprint(b.Aliases) || a.Sector != b.Sector || fmt.Sprint(a.Kinds) != fmt.Sprint(b.Kinds) {
					t.Errorf("%s: a seeded field was overwritten: %+v → %+v", id, b, a)
				}
				if a.Municipality == nil {
					t.Errorf("%s: the import did not fill the empty municipality", id)
				}
			}
			parents, _ := st.Neighbours(ctx, ecosystem.OrganisationParent, []string{"sintef-as"})
			if len(parents["sintef-as"]) != 1 || parents["sintef-as"][0].Node.NodeMeta().ID != "sintef" {
				t.Errorf("SINTEF AS's parent %v, want the seeded SINTEF", parents["sintef-as"])
			}
			if len(rep.Conflicts) == 0 || !strings.Contains(strings.Join(rep.Conflicts, "\n"), "tellu as") {
				t.Errorf("conflicts %v, want TELLU AS reported", rep.Conflicts)
			}
			// Again: nothing changes.
			before := fmt.Sprint(stats)
			again, err := importFile(t, st, testenv.RCNFile(t), false)
			if err != nil {
				t.Fatal(err)
			}
			stats2, _ := st.Stats(ctx)
			if fmt.Sprint(stats2) != before || again.Stats != (ecosystem.ApplyStats{}) {
				t.Errorf("re-import changed the graph: %+v", again.Stats)
			}
			// Seed and import take turns without undoing each other.
			ds, _ := seed.Default()
			if reseeded, err := st.Apply(ctx, ds); err != nil || reseeded != (ecosystem.ApplyStats{}) {
				t.Errorf("re-seeding after the import: %+v, %v; want no change", reseeded, err)
			}
		})
	}
}

func TestBadRowsAreReportedLineByLine(t *testing.T) {
	st := testenv.SeededMemory(t)
	data, err := os.ReadFile(testenv.RCNFile(t))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\r\n")
	broken := []string{lines[0], lines[1],
		strings.Replace(lines[2], "01.06.2020 00:00", "first of June", 1), // line 3: bad date
		"too;few;columns", // line 4
		strings.Replace(lines[5], "3518202.75", "lots", 1),
		lines[6],
	}
	amountLine := strings.Split(lines[5], ";")
	amountLine[len(amountLine)-1] = "lots"
	broken[4] = strings.Join(amountLine, ";") // line 5: bad amount
	path := filepath.Join(t.TempDir(), "broken.csv")
	if err := os.WriteFile(path, []byte(strings.Join(broken, "\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Stats(context.Background())
	rep, err := importFile(t, st, path, true)
	if ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Fatalf("strict import of a broken file: %v", err)
	}
	var lineNumbers []int
	for _, p := range rep.Bad {
		lineNumbers = append(lineNumbers, p.Line)
	}
	if fmt.Sprint(lineNumbers) != "[3 4 5]" {
		t.Errorf("bad lines %v (%+v), want [3 4 5]", lineNumbers, rep.Bad)
	}
	if after, _ := st.Stats(context.Background()); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a refused strict import wrote something")
	}
	rep, err = importFile(t, st, path, false)
	if err != nil || len(rep.Bad) != 3 || rep.Projects != 2 {
		t.Errorf("lenient import: %v, %+v; want the 2 good rows' projects and 3 bad rows reported", err, rep)
	}
	wrong := filepath.Join(t.TempDir(), "wrong.csv")
	os.WriteFile(wrong, []byte("a;b;c\r\n1;2;3\r\n"), 0o644)
	if _, err := importFile(t, st, wrong, false); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput || !strings.Contains(err.Error(), "columns") {
		t.Errorf("a file with other columns: %v", err)
	}
}
