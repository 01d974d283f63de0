package analysis

import "math/bits"

// radixHeap is a monotone priority queue of (distance, node) for
// Dijkstra's algorithm on integer lengths (Ahuja, Mehlhorn, Orlin and
// Tarjan, 1990). An entry sits in bucket bits.Len64(key XOR last), where
// last is the key popped most recently: bucket 0 holds keys equal to it,
// and bucket i keys that first differ from it at bit i−1. Popping from an
// empty bucket 0 takes the first non-empty bucket, makes its smallest key
// the new last and spreads the bucket over lower ones; an entry only ever
// moves down, so it moves at most 64 times and in practice a handful.
// Unlike a bucket ring its cost does not grow with the distances, and
// unlike a binary heap a push is O(1). Keys pushed must not be below
// last, which Dijkstra guarantees with non-negative lengths.
type radixHeap struct {
	last    uint64
	buckets [65][]radixEntry
	// full has bit i set when bucket i+1 is not empty.
	full uint64
	size int
}

type radixEntry struct {
	key  uint64
	node int32
}

func (h *radixHeap) push(key uint64, node int32) {
	b := bits.Len64(key ^ h.last)
	h.buckets[b] = append(h.buckets[b], radixEntry{key, node})
	if b > 0 {
		h.full |= 1 << (b - 1)
	}
	h.size++
}

// pop removes an entry with the smallest key; the heap must not be empty.
func (h *radixHeap) pop() (uint64, int32) {
	if len(h.buckets[0]) == 0 {
		b := bits.TrailingZeros64(h.full) + 1
		src := h.buckets[b]
		least := src[0].key
		for _, e := range src[1:] {
			least = min(least, e.key)
		}
		h.last = least
		for _, e := range src {
			d := bits.Len64(e.key ^ least)
			h.buckets[d] = append(h.buckets[d], e)
			if d > 0 {
				h.full |= 1 << (d - 1)
			}
		}
		h.buckets[b] = src[:0]
		h.full &^= 1 << (b - 1)
	}
	top := h.buckets[0]
	e := top[len(top)-1]
	h.buckets[0] = top[:len(top)-1]
	h.size--
	return e.key, e.node
}

// reset empties the heap, keeping its buffers.
func (h *radixHeap) reset() {
	for i := range h.buckets {
		h.buckets[i] = h.buckets[i][:0]
	}
	h.last, h.full, h.size = 0, 0, 0
}
