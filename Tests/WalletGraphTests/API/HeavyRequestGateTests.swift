import DatabaseTestSupport
import Testing

@testable import WalletGraph

@Suite("Heavy request gate")
struct HeavyRequestGateTests {
    @Test("at most `limit` heavy operations run at once; the next is refused at once, light ones always run")
    func limitsHeavyOnly() async {
        let gate = HeavyRequestGate(threshold: 100, limit: 1)
        let inside = Gate()
        let release = Gate()
        let holder = Task {
            await gate.run(weight: 100) {
                await inside.open()
                await release.wait()
                return "held"
            }
        }
        await inside.wait()
        #expect(await gate.run(weight: 5_000) { "second heavy" } == nil)
        #expect(await gate.run(weight: 99) { "light" } == "light")
        #expect(gate.refused == 1)
        await release.open()
        #expect(await holder.value == "held")
        #expect(await gate.run(weight: 100) { "after" } == "after")
    }
}
