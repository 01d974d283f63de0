// Package ecosystem holds hubgraph's domain: the entities of the cancer
// ecosystem (organisations, people, roles, projects, calls, programmes,
// pillars, events, indicators), the relationships between them, their
// validation, the error codes every layer speaks, and the Store interface
// that each storage backend implements.
//
// It imports only the standard library and golang.org/x/text (for the
// Norwegian collation every store must sort by), so that every other
// package can depend on it and it depends on none of them.
package ecosystem
