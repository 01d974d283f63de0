package ecosystem

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
)

// ListQuery asks for one page of entities of one label that satisfy every
// condition. The typed filters of the API (OrganisationFilter, ...) compile
// to conditions, so that each store implements one mechanism for all of
// them.
type ListQuery struct {
	Label      Label
	Conditions []Condition
	Order      Order
	Page       PageRequest
	// WithTotal asks List to count, in the same round trip, every entity
	// that satisfies the conditions (Page.Total), as Count would.
	WithTotal bool
	// Partial and Properties are as a Step's: the reader shows no
	// property of the entities but their id and Properties, so that the
	// store may read no other, and the entities may lack every other.
	Partial    bool
	Properties []string
}

// Condition is one test an entity must pass. Exactly one of its parts is
// set. Property names come from code, never from user input.
type Condition struct {
	// Equals: the property equals the value.
	Equals *PropertyValue
	// Contains: the list property contains the value.
	Contains *PropertyValue
	// Related: a path of relations leads from the entity to the node with
	// this id.
	Related *RelatedTo
	// Text: the entity's search texts contain the text, case-insensitively.
	Text *string
	// Date: a date property compares to a date.
	Date *DateComparison
	// Absent: the entity has no value for this property.
	Absent *string
	// Any: at least one of these conditions holds.
	Any []Condition
}

// PropertyValue is a property name and a value.
type PropertyValue struct {
	Property string
	Value    string
}

// RelatedTo is a path of relations (one or more) and the id at its end.
// An id retired by a merge stands for the entity it was merged into.
type RelatedTo struct {
	Path []Relation
	ID   string
}

// DateOp is a comparison of a date property with a date.
type DateOp string

// The date comparisons.
const (
	DateBefore   DateOp = "<"
	DateOnBefore DateOp = "<="
	DateAfter    DateOp = ">"
	DateOnAfter  DateOp = ">="
)

// DateComparison compares a date property with a date. When the property
// is absent the condition holds only if AbsentMatches is true (an absent
// end date means "still going").
type DateComparison struct {
	Property      string
	Op            DateOp
	Date          Date
	AbsentMatches bool
}

// Holds reports whether a date value passes the comparison. Dates
// compare as periods (see Date): v is before c.Date only when the whole
// of v is before the whole of c.Date, on or before it otherwise unless
// the whole of v is after; and the same the other way.
func (c DateComparison) Holds(v *Date) bool {
	if v == nil || *v == "" {
		return c.AbsentMatches
	}
	switch c.Op {
	case DateBefore:
		return v.Before(c.Date)
	case DateOnBefore:
		return !v.After(c.Date)
	case DateAfter:
		return v.After(c.Date)
	default:
		return !v.Before(c.Date)
	}
}

// ActiveOn returns the conditions "start on or before d, end on or after
// d", where an absent start or end does not exclude.
func ActiveOn(start, end string, d Date) []Condition {
	return []Condition{
		{Date: &DateComparison{Property: start, Op: DateOnBefore, Date: d, AbsentMatches: true}},
		{Date: &DateComparison{Property: end, Op: DateOnAfter, Date: d, AbsentMatches: true}},
	}
}

// CallStatusOn returns the conditions under which a call has status s on
// date d; see Call.StatusOn. OPEN needs both dates; UNKNOWN is what is
// left: neither before the opening date nor after the deadline, and one
// of them missing.
func CallStatusOn(s CallStatus, d Date) []Condition {
	switch s {
	case CallForthcoming:
		return []Condition{{Date: &DateComparison{Property: "opens", Op: DateAfter, Date: d}}}
	case CallClosed:
		return []Condition{{Date: &DateComparison{Property: "deadline", Op: DateBefore, Date: d}}}
	case CallUnknown:
		opens, deadline := "opens", "deadline"
		return append(ActiveOn(opens, deadline, d), Condition{Any: []Condition{{Absent: &opens}, {Absent: &deadline}}})
	}
	return []Condition{
		{Date: &DateComparison{Property: "opens", Op: DateOnBefore, Date: d}},
		{Date: &DateComparison{Property: "deadline", Op: DateOnAfter, Date: d}},
	}
}

// Page sizes.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// PageRequest is a Relay-style page request: First with After pages
// forward, Last with Before pages backward.
type PageRequest struct {
	First  *int
	After  string
	Last   *int
	Before string
}

// Key returns a text naming the page request: equal requests have equal
// keys.
func (p PageRequest) Key() string {
	size := func(n *int) string {
		if n == nil {
			return "-"
		}
		return strconv.Itoa(*n)
	}
	return "[" + size(p.First) + " " + strconv.Quote(p.After) + " " + size(p.Last) + " " + strconv.Quote(p.Before) + "]"
}

// Validate returns BAD_USER_INPUT when the store would refuse p: a size
// outside 1..MaxPageSize, first and last together, or a cursor that does
// not decode.
func (p PageRequest) Validate() error {
	if _, _, err := p.Size(); err != nil {
		return err
	}
	for _, c := range []string{p.After, p.Before} {
		if c != "" {
			if _, err := DecodeCursor(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// Size returns the number of items wanted, and whether paging is backward.
// Returns BAD_USER_INPUT for a size outside 1..MaxPageSize or for first and
// last together.
func (p PageRequest) Size() (n int, backward bool, err error) {
	switch {
	case p.First != nil && p.Last != nil:
		return 0, false, Errorf(CodeBadUserInput, "give either first or last, not both")
	case p.Last != nil || (p.First == nil && p.Before != ""):
		n = DefaultPageSize
		if p.Last != nil {
			n = *p.Last
		}
		backward = true
	default:
		n = DefaultPageSize
		if p.First != nil {
			n = *p.First
		}
	}
	if n < 0 || n > MaxPageSize {
		f := "first"
		if backward {
			f = "last"
		}
		return 0, false, FieldError(f, "must be between 0 and %d", MaxPageSize)
	}
	return n, backward, nil
}

// Cursor marks a position in an ordered list: the sort key of an entity
// and its id. It never holds an offset, so that a cursor stays correct
// while others insert and delete.
type Cursor struct {
	Key string `json:"k"`
	// Num is the key of a numeric order.
	Num *float64 `json:"n,omitempty"`
	ID  string   `json:"i"`
	// Order names the order the cursor belongs to ("" for names,
	// ascending), so that a cursor is never read in another order.
	Order string `json:"o,omitempty"`
}

// Encode returns the cursor as an opaque string.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor parses a cursor made by Encode; it returns BAD_USER_INPUT
// for anything else.
func DecodeCursor(s string) (Cursor, error) {
	var c Cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return Cursor{}, Errorf(CodeBadUserInput, "%q is not a cursor given by this API", s)
	}
	return c, nil
}

// CursorOf returns the cursor of a node in a list ordered by sort name.
func CursorOf(n Node) Cursor {
	m, name := n.NodeMeta(), n.SortName()
	if m.sortKey != "" && m.sortName == name {
		return Cursor{Key: m.sortKey, ID: m.ID}
	}
	return Cursor{Key: SortKey(name), ID: m.ID}
}

// Less reports whether a comes before b: by key, then by id.
func (a Cursor) Less(b Cursor) bool {
	if a.Key != b.Key {
		return a.Key < b.Key
	}
	return a.ID < b.ID
}

// Page is one page of a list, with each node's cursor.
type Page struct {
	Nodes           []Node
	Cursors         []Cursor
	HasNextPage     bool
	HasPreviousPage bool
	// Total is the number of entities that satisfy the query's
	// conditions, when it asked for it (ListQuery.WithTotal).
	Total *int
}
