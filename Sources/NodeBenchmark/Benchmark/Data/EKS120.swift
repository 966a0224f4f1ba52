extension BenchmarkData {
    /// CIS Amazon EKS Benchmark v1.2.0: the file checks are manual, and 3.2 has eleven items
    /// including --protect-kernel-defaults and --hostname-override; 3.3.1 asks for a
    /// container-optimized OS.
    static let eks120 = #"""
version: eks-1.2.0
name: CIS Amazon EKS Benchmark v1.2.0
section: {id: "3", text: Worker Node Security Configuration}
groups:
  - id: "3.1"
    text: Worker Node Configuration Files
    checks:
      - {id: 3.1.1, control: EKS-CIS-001, type: manual}
      - {id: 3.1.2, control: EKS-CIS-002, type: manual}
      - {id: 3.1.3, control: EKS-CIS-003, type: manual}
      - {id: 3.1.4, control: EKS-CIS-004, type: manual}
  - id: "3.2"
    text: Kubelet
    checks:
      - {id: 3.2.1, control: EKS-CIS-005, type: automated}
      - {id: 3.2.2, control: EKS-CIS-006, type: automated}
      - {id: 3.2.3, control: EKS-CIS-007, type: manual}
      - {id: 3.2.4, control: EKS-CIS-008, type: manual}
      - {id: 3.2.5, control: EKS-CIS-009, type: automated}
      - {id: 3.2.6, control: EKS-CIS-014, type: automated}
      - {id: 3.2.7, control: EKS-CIS-010, type: automated}
      - {id: 3.2.8, control: EKS-CIS-015, type: manual}
      - id: 3.2.9
        control: EKS-CIS-011
        type: automated
        # 1.2.0 asks for an explicit value: an unset eventRecordQPS does not pass.
        test: {setting: eventRecordQPS, op: gte, value: "0"}
      - {id: 3.2.10, control: EKS-CIS-012, type: manual}
      - {id: 3.2.11, control: EKS-CIS-013, type: manual}
  - id: "3.3"
    text: Container Optimized OS
    checks:
      - {id: 3.3.1, control: EKS-CIS-016, type: manual}
"""#
}
