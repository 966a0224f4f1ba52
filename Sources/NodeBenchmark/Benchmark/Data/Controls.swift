extension BenchmarkData {
    /// The worker-node controls every benchmark version numbers in its own way. The wording, audit
    /// and remediation are eksguard's; the requirements are those of the CIS Amazon EKS Benchmark.
    static let controls = #"""
- id: EKS-CIS-001
  title: Kubelet kubeconfig file permissions
  text: Ensure that the kubeconfig file permissions are set to 644 or more restrictive
  severity: medium
  rationale: The kubeconfig holds the kubelet's credentials for the API server; anyone who can change it can point the kubelet elsewhere or swap its identity.
  audit: stat -c %a on the kubeconfig named by the kubelet's --kubeconfig flag (or the OS default), and check that no bit outside 644 is set.
  remediation: chmod 644 (or 600) the kubelet kubeconfig on every node, for example `chmod 644 /var/lib/kubelet/kubeconfig`.
  test: {file: kubeconfig, property: mode, op: bitmask, value: "644"}
  passing: [{config: "{}", mode: "600"}, {config: "{}", mode: "644"}]
  failing: [{config: "{}", mode: "666"}, {config: "{}", mode: "4644"}]
- id: EKS-CIS-002
  title: Kubelet kubeconfig file ownership
  text: Ensure that the kubelet kubeconfig file ownership is set to root:root
  severity: medium
  rationale: A kubeconfig owned by another account can be rewritten by that account.
  audit: stat -c %U:%G on the kubelet kubeconfig, with names from the node's /etc/passwd and /etc/group.
  remediation: chown root:root the kubelet kubeconfig on every node, for example `chown root:root /var/lib/kubelet/kubeconfig`.
  test: {file: kubeconfig, property: owner, op: eq, value: "root:root"}
  passing: [{config: "{}", owner: "root:root"}]
  failing: [{config: "{}", owner: "ec2-user:root"}]
- id: EKS-CIS-003
  title: Kubelet configuration file permissions
  text: Ensure that the kubelet configuration file has permissions set to 644 or more restrictive
  severity: medium
  rationale: The configuration file decides the kubelet's authentication, authorization and ports; write access to it is control of the node.
  audit: stat -c %a on the file named by --config and on every drop-in of --config-dir, and check that no bit outside 644 is set.
  remediation: chmod 644 the kubelet configuration file and its drop-ins, for example `chmod 644 /etc/kubernetes/kubelet/config.json /etc/kubernetes/kubelet/config.json.d/*.conf`.
  test: {file: config, property: mode, op: bitmask, value: "644"}
  passing: [{config: "{}", mode: "644"}]
  failing: [{config: "{}", mode: "664"}]
- id: EKS-CIS-004
  title: Kubelet configuration file ownership
  text: Ensure that the kubelet configuration file ownership is set to root:root
  severity: medium
  rationale: A configuration file owned by another account can be rewritten by that account.
  audit: stat -c %U:%G on the kubelet configuration file and its drop-ins.
  remediation: chown root:root the kubelet configuration file and its drop-ins.
  test: {file: config, property: owner, op: eq, value: "root:root"}
  passing: [{config: "{}", owner: "root:root"}]
  failing: [{config: "{}", owner: "root:1000"}]
- id: EKS-CIS-005
  title: Kubelet anonymous authentication
  text: Ensure that the Anonymous Auth is Not Enabled
  severity: high
  rationale: With anonymous authentication every request the kubelet API cannot authenticate runs as system:anonymous.
  audit: --anonymous-auth on the kubelet command line, else authentication.anonymous.enabled in the merged configuration; it must be set to false.
  remediation: 'Set "authentication": {"anonymous": {"enabled": false}} in the kubelet configuration (or --anonymous-auth=false), then restart the kubelet.'
  test: {setting: anonymousAuth, op: eq, value: "false"}
  passing: [{config: '{"authentication": {"anonymous": {"enabled": false}}}'}]
  failing: [{config: '{"authentication": {"anonymous": {"enabled": true}}}'}, {config: "{}"}, {config: '{"authentication": {"anonymous": {"enabled": false}}}', flags: ["--anonymous-auth=true"]}]
- id: EKS-CIS-006
  title: Kubelet authorization mode not AlwaysAllow
  text: Ensure that the --authorization-mode argument is not set to AlwaysAllow
  severity: high
  rationale: AlwaysAllow lets every authenticated caller of the kubelet API exec into pods and read their logs.
  audit: --authorization-mode on the command line, else authorization.mode in the merged configuration; it must be set and must not include AlwaysAllow.
  remediation: 'Set "authorization": {"mode": "Webhook"} and "authentication": {"webhook": {"enabled": true}} in the kubelet configuration (or --authorization-mode=Webhook), then restart the kubelet.'
  test: {setting: authorizationMode, op: nothave, value: AlwaysAllow}
  passing: [{config: '{"authorization": {"mode": "Webhook"}}'}]
  failing: [{config: '{"authorization": {"mode": "AlwaysAllow"}}'}, {config: "{}"}]
- id: EKS-CIS-007
  title: Kubelet client CA file configured
  text: Ensure that a Client CA File is Configured
  severity: high
  rationale: Without a client CA the kubelet cannot verify client certificates, so certificate authentication to its API is not possible.
  audit: --client-ca-file on the command line, else authentication.x509.clientCAFile in the merged configuration; it must be set.
  remediation: 'Set "authentication": {"x509": {"clientCAFile": "/etc/kubernetes/pki/ca.crt"}} in the kubelet configuration (or --client-ca-file), then restart the kubelet.'
  test: {setting: clientCAFile, set: true}
  passing: [{config: '{"authentication": {"x509": {"clientCAFile": "/etc/kubernetes/pki/ca.crt"}}}'}]
  failing: [{config: '{"authentication": {"x509": {}}}'}]
- id: EKS-CIS-008
  title: Kubelet read-only port disabled
  text: Ensure that the --read-only-port is disabled
  severity: medium
  rationale: The read-only port serves pod and node data without any authentication.
  audit: --read-only-port on the command line, else readOnlyPort in the merged configuration; it must be set to 0.
  remediation: 'Set "readOnlyPort": 0 in the kubelet configuration (or --read-only-port=0), then restart the kubelet.'
  test: {setting: readOnlyPort, op: eq, value: "0"}
  passing: [{config: '{"readOnlyPort": 0}'}]
  failing: [{config: '{"readOnlyPort": 10255}'}, {config: "{}"}]
- id: EKS-CIS-009
  title: Kubelet streaming connection idle timeout
  text: Ensure that the --streaming-connection-idle-timeout argument is not set to 0
  severity: low
  rationale: A zero timeout keeps idle exec, attach and port-forward streams open for ever.
  audit: --streaming-connection-idle-timeout on the command line, else streamingConnectionIdleTimeout in the merged configuration; unset passes (the kubelet default is 4h), any zero duration fails.
  remediation: 'Remove a zero streamingConnectionIdleTimeout or set it to a non-zero duration such as "4h0m0s", then restart the kubelet.'
  test:
    any:
      - {setting: streamingConnectionIdleTimeout, unset: true}
      - {setting: streamingConnectionIdleTimeout, op: noteq, value: "0"}
  passing: [{config: '{"streamingConnectionIdleTimeout": "4h0m0s"}'}, {config: "{}"}]
  failing: [{config: '{"streamingConnectionIdleTimeout": "0s"}'}, {config: "{}", flags: ["--streaming-connection-idle-timeout=0m"]}]
- id: EKS-CIS-010
  title: Kubelet manages iptables util chains
  text: Ensure that the --make-iptables-util-chains argument is set to true
  severity: low
  rationale: The kubelet's iptables chains keep pod networking rules consistent with its view of the node.
  audit: --make-iptables-util-chains on the command line, else makeIPTablesUtilChains in the merged configuration; unset passes (default true), false fails.
  remediation: 'Remove makeIPTablesUtilChains: false (or set it to true) and do not pass --make-iptables-util-chains=false, then restart the kubelet.'
  test:
    any:
      - {setting: makeIPTablesUtilChains, unset: true}
      - {setting: makeIPTablesUtilChains, op: eq, value: "true"}
  passing: [{config: '{"makeIPTablesUtilChains": true}'}, {config: "{}"}]
  failing: [{config: '{"makeIPTablesUtilChains": false}'}]
- id: EKS-CIS-011
  title: Kubelet event record QPS
  text: Ensure that the --eventRecordQPS argument is set to 0 or a level which ensures appropriate event capture
  severity: low
  rationale: A rate limit that is too low silently drops events that an investigation needs.
  audit: --event-qps on the command line, else eventRecordQPS in the merged configuration; it must be 0 or more. Versions that accept the kubelet default also pass when it is unset.
  remediation: Set eventRecordQPS in the kubelet configuration to 0 (no limit) or to a level your event pipeline can take, then restart the kubelet.
  test:
    any:
      - {setting: eventRecordQPS, unset: true}
      - {setting: eventRecordQPS, op: gte, value: "0"}
  passing: [{config: '{"eventRecordQPS": 0}'}, {config: '{"eventRecordQPS": 50}'}]
  failing: [{config: '{"eventRecordQPS": -1}'}]
- id: EKS-CIS-012
  title: Kubelet client certificate rotation
  text: Ensure that the --rotate-certificates argument is not present or is set to true
  severity: medium
  rationale: Rotation replaces the kubelet's client certificate before it expires, so a leaked one stops working.
  audit: --rotate-certificates on the command line, else rotateCertificates in the merged configuration; unset or true passes.
  remediation: 'Remove rotateCertificates: false (or set it to true) and do not pass --rotate-certificates=false, then restart the kubelet.'
  test:
    any:
      - {setting: rotateCertificates, unset: true}
      - {setting: rotateCertificates, op: eq, value: "true"}
  passing: [{config: '{"rotateCertificates": true}'}, {config: "{}"}]
  failing: [{config: '{"rotateCertificates": false}'}]
- id: EKS-CIS-013
  title: Kubelet serving certificate rotation
  text: Ensure that the RotateKubeletServerCertificate argument is set to true
  severity: medium
  rationale: The feature gate lets the kubelet request and rotate its serving certificate instead of keeping a self-signed one.
  audit: featureGates.RotateKubeletServerCertificate in the merged configuration, else the --feature-gates flag (which the configuration file overrides); it must be set to true.
  remediation: 'Set "featureGates": {"RotateKubeletServerCertificate": true} in the kubelet configuration, then restart the kubelet.'
  test: {setting: rotateKubeletServerCertificate, op: eq, value: "true"}
  passing: [{config: '{"featureGates": {"RotateKubeletServerCertificate": true}}'}, {config: "{}", flags: ["--feature-gates=RotateKubeletServerCertificate=true"]}]
  failing: [{config: '{"featureGates": {"RotateKubeletServerCertificate": false}}'}, {config: "{}"}]
- id: EKS-CIS-014
  title: Kubelet protects kernel defaults
  text: Ensure that the --protect-kernel-defaults argument is set to true
  severity: low
  rationale: With the protection on, the kubelet refuses to run when kernel tunables differ from what it expects instead of changing them.
  audit: --protect-kernel-defaults on the command line, else protectKernelDefaults in the merged configuration; it must be set to true.
  remediation: 'Set "protectKernelDefaults": true in the kubelet configuration (or --protect-kernel-defaults=true), then restart the kubelet.'
  test: {setting: protectKernelDefaults, op: eq, value: "true"}
  passing: [{config: '{"protectKernelDefaults": true}'}]
  failing: [{config: '{"protectKernelDefaults": false}'}, {config: "{}"}]
- id: EKS-CIS-015
  title: Kubelet hostname not overridden
  text: Ensure that the --hostname-override argument is not set
  severity: low
  rationale: An overridden hostname can break the match between the node name and its serving certificate.
  audit: The kubelet command line must not carry --hostname-override (it has no configuration-file equivalent).
  remediation: Remove --hostname-override from the kubelet's systemd unit or drop-ins, then restart the kubelet.
  test: {setting: hostnameOverride, unset: true}
  passing: [{config: "{}"}]
  failing: [{config: "{}", flags: ["--hostname-override=node-a"]}]
- id: EKS-CIS-016
  title: Container-optimized node OS
  text: Prefer using a container-optimized OS when possible
  severity: info
  rationale: An OS built only to run containers (Bottlerocket, EKS-optimized AL2023) has less to attack and to patch.
  audit: Review the node's operating system (/etc/os-release); eksguard reports what it found.
  remediation: Run worker nodes on Bottlerocket or the EKS-optimized Amazon Linux 2023 AMI.
  passing: []
  failing: []
"""#
}
