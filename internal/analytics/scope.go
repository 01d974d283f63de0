package analytics

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/analysis"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Scope says which part of the graph a network question looks at: which
// projects tie organisations, and which organisations are in the
// network. The zero Scope is the whole graph.
//
// Projects: with CancerProjects, Pillars or Programmes set, only the
// projects that match one of them tie organisations; otherwise every
// project does. Organisations: the participants of those projects (when
// a project criterion is set), the organisations matching Focus, those
// that are members of one of MembersOf, and those covering a pillar asked
// for directly; with no criterion at all, every organisation. Steps then
// widens both, a step at a time: every project an organisation in scope
// takes part in (of at most 50 partners, the funders' aside) comes in,
// with its organisations.
//
// A funder (sector FUNDER) is never a collaborator, in any scope: its
// participations count as projects it has, and tie it to no one.
type Scope struct {
	// CancerProjects takes in the projects with cancer relevance: those
	// covering any pillar (every pillar is one of Europe's Beating Cancer
	// Plan's, and the importers link a project to one only when its title
	// or topic speaks of cancer), directly, through a call they respond to
	// or its parent calls, or through a programme they or their call are
	// in or its parent programmes; and the organisations covering a
	// pillar directly.
	CancerProjects bool
	// Pillars takes in the projects covering one of these pillars (as
	// CancerProjects says) and the organisations covering one directly.
	Pillars []string
	// Programmes takes in the projects in one of these programmes or a
	// programme below them, directly or through their call.
	Programmes []string
	// Focus takes in the organisations whose focus names one of these
	// themes (case-insensitive).
	Focus []string
	// MembersOf takes in the organisations that are members (MEMBER_OF,
	// on the date asked about) of one of these organisations.
	MembersOf []string
	// Steps widens the scope by this many steps of collaborators (0–3).
	Steps int
	// extra are organisations a question takes in besides: the one asked
	// about.
	extra []string
}

// Everything is the zero Scope: every project and organisation.
var Everything = Scope{}

// MaxSteps bounds Scope.Steps.
const MaxSteps = 3

// Hub is the organisation whose members the default scope takes in.
const Hub = "cancer-mission-hub-norway"

// DefaultFocus is the theme the default scope takes organisations by.
const DefaultFocus = "cancer"

// DefaultScope returns the scope a question takes when none is given:
// the cancer network, as the hub asks about it. It takes in the projects
// with cancer relevance and their organisations, the organisations
// whose focus is cancer, and the hub's members (when the graph holds the
// hub), and no further steps: the H2020 import's energy, ocean and
// climate projects tie no one, and the organisations known only from them
// stay out.
func (m *Model) DefaultScope() Scope {
	s := Scope{CancerProjects: true, Focus: []string{DefaultFocus}}
	if m.Organisation(Hub) != nil {
		s.MembersOf = []string{Hub}
	}
	return s
}

// Validate checks a scope against the model. Returns NOT_FOUND for an
// id that names no pillar, programme or organisation, and BAD_USER_INPUT
// for Steps outside 0..MaxSteps.
func (m *Model) Validate(s Scope) error {
	if s.Steps < 0 || s.Steps > MaxSteps {
		return ecosystem.FieldError("scope.steps", "must be between 0 and %d", MaxSteps)
	}
	check := func(field string, ids []string, label ecosystem.Label) error {
		for _, id := range ids {
			if n := m.nodes[id]; n == nil || n.NodeLabel() != label {
				return ecosystem.Errorf(ecosystem.CodeNotFound, "scope.%s: no %s has the id %q", field, strings.ToLower(string(label)), id)
			}
		}
		return nil
	}
	if err := check("pillars", s.Pillars, ecosystem.LabelPillar); err != nil {
		return err
	}
	if err := check("programmes", s.Programmes, ecosystem.LabelProgramme); err != nil {
		return err
	}
	return check("membersOf", s.MembersOf, ecosystem.LabelOrganisation)
}

// key returns a string that is the same for scopes that take in the same,
// for the cache.
func (s Scope) key() string {
	norm := func(xs []string, fold bool) string {
		ys := slices.Clone(xs)
		if fold {
			for i := range ys {
				ys[i] = strings.ToLower(ys[i])
			}
		}
		slices.Sort(ys)
		return strings.Join(slices.Compact(ys), ",")
	}
	return fmt.Sprintf("%v|%s|%s|%s|%s|%d|%s", s.CancerProjects, norm(s.Pillars, false), norm(s.Programmes, false),
		norm(s.Focus, true), norm(s.MembersOf, false), s.Steps, norm(s.extra, false))
}

// with returns the scope that also takes in an organisation.
func (s Scope) with(organisation string) Scope {
	if s.key() == Everything.key() {
		return s
	}
	s.extra = append(slices.Clone(s.extra), organisation)
	return s
}

