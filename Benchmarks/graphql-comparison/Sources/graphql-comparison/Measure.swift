import Foundation

/// Times an async operation: warms up, then reports the median of several batches in microseconds.
enum Measure {
    static func median(
        batches: Int = 7, iterations: Int, _ body: () async throws -> Void
    ) async rethrows -> Double {
        for _ in 0..<max(1, iterations / 10) { try await body() }
        var samples: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<batches {
            let start = clock.now
            for _ in 0..<iterations { try await body() }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            samples.append(seconds * 1e6 / Double(iterations))
        }
        samples.sort()
        return samples[samples.count / 2]
    }
}
