#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A short-lived program run without a shell (a credential helper): a few bytes on its standard input,
/// its standard output read up to a limit, its standard error passed through. It runs in a process group
/// of its own so that on a timeout or an oversized answer the whole group is killed: killing only a
/// shell script would leave its children holding the output pipe open, and the read would never end.
struct ChildProcess {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    /// Written before the program starts, so it must fit in the pipe's buffer (a few KiB).
    var input: [UInt8]
    var timeout: Duration
    var outputLimit: Int

    enum Failure: Error, Equatable {
        case couldNotStart(String)
        case timedOut
        case outputTooLarge
    }

    struct Outcome: Equatable {
        /// The exit code, or 128 + the signal that ended it (as shells report it).
        var status: Int32
        var output: [UInt8]
    }

    func run() throws(Failure) -> Outcome {
        var inputPipe: [Int32] = [-1, -1], outputPipe: [Int32] = [-1, -1]
        guard Self.makePipe(&inputPipe), Self.makePipe(&outputPipe) else {
            for descriptor in inputPipe + outputPipe where descriptor >= 0 { close(descriptor) }
            throw .couldNotStart("no pipe: \(String(cString: strerror(errno)))")
        }
        defer { close(outputPipe[0]) }
        // Writing now, while our read end is open, cannot raise SIGPIPE however early the program exits.
        let written = input.withUnsafeBytes { write(inputPipe[1], $0.baseAddress, $0.count) }
        close(inputPipe[1])
        guard written == input.count else {
            close(inputPipe[0]); close(outputPipe[1])
            throw .couldNotStart("its input does not fit in a pipe")
        }
        let spawned = spawn(stdin: inputPipe[0], stdout: outputPipe[1])
        close(inputPipe[0]); close(outputPipe[1])
        let pid = try spawned.get()

        let deadline = ContinuousClock.now.advanced(by: timeout)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        reading: while true {
            var poller = pollfd(fd: outputPipe[0], events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Self.milliseconds(until: deadline))
            if ready < 0, errno == EINTR { continue }
            if ready == 0 { Self.killGroup(pid); throw .timedOut }
            let count = buffer.withUnsafeMutableBytes { read(outputPipe[0], $0.baseAddress, $0.count) }
            switch count {
            case ..<0 where errno == EINTR: continue
            case ...0: break reading
            default:
                output += buffer[0..<count]
                if output.count > outputLimit { Self.killGroup(pid); throw .outputTooLarge }
            }
        }
        // The output is closed; the program may still linger.
        while true {
            var status: Int32 = 0
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { return Outcome(status: Self.exitCode(status), output: output) }
            if done < 0, errno != EINTR { return Outcome(status: 128, output: output) }
            if ContinuousClock.now >= deadline { Self.killGroup(pid); throw .timedOut }
            usleep(5000)
        }
    }

    private func spawn(stdin: Int32, stdout: Int32) -> Result<pid_t, Failure> {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawnattr_setpgroup(&attributes, 0)
        // An ignored SIGPIPE (as network code often sets) would otherwise be inherited by the program.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        var result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: a program just written is still open for writing in a process another thread forked
        // meanwhile; that descriptor closes at its exec, moments later.
        for _ in 0..<50 where result == ETXTBSY {
            usleep(10_000)
            result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        }
        guard result == 0 else { return .failure(.couldNotStart(String(cString: strerror(result)))) }
        return .success(pid)
    }

    /// Both ends close on exec; only the descriptors duplicated onto 0 and 1 reach the program.
    private static func makePipe(_ descriptors: inout [Int32]) -> Bool {
        guard descriptors.withUnsafeMutableBufferPointer({ pipe($0.baseAddress!) }) == 0 else { return false }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private static func killGroup(_ pid: pid_t) {
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let left = ContinuousClock.now.duration(to: deadline).components
        guard left.seconds >= 0 else { return 0 }
        return Int32(clamping: left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000)
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
    }
}
