package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/server"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

func TestTokensOnReads(t *testing.T) {
	url := startServer(t, memtest.Seeded(t), nil, server.Config{Limits: server.Limits{RatePerSecond: -1}}) + "/graphql"
	tests := []struct {
		name, auth, code string
	}{
		{"anonymous reads", "", ""},
		{"a valid token reads", "Bearer " + readerToken, ""},
		{"a wrong token is refused", "Bearer not-a-token", "UNAUTHENTICATED"},
		{"another scheme is refused", "Basic " + readerToken, "UNAUTHENTICATED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(string(query("{ pillars { name } }", nil))))
			req.Header.Set("Content-Type", "application/json")
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			r := sendRequest(t, req)
			if r.errCode != tt.code {
				t.Errorf("code %q (%s), want %q", r.errCode, r.message, tt.code)
			}
		})
	}
}

func TestProductionSettings(t *testing.T) {
	url := startServer(t, memtest.Seeded(t), nil, server.Config{
		Limits: server.Limits{RatePerSecond: -1}, HideSchema: true, ReadsNeedToken: true, GraphiQL: false,
	})
	tests := []struct {
		name, token, query, code, lacks string
	}{
		{"anonymous reads are refused", "", "{ pillars { name } }", "UNAUTHENTICATED", ""},
		{"a reader reads", readerToken, "{ pillars { name } }", "", ""},
		{"introspection is off", readerToken, "{ __schema { types { name } } }", "BAD_USER_INPUT", ""},
		{"introspection in a fragment is off", readerToken, "{ ...F } fragment F on Query { __type(name: \"Pillar\") { name } }", "BAD_USER_INPUT", ""},
		{"no field suggestions", readerToken, "{ pillars { nam } }", "GRAPHQL_VALIDATION_FAILED", "Did you mean"},
		{"no field suggestions for anonymous clients", "", "{ pillars { nam } }", "GRAPHQL_VALIDATION_FAILED", "Did you mean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, url+"/graphql", strings.NewReader(string(query(tt.query, nil))))
			req.Header.Set("Content-Type", "application/json")
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			r := sendRequest(t, req)
			if r.errCode != tt.code || (tt.lacks != "" && strings.Contains(r.message, tt.lacks)) {
				t.Errorf("code %q (%s), want %q without %q", r.errCode, r.message, tt.code, tt.lacks)
			}
		})
	}
	res, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("GraphiQL answers %d with GraphiQL off", res.StatusCode)
	}
}
