package ecosystem

import "fmt"

// OrderField is what a list is sorted by.
type OrderField string

// The order fields; which apply to which label is in Orderings.
const (
	OrderName         OrderField = "NAME"
	OrderStart        OrderField = "START"
	OrderEnd          OrderField = "END"
	OrderOpens        OrderField = "OPENS"
	OrderDeadline     OrderField = "DEADLINE"
	OrderDate         OrderField = "DATE"
	OrderBudget       OrderField = "BUDGET"
	OrderProjectCount OrderField = "PROJECT_COUNT"
)

// Order is a sort: a field and a direction. Ties always break by id,
// ascending, so that every order is total and a cursor (key and id)
// marks one place in it.
type Order struct {
	Field OrderField
	Desc  bool
}

// OrderSpec says how a field's sort key is made: the collation key of
// the name, a date property (absent sorts first, as ""), a number
// property (absent sorts first, as -1) or the number of relationships
// along a relation.
type OrderSpec struct {
	DateProperty   string
	NumberProperty string
	Count          *Relation
}

// Numeric reports whether the key is a number.
func (s OrderSpec) Numeric() bool { return s.NumberProperty != "" || s.Count != nil }

// Orderings lists the fields each label can be sorted by (NAME always).
var Orderings = map[Label]map[OrderField]OrderSpec{
	LabelOrganisation: {OrderProjectCount: {Count: &OrganisationParticipations}},
	LabelProject:      {OrderStart: {DateProperty: "start"}, OrderEnd: {DateProperty: "end"}},
	LabelCall:         {OrderOpens: {DateProperty: "opens"}, OrderDeadline: {DateProperty: "deadline"}, OrderBudget: {NumberProperty: "budgetEur"}},
	LabelProgramme:    {OrderBudget: {NumberProperty: "budgetEur"}},
	LabelEvent:        {OrderDate: {DateProperty: "date"}},
}

// OrderSpecFor returns how label is sorted by field; BAD_USER_INPUT when
// the label cannot be sorted that way.
func OrderSpecFor(label Label, field OrderField) (OrderSpec, error) {
	if field == "" || field == OrderName {
		return OrderSpec{}, nil
	}
	spec, ok := Orderings[label][field]
	if !ok {
		return OrderSpec{}, FieldError("orderBy.field", "%s cannot be sorted by %s", label, field)
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

// CursorFor returns the cursor of an entity under an order: the order
// key and the id.
func CursorFor(key OrderKey, numeric bool, id string) Cursor {
	if numeric {
		return Cursor{Key: fmt.Sprintf("n:%v", key.Number), Num: &key.Number, ID: id}
	}
	return Cursor{Key: key.Text, ID: id}
}
