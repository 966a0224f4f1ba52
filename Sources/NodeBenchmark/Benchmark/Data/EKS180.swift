extension BenchmarkData {
    /// CIS Amazon EKS Benchmark v1.8.0: the 1.7.0 node items under the section title "Worker Nodes".
    static let eks180 = #"""
version: eks-1.8.0
name: CIS Amazon EKS Benchmark v1.8.0
section: {id: "3", text: Worker Nodes}
base: eks-1.7.0
"""#
}
