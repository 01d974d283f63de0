package ecosystem

import (
	"time"
)

// Label names an entity type. Labels double as Neo4j node labels, so they
// come only from this list, never from user input.
type Label string

// The entity labels.
const (
	LabelOrganisation Label = "Organisation"
	LabelPerson       Label = "Person"
	LabelRole         Label = "Role"
	LabelProject      Label = "Project"
	LabelCall         Label = "Call"
	LabelTopic        Label = "Topic"
	LabelProgramme    Label = "Programme"
	LabelPillar       Label = "Pillar"
	LabelEvent        Label = "Event"
	LabelIndicator    Label = "Indicator"
)

// Labels lists every entity label.
var Labels = []Label{
	LabelOrganisation, LabelPerson, LabelRole, LabelProject, LabelCall,
	LabelTopic, LabelProgramme, LabelPillar, LabelEvent, LabelIndicator,
}

// NewNode returns an empty entity of the given label, or nil when the
// label is unknown.
func NewNode(l Label) Node {
	switch l {
	case LabelOrganisation:
		return &Organisation{}
	case LabelPerson:
		return &Person{}
	case LabelRole:
		return &Role{}
	case LabelProject:
		return &Project{}
	case LabelCall:
		return &Call{}
	case LabelTopic:
		return &Topic{}
	case LabelProgramme:
		return &Programme{}
	case LabelPillar:
		return &Pillar{}
	case LabelEvent:
		return &Event{}
	case LabelIndicator:
		return &Indicator{}
	}
	return nil
}

// Node is what every entity has: identity, provenance and a version.
type Node interface {
	// NodeMeta returns the entity's identity and provenance.
	NodeMeta() *Meta
	// NodeLabel returns the entity's type.
	NodeLabel() Label
	// SortName returns the text the entity is ordered by in lists.
	SortName() string
	// SearchTexts returns the texts a search can match, by field name.
	SearchTexts() map[string][]string
}

// Meta is the part every entity shares.
type Meta struct {
	// ID is a stable, human-readable slug, unique across all types.
	ID string `json:"id"`
	// Sources says where the entity's facts came from.
	Sources []Source `json:"sources"`
	// Version increases with every change of the entity.
	Version int `json:"version"`
	// UpdatedAt is the time of the last change.
	UpdatedAt *time.Time `json:"updatedAt,omitempty"`

	// sortName and sortKey are the text the entity was ordered by when a
	// store read it and the collation key the store kept for it, so that
	// CursorOf need not compute the key again (it does when the name has
	// changed since).
	sortName, sortKey string
}

// NodeMeta returns m itself, so that every entity embedding Meta is a Node.
func (m *Meta) NodeMeta() *Meta { return m }

// KeepSortKey records key as the collation key (SortKey) of name, the
// text the entity is ordered by; a store calls it while it decodes the
// entity, before anything else sees it.
func (m *Meta) KeepSortKey(name, key string) { m.sortName, m.sortKey = name, key }

// SourceKind says what kind of source a fact came from.
type SourceKind string

// The source kinds.
const (
	SourceDocument SourceKind = "DOCUMENT"
	SourceImport   SourceKind = "IMPORT"
	SourceEditor   SourceKind = "EDITOR"
	// SourceInferred marks a fact a rule derived from other facts.
	SourceInferred SourceKind = "INFERRED"
)

// Source names where an entity's facts came from: a seed document's file
// name (with the sentence it rests on), an import file's name (with the
// row), an editor's token name (with the time and, for a judgement no
// document states, the reason) or the rule that inferred it (with its
// inputs). Field names the one property the source is for; empty, it is
// for the entity or relationship as a whole.
type Source struct {
	Kind      SourceKind `json:"kind"`
	Reference string     `json:"reference"`
	Row       *int       `json:"row,omitempty"`
	At        *time.Time `json:"at,omitempty"`
	Field     string     `json:"field,omitempty"`
	Quote     string     `json:"quote,omitempty"`
	Rule      string     `json:"rule,omitempty"`
	Inputs    []string   `json:"inputs,omitempty"`
	Reason    string     `json:"reason,omitempty"`
}

// Sector is the part of society an organisation belongs to.
type Sector string

// The sectors.
const (
	SectorResearch         Sector = "RESEARCH"
	SectorHealthService    Sector = "HEALTH_SERVICE"
	SectorAuthority        Sector = "AUTHORITY"
	SectorMunicipal        Sector = "MUNICIPAL"
	SectorIndustry         Sector = "INDUSTRY"
	SectorUserOrganisation Sector = "USER_ORGANISATION"
	SectorFunder           Sector = "FUNDER"
	SectorOther            Sector = "OTHER"
)

