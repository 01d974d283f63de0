// Package seed holds hubgraph's default dataset, hub.yaml, built from the
// hub's source documents and maintained by hub staff, and turns it into an
// ecosystem.Dataset. The file is embedded in the binary.
package seed

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

//go:embed hub.yaml
var hubYAML []byte

// Default returns the embedded default dataset.
func Default() (*ecosystem.Dataset, error) { return Parse(hubYAML) }

// file is the layout of a seed file; see the header of hub.yaml.
type file struct {
	Organisations []organisation `yaml:"organisations"`
	People        []person       `yaml:"people"`
	Roles         []role         `yaml:"roles"`
	Pillars       []pillar       `yaml:"pillars"`
	Programmes    []programme    `yaml:"programmes"`
	Topics        []topic        `yaml:"topics"`
	Calls         []call         `yaml:"calls"`
	Projects      []project      `yaml:"projects"`
	Events        []event        `yaml:"events"`
	Indicators    []indicator    `yaml:"indicators"`
}

type common struct {
	ID      string   `yaml:"id"`
	Sources []source `yaml:"sources"`
}

// source is one entry of a sources list: a bare file name or address,
// or one of the forms the header of hub.yaml lists, which say how the
// fact is known (stated by a document, imported from a data file's row,
// judged by an editor, or inferred by a rule) and, with field, the one
// property (or relationship field) it is for.
type source struct {
	Document string   `yaml:"document"`
	Quote    string   `yaml:"quote"`
	File     string   `yaml:"file"`
	Row      *int     `yaml:"row"`
	Editor   string   `yaml:"editor"`
	Reason   string   `yaml:"reason"`
	Rule     string   `yaml:"rule"`
	Inputs   []string `yaml:"inputs"`
	Field    string   `yaml:"field"`
}

// UnmarshalYAML reads a bare name as a document (or web page) cited as a
// whole, and a mapping field by field, refusing unknown keys.
func (s *source) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		return n.Decode(&s.Document)
	}
	type plain source
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case "document", "quote", "file", "row", "editor", "reason", "rule", "inputs", "field":
		default:
			return fmt.Errorf("line %d: source field %q not found; use document and quote, file and row, editor and reason, or rule and inputs (each with field for one property)", n.Content[i].Line, n.Content[i].Value)
		}
	}
	return n.Decode((*plain)(s))
}

// kind says which form a source entry takes, or "" when it mixes them.
func (s source) kind() ecosystem.SourceKind {
	var kinds []ecosystem.SourceKind
	if s.Document != "" {
		kinds = append(kinds, ecosystem.SourceDocument)
	}
	if s.File != "" {
		kinds = append(kinds, ecosystem.SourceImport)
	}
	if s.Editor != "" {
		kinds = append(kinds, ecosystem.SourceEditor)
	}
	if s.Rule != "" {
		kinds = append(kinds, ecosystem.SourceInferred)
	}
	if len(kinds) != 1 {
		return ""
	}
	return kinds[0]
}

type organisation struct {
	common    `yaml:",inline"`
	Name      string                       `yaml:"name"`
	ShortName *string                      `yaml:"shortName"`
	Aliases   []string                     `yaml:"aliases"`
	Sector    ecosystem.Sector             `yaml:"sector"`
	Kinds     []ecosystem.OrganisationKind `yaml:"kinds"`
	Focus     []string                     `yaml:"focus"`
	Country   *string                      `yaml:"country"`
	OrgNumber *string                      `yaml:"orgNumber"`
	Website   *string                      `yaml:"website"`
	Parent    string                       `yaml:"parent"`
	MemberOf  []membership                 `yaml:"memberOf"`
	Pillars   []string                     `yaml:"pillars"`
}

// membership is one memberOf entry. Its sources are the documents that
// say the organisation is a member or partner, which are often fewer than
// the documents the organisation is cited from.
type membership struct {
	Organisation string          `yaml:"organisation"`
	Since        *ecosystem.Date `yaml:"since"`
	Until        *ecosystem.Date `yaml:"until"`
	Sources      []source        `yaml:"sources"`
}

type person struct {
	common `yaml:",inline"`
	Name   string `yaml:"name"`
}

type role struct {
	common       `yaml:",inline"`
	Title        string               `yaml:"title"`
	People       []string             `yaml:"people"`
	Organisation string               `yaml:"organisation"`
	Body         string               `yaml:"body"`
	Status       ecosystem.RoleStatus `yaml:"status"`
	DeputyFor    string               `yaml:"deputyFor"`
	Since        *ecosystem.Date      `yaml:"since"`
	Until        *ecosystem.Date      `yaml:"until"`
}

