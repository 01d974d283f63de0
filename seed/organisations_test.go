// What the hub's page and the NSCC article say about organisations and
// people: the hub's members, the coordination group seat by seat, the
// named actors and their organisation numbers.

package seed_test

import (
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

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
