{{/*
Expand the name of the chart.
*/}}
{{- define "echo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: release name + chart name, cut to 63 characters (a DNS label: it names the Service).
*/}}
{{- define "echo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version for the chart label.
*/}}
{{- define "echo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "echo.labels" -}}
helm.sh/chart: {{ include "echo.chart" . }}
{{ include "echo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: shipshape
{{- end }}

{{/*
Selector labels: the Service, the PDB, the spread constraints and the NetworkPolicy select the pods by these.
*/}}
{{- define "echo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "echo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the ServiceAccount.
*/}}
{{- define "echo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "echo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the PriorityClass the pods use (empty: none). With priorityClass.create the chart makes it, named
priorityClassName or, when that is empty, the full name.
*/}}
{{- define "echo.priorityClassName" -}}
{{- if .Values.priorityClass.create }}
{{- default (include "echo.fullname" .) .Values.priorityClassName }}
{{- else }}
{{- .Values.priorityClassName }}
{{- end }}
{{- end }}

{{/*
Image reference of an image block {repository, tag, digest}: by digest when given, else by tag (the appVersion by default).
Call with (dict "image" .Values.image "context" $).
*/}}
{{- define "echo.imageRef" -}}
{{- if .image.digest }}
{{- printf "%s@%s" .image.repository .image.digest }}
{{- else }}
{{- printf "%s:%s" .image.repository (default .context.Chart.AppVersion .image.tag) }}
{{- end }}
{{- end }}

{{/*
Name of the Secret with the chart's secret settings (existing or made by the chart); empty when there is none.
*/}}
{{- define "echo.secretName" -}}
{{- if .Values.secret.existingSecret }}
{{- .Values.secret.existingSecret }}
{{- else if .Values.secret.stringData }}
{{- include "echo.fullname" . }}
{{- end }}
{{- end }}

{{/*
Whether an autoscaler (the HPA, or KEDA's ScaledObject) owns the replica count: then the workload has no
replicas field, or every re-apply would force the count back over the autoscaler's choice.
*/}}
{{- define "echo.autoscaled" -}}
{{- if or .Values.autoscaling.hpa.enabled .Values.autoscaling.keda.enabled }}true{{ end }}
{{- end }}

{{/*
The fewest pods the chart can run: the autoscaler's minimum, or replicas.
*/}}
{{- define "echo.minReplicas" -}}
{{- if .Values.autoscaling.keda.enabled }}
{{- int .Values.autoscaling.keda.minReplicas }}
{{- else if .Values.autoscaling.hpa.enabled }}
{{- int .Values.autoscaling.hpa.minReplicas }}
{{- else }}
{{- int .Values.replicas }}
{{- end }}
{{- end }}

{{/*
Name of the container port that serves /healthz, /readyz and /metrics: "management" when Echo has a
separate management listener (echo.managementPort), else "http".
*/}}
{{- define "echo.healthPortName" -}}
{{- if .Values.echo.managementPort }}management{{ else }}http{{ end }}
{{- end }}

{{/*
Seconds in a TimeSpan "hh:mm:ss" (the schema admits no other form).
*/}}
{{- define "echo.timeSpanSeconds" -}}
{{- $parts := splitList ":" . }}
{{- add (mul (atoi (index $parts 0)) 3600) (mul (atoi (index $parts 1)) 60) (atoi (index $parts 2)) }}
{{- end }}

{{/*
The shutdown budget of the pod in seconds: Echo's Shutdown.Timeout (which includes its drain delay) and, with
the archiver, the archiver's own shutdown timeout (a native sidecar is stopped only after Echo has exited).
*/}}
{{- define "echo.shutdownBudgetSeconds" -}}
{{- $budget := int (include "echo.timeSpanSeconds" .Values.echo.shutdown.timeout) }}
{{- if .Values.archiver.enabled }}
{{- $budget = add $budget (include "echo.timeSpanSeconds" .Values.archiver.shutdownTimeout) }}
{{- end }}
{{- $budget }}
{{- end }}

{{/*
terminationGracePeriodSeconds: the shutdown budget + 5 s, or the value given, which must exceed the budget;
the kubelet would otherwise kill Echo (or the archiver) in the middle of its shutdown.
*/}}
{{- define "echo.terminationGracePeriodSeconds" -}}
{{- $budget := int (include "echo.shutdownBudgetSeconds" .) }}
{{- $given := .Values.terminationGracePeriodSeconds }}
{{- if kindIs "invalid" $given }}
{{- add $budget 5 }}
{{- else if le (int $given) $budget }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed echo.shutdown.timeout%s (%d s), or the pod is killed before it has drained; leave it null to derive it" (int $given) (ternary " + archiver.shutdownTimeout" "" .Values.archiver.enabled) $budget) }}
{{- else }}
{{- int $given }}
{{- end }}
{{- end }}

{{/*
Checks that span several values (the schema checks each value alone).
*/}}
{{- define "echo.validate" -}}
{{- if and .Values.autoscaling.hpa.enabled .Values.autoscaling.keda.enabled }}
{{- fail "autoscaling: enable at most one of hpa and keda (KEDA's ScaledObject makes its own HPA; two autoscalers would fight over the replica count)" }}
{{- end }}
{{- $min := int (include "echo.minReplicas" .) }}
{{- with .Values.podDisruptionBudget }}
{{- if and .enabled (kindIs "string" .minAvailable) }}
{{- if ge (atoi (trimSuffix "%" .minAvailable)) 100 }}
{{- fail (printf "podDisruptionBudget.minAvailable (%s) must be below 100%%, or no node could ever be drained" .minAvailable) }}
{{- end }}
{{- else if and .enabled (not (kindIs "invalid" .minAvailable)) (ge (int .minAvailable) $min) }}
{{- fail (printf "podDisruptionBudget.minAvailable (%d) must be below the fewest pods the chart runs (%d), or no node could ever be drained" (int .minAvailable) $min) }}
{{- end }}
{{- if and .enabled (not (kindIs "invalid" .maxUnavailable)) (eq (atoi (trimSuffix "%" (toString .maxUnavailable))) 0) }}
{{- fail (printf "podDisruptionBudget.maxUnavailable (%v) must be above 0, or no node could ever be drained" .maxUnavailable) }}
{{- end }}
{{- end }}
{{- if and .Values.autoscaling.hpa.enabled (lt (int .Values.autoscaling.hpa.maxReplicas) (int .Values.autoscaling.hpa.minReplicas)) }}
{{- fail (printf "autoscaling.hpa.maxReplicas (%d) must be at least minReplicas (%d)" (int .Values.autoscaling.hpa.maxReplicas) (int .Values.autoscaling.hpa.minReplicas)) }}
{{- end }}
{{- if and .Values.archiver.enabled (not .Values.archiver.s3.bucket) }}
{{- fail "archiver.s3.bucket: the log archiver needs the bucket to archive to (archiver.enabled is true)" }}
{{- end }}
{{- if and .Values.archiver.enabled (eq .Values.archiver.s3.credentials "secret") (not (include "echo.secretName" .)) }}
{{- fail "archiver.s3.credentials is secret: set secret.existingSecret (a Secret holding AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) or secret.stringData at install time" }}
{{- end }}
{{- if or (eq .Values.image.tag "latest") (eq .Values.archiver.image.tag "latest") }}
{{- fail "image.tag / archiver.image.tag: latest names no release; set a release tag (empty means the chart's appVersion) or a digest" }}
{{- end }}
{{- end }}

{{/*
Labels of the helm test pod (the NetworkPolicy lets it in).
*/}}
{{- define "echo.testLabels" -}}
app.kubernetes.io/name: {{ include "echo.name" . }}-test
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