type pillar struct {
	common    `yaml:",inline"`
	Name      string   `yaml:"name"`
	Aliases   []string `yaml:"aliases"`
	Framework string   `yaml:"framework"`
}

type programme struct {
	common      `yaml:",inline"`
	Name        string   `yaml:"name"`
	Aliases     []string `yaml:"aliases"`
	Acronym     *string  `yaml:"acronym"`
	Code        *string  `yaml:"code"`
	BudgetEur   *float64 `yaml:"budgetEur"`
	Budgets     []budget `yaml:"budgets"`
	Funder      string   `yaml:"funder"`
	Parent      string   `yaml:"parent"`
	Pillars     []string `yaml:"pillars"`
	Description *string  `yaml:"description"`
}

// budget is one programmes entry's budgets item: an amount, what it
// covers and its period, and the words of the document that gives them
// (quote, which each of the sources contains).
type budget struct {
	AmountEur   float64         `yaml:"amountEur"`
	Approximate bool            `yaml:"approximate"`
	Covers      string          `yaml:"covers"`
	Programme   string          `yaml:"programme"`
	From        *ecosystem.Date `yaml:"from"`
	To          *ecosystem.Date `yaml:"to"`
	Period      string          `yaml:"period"`
	Quote       string          `yaml:"quote"`
	Sources     []string        `yaml:"sources"`
}

type topic struct {
	common `yaml:",inline"`
	Code   *string `yaml:"code"`
	Title  string  `yaml:"title"`
}

type call struct {
	common           `yaml:",inline"`
	Identifier       *string                 `yaml:"identifier"`
	Title            string                  `yaml:"title"`
	Programme        string                  `yaml:"programme"`
	Parent           string                  `yaml:"parent"`
	Topics           []string                `yaml:"topics"`
	Opens            *ecosystem.Date         `yaml:"opens"`
	Deadline         *ecosystem.Date         `yaml:"deadline"`
	ResultsExpected  *ecosystem.Date         `yaml:"resultsExpected"`
	ExpectedStart    *ecosystem.Date         `yaml:"expectedStart"`
	BudgetEur        *float64                `yaml:"budgetEur"`
	MaxGrantEur      *float64                `yaml:"maxGrantEur"`
	ProjectBudgetEur *float64                `yaml:"projectBudgetEur"`
	FundingRate      *float64                `yaml:"fundingRate"`
	ExpectedGrants   *int                    `yaml:"expectedGrants"`
	DurationMonths   *int                    `yaml:"durationMonths"`
	Pillars          []string                `yaml:"pillars"`
	Description      *string                 `yaml:"description"`
	Requirements     []ecosystem.Requirement `yaml:"requirements"`
}

type project struct {
	common      `yaml:",inline"`
	Name        string                  `yaml:"name"`
	Aliases     []string                `yaml:"aliases"`
	Acronym     *string                 `yaml:"acronym"`
	Code        *string                 `yaml:"code"`
	Status      ecosystem.ProjectStatus `yaml:"status"`
	Start       *ecosystem.Date         `yaml:"start"`
	End         *ecosystem.Date         `yaml:"end"`
	Description *string                 `yaml:"description"`
	Calls       []string                `yaml:"calls"`
	Topics      []string                `yaml:"topics"`
	Programmes  []string                `yaml:"programmes"`
	Pillars     []string                `yaml:"pillars"`
	Partners    []partner               `yaml:"partners"`
}

type partner struct {
	Organisation    string                        `yaml:"organisation"`
	Role            ecosystem.ParticipationRole   `yaml:"role"`
	Status          ecosystem.ParticipationStatus `yaml:"status"`
	ContributionEur *float64                      `yaml:"contributionEur"`
	Since           *ecosystem.Date               `yaml:"since"`
	Until           *ecosystem.Date               `yaml:"until"`
}

type event struct {
	common        `yaml:",inline"`
	Date          ecosystem.Date      `yaml:"date"`
	Title         string              `yaml:"title"`
	Kind          ecosystem.EventKind `yaml:"kind"`
	Organisations []string            `yaml:"organisations"`
	Programme     string              `yaml:"programme"`
	Project       string              `yaml:"project"`
	People        []string            `yaml:"people"`
	Description   *string             `yaml:"description"`
}

type indicator struct {
	common `yaml:",inline"`
	Name   string  `yaml:"name"`
	Value  float64 `yaml:"value"`
	Unit   *string `yaml:"unit"`
	Year   *int    `yaml:"year"`
	About  *string `yaml:"about"`
}

