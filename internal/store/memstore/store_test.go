package memstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/conformance"
	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
	"github.com/cancermissionhub/hubgraph/seed"
)

func TestConformance(t *testing.T) {
	conformance.RunTests(t, func(t *testing.T) ecosystem.Store { return mustOpen(t, t.TempDir()) })
}

func org(id, name string) *ecosystem.Organisation {
	return &ecosystem.Organisation{Meta: ecosystem.Meta{ID: id, Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}},
		Name: name, Sector: ecosystem.SectorResearch}
}

// mustOpen opens a store that the test closes when it ends.
func mustOpen(t *testing.T, dir string) *memstore.Store {
	t.Helper()
	st, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

func mustApply(t *testing.T, st ecosystem.Store, ds *ecosystem.Dataset) {
	t.Helper()
	if _, err := st.Apply(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
}

// listNames returns the organisations' names in list order.
func listNames(st ecosystem.Store) ([]string, error) {
	page, err := st.List(context.Background(), ecosystem.ListQuery{Label: ecosystem.LabelOrganisation})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range page.Nodes {
		out = append(out, n.(*ecosystem.Organisation).Name)
	}
	return out, nil
}

func names(t *testing.T, st ecosystem.Store) string {
	t.Helper()
	got, err := listNames(st)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(got, ",")
}

func TestAcknowledgedWritesSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	for _, o := range []*ecosystem.Organisation{org("a", "A"), org("b", "B")} {
		mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{o}})
	}
	if err := st.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.List(context.Background(), ecosystem.ListQuery{Label: ecosystem.LabelOrganisation}); err == nil {
		t.Error("a closed store answered a read")
	}
	if got := names(t, mustOpen(t, dir)); got != "A,B" {
		t.Errorf("after reopening: %v, want A,B", got)
	}
}

func TestSecondOpenOfADirectoryFails(t *testing.T) {
	dir := t.TempDir()
	first := mustOpen(t, dir)
	mustApply(t, first, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A")}})
	// A write of the holder in progress: the refused Open must not touch it.
	inProgress := filepath.Join(dir, memstore.FileName+".tmp-42")
	if err := os.WriteFile(inProgress, []byte(`{"format":`), 0o644); err != nil {
		t.Fatal(err)
	}
	// flock locks belong to an open file description, so a second Open in
	// the same process conflicts just as one in another process does.
	second, err := memstore.Open(dir)
	if err == nil {
		second.Close(context.Background())
		t.Fatal("a second Open of a locked directory succeeded")
	}
	if !errors.Is(err, memstore.ErrInUse) || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "another hubgraph process") {
		t.Errorf("second Open: %v, want ErrInUse naming %s", err, dir)
	}
	if _, err := os.Stat(inProgress); err != nil {
		t.Errorf("the refused Open removed the holder's temporary file: %v", err)
	}
	if err := first.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(context.Background()); err != nil {
		t.Errorf("closing twice: %v", err)
	}
	again := mustOpen(t, dir)
	if got := names(t, again); got != "A" {
		t.Errorf("after the first store closed: %v, want A", got)
	}
	if _, err := os.Stat(inProgress); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock holder did not clean up the leftover temporary file: %v", err)
	}
}

func TestReadsDoNotWaitForAWrite(t *testing.T) {
	st := mustOpen(t, t.TempDir())
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A")}})
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	memstore.SetBeforeRename(st, func() {
		once.Do(func() {
			close(entered)
			<-release
		})
	})
	done := make(chan error, 1)
	go func() {
		_, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{org("b", "B")}})
		done <- err
	}()
	<-entered
	type answer struct {
		names []string
		err   error
	}
	read := make(chan answer, 1)
	go func() {
		got, err := listNames(st)
		if err == nil {
			_, err = st.Snapshot(context.Background())
		}
		read <- answer{got, err}
	}()
	select {
	case a := <-read:
		if a.err != nil || strings.Join(a.names, ",") != "A" {
			t.Errorf("read during the write: %v, %v; want the state before it (A)", a.names, a.err)
		}
	case <-time.After(5 * time.Second):
		t.Error("a read waited for a write's disk work")
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := names(t, st); got != "A,B" {
		t.Errorf("after the write: %v, want A,B", got)
	}
}

func TestConcurrentReadersAndWriters(t *testing.T) {
	st := mustOpen(t, t.TempDir())
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			o := org("o"+string(rune('a'+i)), "Org")
			if _, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{o}}); err != nil {
				t.Error(err)
			}
		}(i)
		go func() {
			defer wg.Done()
			if _, err := listNames(st); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n, _ := st.Count(context.Background(), ecosystem.ListQuery{Label: ecosystem.LabelOrganisation}); n != 8 {
		t.Errorf("count = %d after 8 concurrent writes, want 8", n)
	}
	if v, _ := st.GraphVersion(context.Background()); v != 8 {
		t.Errorf("graph version %d after 8 writes, want 8", v)
	}
}

func TestReadOnlyOpenWorksBesideTheWriterAndRefusesWrites(t *testing.T) {
	dir := t.TempDir()
	writer, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close(context.Background())
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := writer.Apply(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	reader, err := memstore.OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("a read-only open beside the writer: %v", err)
	}
	defer reader.Close(context.Background())
	want, _ := writer.Stats(context.Background())
	got, err := reader.Stats(context.Background())
	if err != nil || got.TotalNodes() != want.TotalNodes() || got.TotalRelationships() != want.TotalRelationships() {
		t.Errorf("the read-only store holds %+v (%v), want %+v", got, err, want)
	}
	if _, err := reader.Apply(context.Background(), ds); err == nil {
		t.Error("a read-only store accepted a write")
	}
}

// Edit marks are kept in the data file in their readable stored form
// (a field's name, "unlink:TYPE:to", ...) and, read back after a reopen,
// still keep the seed from undoing what an editor did.
func TestEditMarksSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	seeded := func() *ecosystem.Dataset {
		return &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "Seeded A"), org("b", "B")},
			Links: []ecosystem.Link{{From: "a", Type: ecosystem.RelMemberOf, To: "b"}}}
	}
	mustApply(t, st, seeded())
	mustApply(t, st, &ecosystem.Dataset{ByEditor: true, Nodes: []ecosystem.Node{org("a", "Edited A")},
		RemoveLinks: []ecosystem.Link{{From: "a", Type: ecosystem.RelMemberOf, To: "b"}}})
	if err := st.Close(context.Background()); err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(filepath.Join(dir, memstore.FileName))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Nodes []struct {
			ID    string         `json:"id"`
			Props map[string]any `json:"props"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	var marks []any
	for _, n := range file.Nodes {
		if n.ID == "a" {
			marks, _ = n.Props["editedFields"].([]any)
		}
	}
	if want := []any{"name", "unlink:MEMBER_OF:b"}; !reflect.DeepEqual(marks, want) {
		t.Errorf("stored marks of a = %v, want %v", marks, want)
	}

	st = mustOpen(t, dir)
	mustApply(t, st, seeded())
	snap, err := st.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if name := snap.Nodes["a"].(*ecosystem.Organisation).Name; name != "Edited A" {
		t.Errorf("after a reseed the name is %q, want the editor's %q", name, "Edited A")
	}
	if len(snap.Links) != 0 {
		t.Errorf("after a reseed the links are %v, want the one the editor removed to stay away", snap.Links)
	}
}
