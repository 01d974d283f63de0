package importer

import (
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed"
)

// TestRegisterNamesAreWrittenAsPeopleWriteThem: names from the Research
// Council's file (with the row's short name and municipality), with the
// seeded graph's spellings known.
func TestRegisterNamesAreWrittenAsPeopleWriteThem(t *testing.T) {
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	known := Known{IDs: map[string]bool{}}
	for _, n := range ds.Nodes {
		if o, ok := n.(*ecosystem.Organisation); ok {
			known.Organisations = append(known.Organisations, o)
		}
	}
	b := newBuilder("rcn-eu-h2020.csv", known)
	for _, tc := range []struct{ register, short, municipality, want string }{
		{"UNIVERSITETET I OSLO", "UIO", "Oslo", "Universitetet i Oslo"},
		{"SINTEF AS", "SINTEF", "Trondheim", "SINTEF AS"},
		{"SINTEF OCEAN AS", "SINTEF", "Trondheim", "SINTEF Ocean AS"},
		{"STIFTELSEN SINTEF", "SINTEF", "Trondheim", "Stiftelsen SINTEF"},
		{"OSLO UNIVERSITETSSYKEHUS HF", "OUS", "Oslo", "Oslo universitetssykehus HF"},
		{"NORGES TEKNISK-NATURVITENSKAPELIGE UNIVERSITET NTNU", "NTNU", "Trondheim", "Norges teknisk-naturvitenskapelige universitet NTNU"},
		{"KREFTFORENINGEN", "", "Oslo", "Kreftforeningen"},
		{"UNIVERSITETET I TROMSØ - NORGES ARKTISKE UNIVERSITET", "UIT", "Tromsø", "Universitetet i Tromsø - Norges arktiske universitet"},
		{"NORGES MILJØ- OG BIOVITENSKAPELIGE UNIVERSITET (NMBU)", "NMBU", "Ås", "Norges miljø- og biovitenskapelige universitet (NMBU)"},
		{"NILU - STIFTELSEN NORSK INSTITUTT FOR LUFTFORSKNING", "NILU", "Lillestrøm", "NILU - Stiftelsen norsk institutt for luftforskning"},
		{"STIFTELSEN NORSK INSTITUTT FOR NATURFORSKNING NINA", "NINA", "Trondheim", "Stiftelsen norsk institutt for naturforskning NINA"},
		{"HØGSKULEN PÅ VESTLANDET", "HVL", "Bergen", "Høgskulen på Vestlandet"},
		{"HELSE BERGEN HF", "HELSEBERGEN", "Bergen", "Helse Bergen HF"},
		{"AKERSHUS UNIVERSITETSSYKEHUS HF", "AHUS", "Lørenskog", "Akershus universitetssykehus HF"},
		{"ENOVA SF", "", "Trondheim", "Enova SF"},
		{"NORD UNIVERSITET", "NORD", "Bodø", "Nord universitet"},
		{"BORG HAVN IKS", "", "Fredrikstad", "Borg havn IKS"},
		{"OSLO KOMMUNE", "", "Oslo", "Oslo kommune"},
		{"STATENS LEGEMIDDELVERK", "", "Oslo", "Statens legemiddelverk"},
		{"EQUINOR ENERGY AS", "", "Stavanger", "Equinor Energy AS"},
		{"DNV GL AS", "", "Bærum", "DNV GL AS"},
		{"NORCE NORWEGIAN RESEARCH CENTRE AS", "NORCE", "Bergen", "NORCE Norwegian Research Centre AS"},
		{"OSLO CANCER CLUSTER SA", "", "Oslo", "Oslo Cancer Cluster SA"},
		{"COALITION FOR EPIDEMIC PREPAREDNESS INNOVATIONS", "CEPI", "Oslo", "Coalition for Epidemic Preparedness Innovations"},
		{"DIREKTORATET FOR SAMFUNNSSIKKERHET OG BEREDSKAP (DSB)", "", "Tønsberg", "Direktoratet for samfunnssikkerhet og beredskap (DSB)"},
		{"THE WORLD FEDERATION OF THE DEAFBLIND (WFDB)", "", "Oslo", "The World Federation of the Deafblind (WFDB)"},
		{"HARSTAD KOMMUNE / HÁRSTTÁID SUOHKAN", "", "Harstad - Hárstták", "Harstad kommune / Hársttáid suohkan"},
		// Written by people already: left as it is.
		{"Norsk Hydro ASA", "", "Oslo", "Norsk Hydro ASA"},
	} {
		c := &ecosystem.Organisation{Name: tc.register, ShortName: optional(tc.short), Municipality: optional(tc.municipality)}
		register := b.written(c)
		if c.Name != tc.want || register != tc.register {
			t.Errorf("%q is written %q, want %q", tc.register, c.Name, tc.want)
		}
		if wantAlias := tc.want != tc.register; wantAlias != (len(c.Aliases) == 1 && c.Aliases[0] == tc.register) {
			t.Errorf("%q: aliases %q; the register's spelling must stay an alias when the name changes", tc.register, c.Aliases)
		}
	}
}
