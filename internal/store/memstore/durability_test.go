package memstore_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/memstore"
	"github.com/cancermissionhub/hubgraph/seed"
)

func TestCrashLeftoversAreIgnored(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A")}})
	st.Close(context.Background())
	// A crash between writing the temporary file and the rename leaves a
	// torn or complete temporary file beside the last good data file.
	if err := os.WriteFile(filepath.Join(dir, memstore.FileName+".tmp-123"), []byte(`{"format":"hubgraph-mem`), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := names(t, mustOpen(t, dir)); got != "A" {
		t.Errorf("after a crash before rename: %v, want the last acknowledged state A", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*")); len(left) != 0 {
		t.Errorf("temporary files were not cleaned up: %v", left)
	}
}

// edit returns a corruption that decodes the data file as JSON, lets f
// change it and encodes it again: valid JSON, broken meaning.
func edit(f func(nodes, links []map[string]any)) func([]byte) []byte {
	return func(data []byte) []byte {
		var file struct {
			Format       string           `json:"format"`
			GraphVersion int              `json:"graphVersion"`
			Nodes        []map[string]any `json:"nodes"`
			Links        []map[string]any `json:"links"`
		}
		if err := json.Unmarshal(data, &file); err != nil {
			panic(err)
		}
		f(file.Nodes, file.Links)
		out, _ := json.MarshalIndent(file, "", " ")
		return memstore.WithChecksum(out)
	}
}

// replace changes the data file's bytes without signing them again.
func replace(old, new string) func([]byte) []byte {
	return func(d []byte) []byte { return []byte(strings.Replace(string(d), old, new, 1)) }
}

func props(n map[string]any) map[string]any { return n["props"].(map[string]any) }

func TestCorruptDataFileStopsStartUp(t *testing.T) {
	// The data file holds organisations a and b (nodes[0], nodes[1]) and
	// the link a MEMBER_OF b.
	tests := []struct {
		name    string
		corrupt func(data []byte) []byte
		// entity is the id the message must name, if any.
		entity string
	}{
		{"truncated", func(d []byte) []byte { return d[:len(d)/2] }, ""},
		{"empty", func(d []byte) []byte { return nil }, ""},
		{"garbage", func(d []byte) []byte { return []byte("\x00\x01not json") }, ""},
		{"wrong format", func(d []byte) []byte { return []byte(`{"format":"other","nodes":[]}`) }, ""},
		{"a name changed after the write", replace(`"name": "A"`, `"name": "Z"`), "checksum does not match"},
		{"a link's type changed after the write", replace(`"type": "MEMBER_OF"`, `"type": "UNIT_OF"`), "checksum does not match"},
		{"checksum cut off", replace(`,
 "checksum"`, `,
 "cheksum"`), "no checksum"},
		{"dangling link", edit(func(n, l []map[string]any) { n[1]["id"], props(n[1])["id"] = "c", "c" }), ""},
		{"wrong-typed sector", edit(func(n, l []map[string]any) { props(n[0])["sector"] = 42 }), `"a"`},
		{"unknown sector", edit(func(n, l []map[string]any) { props(n[0])["sector"] = "SPACE" }), `"a"`},
		{"missing name", edit(func(n, l []map[string]any) { delete(props(n[1]), "name") }), `"b"`},
		{"unknown label", edit(func(n, l []map[string]any) { n[0]["label"] = "Spaceship" }), `"a"`},
		{"id property differs", edit(func(n, l []map[string]any) { props(n[0])["id"] = "z" }), `"a"`},
		{"sources not JSON", edit(func(n, l []map[string]any) { props(n[1])["sources"] = "[{" }), `"b"`},
		{"missing sort key", edit(func(n, l []map[string]any) { delete(props(n[0]), "sortKey") }), `"a"`},
		{"duplicate entity", edit(func(n, l []map[string]any) { n[1]["id"], props(n[1])["id"] = "a", "a" }), `"a"`},
		{"link type not allowed", edit(func(n, l []map[string]any) { l[0]["type"] = "HOLDS" }), "a HOLDS b"},
		{"wrong-typed membership date", edit(func(n, l []map[string]any) { l[0]["props"] = map[string]any{"since": 5} }), "a MEMBER_OF b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			st := mustOpen(t, dir)
			mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A"), org("b", "B")},
				Links: []ecosystem.Link{{From: "a", Type: ecosystem.RelMemberOf, To: "b"}}})
			st.Close(context.Background())
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
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "corrupt") {
				t.Fatalf("Open = %v, want an error naming %s as corrupt", err, path)
			}
			if !strings.Contains(err.Error(), tt.entity) {
				t.Errorf("Open = %v, want it to name %s", err, tt.entity)
			}
			if after, _ := os.ReadFile(path); string(after) != string(bad) {
				t.Errorf("the corrupt file was changed")
			}
			// The failed Open released the lock: once the file is put
			// right, the directory opens.
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if got := names(t, mustOpen(t, dir)); got != "A,B" {
				t.Errorf("after repairing the file: %v, want A,B", got)
			}
		})
	}
}

