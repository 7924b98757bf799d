import Foundation
import GraphQLCore
import Testing

import WalletGraph

/// The schema-first SDL against the Swift it binds to.
@Suite struct WalletSchemaTests {
    @Test("the SDL's ErrorCode enum lists exactly the domain's codes, in order")
    func errorCodeEnumMatchesTheCatalogue() throws {
        let schema = try SchemaBuilder.build(sdl: WalletSchema.sdl)
        let printed = printSchema(schema)
        let body = try #require(printed.range(of: "enum ErrorCode {\n").map { printed[$0.upperBound...] })
        let block = body.prefix { $0 != "}" }
        let values = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(values == WalletGraph.ErrorCode.allCases.map(\.rawValue))
    }
}
