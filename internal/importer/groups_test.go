package importer_test

import (
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
)

// TestGroupFiles: the embedded group file places SINTEF's companies under
// the foundation, each tie citing its row and its source; a file with a
// bad row is refused whole.
func TestGroupFiles(t *testing.T) {
	gs, err := importer.DefaultGroups()
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 7 {
		t.Errorf("%d ties in the group file, want SINTEF's 7 companies", len(gs))
	}
	for _, g := range gs {
		if g.Parent != "948007029" || len(g.Sources) != 2 || g.Sources[0].Reference != "groups.csv" || g.Sources[0].Row == nil || g.Sources[1].Reference == "" {
			t.Errorf("%+v: want a unit of Stiftelsen SINTEF (948007029) citing its row of groups.csv and a source", g)
		}
	}
	const header = "unit;unit name;parent;parent name;source\n"
	for _, tt := range []struct{ name, file string }{
		{"a wrong header", "unit;parent\n919303808;948007029\n"},
		{"a number that is not nine digits", header + "91930380;SINTEF AS;948007029;STIFTELSEN SINTEF;x\n"},
		{"a unit of itself", header + "948007029;STIFTELSEN SINTEF;948007029;STIFTELSEN SINTEF;x\n"},
		{"no source", header + "919303808;SINTEF AS;948007029;STIFTELSEN SINTEF;\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := importer.ParseGroups(strings.NewReader(tt.file), "groups.csv"); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
				t.Errorf("error %v, want BAD_USER_INPUT", err)
			}
		})
	}
}
