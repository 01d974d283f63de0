package server_test

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
)

func TestAdminUploadOfTheRCNFile(t *testing.T) {
	// On an embedded store of its own, CPU-bound under the race
	// detector: it runs beside the package's other such test.
	t.Parallel()
	c := newServer(t, memtest.Seeded(t), nil, 0)
	post := func(token, body string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, c.url+"/admin/import/rcn-eu?name=rcn-eu-h2020.csv", strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	data, err := os.ReadFile(testenv.RCNFile(t))
	if err != nil {
		t.Fatal(err)
	}
	for token, want := range map[string]int{"": 401, editorToken: 403} {
		if status, out := post(token, string(data)); status != want {
			t.Errorf("token %q: status %d (%v), want %d", token, status, out, want)
		}
	}
	status, out := post(adminToken, string(data))
	rep, _ := out["report"].(map[string]any)
	if status != 200 || rep["Projects"] != float64(1957) || rep["Participations"] != float64(2927) {
		t.Errorf("admin upload: %d %v", status, rep)
	}
	if status, out := post(adminToken, "not;the;right;columns\n"); status != 400 || out["code"] != "BAD_USER_INPUT" {
		t.Errorf("a wrong file: %d %v", status, out)
	}
	var check struct{ Projects struct{ TotalCount int } }
	c.mustQuery(`{ projects { totalCount } }`, nil, &check)
	// The seed's fifth project is TRANSCAN-3's grant, which the file has too.
	if check.Projects.TotalCount != 1957+4 {
		t.Errorf("%d projects after the upload, want 1957 imported + 4 seeded only", check.Projects.TotalCount)
	}
}
