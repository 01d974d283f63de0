package importer

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// builder accumulates the entities of one import by id, and resolves
// organisations against the graph and against each other.
type builder struct {
	// file is the file being read, which sources cite.
	file      string
	nodes     map[string]ecosystem.Node
	order     []string
	links     map[string]ecosystem.Link
	linkOrder []string
	// byNumber, byPIC and byVAT map identifiers to organisation ids;
	// byName maps normalised names and aliases to organisation ids, known
	// or imported, in the order met.
	byNumber map[string]string
	byPIC    map[string]string
	byVAT    map[string]string
	byName   map[string][]string
	// idents holds each organisation's identifiers: those it has in the
	// graph and those rows of this import have given it.
	idents map[string]*identity
	// known marks ids that were in the graph before the import.
	known   map[string]bool
	matched map[string]bool
	// pairs maps a participation (project and organisation) to the line
	// that first named it.
	pairs      map[string]int
	duplicates []Problem
	names      map[string]*nameUse
	projects   int
	orgs       map[string]bool
	today      ecosystem.Date
	pillars    map[string]bool
	// subCalls maps a parent call to its sub-calls, in the order met.
	subCalls map[string][]string
	// spellings maps words in lower case to how the graph writes them;
	// see learnSpellings.
	spellings map[string]string
	// groups maps an organisation number to the group ties of the unit
	// with that number.
	groups map[string][]Group
}

// identity is what tells organisations apart: identifiers and country,
// each empty when unknown.
type identity struct {
	number, pic, vat, country string
}

// contradicts reports whether two identities cannot be one organisation:
// some identifier both have differs.
func (a *identity) contradicts(b identity) bool {
	differ := func(x, y string) bool { return x != "" && y != "" && x != y }
	return differ(a.number, b.number) || differ(a.pic, b.pic) || differ(a.vat, b.vat) || differ(a.country, b.country)
}

// claim gives a the identifiers of b that a lacks.
func (a *identity) claim(b identity) {
	for _, f := range []struct {
		to   *string
		from string
	}{{&a.number, b.number}, {&a.pic, b.pic}, {&a.vat, b.vat}, {&a.country, b.country}} {
		if *f.to == "" {
			*f.to = f.from
		}
	}
}

// nameUse records, for one normalised name, the name as first written
// and the organisation each organisation number under it went to.
type nameUse struct {
	name    string
	numbers map[string]string
}

