{{/* Prefix of every resource name: the release name, or "vklad" when the release is named vklad. */}}
{{- define "vklad.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of the release's infrastructure (Kafka, PostgreSQL, Keycloak): not part-of, which admits to the services' peers. */}}
{{- define "vklad.infraLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Values.managedBy | default .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "vklad.labels" -}}
app.kubernetes.io/part-of: vklad
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Values.managedBy | default .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one service; call with (dict "root" $ "name" "gateway"). */}}
{{- define "vklad.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}-service
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Settings of one service: serviceDefaults overridden by services.<name>. Call with (dict "root" $ "name" "gateway"). */}}
{{- define "vklad.serviceConfig" -}}
{{- $own := index .root.Values.services .name -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy $own)) -}}
{{- end -}}

{{- define "vklad.kafkaName" -}}{{ include "vklad.fullname" . }}{{- end -}}
{{- define "vklad.postgresName" -}}{{ include "vklad.fullname" . }}-pg{{- end -}}
{{- define "vklad.keycloakName" -}}{{ include "vklad.fullname" . }}-keycloak{{- end -}}

{{- define "vklad.kafkaBootstrap" -}}
{{- if .Values.kafka.bundled -}}
{{ include "vklad.kafkaName" . }}-kafka-bootstrap:9092
{{- else -}}
{{ .Values.kafka.external.bootstrapServers }}
{{- end -}}
{{- end -}}

{{- define "vklad.postgresHost" -}}
{{- if .Values.postgresql.bundled -}}
{{ include "vklad.postgresName" . }}-rw:5432
{{- else -}}
{{ .Values.postgresql.external.host }}:{{ .Values.postgresql.external.port }}
{{- end -}}
{{- end -}}

{{/* Realm URL the services check tokens against; reached inside the cluster, issuer is keycloak.hostname. */}}
{{- define "vklad.oidcServerUrl" -}}
{{- if .Values.keycloak.bundled -}}
http://{{ include "vklad.keycloakName" . }}-service:8080/realms/vklad
{{- else -}}
{{ .Values.keycloak.external.url }}/realms/vklad
{{- end -}}
{{- end -}}

{{- /* The realm as browsers reach it: Swagger UI's login. */ -}}
{{- define "vklad.publicRealmUrl" -}}
{{- if .Values.keycloak.bundled -}}
{{ trimSuffix "/" .Values.keycloak.hostname }}/realms/vklad
{{- else -}}
{{ trimSuffix "/" .Values.keycloak.external.url }}/realms/vklad
{{- end -}}
{{- end -}}

{{- define "vklad.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- $suffix := ternary "-native" "" (eq .root.Values.image.flavor "native") -}}
{{ .root.Values.image.registry }}/{{ .root.Values.image.repository }}/{{ .name }}-service:{{ $tag }}{{ $suffix }}
{{- end -}}

{{- define "vklad.runAsUser" -}}
{{- ternary 1001 185 (eq .Values.image.flavor "native") -}}
{{- end -}}
