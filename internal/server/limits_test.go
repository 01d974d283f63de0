package server_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

const graphQLResponse = "application/graphql-response+json"

func TestRequestRefusals(t *testing.T) {
	var logs bytes.Buffer
	url := startServer(t, memtest.Seeded(t), &logs, server.Config{Limits: server.Limits{RatePerSecond: -1}}) + "/graphql"
	tests := []struct {
		name, method, contentType, accept string
		body                              []byte
		status                            int
		code, says                        string
		// noData: the answer has no data entry.
		noData bool
	}{
		{"body above the limit", "POST", "application/json", "", hostileBody(2 << 20), 413, "BAD_USER_INPUT", "larger than 1048576 bytes", true},
		{"malformed JSON", "POST", "application/json", "", []byte(`{"query": "{ pillars { name } }"`), 400, "BAD_USER_INPUT", "not a GraphQL request in JSON", true},
		{"empty body", "POST", "application/json", "", nil, 400, "BAD_USER_INPUT", "body is empty", true},
		{"JSON that is not an object", "POST", "application/json", "", []byte(`"{ pillars { name } }"`), 400, "BAD_USER_INPUT", "not a GraphQL request", true},
		{"batched array", "POST", "application/json", "", []byte(`[{"query": "{ pillars { name } }"}]`), 400, "BAD_USER_INPUT", "batched requests are not supported", true},
		{"text/plain", "POST", "text/plain", "", query("{ pillars { name } }", nil), 415, "BAD_USER_INPUT", "send the request as application/json", true},
		{"form post", "POST", "application/x-www-form-urlencoded", "", []byte("query=%7Bpillars%7Bname%7D%7D"), 415, "BAD_USER_INPUT", "application/json", true},
		{"parse error, application/json", "POST", "application/json", "", query("{ pillars { name }", nil), 200, "GRAPHQL_PARSE_FAILED", "Expected", true},
		{"parse error, graphql-response+json", "POST", "application/json", graphQLResponse, query("{ pillars { name }", nil), 400, "GRAPHQL_PARSE_FAILED", "Expected", true},
		{"validation error, application/json", "POST", "application/json", "application/json", query("{ pillars { nosuch } }", nil), 200, "GRAPHQL_VALIDATION_FAILED", "nosuch", true},
		{"validation error, graphql-response+json", "POST", "application/json", graphQLResponse, query("{ pillars { nosuch } }", nil), 400, "GRAPHQL_VALIDATION_FAILED", "nosuch", true},
		{"variable error, application/json", "POST", "application/json", "", query("query($n: Int) { organisations(first: $n) { totalCount } }", map[string]any{"n": "ten"}), 200, "GRAPHQL_VALIDATION_FAILED", "n", true},
		{"mutation over GET", "GET", "", "", nil, 405, "BAD_USER_INPUT", "GET serves queries only", true},
		{"query over GET", "GET", "", "", nil, 200, "", "", false},
		{"query over POST, graphql-response+json", "POST", "application/json; charset=utf-8", graphQLResponse, query("{ pillars { name } }", nil), 200, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := url
			if tt.method == "GET" {
				u += "?query=" + map[bool]string{true: "mutation%7BdeleteNode(id:%22x%22)%7BdeletedIds%7D%7D", false: "%7Bpillars%7Bname%7D%7D"}[tt.status == 405]
			}
			r := send(t, tt.method, u, tt.contentType, tt.accept, tt.body)
			if r.status != tt.status || r.errCode != tt.code || !strings.Contains(r.message, tt.says) {
				t.Fatalf("got %d %s %q, want %d %s containing %q", r.status, r.errCode, r.message, tt.status, tt.code, tt.says)
			}
			if _, has := r.body["data"]; has == tt.noData {
				t.Errorf("data entry present = %v, want %v: %v", has, !tt.noData, r.body)
			}
			wantType := "application/json"
			if tt.accept == graphQLResponse {
				wantType = graphQLResponse
			}
			if got := r.header.Get("Content-Type"); !strings.HasPrefix(got, wantType) {
				t.Errorf("Content-Type = %q, want %s", got, wantType)
			}
		})
	}
	if strings.Contains(logs.String(), `"level":"ERROR"`) || strings.Contains(logs.String(), "xxxxxxxxxx") || strings.Contains(logs.String(), "pillars { name }") {
		t.Errorf("refusals were logged at ERROR or with the body:\n%.2000s", logs.String())
	}
	if !strings.Contains(logs.String(), `"level":"WARN","msg":"request refused"`) {
		t.Errorf("refusals are not logged at WARN:\n%.2000s", logs.String())
	}
}

