// Command helm-render renders a Helm chart the way `helm template` does, for a machine without a helm binary (none
// is packaged for Debian 12): Go's text/template with Debian's sprig plus the few functions Helm adds, the
// .Values/.Release/.Chart/.Capabilities/.Template objects, values files and --set merged over values.yaml as Helm
// coalesces them. It renders what charts/jujuops uses, not every Helm feature: no subcharts, no lookup, no .Files.
//
// Build offline (GOPATH mode against Debian's Go sources):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o helm-render ./hack/helm-render
//
// Usage:
//
//	helm-render [--namespace NS] [--release NAME] [--include-crds] [--api-versions G/V,...] \
//	            [-f values.yaml]... [--set a.b=value]... [--values-out merged.json] [--json] CHART_DIR
//	helm-render yaml2json < docs.yaml     # multi-document YAML to a JSON array (for comparing with kustomize)
//
// --values-out writes the merged values as JSON, for a JSON-schema check of values.schema.json (Helm runs that
// check itself; the tests run it with JsonSchema.Net). --json prints the rendered objects as a JSON array.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	if len(os.Args) > 1 && os.Args[1] == "yaml2json" {
		if err := yamlToJSON(os.Stdin, os.Stdout); err != nil {
			fail(err)
		}
		return
	}
	var valueFiles, sets multiFlag
	namespace := flag.String("namespace", "default", "the release namespace (.Release.Namespace)")
	release := flag.String("release", "jujuops", "the release name (.Release.Name)")
	includeCRDs := flag.Bool("include-crds", false, "also print the chart's crds/ files, first, as `helm template --include-crds` does")
	apiVersions := flag.String("api-versions", "", "comma-separated group/versions .Capabilities.APIVersions.Has answers true for (default: a current cluster's core set)")
	valuesOut := flag.String("values-out", "", "write the merged values as JSON to this file")
	asJSON := flag.Bool("json", false, "print the rendered objects as one JSON array instead of YAML documents")
	flag.Var(&valueFiles, "f", "a values file merged over values.yaml (repeatable, later wins)")
	flag.Var(&sets, "set", "key.path=value merged last (repeatable; the value is read as YAML: true, 3, text)")
	flag.Parse()
	if flag.NArg() != 1 {
		fail(errors.New("usage: helm-render [flags] CHART_DIR"))
	}
	out, err := render(flag.Arg(0), options{
		namespace: *namespace, release: *release, includeCRDs: *includeCRDs,
		apiVersions: splitNonEmpty(*apiVersions), valueFiles: valueFiles, sets: sets, valuesOut: *valuesOut,
	})
	if err != nil {
		fail(err)
	}
	if *asJSON {
		err = yamlToJSON(strings.NewReader(out), os.Stdout)
	} else {
		_, err = io.WriteString(os.Stdout, out)
	}
	if err != nil {
		fail(err)
	}
}

type options struct {
	namespace, release, valuesOut string
	includeCRDs                   bool
	apiVersions, valueFiles, sets []string
}

func render(chartDir string, opts options) (string, error) {
	chart, err := readChart(chartDir)
	if err != nil {
		return "", err
	}
	values, err := mergedValues(chartDir, opts)
	if err != nil {
		return "", err
	}
	if opts.valuesOut != "" {
		data, err := json.MarshalIndent(values, "", "  ")
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(opts.valuesOut, data, 0o644); err != nil {
			return "", err
		}
	}
	templates, err := parseTemplates(chartDir, chart["Name"].(string))
	if err != nil {
		return "", err
	}
	top := map[string]interface{}{
		"Values":  values,
		"Chart":   chart,
		"Release": map[string]interface{}{"Name": opts.release, "Namespace": opts.namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1},
		"Capabilities": map[string]interface{}{
			"APIVersions": apiVersions(opts.apiVersions),
			"KubeVersion": map[string]interface{}{"Version": "v1.20.2", "Major": "1", "Minor": "20", "GitVersion": "v1.20.2"},
		},
	}
	var out strings.Builder
	if opts.includeCRDs {
		if err := appendCRDs(&out, chartDir, chart["Name"].(string)); err != nil {
			return "", err
		}
	}
	names := []string{}
	for _, t := range templates.Templates() {
		base := filepath.Base(t.Name())
		if strings.HasPrefix(base, "_") || !strings.Contains(t.Name(), "/templates/") || !(strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")) {
			continue
		}
		names = append(names, t.Name())
	}
	sort.Strings(names)
	for _, name := range names {
		scope := withTemplate(top, name)
		var buf bytes.Buffer
		if err := templates.ExecuteTemplate(&buf, name, scope); err != nil {
			return "", err
		}
		// Helm's engine prints "<no value>" for missing keys as nothing.
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if strings.TrimSpace(text) == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", name, strings.TrimSpace(text))
	}
	return out.String(), nil
}

