#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Runs a child process with an empty signal mask and default signal handlers. Foundation's `Process` passes on
/// this process's mask, in which the runtime's threads block SIGALRM and SIGTERM; pgbench ends a `-T` run on
/// SIGALRM, so under `Process` it never stops (measured: `-T 1` still running after 10 minutes).
enum Spawn {
    /// Runs `arguments` (the first is looked up in PATH) with `environment`, standard output and error into the
    /// file `outputPath`, and returns its exit status and resource usage.
    static func run(
        _ arguments: [String], environment: [String: String], outputPath: String
    ) throws -> (status: Int32, usage: rusage) {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGALRM, SIGTERM, SIGINT, SIGPIPE, SIGCHLD, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "posix_spawnp \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw Failure(description: "waitpid: error \(errno)") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : -1, usage)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
