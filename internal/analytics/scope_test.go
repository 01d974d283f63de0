package analytics_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

// TestScopesTakeInWhatTheySay checks each criterion of a scope on the
// seeded graph, whose three projects all cover livskvalitet.
func TestScopesTakeInWhatTheySay(t *testing.T) {
	m, err := analytics.New(memtest.Seeded(t)).Model(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var members []string
	for _, mem := range seedtest.HubMembers {
		members = append(members, mem.ID)
	}
	proposal := "akershus-kreftkoordinatorer,akershus-universitetssykehus,helse-more-og-romsdal,helsedirektoratet,krabbameinsfelag-islands," +
		"kraeftens-bekaempelse,kreftforeningen,netherlands-cancer-institute,oslo-universitetssykehus,rigshospitalet,ung-kraeft,ung-kreft,youth-cancer-europe"
	tests := []struct {
		name  string
		scope analytics.Scope
		want  string
	}{
		{"a programme: MyPath is in Horizon Europe", analytics.Scope{Programmes: []string{"horizon-europe"}}, "dnv-imatis"},
		{"a programme above the call: the proposal responds to an EU4Health call", analytics.Scope{Programmes: []string{"eu4health"}}, proposal},
		{"a pillar: the proposal covers it through EU4Health, Kreftregisteret directly", analytics.Scope{Pillars: []string{"tidlig-oppdagelse"}},
			sortedJoin(append(strings.Split(proposal, ","), "kreftregisteret"))},
		{"focus, whatever the case", analytics.Scope{Focus: []string{"Youth"}}, "eu-ambassadornettverk-unge-kreftoverlevere,ung-kraeft,ung-kreft,youth-cancer-europe"},
		{"the hub's members", analytics.Scope{MembersOf: []string{seedtest.Hub}}, sortedJoin(members)},
		{"the hub's members and one step: the proposal's partners, NSCC and the hub itself join through Kreftforeningen and Helsedirektoratet",
			analytics.Scope{MembersOf: []string{seedtest.Hub}, Steps: 1}, sortedJoin(append(append(members, strings.Split(proposal, ",")...), "nscc", seedtest.Hub))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := m.Validate(tt.scope); err != nil {
				t.Fatal(err)
			}
			if got := sortedJoin(m.Network("", tt.scope).Organisations()); got != tt.want {
				t.Errorf("organisations\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	for _, bad := range []struct {
		scope analytics.Scope
		code  ecosystem.Code
	}{
		{analytics.Scope{Pillars: []string{"kreftforeningen"}}, ecosystem.CodeNotFound},
		{analytics.Scope{Programmes: []string{"no-such-programme"}}, ecosystem.CodeNotFound},
		{analytics.Scope{MembersOf: []string{"livskvalitet"}}, ecosystem.CodeNotFound},
		{analytics.Scope{Steps: analytics.MaxSteps + 1}, ecosystem.CodeBadUserInput},
		{analytics.Scope{Steps: -1}, ecosystem.CodeBadUserInput},
	} {
		if err := m.Validate(bad.scope); ecosystem.ErrorCode(err) != bad.code {
			t.Errorf("scope %+v: %v, want %s", bad.scope, err, bad.code)
		}
	}
}

func sortedJoin(xs []string) string {
	ys := append([]string(nil), xs...)
	sort.Strings(ys)
	out := ys[:0]
	for i, y := range ys {
		if i == 0 || y != ys[i-1] {
			out = append(out, y)
		}
	}
	return strings.Join(out, ",")
}
