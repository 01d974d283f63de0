package server_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

// BenchmarkHostileRefusals is the time (and the memory, client's and
// server's, both in this process) to refuse each hostile document of
// issue #10 through the real handler over HTTP on the embedded store:
//
//	go test -run XXX -bench HostileRefusals -benchtime 5x ./internal/server/
func BenchmarkHostileRefusals(b *testing.B) {
	url := startServer(b, memtest.Seeded(b), nil, server.Config{Limits: server.Limits{RatePerSecond: -1}}) + "/graphql"
	tests := []struct {
		name   string
		body   []byte
		status int
	}{
		{"collaborators(first:100) 5 deep", query(collaboratorsDeep(5), nil), 200},
		{"collaborators(first:100) 5 deep, depth limit off: cost", nil, 200},
		{"300 KB of duplicated fields", query(duplicatedFields(300<<10), nil), 200},
		{"fragment bomb 4 ways 13 deep", query(fragmentBomb(4, 13), nil), 200},
		{"50 MiB body", hostileBody(50 << 20), 413},
		{"100,000 @include directives", query(includeDirectives(100000), nil), 413},
		{"60 networkGaps aliases", query(networkGapsAliases(60), nil), 200},
		{"100,000 ids in sharedProjects", query(`query($ids: [ID!]!) { sharedProjects(organisationIds: $ids) { totalCount } }`,
			map[string]any{"ids": manyIDs(100000)}), 200},
		{"batched array", []byte(`[` + string(query("{ pillars { name } }", nil)) + `,` + string(query("{ pillars { id } }", nil)) + `]`), 400},
		{"invalid JSON", []byte(`{"query": "{ pillars { name } }"`), 400},
		{"empty body", []byte{}, 400},
		{"900 KB name (editor)", query(`mutation($n: String!) { upsertOrganisation(input: {id: "huge", name: $n, sector: OTHER}) { organisation { id } } }`,
			map[string]any{"n": strings.Repeat("x", 900<<10)}), 200},
		{"bidi name and javascript website (editor)", query(`mutation { upsertOrganisation(input: {id: "evil", name: "Org\u202Egpj.exe", sector: OTHER, website: "javascript:alert(1)"}) { organisation { id } } }`, nil), 200},
	}
	noDepth := startServer(b, memtest.Seeded(b), nil, server.Config{Limits: server.Limits{RatePerSecond: -1, MaxDepth: -1}}) + "/graphql"
	for _, tt := range tests {
		u, body := url, tt.body
		if body == nil {
			u, body = noDepth, query(collaboratorsDeep(5), nil)
		}
		b.Run(strings.ReplaceAll(tt.name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if strings.Contains(tt.name, "(editor)") {
					req.Header.Set("Authorization", "Bearer "+adminToken)
				}
				r := sendRequest(b, req)
				if r.status != tt.status || r.errCode != "BAD_USER_INPUT" {
					b.Fatalf("got %d %s %q", r.status, r.errCode, r.message)
				}
			}
		})
	}
}
