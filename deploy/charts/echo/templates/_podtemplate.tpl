{{/*
The pod template, one source for the Deployment and the Argo Rollout (canary.enabled): what changes between
the two is only the controller around it.
*/}}
{{- define "echo.podTemplate" -}}
{{- $healthPort := include "echo.healthPortName" . -}}
metadata:
  labels:
    {{- include "echo.selectorLabels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    # Echo reads its settings at start: a changed ConfigMap rolls the pods.
    checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "echo.serviceAccountName" . }}
  # Echo (and the archiver) read nothing from the Kubernetes API. IRSA and EKS Pod Identity inject their
  # own projected token volume, independent of this setting.
  automountServiceAccountToken: false
  enableServiceLinks: false
  {{- with include "echo.priorityClassName" . }}
  priorityClassName: {{ . }}
  {{- end }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  terminationGracePeriodSeconds: {{ include "echo.terminationGracePeriodSeconds" . }}
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    runAsGroup: 10001
    fsGroup: 10001
    seccompProfile:
      type: RuntimeDefault
  topologySpreadConstraints:
    # Even over nodes, guaranteed: 4 pods on 2 workers are 2 + 2, never 3 + 1 (a hard constraint;
    # anti-affinity alone is only a preference). pod-template-hash (Deployment) and
    # rollouts-pod-template-hash (Rollout) spread each revision on its own; a key a pod lacks is ignored.
    - topologyKey: kubernetes.io/hostname
      maxSkew: 1
      whenUnsatisfiable: DoNotSchedule
      labelSelector:
        matchLabels:
          {{- include "echo.selectorLabels" . | nindent 10 }}
      matchLabelKeys:
        - pod-template-hash
        - rollouts-pod-template-hash
    # Over zones when the cluster has them, without blocking scheduling when it has one.
    - topologyKey: topology.kubernetes.io/zone
      maxSkew: 1
      whenUnsatisfiable: ScheduleAnyway
      labelSelector:
        matchLabels:
          {{- include "echo.selectorLabels" . | nindent 10 }}
      matchLabelKeys:
        - pod-template-hash
        - rollouts-pod-template-hash
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels:
                {{- include "echo.selectorLabels" . | nindent 16 }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if .Values.archiver.enabled }}
  initContainers:
    # The log archiver as a native sidecar: started before Echo, stopped after it (so Echo's last
    # segment is closed before the archiver's final pass), restarted on its own if it exits.
    - name: log-archiver
      image: {{ include "echo.imageRef" (dict "image" .Values.archiver.image "context" .) | quote }}
      imagePullPolicy: {{ .Values.archiver.image.pullPolicy }}
      restartPolicy: Always
      ports:
        - name: archiver-http
          containerPort: 8081
          protocol: TCP
      env:
        - name: ASPNETCORE_URLS
          value: "http://+:8081"
        - name: Archive__Directory
          value: {{ .Values.archiver.logDirectory | quote }}
        - name: Archive__Bucket
          value: {{ .Values.archiver.s3.bucket | quote }}
        - name: Archive__Prefix
          value: {{ .Values.archiver.s3.prefix | quote }}
        - name: Archive__Shutdown__Timeout
          value: {{ .Values.archiver.shutdownTimeout | quote }}
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        {{- with .Values.archiver.s3.region }}
        - name: AWS_REGION
          value: {{ . | quote }}
        {{- end }}
        {{- with .Values.archiver.s3.serviceUrl }}
        - name: S3__ServiceUrl
          value: {{ . | quote }}
        {{- end }}
        {{- if eq .Values.archiver.s3.credentials "secret" }}
        - name: AWS_ACCESS_KEY_ID
          valueFrom:
            secretKeyRef:
              name: {{ include "echo.secretName" . }}
              key: {{ .Values.archiver.s3.secretKeys.accessKeyId }}
        - name: AWS_SECRET_ACCESS_KEY
          valueFrom:
            secretKeyRef:
              name: {{ include "echo.secretName" . }}
              key: {{ .Values.archiver.s3.secretKeys.secretAccessKey }}
        {{- end }}
        {{- with .Values.archiver.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      startupProbe:
        httpGet:
          path: /healthz
          port: archiver-http
        {{- toYaml .Values.probes.startup | nindent 8 }}
      livenessProbe:
        httpGet:
          path: /healthz
          port: archiver-http
        {{- toYaml .Values.probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet:
          path: /readyz
          port: archiver-http
        {{- toYaml .Values.probes.readiness | nindent 8 }}
      resources:
        {{- toYaml .Values.archiver.resources | nindent 8 }}
      securityContext:
        {{- include "echo.containerSecurityContext" . | nindent 8 }}
      volumeMounts:
        - name: logs
          mountPath: {{ .Values.archiver.logDirectory }}
  {{- end }}
  containers:
    - name: echo
      image: {{ include "echo.imageRef" (dict "image" .Values.image "context" .) | quote }}
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        {{- with .Values.echo.managementPort }}
        - name: management
          containerPort: {{ . }}
          protocol: TCP
        {{- end }}
      env:
        - name: ASPNETCORE_URLS
          value: "http://+:8080"
        {{- if .Values.archiver.enabled }}
        # Echo's file sink writes its segments to the volume the archiver empties.
        - name: FileLog__Directory
          value: {{ .Values.archiver.logDirectory | quote }}
        {{- end }}
        {{- with .Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      envFrom:
        - configMapRef:
            name: {{ include "echo.fullname" . }}
      startupProbe:
        httpGet:
          path: /healthz
          port: {{ $healthPort }}
        {{- toYaml .Values.probes.startup | nindent 8 }}
      livenessProbe:
        httpGet:
          path: /healthz
          port: {{ $healthPort }}
        {{- toYaml .Values.probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet:
          path: /readyz
          port: {{ $healthPort }}
        {{- toYaml .Values.probes.readiness | nindent 8 }}
      resources:
        {{- toYaml .Values.resources | nindent 8 }}
      securityContext:
        {{- include "echo.containerSecurityContext" . | nindent 8 }}
      volumeMounts:
        # The root file system is read-only; a small writable /tmp for the runtime, just in case.
        - name: tmp
          mountPath: /tmp
        {{- if .Values.archiver.enabled }}
        - name: logs
          mountPath: {{ .Values.archiver.logDirectory }}
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 16Mi
    {{- if .Values.archiver.enabled }}
    # Echo's closed log segments wait here until the archiver has them safely in S3.
    - name: logs
      emptyDir:
        sizeLimit: {{ .Values.archiver.volumeSizeLimit }}
    {{- end }}
{{- end }}

{{/*
The restricted container security context, the same for every container of the chart.
*/}}
{{- define "echo.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}
