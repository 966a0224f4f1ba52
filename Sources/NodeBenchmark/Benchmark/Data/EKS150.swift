extension BenchmarkData {
    /// CIS Amazon EKS Benchmark v1.5.0: the node items and numbering later kept by 1.7.0, except
    /// that 3.2.7 asks for an explicit eventRecordQPS (unset does not pass).
    static let eks150 = #"""
version: eks-1.5.0
name: CIS Amazon EKS Benchmark v1.5.0
section: {id: "3", text: Worker Node Security Configuration}
base: eks-1.7.0
overrides:
  - {id: 3.2.7, control: EKS-CIS-011, type: automated, test: {setting: eventRecordQPS, op: gte, value: "0"}}
"""#
}