func TestDocumentLimits(t *testing.T) {
	url := startServer(t, memtest.Seeded(t), nil, server.Config{Limits: server.Limits{RatePerSecond: -1}}) + "/graphql"
	tests := []struct {
		name, query string
		says        string
	}{
		{"300 KB of duplicated fields", duplicatedFields(300 << 10), "more than 15000 tokens"},
		{"100,000 @include directives (1.8 MB)", includeDirectives(100000), "larger than 1048576 bytes"},
		{"3,000 @include directives", includeDirectives(3000), "more than 15000 tokens"},
		{"60 @include directives", includeDirectives(60), "60 directives, more than the limit of 50"},
		{"a field 11 times in one set", duplicatedFields(55), `"name" is selected more than 10 times`},
		{"duplicates through fragments", "{ pillars { name ...A ...B } } fragment A on Pillar { name name name name name } fragment B on Pillar { name name name name name }", `"name" is selected more than 10 times`},
		{"fragment bomb 4 ways 13 deep", fragmentBomb(4, 13), `"name" is selected more than 10 times`},
		{"60 networkGaps aliases", networkGapsAliases(60), "60 aliases, more than the limit of 30"},
		{"20 levels deep", deepFields(6), "more than 15 deep"},
		{"first above 100", "{ organisations(first: 1000) { totalCount } }", "first on organisations must be at most 100"},
		{"first above 100 in a variable", "query($n: Int) { organisations(first: $n) { totalCount } }", "first on organisations must be at most 100"},
		{"60,000 ids in sharedProjects", "query($ids: [ID!]!) { sharedProjects(organisationIds: $ids) { totalCount } }", "holds a list of 60000 items, more than the limit of 1000"},
		{"collaborators(first:100) five deep", collaboratorsDeep(5), "more than 15 deep"},
		{"collaborators(first:100) two deep", collaboratorsDeep(2), "1010100 nodes, more than the limit of 500000"},
		{"11 analytics fields", networkGapsAliases(11), "more than the limit of 500000"},
		// gqlgen answered a deferred resolver field null, its value lost.
		{"@defer on an inline fragment", "{ organisations(first: 2) { edges { node { id ... @defer { units(first: 2) { totalCount } } } } } }", "@defer is not supported"},
		{"@defer on a fragment spread", "{ organisations(first: 2) { edges { node { id ...U @defer(label: \"u\") } } } } fragment U on Organisation { units(first: 2) { totalCount } }", "@defer is not supported"},
		{"@defer inside a fragment", "{ organisations(first: 2) { edges { node { ...U } } } } fragment U on Organisation { id ... @defer(if: true) { name } }", "@defer is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			vars := map[string]any{"n": 500}
			if strings.Contains(tt.query, "$ids") {
				vars["ids"] = manyIDs(60000)
			}
			r := send(t, "POST", url, "application/json", "", query(tt.query, vars))
			took := time.Since(start)
			status := 200
			if strings.Contains(tt.says, "bytes") {
				status = 413
			}
			if r.status != status || r.errCode != "BAD_USER_INPUT" || !strings.Contains(r.message, tt.says) {
				t.Fatalf("got %d %s %q, want %d BAD_USER_INPUT containing %q", r.status, r.errCode, r.message, status, tt.says)
			}
			if _, has := r.body["data"]; has {
				t.Errorf("a refused document has a data entry")
			}
			if took > time.Second {
				t.Errorf("refusing it took %v", took)
			}
		})
	}
}

