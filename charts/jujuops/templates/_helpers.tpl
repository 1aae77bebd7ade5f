{{/*
Object names are fixed, as in config/default: the operator finds its Lease, webhook Service, CA Secret and webhook
configurations by these names, and a cluster runs one JujuOps (the webhook configurations are cluster-wide).
*/}}

{{/* The labels every object carries: config/default's name and component, plus Helm's own. */}}
{{- define "jujuops.labels" -}}
app.kubernetes.io/name: jujuops
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end }}

{{/* The operator's pods. The same as config/default's, so a switch between the two keeps the Deployment's selector (it is immutable). */}}
{{- define "jujuops.selectorLabels" -}}
app.kubernetes.io/name: jujuops
app.kubernetes.io/component: operator
{{- end }}

{{- define "jujuops.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "jujuops.certManager" -}}
{{- if eq .Values.webhook.certificates "certManager" }}true{{ end }}
{{- end }}
