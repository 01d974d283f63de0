package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Scales are the synthetic ecosystems' sizes, in organisations. Tiny is
// what the test suite's smoke run loads.
var Scales = map[string]int{"tiny": 200, "S": 1_000, "M": 10_000, "L": 100_000}

// Generate builds a synthetic ecosystem of n organisations, the same one
// for the same n on every machine. Its proportions follow the real
// import's: about 0.6 projects per organisation with three partners on
// average; participations per organisation fall off as a power law, so
// that a few organisations take part in hundreds of projects and most in
// one or two. Every project responds to a call of a programme; pillars
// are covered by a tenth of the organisations and most projects; people
// hold roles (seats) at organisations, again skewed to the large ones;
// some organisations are units or members of others. Half a percent of
// the organisations have "Kreft" in their names, for the search query;
// no name holds another word of the search vocabulary's group of "kreft"
// (cancer, onkologi, ...), so that hubgraph, the peer and the floor,
// which know no vocabulary, match the same organisations.
func Generate(n int) *ecosystem.Dataset {
	r := rand.New(rand.NewPCG(uint64(n), 13))
	ds := &ecosystem.Dataset{}
	src := []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: "bench-synthetic"}}
	meta := func(id string) ecosystem.Meta { return ecosystem.Meta{ID: id, Sources: src} }
	str := func(s string) *string { return &s }
	date := func(y, m int) *ecosystem.Date { d := ecosystem.Date(fmt.Sprintf("%04d-%02d-01", y, m)); return &d }
	link := func(from string, t ecosystem.RelType, to string) {
		ds.Links = append(ds.Links, ecosystem.Link{From: from, Type: t, To: to, Props: ecosystem.NewLinkProps(t)})
	}

	// Pillars and programmes: a plan defining the pillars, and
	// programmes that fund calls.
	ds.Nodes = append(ds.Nodes, &ecosystem.Programme{Meta: meta("bench-plan"), Name: "Kreftstrategien 2025–2035", Aliases: []string{}})
	pillars := make([]string, len(pillarNames))
	for i, name := range pillarNames {
		pillars[i] = fmt.Sprintf("bench-pillar-%d", i+1)
		ds.Nodes = append(ds.Nodes, &ecosystem.Pillar{Meta: meta(pillars[i]), Name: name, Aliases: []string{}})
		link(pillars[i], ecosystem.RelDefinedBy, "bench-plan")
	}
	programmes := make([]string, 10+n/1000)
	for i := range programmes {
		programmes[i] = fmt.Sprintf("bench-programme-%d", i+1)
		ds.Nodes = append(ds.Nodes, &ecosystem.Programme{Meta: meta(programmes[i]),
			Name: fmt.Sprintf("%s %d", pick(r, programmeWords), i+1), Aliases: []string{}, Acronym: str(fmt.Sprintf("P%d", i+1))})
		link(programmes[i], ecosystem.RelCovers, pillars[i%len(pillars)])
	}

	// Organisations, biggest first: organisation i's weight falls off as
	// a power of i.
	orgs := make([]string, n)
	countries := []string{"NO", "NO", "NO", "SE", "DK", "DE", "FI", "NL", "FR", "ES", "IT", "BE"}
	for i := range orgs {
		orgs[i] = fmt.Sprintf("bench-org-%d", i+1)
		name := orgName(r, i)
		if i%200 == 7 {
			name = "Kreft" + strings.ToLower(name)
		}
		sector := ecosystem.Sectors[weighted(r, sectorWeights)]
		o := &ecosystem.Organisation{Meta: meta(orgs[i]), Name: name, Aliases: []string{}, Sector: sector,
			Kinds: []ecosystem.OrganisationKind{}, Focus: []string{}, Country: str(countries[r.IntN(len(countries))])}
		if i%3 == 0 {
			o.ShortName = str(fmt.Sprintf("ORG%d", i+1))
		}
		ds.Nodes = append(ds.Nodes, o)
		if i%10 == 3 {
			link(orgs[i], ecosystem.RelCovers, pillars[r.IntN(len(pillars))])
		}
		// Units of the large organisations, members of networks.
		if i >= 100 && i%20 == 5 {
			link(orgs[i], ecosystem.RelUnitOf, orgs[r.IntN(100)])
		}
		if i >= 100 && i%15 == 2 {
			link(orgs[i], ecosystem.RelMemberOf, orgs[r.IntN(50)])
		}
	}
	for i, p := range programmes {
		link(p, ecosystem.RelFundedBy, orgs[i%min(20, n)])
	}

	// Calls: one per twenty organisations, each in a programme.
	calls := make([]string, max(n/20, 1))
	callProgramme := make([]int, len(calls))
	for i := range calls {
		calls[i] = fmt.Sprintf("bench-call-%d", i+1)
		year := 2014 + r.IntN(12)
		ds.Nodes = append(ds.Nodes, &ecosystem.Call{Meta: meta(calls[i]), Identifier: str(fmt.Sprintf("HORIZON-BENCH-%d-%d", year, i+1)),
			Title: fmt.Sprintf("%s %s %d", pick(r, callWords), pick(r, themeWords), i+1), Opens: date(year, 1+r.IntN(6)),
			Deadline: date(year, 7+r.IntN(6)), Requirements: []ecosystem.Requirement{}})
		callProgramme[i] = r.IntN(len(programmes))
		link(calls[i], ecosystem.RelInProgramme, programmes[callProgramme[i]])
	}

	// Participation slots: organisation i takes part in
	// 1 + top/(i+1)^0.8 projects, top growing with the scale (300 at M).
	top := 300 * math.Sqrt(float64(n)/10_000)
	var slots []int
	for i := range orgs {
		k := 1 + int(top/math.Pow(float64(i+1), 0.8))
		for range k {
			slots = append(slots, i)
		}
	}
	r.Shuffle(len(slots), func(a, b int) { slots[a], slots[b] = slots[b], slots[a] })
	roles := []ecosystem.ParticipationRole{ecosystem.ParticipationPartner, ecosystem.ParticipationPartner, ecosystem.ParticipationPartner, ecosystem.ParticipationAssociated}
	for p := 0; len(slots) > 0; p++ {
		size := min(1+weighted(r, partnerWeights), len(slots))
		id := fmt.Sprintf("bench-project-%d", p+1)
		start := 2014 + r.IntN(12)
		status := ecosystem.ProjectCompleted
		if start >= 2022 {
			status = ecosystem.ProjectOngoing
		}
		ds.Nodes = append(ds.Nodes, &ecosystem.Project{Meta: meta(id), Name: projectName(r, p), Aliases: []string{},
			Acronym: str(fmt.Sprintf("BP%d", p+1)), Code: str(fmt.Sprintf("%d", 600000+p)), Status: status,
			Start: date(start, 1+r.IntN(12)), End: date(start+3, 1+r.IntN(12))})
		c := r.IntN(len(calls))
		link(id, ecosystem.RelRespondsTo, calls[c])
		link(id, ecosystem.RelInProgramme, programmes[callProgramme[c]])
		if r.IntN(10) < 7 {
			link(id, ecosystem.RelCovers, pillars[r.IntN(len(pillars))])
		}
		seen := map[int]bool{}
		for j, o := range slots[:size] {
			if seen[o] {
				continue
			}
			seen[o] = true
			part := &ecosystem.Participation{Role: roles[r.IntN(len(roles))], Status: ecosystem.ParticipationConfirmed}
			if j == 0 {
				part.Role = ecosystem.ParticipationCoordinator
			}
			eur := float64(50_000 + r.IntN(2_000_000))
			part.ContributionEur = &eur
			ds.Links = append(ds.Links, ecosystem.Link{From: orgs[o], Type: ecosystem.RelParticipatesIn, To: id, Props: part})
		}
		slots = slots[size:]
	}

	// People and their roles: one per two organisations, seats skewed
	// to the large organisations; a few sit in the first organisation,
	// which plays the coordination group.
	for i := range max(n/2, 1) {
		person, role := fmt.Sprintf("bench-person-%d", i+1), fmt.Sprintf("bench-role-%d", i+1)
		ds.Nodes = append(ds.Nodes,
			&ecosystem.Person{Meta: meta(person), Name: personName(r)},
			&ecosystem.Role{Meta: meta(role), Title: pick(r, roleTitles), Status: ecosystem.RoleActive})
		link(person, ecosystem.RelHolds, role)
		o := int(float64(n) * math.Pow(r.Float64(), 3))
		link(role, ecosystem.RelSeatAt, orgs[o])
		if i%50 == 0 && o != 0 {
			link(role, ecosystem.RelInBody, orgs[0])
		}
	}
	return ds
}

