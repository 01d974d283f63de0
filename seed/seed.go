// Package seed holds hubgraph's default dataset, hub.yaml, built from the
// hub's source documents and maintained by hub staff, and turns it into an
// ecosystem.Dataset. The file is embedded in the binary.
package seed

import (
	"bytes"
	_ "embed"
	"fmt"

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
	Sources []string `yaml:"sources"`
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
	Sources      []string        `yaml:"sources"`
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
	Funder      string   `yaml:"funder"`
	Parent      string   `yaml:"parent"`
	Pillars     []string `yaml:"pillars"`
	Description *string  `yaml:"description"`
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
	cited := map[string][]string{}
	for _, o := range f.Organisations {
		cited[o.ID] = o.Sources
	}
	for _, o := range f.Organisations {
		b.node(&ecosystem.Organisation{Meta: b.meta(o.common), Name: o.Name, ShortName: o.ShortName,
			Aliases: o.Aliases, Sector: o.Sector, Kinds: o.Kinds, Focus: o.Focus, Country: o.Country,
			OrgNumber: o.OrgNumber, Website: o.Website})
		b.link(o.ID, ecosystem.RelUnitOf, o.Parent, nil)
		for i, m := range o.MemberOf {
			sources := m.Sources
			if group, known := cited[m.Organisation]; known && len(sources) == 0 {
				if sources = both(o.Sources, group); len(sources) == 0 {
					b.problems.Add(fmt.Sprintf("%s.memberOf[%d].sources", o.ID, i),
						"%s and %s cite no document in common: name the documents that give this membership", o.ID, m.Organisation)
				}
			}
			b.link(o.ID, ecosystem.RelMemberOf, m.Organisation, &ecosystem.LinkFacts{Since: m.Since, Until: m.Until, Sources: b.sources(sources)})
		}
		b.links(o.ID, ecosystem.RelCovers, o.Pillars)
	}
	for _, p := range f.People {
		b.node(&ecosystem.Person{Meta: b.meta(p.common), Name: p.Name})
	}
	for _, r := range f.Roles {
		status := r.Status
		if status == "" {
			status = ecosystem.RoleActive
		}
		b.node(&ecosystem.Role{Meta: b.meta(r.common), Title: r.Title, Status: status, Since: r.Since, Until: r.Until})
		for _, p := range r.People {
			b.link(p, ecosystem.RelHolds, r.ID, nil)
		}
		b.link(r.ID, ecosystem.RelSeatAt, r.Organisation, nil)
		b.link(r.ID, ecosystem.RelInBody, r.Body, nil)
		b.link(r.ID, ecosystem.RelDeputyFor, r.DeputyFor, nil)
	}
	for _, p := range f.Pillars {
		b.node(&ecosystem.Pillar{Meta: b.meta(p.common), Name: p.Name, Aliases: p.Aliases})
		b.link(p.ID, ecosystem.RelDefinedBy, p.Framework, nil)
	}
	for _, p := range f.Programmes {
		b.node(&ecosystem.Programme{Meta: b.meta(p.common), Name: p.Name, Aliases: p.Aliases, Acronym: p.Acronym,
			Code: p.Code, BudgetEur: p.BudgetEur, Description: p.Description})
		b.link(p.ID, ecosystem.RelFundedBy, p.Funder, nil)
		b.link(p.ID, ecosystem.RelPartOf, p.Parent, nil)
		b.links(p.ID, ecosystem.RelCovers, p.Pillars)
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
		b.link(c.ID, ecosystem.RelInProgramme, c.Programme, nil)
		b.link(c.ID, ecosystem.RelPartOf, c.Parent, nil)
		b.links(c.ID, ecosystem.RelHasTopic, c.Topics)
		b.links(c.ID, ecosystem.RelCovers, c.Pillars)
	}
	for _, p := range f.Projects {
		b.node(&ecosystem.Project{Meta: b.meta(p.common), Name: p.Name, Aliases: p.Aliases, Acronym: p.Acronym,
			Code: p.Code, Status: p.Status, Start: p.Start, End: p.End, Description: p.Description})
		b.links(p.ID, ecosystem.RelRespondsTo, p.Calls)
		b.links(p.ID, ecosystem.RelHasTopic, p.Topics)
		b.links(p.ID, ecosystem.RelInProgramme, p.Programmes)
		b.links(p.ID, ecosystem.RelCovers, p.Pillars)
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
				LinkFacts: ecosystem.LinkFacts{Since: pa.Since, Until: pa.Until, Sources: b.sources(p.Sources)}})
		}
	}
	for _, e := range f.Events {
		b.node(&ecosystem.Event{Meta: b.meta(e.common), Date: e.Date, Title: e.Title, Kind: e.Kind, Description: e.Description})
		b.links(e.ID, ecosystem.RelInvolves, e.Organisations)
		b.link(e.ID, ecosystem.RelConcerns, e.Programme, nil)
		b.link(e.ID, ecosystem.RelConcerns, e.Project, nil)
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

// both returns the documents cited in a and in b, in a's order: by
// default a membership cites what both organisations were taken from.
func both(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

func (b *builder) sources(files []string) []ecosystem.Source {
	out := make([]ecosystem.Source, 0, len(files))
	for _, f := range files {
		out = append(out, ecosystem.Source{Kind: ecosystem.SourceDocument, Reference: f})
	}
	return out
}

func (b *builder) meta(c common) ecosystem.Meta {
	return ecosystem.Meta{ID: c.ID, Sources: b.sources(c.Sources)}
}

func (b *builder) node(n ecosystem.Node) { b.ds.Nodes = append(b.ds.Nodes, n) }

func (b *builder) link(from string, t ecosystem.RelType, to string, props ecosystem.LinkProps) {
	if to == "" || from == "" {
		return
	}
	b.ds.Links = append(b.ds.Links, ecosystem.Link{From: from, Type: t, To: to, Props: props})
}

func (b *builder) links(from string, t ecosystem.RelType, tos []string) {
	for _, to := range tos {
		b.link(from, t, to, nil)
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
