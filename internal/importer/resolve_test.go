package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

// rcnSubset writes the real file's header and the rows keep accepts to a
// temporary file and returns its path.
func rcnSubset(t *testing.T, keep func(row string) bool) string {
	t.Helper()
	data, err := os.ReadFile(testenv.RCNFile(t))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	out := []string{lines[0]}
	for _, l := range lines[1:] {
		if keep(l) {
			out = append(out, l)
		}
	}
	path := filepath.Join(t.TempDir(), "subset.csv")
	if err := os.WriteFile(path, []byte(strings.Join(out, "\r\n")+"\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTwoNumbersUnderOneNameStayApart: the graph knows "Tellu AS"
// without a number; the file has TELLU AS under two numbers. The first
// number claims the known organisation by name, the second is an
// organisation of its own, and the report names both.
func TestTwoNumbersUnderOneNameStayApart(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			ctx := context.Background()
			seeded := &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "tellu", Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}},
				Name: "Tellu AS", Sector: ecosystem.SectorIndustry, Country: ptr("NO")}
			if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: []ecosystem.Node{seeded}}); err != nil {
				t.Fatal(err)
			}
			path := rcnSubset(t, func(row string) bool { return strings.Contains(row, ";TELLU AS;") })
			first, rows := "", map[string]int{}
			for _, r := range readRows(t, path) {
				if first == "" {
					first = r["Organisasjonsnummer"]
				}
				rows[r["Organisasjonsnummer"]]++
			}
			if len(rows) != 2 {
				t.Fatalf("the file has TELLU AS under %d numbers, want 2", len(rows))
			}
			rep, err := importFile(t, st, path, true)
			if err != nil {
				t.Fatal(err)
			}
			snap, _ := st.Snapshot(ctx)
			byNumber := map[string]string{}
			for id, n := range snap.Nodes {
				if o, ok := n.(*ecosystem.Organisation); ok && strings.EqualFold(o.Name, "tellu as") {
					byNumber[val(o.OrgNumber)] = id
				}
			}
			var second string
			for n := range rows {
				if n != first {
					second = n
				}
			}
			if len(byNumber) != 2 || byNumber[first] != "tellu" || byNumber[second] == "" || byNumber[second] == "tellu" {
				t.Fatalf("organisations named Tellu AS by number: %v; want %s on the seeded tellu and %s on a new one", byNumber, first, second)
			}
			projects, _ := st.Neighbours(ctx, ecosystem.OrganisationParticipations, []string{"tellu", byNumber[second]})
			if len(projects["tellu"]) != rows[first] || len(projects[byNumber[second]]) != rows[second] {
				t.Errorf("projects: tellu %d, %s %d; want %d and %d, as in the file",
					len(projects["tellu"]), byNumber[second], len(projects[byNumber[second]]), rows[first], rows[second])
			}
			nums := []string{fmt.Sprintf("%s (tellu)", first), fmt.Sprintf("%s (%s)", second, byNumber[second])}
			sort.Strings(nums)
			want := fmt.Sprintf(`"TELLU AS" names 2 organisation numbers, kept as separate organisations: %s`, strings.Join(nums, ", "))
			if rep.Organisations != 2 || rep.OrganisationsMatched != 1 || fmt.Sprint(rep.Conflicts) != "["+want+"]" {
				t.Errorf("report: %d organisations (%d matched), conflicts %q; want 2 (1 matched) and %q",
					rep.Organisations, rep.OrganisationsMatched, rep.Conflicts, want)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func val(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// readRows reads an RCN file plainly, by column name.
func readRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comma = ';'
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range records[1:] {
		r := map[string]string{}
		for i, v := range rec {
			r[strings.TrimPrefix(records[0][i], "\ufeff")] = v
		}
		out = append(out, r)
	}
	return out
}

// failAfter is a reader whose source breaks: it returns err for every
// read once r is exhausted. Like a real broken connection it never
// recovers, except that after 1,000 failures it ends with io.EOF, so
// that an importer that retried forever fails this test instead of
// hanging it.
type failAfter struct {
	r     io.Reader
	err   error
	fails int
}

func (f *failAfter) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF && f.err != nil {
		err = f.err
	}
	if err != nil && err != io.EOF {
		if f.fails++; f.fails > 1000 {
			return n, io.EOF
		}
	}
	return n, err
}

// TestAReadErrorAbortsTheImport: an error of the input itself, unlike a
// malformed row, ends the import with that error, with nothing written.
func TestAReadErrorAbortsTheImport(t *testing.T) {
	data, err := os.ReadFile(testenv.RCNFile(t))
	if err != nil {
		t.Fatal(err)
	}
	half := bytes.IndexByte(data[len(data)/2:], '\n') + len(data)/2 + 1
	reset := errors.New("connection reset by peer")
	for name, tc := range map[string]struct {
		r     io.Reader
		isErr func(error) bool
	}{
		"a connection dropped midway": {&failAfter{r: bytes.NewReader(data[:half]), err: reset},
			func(err error) bool { return errors.Is(err, reset) }},
		"an upload over its size limit": {&failAfter{r: http.MaxBytesReader(nil, io.NopCloser(bytes.NewReader(data)), int64(half))},
			func(err error) bool { var tooBig *http.MaxBytesError; return errors.As(err, &tooBig) }},
	} {
		t.Run(name, func(t *testing.T) {
			st := memtest.Seeded(t)
			ctx := context.Background()
			before, _ := st.Stats(ctx)
			rep, err := importer.ImportRCN(ctx, st, tc.r, "rcn-eu-h2020.csv", false, nil)
			if err == nil || !tc.isErr(err) || !strings.Contains(err.Error(), "nothing was imported") {
				t.Fatalf("import of a broken input: %v; want the input's error, saying nothing was imported", err)
			}
			if rep != nil && len(rep.Bad) > 0 {
				t.Errorf("the read error was counted as %d bad rows, first %+v", len(rep.Bad), rep.Bad[0])
			}
			if after, _ := st.Stats(ctx); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("an aborted import wrote something")
			}
		})
	}
}