func TestFailedWriteLeavesStateAndFile(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A")}})
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
	if got := names(t, st); got != "A" {
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

// When the directory's fsync fails after the rename, the data file holds
// the new state: the store takes it too and reports the doubt as INTERNAL.
func TestUnsyncedRenameKeepsMemoryAndFileAlike(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A")}})
	v0, _ := st.GraphVersion(context.Background())
	memstore.SetSyncDir(st, func(*os.File) error { return errors.New("input/output error") })
	_, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{org("b", "B")}})
	if !errors.Is(err, memstore.ErrUnsynced) || ecosystem.ErrorCode(err) != ecosystem.CodeInternal {
		t.Fatalf("Apply = %v (code %s), want ErrUnsynced as INTERNAL", err, ecosystem.ErrorCode(err))
	}
	if got := names(t, st); got != "A,B" {
		t.Errorf("in memory after the unsynced write: %v, want A,B as in the file", got)
	}
	v1, _ := st.GraphVersion(context.Background())
	memstore.SetSyncDir(st, nil)
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("c", "C")}})
	st.Close(context.Background())
	again := mustOpen(t, dir)
	if got := names(t, again); got != "A,B,C" {
		t.Errorf("after reopening: %v, want A,B,C", got)
	}
	if v2, _ := again.GraphVersion(context.Background()); v1 != v0+1 || v2 != v1+1 {
		t.Errorf("graph versions %d, %d, %d: each write must move it once", v0, v1, v2)
	}
}

// A reader must not wait while a write does its disk work: the write is
// held between its fsync and its rename while reads run.
// The writer child of TestKilledWriterLosesNoAcknowledgedWrite: the test
// binary run again with these set.
const (
	writerDirEnv    = "MEMSTORE_TEST_WRITER_DIR"
	writerPrefixEnv = "MEMSTORE_TEST_WRITER_PREFIX"
)

// writeUntilKilled opens dir, says so, and writes organisations one by
// one, printing each id only after its write returned.
func writeUntilKilled(dir, prefix string) {
	st, err := memstore.Open(dir)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("locked")
	for i := 0; ; i++ {
		id := fmt.Sprintf("%s-%d", prefix, i)
		if _, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{org(id, "Written "+id)}}); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("ack", id)
	}
}

