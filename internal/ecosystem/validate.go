package ecosystem

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether id is a slug: lowercase ASCII letters and digits
// in groups joined by single hyphens, at most 120 characters.
func ValidID(id string) bool { return len(id) <= 120 && idPattern.MatchString(id) }

// Validate checks one entity and returns every problem found, with field
// paths under prefix (such as "organisations[3]").
func Validate(n Node, prefix string) ValidationErrors { return validate(n, prefix, true) }

// ValidateStored is Validate without the rules of stored text (lengths,
// characters, websites): those bind new writes, while an entity an
// earlier version stored must still load.
func ValidateStored(n Node, prefix string) ValidationErrors { return validate(n, prefix, false) }

func validate(n Node, prefix string, textRules bool) ValidationErrors {
	var v ValidationErrors
	at := func(f string) string {
		if prefix == "" {
			return f
		}
		return prefix + "." + f
	}
	m := n.NodeMeta()
	if !ValidID(m.ID) {
		v.Add(at("id"), "%q is not a valid id (lowercase letters, digits and single hyphens)", m.ID)
	}
	required := func(field, value string) {
		if strings.TrimSpace(value) == "" {
			v.Add(at(field), "is required")
		}
	}
	date := func(field string, d *Date) {
		if d != nil && !d.Valid() {
			v.Add(at(field), "%q is not a date of the form %s", *d, DateForms)
		}
	}
	oneOf := func(field, value string, allowed ...string) {
		for _, a := range allowed {
			if value == a {
				return
			}
		}
		v.Add(at(field), "%q is not one of %s", value, strings.Join(allowed, ", "))
	}
	nonNegative := func(field string, f *float64) {
		if f != nil && *f < 0 {
			v.Add(at(field), "must not be negative")
		}
	}
	for i, s := range m.Sources {
		oneOf(fmt.Sprintf("sources[%d].kind", i), string(s.Kind), "DOCUMENT", "IMPORT", "EDITOR", "INFERRED")
		required(fmt.Sprintf("sources[%d].reference", i), s.Reference)
	}
	if textRules {
		eachText(n, checker(&v, at))
		if o, ok := n.(*Organisation); ok && o.Website != nil {
			if p := urlProblem(*o.Website); p != "" {
				v.Add(at("website"), "%s", p)
			}
		}
	}
	switch e := n.(type) {
	case *Organisation:
		required("name", e.Name)
		oneOf("sector", string(e.Sector), strs(Sectors)...)
		for i, k := range e.Kinds {
			oneOf(fmt.Sprintf("kinds[%d]", i), string(k), strs(OrganisationKinds)...)
		}
		if e.Country != nil && !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(*e.Country) {
			v.Add(at("country"), "%q is not an ISO 3166-1 alpha-2 code", *e.Country)
		}
		if e.OrgNumber != nil && !regexp.MustCompile(`^[0-9]{9}$`).MatchString(*e.OrgNumber) {
			v.Add(at("orgNumber"), "%q is not a nine-digit organisation number", *e.OrgNumber)
		}
		if e.PIC != nil && !regexp.MustCompile(`^[0-9]{9}$`).MatchString(*e.PIC) {
			v.Add(at("pic"), "%q is not a nine-digit participant identification code", *e.PIC)
		}
		if e.VAT != nil && !regexp.MustCompile(`^[A-Z]{2}[0-9A-Z]{2,13}$`).MatchString(*e.VAT) {
			v.Add(at("vat"), "%q is not a VAT number (a country code, then letters and digits, upper case)", *e.VAT)
		}
	case *Person:
		required("name", e.Name)
	case *Role:
		required("title", e.Title)
		oneOf("status", string(e.Status), "ACTIVE", "ON_LEAVE", "ENDED")
		date("since", e.Since)
		date("until", e.Until)
	case *Project:
		required("name", e.Name)
		oneOf("status", string(e.Status), "PROPOSAL", "ONGOING", "COMPLETED", "REJECTED")
		date("start", e.Start)
		date("end", e.End)
		if e.Start != nil && e.End != nil && e.End.Before(*e.Start) {
			v.Add(at("end"), "is before start")
		}
	case *Call:
		required("title", e.Title)
		date("opens", e.Opens)
		date("deadline", e.Deadline)
		date("resultsExpected", e.ResultsExpected)
		date("expectedStart", e.ExpectedStart)
		nonNegative("budgetEur", e.BudgetEur)
		nonNegative("maxGrantEur", e.MaxGrantEur)
		nonNegative("projectBudgetEur", e.ProjectBudgetEur)
		if e.FundingRate != nil && (*e.FundingRate < 0 || *e.FundingRate > 1) {
			v.Add(at("fundingRate"), "must be a fraction between 0 and 1")
		}
		if e.Opens != nil && e.Deadline != nil && e.Deadline.Before(*e.Opens) {
			v.Add(at("deadline"), "is before the call opens")
		}
		if e.ExpectedGrants != nil && *e.ExpectedGrants < 0 {
			v.Add(at("expectedGrants"), "must not be negative")
		}
		if e.DurationMonths != nil && *e.DurationMonths < 1 {
			v.Add(at("durationMonths"), "must be at least 1")
		}
		for i, r := range e.Requirements {
			p := fmt.Sprintf("requirements[%d]", i)
			oneOf(p+".kind", string(r.Kind), "MIN_COUNTRIES", "MIN_ORGANISATIONS")
			required(p+".description", r.Description)
			if r.Count < 1 {
				v.Add(at(p+".count"), "must be at least 1")
			}
			for j, s := range r.Sectors {
				oneOf(fmt.Sprintf("%s.sectors[%d]", p, j), string(s), strs(Sectors)...)
			}
			for j, k := range r.Kinds {
				oneOf(fmt.Sprintf("%s.kinds[%d]", p, j), string(k), strs(OrganisationKinds)...)
			}
		}
	case *Topic:
		required("title", e.Title)
	case *Programme:
		required("name", e.Name)
		nonNegative("budgetEur", e.BudgetEur)
		for i, b := range e.Budgets {
			p := fmt.Sprintf("budgets[%d]", i)
			nonNegative(p+".amountEur", &b.AmountEur)
			required(p+".covers", b.Covers)
			date(p+".from", b.From)
			date(p+".to", b.To)
			if b.From != nil && b.To != nil && b.To.Before(*b.From) {
				v.Add(at(p+".to"), "is before from")
			}
		}
	case *Pillar:
		required("name", e.Name)
	case *Event:
		required("title", e.Title)
		if !e.Date.Valid() {
			v.Add(at("date"), "%q is not a date of the form %s", e.Date, DateForms)
		}
		oneOf("kind", string(e.Kind), "MILESTONE", "MEETING", "DEADLINE", "WORKSHOP")
	case *Indicator:
		required("name", e.Name)
	}
	return v
}