func TestCostCountsRows(t *testing.T) {
	// Without the depth limit, which would refuse the deepest first.
	url := startServer(t, memtest.Seeded(t), nil, server.Config{Limits: server.Limits{RatePerSecond: -1, MaxDepth: -1}}) + "/graphql"
	tests := []struct {
		name, query string
		// cost is the computed figure of a refusal; 0 when it must pass.
		cost float64
	}{
		{"five levels", collaboratorsDeep(5), 100 + 100*100 + 100*100*100 + 1e8 + 1e10 + 1e12},
		{"three levels", collaboratorsDeep(3), 100 + 1e4 + 1e6 + 1e8},
		{"two levels", collaboratorsDeep(2), 100 + 1e4 + 1e6},
		{"one level passes", collaboratorsDeep(1), 0},
		{"three levels of 20 pass", strings.ReplaceAll(collaboratorsDeep(3), "100", "20"), 0},
		{"default page counts 20", "{ organisations { edges { node { collaborators { edges { node { organisation { collaborators { edges { node { count } } } } } } } } } } }", 0},
		{"unpaged list counted with its bound", "{ organisations(first: 100) { edges { node { collaborators(first: 100) { edges { node { organisation { funds { pillars { id } } } } } } } } } }", 100 + 1e4 + 1e5 + 1e6},
		{"nine analytics fields pass", networkGapsAliases(9), 0},
		{"eleven analytics fields", networkGapsAliases(11), 11*50000 + 11*10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", url, "application/json", "", query(tt.query, nil))
			if tt.cost == 0 {
				if r.errCode != "" {
					t.Fatalf("refused: %s %q", r.errCode, r.message)
				}
				return
			}
			ext := r.body["errors"].([]any)[0].(map[string]any)["extensions"].(map[string]any)
			if r.errCode != "BAD_USER_INPUT" || ext["cost"] != tt.cost || ext["limit"] != float64(500000) {
				t.Fatalf("got %s %v, want BAD_USER_INPUT with cost %v and limit 500000 (%s)", r.errCode, ext, tt.cost, r.message)
			}
		})
	}
}

func TestLimitsAreConfigurable(t *testing.T) {
	url := startServer(t, memtest.Seeded(t), nil, server.Config{Limits: server.Limits{
		RatePerSecond: -1, MaxNodes: 50, MaxDepth: -1, MaxBodyBytes: 2000,
	}}) + "/graphql"
	tests := []struct {
		name, query string
		status      int
		says        string
	}{
		{"a lower node limit", "{ organisations(first: 51) { totalCount } }", 200, "51 nodes, more than the limit of 50"},
		{"depth switched off", deepFields(4), 200, ""},
		{"fields limit without the depth limit", fieldBomb(13), 200, "more than 2000 fields"},
		{"a lower body limit", "{ pillars { name } }" + strings.Repeat(" ", 2000), 413, "larger than 2000 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", url, "application/json", "", query(tt.query, nil))
			if r.status != tt.status || !strings.Contains(r.message, tt.says) || (tt.says == "") != (r.errCode == "") {
				t.Fatalf("got %d %s %q, want %d %q", r.status, r.errCode, r.message, tt.status, tt.says)
			}
		})
	}
}

func TestPersistedQueriesAreCheckedWithTheirVariables(t *testing.T) {
	url := startServer(t, memtest.Seeded(t), nil, server.Config{Limits: server.Limits{RatePerSecond: -1}}) + "/graphql"
	q := "query($n: Int) { organisations(first: $n) { edges { node { collaborators(first: $n) { edges { node { organisation { collaborators(first: $n) { totalCount } } } } } } } } }"
	hash := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(hash[:])}}
	body := func(withQuery bool, n int) []byte {
		m := map[string]any{"extensions": ext, "variables": map[string]any{"n": n}}
		if withQuery {
			m["query"] = q
		}
		b, _ := json.Marshal(m)
		return b
	}
	tests := []struct {
		name      string
		withQuery bool
		n         int
		says      string
	}{
		{"stored with a small page", true, 1, ""},
		{"by hash with a small page", false, 2, ""},
		{"by hash with pages of 100", false, 100, "1010100 nodes, more than the limit of 500000"},
		// The document is parsed once and cached; the cost is still
		// worked out with each request's variables.
		{"in full again with pages of 100", true, 100, "1010100 nodes, more than the limit of 500000"},
		{"in full again with a small page", true, 3, ""},
	}
	for _, tt := range tests {
		r := send(t, "POST", url, "application/json", "", body(tt.withQuery, tt.n))
		if !strings.Contains(r.message, tt.says) || (tt.says == "") != (r.errCode == "") {
			t.Errorf("%s: got %s %q, want %q", tt.name, r.errCode, r.message, tt.says)
		}
	}
}

// introspectionQuery is the shape of GraphiQL's schema query, types
// nested nine deep.
const introspectionQuery = `query IntrospectionQuery { __schema { queryType { name } mutationType { name }
  types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue } interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }`

func TestIntrospectionQueryPasses(t *testing.T) {
	url := startServer(t, memtest.New(t), nil, server.Config{Limits: server.Limits{RatePerSecond: -1}}) + "/graphql"
	r := send(t, "POST", url, "application/json", "", query(introspectionQuery, nil))
	if r.errCode != "" {
		t.Fatalf("GraphiQL's introspection query is refused: %s %q", r.errCode, r.message)
	}
}

// manyIDs is n organisation ids.
func manyIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = "o" + strconv.Itoa(i)
	}
	return ids
}