// Sectors lists every sector.
var Sectors = []Sector{
	SectorResearch, SectorHealthService, SectorAuthority, SectorMunicipal,
	SectorIndustry, SectorUserOrganisation, SectorFunder, SectorOther,
}

// OrganisationKind is what an organisation is, independent of its sector.
type OrganisationKind string

// OrganisationKinds lists every organisation kind.
var OrganisationKinds = []OrganisationKind{
	"UNIVERSITY", "FACULTY", "RESEARCH_INSTITUTE", "HOSPITAL",
	"HEALTH_AUTHORITY", "PUBLIC_AGENCY", "MUNICIPALITY_ASSOCIATION",
	"COMPANY", "SME", "CLUSTER", "NGO", "PATIENT_ORGANISATION", "FOUNDATION",
	"NETWORK", "GOVERNING_BODY", "MINISTRY", "EU_INSTITUTION", "OTHER",
}

// Organisation is any actor: a university, a hospital, an agency, a company,
// an NGO, a network, or a body such as a coordination group.
type Organisation struct {
	Meta
	Name      string             `json:"name"`
	ShortName *string            `json:"shortName,omitempty"`
	Aliases   []string           `json:"aliases"`
	Sector    Sector             `json:"sector"`
	Kinds     []OrganisationKind `json:"kinds"`
	// Focus lists themes such as "cancer", "mental health", "digital health".
	Focus []string `json:"focus"`
	// Country is an ISO 3166-1 alpha-2 code.
	Country *string `json:"country,omitempty"`
	// OrgNumber is the Norwegian organisation number (nine digits).
	OrgNumber *string `json:"orgNumber,omitempty"`
	Website   *string `json:"website,omitempty"`
	// PIC is the EU participant identification code.
	PIC *string `json:"pic,omitempty"`
	// VAT is the VAT number, normalised (upper case, letters and digits
	// only), as funding files such as CORDIS give it.
	VAT *string `json:"vat,omitempty"`
	// Municipality and County locate a Norwegian organisation.
	Municipality *string `json:"municipality,omitempty"`
	County       *string `json:"county,omitempty"`
}

// NodeLabel returns LabelOrganisation.
func (*Organisation) NodeLabel() Label { return LabelOrganisation }

// SortName returns the name.
func (o *Organisation) SortName() string { return o.Name }

// SearchTexts returns the name, short name, aliases and the numbers that
// identify the organisation.
func (o *Organisation) SearchTexts() map[string][]string {
	return map[string][]string{"name": {o.Name}, "shortName": opt(o.ShortName), "aliases": o.Aliases, "orgNumber": opt(o.OrgNumber),
		"pic": opt(o.PIC), "vat": opt(o.VAT)}
}

// Person is a named individual. Anonymous readers see names and public
// roles only.
type Person struct {
	Meta
	Name string `json:"name"`
}

// NodeLabel returns LabelPerson.
func (*Person) NodeLabel() Label { return LabelPerson }

// SortName returns the name.
func (p *Person) SortName() string { return p.Name }

// SearchTexts returns the name.
func (p *Person) SearchTexts() map[string][]string { return map[string][]string{"name": {p.Name}} }

// RoleStatus says whether a seat is currently held.
type RoleStatus string

// The role statuses.
const (
	RoleActive  RoleStatus = "ACTIVE"
	RoleOnLeave RoleStatus = "ON_LEAVE"
	RoleEnded   RoleStatus = "ENDED"
)

// PublicRole reports whether anyone may see who holds a role: a seat that
// is ACTIVE is what the hub publishes. That someone is on leave from a
// seat, or held one that ended, says something about the person, and is
// shown only to readers with a token.
func PublicRole(r *Role) bool { return r.Status == RoleActive }

// Role is a seat or position: held by one or more people, for an
// organisation, optionally in a body such as a coordination group.
type Role struct {
	Meta
	Title  string     `json:"title"`
	Status RoleStatus `json:"status"`
	Since  *Date      `json:"since,omitempty"`
	Until  *Date      `json:"until,omitempty"`
}

// NodeLabel returns LabelRole.
func (*Role) NodeLabel() Label { return LabelRole }

// SortName returns the title.
func (r *Role) SortName() string { return r.Title }

// SearchTexts returns the title.
func (r *Role) SearchTexts() map[string][]string { return map[string][]string{"title": {r.Title}} }

// ProjectStatus is where a project is in its life.
type ProjectStatus string

// The project statuses.
const (
	ProjectProposal  ProjectStatus = "PROPOSAL"
	ProjectOngoing   ProjectStatus = "ONGOING"
	ProjectCompleted ProjectStatus = "COMPLETED"
	ProjectRejected  ProjectStatus = "REJECTED"
)

