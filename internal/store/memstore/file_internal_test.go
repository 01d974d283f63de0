package memstore

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/seed"
)

// TestWrittenFileIsTheIndentedEncoding checks that the data file written
// one entity at a time is, byte for byte, encoding/json's indented
// encoding of the whole graph with its checksum, and that it loads back
// as the same graph: for an empty graph, and for the seed with
// tombstones and redirects. (go-json writes a number under 1e-6 as
// 1e-07 where encoding/json writes 1e-7, which reads back the same; the
// seed has none.)
func TestWrittenFileIsTheIndentedEncoding(t *testing.T) {
	seeded := func() *state {
		st, err := Open("")
		if err != nil {
			t.Fatal(err)
		}
		ds, err := seed.Default()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Apply(context.Background(), ds); err != nil {
			t.Fatal(err)
		}
		cur, err := st.read()
		if err != nil {
			t.Fatal(err)
		}
		next := cur.clone()
		next.tombstones["b-key"], next.tombstones["a-key"] = true, true
		next.redirects["old-id"] = "new-id"
		next.graphVersion = 7
		return next
	}
	tests := []struct {
		name  string
		state *state
	}{
		{"empty", newState()},
		{"seed", seeded()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := writeState(&got, tt.state); err != nil {
				t.Fatal(err)
			}
			if want := withChecksum(reference(t, tt.state)); !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("written file (%d bytes) differs from the reference encoding (%d bytes)", got.Len(), len(want))
			}
			back, err := decodeState(got.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(reference(t, back), reference(t, tt.state)) {
				t.Error("the file does not load back as the graph written")
			}
		})
	}
}

// reference encodes a state as one value with encoding/json.
func reference(t *testing.T, st *state) []byte {
	t.Helper()
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
	body, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return body
}
