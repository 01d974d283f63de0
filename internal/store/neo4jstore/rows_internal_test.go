package neo4jstore

import (
	"fmt"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// TestNodeRowsMakesEveryRowInOrder checks the rows made on every core
// against those made one by one, and that a panic while making them is
// raised on the caller's goroutine (where the server recovers it), not
// left to end the process.
func TestNodeRowsMakesEveryRowInOrder(t *testing.T) {
	var nodes []ecosystem.Node
	for i := range 1201 {
		nodes = append(nodes, &ecosystem.Organisation{Meta: ecosystem.Meta{ID: fmt.Sprintf("org-%d", i)}, Name: fmt.Sprintf("Organisasjon %d", i)})
	}
	rows := nodeRows(nodes)
	if len(rows) != len(nodes) {
		t.Fatalf("%d rows for %d entities", len(rows), len(nodes))
	}
	for i, n := range nodes {
		if got, want := fmt.Sprint(rows[i]), fmt.Sprint(nodeRow(n)); got != want {
			t.Fatalf("row %d is %s, want %s", i, got, want)
		}
	}

	defer func() {
		if recover() == nil {
			t.Error("a panic while making rows did not reach the caller")
		}
	}()
	nodeRows(append(nodes, nil))
}
