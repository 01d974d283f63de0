package memstore

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"syscall"

	gojson "github.com/goccy/go-json"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// fileFormat is the data file's layout: nodes sorted by id, links by
// (from, type, to), so that the same graph always writes the same bytes.
type fileFormat struct {
	Format       string            `json:"format"`
	GraphVersion int               `json:"graphVersion"`
	Tombstones   []string          `json:"tombstones,omitempty"`
	Redirects    map[string]string `json:"redirects,omitempty"`
	Nodes        []fileNode        `json:"nodes"`
	Links        []fileLink        `json:"links"`
}

type fileNode struct {
	ID string `json:"id"`
	record
}

type fileLink struct {
	linkKey
	Props map[string]any `json:"props,omitempty"`
}

// formatName is the data file's format: version 2 ends with a checksum
// of everything before it; version 1 files (no checksum) still load and
// are rewritten as version 2 by the next write.
const (
	formatName   = "hubgraph-memstore/2"
	formatNoHash = "hubgraph-memstore/1"
)

// checksumTrailer is how a data file ends: its last field, the SHA-256
// of the file as it would read without that field (the bytes before the
// trailer, then "\n}"), so that the file stays JSON and any change or
// damage after it was written is found on load.
var checksumTrailer = regexp.MustCompile(`,\n "checksum": "sha256:([0-9a-f]{64})"\n}\s*$`)

// withChecksum appends the checksum field to an encoded file.
func withChecksum(body []byte) []byte {
	sum := sha256.Sum256(body)
	out := append([]byte(nil), bytes.TrimSuffix(body, []byte("\n}"))...)
	return append(out, fmt.Sprintf(",\n \"checksum\": \"sha256:%x\"\n}\n", sum)...)
}

// verifyChecksum checks a file's checksum, when it has one, and
// reports whether it had one.
func verifyChecksum(data []byte) (bool, error) {
	m := checksumTrailer.FindSubmatchIndex(data)
	if m == nil {
		return false, nil
	}
	body := append(append([]byte(nil), data[:m[0]]...), "\n}"...)
	if got := fmt.Sprintf("%x", sha256.Sum256(body)); got != string(data[m[2]:m[3]]) {
		return true, fmt.Errorf("its checksum does not match its content (sha256 %s, the file says %s): it was changed or damaged after it was written", got, data[m[2]:m[3]])
	}
	return true, nil
}

