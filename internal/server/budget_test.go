package server_test

import (
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// TestProgrammeBudgetsSayWhatTheyCover: the Mission on Cancer's 378 M
// EUR are for thematic calls in years 1–3, not its whole budget, and
// EU4Health's 1.25 bn EUR go to Europe's Beating Cancer Plan, each with
// the slide's words; budgetEur still answers, on every store.
func TestProgrammeBudgetsSayWhatTheyCover(t *testing.T) {
	type budget struct {
		AmountEur   float64
		Approximate bool
		Covers      string
		Period      *string
		Programme   *struct{ ID string }
		Sources     []struct{ Kind, Reference, Quote string }
	}
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			var out struct {
				Mission, EU4Health struct {
					BudgetEur *float64
					Budgets   []budget
				}
			}
			fields := `{ budgetEur budgets { amountEur approximate covers period programme { id } sources { kind reference quote } } }`
			c.mustQuery(`{ mission: programme(id: "mission-on-cancer") `+fields+`
			  eu4Health: programme(id: "eu4health") `+fields+` }`, nil, &out)
			m := out.Mission
			if m.BudgetEur != nil || len(m.Budgets) != 1 {
				t.Fatalf("Mission on Cancer: budgetEur %v, budgets %+v; want no whole budget and one budget", m.BudgetEur, m.Budgets)
			}
			if got := m.Budgets[0]; got.AmountEur != 378e6 || got.Covers != "thematic calls for research and innovation" ||
				got.Period == nil || *got.Period != "years 1–3 of the mission" || got.Programme != nil ||
				len(got.Sources) != 1 || got.Sources[0].Kind != "DOCUMENT" || got.Sources[0].Quote != "378 M EUR i årene 1-3 for tematiske utlysninger" {
				t.Errorf("Mission on Cancer's budget %+v", got)
			}
			e := out.EU4Health
			if e.BudgetEur == nil || *e.BudgetEur != 5.3e9 || len(e.Budgets) != 2 {
				t.Fatalf("EU4Health: budgetEur %v, budgets %+v; want 5.3e9 and two budgets", e.BudgetEur, e.Budgets)
			}
			if got := e.Budgets[1]; got.AmountEur != 1.25e9 || got.Programme == nil || got.Programme.ID != "europes-beating-cancer-plan" ||
				len(got.Sources) != 1 || got.Sources[0].Quote != "1,25 B EUR for kreftplanen" {
				t.Errorf("EU4Health's budget for the cancer plan %+v", got)
			}
		})
	}
}
