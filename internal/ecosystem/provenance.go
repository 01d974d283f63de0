package ecosystem

// Stated reports whether sources state a fact: a source document or a
// data file gives it. A fact resting only on an editor's judgement or on
// a rule's inference is not stated. Sources for one property (Field set)
// do not state the entity or relationship as a whole.
func Stated(sources []Source) bool {
	for _, s := range sources {
		if s.Field == "" && (s.Kind == SourceDocument || s.Kind == SourceImport) {
			return true
		}
	}
	return false
}

// LinkSources returns what a relationship rests on: its own sources, or,
// when it names none, the sources of the entity it goes from (the record
// that gave both), from may be nil.
func LinkSources(l Link, from Node) []Source {
	if own := l.Facts().Sources; len(own) > 0 {
		return own
	}
	if from == nil {
		return nil
	}
	var whole []Source
	for _, s := range from.NodeMeta().Sources {
		if s.Field == "" {
			whole = append(whole, s)
		}
	}
	return whole
}

// StatedOnly returns the part of a snapshot that is stated: the entities
// whose sources state them, and the relationships between those whose
// sources (see LinkSources) state them.
func StatedOnly(snap *Snapshot) *Snapshot {
	out := &Snapshot{Version: snap.Version, Nodes: map[string]Node{}}
	for id, n := range snap.Nodes {
		if Stated(n.NodeMeta().Sources) {
			out.Nodes[id] = n
		}
	}
	for _, l := range snap.Links {
		from, ok1 := out.Nodes[l.From]
		_, ok2 := out.Nodes[l.To]
		if ok1 && ok2 && Stated(LinkSources(l, from)) {
			out.Links = append(out.Links, l)
		}
	}
	return out
}