// A process killed with SIGKILL at a random moment while it writes in a
// loop (so most kills land inside a write) loses none of the writes it
// acknowledged, leaves a file that loads, and releases its lock.
func TestKilledWriterLosesNoAcknowledgedWrite(t *testing.T) {
	if dir := os.Getenv(writerDirEnv); dir != "" {
		writeUntilKilled(dir, os.Getenv(writerPrefixEnv))
		return
	}
	dir := t.TempDir()
	// The seeded graph makes each write's file a realistic size.
	st := mustOpen(t, dir)
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, st, ds)
	st.Close(context.Background())

	acked := map[string]bool{}
	for run := 0; run < 4; run++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriterLosesNoAcknowledgedWrite$")
		cmd.Env = append(os.Environ(), writerDirEnv+"="+dir, fmt.Sprintf("%s=run%d", writerPrefixEnv, run))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		select {
		case l := <-lines:
			if l != "locked" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("run %d: the writer said %q", run, l)
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("run %d: the writer did not start", run)
		}
		if run == 0 {
			// Another process holds the directory: Open refuses it.
			if other, err := memstore.Open(dir); !errors.Is(err, memstore.ErrInUse) {
				if err == nil {
					other.Close(context.Background())
				}
				t.Errorf("Open while another process writes: %v, want ErrInUse", err)
			}
		}
		// Kill at a random moment after the first acknowledged write, so
		// that every run has something to lose.
		n := 0
		select {
		case l := <-lines:
			id, ok := strings.CutPrefix(l, "ack ")
			if !ok {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("run %d: the writer said %q", run, l)
			}
			acked[id] = true
			n++
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("run %d: the writer acknowledged nothing", run)
		}
		delay := time.Duration(rand.IntN(200)) * time.Millisecond
		time.Sleep(delay)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		for l := range lines {
			if id, ok := strings.CutPrefix(l, "ack "); ok {
				acked[id] = true
				n++
			} else {
				t.Errorf("run %d: the writer said %q", run, l)
			}
		}
		cmd.Wait()
		leftovers, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*"))
		t.Logf("run %d: killed %v after the first acknowledgement, %d writes acknowledged, %d temporary files left", run, delay, n, len(leftovers))

		st, err := memstore.Open(dir)
		if err != nil {
			t.Fatalf("run %d: reopening after the kill: %v", run, err)
		}
		ids := make([]string, 0, len(acked))
		for id := range acked {
			ids = append(ids, id)
		}
		found, err := st.NodesByID(context.Background(), ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if found[id] == nil {
				t.Errorf("run %d: acknowledged write %s is lost", run, id)
			}
		}
		st.Close(context.Background())
	}
}

// On a read-only (or full) data directory every write is refused with
// UNAVAILABLE and the system's reason, nothing is acknowledged that is
// not on disk, reads go on, and writes work again once the disk does.
// (The fault is injected: as root, a chmod would not stop a write.)
func TestReadOnlyDirectoryRefusesWritesAndReadsGoOn(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A")}})
	memstore.SetCreateTemp(st, func(dir, pattern string) (*os.File, error) {
		return nil, &os.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: syscall.EROFS}
	})
	_, err := st.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{org("b", "B")}})
	var derr *ecosystem.Error
	if ecosystem.ErrorCode(err) != ecosystem.CodeUnavailable || !errors.As(err, &derr) || !strings.Contains(derr.Message, "read-only file system") {
		t.Fatalf("Apply on a read-only directory = %v (code %s), want UNAVAILABLE saying read-only", err, ecosystem.ErrorCode(err))
	}
	if got := names(t, st); got != "A" {
		t.Errorf("reads after the refusal: %v, want A", got)
	}
	memstore.SetCreateTemp(st, nil)
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("b", "B")}})
	st.Close(context.Background())
	if got := names(t, mustOpen(t, dir)); got != "A,B" {
		t.Errorf("after the disk came back and a reopen: %v, want A,B", got)
	}
}

// A file an earlier version wrote, whose texts predate the rules of
// stored text (a control character a register's file held, a name over
// the limit), still loads: the rules bind new writes.
func TestTextsStoredBeforeTheTextRulesStillLoad(t *testing.T) {
	dir := t.TempDir()
	st := mustOpen(t, dir)
	mustApply(t, st, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A"), org("b", "B")}})
	st.Close(context.Background())
	path := filepath.Join(dir, memstore.FileName)
	data, _ := os.ReadFile(path)
	old := edit(func(n, l []map[string]any) {
		props(n[0])["name"] = "A\x1a"
		props(n[1])["name"] = strings.Repeat("B", ecosystem.MaxNameLength+1)
	})(data)
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := names(t, mustOpen(t, dir)); !strings.HasPrefix(got, "A\x1a,BBB") {
		t.Errorf("names = %.40q, want the old texts as they were", got)
	}
}
