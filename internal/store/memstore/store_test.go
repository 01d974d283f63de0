package memstore_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/conformance"
	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
)

func TestConformance(t *testing.T) {
	conformance.RunTests(t, func(t *testing.T) ecosystem.Store {
		st, err := memstore.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

func org(id, name string) *ecosystem.Organisation {
	return &ecosystem.Organisation{Meta: ecosystem.Meta{ID: id, Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}},
		Name: name, Sector: ecosystem.SectorResearch}
}

func mustOpen(t *testing.T, dir string) *memstore.Store {
	t.Helper()
	st, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func names(t *testing.T, st ecosystem.Store) []string {
	t.Helper()
	page, err := st.List(context.Background(), ecosystem.ListQuery{Label: ecosystem.LabelOrganisation})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range page.Nodes {
		out = append(out, n.(*ecosystem.Organisation).Name)
	}
	return out
}

func TestAcknowledgedWritesSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	for _, o := range []*ecosystem.Organisation{org("a", "A"), org("b", "B")} {
		if _, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{o}}); err != nil {
			t.Fatal(err)
		}
	}
	again := mustOpen(t, dir)
	if got := names(t, again); strings.Join(got, ",") != "A,B" {
		t.Errorf("after reopening: %v, want A,B", got)
	}
}

func TestCrashLeftoversAreIgnored(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	if _, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A")}}); err != nil {
		t.Fatal(err)
	}
	// A crash between writing the temporary file and the rename leaves a
	// torn or complete temporary file beside the last good data file.
	if err := os.WriteFile(filepath.Join(dir, memstore.FileName+".tmp-123"), []byte(`{"format":"hubgraph-mem`), 0o644); err != nil {
		t.Fatal(err)
	}
	again := mustOpen(t, dir)
	if got := names(t, again); strings.Join(got, ",") != "A" {
		t.Errorf("after a crash before rename: %v, want the last acknowledged state A", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*")); len(left) != 0 {
		t.Errorf("temporary files were not cleaned up: %v", left)
	}
}

func TestCorruptDataFileStopsStartUp(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(data []byte) []byte
	}{
		{"truncated", func(d []byte) []byte { return d[:len(d)/2] }},
		{"garbage", func(d []byte) []byte { return []byte("\x00\x01not json") }},
		{"wrong format", func(d []byte) []byte { return []byte(`{"format":"other","nodes":[]}`) }},
		{"dangling link", func(d []byte) []byte {
			return []byte(strings.Replace(string(d), `"id": "b"`, `"id": "c"`, 1))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			st := mustOpen(t, dir)
			ds := &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A"), org("b", "B")},
				Links: []ecosystem.Link{{From: "a", Type: ecosystem.RelMemberOf, To: "b"}}}
			if _, err := st.Apply(context.Background(), ds); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, memstore.FileName)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			bad := tt.corrupt(data)
			if err := os.WriteFile(path, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = memstore.Open(dir)
			if err == nil || !strings.Contains(err.Error(), path) {
				t.Fatalf("Open = %v, want an error naming %s", err, path)
			}
			if after, _ := os.ReadFile(path); string(after) != string(bad) {
				t.Errorf("the corrupt file was changed")
			}
		})
	}
}

func TestFailedWriteLeavesStateAndFile(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	if _, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A")}}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, memstore.FileName))
	// Take the data directory away so that persisting fails (this works
	// for root too, unlike permissions), and put it back afterwards.
	moved := dir + "-moved"
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{org("b", "B")}}); err == nil {
		t.Fatal("Apply succeeded on an unwritable directory")
	}
	if got := names(t, st); strings.Join(got, ",") != "A" {
		t.Errorf("a failed write changed the state: %v", got)
	}
	if err := os.Rename(moved, dir); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, memstore.FileName))
	if string(after) != string(before) {
		t.Errorf("a failed write changed the file")
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
			names(t, st)
		}()
	}
	wg.Wait()
	if n, _ := st.Count(context.Background(), ecosystem.ListQuery{Label: ecosystem.LabelOrganisation}); n != 8 {
		t.Errorf("count = %d after 8 concurrent writes, want 8", n)
	}
}
