package conformance

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// snapshotIsTheDataset checks that a snapshot of the store holds exactly
// the fixture: every entity with the fields written and every link with
// its properties. (The analytics package checks that its answers from a
// store's snapshot are those from the dataset itself.)
func snapshotIsTheDataset(t *testing.T, st ecosystem.Store) {
	ds := Fixture()
	mustApplyDataset(t, st, ds)
	want := indexDataset(ds)
	snap, err := st.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	version, _ := st.GraphVersion(context.Background())
	if snap.Version != version {
		t.Errorf("snapshot version %d, graph version %d", snap.Version, version)
	}
	if len(snap.Nodes) != len(want.nodes) || len(snap.Links) != len(want.links) {
		t.Errorf("snapshot: %d nodes and %d links, dataset %d and %d", len(snap.Nodes), len(snap.Links), len(want.nodes), len(want.links))
	}
	for id, n := range want.nodes {
		got, ok := snap.Nodes[id]
		if !ok {
			t.Errorf("snapshot lacks %s", id)
			continue
		}
		if a, b := entityJSON(got), entityJSON(n); a != b {
			t.Errorf("snapshot holds %s as\n%s\nwritten as\n%s", id, a, b)
		}
	}
	for i, l := range want.links {
		if i >= len(snap.Links) {
			break
		}
		got := snap.Links[i]
		if linkID(got) != linkID(l) || linkProps(got) != linkProps(l) {
			t.Errorf("snapshot link %d = %s %s, want %s %s", i, linkID(got), linkProps(got), linkID(l), linkProps(l))
		}
	}

}

// linkProps is a link's properties, none being no properties.
func linkProps(l ecosystem.Link) string {
	props := ecosystem.LinkProperties(l.Props)
	if len(props) == 0 {
		return "{}"
	}
	return Normalised(props)
}

// entityJSON is an entity's fields without those the store maintains.
func entityJSON(n ecosystem.Node) string {
	props := ecosystem.Properties(n)
	delete(props, "version")
	delete(props, "updatedAt")
	return Normalised(props)
}

// Normalised encodes an answer for comparison: entities (objects with an
// id and sources) become their ids, so that versions and timestamps do
// not count, and numbers are rounded to nine significant digits, so that
// sums taken in another order do.
func Normalised(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	var x any
	_ = json.Unmarshal(b, &x)
	var walk func(any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			if id, ok := v["id"].(string); ok {
				if _, entity := v["sources"]; entity {
					if _, hasVersion := v["version"]; hasVersion {
						return id
					}
				}
			}
			for k, x := range v {
				v[k] = walk(x)
			}
		case []any:
			for i, x := range v {
				v[i] = walk(x)
			}
		case float64:
			if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
				return v
			}
			digits := math.Pow(10, 8-math.Floor(math.Log10(math.Abs(v))))
			return math.Round(v*digits) / digits
		}
		return v
	}
	out, _ := json.Marshal(walk(x))
	return string(out)
}
