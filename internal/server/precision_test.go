package server_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// TestSeededDatesKeepTheirPrecision: the seed's "Mars 2018", "svar mars
// 2024" and "Q3 2024" reach a client as the month and the quarter, and
// filters compare them as periods, on every store.
func TestSeededDatesKeepTheirPrecision(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			var out struct {
				Event struct{ Date string }
				Call  struct {
					ResultsExpected, ExpectedStart string
					Deadline                       string
				}
				Events struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
			c.mustQuery(`query($from: Date, $to: Date) {
			  event(id: "pakkeforlop-hjem-oppdrag") { date }
			  call(id: "eu4health-mental-health-cancer-call") { resultsExpected expectedStart deadline }
			  events(filter: {from: $from, to: $to}, first: 100) { edges { node { id } } } }`,
				map[string]any{"from": "2018-03-15", "to": "2018-06"}, &out)
			if out.Event.Date != "2018-03" {
				t.Errorf("the milestone of March 2018 is dated %q, want 2018-03", out.Event.Date)
			}
			if out.Call.ResultsExpected != "2024-03" || out.Call.ExpectedStart != "2024-Q3" || out.Call.Deadline != "2023-10-17" {
				t.Errorf("the call: results %q, start %q, deadline %q; want 2024-03, 2024-Q3, 2023-10-17",
					out.Call.ResultsExpected, out.Call.ExpectedStart, out.Call.Deadline)
			}
			var got []string
			for _, e := range out.Events.Edges {
				got = append(got, e.Node.ID)
			}
			sort.Strings(got)
			want := "[nasjonal-kreftstrategi-2018-2022 pakkeforlop-hjem-oppdrag pakkeforlop-hjem-presisering]"
			if fmt.Sprint(got) != want {
				t.Errorf("events from 2018-03-15 to 2018-06: %v, want %s", got, want)
			}
		})
	}
}
