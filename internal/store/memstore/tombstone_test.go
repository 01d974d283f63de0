package memstore_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
)

// An erased person's id is kept only as a tombstone keyed with the
// directory's secret: the data file holds neither the id nor its plain
// hash, so someone holding the file cannot confirm a guessed id. The
// secret file is the owner's only, and after a reopen the tombstone
// still keeps the seed from bringing the person back.
func TestTombstonesAreKeyedWithTheDirectorysSecret(t *testing.T) {
	dir := t.TempDir()
	person := &ecosystem.Person{Meta: ecosystem.Meta{ID: "kari-nordmann", Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}}, Name: "Kari Nordmann"}
	seed := &ecosystem.Dataset{Nodes: []ecosystem.Node{person, org("a", "A")}}
	st := mustOpen(t, dir)
	mustApply(t, st, seed)
	mustApply(t, st, &ecosystem.Dataset{ByEditor: true, Deletes: []string{"kari-nordmann"}})
	st.Close(context.Background())

	data, err := os.ReadFile(filepath.Join(dir, memstore.FileName))
	if err != nil {
		t.Fatal(err)
	}
	plain := fmt.Sprintf("%x", sha256.Sum256([]byte("kari-nordmann")))
	if strings.Contains(string(data), "kari-nordmann") || strings.Contains(string(data), plain) {
		t.Fatalf("the data file confirms the erased id:\n%s", data)
	}
	if !strings.Contains(string(data), `"hmac:`) {
		t.Errorf("no keyed tombstone in the data file:\n%s", data)
	}
	info, err := os.Stat(filepath.Join(dir, memstore.SecretFileName))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("secret file: %v, mode %v; want 0600", err, info)
	}

	st = mustOpen(t, dir)
	mustApply(t, st, seed)
	if got := names(t, st); got != "A" {
		t.Errorf("after a reopen and a reseed: %v, want the erased person to stay away", got)
	}
}

// A data file of format 1 (no checksum) with a tombstone of that time
// (a plain SHA-256) still loads, and its erasure still holds.
func TestFormatOneFilesAndTombstonesStillLoad(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A")}})
	st.Close(context.Background())
	path := filepath.Join(dir, memstore.FileName)
	data, _ := os.ReadFile(path)
	old := string(data[:strings.LastIndex(string(data), ",\n \"checksum\"")]) + "\n}\n"
	old = strings.Replace(old, "hubgraph-memstore/2", "hubgraph-memstore/1", 1)
	old = strings.Replace(old, `"graphVersion"`, fmt.Sprintf(`"tombstones": ["%x"], "graphVersion"`, sha256.Sum256([]byte("b"))), 1)
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	st = mustOpen(t, dir)
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A"), org("b", "B")}})
	if got := names(t, st); got != "A" {
		t.Errorf("names = %v, want the old erasure of b to hold", got)
	}
}
