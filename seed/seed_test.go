package seed_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

// index gives tests lookups over a dataset.
type index struct {
	nodes map[string]ecosystem.Node
	links []ecosystem.Link
}

func load(t *testing.T) index {
	t.Helper()
	ds, err := seed.Default()
	if err != nil {
		t.Fatalf("the default dataset does not load: %v", err)
	}
	ix := index{nodes: map[string]ecosystem.Node{}, links: ds.Links}
	for _, n := range ds.Nodes {
		ix.nodes[n.NodeMeta().ID] = n
	}
	return ix
}

// from returns the ids reached from id over links of type t, sorted.
func (ix index) from(id string, t ecosystem.RelType) []string {
	var out []string
	for _, l := range ix.links {
		if l.From == id && l.Type == t {
			out = append(out, l.To)
		}
	}
	sort.Strings(out)
	return out
}

// to returns the ids that reach id over links of type t, sorted.
func (ix index) to(id string, t ecosystem.RelType) []string {
	var out []string
	for _, l := range ix.links {
		if l.To == id && l.Type == t {
			out = append(out, l.From)
		}
	}
	sort.Strings(out)
	return out
}

// org returns the organisation with the given id, failing the test when
// there is none.
func (ix index) org(t *testing.T, id string) *ecosystem.Organisation {
	t.Helper()
	o, ok := ix.nodes[id].(*ecosystem.Organisation)
	if !ok {
		t.Fatalf("no organisation %s", id)
	}
	return o
}

// seatsIn returns each holder's seats in a body.
func (ix index) seatsIn(body string) map[string][]string {
	seats := map[string][]string{}
	for _, seat := range ix.to(body, ecosystem.RelInBody) {
		for _, p := range ix.to(seat, ecosystem.RelHolds) {
			seats[p] = append(seats[p], seat)
		}
	}
	return seats
}

func sameSet(got, want []string) bool {
	g, w := append([]string{}, got...), append([]string{}, want...)
	sort.Strings(g)
	sort.Strings(w)
	return fmt.Sprint(g) == fmt.Sprint(w)
}

