package memstore

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

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

const formatName = "hubgraph-memstore/1"

func encodeState(st *state) ([]byte, error) {
	f := fileFormat{Format: formatName, GraphVersion: st.graphVersion}
	for id := range st.tombstones {
		f.Tombstones = append(f.Tombstones, id)
	}
	sort.Strings(f.Tombstones)
	if len(st.redirects) > 0 {
		f.Redirects = st.redirects
	}
	for id, r := range st.nodes {
		f.Nodes = append(f.Nodes, fileNode{ID: id, record: *r})
	}
	sort.Slice(f.Nodes, func(i, j int) bool { return f.Nodes[i].ID < f.Nodes[j].ID })
	for k, p := range st.links {
		f.Links = append(f.Links, fileLink{linkKey: k, Props: p})
	}
	sort.Slice(f.Links, func(i, j int) bool {
		a, b := f.Links[i].linkKey, f.Links[j].linkKey
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.To < b.To
	})
	return json.MarshalIndent(f, "", " ")
}

func decodeState(data []byte) (*state, error) {
	var f fileFormat
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	if f.Format != formatName {
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
		if n.ID == "" || ecosystem.NewNode(n.Label) == nil || n.Props == nil {
			return nil, fmt.Errorf("node %d is incomplete", i)
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
		st.nodes[n.ID] = &r
	}
	for i, l := range f.Links {
		if st.nodes[l.From] == nil || st.nodes[l.To] == nil {
			return nil, fmt.Errorf("link %d (%s %s %s) has a missing end", i, l.From, l.Type, l.To)
		}
		props := l.Props
		if props == nil {
			props = map[string]any{}
		}
		st.addLink(l.linkKey, props)
	}
	return st, nil
}

// persist writes st durably: temporary file, fsync, rename over the data
// file, fsync of the directory.
func (s *Store) persist(st *state) error {
	if s.dir == "" {
		return nil
	}
	data, err := encodeState(st)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.dir, FileName+".tmp-*")
	if err != nil {
		return fmt.Errorf("memstore: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("memstore: writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("memstore: syncing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("memstore: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(s.dir, FileName)); err != nil {
		return fmt.Errorf("memstore: %w", err)
	}
	dir, err := os.Open(s.dir)
	if err != nil {
		return fmt.Errorf("memstore: %w", err)
	}
	defer dir.Close()
	if err := dir.Sync(); err != nil {
		return fmt.Errorf("memstore: syncing %s: %w", s.dir, err)
	}
	return nil
}
