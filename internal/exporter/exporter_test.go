package exporter_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/exporter"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
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

// emptyStore returns an empty store of the named backend. On Neo4j it
// empties the one test database, so a seeded store of the same test is
// gone afterwards.
func emptyStore(t *testing.T, backend string) ecosystem.Store {
	t.Helper()
	switch backend {
	case "memory":
		return memtest.New(t)
	case "neo4j":
		return neo4jtest.New(t)
	}
	t.Fatalf("no empty store for backend %q", backend)
	return nil
}

// importRCN imports the Research Council's file into st.
func importRCN(t *testing.T, st ecosystem.Store) {
	t.Helper()
	f, err := os.Open(testenv.RCNFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := importer.ImportRCN(context.Background(), st, f, f.Name(), true, nil); err != nil {
		t.Fatal(err)
	}
}

// TestJSONRoundTripIsByteIdenticalOnEveryStore: on each store, the
// seeded graph and the graph after the Research Council's import export
// to JSON that, imported into an empty store of the same kind and
// exported again, gives the same bytes; and both stores export the same
// bytes.
func TestJSONRoundTripIsByteIdenticalOnEveryStore(t *testing.T) {
	first := map[string][]byte{}
	for _, stage := range []struct {
		name    string
		withRCN bool
	}{{"seeded", false}, {"after the RCN import", true}} {
		for _, b := range testenv.Backends {
			t.Run(stage.name+"/"+b.Name, func(t *testing.T) {
				st := b.Seeded(t)
				if stage.withRCN {
					importRCN(t, st)
				}
				out := export(t, st, exporter.Filter{})
				ds, err := exporter.ReadJSON(bytes.NewReader(out))
				if err != nil {
					t.Fatal(err)
				}
				empty := emptyStore(t, b.Name)
				if _, err := empty.Apply(context.Background(), ds); err != nil {
					t.Fatal(err)
				}
				again := export(t, empty, exporter.Filter{})
				if !bytes.Equal(out, again) {
					t.Errorf("export → import → export differs (%d vs %d bytes)", len(out), len(again))
				}
				if first[stage.name] == nil {
					first[stage.name] = out
				} else if !bytes.Equal(first[stage.name], out) {
					t.Errorf("the stores export different bytes (%d vs %d)", len(first[stage.name]), len(out))
				}
			})
		}
	}
}

// graphML is the part of a GraphML document the tests read.
type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		Nodes []struct {
			ID   string      `xml:"id,attr"`
			Data []graphData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string      `xml:"source,attr"`
			Target string      `xml:"target,attr"`
			Data   []graphData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// TestGraphMLCarriesTheAttributes: GraphML declares a typed <key> for
// every property it writes, and writes nodes' and edges' properties
// under them, as they are in the store.
func TestGraphMLCarriesTheAttributes(t *testing.T) {
	st := memtest.Seeded(t)
	importRCN(t, st)
	snap, _ := st.Snapshot(context.Background())
	g := exporter.Select(snap, exporter.Filter{Labels: []ecosystem.Label{ecosystem.LabelOrganisation, ecosystem.LabelProject},
		Types: []ecosystem.RelType{ecosystem.RelParticipatesIn}})
	var gml bytes.Buffer
	if err := exporter.WriteGraphML(&gml, g); err != nil {
		t.Fatal(err)
	}
	var doc graphML
	if err := xml.Unmarshal(gml.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	if len(doc.Graph.Nodes) != len(g.Nodes) || len(doc.Graph.Edges) != len(g.Links) {
		t.Fatalf("GraphML has %d nodes and %d edges, want %d and %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(g.Nodes), len(g.Links))
	}
	keys := map[string]string{}
	for _, k := range doc.Keys {
		if _, dup := keys[k.ID]; dup {
			t.Errorf("key %s is declared twice", k.ID)
		}
		keys[k.ID] = k.For + " " + k.Name + " " + k.Type
	}
	for _, want := range []string{"node label string", "node type string", "node sector string", "node kinds string", "node country string",
		"node orgNumber string", "node municipality string", "node status string", "node start string", "node end string",
		"edge type string", "edge role string", "edge status string", "edge contributionEur double"} {
		found := false
		for _, k := range keys {
			found = found || k == want
		}
		if !found {
			t.Errorf("no key %q among %v", want, keys)
		}
	}
	byID := map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		byID[n.ID] = map[string]string{}
		for _, d := range n.Data {
			if keys[d.Key] == "" {
				t.Fatalf("node %s uses the undeclared key %s", n.ID, d.Key)
			}
			byID[n.ID][strings.Fields(keys[d.Key])[1]] = d.Value
		}
	}
	ous := snap.Nodes["oslo-universitetssykehus"].(*ecosystem.Organisation)
	got := byID["oslo-universitetssykehus"]
	if got["label"] != ous.Name || got["type"] != "Organisation" || got["sector"] != string(ous.Sector) ||
		got["orgNumber"] != *ous.OrgNumber || got["municipality"] != *ous.Municipality || got["kinds"] == "" {
		t.Errorf("Oslo University Hospital in GraphML: %v; want its name, type, sector, kinds, number and municipality from %+v", got, ous)
	}
	// Every participation's contribution, as the store holds it.
	var contributions int
	for i, e := range doc.Graph.Edges {
		l := g.Links[i]
		if e.Source != l.From || e.Target != l.To {
			t.Fatalf("edge %d is %s→%s, want %s→%s", i, e.Source, e.Target, l.From, l.To)
		}
		for _, d := range e.Data {
			if keys[d.Key] == "" {
				t.Fatalf("edge %d uses the undeclared key %s", i, d.Key)
			}
			if strings.Fields(keys[d.Key])[1] == "contributionEur" {
				contributions++
				var want float64
				if p, ok := l.Props.(*ecosystem.Participation); ok && p.ContributionEur != nil {
					want = *p.ContributionEur
				}
				if v, err := strconv.ParseFloat(d.Value, 64); err != nil || v != want {
					t.Errorf("edge %s→%s: contributionEur %q, want %v", l.From, l.To, d.Value, want)
				}
			}
		}
	}
	if contributions < 2900 {
		t.Errorf("%d edges carry a contribution, want the imported participations' (about 2,900)", contributions)
	}
}

func TestCSV(t *testing.T) {
	st := memtest.Seeded(t)
	snap, _ := st.Snapshot(context.Background())
	g := exporter.Select(snap, exporter.Filter{Labels: []ecosystem.Label{ecosystem.LabelOrganisation, ecosystem.LabelProject},
		Types: []ecosystem.RelType{ecosystem.RelParticipatesIn}})
	if len(g.Links) != 16 {
		t.Errorf("%d participations selected, want 16", len(g.Links))
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