// writeState writes st to w as a data file: the layout
// json.MarshalIndent(fileFormat, "", " ") gives, then the checksum
// trailer. It encodes one entity or link at a time, so that a large
// graph is never held twice in memory as one buffer, and hashes as it
// writes.
func writeState(w io.Writer, st *state) error {
	// The head: fileFormat without its "nodes" and "links".
	head := struct {
		Format       string            `json:"format"`
		GraphVersion int               `json:"graphVersion"`
		Tombstones   []string          `json:"tombstones,omitempty"`
		Redirects    map[string]string `json:"redirects,omitempty"`
	}{Format: formatName, GraphVersion: st.graphVersion}
	for id := range st.tombstones {
		head.Tombstones = append(head.Tombstones, id)
	}
	sort.Strings(head.Tombstones)
	if len(st.redirects) > 0 {
		head.Redirects = st.redirects
	}
	nodes := make([]string, 0, len(st.nodes))
	for id := range st.nodes {
		nodes = append(nodes, id)
	}
	sort.Strings(nodes)
	links := make([]linkKey, 0, len(st.links))
	for k := range st.links {
		links = append(links, k)
	}
	sort.Slice(links, func(i, j int) bool {
		a, b := links[i], links[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.To < b.To
	})

	sum := sha256.New()
	out := bufio.NewWriterSize(io.MultiWriter(w, sum), 1<<20)
	encoded, err := gojson.MarshalIndent(head, "", " ")
	if err != nil {
		return err
	}
	out.Write(bytes.TrimSuffix(encoded, []byte("\n}"))) // up to its closing brace
	// Each array as MarshalIndent writes it: "null" when empty (a nil
	// slice), else one element a line at depth 2.
	array := func(name string, n int, element func(i int) any) error {
		fmt.Fprintf(out, ",\n %q: ", name)
		if n == 0 {
			out.WriteString("null")
			return nil
		}
		out.WriteString("[")
		for i := range n {
			encoded, err := gojson.MarshalIndent(element(i), "  ", " ")
			if err != nil {
				return err
			}
			if i > 0 {
				out.WriteString(",")
			}
			out.WriteString("\n  ")
			out.Write(encoded)
		}
		out.WriteString("\n ]")
		return nil
	}
	if err := array("nodes", len(nodes), func(i int) any { return fileNode{ID: nodes[i], record: *st.nodes[nodes[i]]} }); err != nil {
		return err
	}
	if err := array("links", len(links), func(i int) any { return fileLink{linkKey: links[i], Props: st.links[links[i]]} }); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	// The checksum covers the file as it would read without its field.
	sum.Write([]byte("\n}"))
	_, err = fmt.Fprintf(w, ",\n \"checksum\": \"sha256:%x\"\n}\n", sum.Sum(nil))
	return err
}

func decodeState(data []byte) (*state, error) {
	summed, err := verifyChecksum(data)
	if err != nil {
		return nil, err
	}
	var f fileFormat
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	switch {
	case f.Format == formatName && !summed:
		return nil, fmt.Errorf("it has no checksum at its end (cut short or changed?)")
	case f.Format != formatName && f.Format != formatNoHash:
		return nil, fmt.Errorf("format %q is not %q", f.Format, formatName)
	}
	st := newState()
	st.graphVersion = f.GraphVersion
	for _, id := range f.Tombstones {
		st.tombstones[id] = true
	}
	for from, to := range f.Redirects {
		st.redirects[from] = to
	}
	for i, n := range f.Nodes {
		switch {
		case n.ID == "":
			return nil, fmt.Errorf("node %d has no id", i)
		case st.nodes[n.ID] != nil:
			return nil, fmt.Errorf("entity %q appears twice", n.ID)
		case n.Props == nil:
			return nil, fmt.Errorf("entity %q has no properties", n.ID)
		}
		for k, v := range n.Props {
			if list, ok := v.([]any); ok {
				strs := make([]string, len(list))
				for j, x := range list {
					strs[j] = fmt.Sprint(x)
				}
				n.Props[k] = strs
			}
		}
		r := n.record
		if err := checkRecord(n.ID, &r); err != nil {
			return nil, fmt.Errorf("entity %q: %w", n.ID, err)
		}
		st.nodes[n.ID] = &r
	}
	for i, l := range f.Links {
		from, to := st.nodes[l.From], st.nodes[l.To]
		if from == nil || to == nil {
			return nil, fmt.Errorf("link %d (%s %s %s) has a missing end", i, l.From, l.Type, l.To)
		}
		props := l.Props
		if props == nil {
			props = map[string]any{}
		}
		if err := checkLink(l.linkKey, from.Label, to.Label, props); err != nil {
			return nil, fmt.Errorf("link %d (%s %s %s): %w", i, l.From, l.Type, l.To, err)
		}
		st.addLink(l.linkKey, props)
	}
	return st, nil
}

// checkRecord decodes and validates a stored entity as every read will,
// so that a broken one stops start-up instead of failing queries later.
func checkRecord(id string, r *record) error {
	if ecosystem.NewNode(r.Label) == nil {
		return fmt.Errorf("the label %q is unknown", r.Label)
	}
	n, err := decode(r)
	if err != nil {
		return err
	}
	if got := n.NodeMeta().ID; got != id {
		return fmt.Errorf("its id property is %q", got)
	}
	if errs := ecosystem.ValidateStored(n, ""); len(errs) > 0 {
		return errs
	}
	for _, p := range []string{"sortKey", "searchText"} {
		if _, ok := r.Props[p].(string); !ok {
			return fmt.Errorf("the property %s is missing", p)
		}
	}
	return nil
}

// checkLink checks that a stored link is allowed between its ends and
// that its properties decode as reads will decode them. What they state
// is not judged again: the file holds what writes accepted.
func checkLink(k linkKey, from, to ecosystem.Label, props map[string]any) error {
	if errs := ecosystem.ValidateLink(ecosystem.Link{From: k.From, Type: k.Type, To: k.To}, from, to, ""); len(errs) > 0 {
		return errs
	}
	_, err := ecosystem.LinkPropsFromProperties(k.Type, props)
	return err
}

// faults stands in for the file system at the points where a write can
// stall or fail, so that tests can reach them; nil fields mean the real
// thing.
type faults struct {
	// createTemp creates the temporary file.
	createTemp func(dir, pattern string) (*os.File, error)
	// beforeRename runs once the temporary file is written and synced.
	beforeRename func()
	// syncDir syncs the data directory after the rename.
	syncDir func(dir *os.File) error
}

// ErrUnsynced is wrapped by a write's error when the new data file was
// renamed into place but the directory could not be synced: the change
// is in the file and in memory, but may not survive a power loss.
var ErrUnsynced = errors.New("the change was saved, but the data directory could not be synced, so a power loss may undo it")

// persist writes st durably: temporary file, fsync, rename over the data
// file, fsync of the directory. It reports whether the rename happened:
// from then on the data file holds st, even when the directory's fsync
// then fails.
func (s *Store) persist(st *state) (renamed bool, err error) {
	if s.dir == "" {
		return false, nil
	}
	createTemp := os.CreateTemp
	if s.faults.createTemp != nil {
		createTemp = s.faults.createTemp
	}
	tmp, err := createTemp(s.dir, FileName+".tmp-*")
	if err != nil {
		return false, notWritten(fmt.Errorf("memstore: %w", err))
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := writeState(tmp, st); err != nil {
		tmp.Close()
		return false, notWritten(fmt.Errorf("memstore: writing %s: %w", tmp.Name(), err))
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return false, notWritten(fmt.Errorf("memstore: syncing %s: %w", tmp.Name(), err))
	}
	if err := tmp.Close(); err != nil {
		return false, notWritten(fmt.Errorf("memstore: %w", err))
	}
	if s.faults.beforeRename != nil {
		s.faults.beforeRename()
	}
	if err := os.Rename(tmp.Name(), filepath.Join(s.dir, FileName)); err != nil {
		return false, notWritten(fmt.Errorf("memstore: %w", err))
	}
	dir, err := os.Open(s.dir)
	if err != nil {
		return true, fmt.Errorf("memstore: %w: %w", ErrUnsynced, err)
	}
	defer dir.Close()
	syncDir := (*os.File).Sync
	if s.faults.syncDir != nil {
		syncDir = s.faults.syncDir
	}
	if err := syncDir(dir); err != nil {
		return true, fmt.Errorf("memstore: syncing %s: %w: %w", s.dir, ErrUnsynced, err)
	}
	return true, nil
}

// notWritten is the error of a write the data directory refused before
// the rename (read-only, full, gone): the store is as it was, reads go
// on, and the client is told UNAVAILABLE with the system's reason, not
// INTERNAL; the log keeps the path.
func notWritten(err error) error {
	reason := "the data directory cannot be written"
	var errno syscall.Errno
	if errors.As(err, &errno) {
		reason += " (" + errno.Error() + ")"
	}
	return &unwritable{cause: err, domain: &ecosystem.Error{Code: ecosystem.CodeUnavailable,
		Message: reason + "; nothing was written, and reads go on: retry once the disk is fixed"}}
}

type unwritable struct {
	cause  error
	domain *ecosystem.Error
}

func (u *unwritable) Error() string   { return u.cause.Error() }
func (u *unwritable) Unwrap() []error { return []error{u.cause, u.domain} }