// ValidateParticipation checks a participation's fields, with paths under
// prefix (such as "input").
func ValidateParticipation(p *Participation, prefix string) ValidationErrors {
	var v ValidationErrors
	switch p.Role {
	case ParticipationCoordinator, ParticipationPartner, ParticipationAssociated:
	default:
		v.Add(prefix+".role", "%q is not one of COORDINATOR, PARTNER, ASSOCIATED", p.Role)
	}
	switch p.Status {
	case ParticipationConfirmed, ParticipationTentative:
	default:
		v.Add(prefix+".status", "%q is not one of CONFIRMED, TENTATIVE", p.Status)
	}
	if p.ContributionEur != nil && *p.ContributionEur < 0 {
		v.Add(prefix+".contributionEur", "must not be negative")
	}
	v = append(v, validateFacts(&p.LinkFacts, prefix)...)
	sort.Slice(v, func(i, j int) bool { return v[i].Field < v[j].Field })
	return v
}

// validateFacts checks what every link may state, with paths under
// prefix.
func validateFacts(f *LinkFacts, prefix string) ValidationErrors {
	var v ValidationErrors
	if f.Since != nil && !f.Since.Valid() {
		v.Add(prefix+".since", "%q is not a date of the form %s", *f.Since, DateForms)
	}
	if f.Until != nil && !f.Until.Valid() {
		v.Add(prefix+".until", "%q is not a date of the form %s", *f.Until, DateForms)
	}
	if f.Since != nil && f.Until != nil && f.Until.Before(*f.Since) {
		v.Add(prefix+".until", "is before since")
	}
	eachSourceText(f.Sources, "sources", checker(&v, func(f string) string { return prefix + "." + f }))
	return v
}

// ValidateLink checks a link whose ends have the given labels, and what
// it states: properties of the kind its type carries (see NewLinkProps),
// valid field by field. Problems are reported at the link's Field when it
// has one, else at path.
func ValidateLink(l Link, from, to Label, path string) ValidationErrors {
	var v ValidationErrors
	if l.Field != "" {
		path = l.Field
	}
	switch _, ok := Relationships[l.Type]; {
	case !ok:
		v.Add(path, "%q is not a relationship type", l.Type)
		return v
	case !l.Type.Allows(from, to):
		v.Add(path, "%s cannot link %s %q to %s %q", l.Type, from, l.From, to, l.To)
	case l.From == l.To:
		v.Add(path, "%s cannot link %q to itself", l.Type, l.From)
	}
	switch p := l.Props.(type) {
	case nil:
	case *Participation:
		if l.Type != RelParticipatesIn {
			v.Add(path, "a %s link cannot state a participation", l.Type)
			break
		}
		v = append(v, ValidateParticipation(p, path)...)
	case *LinkFacts:
		if l.Type == RelParticipatesIn {
			v.Add(path, "a %s link must state a participation", l.Type)
			break
		}
		v = append(v, validateFacts(p, path)...)
	default:
		v.Add(path, "a %s link cannot state %T", l.Type, p)
	}
	return v
}