// Parse reads a seed file. Unknown keys, dangling references, duplicate
// ids and invalid values are all reported, as one BAD_USER_INPUT error
// listing each with its path.
func Parse(data []byte) (*ecosystem.Dataset, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, ecosystem.Errorf(ecosystem.CodeBadUserInput, "seed file: %v", err)
	}
	b := &builder{ds: &ecosystem.Dataset{}}
	cited := map[string][]source{}
	for _, o := range f.Organisations {
		cited[o.ID] = o.Sources
	}
	for _, o := range f.Organisations {
		b.node(&ecosystem.Organisation{Meta: b.meta(o.common), Name: o.Name, ShortName: o.ShortName,
			Aliases: o.Aliases, Sector: o.Sector, Kinds: o.Kinds, Focus: o.Focus, Country: o.Country,
			OrgNumber: o.OrgNumber, Website: o.Website})
		b.link(o.ID, ecosystem.RelUnitOf, o.Parent, b.facts(o.common, "parent"))
		for i, m := range o.MemberOf {
			sources := m.Sources
			if group, known := cited[m.Organisation]; known && len(sources) == 0 {
				if sources = both(o.Sources, group); len(sources) == 0 {
					b.problems.Add(fmt.Sprintf("%s.memberOf[%d].sources", o.ID, i),
						"%s and %s cite no document in common: name the documents that give this membership", o.ID, m.Organisation)
				}
			}
			b.link(o.ID, ecosystem.RelMemberOf, m.Organisation, &ecosystem.LinkFacts{Since: m.Since, Until: m.Until,
				Sources: b.sources(sources, fmt.Sprintf("%s.memberOf[%d]", o.ID, i))})
		}
		b.links(o.common, "pillars", ecosystem.RelCovers, o.Pillars)
	}
	people := map[string]common{}
	for _, p := range f.People {
		people[p.ID] = p.common
		b.node(&ecosystem.Person{Meta: b.meta(p.common), Name: p.Name})
	}
	for _, r := range f.Roles {
		status := r.Status
		if status == "" {
			status = ecosystem.RoleActive
		}
		b.node(&ecosystem.Role{Meta: b.meta(r.common), Title: r.Title, Status: status, Since: r.Since, Until: r.Until})
		for _, p := range r.People {
			b.link(p, ecosystem.RelHolds, r.ID, b.personFacts(people[p], r.common))
		}
		b.link(r.ID, ecosystem.RelSeatAt, r.Organisation, b.facts(r.common, "organisation"))
		b.link(r.ID, ecosystem.RelInBody, r.Body, b.facts(r.common, "body"))
		b.link(r.ID, ecosystem.RelDeputyFor, r.DeputyFor, b.facts(r.common, "deputyFor"))
	}
	for _, p := range f.Pillars {
		b.node(&ecosystem.Pillar{Meta: b.meta(p.common), Name: p.Name, Aliases: p.Aliases})
		b.link(p.ID, ecosystem.RelDefinedBy, p.Framework, b.facts(p.common, "framework"))
	}
	programmes := map[string]bool{}
	for _, p := range f.Programmes {
		programmes[p.ID] = true
	}
	for _, p := range f.Programmes {
		var budgets []ecosystem.Budget
		for i, bu := range p.Budgets {
			if bu.Programme != "" && !programmes[bu.Programme] {
				b.problems.Add(fmt.Sprintf("%s.budgets[%d].programme", p.ID, i), "%q is not a programme", bu.Programme)
			}
			// A budget's documents all say it in its one quote.
			cited := make([]source, len(bu.Sources))
			for j, d := range bu.Sources {
				cited[j] = source{Document: d, Quote: bu.Quote, Field: "budgets"}
			}
			sources := b.sources(cited, fmt.Sprintf("%s.budgets[%d]", p.ID, i))
			budgets = append(budgets, ecosystem.Budget{AmountEur: bu.AmountEur, Approximate: bu.Approximate, Covers: bu.Covers,
				Programme: bu.Programme, From: bu.From, To: bu.To, Period: bu.Period, Sources: sources})
		}
		b.node(&ecosystem.Programme{Meta: b.meta(p.common), Name: p.Name, Aliases: p.Aliases, Acronym: p.Acronym,
			Code: p.Code, BudgetEur: p.BudgetEur, Budgets: budgets, Description: p.Description})
		b.link(p.ID, ecosystem.RelFundedBy, p.Funder, b.facts(p.common, "funder"))
		b.link(p.ID, ecosystem.RelPartOf, p.Parent, b.facts(p.common, "parent"))
		b.links(p.common, "pillars", ecosystem.RelCovers, p.Pillars)
	}
	for _, t := range f.Topics {
		b.node(&ecosystem.Topic{Meta: b.meta(t.common), Code: t.Code, Title: t.Title})
	}
	for _, c := range f.Calls {
		b.node(&ecosystem.Call{Meta: b.meta(c.common), Identifier: c.Identifier, Title: c.Title, Opens: c.Opens,
			Deadline: c.Deadline, ResultsExpected: c.ResultsExpected, ExpectedStart: c.ExpectedStart,
			BudgetEur: c.BudgetEur, MaxGrantEur: c.MaxGrantEur, ProjectBudgetEur: c.ProjectBudgetEur,
			FundingRate: c.FundingRate, ExpectedGrants: c.ExpectedGrants, DurationMonths: c.DurationMonths,
			Description: c.Description, Requirements: c.Requirements})
		b.link(c.ID, ecosystem.RelInProgramme, c.Programme, b.facts(c.common, "programme"))
		b.link(c.ID, ecosystem.RelPartOf, c.Parent, b.facts(c.common, "parent"))
		b.links(c.common, "topics", ecosystem.RelHasTopic, c.Topics)
		b.links(c.common, "pillars", ecosystem.RelCovers, c.Pillars)
	}
	for _, p := range f.Projects {
		b.node(&ecosystem.Project{Meta: b.meta(p.common), Name: p.Name, Aliases: p.Aliases, Acronym: p.Acronym,
			Code: p.Code, Status: p.Status, Start: p.Start, End: p.End, Description: p.Description})
		b.links(p.common, "calls", ecosystem.RelRespondsTo, p.Calls)
		b.links(p.common, "topics", ecosystem.RelHasTopic, p.Topics)
		b.links(p.common, "programmes", ecosystem.RelInProgramme, p.Programmes)
		b.links(p.common, "pillars", ecosystem.RelCovers, p.Pillars)
		for _, pa := range p.Partners {
			role, status := pa.Role, pa.Status
			if role == "" {
				role = ecosystem.ParticipationPartner
			}
			if status == "" {
				status = ecosystem.ParticipationConfirmed
			}
			b.link(pa.Organisation, ecosystem.RelParticipatesIn, p.ID, &ecosystem.Participation{
				Role: role, Status: status, ContributionEur: pa.ContributionEur,
				LinkFacts: ecosystem.LinkFacts{Since: pa.Since, Until: pa.Until, Sources: b.facts(p.common, "partners").Sources}})
		}
	}
	for _, e := range f.Events {
		b.node(&ecosystem.Event{Meta: b.meta(e.common), Date: e.Date, Title: e.Title, Kind: e.Kind, Description: e.Description})
		b.links(e.common, "organisations", ecosystem.RelInvolves, e.Organisations)
		b.link(e.ID, ecosystem.RelConcerns, e.Programme, b.facts(e.common, "programme"))
		b.link(e.ID, ecosystem.RelConcerns, e.Project, b.facts(e.common, "project"))
		for _, p := range e.People {
			b.link(p, ecosystem.RelTakesPartIn, e.ID, b.personFacts(people[p], e.common))
		}
	}
	for _, i := range f.Indicators {
		b.node(&ecosystem.Indicator{Meta: b.meta(i.common), Name: i.Name, Value: i.Value, Unit: i.Unit, Year: i.Year, About: i.About})
	}
	return b.finish()
}