// Project is a project or a proposal for one.
type Project struct {
	Meta
	Name        string        `json:"name"`
	Aliases     []string      `json:"aliases"`
	Acronym     *string       `json:"acronym,omitempty"`
	Code        *string       `json:"code,omitempty"`
	Status      ProjectStatus `json:"status"`
	Start       *Date         `json:"start,omitempty"`
	End         *Date         `json:"end,omitempty"`
	Description *string       `json:"description,omitempty"`
}

// NodeLabel returns LabelProject.
func (*Project) NodeLabel() Label { return LabelProject }

// SortName returns the name.
func (p *Project) SortName() string { return p.Name }

// SearchTexts returns the name, aliases, acronym and code.
func (p *Project) SearchTexts() map[string][]string {
	return map[string][]string{"name": {p.Name}, "aliases": p.Aliases, "acronym": opt(p.Acronym), "code": opt(p.Code)}
}

// CallStatus is whether a call accepts proposals on a date.
type CallStatus string

// The call statuses.
const (
	CallForthcoming CallStatus = "FORTHCOMING"
	CallOpen        CallStatus = "OPEN"
	CallClosed      CallStatus = "CLOSED"
	// CallUnknown is the status on a day the call's known dates do not
	// decide: it has no opening date or no deadline, and the day is
	// neither before the one nor after the other.
	CallUnknown CallStatus = "UNKNOWN"
)

// Call is a funding call.
type Call struct {
	Meta
	Identifier      *string `json:"identifier,omitempty"`
	Title           string  `json:"title"`
	Opens           *Date   `json:"opens,omitempty"`
	Deadline        *Date   `json:"deadline,omitempty"`
	ResultsExpected *Date   `json:"resultsExpected,omitempty"`
	ExpectedStart   *Date   `json:"expectedStart,omitempty"`
	// BudgetEur is the whole pot of the call.
	BudgetEur *float64 `json:"budgetEur,omitempty"`
	// MaxGrantEur is the most one project can receive.
	MaxGrantEur *float64 `json:"maxGrantEur,omitempty"`
	// ProjectBudgetEur is a project's total budget, own share included.
	ProjectBudgetEur *float64 `json:"projectBudgetEur,omitempty"`
	// FundingRate is the funded fraction of costs, 0.6 for 60 %.
	FundingRate    *float64      `json:"fundingRate,omitempty"`
	ExpectedGrants *int          `json:"expectedGrants,omitempty"`
	DurationMonths *int          `json:"durationMonths,omitempty"`
	Description    *string       `json:"description,omitempty"`
	Requirements   []Requirement `json:"requirements"`
}

// NodeLabel returns LabelCall.
func (*Call) NodeLabel() Label { return LabelCall }

// SortName returns the title.
func (c *Call) SortName() string { return c.Title }

// SearchTexts returns the title and identifier.
func (c *Call) SearchTexts() map[string][]string {
	return map[string][]string{"title": {c.Title}, "identifier": opt(c.Identifier)}
}

// StatusOn returns the call's status on the given date: FORTHCOMING
// before it opens, CLOSED after its deadline, OPEN from its opening date
// to its deadline, and UNKNOWN on any other day, when a date that would
// decide is missing. A call is never OPEN without evidence. Dates
// compare as periods (see Date): a call with the deadline 2024-03 is
// CLOSED from 2024-04-01.
func (c *Call) StatusOn(d Date) CallStatus {
	opens, deadline := known(c.Opens), known(c.Deadline)
	switch {
	case opens && c.Opens.After(d):
		return CallForthcoming
	case deadline && c.Deadline.Before(d):
		return CallClosed
	case opens && deadline:
		return CallOpen
	}
	return CallUnknown
}

// known reports whether a date is given.
func known(d *Date) bool { return d != nil && *d != "" }

// RequirementKind says what a requirement counts.
type RequirementKind string

// The requirement kinds.
const (
	RequirementMinCountries     RequirementKind = "MIN_COUNTRIES"
	RequirementMinOrganisations RequirementKind = "MIN_ORGANISATIONS"
)

// Requirement is one eligibility rule of a call, held as data so that a
// new call's rules need no code. An organisation matches a
// MIN_ORGANISATIONS requirement when it matches every non-empty list
// (any value within a list).
type Requirement struct {
	Description string             `json:"description"`
	Kind        RequirementKind    `json:"kind"`
	Count       int                `json:"count"`
	Sectors     []Sector           `json:"sectors"`
	Kinds       []OrganisationKind `json:"kinds"`
	Focus       []string           `json:"focus"`
}

// Topic is a call topic.
type Topic struct {
	Meta
	Code  *string `json:"code,omitempty"`
	Title string  `json:"title"`
}

