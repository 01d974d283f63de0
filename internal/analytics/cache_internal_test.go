package analytics

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// SyntheticSnapshot returns a clustered collaboration graph of orgs
// organisations in 100-strong clusters and projects projects of 2–8
// partners, mostly from one cluster, sometimes from anywhere; every
// organisation has a sector and one of five countries. It is exported to
// the benchmarks.
func SyntheticSnapshot(orgs, projects int) *ecosystem.Snapshot {
	r := rand.New(rand.NewPCG(1, 2))
	src := []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: "synthetic"}}
	snap := &ecosystem.Snapshot{Version: 1, Nodes: map[string]ecosystem.Node{}}
	countries := []string{"NO", "SE", "DK", "FI", "IS"}
	ids := make([]string, orgs)
	for i := range ids {
		ids[i] = fmt.Sprintf("org-%05d", i)
		country := countries[i%len(countries)]
		snap.Nodes[ids[i]] = &ecosystem.Organisation{Meta: ecosystem.Meta{ID: ids[i], Sources: src}, Name: fmt.Sprintf("Organisation %05d", i),
			Sector: ecosystem.Sectors[i%len(ecosystem.Sectors)], Country: &country}
	}
	for p := 0; p < projects; p++ {
		id := fmt.Sprintf("project-%05d", p)
		snap.Nodes[id] = &ecosystem.Project{Meta: ecosystem.Meta{ID: id, Sources: src}, Name: id, Status: ecosystem.ProjectOngoing}
		size := 2 + r.IntN(7)
		cluster := r.IntN(max(1, orgs/100))
		for k := 0; k < size; k++ {
			o := (cluster*100 + r.IntN(100)) % orgs
			if r.IntN(10) == 0 {
				o = r.IntN(orgs)
			}
			snap.Links = append(snap.Links, ecosystem.Link{From: ids[o], Type: ecosystem.RelParticipatesIn, To: id,
				Props: &ecosystem.Participation{Role: ecosystem.ParticipationPartner, Status: ecosystem.ParticipationConfirmed, LinkFacts: ecosystem.LinkFacts{Sources: src}}})
		}
	}
	return snap
}

func TestCentralityIsComputedOncePerDate(t *testing.T) {
	m := NewModel(SyntheticSnapshot(300, 200))
	// As organisations(first: 100) { centrality } asks, all at once.
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, ok := m.Centrality("", Everything)[fmt.Sprintf("org-%05d", i)]; !ok {
				t.Errorf("org-%05d has no score", i)
			}
		}()
	}
	wg.Wait()
	m.NetworkGaps("", Everything)
	m.NetworkGaps("", Everything)
	if got := m.brandesRuns.Load(); got != 1 {
		t.Errorf("%d centrality computations for 100 organisations and two gap reports, want 1", got)
	}
	m.Centrality("2024-01-01", Everything)
	if got := m.brandesRuns.Load(); got != 2 {
		t.Errorf("%d centrality computations after asking about another date, want 2", got)
	}
}

func TestTheDateCacheIsBounded(t *testing.T) {
	m := NewModel(SyntheticSnapshot(200, 100))
	dates := make([]ecosystem.Date, 3*MaxCachedDates)
	for i := range dates {
		dates[i] = ecosystem.Date(fmt.Sprintf("2020-01-%02d", i+1))
		m.Centrality(dates[i], Everything)
	}
	if n := m.byDate.Len(); n != MaxCachedDates {
		t.Errorf("%d dates cached, want %d", n, MaxCachedDates)
	}
	runs := m.brandesRuns.Load()
	m.Centrality(dates[len(dates)-1], Everything)
	if m.brandesRuns.Load() != runs {
		t.Error("the most recent date was computed again")
	}
	m.Centrality(dates[0], Everything)
	if m.brandesRuns.Load() != runs+1 {
		t.Error("the oldest date was still cached")
	}
}
