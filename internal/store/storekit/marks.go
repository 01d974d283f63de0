package storekit

import (
	"sort"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// EditedProperty is the store property holding an entity's edit marks,
// as the list of strings Mark.String gives.
const EditedProperty = "editedFields"

// MarkKind is what an editor's mark protects from later seeds and
// imports.
type MarkKind int

// The kinds of mark.
const (
	// FieldEdited: the editor set an entity field (Field).
	FieldEdited MarkKind = iota
	// SlotReplaced: the editor replaced every link of Type going out of
	// the entity.
	SlotReplaced
	// IncomingSlotReplaced: the editor replaced every link of Type coming
	// into the entity.
	IncomingSlotReplaced
	// LinkRemoved: the editor removed the link of Type to To.
	LinkRemoved
	// EdgeEdited: the editor set the link of Type to To, with its
	// properties.
	EdgeEdited
)

// Mark is one thing an editor set on an entity. Marks are comparable, so
// that a set of them is a map.
type Mark struct {
	Kind  MarkKind
	Field string
	Type  ecosystem.RelType
	To    string
}

// The stored prefixes of the link marks; a field mark is the bare field
// name. Field names and ids never hold a colon, so the forms cannot mix.
const (
	slotPrefix         = "link"
	incomingSlotPrefix = "link-in"
	removedPrefix      = "unlink"
	edgePrefix         = "edge"
)

// FieldMark marks an entity field as set by an editor.
func FieldMark(field string) Mark { return Mark{Kind: FieldEdited, Field: field} }

// String returns the mark's stored form: "name" for a field,
// "link:TYPE", "link-in:TYPE", "unlink:TYPE:to" and "edge:TYPE:to" for
// link marks. Data written before marks had a type holds the same
// strings, so it reads back unchanged.
func (m Mark) String() string {
	switch m.Kind {
	case SlotReplaced:
		return slotPrefix + ":" + string(m.Type)
	case IncomingSlotReplaced:
		return incomingSlotPrefix + ":" + string(m.Type)
	case LinkRemoved:
		return removedPrefix + ":" + string(m.Type) + ":" + m.To
	case EdgeEdited:
		return edgePrefix + ":" + string(m.Type) + ":" + m.To
	}
	return m.Field
}

// ParseMark reads a mark's stored form (see String). A string it does
// not recognise as a link mark is a field mark.
func ParseMark(s string) Mark {
	parts := strings.SplitN(s, ":", 3)
	kinds := map[string]MarkKind{slotPrefix: SlotReplaced, incomingSlotPrefix: IncomingSlotReplaced, removedPrefix: LinkRemoved, edgePrefix: EdgeEdited}
	kind, ok := kinds[parts[0]]
	switch {
	case !ok || len(parts) < 2:
		return FieldMark(s)
	case kind == SlotReplaced || kind == IncomingSlotReplaced:
		if len(parts) == 2 {
			return Mark{Kind: kind, Type: ecosystem.RelType(parts[1])}
		}
	case len(parts) == 3:
		return Mark{Kind: kind, Type: ecosystem.RelType(parts[1]), To: parts[2]}
	}
	return FieldMark(s)
}

// ParseMarks reads a stored list of marks.
func ParseMarks(stored []string) []Mark {
	if len(stored) == 0 {
		return nil
	}
	out := make([]Mark, len(stored))
	for i, s := range stored {
		out[i] = ParseMark(s)
	}
	return out
}

// StoredMarks returns marks in their stored form, sorted, so that the
// same set is always stored alike.
func StoredMarks(marks []Mark) []string {
	out := make([]string, len(marks))
	for i, m := range marks {
		out[i] = m.String()
	}
	sort.Strings(out)
	return out
}
