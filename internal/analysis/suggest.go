package analysis

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Suggestion is a candidate partner with its score and the reasons.
type Suggestion struct {
	Organisation         string
	Score                float64
	CommonPartners       []string
	AdamicAdar           float64
	ComplementaryPillars []string
	Reasons              []string
}

// Suggestions ranks the organisations id does not collaborate with by
// commonPartners + adamicAdar + 0.5 × complementaryPillars (see the
// package comment), best first, ties by id; only positive scores, at most
// limit. pillars maps an organisation to the pillars it covers; names
// maps ids to display names for the reasons (ids are used when absent).
func (n *Network) Suggestions(id string, pillars map[string][]string, names map[string]string, limit int) []Suggestion {
	x, ok := n.index[id]
	if !ok {
		return nil
	}
	name := func(v string) string {
		if s, ok := names[v]; ok {
			return s
		}
		return v
	}
	partners := map[int32]bool{}
	for _, e := range n.links(x) {
		partners[e.to] = true
	}
	own := map[string]bool{}
	for _, p := range pillars[id] {
		own[p] = true
	}
	var out []Suggestion
	for y, cand := range n.ids {
		if int32(y) == x || partners[int32(y)] {
			continue
		}
		s := Suggestion{Organisation: cand}
		for _, e := range n.links(int32(y)) {
			if partners[e.to] {
				s.CommonPartners = append(s.CommonPartners, n.ids[e.to])
				if d := n.degree(e.to); d > 1 {
					s.AdamicAdar += 1 / math.Log(float64(d))
				}
			}
		}
		for _, p := range pillars[cand] {
			if !own[p] {
				s.ComplementaryPillars = append(s.ComplementaryPillars, p)
			}
		}
		sort.Strings(s.ComplementaryPillars)
		s.Score = float64(len(s.CommonPartners)) + s.AdamicAdar + 0.5*float64(len(s.ComplementaryPillars))
		if s.Score <= 0 {
			continue
		}
		if k := len(s.CommonPartners); k > 0 {
			ns := make([]string, k)
			for i, p := range s.CommonPartners {
				ns[i] = name(p)
			}
			s.Reasons = append(s.Reasons, fmt.Sprintf("shares %d %s with %s: %s", k, pluralise(k, "partner", "partners"), name(id), strings.Join(ns, ", ")))
		}
		if k := len(s.ComplementaryPillars); k > 0 {
			ns := make([]string, k)
			for i, p := range s.ComplementaryPillars {
				ns[i] = name(p)
			}
			s.Reasons = append(s.Reasons, fmt.Sprintf("covers %d %s %s does not: %s", k, pluralise(k, "pillar", "pillars"), name(id), strings.Join(ns, ", ")))
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Organisation < out[j].Organisation
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func pluralise(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
