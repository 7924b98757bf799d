import Foundation

// Runs every case on both engines, same process, same schema and documents, and prints µs per operation.
let swiftCases = try GraphQLSwiftCases()
print("sanity (GraphQLSwift, small):", try await swiftCases.smallQuery())
let introspectionBytes = try await swiftCases.introspection().utf8.count
print("sanity (GraphQLSwift, introspection bytes):", introspectionBytes)

let doc = try swiftCases.parsedSmallQuery()
let small = try await Measure.median(iterations: 200) { _ = try await swiftCases.smallQuery() }
let execOnly = try await Measure.median(iterations: 200) { _ = try await swiftCases.smallQueryExecuteOnly(document: doc) }
let page = try await Measure.median(batches: 5, iterations: 5) { _ = try await swiftCases.page() }
let intro = try await Measure.median(batches: 5, iterations: 5) { _ = try await swiftCases.introspection() }
print(String(format: "GraphQLSwift  small full %.1f µs  exec-only %.1f µs  page %.1f µs  introspection %.1f µs", small, execOnly, page, intro))
