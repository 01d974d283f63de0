package importer_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
)

// FuzzImportRows feeds rows of the Research Council's layout to the
// parser: it never panics, a refusal is BAD_USER_INPUT, and what it makes
// of any row holds no control, bidi-override or invalid UTF-8 text
// (imports clean those), so that a register's stray bytes never reach the
// store. Its seeds (two real rows and a hostile version of one) run in
// the normal suite.
func FuzzImportRows(f *testing.F) {
	for _, seed := range []string{
		"H2020;;EU.2.;Industrial Leadership;EU.2.1.;LEIT;Leadership in enabling and industrial technologies (LEIT);LEIT-ICT;EU.2.1.1.;Information and Communication Technologies;951956;Change2Twin;Create and Harvest Offerings to support Manufacturing SMEs to become Digital Twin Champions;H2020-DT-2019-2;H2020-DT-2018-2020;DT-ICT-03-2020;I4MS (phase 4) - uptake of digital game changers;IA;Innovation action;SIGNED;25.05.2020 00:00;01.06.2020 00:00;31.05.2024 00:00;13.11.2019 00:00;13.11.2019 00:00;48;Information and Communication Technology (ICT);919303808;SINTEF AS;SINTEF;COORDINATOR;BENEFICIARY;1;INS;Instituttsektor;Teknisk-industrielle institutter;706;22;5001;Trondheim;50;Tr\u00f8ndelag - Tr\u00f6\u00f6ndelage;Tr\u00f8ndelag;3518202.75\r",
		"H2020;;EU.3.;Societal Challenges;EU.3.7.;SECURITY;Secure societies - Protecting freedom and security of Europe and its citizens;;;;883188;CyberKit4SME;Democratizing a Cyber Security Toolkit for SMEs and MEs;H2020-SU-DS-2019;H2020-SU-DS-2018-2019-2020;SU-DS03-2019-2020;Digital Security and privacy for citizens and Small and Medium Enterprises and Micro Enterprises;IA;Innovation action;SIGNED;22.04.2020 00:00;01.06.2020 00:00;31.05.2023 00:00;22.08.2019 00:00;21.08.2019 00:00;36;;919303808;SINTEF AS;SINTEF;PARTICIPANT;BENEFICIARY;4;INS;Instituttsektor;Teknisk-industrielle institutter;706;22;5001;Trondheim;50;Tr\u00f8ndelag - Tr\u00f6\u00f6ndelage;Tr\u00f8ndelag;626199.99999984\r",
		"H2020;;EU.2.;Industrial Leadership;EU.2.1.;LEIT;Leadership in enabling and industrial technologies (LEIT);LEIT-ICT;EU.2.1.1.;Information and Communication Technologies;951956;\u200b\u200b;Create and Harvest Offerings to support Manufacturing SMEs to become Digital Twin Champions;H2020-DT-2019-2;H2020-DT-2018-2020;DT-ICT-03-2020;I4MS (phase 4) - uptake of digital game changers;IA;Innovation action;SIGNED;25.05.2020 00:00;01.06.2020 00:00;31.05.2024 00:00;13.11.2019 00:00;13.11.2019 00:00;48;Information and Communication Technology (ICT);919303808;SINTEF\u001a AS\u202e\tX;SINTEF;COORDINATOR;BENEFICIARY;1;INS;Instituttsektor;Teknisk-industrielle institutter;706;22;5001;Trondheim;50;Tr\u00f8ndelag - Tr\u00f6\u00f6ndelage;Tr\u00f8ndelag;3518202.75\r",
		"H2020;;;;;;;;;;1;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;",
		"\"unterminated;quote",
		"",
	} {
		f.Add(seed)
	}
	header := strings.Join(importer.RCNColumns, ";") + "\n"
	f.Fuzz(func(t *testing.T, rows string) {
		ds, _, err := importer.ParseRCN(bytes.NewReader([]byte(header+rows)), "fuzz.csv", importer.Known{}, false, nil)
		if err != nil {
			if ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
				t.Fatalf("error %v (code %s), want BAD_USER_INPUT", err, ecosystem.ErrorCode(err))
			}
			return
		}
		for _, p := range ecosystem.ValidateDataset(ds) {
			for _, bad := range []string{"control characters", "bidirectional", "UTF-8", "line breaks"} {
				if strings.Contains(p.Message, bad) {
					t.Fatalf("the parsed dataset holds text validation refuses: %s", p.Error())
				}
			}
		}
	})
}