// NodeLabel returns LabelTopic.
func (*Topic) NodeLabel() Label { return LabelTopic }

// SortName returns the title.
func (t *Topic) SortName() string { return t.Title }

// SearchTexts returns the title and code.
func (t *Topic) SearchTexts() map[string][]string {
	return map[string][]string{"title": {t.Title}, "code": opt(t.Code)}
}

// Programme is a funding programme, plan or strategy, possibly part of a
// larger one. BudgetEur is an amount with no scope or period, kept for
// the API's deprecated budgetEur; Budgets say what each amount covers
// and when.
type Programme struct {
	Meta
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases"`
	Acronym     *string  `json:"acronym,omitempty"`
	Code        *string  `json:"code,omitempty"`
	BudgetEur   *float64 `json:"budgetEur,omitempty"`
	Budgets     []Budget `json:"budgets,omitempty"`
	Description *string  `json:"description,omitempty"`
}

// Budget is money a programme sets aside, with what it covers and the
// period it is for, as its source gives them: "378 M EUR in years 1–3
// for thematic calls" is 378,000,000 EUR for thematic calls in years 1–3,
// not the programme's whole budget.
type Budget struct {
	AmountEur float64 `json:"amountEur"`
	// Approximate is set when the source gives the amount as about so
	// much ("rundt fire milliarder").
	Approximate bool `json:"approximate,omitempty"`
	// Covers says what the money is for: "thematic calls", "the whole
	// programme".
	Covers string `json:"covers"`
	// Programme is the id of another programme the money goes to
	// (EU4Health's 1.25 bn EUR for Europe's Beating Cancer Plan).
	Programme string `json:"programme,omitempty"`
	// From and To bound the period, at the precision the source gives;
	// Period is the period in the source's words when it gives no dates
	// ("years 1–3").
	From    *Date    `json:"from,omitempty"`
	To      *Date    `json:"to,omitempty"`
	Period  string   `json:"period,omitempty"`
	Sources []Source `json:"sources,omitempty"`
}

// NodeLabel returns LabelProgramme.
func (*Programme) NodeLabel() Label { return LabelProgramme }

// SortName returns the name.
func (p *Programme) SortName() string { return p.Name }

// SearchTexts returns the name, aliases, acronym and code.
func (p *Programme) SearchTexts() map[string][]string {
	return map[string][]string{"name": {p.Name}, "aliases": p.Aliases, "acronym": opt(p.Acronym), "code": opt(p.Code)}
}

// Pillar is a pillar of a plan such as Europe's Beating Cancer Plan.
type Pillar struct {
	Meta
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// NodeLabel returns LabelPillar.
func (*Pillar) NodeLabel() Label { return LabelPillar }

// SortName returns the name.
func (p *Pillar) SortName() string { return p.Name }

// SearchTexts returns the name and aliases.
func (p *Pillar) SearchTexts() map[string][]string {
	return map[string][]string{"name": {p.Name}, "aliases": p.Aliases}
}

// EventKind is what kind of dated happening an event is.
type EventKind string

// The event kinds.
const (
	EventMilestone EventKind = "MILESTONE"
	EventMeeting   EventKind = "MEETING"
	EventDeadline  EventKind = "DEADLINE"
	EventWorkshop  EventKind = "WORKSHOP"
)

// Event is a dated milestone, meeting, deadline or workshop.
type Event struct {
	Meta
	Date        Date      `json:"date"`
	Title       string    `json:"title"`
	Kind        EventKind `json:"kind"`
	Description *string   `json:"description,omitempty"`
}

// NodeLabel returns LabelEvent.
func (*Event) NodeLabel() Label { return LabelEvent }

// SortName returns the date and the title, so that events sort by date.
func (e *Event) SortName() string { return e.Title }

// SearchTexts returns the title.
func (e *Event) SearchTexts() map[string][]string { return map[string][]string{"title": {e.Title}} }

// Indicator is a published figure.
type Indicator struct {
	Meta
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Unit  *string `json:"unit,omitempty"`
	Year  *int    `json:"year,omitempty"`
	// About says what the figure measures.
	About *string `json:"about,omitempty"`
}

// NodeLabel returns LabelIndicator.
func (*Indicator) NodeLabel() Label { return LabelIndicator }

// SortName returns the name.
func (i *Indicator) SortName() string { return i.Name }

// SearchTexts returns the name and what it is about.
func (i *Indicator) SearchTexts() map[string][]string {
	return map[string][]string{"name": {i.Name}, "about": opt(i.About)}
}

func opt(s *string) []string {
	if s == nil {
		return nil
	}
	return []string{*s}
}
