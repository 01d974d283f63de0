// Package storekit is the storage machinery both stores share: how an
// entity is kept (StoredProperties, with its sort key, search text and
// content hash), how sort keys and cursors of a stored list are made,
// how a text search scores what it finds, and the editors-win
// bookkeeping (edit marks, tombstones, Prepare) that decides what a
// seed, an import or an editor may write given what a store holds.
//
// It imports the domain (internal/ecosystem) and nothing else of ours;
// the stores import it, so that they encode, order, search and merge
// alike and the conformance suite can hold them to one behaviour.
package storekit
