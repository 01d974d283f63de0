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
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
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

// fileCounts is what a plain reading of the Research Council's file
// finds, independently of the importer.
type fileCounts struct {
	rows, pairs, pairsWithoutNumber, projects, numbers int
	linesWithoutNumber                                 []int
}

func countFile(t *testing.T, path string) fileCounts {
	t.Helper()
	var c fileCounts
	pairs, projects, numbers := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i, r := range readRows(t, path) {
		c.rows++
		project, number := r["Prosjektnr"], r["Organisasjonsnummer"]
		projects[project] = true
		if number != "" {
			numbers[number] = true
		}
		if pairs[project+"|"+number] {
			continue
		}
		pairs[project+"|"+number] = true
		if number == "" {
			c.pairsWithoutNumber++
			c.linesWithoutNumber = append(c.linesWithoutNumber, i+2)
		}
	}
	c.pairs, c.projects, c.numbers = len(pairs), len(projects), len(numbers)
	return c
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
				rep.RowsRead, len(rep.Duplicates), len(rep.Skipped), rep.Projects, rep.Organisations, rep.OrganisationsMatched, rep.Participations, rep.Stats)
			file := countFile(t, testenv.RCNFile(t))
			if file.rows != 2931 || file.pairs != 2930 || file.pairsWithoutNumber != 3 || file.projects != 1957 || file.numbers != 692 {
				t.Fatalf("the file itself: %+v; want 2931 rows, 2930 distinct participations (3 without a number), 1957 projects, 692 numbers", file)
			}
			// On Neo4j the import has the database plan again (Replan),
			// which the test server's admin user may ask for.
			if len(rep.Notes) != 0 {
				t.Errorf("notes %v; want none", rep.Notes)
			}
			if rep.RowsRead != file.rows || len(rep.Bad) != 0 {
				t.Errorf("rows %d, bad %v; want %d, none", rep.RowsRead, rep.Bad, file.rows)
			}
			if len(rep.Duplicates) != 1 || rep.Duplicates[0].Line != 52 || !strings.Contains(rep.Duplicates[0].Reason, "repeats line 51") {
				t.Errorf("duplicates %+v, want line 52 listed as repeating line 51", rep.Duplicates)
			}
			var skipped []int
			for _, p := range rep.Skipped {
				skipped = append(skipped, p.Line)
			}
			if fmt.Sprint(skipped) != fmt.Sprint(file.linesWithoutNumber) {
				t.Errorf("skipped lines %v, want those without an organisation number %v", skipped, file.linesWithoutNumber)
			}
			if rep.DistinctParticipations != 2930 || rep.Participations != 2930-3 {
				t.Errorf("%d distinct participations, %d written; want 2930, and 2927 written (the 3 without a number skipped)",
					rep.DistinctParticipations, rep.Participations)
			}
			if rep.Projects != file.projects || rep.Organisations != file.numbers {
				t.Errorf("projects %d, organisations %d; want %d and %d", rep.Projects, rep.Organisations, file.projects, file.numbers)
			}
			// The graph agrees: count by organisation number and projects.
			stats, _ := st.Stats(ctx)
			if got, seeded := stats.Relationships[ecosystem.RelParticipatesIn], seededParticipations(t); got != 2927+seeded {
				t.Errorf("%d participations in the graph, want 2927 imported + %d seeded", got, seeded)
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
			if len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0], `"TELLU AS" names 2 organisation numbers`) {
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
	st := memtest.Seeded(t)
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

// seededParticipations counts the default dataset's participations.
func seededParticipations(t *testing.T) int {
	t.Helper()
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range ds.Links {
		if l.Type == ecosystem.RelParticipatesIn {
			n++
		}
	}
	return n
}