// weighted returns an index drawn with the given weights.
func weighted(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func pick(r *rand.Rand, words []string) string { return words[r.IntN(len(words))] }

// orgName makes a plausible organisation name; the index keeps names
// mostly distinct.
func orgName(r *rand.Rand, i int) string {
	return fmt.Sprintf("%s %s %s %d", pick(r, orgPrefixes), pick(r, themeWords), pick(r, orgKinds), i+1)
}

func projectName(r *rand.Rand, p int) string {
	return fmt.Sprintf("%s %s %s %d", pick(r, projectWords), pick(r, themeWords), pick(r, projectWords), p+1)
}

func personName(r *rand.Rand) string {
	return pick(r, givenNames) + " " + pick(r, familyNames)
}

var (
	pillarNames    = []string{"Forebygging", "Tidlig diagnostikk", "Behandling", "Livskvalitet", "Ulikhet", "Data og digitalisering", "Forskning og innovasjon", "Kompetanse"}
	programmeWords = []string{"Horizon", "EU4Health", "Digital Europe", "Forskningsrådet", "Helse Sør-Øst", "Innovasjon Norge", "Interreg", "ERA4Health"}
	callWords      = []string{"Call", "Utlysning", "Topic", "Mission call", "Innovation action", "Research action"}
	themeWords     = []string{"radiologi", "helse", "data", "genomikk", "immunterapi", "screening", "bioteknologi", "folkehelse", "digital", "pasientsikkerhet", "åpen", "øvre", "ærlig", "strålebehandling", "lungehelse"}
	orgPrefixes    = []string{"Universitetet", "Høgskolen", "Stiftelsen", "Sykehuset", "Akademiet", "Institutt", "Senter", "Nettverk", "Klinikk", "Forening", "Ålesund", "Øst", "Æra", "Bergen", "Oslo", "Tromsø", "Helsinki", "Lund", "Aarhus", "Berlin", "Leiden"}
	orgKinds       = []string{"AS", "SA", "HF", "GmbH", "BV", "AB", "ASA", "Oy", "SpA", "SL", "Lab", "Hub"}
	projectWords   = []string{"Bedre", "Smart", "Presis", "Open", "Nordic", "Trygg", "Rask", "Samlet", "Ny", "Grønn", "Felles", "Ærlig", "Østlig", "Åpen"}
	roleTitles     = []string{"Leader", "Member", "Deputy", "Observer", "Secretary", "Adviser"}
	givenNames     = []string{"Kari", "Ola", "Ingrid", "Lars", "Åse", "Øystein", "Ærle", "Nora", "Emil", "Sofie", "Jonas", "Maja"}
	familyNames    = []string{"Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Dahl", "Ødegård", "Ås", "Strand", "Bakke", "Lie"}
	sectorWeights  = []float64{30, 10, 5, 5, 35, 8, 2, 5}
	// partnerWeights gives a project's partners beyond the first: most
	// have a few, some a dozen.
	partnerWeights = []float64{20, 25, 20, 12, 8, 5, 3, 3, 2, 1, 1}
)
