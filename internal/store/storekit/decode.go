package storekit

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// DecodeNode builds an entity of label l from stored properties, as
// ecosystem.NodeFromProperties does, but without its JSON round trip:
// each property is set straight on the field of that JSON name, by a plan
// made once per type. Properties the entity does not have (such as
// InternalProperties) are ignored. Reads decode every node they return,
// so this is on the path of every query.
func DecodeNode(l ecosystem.Label, props map[string]any) (ecosystem.Node, error) {
	n := ecosystem.NewNode(l)
	if n == nil {
		return nil, fmt.Errorf("unknown label %q", l)
	}
	if err := decodeInto(props, n); err != nil {
		return nil, fmt.Errorf("decoding %s %v: %w", l, props["id"], err)
	}
	if key, ok := props["sortKey"].(string); ok && key != "" {
		n.NodeMeta().KeepSortKey(n.SortName(), key)
	}
	return n, nil
}

// DecodeLinkProps builds the properties of a link of type t from stored
// properties, as ecosystem.LinkPropsFromProperties does, without JSON.
func DecodeLinkProps(t ecosystem.RelType, props map[string]any) (ecosystem.LinkProps, error) {
	p := ecosystem.NewLinkProps(t)
	if p == nil {
		return nil, fmt.Errorf("unknown relationship type %q", t)
	}
	if err := decodeInto(props, p); err != nil {
		return nil, fmt.Errorf("decoding a %s link: %w", t, err)
	}
	return p, nil
}

// field is where one property goes: the field's index path (through
// embedded structs) and whether its stored value is JSON text.
type field struct {
	index []int
	json  bool
}

// plans caches, per struct type, its fields by JSON name.
var plans sync.Map // reflect.Type -> map[string]field

