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

    private var labels: String { "app.kubernetes.io/name: \(name)\n    app.kubernetes.io/part-of: eksguard" }

    /// apiVersion, kind and metadata (name, namespace, labels) of one object.
    private func header(_ apiVersion: String, _ kind: String, name: String? = nil, namespaced: Bool = true) -> String {
        "apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata:\n  name: \(name ?? self.name)\n"
            + (namespaced ? "  namespace: \(namespace)\n" : "") + "  labels:\n    \(labels)"
    }

    package var yaml: String {
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
            \(header("v1", "ServiceAccount"))
            automountServiceAccountToken: false
            ---
            \(header("v1", "ConfigMap", name: "\(name)-config"))
            data:
              webhook.yaml: |
                podSecurityLevel: restricted
                defaultAction: deny
                exemptNamespaces: [kube-system, \(namespace)]
            ---
            \(header("apps/v1", "Deployment"))
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
            \(header("policy/v1", "PodDisruptionBudget"))
            spec:
              minAvailable: 1
              selector:
                matchLabels:
                  app.kubernetes.io/name: \(name)
            ---
            \(header("v1", "Service"))
            spec:
              selector:
                app.kubernetes.io/name: \(name)
              ports:
              - name: https
                port: 443
                targetPort: https
            ---
            \(header("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", namespaced: false))
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
