package ecosystem

// OrderField is what a list is sorted by.
type OrderField string

// The order fields. Not every label sorts by every field: a store
// answers BAD_USER_INPUT for a field the label cannot be sorted by.
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
