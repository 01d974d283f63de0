package editing_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/editing"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

// field is an input field, as gqlgen's Omittable is one.
type field[T any] struct {
	set bool
	v   T
}

func (f field[T]) IsSet() bool { return f.set }
func (f field[T]) Value() T    { return f.v }

func set[T any](v T) field[T] { return field[T]{true, v} }
func ptr[T any](v T) *T       { return &v }

var (
	editor = auth.Identity{Name: "tester", Access: auth.Editor}
	reader = auth.Identity{Name: "someone", Access: auth.Reader}
)

// fixture returns an embedded store holding two organisations (kreft,
// into which kreft-old was merged), a project and a pillar.
func fixture(t *testing.T) ecosystem.Store {
	t.Helper()
	st := memtest.New(t)
	ctx := context.Background()
	ds := &ecosystem.Dataset{Nodes: []ecosystem.Node{
		&ecosystem.Organisation{Meta: ecosystem.Meta{ID: "kreft"}, Name: "Kreftforeningen", Sector: ecosystem.SectorResearch},
		&ecosystem.Organisation{Meta: ecosystem.Meta{ID: "kreft-old"}, Name: "Den Norske Kreftforening", Sector: ecosystem.SectorResearch},
		&ecosystem.Project{Meta: ecosystem.Meta{ID: "leve"}, Name: "Leve med kreft", Status: ecosystem.ProjectOngoing},
		&ecosystem.Pillar{Meta: ecosystem.Meta{ID: "prevention"}, Name: "Prevention"},
	}}
	if _, err := st.Apply(ctx, ds); err != nil {
		t.Fatal(err)
	}
	if _, err := editing.MergeOrganisations(auth.WithIdentity(ctx, editor), st, "kreft", "kreft-old"); err != nil {
		t.Fatal(err)
	}
	return st
}

// upsertOrganisation patches an organisation the way the GraphQL
// resolver does, from a name, a country and a parent.
func upsertOrganisation(id string, version *int, name field[*string], country field[*string], parent field[*string], pillars field[[]string]) func(context.Context, ecosystem.Store) error {
	return func(ctx context.Context, st ecosystem.Store) error {
		_, err := editing.Upsert(ctx, st, id, version, func(o *ecosystem.Organisation, links *editing.Links) {
			editing.SetRequired(name, &o.Name)
			editing.Set(country, &o.Country)
			if o.Sector == "" {
				o.Sector = ecosystem.SectorIndustry
			}
			links.One(ecosystem.RelUnitOf, "input.parent", parent)
			links.Many(ecosystem.RelCovers, "input.pillars", pillars)
		})
		return err
	}
}

func organisation(t *testing.T, st ecosystem.Store, id string) *ecosystem.Organisation {
	t.Helper()
	found, err := st.NodesByID(context.Background(), []string{id})
	if err != nil {
		t.Fatal(err)
	}
	o, _ := found[id].(*ecosystem.Organisation)
	return o
}

func neighbours(t *testing.T, st ecosystem.Store, rel ecosystem.Relation, id string) []string {
	t.Helper()
	found, err := st.Neighbours(context.Background(), rel, []string{id})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range found[id] {
		ids = append(ids, n.Node.NodeMeta().ID)
	}
	return ids
}