// TestHubYAMLIsPlain walks the file's YAML nodes: hub staff edit it by
// hand, so an anchor or alias, which makes one entry silently share
// another's values, is refused.
func TestHubYAMLIsPlain(t *testing.T) {
	data, err := os.ReadFile("hub.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	nodes := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		nodes++
		if n.Anchor != "" {
			t.Errorf("line %d: anchor &%s; write the values out in full", n.Line, n.Anchor)
		}
		if n.Kind == yaml.AliasNode {
			t.Errorf("line %d: alias *%s; write the values out in full", n.Line, n.Value)
		}
		if n.Tag == "!!merge" {
			t.Errorf("line %d: merge key <<; write the values out in full", n.Line)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	if nodes < 1000 {
		t.Errorf("walked %d YAML nodes, fewer than the file holds", nodes)
	}
}

func TestEveryEntityAndRelationshipCitesASource(t *testing.T) {
	ix := load(t)
	for id, n := range ix.nodes {
		if len(n.NodeMeta().Sources) == 0 {
			t.Errorf("%s cites no source", id)
		}
	}
	edges := 0
	for _, l := range ix.links {
		switch l.Type {
		case ecosystem.RelMemberOf, ecosystem.RelParticipatesIn:
			edges++
			if len(l.Facts().Sources) == 0 {
				t.Errorf("%s %s %s cites no source", l.From, l.Type, l.To)
			}
		}
	}
	if edges == 0 {
		t.Error("no memberships or participations to check")
	}
}

func TestHubMembersAndFaculties(t *testing.T) {
	ix := load(t)
	var want []string
	for _, m := range seedtest.HubMembers {
		want = append(want, m.ID)
	}
	if got := ix.to(seedtest.Hub, ecosystem.RelMemberOf); !sameSet(got, want) {
		t.Errorf("hub members %v, want %v", got, want)
	}
	// Each membership cites the page that lists the partners, and only it.
	for _, l := range ix.links {
		if l.Type != ecosystem.RelMemberOf || l.To != seedtest.Hub {
			continue
		}
		m := l.Facts()
		if len(m.Sources) != 1 || m.Sources[0].Reference != seedtest.HubPage {
			t.Errorf("%s's membership cites %+v, want only %s", l.From, m.Sources, seedtest.HubPage)
		}
	}
	for faculty, university := range seedtest.Faculties {
		if !containsKind(ix.org(t, faculty).Kinds, kindFaculty) {
			t.Errorf("%s is not a FACULTY", faculty)
		}
		if !containsKind(ix.org(t, university).Kinds, kindUniversity) {
			t.Errorf("%s is not a UNIVERSITY", university)
		}
		if got := ix.from(faculty, ecosystem.RelUnitOf); !sameSet(got, []string{university}) {
			t.Errorf("%s is a unit of %v, want %s", faculty, got, university)
		}
	}
}

// The organisation kinds the tests look for (the domain lists kinds by
// value only).
const (
	kindFaculty    ecosystem.OrganisationKind = "FACULTY"
	kindUniversity ecosystem.OrganisationKind = "UNIVERSITY"
	kindFoundation ecosystem.OrganisationKind = "FOUNDATION"
)

func containsKind(kinds []ecosystem.OrganisationKind, kind ecosystem.OrganisationKind) bool {
	for _, k := range kinds {
		if k == kind {
			return true
		}
	}
	return false
}

func TestCoordinationGroupSeats(t *testing.T) {
	ix := load(t)
	seats := ix.seatsIn(seedtest.CoordinationGroup)
	if len(seats) != len(seedtest.Seats) {
		t.Errorf("%d people hold seats in the group, want %d: %v", len(seats), len(seedtest.Seats), seats)
	}
	for _, s := range seedtest.Seats {
		p, ok := ix.nodes[s.Person].(*ecosystem.Person)
		if !ok || p.Name != s.Name {
			t.Errorf("person %s is %+v, want %s", s.Person, ix.nodes[s.Person], s.Name)
		}
		if len(seats[s.Person]) != 1 {
			t.Errorf("%s holds seats %v in the group, want one", s.Name, seats[s.Person])
			continue
		}
		if got := ix.from(seats[s.Person][0], ecosystem.RelSeatAt); !sameSet(got, []string{s.Organisation}) {
			t.Errorf("%s sits for %v, want %s", s.Name, got, s.Organisation)
		}
	}

	shared := seedtest.SharedSeat
	if seat := seats[shared.Holders[0]]; len(seat) != 1 {
		t.Errorf("%s holds %v, want the shared seat", shared.Holders[0], seat)
	} else {
		if got := ix.to(seat[0], ecosystem.RelHolds); !sameSet(got, shared.Holders) {
			t.Errorf("the shared seat %s is held by %v, want %v", seat[0], got, shared.Holders)
		}
		if got := ix.from(seat[0], ecosystem.RelSeatAt); !sameSet(got, []string{shared.Organisation}) {
			t.Errorf("the shared seat represents %v, want %s", got, shared.Organisation)
		}
	}

	leave := seedtest.SeatOnLeave
	held, deputy := seats[leave.Holder], seats[leave.Deputy]
	if len(held) != 1 || len(deputy) != 1 || held[0] == deputy[0] {
		t.Fatalf("seats of %s %v and of %s %v: want one each, not the same", leave.Holder, held, leave.Deputy, deputy)
	}
	if r := ix.nodes[held[0]].(*ecosystem.Role); r.Status != ecosystem.RoleOnLeave {
		t.Errorf("the %s seat is %s, want ON_LEAVE", leave.Organisation, r.Status)
	}
	if r := ix.nodes[deputy[0]].(*ecosystem.Role); r.Status != ecosystem.RoleActive {
		t.Errorf("the deputy's role is %s, want ACTIVE", r.Status)
	}
	if got := ix.from(deputy[0], ecosystem.RelDeputyFor); !sameSet(got, held) {
		t.Errorf("%s's role deputises for %v, want %v", leave.Deputy, got, held)
	}
	for _, seat := range []string{held[0], deputy[0]} {
		if got := ix.from(seat, ecosystem.RelSeatAt); !sameSet(got, []string{leave.Organisation}) {
			t.Errorf("%s represents %v, want %s", seat, got, leave.Organisation)
		}
	}
}

func TestSecretaryGeneral(t *testing.T) {
	ix := load(t)
	sg := seedtest.SecretaryGeneral
	var found []string
	for _, r := range ix.from(sg.Person, ecosystem.RelHolds) {
		if ix.nodes[r].(*ecosystem.Role).Title == sg.Title && sameSet(ix.from(r, ecosystem.RelSeatAt), []string{sg.Organisation}) {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		t.Errorf("%s holds %d roles %q at %s, want one", sg.Person, len(found), sg.Title, sg.Organisation)
	}
}

func TestNamedActorsAndOrgNumbers(t *testing.T) {
	ix := load(t)
	for _, n := range seedtest.Named {
		var names []string
		switch e := ix.nodes[n.ID].(type) {
		case *ecosystem.Organisation:
			names = append([]string{e.Name}, e.Aliases...)
			if e.ShortName != nil {
				names = append(names, *e.ShortName)
			}
		case *ecosystem.Project:
			names = append([]string{e.Name}, e.Aliases...)
		}
		if !containsFold(names, n.Quote.Text) {
			t.Errorf("%s is named %v, want %q among its names", n.ID, names, n.Quote.Text)
		}
	}
	for id, number := range seedtest.OrgNumbers {
		got := ""
		if o := ix.org(t, id); o.OrgNumber != nil {
			got = *o.OrgNumber
		}
		if got != number {
			t.Errorf("%s has organisation number %q, want %s", id, got, number)
		}
	}
}

func containsFold(xs []string, x string) bool {
	for _, y := range xs {
		if strings.EqualFold(y, x) {
			return true
		}
	}
	return false
}

// TestOrganisationNumbersAreWellFormed checks every number with the
// register's own modulus-11 check digit, which catches a mistyped digit.
func TestOrganisationNumbersAreWellFormed(t *testing.T) {
	ix := load(t)
	checked := 0
	for id, n := range ix.nodes {
		o, ok := n.(*ecosystem.Organisation)
		if !ok || o.OrgNumber == nil {
			continue
		}
		checked++
		if !validOrgNumber(*o.OrgNumber) {
			t.Errorf("%s: organisation number %s fails its check digit", id, *o.OrgNumber)
		}
	}
	if checked == 0 {
		t.Error("no organisation numbers to check")
	}
}

func validOrgNumber(s string) bool {
	if !regexp.MustCompile(`^[0-9]{9}$`).MatchString(s) {
		return false
	}
	weights := []int{3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(s[8]-'0')
}

// normalise makes the slides' and the titles' spellings comparable: case,
// white space and the kind of dash do not matter.
func normalise(s string) string {
	s = strings.NewReplacer("–", "-", "—", "-").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

func TestPathwayHomeMilestones(t *testing.T) {
	ix := load(t)
	var events []*ecosystem.Event
	for _, id := range ix.to(seedtest.PathwayHome.Programme, ecosystem.RelConcerns) {
		if e := ix.nodes[id].(*ecosystem.Event); e.Kind == ecosystem.EventMilestone {
			events = append(events, e)
		}
	}
	if len(events) != len(seedtest.PathwayHome.Milestones) {
		t.Errorf("%d milestones of %s, want %d", len(events), seedtest.PathwayHome.Programme, len(seedtest.PathwayHome.Milestones))
	}
	used := map[string]bool{}
	for _, m := range seedtest.PathwayHome.Milestones {
		found := false
		for _, e := range events {
			if !used[e.ID] && string(e.Date) == m.Date && strings.Contains(normalise(e.Title), normalise(m.Text)) {
				used[e.ID], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("no milestone on %s titled with %q", m.Date, m.Text)
		}
	}
}

func TestFoundations(t *testing.T) {
	ix := load(t)
	var want []string
	for _, f := range seedtest.Foundations {
		want = append(want, f.ID)
		o := ix.org(t, f.ID)
		if o.Name != f.Name || !containsKind(o.Kinds, kindFoundation) {
			t.Errorf("%s is %q with kinds %v, want %q, a FOUNDATION", f.ID, o.Name, o.Kinds, f.Name)
		}
		var dates []string
		for _, id := range ix.to(f.ID, ecosystem.RelInvolves) {
			if e := ix.nodes[id].(*ecosystem.Event); string(e.Kind) == f.EventKind {
				dates = append(dates, string(e.Date))
			}
		}
		if !sameSet(dates, []string{f.Date}) {
			t.Errorf("%s: %s events on %v, want one on %s", f.ID, f.EventKind, dates, f.Date)
		}
	}
	var foundations []string
	for id, n := range ix.nodes {
		if o, ok := n.(*ecosystem.Organisation); ok && containsKind(o.Kinds, kindFoundation) {
			foundations = append(foundations, id)
		}
	}
	if !sameSet(foundations, want) {
		t.Errorf("foundations %v, want %v", foundations, want)
	}
}

func TestProgrammes(t *testing.T) {
	ix := load(t)
	names := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			switch n := ix.nodes[id].(type) {
			case *ecosystem.Programme:
				out = append(out, n.Name)
			case *ecosystem.Pillar:
				out = append(out, n.Name)
			}
		}
		return out
	}
	if got := names(ix.to(seedtest.EU4Health.ID, ecosystem.RelPartOf)); !sameSet(got, seedtest.EU4Health.Categories) {
		t.Errorf("EU4Health categories %v, want %v", got, seedtest.EU4Health.Categories)
	}
	plan := seedtest.BeatingCancerPlan
	if got := names(ix.to(plan.ID, ecosystem.RelDefinedBy)); !sameSet(got, plan.Pillars) {
		t.Errorf("pillars of %s %v, want %v", plan.ID, got, plan.Pillars)
	}
	for _, b := range seedtest.Budgets {
		p, ok := ix.nodes[b.Programme].(*ecosystem.Programme)
		if !ok || p.BudgetEur == nil || *p.BudgetEur != b.Eur {
			t.Errorf("%s budget %+v, want %v EUR", b.Programme, ix.nodes[b.Programme], b.Eur)
		}
	}
}

func TestMentalHealthCall(t *testing.T) {
	ix := load(t)
	want := seedtest.MentalHealthCall
	c, ok := ix.nodes[want.ID].(*ecosystem.Call)
	if !ok {
		t.Fatalf("no call %s", want.ID)
	}
	date := func(d *ecosystem.Date) string {
		if d == nil {
			return ""
		}
		return string(*d)
	}
	num := func(f *float64) float64 {
		if f == nil {
			return -1
		}
		return *f
	}
	count := func(i *int) int {
		if i == nil {
			return -1
		}
		return *i
	}
	checks := []struct {
		field     string
		got, want any
	}{
		{"deadline", date(c.Deadline), want.Deadline},
		{"resultsExpected", date(c.ResultsExpected), want.ResultsExpected},
		{"expectedStart", date(c.ExpectedStart), want.ExpectedStart},
		{"budgetEur", num(c.BudgetEur), want.BudgetEur},
		{"maxGrantEur", num(c.MaxGrantEur), want.MaxGrantEur},
		{"projectBudgetEur", num(c.ProjectBudgetEur), want.ProjectBudgetEur},
		{"fundingRate", num(c.FundingRate), want.FundingRate},
		{"expectedGrants", count(c.ExpectedGrants), want.ExpectedGrants},
		{"durationMonths", count(c.DurationMonths), want.DurationMonths},
		{"requirements", len(c.Requirements), len(want.Requirements)},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("call %s = %v, want %v", ch.field, ch.got, ch.want)
		}
	}
	for i, r := range want.Requirements {
		if i >= len(c.Requirements) {
			break
		}
		got := c.Requirements[i]
		var kinds []string
		for _, k := range got.Kinds {
			kinds = append(kinds, string(k))
		}
		if string(got.Kind) != r.Kind || got.Count != r.Count || !sameSet(kinds, r.Kinds) {
			t.Errorf("requirement %d is %+v, want %s %d of %v (%q)", i, got, r.Kind, r.Count, r.Kinds, r.Quote.Text)
		}
	}
}

func TestProposalPartners(t *testing.T) {
	ix := load(t)
	want := seedtest.Proposal
	status := map[string]string{}
	for _, l := range ix.links {
		if l.To == want.ID && l.Type == ecosystem.RelParticipatesIn {
			p, ok := l.Props.(*ecosystem.Participation)
			if !ok {
				t.Fatalf("%s's link to %s states %T, want a participation", l.From, want.ID, l.Props)
			}
			status[l.From] = string(p.Status)
		}
	}
	if len(status) != len(want.Confirmed)+len(want.Tentative) {
		t.Errorf("%d partners %v, want %d confirmed and %d tentative", len(status), status, len(want.Confirmed), len(want.Tentative))
	}
	check := func(partners []seedtest.Partner, s ecosystem.ParticipationStatus) {
		for _, p := range partners {
			if status[p.ID] != string(s) {
				t.Errorf("%s (%q) is %q, want %s", p.ID, p.Listed, status[p.ID], s)
			}
			country := ""
			if c := ix.org(t, p.ID).Country; c != nil {
				country = *c
			}
			if country != p.Country {
				t.Errorf("%s is in %q, want %q", p.ID, country, p.Country)
			}
		}
	}
	check(want.Confirmed, ecosystem.ParticipationConfirmed)
	check(want.Tentative, ecosystem.ParticipationTentative)
}

func TestIndicators(t *testing.T) {
	ix := load(t)
	var got, want []string
	for _, n := range ix.nodes {
		if i, ok := n.(*ecosystem.Indicator); ok {
			got = append(got, fmt.Sprint(i.Value))
		}
	}
	for _, i := range seedtest.Indicators {
		want = append(want, fmt.Sprint(i.Value))
	}
	if !sameSet(got, want) {
		t.Errorf("indicator values %v, want %v", got, want)
	}
}

// sharedDir finds ../shared (the source documents and data files) beside
// the repository or one of its parents.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "seeds")
		if _, err := os.Stat(p); err == nil {
			return filepath.Dir(p)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("../shared/seeds not found beside the repository")
		}
		dir = parent
	}
}

// TestFactsAreInTheDocuments checks the tests' expectations against the
// documents themselves, and every source the dataset cites against the
// files that exist (or a web address).
func TestFactsAreInTheDocuments(t *testing.T) {
	shared := sharedDir(t)
	docs := map[string]string{}
	for _, q := range seedtest.Quotes() {
		text, ok := docs[q.Document]
		if !ok {
			b, err := os.ReadFile(filepath.Join(shared, "seeds", q.Document))
			if err != nil {
				t.Fatal(err)
			}
			text = strings.Join(strings.Fields(string(b)), " ")
			docs[q.Document] = text
		}
		if !strings.Contains(text, strings.Join(strings.Fields(q.Text), " ")) {
			t.Errorf("%s does not say %q", q.Document, q.Text)
		}
	}

	ix := load(t)
	for id, n := range ix.nodes {
		for _, s := range n.NodeMeta().Sources {
			ref := s.Reference
			if strings.HasPrefix(ref, "https://") {
				continue
			}
			_, err1 := os.Stat(filepath.Join(shared, "seeds", ref))
			_, err2 := os.Stat(filepath.Join(shared, "data", ref))
			if errors.Is(err1, fs.ErrNotExist) && errors.Is(err2, fs.ErrNotExist) {
				t.Errorf("%s cites %q, which is neither a source document, a data file nor a web address", id, ref)
			}
		}
	}
}

func TestMembershipSources(t *testing.T) {
	file := func(memberOf string) []byte {
		return []byte(`
organisations:
  - id: group
    name: Group
    sector: OTHER
    sources: [a.txt, b.txt]
  - id: member
    name: Member
    sector: OTHER
    sources: [b.txt, c.txt]
    memberOf:
` + memberOf)
	}
	tests := []struct {
		name, memberOf string
		want           []string
		err            string
	}{
		{"given", "      - organisation: group\n        sources: [a.txt]\n", []string{"a.txt"}, ""},
		{"by default, the documents both cite", "      - organisation: group\n", []string{"b.txt"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := seed.Parse(file(tt.memberOf))
			if err != nil {
				t.Fatal(err)
			}
			m := ds.Links[0].Facts()
			var got []string
			for _, s := range m.Sources {
				got = append(got, s.Reference)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("membership cites %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("nothing in common", func(t *testing.T) {
		data := []byte(`
organisations:
  - id: group
    name: Group
    sector: OTHER
    sources: [a.txt]
  - id: member
    name: Member
    sector: OTHER
    sources: [c.txt]
    memberOf:
      - organisation: group
`)
		_, err := seed.Parse(data)
		if ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput || !strings.Contains(err.Error(), "member.memberOf[0].sources") {
			t.Errorf("err = %v, want BAD_USER_INPUT naming member.memberOf[0].sources", err)
		}
	})
}

func TestParseReportsEveryProblemWithItsPath(t *testing.T) {
	bad := []byte(`
organisations:
  - id: Bad Id
    name: ""
    sector: NOPE
    sources: [doc.txt]
  - id: ok
    name: OK
    sector: OTHER
    parent: nowhere
people:
  - id: p
    name: P
`)
	_, err := seed.Parse(bad)
	if ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Fatalf("code = %v, want BAD_USER_INPUT", ecosystem.ErrorCode(err))
	}
	for _, want := range []string{"nodes[0].id", "nodes[0].name", "nodes[0].sector", "nowhere", "sources"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q: %v", want, err)
		}
	}
	if _, err := seed.Parse([]byte("organisations:\n  - id: x\n    nmae: typo\n")); err == nil || !strings.Contains(err.Error(), "nmae") {
		t.Errorf("an unknown key should be reported, got %v", err)
	}
}
