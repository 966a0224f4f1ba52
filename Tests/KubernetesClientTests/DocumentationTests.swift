import Foundation
import KubernetesAudit
import KubernetesClient
import Testing

@Suite struct DocumentationTests {
    /// docs/kubernetes-input.md prints the ClusterRole live reading needs and the dump command; both must match the kinds listed.
    @Test func clusterRoleInTheDocsIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = try String(contentsOf: root.appendingPathComponent("docs/kubernetes-input.md"), encoding: .utf8)
        #expect(docs.contains("```yaml\n" + AuditedKind.clusterRoleYAML + "```"), "docs/kubernetes-input.md should hold:\n\(AuditedKind.clusterRoleYAML)")
        #expect(AuditedKind.clusterRoleYAML.contains("resources: [clusterrolebindings, clusterroles, rolebindings, roles]"))
        #expect(!AuditedKind.clusterRoleYAML.contains("secrets"))
        #expect(docs.contains("```sh\n" + AuditedKind.kubectlDumpCommand + "\n```"), "docs/kubernetes-input.md should show:\n\(AuditedKind.kubectlDumpCommand)")
    }
}
