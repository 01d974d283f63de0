package seedtest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Fact is one fact of a graph: an entity, one of its properties, or a
// relationship, with the sources it rests on. A property rests on the
// sources its entity gives for that field, or else on the entity's own.
type Fact struct {
	Name    string
	Sources []ecosystem.Source
}

// Facts lists every fact of a snapshot, entities in id order, each
// followed by its properties in name order, then the relationships.
func Facts(snap *ecosystem.Snapshot) []Fact {
	ids := make([]string, 0, len(snap.Nodes))
	for id := range snap.Nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []Fact
	for _, id := range ids {
		n := snap.Nodes[id]
		whole, byField := split(n.NodeMeta().Sources)
		out = append(out, Fact{id, whole})
		props := ecosystem.Properties(n)
		names := make([]string, 0, len(props))
		for k := range props {
			switch k {
			case "id", "version", "updatedAt", "sources":
				continue
			}
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			sources := whole
			if s, ok := byField[k]; ok {
				sources = s
			}
			out = append(out, Fact{id + "." + k, sources})
		}
	}
	for _, l := range snap.Links {
		out = append(out, Fact{fmt.Sprintf("%s %s %s", l.From, l.Type, l.To), l.Facts().Sources})
	}
	return out
}

func split(sources []ecosystem.Source) (whole []ecosystem.Source, byField map[string][]ecosystem.Source) {
	byField = map[string][]ecosystem.Source{}
	for _, s := range sources {
		if s.Field == "" {
			whole = append(whole, s)
		} else {
			byField[s.Field] = append(byField[s.Field], s)
		}
	}
	return whole, byField
}

// Kind is how a fact is known, the strongest of its sources first: a
// document states it, a data file gives it, an editor judged or wrote it,
// or a rule inferred it; "" when it has no source.
func Kind(f Fact) ecosystem.SourceKind {
	for _, k := range []ecosystem.SourceKind{ecosystem.SourceDocument, ecosystem.SourceImport, ecosystem.SourceEditor, ecosystem.SourceInferred} {
		for _, s := range f.Sources {
			if s.Kind == k {
				return k
			}
		}
	}
	return ""
}

// Documents reads the source documents, white space normalised, by file
// name.
func Documents() (map[string]string, error) {
	docs := map[string]string{}
	for _, name := range []string{HubPage, NSCCArticle, Slides} {
		b, err := os.ReadFile(filepath.Join(DocumentsDir, name))
		if err != nil {
			return nil, err
		}
		docs[name] = Normalise(string(b))
	}
	return docs, nil
}

// Normalise collapses every run of white space to one space.
func Normalise(s string) string { return strings.Join(strings.Fields(s), " ") }

// Check says what is wrong with a fact's provenance: no source, or a
// source that does not say enough to be checked (a source document
// without the sentence, or with one the document does not contain; a
// data file without its row; an editor without a time or a reason; a
// rule without its inputs).
func Check(f Fact, docs map[string]string) []string {
	if Kind(f) == "" {
		return []string{f.Name + " has no provenance"}
	}
	var out []string
	for _, s := range f.Sources {
		bad := ""
		switch s.Kind {
		case ecosystem.SourceDocument:
			text, ok := docs[s.Reference]
			switch {
			case !ok:
				bad = fmt.Sprintf("cites %q, which is not a source document", s.Reference)
			case s.Quote == "":
				bad = fmt.Sprintf("cites %s without the sentence it rests on", s.Reference)
			case !strings.Contains(text, Normalise(s.Quote)):
				bad = fmt.Sprintf("quotes %q, which %s does not contain", s.Quote, s.Reference)
			}
		case ecosystem.SourceImport:
			if s.Row == nil {
				bad = fmt.Sprintf("cites %s without its row", s.Reference)
			}
		case ecosystem.SourceEditor:
			if s.At == nil && s.Reason == "" {
				bad = fmt.Sprintf("cites editor %q with neither a time nor a reason", s.Reference)
			}
		case ecosystem.SourceInferred:
			if s.Rule == "" || len(s.Inputs) == 0 {
				bad = "is inferred without its rule and inputs"
			}
		default:
			bad = fmt.Sprintf("has a source of kind %q", s.Kind)
		}
		if bad != "" {
			out = append(out, f.Name+" "+bad)
		}
	}
	return out
}
