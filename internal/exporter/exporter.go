// Package exporter writes the graph, or part of it, in forms other tools
// open: canonical JSON (which hubgraph imports again), GraphML (Gephi,
// yEd) and CSV (spreadsheets, Kumu).
package exporter

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Filter selects part of the graph: nodes of the given labels (all when
// empty) and the relationships of the given types among them (all when
// empty).
type Filter struct {
	Labels []ecosystem.Label
	Types  []ecosystem.RelType
}

// Graph is a selected, ordered part of a snapshot.
type Graph struct {
	Nodes []ecosystem.Node
	Links []ecosystem.Link
}

// Select applies a filter to a snapshot, in canonical order: nodes by id,
// links by from, type and to.
func Select(snap *ecosystem.Snapshot, f Filter) *Graph {
	g := &Graph{}
	keep := map[string]bool{}
	for id, n := range snap.Nodes {
		if len(f.Labels) == 0 || containsLabel(f.Labels, n.NodeLabel()) {
			keep[id] = true
			g.Nodes = append(g.Nodes, n)
		}
	}
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].NodeMeta().ID < g.Nodes[j].NodeMeta().ID })
	for _, l := range snap.Links {
		if keep[l.From] && keep[l.To] && (len(f.Types) == 0 || containsType(f.Types, l.Type)) {
			g.Links = append(g.Links, l)
		}
	}
	ecosystem.SortLinks(g.Links)
	return g
}

func containsLabel(ls []ecosystem.Label, l ecosystem.Label) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

func containsType(ts []ecosystem.RelType, t ecosystem.RelType) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// jsonFormat names the canonical JSON layout.
const jsonFormat = "hubgraph-export/1"

type jsonDoc struct {
	Format string     `json:"format"`
	Nodes  []jsonNode `json:"nodes"`
	Links  []jsonLink `json:"links"`
}

type jsonNode struct {
	Label  ecosystem.Label `json:"label"`
	Entity json.RawMessage `json:"entity"`
}

type jsonLink struct {
	From       string            `json:"from"`
	Type       ecosystem.RelType `json:"type"`
	To         string            `json:"to"`
	Properties map[string]any    `json:"properties,omitempty"`
}

// entityJSON encodes an entity without its bookkeeping (version, update
// time), which differ between stores and between imports of the same
// data: the export of an import of an export is the same bytes.
func entityJSON(n ecosystem.Node) (json.RawMessage, error) {
	props := ecosystem.Properties(n)
	delete(props, "version")
	delete(props, "updatedAt")
	for k, v := range props {
		if s, ok := v.(string); ok && ecosystem.Structured(k) {
			props[k] = json.RawMessage(s)
		}
	}
	return json.Marshal(props)
}

// WriteJSON writes the canonical JSON export: one node or link a line,
// keys sorted.
func WriteJSON(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\"format\":%q,\"nodes\":[", jsonFormat)
	for i, n := range g.Nodes {
		e, err := entityJSON(n)
		if err != nil {
			return err
		}
		line, _ := json.Marshal(jsonNode{Label: n.NodeLabel(), Entity: e})
		sep := ",\n"
		if i == 0 {
			sep = "\n"
		}
		fmt.Fprintf(bw, "%s%s", sep, line)
	}
	bw.WriteString("\n],\"links\":[")
	for i, l := range g.Links {
		line, err := json.Marshal(jsonLink{From: l.From, Type: l.Type, To: l.To, Properties: normalise(ecosystem.LinkProperties(l.Props))})
		if err != nil {
			return err
		}
		sep := ",\n"
		if i == 0 {
			sep = "\n"
		}
		fmt.Fprintf(bw, "%s%s", sep, line)
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// normalise makes relationship properties store-independent: numbers as
// float64, lists of text as []string, structured values decoded.
func normalise(props map[string]any) map[string]any {
	if len(props) == 0 {
		return nil
	}
	b, _ := json.Marshal(props)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	if s, ok := out["sources"].(string); ok {
		var v any
		if json.Unmarshal([]byte(s), &v) == nil {
			out["sources"] = v
		}
	}
	return out
}

// ReadJSON reads a canonical JSON export into a dataset.
func ReadJSON(r io.Reader) (*ecosystem.Dataset, error) {
	var doc jsonDoc
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, ecosystem.Errorf(ecosystem.CodeBadUserInput, "not a hubgraph JSON export: %v", err)
	}
	if doc.Format != jsonFormat {
		return nil, ecosystem.Errorf(ecosystem.CodeBadUserInput, "format %q is not %q", doc.Format, jsonFormat)
	}
	ds := &ecosystem.Dataset{}
	for i, n := range doc.Nodes {
		node := ecosystem.NewNode(n.Label)
		if node == nil {
			return nil, ecosystem.Errorf(ecosystem.CodeBadUserInput, "nodes[%d]: unknown label %q", i, n.Label)
		}
		if err := json.Unmarshal(n.Entity, node); err != nil {
			return nil, ecosystem.Errorf(ecosystem.CodeBadUserInput, "nodes[%d]: %v", i, err)
		}
		ds.Nodes = append(ds.Nodes, node)
	}
	for i, l := range doc.Links {
		// The properties are what the link states, as JSON: they decode
		// into the kind its type carries. An unknown type is left for
		// validation to report.
		var props ecosystem.LinkProps
		if l.Properties != nil {
			props = ecosystem.NewLinkProps(l.Type)
		}
		if props != nil {
			b, _ := json.Marshal(l.Properties)
			if err := json.Unmarshal(b, props); err != nil {
				return nil, ecosystem.Errorf(ecosystem.CodeBadUserInput, "links[%d]: %v", i, err)
			}
		}
		ds.Links = append(ds.Links, ecosystem.Link{From: l.From, Type: l.Type, To: l.To, Props: props})
	}
	return ds, nil
}

