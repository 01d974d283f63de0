// Parse on small files of its own: membership sources and the errors it
// reports.

package seed_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed"
)

func TestMembershipSources(t *testing.T) {
	file := func(memberOf string) []byte {
		return []byte(`
organisations:
  - id: group
    name: Group
    sector: OTHER
    sources: [{document: a.txt, quote: A}, {document: b.txt, quote: B}]
  - id: member
    name: Member
    sector: OTHER
    sources: [{document: b.txt, quote: B}, {document: c.txt, quote: C}]
    memberOf:
` + memberOf)
	}
	tests := []struct {
		name, memberOf string
		want           []string
		err            string
	}{
		{"given", "      - organisation: group\n        sources: [{document: a.txt, quote: A}]\n", []string{"a.txt"}, ""},
		{"by default, the documents both cite", "      - organisation: group\n", []string{"b.txt"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := seed.Parse(file(tt.memberOf))
			if err != nil {
				t.Fatal(err)
			}
			m := ds.Links[0].Facts()
			var got []string
			for _, s := range m.Sources {
				got = append(got, s.Reference)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("membership cites %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("nothing in common", func(t *testing.T) {
		data := []byte(`
organisations:
  - id: group
    name: Group
    sector: OTHER
    sources: [{document: a.txt, quote: A}]
  - id: member
    name: Member
    sector: OTHER
    sources: [{document: c.txt, quote: C}]
    memberOf:
      - organisation: group
`)
		_, err := seed.Parse(data)
		if ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput || !strings.Contains(err.Error(), "member.memberOf[0].sources") {
			t.Errorf("err = %v, want BAD_USER_INPUT naming member.memberOf[0].sources", err)
		}
	})
}

func TestParseReportsEveryProblemWithItsPath(t *testing.T) {
	bad := []byte(`
organisations:
  - id: Bad Id
    name: ""
    sector: NOPE
    sources: [doc.txt]
  - id: ok
    name: OK
    sector: OTHER
    parent: nowhere
people:
  - id: p
    name: P
`)
	_, err := seed.Parse(bad)
	if ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Fatalf("code = %v, want BAD_USER_INPUT", ecosystem.ErrorCode(err))
	}
	for _, want := range []string{"nodes[0].id", "nodes[0].name", "nodes[0].sector", "nowhere", "sources"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q: %v", want, err)
		}
	}
	if _, err := seed.Parse([]byte("organisations:\n  - id: x\n    nmae: typo\n")); err == nil || !strings.Contains(err.Error(), "nmae") {
		t.Errorf("an unknown key should be reported, got %v", err)
	}
}
