package conformance

import (
	"context"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// lookupTests hold every store to finding an organisation by the numbers
// that identify it (organisation number and PIC), which is how people
// look up an organisation they met in a funding file, and to refusing a
// cursor of one order in another, which would page wrongly.
var lookupTests = []suiteTest{
	{"SearchFindsByOrganisationNumberAndPIC", searchFindsByNumbers},
	{"CursorOfAnotherOrderIsRefused", cursorOfAnotherOrderIsRefused},
}

func searchFindsByNumbers(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	o := org("tellu", "Tellu AS")
	o.OrgNumber, o.PIC = ptr("989743295"), ptr("912345678")
	if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: []ecosystem.Node{o, org("other", "Other AS")}}); err != nil {
		t.Fatal(err)
	}
	for _, number := range []string{"989743295", "912345678"} {
		hits, err := st.Search(ctx, ecosystem.SearchQuery{Text: number})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Node.NodeMeta().ID != "tellu" {
			t.Errorf("search %q: %d hits, want only tellu", number, len(hits))
		}
	}
}

func cursorOfAnotherOrderIsRefused(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	ctx := context.Background()
	byName := ecosystem.ListQuery{Label: ecosystem.LabelProject, Page: ecosystem.PageRequest{First: ptr(1)}}
	page, err := st.List(ctx, byName)
	if err != nil || len(page.Cursors) != 1 {
		t.Fatalf("first project by name: %v, %v", page, err)
	}
	cursor := page.Cursors[0].Encode()
	for _, order := range []ecosystem.Order{{Field: ecosystem.OrderStart}, {Field: ecosystem.OrderName, Desc: true}} {
		q := ecosystem.ListQuery{Label: ecosystem.LabelProject, Order: order, Page: ecosystem.PageRequest{First: ptr(1), After: cursor}}
		if _, err := st.List(ctx, q); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
			t.Errorf("a name cursor in order %+v: %v, want BAD_USER_INPUT", order, err)
		}
	}
	byName.Page.After = cursor
	if _, err := st.List(ctx, byName); err != nil {
		t.Errorf("a name cursor in its own order: %v", err)
	}
}