// ValidateDataset checks every node and every link whose ends are in the
// dataset; duplicate ids are reported too.
func ValidateDataset(ds *Dataset) ValidationErrors {
	var v ValidationErrors
	labels := map[string]Label{}
	for i, n := range ds.Nodes {
		path := fmt.Sprintf("nodes[%d]", i)
		v = append(v, Validate(n, path)...)
		id := n.NodeMeta().ID
		if prev, dup := labels[id]; dup {
			v.Add(path+".id", "%q is used twice (also by a %s)", id, prev)
		}
		labels[id] = n.NodeLabel()
	}
	for i, l := range ds.Links {
		from, okFrom := labels[l.From]
		to, okTo := labels[l.To]
		if okFrom && okTo {
			v = append(v, ValidateLink(l, from, to, fmt.Sprintf("links[%d]", i))...)
		}
	}
	return v
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// IDs returns every id the dataset names, as a node or a link end, sorted.
func (ds *Dataset) IDs() []string {
	set := map[string]bool{}
	for _, n := range ds.Nodes {
		set[n.NodeMeta().ID] = true
	}
	for _, l := range ds.Links {
		set[l.From], set[l.To] = true, true
	}
	for _, l := range ds.RemoveLinks {
		set[l.From], set[l.To] = true, true
	}
	for _, l := range ds.ReplaceLinks {
		set[l.From+l.To] = true
	}
	for _, id := range ds.Deletes {
		set[id] = true
	}
	for _, m := range ds.Merges {
		set[m.Keep], set[m.Merge] = true, true
	}
	for id := range ds.ExpectedVersions {
		set[id] = true
	}
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Held is what a store holds for an id before a write: the label and
// version of its entity.
type Held struct {
	Label   Label
	Version int
}

// CheckApply judges a dataset against what the store already holds for
// its ids. It returns CONFLICT when the dataset gives an existing id
// another type or an expected version is stale, NOT_FOUND when a link,
// removal, delete or expected version names an id that is neither in the
// dataset nor in the store, and BAD_USER_INPUT when a link is not allowed
// between the labels of its ends or leads to an id the dataset deletes. Every store calls it before writing, so
// that all refuse the same datasets.
func CheckApply(ds *Dataset, have map[string]Held) error {
	existing := make(map[string]Label, len(have))
	for id, e := range have {
		existing[id] = e.Label
	}
	for id, want := range ds.ExpectedVersions {
		e, ok := have[id]
		if !ok {
			return Errorf(CodeNotFound, "no entity has the id %q", id)
		}
		if e.Version != want {
			return Errorf(CodeConflict, "%q is at version %d, not %d: someone changed it since you read it", id, e.Version, want)
		}
	}
	for _, id := range ds.Deletes {
		if _, ok := have[id]; !ok {
			return Errorf(CodeNotFound, "no entity has the id %q", id)
		}
	}
	for _, m := range ds.Merges {
		keep, okKeep := have[m.Keep]
		merge, okMerge := have[m.Merge]
		switch {
		case !okKeep || !okMerge:
			missing := m.Keep
			if okKeep {
				missing = m.Merge
			}
			return Errorf(CodeNotFound, "no entity has the id %q", missing)
		case m.Keep == m.Merge:
			return FieldError("mergeId", "cannot merge %q into itself", m.Keep)
		case keep.Label != merge.Label:
			return FieldError("mergeId", "%q is a %s and %q a %s: only entities of one type merge", m.Keep, keep.Label, m.Merge, merge.Label)
		}
	}
	for _, l := range ds.RemoveLinks {
		for _, id := range []string{l.From, l.To} {
			if _, ok := have[id]; !ok {
				return Errorf(CodeNotFound, "no entity has the id %q", id)
			}
		}
	}
	labels := make(map[string]Label, len(existing)+len(ds.Nodes))
	for id, l := range existing {
		labels[id] = l
	}
	for _, n := range ds.Nodes {
		id := n.NodeMeta().ID
		if have, ok := existing[id]; ok && have != n.NodeLabel() {
			return Errorf(CodeConflict, "id %q is already used by a %s", id, have)
		}
		labels[id] = n.NodeLabel()
	}
	// An id the dataset deletes or merges away, and does not write again,
	// is gone before its links are written.
	gone := map[string]bool{}
	for _, id := range ds.Deletes {
		gone[id] = true
	}
	for _, m := range ds.Merges {
		gone[m.Merge] = true
	}
	for _, n := range ds.Nodes {
		delete(gone, n.NodeMeta().ID)
	}
	var v ValidationErrors
	for i, l := range ds.Links {
		for _, id := range []string{l.From, l.To} {
			if gone[id] {
				return &Error{Code: CodeBadUserInput, Field: l.Field, Message: fmt.Sprintf("%s link refers to %q, which the same write deletes", l.Type, id)}
			}
		}
		from, okFrom := labels[l.From]
		to, okTo := labels[l.To]
		if !okFrom || !okTo {
			missing := l.From
			if okFrom {
				missing = l.To
			}
			return &Error{Code: CodeNotFound, Field: l.Field, Message: fmt.Sprintf("%s link refers to %q, which does not exist", l.Type, missing)}
		}
		v = append(v, ValidateLink(l, from, to, fmt.Sprintf("links[%d]", i))...)
	}
	return v.Err()
}
