package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Floor serves the floor: each query's hand-written Cypher through the Go
// driver, its rows serialised to JSON, behind the same kind of HTTP
// endpoint the GraphQL servers have, so that all systems are measured
// alike. A request is {"query": "q1", "variables": {...}}.
type Floor struct {
	Driver   neo4j.DriverWithContext
	Database string
}

// floorRequest is what the harness posts to the floor.
type floorRequest struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables"`
}

// ServeHTTP runs the named query's Cypher and writes {"data": rows}.
func (f *Floor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req floorRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var q *Query
	for i := range Queries {
		if Queries[i].Name == req.Query {
			q = &Queries[i]
		}
	}
	if q == nil {
		http.Error(w, "no such query", http.StatusNotFound)
		return
	}
	res, err := neo4j.ExecuteQuery(r.Context(), f.Driver, q.Floor, req.Variables, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(f.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows := make([]any, len(res.Records))
	for i, rec := range res.Records {
		row := make(map[string]any, len(rec.Keys))
		for j, k := range rec.Keys {
			row[k] = rec.Values[j]
		}
		rows[i] = row
	}
	var buf bytes.Buffer
	buf.WriteString(`{"data":`)
	writeOrdered(&buf, rows)
	buf.WriteString("}")
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(buf.Bytes())
}

// keyRank puts the keys the answers are compared by first, in the order
// the GraphQL queries select them (totalCount, count, id, name), then
// nested lists by name.
func keyRank(k string) string {
	switch k {
	case "totalCount":
		return "0"
	case "count":
		return "1"
	case "id":
		return "2"
	case "name":
		return "3"
	}
	return "4" + k
}

// writeOrdered writes v as JSON with object keys in keyRank order.
func writeOrdered(buf *bytes.Buffer, v any) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keyRank(keys[i]) < keyRank(keys[j]) })
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			b, _ := json.Marshal(k)
			buf.Write(b)
			buf.WriteByte(':')
			writeOrdered(buf, x[k])
		}
		buf.WriteByte('}')
	case []any:
		buf.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeOrdered(buf, e)
		}
		buf.WriteByte(']')
	default:
		b, _ := json.Marshal(x)
		buf.Write(b)
	}
}

// answerKey reads an answer's ids and counts in document order (sorted,
// when the answer is ranked): what must be equal across systems however
// each shapes its JSON. It fails on
// a GraphQL error, and on an answer without any id (a wrong parameter
// would otherwise compare equal everywhere).
func answerKey(body []byte, ranked bool) (string, error) {
	var top struct {
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &top); err != nil {
		return "", fmt.Errorf("not JSON: %.200s", body)
	}
	if len(top.Errors) > 0 {
		return "", fmt.Errorf("errors: %s", top.Errors[0].Message)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var parts []string
	expectKey, last := false, ""
	var stack []bool // true for an object
	ids := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, true)
				expectKey = true
			case '[':
				stack = append(stack, false)
				expectKey = false
			default:
				stack = stack[:len(stack)-1]
				expectKey = len(stack) > 0 && stack[len(stack)-1]
			}
			continue
		}
		if expectKey {
			last = tok.(string)
			expectKey = false
			continue
		}
		switch last {
		case "id":
			parts = append(parts, fmt.Sprint(tok))
			ids++
		case "totalCount", "count":
			parts = append(parts, "#"+fmt.Sprint(tok))
		}
		last = ""
		expectKey = len(stack) > 0 && stack[len(stack)-1]
	}
	if ids == 0 {
		return "", fmt.Errorf("no ids in the answer: %.200s", body)
	}
	if ranked {
		var counts []string
		for _, p := range parts {
			if strings.HasPrefix(p, "#") {
				counts = append(counts, p)
			}
		}
		return fmt.Sprintf("%s %d hits", strings.Join(counts, " "), ids), nil
	}
	return strings.Join(parts, " "), nil
}

// openDriver connects the Go driver for the floor and the harness.
func openDriver(ctx context.Context, uri, user, password string) (neo4j.DriverWithContext, error) {
	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""))
	if err != nil {
		return nil, err
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		_ = d.Close(ctx)
		return nil, err
	}
	return d, nil
}
