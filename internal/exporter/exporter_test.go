package exporter_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/exporter"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

func export(t *testing.T, st ecosystem.Store, f exporter.Filter) []byte {
	t.Helper()
	snap, err := st.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exporter.WriteJSON(&buf, exporter.Select(snap, f)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestJSONRoundTripIsByteIdenticalOnEveryStore(t *testing.T) {
	var first []byte
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			out := export(t, st, exporter.Filter{})
			ds, err := exporter.ReadJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			empty := testenv.Memory(t)
			if _, err := empty.Apply(context.Background(), ds); err != nil {
				t.Fatal(err)
			}
			again := export(t, empty, exporter.Filter{})
			if !bytes.Equal(out, again) {
				t.Errorf("export → import → export differs (%d vs %d bytes)", len(out), len(again))
			}
			if first == nil {
				first = out
			} else if !bytes.Equal(first, out) {
				t.Errorf("the stores export different bytes")
			}
		})
	}
}

func TestGraphMLAndCSV(t *testing.T) {
	st := testenv.SeededMemory(t)
	snap, _ := st.Snapshot(context.Background())
	g := exporter.Select(snap, exporter.Filter{Labels: []ecosystem.Label{ecosystem.LabelOrganisation, ecosystem.LabelProject},
		Types: []ecosystem.RelType{ecosystem.RelParticipatesIn}})
	if len(g.Links) != 16 {
		t.Errorf("%d participations selected, want 16", len(g.Links))
	}
	var gml bytes.Buffer
	if err := exporter.WriteGraphML(&gml, g); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(gml.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	if len(doc.Graph.Nodes) != len(g.Nodes) || len(doc.Graph.Edges) != 16 {
		t.Errorf("GraphML has %d nodes and %d edges, want %d and 16", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(g.Nodes))
	}
	var nodes, edges bytes.Buffer
	if err := exporter.WriteCSV(&nodes, &edges, g); err != nil {
		t.Fatal(err)
	}
	edgeText := edges.String()
	n, _ := csv.NewReader(&nodes).ReadAll()
	e, _ := csv.NewReader(&edges).ReadAll()
	if len(n) != len(g.Nodes)+1 || len(e) != 17 || !strings.Contains(edgeText, "TENTATIVE") {
		t.Errorf("CSV has %d node rows and %d edge rows", len(n), len(e))
	}
}