// readChart loads Chart.yaml as Helm exposes it: the fields with capitalised names (.Chart.Name, .Chart.AppVersion).
func readChart(dir string) (map[string]interface{}, error) {
	data, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	raw := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("Chart.yaml: %w", err)
	}
	chart := map[string]interface{}{}
	for k, v := range raw {
		chart[strings.ToUpper(k[:1])+k[1:]] = v
	}
	if _, ok := chart["Name"].(string); !ok {
		return nil, errors.New("Chart.yaml: name is required")
	}
	return chart, nil
}

func mergedValues(dir string, opts options) (map[string]interface{}, error) {
	values := map[string]interface{}{}
	for _, file := range append([]string{filepath.Join(dir, "values.yaml")}, opts.valueFiles...) {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		layer := map[string]interface{}{}
		if err := yaml.Unmarshal(data, &layer); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		coalesce(values, layer)
	}
	for _, set := range opts.sets {
		key, raw, ok := strings.Cut(set, "=")
		if !ok {
			return nil, fmt.Errorf("--set %q: want key=value", set)
		}
		var value interface{}
		if err := yaml.Unmarshal([]byte(raw), &value); err != nil {
			value = raw
		}
		layer := map[string]interface{}{}
		node := layer
		parts := strings.Split(key, ".")
		for _, part := range parts[:len(parts)-1] {
			child := map[string]interface{}{}
			node[part] = child
			node = child
		}
		node[parts[len(parts)-1]] = value
		coalesce(values, layer)
	}
	return values, nil
}

// coalesce merges override into base as Helm does: maps merge key by key, anything else replaces, null deletes.
func coalesce(base, override map[string]interface{}) {
	for k, v := range override {
		if v == nil {
			delete(base, k)
			continue
		}
		if child, ok := v.(map[string]interface{}); ok {
			if existing, ok := base[k].(map[string]interface{}); ok {
				coalesce(existing, child)
				continue
			}
		}
		base[k] = v
	}
}

func parseTemplates(dir, chartName string) (*template.Template, error) {
	root := template.New(chartName).Option("missingkey=zero")
	funcs := sprig.TxtFuncMap()
	// Helm drops the functions that read the environment: a chart renders the same everywhere.
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["toYaml"] = toYAML
	funcs["fromYaml"] = fromYAML
	funcs["required"] = required
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		err = t.Execute(&buf, data)
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	root.Funcs(funcs)
	files, err := filepath.Glob(filepath.Join(dir, "templates", "*"))
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		if _, err := root.New(chartName + "/templates/" + filepath.Base(file)).Parse(string(data)); err != nil {
			return nil, err
		}
	}
	return root, nil
}

func withTemplate(top map[string]interface{}, name string) map[string]interface{} {
	scope := map[string]interface{}{}
	for k, v := range top {
		scope[k] = v
	}
	scope["Template"] = map[string]interface{}{"Name": name, "BasePath": filepath.Dir(name)}
	return scope
}

func appendCRDs(out *strings.Builder, dir, chartName string) error {
	files, err := filepath.Glob(filepath.Join(dir, "crds", "*.yaml"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "---\n# Source: %s/crds/%s\n%s\n", chartName, filepath.Base(file), strings.TrimSpace(strings.TrimPrefix(string(data), "---\n")))
	}
	return nil
}

// apiVersions is what --api-versions lists (`kubectl api-versions` of the target cluster, as `helm install` asks
// the cluster), or without it a current cluster's core set, as `helm template` assumes one.
func apiVersions(listed []string) apiVersionSet {
	if len(listed) > 0 {
		return listed
	}
	return apiVersionSet{"v1", "apps/v1", "policy/v1", "rbac.authorization.k8s.io/v1", "admissionregistration.k8s.io/v1", "coordination.k8s.io/v1"}
}

// apiVersionSet answers .Capabilities.APIVersions.Has "group/version".
type apiVersionSet []string

func (s apiVersionSet) Has(version string) bool {
	for _, v := range s {
		if v == version {
			return true
		}
	}
	return false
}

// toYAML is Helm's toYaml: two-space indents and no trailing newline, "" on error.
func toYAML(v interface{}) string {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func fromYAML(text string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(text), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func required(message string, v interface{}) (interface{}, error) {
	if v == nil {
		return nil, errors.New(message)
	}
	if s, ok := v.(string); ok && s == "" {
		return nil, errors.New(message)
	}
	return v, nil
}

func yamlToJSON(in io.Reader, out io.Writer) error {
	dec := yaml.NewDecoder(in)
	docs := []interface{}{}
	for {
		var doc interface{}
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if doc != nil {
			docs = append(docs, doc)
		}
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(docs)
}

func splitNonEmpty(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "helm-render:", err)
	os.Exit(1)
}
