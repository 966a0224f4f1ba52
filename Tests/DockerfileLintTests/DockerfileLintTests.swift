import Testing
@testable import DockerfileLint
