package importer

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// builder accumulates the entities of one import by id, and resolves
// organisations against the graph and against each other.
type builder struct {
	file      string
	nodes     map[string]ecosystem.Node
	order     []string
	links     map[string]ecosystem.Link
	linkOrder []string
	// byNumber and byPIC map identifiers to ids; byName maps normalised
	// names and aliases to organisations, known or imported.
	byNumber map[string]string
	byPIC    map[string]string
	byName   map[string][]*ecosystem.Organisation
	// known marks ids that were in the graph before the import.
	known    map[string]bool
	matched  map[string]bool
	pairs    map[string]bool
	names    map[string]map[string]bool // normalised name → identifiers seen
	projects int
	orgs     map[string]bool
	today    ecosystem.Date
	pillars  map[string]bool
}

func newBuilder(file string, known Known) *builder {
	b := &builder{file: file, nodes: map[string]ecosystem.Node{}, links: map[string]ecosystem.Link{},
		byNumber: map[string]string{}, byPIC: map[string]string{}, byName: map[string][]*ecosystem.Organisation{},
		known: map[string]bool{}, matched: map[string]bool{}, pairs: map[string]bool{}, names: map[string]map[string]bool{},
		orgs: map[string]bool{}, today: ecosystem.DateOf(time.Now()), pillars: known.Pillars}
	for _, o := range known.Organisations {
		b.register(o)
		b.known[o.ID] = true
	}
	return b
}

// register makes an organisation findable by its identifiers and names.
func (b *builder) register(o *ecosystem.Organisation) {
	if o.OrgNumber != nil {
		b.byNumber[*o.OrgNumber] = o.ID
	}
	if o.PIC != nil {
		b.byPIC[*o.PIC] = o.ID
	}
	for _, n := range append([]string{o.Name}, o.Aliases...) {
		k := normalise(n)
		b.byName[k] = append(b.byName[k], o)
	}
}

// resolve returns the id of the organisation a candidate is: by
// organisation number, then by PIC, then by normalised name or alias
// when nothing contradicts it (a different number, PIC or country) —
// two different numbers are never merged by name. An organisation met
// for the first time is added; one already in the graph gets the
// candidate's fields only where it has none (the dataset is FillOnly).
func (b *builder) resolve(c *ecosystem.Organisation) string {
	key := normalise(c.Name)
	ident := ""
	switch {
	case c.OrgNumber != nil:
		ident = *c.OrgNumber
	case c.PIC != nil:
		ident = "PIC " + *c.PIC
	}
	if b.names[key] == nil {
		b.names[key] = map[string]bool{}
	}
	if ident != "" {
		b.names[key][ident] = true
	}
	use := func(id string) string {
		if !b.orgs[id] {
			b.orgs[id] = true
			if b.known[id] {
				b.matched[id] = true
			}
			fill := *c
			fill.ID = id
			b.put(&fill)
		}
		if c.OrgNumber != nil {
			b.byNumber[*c.OrgNumber] = id
		}
		if c.PIC != nil {
			b.byPIC[*c.PIC] = id
		}
		return id
	}
	if c.OrgNumber != nil {
		if id, ok := b.byNumber[*c.OrgNumber]; ok {
			return use(id)
		}
	}
	if c.PIC != nil {
		if id, ok := b.byPIC[*c.PIC]; ok {
			return use(id)
		}
	}
	for _, o := range b.byName[key] {
		if differs(o.OrgNumber, c.OrgNumber) || differs(o.PIC, c.PIC) || differs(o.Country, c.Country) {
			continue
		}
		return use(o.ID)
	}
	id := slug(c.Name)
	if id == "" || b.nodes[id] != nil || b.taken(id) {
		id = slug(c.Name + " " + strings.TrimPrefix(ident, "PIC "))
	}
	c.ID = id
	b.register(c)
	return use(id)
}

// differs reports whether two optional values are both set and unequal.
func differs(a, b *string) bool { return a != nil && b != nil && *a != *b }

// taken reports whether an organisation, known or imported, uses id.
func (b *builder) taken(id string) bool {
	for _, os := range b.byName {
		for _, o := range os {
			if o.ID == id {
				return true
			}
		}
	}
	return false
}

var nonWord = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// normalise makes names comparable: lowercase, punctuation to spaces.
func normalise(s string) string {
	return strings.TrimSpace(nonWord.ReplaceAllString(strings.ToLower(s), " "))
}

// slug makes an id from text: ASCII letters and digits joined by hyphens
// (æ→ae, ø→o, å→a, other accents dropped).
func slug(s string) string {
	repl := strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "ä", "a", "ö", "o", "ü", "u", "é", "e", "è", "e", "á", "a", "í", "i", "ó", "o", "ú", "u")
	s = repl.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

func (b *builder) put(n ecosystem.Node) {
	id := n.NodeMeta().ID
	if _, ok := b.nodes[id]; !ok {
		b.order = append(b.order, id)
	}
	b.nodes[id] = n
}

func (b *builder) link(from string, t ecosystem.RelType, to string, props map[string]any) {
	if from == "" || to == "" {
		return
	}
	k := from + "|" + string(t) + "|" + to
	if _, ok := b.links[k]; !ok {
		b.linkOrder = append(b.linkOrder, k)
	}
	b.links[k] = ecosystem.Link{From: from, Type: t, To: to, Properties: props}
}

func (b *builder) source(line int) []ecosystem.Source {
	return []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: b.file, Row: &line}}
}

// finish closes a parse: with strict, any bad row refuses the whole
// input; otherwise the dataset and the report's counts.
func (b *builder) finish(rep *Report, name string, strict bool) (*ecosystem.Dataset, *Report, error) {
	if strict && len(rep.Bad) > 0 {
		return nil, rep, ecosystem.Errorf(ecosystem.CodeBadUserInput, "%s: %d bad rows (first at line %d: %s); nothing was imported",
			name, len(rep.Bad), rep.Bad[0].Line, rep.Bad[0].Reason)
	}
	ds := b.dataset()
	rep.Projects, rep.Organisations, rep.OrganisationsMatched, rep.Participations = b.counts()
	rep.Conflicts = b.conflicts()
	return ds, rep, nil
}
