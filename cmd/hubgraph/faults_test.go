package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/auth"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
)

// served is a hubgraph serve started by a test through run.
type served struct {
	base   string
	cancel context.CancelFunc
	done   chan error
	out    *syncBuffer
	logs   *syncBuffer
}

// startServe runs `hubgraph serve` with vars (and an address of port 0)
// until the test ends or stop is called, and waits for its address.
func startServe(t *testing.T, vars map[string]string) *served {
	t.Helper()
	vars["HUBGRAPH_ADDR"] = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{cancel: cancel, done: make(chan error, 1), out: &syncBuffer{}, logs: &syncBuffer{}}
	logs := s.logs
	go func() { s.done <- run(ctx, nil, env(vars), s.out, logs) }()
	t.Cleanup(func() { s.stop(t, time.Minute) })
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/graphql`)
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(s.out.String()); m != nil {
			s.base = "http://" + m[1]
			return s
		}
		select {
		case err := <-s.done:
			t.Fatalf("serve ended before serving: %v\n%s", err, logs.String())
		default:
		}
	}
	t.Fatalf("serve did not report its address: %s\n%s", s.out.String(), logs.String())
	return nil
}

// stop ends the server as SIGTERM does and returns how long it took;
// it fails the test if that is longer than within.
func (s *served) stop(t *testing.T, within time.Duration) time.Duration {
	if s.cancel == nil {
		return 0
	}
	start := time.Now()
	s.cancel()
	s.cancel = nil
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve ended with %v", err)
		}
	case <-time.After(within):
		t.Errorf("serve did not end within %v", within)
	}
	return time.Since(start)
}

// gql posts a GraphQL request and returns the data and the first
// error's code ("" when none; the transport's error when the request
// itself failed).
func gql(base, token, query string) (map[string]any, string) {
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	// One connection per request: a request is either accepted (and then
	// must be answered) or refused, never sent on a keep-alive connection
	// the server is closing as idle.
	req.Close = true
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "transport: " + err.Error()
	}
	defer res.Body.Close()
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Sprintf("status %d: %s", res.StatusCode, raw)
	}
	if len(out.Errors) > 0 {
		code, _ := out.Errors[0].Extensions["code"].(string)
		return out.Data, code
	}
	return out.Data, ""
}

func status(url string) int {
	res, err := http.Get(url)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// neo4jScript runs scripts/neo4j for the server at NEO4J_URI (its home
// from NEO4J_HOME_DIR, as scripts/test and the helpers' runs set it).
func neo4jScript(t *testing.T, command string) error {
	t.Helper()
	u, err := url.Parse(os.Getenv("NEO4J_URI"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join("..", "..", "scripts", "neo4j"), command)
	cmd.Env = append(os.Environ(), "NEO4J_BOLT_PORT="+u.Port())
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("scripts/neo4j %s: %v: %s", command, err, out)
	}
	return nil
}

// TestNeo4jDownAtStartAndRestartedUnderLoad stops and starts the real
// Neo4j once, through scripts/neo4j, with a server running under load
// and a second one started while Neo4j is down:
//   - while it is down, writes fail fast with UNAVAILABLE (not after 30 s
//     of the driver's retries), and a write lost in its commit says
//     OUTCOME_UNKNOWN; nothing crashes;
//   - the server started meanwhile serves, is not ready, and recovers by
//     itself (schema migrated, graph seeded) once Neo4j answers;
//   - every write acknowledged before or after reads back, and writes
//     succeed again within seconds of the restart.
func TestNeo4jDownAtStartAndRestartedUnderLoad(t *testing.T) {
	neo4jtest.New(t) // an empty database (or skip / fail as the others do)
	if err := neo4jScript(t, "status"); err != nil {
		msg := "the Neo4j at NEO4J_URI is not the one scripts/neo4j runs with NEO4J_HOME_DIR=" + os.Getenv("NEO4J_HOME_DIR") + " (unset: .neo4j), so this test cannot restart it"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	t.Cleanup(func() {
		if err := neo4jScript(t, "start"); err != nil {
			t.Errorf("Neo4j could not be started again: %v", err)
		}
	})
	const editor = "fault-editor-token"
	vars := func() map[string]string {
		return map[string]string{
			"NEO4J_URI": os.Getenv("NEO4J_URI"), "NEO4J_PASSWORD": os.Getenv("NEO4J_PASSWORD"),
			"HUBGRAPH_TOKENS":     "faults:editor:" + auth.HashToken(editor),
			"HUBGRAPH_RATE_LIMIT": "0", "HUBGRAPH_LOG_LEVEL": "warn", "NEO4J_RETRY_TIME": "1s",
		}
	}
	a := startServe(t, vars())

	var acked sync.Map // id → true, for every write answered without error
	var stopLoad atomic.Bool
	codes := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var slowestWhileDown atomic.Int64
	var down atomic.Bool
	// The load ends with the test, however it ends.
	t.Cleanup(func() { stopLoad.Store(true); wg.Wait() })
	for w := range 4 {
		wg.Go(func() {
			for i := 0; !stopLoad.Load(); i++ {
				id := fmt.Sprintf("load-%d-%d", w, i)
				start := time.Now()
				_, code := gql(a.base, editor, fmt.Sprintf(`mutation { upsertOrganisation(input: {id: %q, name: %q, sector: OTHER}) { organisation { id } } }`, id, id))
				took := time.Since(start)
				if code == "" {
					acked.Store(id, true)
				} else {
					mu.Lock()
					codes[code]++
					mu.Unlock()
					if down.Load() && int64(took) > slowestWhileDown.Load() {
						slowestWhileDown.Store(int64(took))
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
		})
	}
	wg.Go(func() {
		for !stopLoad.Load() {
			gql(a.base, "", `{ organisations(first: 5) { edges { node { id } } } }`)
		}
	})
	time.Sleep(time.Second)

	stopping := time.Now()
	if err := neo4jScript(t, "stop"); err != nil {
		t.Fatal(err)
	}
	t.Logf("scripts/neo4j stop took %v", time.Since(stopping).Round(time.Millisecond))
	time.Sleep(2 * time.Second) // the first failures (within NEO4J_RETRY_TIME) find it down
	down.Store(true)
	if s := status(a.base + "/readyz"); s != http.StatusServiceUnavailable {
		t.Errorf("/readyz with Neo4j down: %d, want 503", s)
	}
	start := time.Now()
	_, code := gql(a.base, editor, `mutation { upsertOrganisation(input: {id: "while-down", name: "X", sector: OTHER}) { organisation { id } } }`)
	if took := time.Since(start); code != "UNAVAILABLE" || took > 3*time.Second {
		t.Errorf("a write with Neo4j known down: code %q after %v, want UNAVAILABLE at once", code, took)
	}
	b := startServe(t, vars())
	if s := status(b.base + "/readyz"); s != http.StatusServiceUnavailable {
		t.Errorf("/readyz of a server started with Neo4j down: %d, want 503", s)
	}
	if _, code := gql(b.base, "", `{ organisation(id: "kreftforeningen") { name } }`); code != "UNAVAILABLE" {
		t.Errorf("a read on the server started with Neo4j down: %q, want UNAVAILABLE", code)
	}
	down.Store(false)

	starting := time.Now()
	if err := neo4jScript(t, "start"); err != nil {
		t.Fatal(err)
	}
	restarted := time.Now()
	t.Logf("scripts/neo4j start took %v", restarted.Sub(starting).Round(time.Millisecond))
	// Neo4j answers Bolt before it serves queries, and a machine shared by
	// many builds can be slow: the bound is generous, the log has the
	// figure.
	const recovery = time.Minute
	for _, s := range []*served{a, b} {
		for status(s.base+"/readyz") != http.StatusOK {
			if time.Since(restarted) > recovery {
				res, err := http.Get(s.base + "/readyz")
				var body []byte
				if err == nil {
					body, _ = io.ReadAll(res.Body)
					res.Body.Close()
				}
				t.Fatalf("%s not ready %v after Neo4j restarted: %s %v\nlogs:\n%.3000s", s.base, recovery, body, err, s.logs.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	t.Logf("both servers ready %v after Neo4j answered", time.Since(restarted).Round(time.Millisecond))
	// B prepared the graph by itself: the schema and the seed are there.
	for {
		data, code := gql(b.base, "", `{ organisation(id: "kreftforeningen") { name } }`)
		if code == "" && data["organisation"] != nil {
			break
		}
		if time.Since(restarted) > recovery {
			t.Fatalf("the server started with Neo4j down did not prepare the graph: %v %s", data, code)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// Writes succeed again within seconds.
	before := 0
	acked.Range(func(any, any) bool { before++; return true })
	for {
		n := 0
		acked.Range(func(any, any) bool { n++; return true })
		if n > before {
			break
		}
		if time.Since(restarted) > recovery {
			t.Fatalf("no write succeeded within %v of the restart", recovery)
		}
		time.Sleep(100 * time.Millisecond)
	}
	mu.Lock()
	refusals := maps.Clone(codes)
	mu.Unlock()
	t.Logf("writes succeed again %v after Neo4j answered; the slowest refused write while it was down took %v; refusals by code: %v",
		time.Since(restarted).Round(time.Millisecond), time.Duration(slowestWhileDown.Load()).Round(time.Millisecond), refusals)
	time.Sleep(500 * time.Millisecond)
	stopLoad.Store(true)
	wg.Wait()

	for code := range codes {
		if code != "UNAVAILABLE" && code != "OUTCOME_UNKNOWN" && code != "TIMEOUT" {
			t.Errorf("a write failed with %q (%d times): want only UNAVAILABLE, OUTCOME_UNKNOWN or TIMEOUT", code, codes[code])
		}
	}
	if slow := time.Duration(slowestWhileDown.Load()); slow > 3*time.Second {
		t.Errorf("a write refused while Neo4j was known down took %v", slow)
	}
	var ids []string
	acked.Range(func(k, _ any) bool { ids = append(ids, k.(string)); return true })
	st := neo4jtest.Connect(t)
	found, err := st.NodesByID(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if found[id] == nil {
			t.Errorf("the acknowledged write of %s is lost", id)
		}
	}
	t.Logf("%d acknowledged writes, all read back", len(ids))
	if !strings.Contains(a.out.String(), "serving") {
		t.Errorf("server A's output: %s", a.out.String())
	}
}

// TestShutdownUnderLoadDrainsInFlightRequests ends a loaded server as
// SIGTERM does (main's signal context). Requests in flight when the
// shutdown begins (here: four whose bodies are still arriving) are
// answered whole; the load's other requests are answered or refused
// (connection refused, or closed unread in the listener's backlog), never
// answered with an error; and run returns within the drain timeout.
func TestShutdownUnderLoadDrainsInFlightRequests(t *testing.T) {
	s := startServe(t, map[string]string{"HUBGRAPH_DATA_DIR": t.TempDir(), "HUBGRAPH_RATE_LIMIT": "0",
		"HUBGRAPH_DRAIN_TIMEOUT": "5s", "HUBGRAPH_LOG_LEVEL": "error", "HUBGRAPH_MAX_EXPENSIVE": "0"})
	var stop atomic.Bool
	var answered, refused, failed atomic.Int64
	var firstFailure atomic.Value
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for !stop.Load() {
				data, code := gql(s.base, "", `{ networkGaps { isolatedOrganisations { id } } organisations(first: 50) { edges { node { id name } } } }`)
				switch {
				case code == "" && data != nil:
					answered.Add(1)
				case strings.HasPrefix(code, "transport: "):
					refused.Add(1)
					time.Sleep(10 * time.Millisecond)
				default:
					failed.Add(1)
					firstFailure.CompareAndSwap(nil, code)
				}
			}
		})
	}
	// Four requests in flight: headers sent, half the body.
	body := `{"query":"{ organisation(id: \"kreftforeningen\") { name } }"}`
	var conns []net.Conn
	for range 4 {
		c, err := net.Dial("tcp", strings.TrimPrefix(s.base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])
		conns = append(conns, c)
	}
	time.Sleep(time.Second)
	stopped := make(chan time.Duration, 1)
	go func() { stopped <- s.stop(t, 6*time.Second) }()
	time.Sleep(500 * time.Millisecond)
	for i, c := range conns {
		if _, err := io.WriteString(c, body[10:]); err != nil {
			t.Fatalf("in-flight request %d: %v", i, err)
		}
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("in-flight request %d was cut: %v", i, err)
		}
		got, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || !strings.Contains(string(got), "Kreftforeningen") {
			t.Errorf("in-flight request %d: %d %s", i, res.StatusCode, got)
		}
	}
	took := <-stopped
	stop.Store(true)
	wg.Wait()
	t.Logf("under load: %d answered, %d refused at the door; shutdown took %v", answered.Load(), refused.Load(), took.Round(time.Millisecond))
	if answered.Load() == 0 || failed.Load() > 0 {
		t.Errorf("%d answered, %d answered with an error (first: %v)", answered.Load(), failed.Load(), firstFailure.Load())
	}
}
