package analytics

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// ConsortiumSuggestion is an organisation that would help a consortium
// meet a call's unmet requirements: the requirements it counts towards,
// its score and the reasons in words.
type ConsortiumSuggestion struct {
	Organisation *ecosystem.Organisation
	Score        float64
	// Fills are the unmet requirements it counts towards, given the
	// suggestions ranked above it.
	Fills   []ecosystem.Requirement
	Reasons []string
}

// ConsortiumSuggestions ranks the organisations of a scope that would best
// fill a consortium's unmet requirements for a call. The ranking is
// greedy, so that the first suggestions close the gaps together: each
// next one counts towards the most requirements still unmet once those
// above it have joined (a MIN_COUNTRIES requirement only through a
// country the consortium and those above lack), then has the most ties
// to the consortium (shared projects of the scope, memberships, unit
// links), then comes first by name. Its score is the number of
// requirements it fills plus, for each tie, a tenth. Organisations that
// fill nothing are left out, so a consortium that meets every
// requirement gets none. Returns NOT_FOUND for an unknown call or
// organisation and BAD_USER_INPUT for an empty consortium or limit
// outside 1..MaxPageSize.
func (m *Model) ConsortiumSuggestions(callID string, organisationIDs []string, limit int, s Scope) ([]ConsortiumSuggestion, error) {
	if limit < 1 || limit > ecosystem.MaxPageSize {
		return nil, ecosystem.FieldError("first", "must be between 1 and %d", ecosystem.MaxPageSize)
	}
	report, err := m.Eligibility(callID, organisationIDs, s)
	if err != nil {
		return nil, err
	}
	call := m.nodes[callID].(*ecosystem.Call)
	members := map[string]bool{}
	for _, id := range organisationIDs {
		members[id] = true
	}
	c := m.candidates(members, s)
	// What is still missing: per requirement, how many more organisations
	// (or countries), and the countries the consortium has.
	missing := make([]int, len(call.Requirements))
	for i, check := range report.Checks {
		req := check.Requirement
		switch {
		case check.Met:
		case req.Kind == ecosystem.RequirementMinCountries:
			missing[i] = req.Count - len(report.Countries)
		default:
			missing[i] = req.Count - len(check.MetBy)
		}
	}
	countries := map[string]bool{}
	for _, cc := range report.Countries {
		countries[cc] = true
	}
	fills := func(o *ecosystem.Organisation) []int {
		var out []int
		for i, req := range call.Requirements {
			if missing[i] <= 0 {
				continue
			}
			if req.Kind == ecosystem.RequirementMinCountries {
				if o.Country != nil && !countries[*o.Country] {
					out = append(out, i)
				}
			} else if Matches(req, o) {
				out = append(out, i)
			}
		}
		return out
	}
	var out []ConsortiumSuggestion
	taken := map[string]bool{}
	names := m.names()
	for len(out) < limit {
		var best *ecosystem.Organisation
		var bestFills []int
		for _, o := range c.organisations {
			if taken[o.ID] {
				continue
			}
			f := fills(o)
			if len(f) == 0 {
				continue
			}
			// c.organisations is in name order, so the first of equals wins.
			if best == nil || len(f) > len(bestFills) || (len(f) == len(bestFills) && c.ties[o.ID] > c.ties[best.ID]) {
				best, bestFills = o, f
			}
		}
		if best == nil {
			break
		}
		taken[best.ID] = true
		sug := ConsortiumSuggestion{Organisation: best, Score: float64(len(bestFills)) + 0.1*float64(c.ties[best.ID])}
		for _, i := range bestFills {
			req := call.Requirements[i]
			sug.Fills = append(sug.Fills, req)
			missing[i]--
			if req.Kind == ecosystem.RequirementMinCountries {
				sug.Reasons = append(sug.Reasons, fmt.Sprintf("adds a country (%s) towards %q", *best.Country, req.Description))
			} else {
				sug.Reasons = append(sug.Reasons, fmt.Sprintf("counts towards %q", req.Description))
			}
		}
		if best.Country != nil {
			countries[*best.Country] = true
		}
		if tied := m.tiedMembers(best.ID, members, s); len(tied) > 0 {
			ns := make([]string, len(tied))
			for i, id := range tied {
				ns[i] = names[id]
			}
			sort.Strings(ns)
			sug.Reasons = append(sug.Reasons, fmt.Sprintf("is tied to %d of the consortium: %s", len(ns), strings.Join(ns, ", ")))
		}
		out = append(out, sug)
	}
	return out, nil
}

// tiedMembers returns the consortium members an organisation is directly
// tied to in a scope: through a shared project, a membership or a unit
// link, either way.
func (m *Model) tiedMembers(id string, members map[string]bool, s Scope) []string {
	for member := range members {
		s = s.with(member)
	}
	var out []string
	seen := map[string]bool{}
	add := func(other string) {
		if members[other] && !seen[other] {
			seen[other] = true
			out = append(out, other)
		}
	}
	for other := range m.Network("", s).Collaborators(id) {
		add(other)
	}
	for _, l := range m.out[id] {
		if l.Type == ecosystem.RelMemberOf || l.Type == ecosystem.RelUnitOf {
			add(l.To)
		}
	}
	for _, l := range m.in[id] {
		if l.Type == ecosystem.RelMemberOf || l.Type == ecosystem.RelUnitOf {
			add(l.From)
		}
	}
	return out
}
