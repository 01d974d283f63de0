package storekit

import (
	"fmt"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// OrderSpec says how a field's sort key is made: the collation key of
// the name, a date property (absent sorts first, as ""), a number
// property (absent sorts first, as -1) or the number of relationships
// along a relation.
type OrderSpec struct {
	DateProperty   string
	NumberProperty string
	Count          *ecosystem.Relation
}

// Numeric reports whether the key is a number.
func (s OrderSpec) Numeric() bool { return s.NumberProperty != "" || s.Count != nil }

// Orderings lists the fields each label can be sorted by (NAME always)
// and how each field's sort key is made.
var Orderings = map[ecosystem.Label]map[ecosystem.OrderField]OrderSpec{
	ecosystem.LabelOrganisation: {ecosystem.OrderProjectCount: {Count: &ecosystem.OrganisationParticipations}},
	ecosystem.LabelProject:      {ecosystem.OrderStart: {DateProperty: "start"}, ecosystem.OrderEnd: {DateProperty: "end"}},
	ecosystem.LabelCall:         {ecosystem.OrderOpens: {DateProperty: "opens"}, ecosystem.OrderDeadline: {DateProperty: "deadline"}, ecosystem.OrderBudget: {NumberProperty: "budgetEur"}},
	ecosystem.LabelProgramme:    {ecosystem.OrderBudget: {NumberProperty: "budgetEur"}},
	ecosystem.LabelEvent:        {ecosystem.OrderDate: {DateProperty: "date"}},
}

// OrderSpecFor returns how label is sorted by field; BAD_USER_INPUT when
// the label cannot be sorted that way.
func OrderSpecFor(label ecosystem.Label, field ecosystem.OrderField) (OrderSpec, error) {
	if field == "" || field == ecosystem.OrderName {
		return OrderSpec{}, nil
	}
	spec, ok := Orderings[label][field]
	if !ok {
		return OrderSpec{}, ecosystem.FieldError("orderBy.field", "%s cannot be sorted by %s", label, field)
	}
	return spec, nil
}

// OrderKey is a sort key: text, or a number for numeric orders.
type OrderKey struct {
	Text   string
	Number float64
}

// Compare orders two keys of the same spec.
func (a OrderKey) Compare(b OrderKey, numeric bool) int {
	if numeric {
		switch {
		case a.Number < b.Number:
			return -1
		case a.Number > b.Number:
			return 1
		}
		return 0
	}
	switch {
	case a.Text < b.Text:
		return -1
	case a.Text > b.Text:
		return 1
	}
	return 0
}

// CursorFor returns the cursor of an entity in a list in order o: the
// order key, the id and the order's tag.
func CursorFor(key OrderKey, numeric bool, id string, o ecosystem.Order) ecosystem.Cursor {
	c := ecosystem.Cursor{Key: key.Text, ID: id, Order: orderTag(o)}
	if numeric {
		c.Key, c.Num = fmt.Sprintf("n:%v", key.Number), &key.Number
	}
	return c
}

// orderTag names an order in cursors: the field, then " DESC" when
// descending; "" for the default, names ascending.
func orderTag(o ecosystem.Order) string {
	field := o.Field
	if field == "" {
		field = ecosystem.OrderName
	}
	tag := string(field)
	if o.Desc {
		tag += " DESC"
	}
	if tag == string(ecosystem.OrderName) {
		return ""
	}
	return tag
}

// DecodeCursorIn parses a cursor of a list in order o; a cursor of
// another order is BAD_USER_INPUT.
func DecodeCursorIn(s string, o ecosystem.Order) (ecosystem.Cursor, error) {
	c, err := ecosystem.DecodeCursor(s)
	if err == nil && c.Order != orderTag(o) {
		err = ecosystem.Errorf(ecosystem.CodeBadUserInput, "the cursor belongs to another order than the one asked for")
	}
	return c, err
}

// NameCursor returns the cursor in name order of an entity from its
// stored properties: the sort key it was stored with and its id, which
// is what ecosystem.CursorOf computes again from the entity.
func NameCursor(props map[string]any) ecosystem.Cursor {
	key, _ := props["sortKey"].(string)
	id, _ := props["id"].(string)
	return ecosystem.Cursor{Key: key, ID: id}
}
