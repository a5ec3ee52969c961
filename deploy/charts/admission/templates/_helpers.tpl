{{/*
Expand the name of the chart.
*/}}
{{- define "admission.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: release name + chart name, cut to 63 characters (a DNS label: it names the Service).
*/}}
{{- define "admission.fullname" -}}
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
{{- define "admission.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "admission.labels" -}}
helm.sh/chart: {{ include "admission.chart" . }}
{{ include "admission.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: admission-webhook
app.kubernetes.io/part-of: shipshape
{{- end }}

{{/*
Selector labels.
*/}}
{{- define "admission.selectorLabels" -}}
app.kubernetes.io/name: {{ include "admission.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the ServiceAccount.
*/}}
{{- define "admission.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "admission.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the PriorityClass the pods use; empty for none.
*/}}
{{- define "admission.priorityClassName" -}}
{{- if .Values.priorityClass.create }}
{{- default (include "admission.fullname" .) .Values.priorityClass.name }}
{{- else }}
{{- .Values.priorityClass.name }}
{{- end }}
{{- end }}

{{/*
Image reference: by digest when one is given, else by tag (the appVersion by default).
*/}}
{{- define "admission.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The TLS Secret (tls.crt, tls.key, ca.crt), written by cert-manager or by this chart.
*/}}
{{- define "admission.tlsSecretName" -}}
{{- printf "%s-tls" (include "admission.fullname" .) }}
{{- end }}

{{/*
The DNS names the API server and Prometheus use for the Service; the serving certificate holds all of them.
*/}}
{{- define "admission.serviceDNSNames" -}}
{{- $svc := include "admission.fullname" . }}
{{- $ns := .Release.Namespace }}
{{- list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.cluster.local" $svc $ns) | toJson }}
{{- end }}

{{/*
Whether policies are given (a non-empty string or object).
*/}}
{{- define "admission.policiesEnabled" -}}
{{- if .Values.policies }}true{{ end }}
{{- end }}

{{/*
The policies file's content.
*/}}
{{- define "admission.policiesYaml" -}}
{{- if kindIs "string" .Values.policies }}
{{- .Values.policies }}
{{- else }}
{{- toYaml .Values.policies }}
{{- end }}
{{- end }}

{{/*
Seconds in a TimeSpan "hh:mm:ss" (the schema admits no other form).
*/}}
{{- define "admission.timeSpanSeconds" -}}
{{- $parts := splitList ":" . }}
{{- add (mul (atoi (index $parts 0)) 3600) (mul (atoi (index $parts 1)) 60) (atoi (index $parts 2)) }}
{{- end }}

{{/*
terminationGracePeriodSeconds: drain delay + shutdown timeout + 5 s, or the value given, which must exceed
the first two; the kubelet would otherwise kill the server in the middle of its shutdown.
*/}}
{{- define "admission.terminationGracePeriodSeconds" -}}
{{- $budget := add (include "admission.timeSpanSeconds" .Values.shutdown.drainDelay) (include "admission.timeSpanSeconds" .Values.shutdown.timeout) }}
{{- $given := .Values.terminationGracePeriodSeconds }}
{{- if kindIs "invalid" $given }}
{{- add $budget 5 }}
{{- else if le (int $given) (int $budget) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed shutdown.drainDelay + shutdown.timeout (%d s), or the pod is killed before it has drained; leave it null to derive it" (int $given) (int $budget)) }}
{{- else }}
{{- int $given }}
{{- end }}
{{- end }}

{{/*
Checks that span several values (the schema checks each value alone).
*/}}
{{- define "admission.validate" -}}
{{- $pdb := .Values.podDisruptionBudget }}
{{- $hasMin := not (kindIs "invalid" $pdb.minAvailable) }}
{{- $hasMax := not (kindIs "invalid" $pdb.maxUnavailable) }}
{{- if eq $hasMin $hasMax }}
{{- fail "podDisruptionBudget: set exactly one of minAvailable and maxUnavailable (set the other to null)" }}
{{- end }}
{{- if $hasMin }}
{{- $min := $pdb.minAvailable }}
{{- if kindIs "string" $min }}
{{- if ge (atoi (trimSuffix "%" $min)) 100 }}
{{- fail (printf "podDisruptionBudget.minAvailable (%s) must be below 100%%, or no node could ever be drained" $min) }}
{{- end }}
{{- else if ge (int $min) (int .Values.replicas) }}
{{- fail (printf "podDisruptionBudget.minAvailable (%d) must be below replicas (%d), or no node could ever be drained" (int $min) (int .Values.replicas)) }}
{{- end }}
{{- else if eq (atoi (trimSuffix "%" (toString $pdb.maxUnavailable))) 0 }}
{{- fail (printf "podDisruptionBudget.maxUnavailable (%v) must be above 0, or no node could ever be drained" $pdb.maxUnavailable) }}
{{- end }}
{{- if eq .Values.image.tag "latest" }}
{{- fail "image.tag: latest names no release; set a release tag (empty means the chart's appVersion) or image.digest" }}
{{- end }}
{{- end }}

{{/*
Generated TLS material (certificates.mode generated), made once per render and shared by the Secret and
the webhook configuration: the existing Secret when there is one (lookup; empty in helm template), else a
new CA and a serving certificate for the Service's DNS names.
*/}}
{{- define "admission.generatedTLS" -}}
{{- if not (hasKey . "admissionGeneratedTLS") }}
{{- $secret := lookup "v1" "Secret" .Release.Namespace (include "admission.tlsSecretName" .) }}
{{- $data := dict }}
{{- if and $secret $secret.data }}
{{- $data = $secret.data }}
{{- end }}
{{- if and (index $data "tls.crt") (index $data "tls.key") (index $data "ca.crt") }}
{{- $_ := set . "admissionGeneratedTLS" (dict "crt" (index $data "tls.crt") "key" (index $data "tls.key") "ca" (index $data "ca.crt")) }}
{{- else }}
{{- $days := int .Values.certificates.generated.validityDays }}
{{- $ca := genCA (printf "%s-ca" (include "admission.fullname" .)) $days }}
{{- $dnsNames := include "admission.serviceDNSNames" . | fromJsonArray }}
{{- $cert := genSignedCert (index $dnsNames 2) nil $dnsNames $days $ca }}
{{- $_ := set . "admissionGeneratedTLS" (dict "crt" ($cert.Cert | b64enc) "key" ($cert.Key | b64enc) "ca" ($ca.Cert | b64enc)) }}
{{- end }}
{{- end }}
{{- end }}
