package graph

import (
	"time"

	"github.com/cancermissionhub/hubgraph/graph/model"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// The functions below compile the API's typed filters into store
// conditions; every filter given must hold.

type conditions []ecosystem.Condition

func (c *conditions) text(s *string) {
	if s != nil && *s != "" {
		*c = append(*c, ecosystem.Condition{Text: s})
	}
}

func (c *conditions) equals(property string, v *string) {
	if v != nil {
		*c = append(*c, ecosystem.Condition{Equals: &ecosystem.PropertyValue{Property: property, Value: *v}})
	}
}

func (c *conditions) contains(property string, v *string) {
	if v != nil {
		*c = append(*c, ecosystem.Condition{Contains: &ecosystem.PropertyValue{Property: property, Value: *v}})
	}
}

// related requires a path of relations (usually one) from the entity to
// the node with the given id.
func (c *conditions) related(rel ecosystem.Relation, id *string, more ...ecosystem.Relation) {
	if id != nil {
		path := append([]ecosystem.Relation{rel}, more...)
		*c = append(*c, ecosystem.Condition{Related: &ecosystem.RelatedTo{Path: path, ID: *id}})
	}
}

func (c *conditions) date(property string, op ecosystem.DateOp, d *ecosystem.Date) {
	if d != nil {
		*c = append(*c, ecosystem.Condition{Date: &ecosystem.DateComparison{Property: property, Op: op, Date: *d}})
	}
}

func str[T ~string](v *T) *string {
	if v == nil {
		return nil
	}
	s := string(*v)
	return &s
}

func today() ecosystem.Date { return ecosystem.DateOf(time.Now()) }

func organisationConditions(f *model.OrganisationFilter) []ecosystem.Condition {
	var c conditions
	if f == nil {
		return nil
	}
	c.text(f.Search.Value())
	c.equals("sector", str(f.Sector.Value()))
	c.contains("kinds", str(f.Kind.Value()))
	c.equals("country", f.Country.Value())
	c.equals("orgNumber", f.OrgNumber.Value())
	c.related(ecosystem.OrganisationPillars, f.Pillar.Value())
	c.related(ecosystem.OrganisationMemberOf, f.MemberOf.Value())
	c.related(ecosystem.OrganisationParent, f.Parent.Value())
	return c
}

func personConditions(f *model.PersonFilter) []ecosystem.Condition {
	var c conditions
	if f == nil {
		return nil
	}
	c.text(f.Search.Value())
	// A person holds a role whose seat is at the organisation.
	c.related(ecosystem.PersonRoles, f.Organisation.Value(), ecosystem.RoleOrganisation)
	return c
}

func projectConditions(f *model.ProjectFilter) []ecosystem.Condition {
	var c conditions
	if f == nil {
		return nil
	}
	c.text(f.Search.Value())
	c.equals("status", str(f.Status.Value()))
	c.related(ecosystem.ProjectPillars, f.Pillar.Value())
	c.related(ecosystem.ProjectPartners, f.Partner.Value())
	c.related(ecosystem.ProjectCalls, f.Call.Value())
	c.related(ecosystem.ProjectProgrammes, f.Programme.Value())
	if f.ActiveOn.Value() != nil {
		c = append(c, ecosystem.ActiveOn("start", "end", *f.ActiveOn.Value())...)
	}
	return c
}

func callConditions(f *model.CallFilter, day ecosystem.Date) []ecosystem.Condition {
	var c conditions
	if f == nil {
		return nil
	}
	c.text(f.Search.Value())
	if f.Status.Value() != nil {
		c = append(c, ecosystem.CallStatusOn(*f.Status.Value(), day)...)
	}
	if f.OpenOn.Value() != nil {
		c = append(c, ecosystem.CallStatusOn(ecosystem.CallOpen, *f.OpenOn.Value())...)
	}
	c.related(ecosystem.CallProgramme, f.Programme.Value())
	c.related(ecosystem.CallPillars, f.Pillar.Value())
	return c
}

func programmeConditions(f *model.ProgrammeFilter) []ecosystem.Condition {
	var c conditions
	if f == nil {
		return nil
	}
	c.text(f.Search.Value())
	c.related(ecosystem.ProgrammeParent, f.Parent.Value())
	c.related(ecosystem.ProgrammePillars, f.Pillar.Value())
	return c
}

func topicConditions(f *model.TopicFilter) []ecosystem.Condition {
	var c conditions
	if f == nil {
		return nil
	}
	c.text(f.Search.Value())
	return c
}

func eventConditions(f *model.EventFilter) []ecosystem.Condition {
	var c conditions
	if f == nil {
		return nil
	}
	c.text(f.Search.Value())
	c.equals("kind", str(f.Kind.Value()))
	c.related(ecosystem.EventOrganisations, f.Organisation.Value())
	c.date("date", ecosystem.DateOnAfter, f.From.Value())
	c.date("date", ecosystem.DateOnBefore, f.To.Value())
	return c
}

func orderOfOrganisation(o *model.OrganisationOrder) ecosystem.Order {
	if o == nil {
		return ecosystem.Order{}
	}
	return order(&o.Field, &o.Direction)
}

func orderOfProject(o *model.ProjectOrder) ecosystem.Order {
	if o == nil {
		return ecosystem.Order{}
	}
	return order(&o.Field, &o.Direction)
}

func orderOfCall(o *model.CallOrder) ecosystem.Order {
	if o == nil {
		return ecosystem.Order{}
	}
	return order(&o.Field, &o.Direction)
}

func orderOfProgramme(o *model.ProgrammeOrder) ecosystem.Order {
	if o == nil {
		return ecosystem.Order{}
	}
	return order(&o.Field, &o.Direction)
}

func orderOfEvent(o *model.EventOrder) ecosystem.Order {
	if o == nil {
		return ecosystem.Order{Field: ecosystem.OrderDate}
	}
	return order(&o.Field, &o.Direction)
}
