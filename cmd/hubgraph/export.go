package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/exporter"
)

// exportCommand runs `hubgraph export -format json|graphml|csv [-labels
// L,...] [-types T,...] [-o PATH]`. JSON and GraphML go to PATH or
// stdout; CSV writes Kumu's two tables, PATH/elements.csv and
// PATH/connections.csv.
func exportCommand(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "json, graphml or csv")
	labels := fs.String("labels", "", "comma-separated entity types to include (all when empty)")
	types := fs.String("types", "", "comma-separated relationship types to include (all when empty)")
	out := fs.String("o", "", "output file (a directory for csv); stdout when empty")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var f exporter.Filter
	for _, l := range splitList(*labels) {
		if ecosystem.NewNode(ecosystem.Label(l)) == nil {
			return fmt.Errorf("-labels: %q is not an entity type", l)
		}
		f.Labels = append(f.Labels, ecosystem.Label(l))
	}
	for _, t := range splitList(*types) {
		if _, ok := ecosystem.Relationships[ecosystem.RelType(t)]; !ok {
			return fmt.Errorf("-types: %q is not a relationship type", t)
		}
		f.Types = append(f.Types, ecosystem.RelType(t))
	}
	st, err := openStoreToRead(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	snap, err := st.Snapshot(ctx)
	if err != nil {
		return err
	}
	g := exporter.Select(snap, f)
	switch *format {
	case "csv":
		if *out == "" {
			return errors.New("-format csv needs -o DIRECTORY (it writes elements.csv and connections.csv)")
		}
		return writeKumuTables(*out, g)
	case "json", "graphml":
		w := stdout
		if *out != "" {
			file, err := os.Create(*out)
			if err != nil {
				return err
			}
			defer file.Close()
			w = file
		}
		if *format == "json" {
			return exporter.WriteJSON(w, g)
		}
		return exporter.WriteGraphML(w, g)
	}
	return fmt.Errorf("-format: %q is not json, graphml or csv", *format)
}

// importJSON loads a canonical JSON export into the configured store.
func importJSON(ctx context.Context, cfg config, path string, stdout io.Writer) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	ds, err := exporter.ReadJSON(file)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	stats, err := st.Apply(ctx, ds)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "import: %d nodes created, %d updated, %d relationships created\n", stats.NodesCreated, stats.NodesUpdated, stats.LinksCreated)
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// writeKumuTables writes elements.csv and connections.csv into dir.
func writeKumuTables(dir string, g *exporter.Graph) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	elements, err := os.Create(filepath.Join(dir, "elements.csv"))
	if err != nil {
		return err
	}
	defer elements.Close()
	connections, err := os.Create(filepath.Join(dir, "connections.csv"))
	if err != nil {
		return err
	}
	defer connections.Close()
	if err := exporter.WriteCSV(elements, connections, g); err != nil {
		return err
	}
	if err := elements.Close(); err != nil {
		return err
	}
	return connections.Close()
}