// displayName is what tools show for a node.
func displayName(n ecosystem.Node) string {
	texts := n.SearchTexts()
	for _, f := range []string{"name", "title"} {
		if len(texts[f]) > 0 {
			return texts[f][0]
		}
	}
	return n.NodeMeta().ID
}

// notAttributes are properties GraphML leaves out: the id (the node's
// own id) and bookkeeping. Structured values (ecosystem.Structured:
// sources, requirements, budgets), which tools would show as unreadable
// JSON text, are left out too.
var notAttributes = map[string]bool{"id": true, "version": true, "updatedAt": true}

// attribute is one GraphML <key>: a property of nodes or of edges.
type attribute struct {
	id, name, typ string
}

// attributes returns the keys for the properties of a set of property
// maps, sorted by name: double when every value is a number, boolean
// when every value is a truth value, string otherwise (lists joined).
func attributes(prefix string, all []map[string]any, fixed map[string]bool) []attribute {
	types := map[string]string{}
	for _, props := range all {
		for k, v := range props {
			if notAttributes[k] || ecosystem.Structured(k) || fixed[k] {
				continue
			}
			t := "string"
			switch v.(type) {
			case float64, int, int64:
				t = "double"
			case bool:
				t = "boolean"
			}
			if old, ok := types[k]; ok && old != t {
				t = "string"
			}
			types[k] = t
		}
	}
	out := make([]attribute, 0, len(types))
	for k, t := range types {
		out = append(out, attribute{prefix + k, k, t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// attributeText writes a property value as GraphML data text, lists
// joined by "; ".
func attributeText(v any) string { return valueText(v, "; ") }

// valueText writes a property value as text: numbers without exponents,
// lists joined by sep, nothing for an absent value.
func valueText(v any, sep string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []string:
		return strings.Join(x, sep)
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = fmt.Sprint(p)
		}
		return strings.Join(parts, sep)
	}
	return fmt.Sprint(v)
}

// WriteGraphML writes GraphML as Gephi and yEd read it: every node with
// its name as "label" (what Gephi shows), its entity type as "type" and
// its properties (sector, kinds, country, status, dates, amounts...);
// every edge with its relationship type as "type" and its properties
// (role, status, contributionEur...). Each property has a <key> with its
// type, so that tools can filter and size by it.
func WriteGraphML(w io.Writer, g *Graph) error {
	nodeProps := make([]map[string]any, len(g.Nodes))
	for i, n := range g.Nodes {
		nodeProps[i] = ecosystem.Properties(n)
	}
	linkProps := make([]map[string]any, len(g.Links))
	for i, l := range g.Links {
		linkProps[i] = normalise(ecosystem.LinkProperties(l.Props))
	}
	fixed := map[string]bool{"label": true, "type": true}
	nodeKeys := attributes("n_", nodeProps, fixed)
	edgeKeys := attributes("e_", linkProps, fixed)
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">` + "\n")
	bw.WriteString(`  <key id="label" for="node" attr.name="label" attr.type="string"/>` + "\n")
	bw.WriteString(`  <key id="type" for="node" attr.name="type" attr.type="string"/>` + "\n")
	for _, k := range nodeKeys {
		fmt.Fprintf(bw, "  <key id=%q for=\"node\" attr.name=%q attr.type=%q/>\n", k.id, k.name, k.typ)
	}
	bw.WriteString(`  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>` + "\n")
	for _, k := range edgeKeys {
		fmt.Fprintf(bw, "  <key id=%q for=\"edge\" attr.name=%q attr.type=%q/>\n", k.id, k.name, k.typ)
	}
	bw.WriteString(`  <graph id="hubgraph" edgedefault="directed">` + "\n")
	data := func(keys []attribute, props map[string]any) {
		for _, k := range keys {
			if v, ok := props[k.name]; ok {
				fmt.Fprintf(bw, "<data key=%q>%s</data>", k.id, esc(attributeText(v)))
			}
		}
	}
	for i, n := range g.Nodes {
		fmt.Fprintf(bw, "    <node id=\"%s\"><data key=\"label\">%s</data><data key=\"type\">%s</data>",
			esc(n.NodeMeta().ID), esc(displayName(n)), esc(string(n.NodeLabel())))
		data(nodeKeys, nodeProps[i])
		bw.WriteString("</node>\n")
	}
	for i, l := range g.Links {
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\"><data key=\"e_type\">%s</data>",
			i, esc(l.From), esc(l.To), esc(string(l.Type)))
		data(edgeKeys, linkProps[i])
		bw.WriteString("</edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// kumuColumn is one column of the elements table: its header and the
// entity property it shows.
type kumuColumn struct {
	header, property string
}

// elementColumns are the elements table's columns after ID, Label, Type,
// Description and Tags, in the order Kumu shows them in a profile.
var elementColumns = []kumuColumn{
	{"Short name", "shortName"}, {"Acronym", "acronym"}, {"Code", "code"},
	{"Identifier", "identifier"}, {"Sector", "sector"}, {"Country", "country"},
	{"Organisation number", "orgNumber"}, {"Website", "website"},
	{"Status", "status"}, {"Start", "start"}, {"End", "end"},
	{"Opens", "opens"}, {"Deadline", "deadline"}, {"Date", "date"},
	{"Budget (EUR)", "budgetEur"}, {"Max grant (EUR)", "maxGrantEur"},
	{"Value", "value"}, {"Unit", "unit"}, {"Year", "year"},
}

// connectionColumns are the connections table's columns after ID, From,
// To, Type and Direction.
var connectionColumns = []kumuColumn{
	{"Role", "role"}, {"Status", "status"}, {"Since", "since"},
	{"Until", "until"}, {"Contribution (EUR)", "contributionEur"},
}

// WriteCSV writes the two tables Kumu imports (and spreadsheets open):
// elements (ID, Label, Type, Description, Tags, then the entity's facts:
// sector, country, organisation number, project status and dates, call
// dates, budgets, ..., the EU contribution summed over the selected
// participations, and Sources) and connections (ID, From, To by element
// ID, Type, Direction, then role, status, since, until, contribution in
// EUR and Sources). Several values in one cell are separated by "|", as
// Kumu reads them.
func WriteCSV(elements, connections io.Writer, g *Graph) error {
	contribution := map[string]float64{}
	contributes := map[string]bool{}
	for _, l := range g.Links {
		if p, ok := l.Props.(*ecosystem.Participation); ok && p.ContributionEur != nil {
			for _, id := range []string{l.From, l.To} {
				contribution[id] += *p.ContributionEur
				contributes[id] = true
			}
		}
	}
	ew := csv.NewWriter(elements)
	header := []string{"ID", "Label", "Type", "Description", "Tags"}
	for _, c := range elementColumns {
		header = append(header, c.header)
	}
	_ = ew.Write(append(header, "EU contribution (EUR)", "Sources"))
	for _, n := range g.Nodes {
		props := ecosystem.Properties(n)
		description := props["description"]
		if description == nil {
			description = props["about"]
		}
		row := []string{n.NodeMeta().ID, displayName(n), string(n.NodeLabel()), kumuText(description),
			kumuText(append(listOf(props["kinds"]), listOf(props["focus"])...))}
		for _, c := range elementColumns {
			row = append(row, kumuText(props[c.property]))
		}
		total := ""
		if id := n.NodeMeta().ID; contributes[id] {
			total = kumuText(math.Round(contribution[id]*100) / 100)
		}
		if err := ew.Write(append(row, total, sourceNames(n.NodeMeta().Sources))); err != nil {
			return err
		}
	}
	ew.Flush()
	cw := csv.NewWriter(connections)
	header = []string{"ID", "From", "To", "Type", "Direction"}
	for _, c := range connectionColumns {
		header = append(header, c.header)
	}
	_ = cw.Write(append(header, "Sources"))
	for _, l := range g.Links {
		props := normalise(ecosystem.LinkProperties(l.Props))
		row := []string{l.From + ">" + string(l.Type) + ">" + l.To, l.From, l.To, string(l.Type), "directed"}
		for _, c := range connectionColumns {
			row = append(row, kumuText(props[c.property]))
		}
		var sources []ecosystem.Source
		if l.Props != nil {
			sources = l.Props.Facts().Sources
		}
		if err := cw.Write(append(row, sourceNames(sources))); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := ew.Error(); err != nil {
		return err
	}
	return cw.Error()
}

// listOf returns a property's list of texts (nil for anything else).
func listOf(v any) []string {
	if l, ok := v.([]string); ok {
		return l
	}
	return nil
}

// kumuText writes a value for a Kumu cell, lists joined by "|" as Kumu
// reads them.
func kumuText(v any) string { return valueText(v, "|") }

// sourceNames writes sources as "reference" or "reference row N", joined
// by "|".
func sourceNames(sources []ecosystem.Source) string {
	names := make([]string, 0, len(sources))
	for _, s := range sources {
		name := s.Reference
		if s.Row != nil {
			name += " row " + strconv.Itoa(*s.Row)
		}
		names = append(names, name)
	}
	return strings.Join(names, "|")
}