func TestTheLifecycleOfAnEdit(t *testing.T) {
	none := field[*string]{}
	noList := field[[]string]{}
	tests := []struct {
		name     string
		identity auth.Identity
		edit     func(context.Context, ecosystem.Store) error
		// code and fields are the error's code and input paths (the
		// problems' for BAD_USER_INPUT); no code means success, which
		// check then judges.
		code   ecosystem.Code
		fields []string
		check  func(*testing.T, ecosystem.Store)
	}{
		{
			name:     "create",
			identity: editor,
			edit:     upsertOrganisation("dnb", nil, set(ptr("DNB")), set(ptr("NO")), none, set([]string{"prevention"})),
			check: func(t *testing.T, st ecosystem.Store) {
				o := organisation(t, st, "dnb")
				if o == nil || o.Name != "DNB" || *o.Country != "NO" || o.Version != 1 {
					t.Fatalf("stored %+v, want DNB in NO at version 1", o)
				}
				if len(o.Sources) != 1 || o.Sources[0].Kind != ecosystem.SourceEditor || o.Sources[0].Reference != "tester" {
					t.Errorf("sources %+v, want one EDITOR source of tester", o.Sources)
				}
				if got := neighbours(t, st, ecosystem.OrganisationPillars, "dnb"); !reflect.DeepEqual(got, []string{"prevention"}) {
					t.Errorf("pillars %v, want [prevention]", got)
				}
			},
		},
		{
			name:     "patch leaves what the input leaves out",
			identity: editor,
			edit:     upsertOrganisation("kreft", ptr(2), none, set(ptr("NO")), none, noList),
			check: func(t *testing.T, st ecosystem.Store) {
				o := organisation(t, st, "kreft")
				if o.Name != "Kreftforeningen" || o.Country == nil || *o.Country != "NO" || o.Version != 3 {
					t.Errorf("stored %+v, want the name kept, the country set, version 3", o)
				}
			},
		},
		{
			name:     "null clears an optional field",
			identity: editor,
			edit: func(ctx context.Context, st ecosystem.Store) error {
				if err := upsertOrganisation("kreft", nil, none, set(ptr("NO")), none, noList)(ctx, st); err != nil {
					return err
				}
				return upsertOrganisation("kreft", nil, none, set[*string](nil), none, noList)(ctx, st)
			},
			check: func(t *testing.T, st ecosystem.Store) {
				if o := organisation(t, st, "kreft"); o.Country != nil {
					t.Errorf("country %q, want none", *o.Country)
				}
			},
		},
		{
			name:     "stale expected version",
			identity: editor,
			edit:     upsertOrganisation("kreft", ptr(1), none, set(ptr("NO")), none, noList),
			code:     ecosystem.CodeConflict,
		},
		{
			name:     "missing reference",
			identity: editor,
			edit:     upsertOrganisation("dnb", nil, set(ptr("DNB")), none, set(ptr("nobody")), noList),
			code:     ecosystem.CodeNotFound,
			fields:   []string{"input.parent"},
		},
		{
			name:     "invalid input, every problem at its path",
			identity: editor,
			edit:     upsertOrganisation("dnb", nil, set[*string](nil), set(ptr("Norway")), set(ptr("nobody")), set([]string{"prevention", "leve"})),
			code:     ecosystem.CodeBadUserInput,
			fields:   []string{"input.name", "input.country", "input.pillars[1]", "input.parent"},
		},
		{
			name:     "an id another type uses",
			identity: editor,
			edit:     upsertOrganisation("leve", nil, set(ptr("Leve")), none, none, noList),
			code:     ecosystem.CodeConflict,
		},
		{
			name:     "merged id redirected",
			identity: editor,
			edit: func(ctx context.Context, st ecosystem.Store) error {
				if err := upsertOrganisation("kreft-old", nil, none, set(ptr("NO")), none, noList)(ctx, st); err != nil {
					return err
				}
				return upsertOrganisation("dnb", nil, set(ptr("DNB")), none, set(ptr("kreft-old")), noList)(ctx, st)
			},
			check: func(t *testing.T, st ecosystem.Store) {
				if o := organisation(t, st, "kreft"); o.Country == nil || *o.Country != "NO" {
					t.Errorf("editing kreft-old did not edit kreft: %+v", o)
				}
				if got := neighbours(t, st, ecosystem.OrganisationParent, "dnb"); !reflect.DeepEqual(got, []string{"kreft"}) {
					t.Errorf("parent %v, want [kreft]", got)
				}
			},
		},
		{
			name:     "anonymous",
			identity: auth.Identity{},
			edit:     upsertOrganisation("dnb", nil, set(ptr("DNB")), none, none, noList),
			code:     ecosystem.CodeUnauthenticated,
		},
		{
			name:     "a reader",
			identity: reader,
			edit:     upsertOrganisation("dnb", nil, set(ptr("DNB")), none, none, noList),
			code:     ecosystem.CodeForbidden,
		},
		{
			name:     "update of nothing",
			identity: editor,
			edit: func(ctx context.Context, st ecosystem.Store) error {
				_, err := editing.Update(ctx, st, "nobody", nil, func(*ecosystem.Role, *editing.Links) {})
				return err
			},
			code: ecosystem.CodeNotFound,
		},
		{
			name:     "participation of a merged organisation",
			identity: editor,
			edit: func(ctx context.Context, st ecosystem.Store) error {
				_, err := editing.Participate(ctx, st, "kreft-old", "leve", func(p *ecosystem.Participation) {
					editing.SetRequired(set(ptr(ecosystem.ParticipationCoordinator)), &p.Role)
				})
				return err
			},
			check: func(t *testing.T, st ecosystem.Store) {
				if got := neighbours(t, st, ecosystem.OrganisationParticipations, "kreft"); !reflect.DeepEqual(got, []string{"leve"}) {
					t.Errorf("kreft takes part in %v, want [leve]", got)
				}
			},
		},
		{
			name:     "participation with ends of the wrong type",
			identity: editor,
			edit: func(ctx context.Context, st ecosystem.Store) error {
				_, err := editing.Participate(ctx, st, "leve", "kreft", func(*ecosystem.Participation) {})
				return err
			},
			code:   ecosystem.CodeBadUserInput,
			fields: []string{"input.organisationId", "input.projectId"},
		},
		{
			name:     "removal of a participation there is not",
			identity: editor,
			edit: func(ctx context.Context, st ecosystem.Store) error {
				return editing.RemoveParticipation(ctx, st, "kreft", "leve")
			},
			code: ecosystem.CodeNotFound,
		},
		{
			name:     "merge of an id merged already",
			identity: editor,
			edit: func(ctx context.Context, st ecosystem.Store) error {
				_, err := editing.MergeOrganisations(ctx, st, "kreft", "kreft-old")
				return err
			},
			code: ecosystem.CodeConflict,
		},
		{
			name:     "erasure needs an admin",
			identity: editor,
			edit: func(ctx context.Context, st ecosystem.Store) error {
				return editing.ErasePerson(ctx, st, "kreft")
			},
			code: ecosystem.CodeForbidden,
		},
		{
			name:     "delete by a merged id",
			identity: editor,
			edit: func(ctx context.Context, st ecosystem.Store) error {
				deleted, err := editing.Delete(ctx, st, "kreft-old")
				if err == nil && !reflect.DeepEqual(deleted, []string{"kreft"}) {
					t.Errorf("deleted %v, want [kreft]", deleted)
				}
				return err
			},
			check: func(t *testing.T, st ecosystem.Store) {
				if o := organisation(t, st, "kreft"); o != nil {
					t.Errorf("kreft is still there: %+v", o)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := fixture(t)
			ctx := context.Background()
			before, err := st.GraphVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			err = tt.edit(auth.WithIdentity(ctx, tt.identity), st)
			after, verr := st.GraphVersion(ctx)
			if verr != nil {
				t.Fatal(verr)
			}
			if tt.code == "" {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				if after == before {
					t.Errorf("nothing was written")
				}
				tt.check(t, st)
				return
			}
			if got := ecosystem.ErrorCode(err); got != tt.code {
				t.Fatalf("code %s (%v), want %s", got, err, tt.code)
			}
			if got := fields(err); tt.fields != nil && !reflect.DeepEqual(got, tt.fields) {
				t.Errorf("fields %v (%v), want %v", got, err, tt.fields)
			}
			if after != before {
				t.Errorf("the graph changed (version %d → %d) on a failed edit", before, after)
			}
		})
	}
}

// fields returns the input paths an error names: every problem's for
// invalid input, else the one of the error.
func fields(err error) []string {
	var v ecosystem.ValidationErrors
	if errors.As(err, &v) {
		out := make([]string, len(v))
		for i, p := range v {
			out[i] = p.Field
		}
		return out
	}
	var e *ecosystem.Error
	if errors.As(err, &e) && e.Field != "" {
		return []string{e.Field}
	}
	return nil
}