func val(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// identityOf reads an organisation's identifiers.
func identityOf(o *ecosystem.Organisation) identity {
	return identity{number: val(o.OrgNumber), pic: val(o.PIC), vat: val(o.VAT), country: val(o.Country)}
}

func newBuilder(file string, known Known) *builder {
	b := &builder{file: file, nodes: map[string]ecosystem.Node{}, links: map[string]ecosystem.Link{},
		byNumber: map[string]string{}, byPIC: map[string]string{}, byVAT: map[string]string{}, byName: map[string][]string{},
		idents: map[string]*identity{}, known: map[string]bool{}, matched: map[string]bool{},
		pairs: map[string]int{}, names: map[string]*nameUse{},
		orgs: map[string]bool{}, subCalls: map[string][]string{}, spellings: map[string]string{}, today: ecosystem.DateOf(time.Now()), pillars: known.Pillars}
	for id := range known.IDs {
		b.known[id] = true
	}
	b.groups = map[string][]Group{}
	for _, g := range known.Groups {
		b.groups[g.Unit] = append(b.groups[g.Unit], g)
	}
	for _, o := range known.Organisations {
		b.known[o.ID] = true
		b.register(o.ID, identityOf(o), append([]string{o.Name}, o.Aliases...))
		b.learnSpellings(o)
	}
	return b
}

// register makes an organisation findable by its identifiers and names.
func (b *builder) register(id string, ident identity, names []string) {
	if b.idents[id] == nil {
		b.idents[id] = &identity{}
	}
	b.idents[id].claim(ident)
	for _, f := range []struct {
		index map[string]string
		key   string
	}{{b.byNumber, ident.number}, {b.byPIC, ident.pic}, {b.byVAT, ident.vat}} {
		if _, ok := f.index[f.key]; f.key != "" && !ok {
			f.index[f.key] = id
		}
	}
	for _, n := range names {
		k := normalise(n)
		if k != "" && !contains(b.byName[k], id) {
			b.byName[k] = append(b.byName[k], id)
		}
	}
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// resolve returns the id of the organisation a candidate is: by
// organisation number, then PIC, then VAT number, then by normalised
// name or alias when nothing contradicts it (a different number, PIC, VAT
// number or country, in the graph or given by an earlier row of this
// import). So once one number has claimed an organisation by name, a
// second number under the same name is a separate organisation, reported
// as a conflict. An organisation met for the first time is added; one
// already in the graph gets the candidate's fields only where it has none
// (the dataset is FillOnly).
func (b *builder) resolve(c *ecosystem.Organisation) string {
	register := b.written(c)
	cand := identityOf(c)
	id := ""
	switch {
	case cand.number != "" && b.byNumber[cand.number] != "":
		id = b.byNumber[cand.number]
	case cand.pic != "" && b.byPIC[cand.pic] != "":
		id = b.byPIC[cand.pic]
	case cand.vat != "" && b.byVAT[cand.vat] != "":
		id = b.byVAT[cand.vat]
	default:
		for _, known := range b.byName[normalise(c.Name)] {
			if !b.idents[known].contradicts(cand) {
				id = known
				break
			}
		}
	}
	if id == "" {
		id = b.newID(c.Name, cand)
	}
	b.register(id, cand, append([]string{c.Name}, c.Aliases...))
	if !b.orgs[id] {
		b.orgs[id] = true
		if b.known[id] {
			b.matched[id] = true
		}
		fill := *c
		fill.ID = id
		b.put(&fill)
	}
	b.noteName(register, cand.number, id)
	return id
}

// written gives a candidate from a register its name as people write it
// (see properName), with the register's spelling kept as an alias, and
// returns the register's spelling. Words are spelt as the graph spells
// them, as the row's municipality and county are, and the row's short
// name where the name carries it as an acronym.
func (b *builder) written(c *ecosystem.Organisation) string {
	register := c.Name
	local := map[string]string{}
	for _, place := range []*string{c.Municipality, c.County} {
		for _, p := range strings.Split(val(place), " - ") {
			if p = strings.TrimSpace(p); p != "" && strings.IndexFunc(p, unicode.IsLower) >= 0 {
				local[strings.ToLower(p)] = p
			}
		}
	}
	if short := val(c.ShortName); short != "" {
		words := strings.Fields(strings.ToLower(register))
		for i, w := range words {
			if w == strings.ToLower(short) && (i > 0 || (len(words) > 1 && words[1] == "-")) {
				local[w] = strings.ToUpper(short)
			}
		}
	}
	c.Name = properName(register, func(k string) (string, bool) {
		if form, ok := local[k]; ok {
			return form, true
		}
		form, ok := b.spellings[k]
		return form, ok
	})
	if c.Name != register {
		c.Aliases = append(c.Aliases, register)
	}
	return register
}

// learnSpellings records how the graph writes words that are not plain
// lower case, for properName: the words after the first of its
// organisations' names, short names and aliases written by people (with
// lower-case letters), which are proper nouns and acronyms ("Oslo",
// "SINTEF", "UiT"), and single-word short names and aliases with more
// than one capital ("UiB", "OUS"). Of a text in English only the
// acronyms count, as English capitalises every word. Only organisations
// with a source other than an import (a seed document, an editor) teach
// spellings.
func (b *builder) learnSpellings(o *ecosystem.Organisation) {
	capitals := func(w string) int {
		n := 0
		for _, r := range w {
			if unicode.IsUpper(r) {
				n++
			}
		}
		return n
	}
	byPeople := false
	for _, s := range o.Sources {
		byPeople = byPeople || s.Kind != ecosystem.SourceImport
	}
	if !byPeople {
		return
	}
	for _, text := range append([]string{o.Name, val(o.ShortName)}, o.Aliases...) {
		words := strings.Fields(text)
		if len(words) == 1 {
			if w := strings.Trim(words[0], "()[],."); capitals(w) > 1 && len([]rune(w)) <= 8 {
				b.spellings[strings.ToLower(w)] = w
			}
			continue
		}
		if strings.IndexFunc(text, unicode.IsLower) < 0 {
			continue
		}
		english := false
		for _, w := range words {
			english = english || englishWords[strings.ToLower(w)]
		}
		for _, w := range words[1:] {
			w = strings.Trim(w, "()[],.")
			if n := capitals(w); n > 1 || (n == 1 && !english && unicode.IsUpper([]rune(w)[0])) {
				b.spellings[strings.ToLower(w)] = w
			}
		}
	}
}

// newID makes an unused id for a new organisation: its name's slug, or
// with an identifier added when that is taken.
func (b *builder) newID(name string, ident identity) string {
	base := slug(name)
	for _, extra := range []string{"", ident.number, ident.pic, ident.vat} {
		id := strings.Trim(base+"-"+slug(extra), "-")
		if id != "" && !b.known[id] && b.nodes[id] == nil {
			return id
		}
	}
	for i := 2; ; i++ {
		id := fmt.Sprintf("%s-%d", base, i)
		if !b.known[id] && b.nodes[id] == nil {
			return id
		}
	}
}

// noteName records which organisation a number under a name went to, so
// that names shared by several numbers can be reported.
func (b *builder) noteName(name, number, id string) {
	if number == "" {
		return
	}
	k := normalise(name)
	u := b.names[k]
	if u == nil {
		u = &nameUse{name: name, numbers: map[string]string{}}
		b.names[k] = u
	}
	u.numbers[number] = id
}

// duplicate reports whether a participation, by key, was already named
// by an earlier row; a repeat is listed with the line it repeats.
func (b *builder) duplicate(key string, line int, what string) bool {
	if first, ok := b.pairs[key]; ok {
		b.duplicates = append(b.duplicates, Problem{b.file, line, fmt.Sprintf("repeats line %d (%s): counted once", first, what)})
		return true
	}
	b.pairs[key] = line
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

func (b *builder) link(from string, t ecosystem.RelType, to string, props ecosystem.LinkProps) {
	if from == "" || to == "" {
		return
	}
	k := from + "|" + string(t) + "|" + to
	if _, ok := b.links[k]; !ok {
		b.linkOrder = append(b.linkOrder, k)
	}
	b.links[k] = ecosystem.Link{From: from, Type: t, To: to, Props: props}
}

// rowLink adds a relationship that a row of the file states and that has
// no properties of its own, citing that row; when several rows state it,
// the first is cited.
func (b *builder) rowLink(line int, from string, t ecosystem.RelType, to string) {
	if _, ok := b.links[from+"|"+string(t)+"|"+to]; ok {
		return
	}
	b.link(from, t, to, &ecosystem.LinkFacts{Sources: b.source(line)})
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
	b.spanParents()
	b.placeInGroups()
	ds := b.dataset()
	rep.Projects, rep.Organisations, rep.OrganisationsMatched, rep.Participations = b.counts()
	rep.DistinctParticipations = len(b.pairs)
	rep.Duplicates = b.duplicates
	rep.Conflicts = b.conflicts()
	return ds, rep, nil
}
