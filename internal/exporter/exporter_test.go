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

// table reads a CSV table into rows keyed by its header.
func table(t *testing.T, text string) (header []string, rows []map[string]string) {
	t.Helper()
	all, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(all) == 0 {
		t.Fatalf("CSV does not parse: %v", err)
	}
	for _, r := range all[1:] {
		row := map[string]string{}
		for i, h := range all[0] {
			row[h] = r[i]
		}
		rows = append(rows, row)
	}
	return all[0], rows
}

// TestCSVReadsIntoKumu: the CSV export is Kumu's two tables. Elements
// start with ID, Label and Type and carry each entity's facts (sector,
// project status, dates and EU contribution, sources); connections name
// their ends by element ID, and the contributions they carry add up to
// the projects' totals.
func TestCSVReadsIntoKumu(t *testing.T) {
	st := memtest.Seeded(t)
	importRCN(t, st)
	snap, _ := st.Snapshot(context.Background())
	g := exporter.Select(snap, exporter.Filter{Labels: []ecosystem.Label{ecosystem.LabelOrganisation, ecosystem.LabelProject},
		Types: []ecosystem.RelType{ecosystem.RelParticipatesIn}})
	var elementText, connectionText bytes.Buffer
	if err := exporter.WriteCSV(&elementText, &connectionText, g); err != nil {
		t.Fatal(err)
	}
	elementHeader, elements := table(t, elementText.String())
	connectionHeader, connections := table(t, connectionText.String())
	if strings.Join(elementHeader[:3], ",") != "ID,Label,Type" || strings.Join(connectionHeader[:4], ",") != "ID,From,To,Type" {
		t.Fatalf("headers %v and %v; Kumu needs ID, Label, Type and ID, From, To, Type first", elementHeader, connectionHeader)
	}
	if len(elements) != len(g.Nodes) || len(connections) != len(g.Links) {
		t.Fatalf("%d elements and %d connections, want %d and %d", len(elements), len(connections), len(g.Nodes), len(g.Links))
	}
	byID := map[string]map[string]string{}
	for _, e := range elements {
		byID[e["ID"]] = e
	}
	sums := map[string]float64{}
	ids := map[string]bool{}
	for _, c := range connections {
		if byID[c["From"]] == nil || byID[c["To"]] == nil {
			t.Fatalf("connection %v names an element that is not in the elements table", c)
		}
		if ids[c["ID"]] {
			t.Fatalf("connection ID %s is not unique", c["ID"])
		}
		ids[c["ID"]] = true
		if c["Contribution (EUR)"] != "" {
			eur, err := strconv.ParseFloat(c["Contribution (EUR)"], 64)
			if err != nil {
				t.Fatalf("connection %s: contribution %q", c["ID"], c["Contribution (EUR)"])
			}
			sums[c["To"]] += eur
		}
	}
	kreftforeningen := byID["kreftforeningen"]
	if kreftforeningen["Type"] != "Organisation" || kreftforeningen["Sector"] != string(snap.Nodes["kreftforeningen"].(*ecosystem.Organisation).Sector) ||
		!strings.Contains(kreftforeningen["Sources"], ".txt") {
		t.Errorf("Kreftforeningen's element: %v; want its type, sector and source documents", kreftforeningen)
	}
	var dated int
	for id, e := range byID {
		p, ok := snap.Nodes[id].(*ecosystem.Project)
		if !ok {
			continue
		}
		if e["Status"] != string(p.Status) || (p.Start != nil && e["Start"] != string(*p.Start)) || (p.End != nil && e["End"] != string(*p.End)) {
			t.Errorf("project %s: status %q, start %q, end %q; the store has %+v", id, e["Status"], e["Start"], e["End"], p)
		}
		if p.Start != nil && p.End != nil && e["EU contribution (EUR)"] != "" {
			dated++
		}
		if sum, ok := sums[id]; ok {
			got, _ := strconv.ParseFloat(e["EU contribution (EUR)"], 64)
			if diff := got - sum; diff > 0.01 || diff < -0.01 {
				t.Errorf("project %s: EU contribution %q, its connections add up to %.2f", id, e["EU contribution (EUR)"], sum)
			}
		}
	}
	if dated < 500 {
		t.Errorf("%d projects carry start, end and EU contribution; want the imported projects' (over 500)", dated)
	}
}
