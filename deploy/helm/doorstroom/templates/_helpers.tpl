{{/* Names and the pod parts every workload shares. */}}
{{- define "doorstroom.naam" -}}
{{- printf "%s-doorstroom" .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- end -}}

{{- define "doorstroom.labels" -}}
app.kubernetes.io/name: doorstroom
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "doorstroom.selector" -}}
app.kubernetes.io/name: doorstroom
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "doorstroom.image" -}}
{{ printf "%s:%s" .Values.image.repository .Values.image.tag }}
{{- end -}}

{{/* DOORSTROOM_* settings: plain values from values.yaml, secrets from the platform's Secret. */}}
{{- define "doorstroom.env" -}}
{{- range $naam, $waarde := .Values.settings }}
- name: DOORSTROOM_{{ $naam }}
  value: {{ $waarde | quote }}
{{- end }}
- name: DOORSTROOM_DATA_DIR
  value: /var/lib/doorstroom
{{- if .Values.oidc.issuer }}
- name: DOORSTROOM_OIDC_ISSUER
  value: {{ .Values.oidc.issuer | quote }}
- name: DOORSTROOM_OIDC_AUDIENCE
  value: {{ .Values.oidc.clientId | quote }}
- name: DOORSTROOM_OIDC_CLIENT_ID
  value: {{ .Values.oidc.clientId | quote }}
- name: DOORSTROOM_OIDC_REDIRECT_URI
  value: {{ .Values.oidc.redirectUri | quote }}
- name: DOORSTROOM_OIDC_PROVIDER_NAME
  value: {{ .Values.oidc.providerName | quote }}
- name: DOORSTROOM_OIDC_ROLE_CLAIM
  value: {{ .Values.oidc.roleClaim | quote }}
- name: DOORSTROOM_OIDC_MUNICIPALITY_CLAIM
  value: {{ .Values.oidc.municipalityClaim | quote }}
{{- end }}
- name: DOORSTROOM_DATABASE_URL
  valueFrom: {secretKeyRef: {name: {{ .Values.existingSecret }}, key: {{ .Values.secretKeys.databaseUrl }}}}
- name: DOORSTROOM_SESSION_SECRET
  valueFrom: {secretKeyRef: {name: {{ .Values.existingSecret }}, key: {{ .Values.secretKeys.sessionSecret }}}}
- name: DOORSTROOM_OIDC_CLIENT_SECRET
  valueFrom: {secretKeyRef: {name: {{ .Values.existingSecret }}, key: {{ .Values.secretKeys.oidcClientSecret }}, optional: true}}
- name: DOORSTROOM_METRICS_TOKEN
  valueFrom: {secretKeyRef: {name: {{ .Values.existingSecret }}, key: {{ .Values.secretKeys.metricsToken }}, optional: true}}
{{- end -}}

{{- define "doorstroom.podSpec" -}}
securityContext: {{- toYaml .Values.podSecurityContext | nindent 2 }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets: {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  - name: tmp
    emptyDir: {}
  - name: data
    emptyDir: {}
{{- end -}}

{{- define "doorstroom.mounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /var/lib/doorstroom
{{- end -}}