// planOf returns the fields of struct type t by JSON name, as
// encoding/json sees them (embedded structs' fields promoted).
func planOf(t reflect.Type) map[string]field {
	if p, ok := plans.Load(t); ok {
		return p.(map[string]field)
	}
	p := map[string]field{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || (f.Anonymous && f.Type.Kind() == reflect.Struct) {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		p[name] = field{index: f.Index, json: ecosystem.Structured(name)}
	}
	plans.Store(t, p)
	return p
}

// decodeInto sets the fields of the struct v points to from props.
func decodeInto(props map[string]any, v any) error {
	s := reflect.ValueOf(v).Elem()
	plan := planOf(s.Type())
	for k, val := range props {
		if err := decodeProperty(s, plan, k, val); err != nil {
			return err
		}
	}
	return nil
}

// decodeProperty sets the field of the struct s that holds property k
// (by plan, s's planOf) from its stored value val; a property s has no
// field for, or a null, sets nothing.
func decodeProperty(s reflect.Value, plan map[string]field, k string, val any) error {
	f, ok := plan[k]
	if !ok || val == nil {
		return nil
	}
	dst := s.FieldByIndex(f.index)
	if f.json {
		// A property held as JSON text (sources): go-json decodes it
		// two to three times as fast as encoding/json, and every
		// entity read has one.
		if text, ok := val.(string); ok {
			if err := gojson.UnmarshalNoEscape([]byte(text), dst.Addr().Interface()); err != nil {
				return fmt.Errorf("property %s: %w", k, err)
			}
			return nil
		}
	}
	if err := set(dst, val); err != nil {
		return fmt.Errorf("property %s: %w", k, err)
	}
	return nil
}

// DecodePartialNode builds an entity of label l read partially from the
// list of its values a store returned in the order PartialValues names
// them: its id, its sort key when withSortKey, then properties. It
// returns the entity and its cursor in name order (NameCursor of the
// same values). A list holds a few properties in less than a map: a
// query showing hundreds of partially read neighbours spent a tenth of
// its allocations on their maps.
func DecodePartialNode(l ecosystem.Label, withSortKey bool, properties []string, values []any) (ecosystem.Node, ecosystem.Cursor, error) {
	n := ecosystem.NewNode(l)
	if n == nil {
		return nil, ecosystem.Cursor{}, fmt.Errorf("unknown label %q", l)
	}
	want := PartialWidth(withSortKey, properties)
	if len(values) != want {
		return nil, ecosystem.Cursor{}, fmt.Errorf("decoding a partial %s: %d values for %d", l, len(values), want)
	}
	s := reflect.ValueOf(n).Elem()
	plan := planOf(s.Type())
	var cursor ecosystem.Cursor
	cursor.ID, _ = values[0].(string)
	if err := decodeProperty(s, plan, "id", values[0]); err != nil {
		return nil, cursor, err
	}
	rest := values[1:]
	if withSortKey {
		cursor.Key, _ = values[1].(string)
		if err := decodeProperty(s, plan, "sortKey", values[1]); err != nil {
			return nil, cursor, err
		}
		rest = values[2:]
	}
	for i, p := range properties {
		if err := decodeProperty(s, plan, p, rest[i]); err != nil {
			return nil, cursor, fmt.Errorf("decoding %s %v: %w", l, values[0], err)
		}
	}
	if cursor.Key != "" {
		n.NodeMeta().KeepSortKey(n.SortName(), cursor.Key) // the name it is kept for is decoded by now
	}
	return n, cursor, nil
}

// PartialValues names the values of an entity read partially, in the
// order DecodePartialNode reads them: id, sortKey when withSortKey, then
// properties.
func PartialValues(withSortKey bool, properties []string) []string {
	// PartialWidth counts these.
	names := []string{"id"}
	if withSortKey {
		names = append(names, "sortKey")
	}
	return append(names, properties...)
}

// PartialWidth is how many values PartialValues names, without naming
// them: a store reading rows of partial entities side by side with other
// values finds where each entity ends.
func PartialWidth(withSortKey bool, properties []string) int {
	if withSortKey {
		return 2 + len(properties)
	}
	return 1 + len(properties)
}

var timeType = reflect.TypeOf(time.Time{})

// set stores a property value in dst, converting between the value types
// stores return (string, int64, float64, bool, lists) and the field's.
// What it does not know it hands to encoding/json, so that it never
// decodes less than ecosystem.DecodeProperties would.
func set(dst reflect.Value, val any) error {
	if dst.Kind() == reflect.Pointer {
		elem := reflect.New(dst.Type().Elem())
		if err := set(elem.Elem(), val); err != nil {
			return err
		}
		dst.Set(elem)
		return nil
	}
	switch {
	case dst.Type() == timeType:
		if s, ok := val.(string); ok {
			return dst.Addr().Interface().(*time.Time).UnmarshalText([]byte(s))
		}
	case dst.Kind() == reflect.String:
		if s, ok := val.(string); ok {
			dst.SetString(s)
			return nil
		}
	case dst.Kind() == reflect.Bool:
		if b, ok := val.(bool); ok {
			dst.SetBool(b)
			return nil
		}
	case dst.CanInt():
		switch x := val.(type) {
		case int64:
			dst.SetInt(x)
			return nil
		case int:
			dst.SetInt(int64(x))
			return nil
		case float64:
			if x == float64(int64(x)) {
				dst.SetInt(int64(x))
				return nil
			}
		}
	case dst.CanFloat():
		switch x := val.(type) {
		case float64:
			dst.SetFloat(x)
			return nil
		case int64:
			dst.SetFloat(float64(x))
			return nil
		case int:
			dst.SetFloat(float64(x))
			return nil
		}
	case dst.Kind() == reflect.Slice && dst.Type().Elem().Kind() == reflect.String:
		switch list := val.(type) {
		case []string:
			out := reflect.MakeSlice(dst.Type(), len(list), len(list))
			for i, x := range list {
				out.Index(i).SetString(x)
			}
			dst.Set(out)
			return nil
		case []any:
			out := reflect.MakeSlice(dst.Type(), len(list), len(list))
			ok := true
			for i, x := range list {
				s, isString := x.(string)
				ok = ok && isString
				out.Index(i).SetString(s)
			}
			if ok {
				dst.Set(out)
				return nil
			}
		}
	}
	b, err := json.Marshal(val)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst.Addr().Interface())
}

// EntityProperties returns the stored properties an entity of label l is
// decoded from (its fields' names, sorted), so that a store can read
// those and leave the rest (search texts, hashes, edit marks) behind.
// Every read names them, so they are worked out once per label; the
// slice is shared and must not be changed.
func EntityProperties(l ecosystem.Label) []string {
	if names, ok := entityProperties.Load(l); ok {
		return names.([]string)
	}
	n := ecosystem.NewNode(l)
	if n == nil {
		return nil
	}
	plan := planOf(reflect.TypeOf(n).Elem())
	names := make([]string, 0, len(plan))
	for name := range plan {
		names = append(names, name)
	}
	sort.Strings(names)
	entityProperties.Store(l, names)
	return names
}

// entityProperties holds EntityProperties' answer per label.
var entityProperties sync.Map
