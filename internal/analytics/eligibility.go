package analytics

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// RequirementCheck is the verdict on one requirement of a call.
type RequirementCheck struct {
	Requirement ecosystem.Requirement
	Met         bool
	// MetBy are the consortium's organisations that count towards it.
	MetBy []*ecosystem.Organisation
	// Explanation says why, in words.
	Explanation string
	// Suggestions are organisations outside the consortium that would
	// count towards an unmet requirement, those already connected to the
	// consortium first.
	Suggestions []*ecosystem.Organisation
}

// EligibilityReport is the verdict on a consortium for a call.
type EligibilityReport struct {
	Eligible  bool
	Countries []string
	Checks    []RequirementCheck
}

// MaxSuggestions bounds the suggestions per requirement.
const MaxSuggestions = 5

// Eligibility judges a consortium against a call's requirements, which
// are data: a call with new requirements needs no code. One organisation
// may meet several requirements. Suggestions come from the organisations
// of a scope, and ties to the consortium are those of the scope's
// network. Returns NOT_FOUND for an unknown call or organisation and
// BAD_USER_INPUT for an empty consortium.
func (m *Model) Eligibility(callID string, organisationIDs []string, s Scope) (*EligibilityReport, error) {
	call, ok := m.nodes[callID].(*ecosystem.Call)
	if !ok {
		return nil, ecosystem.Errorf(ecosystem.CodeNotFound, "no call has the id %q", callID)
	}
	if len(organisationIDs) == 0 {
		return nil, ecosystem.FieldError("organisationIds", "name at least one organisation")
	}
	members := map[string]bool{}
	var consortium []*ecosystem.Organisation
	for _, id := range organisationIDs {
		o := m.Organisation(id)
		if o == nil {
			return nil, ecosystem.Errorf(ecosystem.CodeNotFound, "no organisation has the id %q", id)
		}
		if !members[id] {
			members[id] = true
			consortium = append(consortium, o)
		}
	}
	sortByName(consortium)
	report := &EligibilityReport{Eligible: true, Countries: countries(consortium)}
	c := m.candidates(members, s)
	for _, req := range call.Requirements {
		var check RequirementCheck
		switch req.Kind {
		case ecosystem.RequirementMinCountries:
			check = m.checkCountries(req, consortium, report.Countries, c)
		default:
			check = m.checkOrganisations(req, consortium, c)
		}
		report.Eligible = report.Eligible && check.Met
		report.Checks = append(report.Checks, check)
	}
	return report, nil
}

