package neo4jstore

// SetProfile is a throwaway hook (not committed).
func (s *Store) SetProfile(f func(cypher string, dbHits, rows, size int64)) { s.profiled = f }
