// hub.yaml as a file that hub staff edit by hand: plain YAML, a source
// for everything, well-formed organisation numbers, and the tests' facts
// and the dataset's citations checked against the documents themselves.

package seed_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

// TestHubYAMLIsPlain walks the file's YAML nodes: hub staff edit it by
// hand, so an anchor or alias, which makes one entry silently share
// another's values, is refused.
func TestHubYAMLIsPlain(t *testing.T) {
	data, err := os.ReadFile("hub.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	nodes := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		nodes++
		if n.Anchor != "" {
			t.Errorf("line %d: anchor &%s; write the values out in full", n.Line, n.Anchor)
		}
		if n.Kind == yaml.AliasNode {
			t.Errorf("line %d: alias *%s; write the values out in full", n.Line, n.Value)
		}
		if n.Tag == "!!merge" {
			t.Errorf("line %d: merge key <<; write the values out in full", n.Line)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	if nodes < 1000 {
		t.Errorf("walked %d YAML nodes, fewer than the file holds", nodes)
	}
}

func TestEveryEntityAndRelationshipCitesASource(t *testing.T) {
	ix := load(t)
	for id, n := range ix.nodes {
		if len(n.NodeMeta().Sources) == 0 {
			t.Errorf("%s cites no source", id)
		}
	}
	edges := 0
	for _, l := range ix.links {
		switch l.Type {
		case ecosystem.RelMemberOf, ecosystem.RelParticipatesIn:
			edges++
			if len(l.Facts().Sources) == 0 {
				t.Errorf("%s %s %s cites no source", l.From, l.Type, l.To)
			}
		}
	}
	if edges == 0 {
		t.Error("no memberships or participations to check")
	}
}

// TestOrganisationNumbersAreWellFormed checks every number with the
// register's own modulus-11 check digit, which catches a mistyped digit.
func TestOrganisationNumbersAreWellFormed(t *testing.T) {
	ix := load(t)
	checked := 0
	for id, n := range ix.nodes {
		o, ok := n.(*ecosystem.Organisation)
		if !ok || o.OrgNumber == nil {
			continue
		}
		checked++
		if !validOrgNumber(*o.OrgNumber) {
			t.Errorf("%s: organisation number %s fails its check digit", id, *o.OrgNumber)
		}
	}
	if checked == 0 {
		t.Error("no organisation numbers to check")
	}
}

func validOrgNumber(s string) bool {
	if !regexp.MustCompile(`^[0-9]{9}$`).MatchString(s) {
		return false
	}
	weights := []int{3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(s[8]-'0')
}

// TestFactsAreInTheDocuments checks the tests' expectations against the
// documents themselves, and every source the dataset cites against the
// files that exist (or a web address).
func TestFactsAreInTheDocuments(t *testing.T) {
	docs := map[string]string{}
	for _, q := range seedtest.Quotes() {
		text, ok := docs[q.Document]
		if !ok {
			b, err := os.ReadFile(filepath.Join(seedtest.DocumentsDir, q.Document))
			if err != nil {
				t.Fatal(err)
			}
			text = strings.Join(strings.Fields(string(b)), " ")
			docs[q.Document] = text
		}
		if !strings.Contains(text, strings.Join(strings.Fields(q.Text), " ")) {
			t.Errorf("%s does not say %q", q.Document, q.Text)
		}
	}

	ix := load(t)
	for id, n := range ix.nodes {
		for _, s := range n.NodeMeta().Sources {
			ref := s.Reference
			if s.Kind == ecosystem.SourceEditor || s.Kind == ecosystem.SourceInferred || strings.HasPrefix(ref, "https://") {
				continue
			}
			_, err1 := os.Stat(filepath.Join(seedtest.DocumentsDir, ref))
			_, err2 := os.Stat(filepath.Join(seedtest.DataDir, ref))
			if errors.Is(err1, fs.ErrNotExist) && errors.Is(err2, fs.ErrNotExist) {
				t.Errorf("%s cites %q, which is neither a source document, a data file nor a web address", id, ref)
			}
		}
	}
}
