extension BenchmarkData {
    /// CIS Amazon EKS Benchmark v1.7.0: the 1.5.0 numbering; the kubelet's default eventRecordQPS
    /// is acceptable, so an unset value passes 3.2.7.
    static let eks170 = #"""
version: eks-1.7.0
name: CIS Amazon EKS Benchmark v1.7.0
section: {id: "3", text: Worker Node Security Configuration}
groups:
  - id: "3.1"
    text: Worker Node Configuration Files
    checks:
      - {id: 3.1.1, control: EKS-CIS-001, type: automated}
      - {id: 3.1.2, control: EKS-CIS-002, type: automated}
      - {id: 3.1.3, control: EKS-CIS-003, type: automated}
      - {id: 3.1.4, control: EKS-CIS-004, type: automated}
  - id: "3.2"
    text: Kubelet
    checks:
      - {id: 3.2.1, control: EKS-CIS-005, type: automated}
      - {id: 3.2.2, control: EKS-CIS-006, type: automated}
      - {id: 3.2.3, control: EKS-CIS-007, type: automated}
      - {id: 3.2.4, control: EKS-CIS-008, type: automated}
      - {id: 3.2.5, control: EKS-CIS-009, type: automated}
      - {id: 3.2.6, control: EKS-CIS-010, type: automated}
      - {id: 3.2.7, control: EKS-CIS-011, type: automated}
      - {id: 3.2.8, control: EKS-CIS-012, type: automated}
      - {id: 3.2.9, control: EKS-CIS-013, type: automated}
"""#
}
