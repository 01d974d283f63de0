package importer

import (
	"encoding/csv"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

// pillarKeywordsV1 is the rule the importers used before v2, kept to
// measure v2 against it: every vaccine under prevention, biomarkers
// under early detection, and any cancer text with no theme under
// diagnosis and treatment.
var pillarKeywordsV1 = pillarRule{
	name:    "pillar keywords v1",
	context: []string{"cancer", "tumour", "tumor", "oncolog", "leukaemia", "leukemia", "lymphoma", "melanoma", "carcinoma"},
	pillars: []pillarWords{
		{pillar: "forebygging", words: []string{"prevent", "risk factor", "tobacco", "vaccin", "lifestyle"}},
		{pillar: "tidlig-oppdagelse", words: []string{"screening", "early detection", "early diagnosis", "biomarker"}},
		{pillar: "livskvalitet", words: []string{"survivor", "quality of life", "palliative", "rehabilitation", "psychosocial"}},
	},
	fallback: "diagnose-og-behandling",
}

var allPillars = []string{"forebygging", "tidlig-oppdagelse", "diagnose-og-behandling", "livskvalitet"}

// labelled is one project of the hand-labelled sample with the fields the
// rule reads from the Research Council's file.
type labelled struct {
	code, acronym string
	want          map[string]bool
	own, call     []field
}

// readLabels reads testdata/pillar-labels.csv and finds each project's
// title and topic in the Research Council's file.
func readLabels(t *testing.T) []labelled {
	t.Helper()
	f, err := os.Open("testdata/pillar-labels.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []labelled
	index := map[string]int{}
	for _, rec := range records[1:] {
		l := labelled{code: rec[0], acronym: rec[1], want: map[string]bool{}}
		for _, p := range strings.Split(rec[3], ";") {
			if p != "" {
				l.want[p] = true
			}
		}
		index[l.code] = len(out)
		out = append(out, l)
	}
	data, err := os.Open(seedtest.RCNFile)
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	err = readTable(data, table{file: "rcn-eu-h2020.csv", columns: RCNColumns, layout: rcnLayout}, &Report{}, nil, func(r row, _ int) {
		if i, ok := index[r["Prosjektnr"]]; ok && out[i].own == nil {
			out[i].own, out[i].call = []field{{"Prosjektnavn", r["Prosjektnavn"]}}, []field{{"Topic", r["Topic"]}}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range out {
		if l.own == nil {
			t.Fatalf("labelled project %s (%s) is not in the file", l.code, l.acronym)
		}
	}
	return out
}

// score is how a rule does on one pillar of the sample.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// measure scores a rule on the sample, per pillar, and lists its errors.
// v1 read the title and the topic as one text, so it gets both as the
// project's own.
func measure(r pillarRule, sample []labelled) (map[string]score, []string) {
	scores := map[string]score{}
	var wrong []string
	for _, l := range sample {
		got := map[string]bool{}
		own, call := l.own, l.call
		if r.name == pillarKeywordsV1.name {
			own, call = append(append([]field{}, own...), call...), nil
		}
		for _, tag := range r.tags(own, call) {
			got[tag.pillar] = true
		}
		for _, p := range allPillars {
			s := scores[p]
			switch {
			case got[p] && l.want[p]:
				s.tp++
			case got[p]:
				s.fp++
				wrong = append(wrong, fmt.Sprintf("%s %s: not %s", l.code, l.acronym, p))
			case l.want[p]:
				s.fn++
				wrong = append(wrong, fmt.Sprintf("%s %s: missed %s", l.code, l.acronym, p))
			}
			scores[p] = s
		}
	}
	sort.Strings(wrong)
	return scores, wrong
}

// TestPillarKeywordsOnTheLabelledSample measures the rule the importers
// use, and the one before it, against the hand-labelled sample and prints
// precision and recall per pillar (go test -run PillarKeywords -v). The
// floors are the measured values of v2, rounded down: a change to the
// rule may not make it worse on any pillar.
func TestPillarKeywordsOnTheLabelledSample(t *testing.T) {
	sample := readLabels(t)
	if len(sample) < 60 {
		t.Fatalf("%d labelled projects; want at least 60", len(sample))
	}
	// Precision and recall of v2 on each pillar, as measured, rounded down.
	minimum := map[string][2]float64{
		"forebygging":            {1.00, 0.75},
		"tidlig-oppdagelse":      {1.00, 0.80},
		"diagnose-og-behandling": {1.00, 0.92},
		"livskvalitet":           {1.00, 1.00},
	}
	for _, r := range []pillarRule{pillarKeywordsV1, pillarKeywords} {
		scores, wrong := measure(r, sample)
		t.Logf("%s on %d labelled projects:", r.name, len(sample))
		for _, p := range allPillars {
			s := scores[p]
			t.Logf("  %-24s precision %.2f (%d/%d)  recall %.2f (%d/%d)", p,
				s.precision(), s.tp, s.tp+s.fp, s.recall(), s.tp, s.tp+s.fn)
		}
		for _, w := range wrong {
			t.Logf("    %s", w)
		}
		if r.name != pillarKeywords.name {
			continue
		}
		for _, p := range allPillars {
			s, floor := scores[p], minimum[p]
			if s.precision() < floor[0] || s.recall() < floor[1] {
				t.Errorf("%s on %s: precision %.2f, recall %.2f; want at least %.2f and %.2f",
					r.name, p, s.precision(), s.recall(), floor[0], floor[1])
			}
		}
	}
}

// TestPillarKeywords: the rule's tags and the inputs it names, including
// the therapeutic vaccines v1 put under prevention.
func TestPillarKeywords(t *testing.T) {
	for _, tc := range []struct {
		name      string
		own, call []field
		want      []pillarTag
	}{
		{"AML-VACCiN: a vaccine therapy treats",
			[]field{{"Prosjektnavn", "Clinical development of a dendritic-cell vaccine therapy for acute myeloid leukaemia"}},
			[]field{{"Topic", "New therapies for rare diseases"}},
			[]pillarTag{{"diagnose-og-behandling", []string{"Prosjektnavn: leukaem", "Prosjektnavn: therap"}}}},
		{"PAVE: a nanovaccine treats",
			[]field{{"Prosjektnavn", "A nanovaccine Approach for the treatment of Pancreatic Cancer"}},
			[]field{{"Topic", "Innovative Training Networks"}},
			[]pillarTag{{"diagnose-og-behandling", []string{"Prosjektnavn: cancer", "Prosjektnavn: treat"}}}},
		{"an HPV vaccine prevents", []field{{"title", "HPV vaccination against cervical cancer"}}, nil,
			[]pillarTag{{"forebygging", []string{"title: cancer", "title: hpv"}}}},
		{"early diagnosis is early detection", []field{{"Prosjektnavn", "Early diagnosis of gastrointestinal cancers"}}, nil,
			[]pillarTag{{"tidlig-oppdagelse", []string{"Prosjektnavn: cancer", "Prosjektnavn: early diagnos"}}}},
		{"the abstract gives the theme", []field{{"title", "BD4QoL for head and neck cancer"}, {"objective", "monitoring survivors"}}, nil,
			[]pillarTag{{"livskvalitet", []string{"title: cancer", "objective: survivor"}}}},
		{"life after treatment is quality of life", []field{{"title", "Cancer survivorship: quality of life after treatment"}}, nil,
			[]pillarTag{{"livskvalitet", []string{"title: cancer", "title: survivor"}}}},
		{"the project's own theme over the call's", []field{{"Prosjektnavn", "Quality of life of head and neck cancer survivors"}},
			[]field{{"Topic", "Monitoring health after the cancer treatment"}},
			[]pillarTag{{"livskvalitet", []string{"Prosjektnavn: cancer", "Prosjektnavn: survivor"}}}},
		{"the call's theme when the project names none", []field{{"Prosjektnavn", "Children's Liver Tumour European Research Network"}},
			[]field{{"Topic", "Effectiveness of health care interventions in the paediatric population"}},
			[]pillarTag{{"diagnose-og-behandling", []string{"Prosjektnavn: tumour", "Topic: intervention"}}}},
		{"cancer with no theme: no pillar", []field{{"title", "Label-free nanoscopy of live cancer cells"}}, nil, nil},
		{"a vaccine without cancer: no pillar", []field{{"title", "Next generation influenza vaccine"}}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pillarKeywords.tags(tc.own, tc.call); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestImportTagsAreInferredFacts: every pillar the import of the real
// file gives a project is a COVERS link whose one source is the rule,
// with what it matched and the row it read; the count per pillar is
// logged (go test -run ImportTags -v).
func TestImportTagsAreInferredFacts(t *testing.T) {
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	known := Known{Pillars: map[string]bool{}, IDs: map[string]bool{}}
	for _, n := range ds.Nodes {
		known.IDs[n.NodeMeta().ID] = true
		switch n := n.(type) {
		case *ecosystem.Pillar:
			known.Pillars[n.ID] = true
		case *ecosystem.Organisation:
			known.Organisations = append(known.Organisations, n)
		}
	}
	f, err := os.Open(seedtest.RCNFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, _, err := ParseRCN(f, "rcn-eu-h2020.csv", known, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	counts, projects := map[string]int{}, map[string]bool{}
	for _, l := range out.Links {
		if l.Type != ecosystem.RelCovers {
			continue
		}
		counts[l.To]++
		projects[l.From] = true
		src := l.Facts().Sources
		if len(src) != 1 || src[0].Kind != ecosystem.SourceInferred || src[0].Rule != pillarKeywords.name ||
			len(src[0].Inputs) == 0 || src[0].Reference != "rcn-eu-h2020.csv" || src[0].Row == nil {
			t.Errorf("%s covers %s with sources %+v; want one INFERRED source naming %q, its inputs and its row",
				l.From, l.To, src, pillarKeywords.name)
		}
		if (l.From == "h2020-861190" || l.From == "h2020-667713") && l.To == "forebygging" {
			t.Errorf("%s (a therapeutic cancer vaccine) covers prevention", l.From)
		}
	}
	t.Logf("%s tags %d projects: %v", pillarKeywords.name, len(projects), counts)
	if len(projects) < 30 {
		t.Errorf("%d projects tagged; the file has over 30 cancer projects", len(projects))
	}
}
