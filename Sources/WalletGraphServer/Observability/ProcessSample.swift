import Foundation

/// The process's resident memory and open file descriptors, read from `/proc/self` (Linux); nil elsewhere.
struct ProcessSample {
    var residentBytes: Int?
    var openFiles: Int?

    static func now() -> ProcessSample {
        var sample = ProcessSample()
        if let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) {
            let fields = statm.split(separator: " ")
            if fields.count > 1, let pages = Int(fields[1]) { sample.residentBytes = pages * Int(sysconf(Int32(_SC_PAGESIZE))) }
        }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            sample.openFiles = entries.count
        }
        return sample
    }
}
