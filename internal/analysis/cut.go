package analysis

import "sort"

// CutVertex is an organisation whose removal splits its component, with
// the pieces of that component it separates.
type CutVertex struct {
	Organisation string
	Separates    []Component
}

// CutVertices returns the articulation points of the network, those that
// separate the most organisations first, then by id. It runs an iterative
// Hopcroft–Tarjan depth-first search (no recursion, so deep networks
// cannot overflow the stack), then finds each cut vertex's pieces with
// one traversal of its component without it.
func (n *Network) CutVertices() []CutVertex {
	size := len(n.ids)
	disc := make([]int, size)
	low := make([]int, size)
	parent := make([]int, size)
	next := make([]int, size) // next adjacency index to explore
	isCut := make([]bool, size)
	for i := range disc {
		disc[i], parent[i] = -1, -1
	}
	time := 0
	for root := 0; root < size; root++ {
		if disc[root] >= 0 {
			continue
		}
		children := 0
		disc[root], low[root] = time, time
		time++
		stack := []int{root}
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			if next[v] < len(n.adj[v]) {
				w := int(n.adj[v][next[v]].to)
				next[v]++
				if disc[w] < 0 {
					parent[w] = v
					disc[w], low[w] = time, time
					time++
					if v == root {
						children++
					}
					stack = append(stack, w)
				} else if w != parent[v] {
					low[v] = min(low[v], disc[w])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			if p := parent[v]; p >= 0 {
				low[p] = min(low[p], low[v])
				if p != root && low[v] >= disc[p] {
					isCut[p] = true
				}
			}
		}
		if children > 1 {
			isCut[root] = true
		}
	}
	var out []CutVertex
	for v := 0; v < size; v++ {
		if isCut[v] {
			out = append(out, CutVertex{Organisation: n.ids[v], Separates: n.piecesWithout(v)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := separated(out[i]), separated(out[j])
		if a != b {
			return a > b
		}
		return out[i].Organisation < out[j].Organisation
	})
	return out
}

// separated counts the organisations outside a cut vertex's largest piece:
// how many would be cut off from the rest.
func separated(c CutVertex) int {
	total := 0
	for _, p := range c.Separates[1:] {
		total += len(p.Organisations)
	}
	return total
}

// piecesWithout returns the components that v's neighbours fall into when
// v is removed.
func (n *Network) piecesWithout(v int) []Component {
	seen := map[int]bool{v: true}
	visit := func(x int) bool {
		if seen[x] {
			return false
		}
		seen[x] = true
		return true
	}
	var out []Component
	for _, e := range n.adj[v] {
		if c := n.flood(int(e.to), visit); len(c.Organisations) > 0 {
			out = append(out, c)
		}
	}
	sortComponents(out)
	return out
}