func countries(orgs []*ecosystem.Organisation) []string {
	set := map[string]bool{}
	for _, o := range orgs {
		if o.Country != nil {
			set[*o.Country] = true
		}
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

func (m *Model) checkCountries(req ecosystem.Requirement, consortium []*ecosystem.Organisation, cs []string, c candidates) RequirementCheck {
	check := RequirementCheck{Requirement: req, Met: len(cs) >= req.Count}
	for _, o := range consortium {
		if o.Country != nil {
			check.MetBy = append(check.MetBy, o)
		}
	}
	listed := "no country"
	if len(cs) > 0 {
		listed = fmt.Sprintf("%d %s (%s)", len(cs), plural(len(cs), "country", "countries"), strings.Join(cs, ", "))
	}
	if check.Met {
		check.Explanation = fmt.Sprintf("The consortium spans %s; at least %d required.", listed, req.Count)
		return check
	}
	check.Explanation = fmt.Sprintf("The consortium spans %s; at least %d required, so organisations from %d more %s are needed.",
		listed, req.Count, req.Count-len(cs), plural(req.Count-len(cs), "country", "countries"))
	have := map[string]bool{}
	for _, c := range cs {
		have[c] = true
	}
	ranked := c.ranked(func(o *ecosystem.Organisation) bool {
		return o.Country != nil && !have[*o.Country]
	})
	// The best of each new country first, so that the first suggestions
	// can close the gap together; then the rest in rank order.
	var distinct, rest []*ecosystem.Organisation
	for _, o := range ranked {
		if have[*o.Country] {
			rest = append(rest, o)
			continue
		}
		have[*o.Country] = true
		distinct = append(distinct, o)
	}
	check.Suggestions = firstSuggestions(append(distinct, rest...))
	return check
}

func (m *Model) checkOrganisations(req ecosystem.Requirement, consortium []*ecosystem.Organisation, c candidates) RequirementCheck {
	check := RequirementCheck{Requirement: req}
	for _, o := range consortium {
		if Matches(req, o) {
			check.MetBy = append(check.MetBy, o)
		}
	}
	check.Met = len(check.MetBy) >= req.Count
	what := describe(req)
	names := make([]string, len(check.MetBy))
	for i, o := range check.MetBy {
		names[i] = o.Name
	}
	switch {
	case check.Met:
		check.Explanation = fmt.Sprintf("%s %s %s; at least %d required.", strings.Join(names, ", "),
			plural(len(names), "is", "are"), what, req.Count)
	case len(names) == 0:
		check.Explanation = fmt.Sprintf("None of the %d organisations is %s; at least %d required.", len(consortium), what, req.Count)
	default:
		check.Explanation = fmt.Sprintf("Only %s %s %s; at least %d required.", strings.Join(names, ", "),
			plural(len(names), "is", "are"), what, req.Count)
	}
	if !check.Met {
		check.Suggestions = firstSuggestions(c.ranked(func(o *ecosystem.Organisation) bool { return Matches(req, o) }))
	}
	return check
}

// Matches reports whether an organisation counts towards a
// MIN_ORGANISATIONS requirement: it matches every non-empty list of the
// requirement (any value within a list; focus case-insensitively).
func Matches(req ecosystem.Requirement, o *ecosystem.Organisation) bool {
	if len(req.Sectors) > 0 && !containsValue(req.Sectors, o.Sector) {
		return false
	}
	if len(req.Kinds) > 0 && !anyOf(req.Kinds, o.Kinds) {
		return false
	}
	if len(req.Focus) > 0 {
		found := false
		for _, f := range req.Focus {
			for _, g := range o.Focus {
				found = found || strings.EqualFold(f, g)
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func containsValue[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func anyOf[T comparable](want, have []T) bool {
	for _, h := range have {
		if containsValue(want, h) {
			return true
		}
	}
	return false
}

// describe says in words what a requirement asks an organisation to be.
func describe(req ecosystem.Requirement) string {
	var parts []string
	if len(req.Kinds) > 0 {
		parts = append(parts, "a "+orList(lowerAll(req.Kinds)))
	} else {
		parts = append(parts, "an organisation")
	}
	if len(req.Sectors) > 0 {
		parts = append(parts, "in the "+orList(lowerAll(req.Sectors))+" sector")
	}
	if len(req.Focus) > 0 {
		parts = append(parts, "working on "+orList(req.Focus))
	}
	return strings.Join(parts, " ")
}

func lowerAll[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ReplaceAll(strings.ToLower(string(x)), "_", " ")
	}
	return out
}

func orList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// candidates are the organisations that could join a consortium: those
// of a scope outside it, with how many of its members each is directly
// tied to (through a shared project of the scope, a membership or a unit
// link, either way), in name order.
type candidates struct {
	organisations []*ecosystem.Organisation
	ties          map[string]int
}

// candidates returns the candidates for a consortium within a scope.
func (m *Model) candidates(members map[string]bool, s Scope) candidates {
	for id := range members {
		s = s.with(id)
	}
	net := m.Network("", s)
	in := m.dated("", s).scope
	c := candidates{ties: map[string]int{}}
	for id := range members {
		for other := range net.Collaborators(id) {
			if !members[other] {
				c.ties[other]++
			}
		}
		for _, ls := range [][]ecosystem.Link{m.out[id], m.in[id]} {
			for _, l := range ls {
				other := l.To
				if other == id {
					other = l.From
				}
				if (l.Type == ecosystem.RelMemberOf || l.Type == ecosystem.RelUnitOf) && !members[other] && in.organisation(other) {
					c.ties[other]++
				}
			}
		}
	}
	for _, id := range m.organisations {
		if !members[id] && in.organisation(id) {
			c.organisations = append(c.organisations, m.Organisation(id))
		}
	}
	return c
}

// ranked returns the candidates that satisfy ok, most tied to the
// consortium first, then by name.
func (c candidates) ranked(ok func(*ecosystem.Organisation) bool) []*ecosystem.Organisation {
	var out []*ecosystem.Organisation
	for _, o := range c.organisations {
		if ok(o) {
			out = append(out, o)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return c.ties[out[i].ID] > c.ties[out[j].ID] })
	return out
}

// firstSuggestions keeps at most MaxSuggestions.
func firstSuggestions(os []*ecosystem.Organisation) []*ecosystem.Organisation {
	if len(os) > MaxSuggestions {
		os = os[:MaxSuggestions]
	}
	return os
}