type builder struct {
	ds *ecosystem.Dataset
	// problems are those found while reading the file, reported with
	// the dataset's own by finish.
	problems ecosystem.ValidationErrors
}

// both returns the documents cited as a whole in a and in b, in a's
// order: by default a membership cites what both organisations were
// taken from.
func both(a, b []source) []source {
	var out []source
	for _, x := range a {
		for _, y := range b {
			if x.Field == "" && y.Field == "" && x.Document != "" && x.Document == y.Document {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// sources turns a sources list into the entity's sources, reporting an
// entry that is not exactly one of the forms (at path).
func (b *builder) sources(list []source, path string) []ecosystem.Source {
	for i, s := range list {
		at := fmt.Sprintf("%s.sources[%d]", path, i)
		kind := s.kind()
		switch {
		case kind == ecosystem.SourceDocument && s.Quote == "" && strings.HasSuffix(s.Document, ".txt"):
			b.problems.Add(at, "quote the sentence of %s the fact rests on", s.Document)
		case kind == "":
			b.problems.Add(at, "give exactly one of document, file, editor and rule")
		case kind == ecosystem.SourceDocument && s.Quote == "" && !strings.Contains(s.Document, "://") && !strings.HasSuffix(s.Document, ".txt"):
			b.problems.Add(at, "%q is not a source document or web page: cite a data file as {file, row}", s.Document)
		case kind != ecosystem.SourceDocument && s.Quote != "":
			b.problems.Add(at, "a quote belongs to a document")
		case kind == ecosystem.SourceImport && s.Row == nil:
			b.problems.Add(at, "name the row of %s the fact is on", s.File)
		case kind == ecosystem.SourceEditor && s.Reason == "":
			b.problems.Add(at, "say why the editor judges so (reason)")
		case kind == ecosystem.SourceInferred && len(s.Inputs) == 0:
			b.problems.Add(at, "name the facts the rule used (inputs)")
		}
	}
	return convert(list)
}

// convert turns sources entries into sources, without checking them.
func convert(list []source) []ecosystem.Source {
	out := make([]ecosystem.Source, 0, len(list))
	for _, s := range list {
		kind := s.kind()
		src := ecosystem.Source{Kind: kind, Field: s.Field, Quote: s.Quote, Reason: s.Reason, Rule: s.Rule, Inputs: s.Inputs}
		switch kind {
		case ecosystem.SourceDocument:
			src.Reference = s.Document
		case ecosystem.SourceImport:
			src.Reference, src.Row = s.File, s.Row
		case ecosystem.SourceEditor:
			src.Reference = s.Editor
		case ecosystem.SourceInferred:
			src.Reference = s.Rule
		}
		out = append(out, src)
	}
	return out
}

func (b *builder) meta(c common) ecosystem.Meta {
	return ecosystem.Meta{ID: c.ID, Sources: b.sources(c.Sources, c.ID)}
}

// facts returns what a relationship given by an entity's field rests
// on: the sources given for that field, or else the entity's sources for
// the entity as a whole. A relationship is a fact of its own, so it
// carries them itself.
func (b *builder) facts(c common, field string) *ecosystem.LinkFacts {
	all := convert(c.Sources)
	var forField, whole []ecosystem.Source
	for _, s := range all {
		switch s.Field {
		case field:
			s.Field = ""
			forField = append(forField, s)
		case "":
			whole = append(whole, s)
		}
	}
	if len(forField) > 0 {
		return &ecosystem.LinkFacts{Sources: forField}
	}
	return &ecosystem.LinkFacts{Sources: whole}
}

func (b *builder) node(n ecosystem.Node) { b.ds.Nodes = append(b.ds.Nodes, n) }

func (b *builder) link(from string, t ecosystem.RelType, to string, props ecosystem.LinkProps) {
	if to == "" || from == "" {
		return
	}
	b.ds.Links = append(b.ds.Links, ecosystem.Link{From: from, Type: t, To: to, Props: props})
}

// personFacts returns what a person's link to an entity (a seat, an
// event) rests on: the person's own sources from the documents the entity
// cites, or else all of the person's. Only the person's sources and links
// name the person, so that erasing the person leaves no trace of the name.
func (b *builder) personFacts(person, entity common) *ecosystem.LinkFacts {
	own := b.facts(person, "").Sources
	cited := map[string]bool{}
	for _, s := range entity.Sources {
		cited[s.Document] = true
	}
	var shared []ecosystem.Source
	for _, s := range own {
		if s.Kind == ecosystem.SourceDocument && cited[s.Reference] {
			shared = append(shared, s)
		}
	}
	if len(shared) == 0 {
		shared = own
	}
	return &ecosystem.LinkFacts{Sources: shared}
}

func (b *builder) links(c common, field string, t ecosystem.RelType, tos []string) {
	for _, to := range tos {
		b.link(c.ID, t, to, b.facts(c, field))
	}
}

// finish checks the whole dataset: every value, every id unique, every
// reference pointing at an entity of a type the relationship allows, and
// every entity citing a source.
func (b *builder) finish() (*ecosystem.Dataset, error) {
	v := append(ecosystem.ValidateDataset(b.ds), b.problems...)
	ids := map[string]bool{}
	for _, n := range b.ds.Nodes {
		ids[n.NodeMeta().ID] = true
		if len(n.NodeMeta().Sources) == 0 {
			v.Add(n.NodeMeta().ID+".sources", "every entity must cite at least one source")
		}
	}
	for _, l := range b.ds.Links {
		for _, end := range []string{l.From, l.To} {
			if !ids[end] {
				v.Add(fmt.Sprintf("%s.%s", l.From, l.Type), "refers to %q, which is not in the file", end)
			}
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return b.ds, nil
}