// inScope is what a scope takes in on a date: nil maps take in
// everything.
type inScope struct {
	projects      map[string]bool
	organisations map[string]bool
}

func (in inScope) project(id string) bool { return in.projects == nil || in.projects[id] }
func (in inScope) organisation(id string) bool {
	return in.organisations == nil || in.organisations[id]
}

// resolve works out what a scope takes in on asOf.
func (m *Model) resolve(s Scope, asOf ecosystem.Date) inScope {
	var in inScope
	projectCriteria := s.CancerProjects || len(s.Pillars) > 0 || len(s.Programmes) > 0
	orgCriteria := len(s.Pillars) > 0 || len(s.Focus) > 0 || len(s.MembersOf) > 0 || len(s.extra) > 0
	if !projectCriteria && !orgCriteria {
		return in
	}
	partners := map[string][]string{} // project → organisations, on asOf
	projectsOf := map[string][]string{}
	for _, l := range m.participations(asOf) {
		partners[l.To] = append(partners[l.To], l.From)
		projectsOf[l.From] = append(projectsOf[l.From], l.To)
	}
	in.organisations = map[string]bool{}
	if projectCriteria {
		in.projects = map[string]bool{}
		matches := m.projectMatcher(s)
		for id, n := range m.nodes {
			if _, ok := n.(*ecosystem.Project); ok && matches(id) {
				in.projects[id] = true
				for _, o := range partners[id] {
					in.organisations[o] = true
				}
			}
		}
	}
	focus := map[string]bool{}
	for _, f := range s.Focus {
		focus[strings.ToLower(f)] = true
	}
	for _, id := range m.organisations {
		o := m.Organisation(id)
		for _, f := range o.Focus {
			if focus[strings.ToLower(f)] {
				in.organisations[id] = true
			}
		}
	}
	for _, body := range s.MembersOf {
		for _, l := range m.in[body] {
			if l.Type == ecosystem.RelMemberOf && linkActive(l, asOf) {
				in.organisations[l.From] = true
			}
		}
	}
	for id := range m.coverers(s) {
		in.organisations[id] = true
	}
	for _, id := range s.extra {
		in.organisations[id] = true
	}
	frontier := make([]string, 0, len(in.organisations))
	for id := range in.organisations {
		frontier = append(frontier, id)
	}
	for step := 0; step < s.Steps; step++ {
		var next []string
		for _, o := range frontier {
			if m.funder(o) {
				continue
			}
			for _, p := range projectsOf[o] {
				if len(partners[p]) > analysis.DefaultMaxProjectSize {
					continue
				}
				if in.projects != nil {
					in.projects[p] = true
				}
				for _, q := range partners[p] {
					if !in.organisations[q] {
						in.organisations[q] = true
						next = append(next, q)
					}
				}
			}
		}
		frontier = next
	}
	return in
}

// coverers returns the organisations covering directly a pillar the
// scope asks for (any, with CancerProjects).
func (m *Model) coverers(s Scope) map[string]bool {
	out := map[string]bool{}
	for _, id := range m.organisations {
		for _, p := range m.targets(id, ecosystem.RelCovers) {
			if s.CancerProjects || slices.Contains(s.Pillars, p) {
				out[id] = true
			}
		}
	}
	return out
}

// funder reports whether an organisation is a funder, whose
// participations tie it to no one.
func (m *Model) funder(id string) bool {
	o := m.Organisation(id)
	return o != nil && o.Sector == ecosystem.SectorFunder
}

// projectMatcher returns whether a project meets a scope's project
// criteria: it covers a pillar the scope asks for (any, with
// CancerProjects) or is in a programme it asks for, directly or through
// its calls and programmes.
func (m *Model) projectMatcher(s Scope) func(id string) bool {
	pillars := map[string]bool{}
	for _, p := range s.Pillars {
		pillars[p] = true
	}
	programmes := map[string]bool{}
	for _, p := range s.Programmes {
		programmes[p] = true
	}
	covers := func(n string) bool {
		for _, p := range m.targets(n, ecosystem.RelCovers) {
			if s.CancerProjects || pillars[p] {
				return true
			}
		}
		return false
	}
	return func(id string) bool {
		// The project, its calls and their parents, its programmes and
		// theirs, and its calls' programmes and theirs.
		seen := map[string]bool{id: true}
		queue := []string{id}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if covers(n) || programmes[n] {
				return true
			}
			for _, t := range []ecosystem.RelType{ecosystem.RelRespondsTo, ecosystem.RelInProgramme, ecosystem.RelPartOf} {
				for _, next := range m.targets(n, t) {
					if !seen[next] {
						seen[next] = true
						queue = append(queue, next)
					}
				}
			}
		}
		return false
	}
}
