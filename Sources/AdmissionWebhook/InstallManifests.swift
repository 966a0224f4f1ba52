import Foundation

/// The Kubernetes objects that install the webhook: namespace, service account, configuration,
/// a two-replica hardened Deployment with its disruption budget, the Service and the
/// ValidatingWebhookConfiguration. The TLS Secret is not printed: it holds a private key.
package struct InstallManifests: Sendable {
    package var namespace = "eksguard"
    package var name = "eksguard-webhook"
    package var image: String
    /// PEM of the CA that signed the serving certificate (the caBundle).
    package var caPEM: String
    package var timeoutSeconds = 5
    package var tlsSecret: String { "\(name)-tls" }

    package init(image: String, caPEM: String) {
        self.image = image
        self.caPEM = caPEM
    }

    /// The DNS names the serving certificate must carry.
    package var serviceDNSNames: [String] {
        ["\(name).\(namespace).svc", "\(name).\(namespace).svc.cluster.local", "\(name).\(namespace)", name]
    }

    package var yaml: String {
        let labels = "app.kubernetes.io/name: \(name)\n    app.kubernetes.io/part-of: eksguard"
        let caBundle = Data(caPEM.utf8).base64EncodedString()
        return """
            # eksguard admission webhook. Create the TLS Secret first:
            #   kubectl -n \(namespace) create secret tls \(tlsSecret) --cert=tls.crt --key=tls.key
            apiVersion: v1
            kind: Namespace
            metadata:
              name: \(namespace)
              labels:
                \(labels)
                pod-security.kubernetes.io/enforce: restricted
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: \(name)
              namespace: \(namespace)
              labels:
                \(labels)
            automountServiceAccountToken: false
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: \(name)-config
              namespace: \(namespace)
              labels:
                \(labels)
            data:
              webhook.yaml: |
                podSecurityLevel: restricted
                defaultAction: deny
                exemptNamespaces: [kube-system, \(namespace)]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              namespace: \(namespace)
              labels:
                \(labels)
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app.kubernetes.io/name: \(name)
              template:
                metadata:
                  labels:
                    \(labels.replacingOccurrences(of: "\n    ", with: "\n        "))
                spec:
                  serviceAccountName: \(name)
                  automountServiceAccountToken: false
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 65532
                    runAsGroup: 65532
                    seccompProfile:
                      type: RuntimeDefault
                  affinity:
                    podAntiAffinity:
                      preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        podAffinityTerm:
                          topologyKey: kubernetes.io/hostname
                          labelSelector:
                            matchLabels:
                              app.kubernetes.io/name: \(name)
                  containers:
                  - name: webhook
                    image: \(image)
                    args: [webhook, serve, --port=8443, --cert=/tls/tls.crt, --key=/tls/tls.key, --config=/config/webhook.yaml]
                    ports:
                    - name: https
                      containerPort: 8443
                    readinessProbe:
                      httpGet: {path: /readyz, port: https, scheme: HTTPS}
                    livenessProbe:
                      httpGet: {path: /healthz, port: https, scheme: HTTPS}
                    resources:
                      requests: {cpu: 100m, memory: 64Mi}
                      limits: {cpu: "1", memory: 256Mi}
                    securityContext:
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      runAsNonRoot: true
                      capabilities:
                        drop: [ALL]
                      seccompProfile:
                        type: RuntimeDefault
                    volumeMounts:
                    - {name: tls, mountPath: /tls, readOnly: true}
                    - {name: config, mountPath: /config, readOnly: true}
                  volumes:
                  - name: tls
                    secret:
                      secretName: \(tlsSecret)
                  - name: config
                    configMap:
                      name: \(name)-config
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: \(name)
              namespace: \(namespace)
              labels:
                \(labels)
            spec:
              minAvailable: 1
              selector:
                matchLabels:
                  app.kubernetes.io/name: \(name)
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: \(name)
              namespace: \(namespace)
              labels:
                \(labels)
            spec:
              selector:
                app.kubernetes.io/name: \(name)
              ports:
              - name: https
                port: 443
                targetPort: https
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata:
              name: \(name)
              labels:
                \(labels)
            webhooks:
            - name: pods.webhook.eksguard.dev
              admissionReviewVersions: [v1]
              sideEffects: None
              failurePolicy: Fail
              timeoutSeconds: \(timeoutSeconds)
              matchPolicy: Equivalent
              clientConfig:
                service:
                  name: \(name)
                  namespace: \(namespace)
                  path: /validate
                  port: 443
                caBundle: \(caBundle)
              namespaceSelector:
                matchExpressions:
                - key: kubernetes.io/metadata.name
                  operator: NotIn
                  values: [kube-system, \(namespace)]
              rules:
              - operations: [CREATE, UPDATE]
                apiGroups: [""]
                apiVersions: [v1]
                resources: [pods, replicationcontrollers, podtemplates]
              - operations: [CREATE, UPDATE]
                apiGroups: [apps]
                apiVersions: [v1]
                resources: [deployments, replicasets, daemonsets, statefulsets]
              - operations: [CREATE, UPDATE]
                apiGroups: [batch]
                apiVersions: [v1]
                resources: [jobs, cronjobs]

            """
    }
}
