import OrderedCollections
@testable import GraphQLCore

/// The fuzz schema bound to resolvers that answer with seeded-random outputs instead of fixed samples: Int
/// extremes, Doubles from subnormals to 1e308 with ±0, NaN and ±infinity, strings with control characters, U+2028
/// and emoji, nulls for nullable and non-null fields, lists with nulls, wrong-typed values (a string for an Int),
/// resolver errors, and abstract values that resolve to no type, a missing type or an impossible one.
///
/// Every resolver derives its generator from the request's seed, its parent's seed and its own field, so an answer
/// is reproducible from the seed alone, whatever order the executor runs resolvers in.
extension FuzzSchema {
    /// The request context: the seed the root resolvers start from.
    struct RandomContext: Sendable { let seed: UInt64 }
    /// A parent object: the seed its fields start from.
    struct RandomSource: Sendable { let seed: UInt64 }

    static func randomExecutable() throws -> ExecutableSchema<RandomContext> {
        let schema = ValidationFixtures.schema
        var resolvers = ResolverMap<RandomContext>()
        for type in schema.types.values {
            guard case .object(let object) = type, !GraphQLSchema.isIntrospectionType(object.name) else { continue }
            for field in object.fields.values {
                let fieldType = field.type
                let salt = fnv1a("\(object.name).\(field.name)")
                if object.name == schema.subscriptionType {
                    resolvers.subscription(field.name, on: object.name) { input in
                        var random = SplitMix64(state: input.context.seed ^ salt)
                        let events = (0..<3).map { _ in randomOutput(fieldType, schema: schema, &random) }
                        return AsyncStream<FieldValue> { continuation in
                            for event in events { continuation.yield(event) }
                            continuation.finish()
                        }
                    }
                    continue
                }
                resolvers.field(object.name, field.name) { input in
                    var random = SplitMix64(state: ((input.parent as? RandomSource)?.seed ?? input.context.seed) ^ salt)
                    if random.next() % 64 == 0 { throw Failure() }
                    return randomOutput(fieldType, schema: schema, &random)
                }
            }
        }
        let objectNames = schema.types.values.compactMap { type -> String? in
            if case .object(let object) = type { object.name } else { nil }
        }
        for type in schema.types.values where type.isAbstract {
            let possible = schema.possibleTypes(of: type.name)
            resolvers.resolveType(type.name) { source, _ in
                var random = SplitMix64(state: (source as? RandomSource)?.seed ?? 0)
                switch random.next() % 10 {
                case 0: return nil
                case 1: return "NoSuchType"
                case 2: return "Currency"
                case 3: return objectNames[Int(random.next() % UInt64(objectNames.count))]
                default: return possible.isEmpty ? nil : possible[Int(random.next() % UInt64(possible.count))]
                }
            }
        }
        return try ExecutableSchema(schema: schema, resolvers: resolvers)
    }

    /// A value for a field of `type`: usually of the type, sometimes null, wrong-typed or an error.
    static func randomOutput(_ type: GraphQLTypeRef, schema: GraphQLSchema, _ random: inout SplitMix64, depth: Int = 0) -> FieldValue {
        switch random.next() % 16 {
        case 0: return .null
        case 1: return wrongTyped(&random)
        case 2: return .error(Failure())
        default: break
        }
        switch type {
        case .nonNull(let inner):
            return randomOutput(inner, schema: schema, &random, depth: depth)
        case .list(let item):
            guard depth < 3 else { return .list([]) }
            return .list((0..<Int(random.next() % 4)).map { _ in randomOutput(item, schema: schema, &random, depth: depth + 1) })
        case .named(let name):
            switch schema.type(named: name) {
            case .enumType(let enumType)?:
                let names = Array(enumType.values.keys) + ["NOT_A_VALUE", ""]
                return .string(names[Int(random.next() % UInt64(names.count))])
            case .object?:
                return .object(RandomSource(seed: random.next()))
            case .interface?, .union?:
                if random.next() % 4 == 0 {
                    let names = schema.possibleTypes(of: name) + ["NoSuchType", "Query", "Currency"]
                    return .typed(names[Int(random.next() % UInt64(names.count))], RandomSource(seed: random.next()))
                }
                return .object(RandomSource(seed: random.next()))
            default:
                return leaf(name, &random)
            }
        }
    }

    static func leaf(_ name: String, _ random: inout SplitMix64) -> FieldValue {
        switch (name, random.next() % 4) {
        case ("Int", 0), ("Float", 0): return .int(pick(ints, &random))
        case ("Int", _), ("Float", _): return .float(pick(doubles, &random))
        case ("Boolean", 0): return .int(pick(ints, &random))
        case ("Boolean", _): return .bool(random.next() % 2 == 0)
        case ("String", 0), ("ID", 0): return random.next() % 2 == 0 ? .int(pick(ints, &random)) : .float(pick(doubles, &random))
        case ("String", _), ("ID", _): return .string(randomString(&random))
        case (_, 0): return .json(randomJSON(&random, depth: 0))
        case (_, 1): return random.next() % 2 == 0 ? .float(pick(doubles, &random)) : .int(pick(ints, &random))
        default: return .string(randomString(&random))
        }
    }

    static func wrongTyped(_ random: inout SplitMix64) -> FieldValue {
        switch random.next() % 8 {
        case 0: return .string(randomString(&random))
        case 1: return .int(pick(ints, &random))
        case 2: return .float(pick(doubles, &random))
        case 3: return .bool(true)
        case 4: return .list([.int(1), .null, .string("x")])
        case 5: return .object(RandomSource(seed: random.next()))
        case 6: return .typed("NoSuchType", RandomSource(seed: random.next()))
        default: return .json(randomJSON(&random, depth: 0))
        }
    }

    static let ints: [Int] = [
        0, 1, -1, 7, Int.max, Int.min, Int(Int32.max), Int(Int32.max) + 1, Int(Int32.min), Int(Int32.min) - 1,
        1 << 53, (1 << 53) + 1, -(1 << 53) - 1, 1 << 62,
    ]
    static let doubles: [Double] = [
        0, -0.0, 1.5, -1.5, 3, 1e20, -1e20, 1e21, 1e-7, 0.1, 123_456_789.125, 2_147_483_647, 2_147_483_648,
        -2_147_483_649, 9_007_199_254_740_994, 1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 1e-300, .nan, -.nan, .infinity, -.infinity,
    ]
    static let strings: [String] = [
        "", "w1", "EUR", "\u{0}", "a\u{0}b", "\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}", "\u{2028}\u{2029}",
        "😀👨‍👩‍👧‍👦🇨🇭", "\"\\/", "e\u{301}", "\u{FEFF}", "</script>", "\u{10FFFF}", String(repeating: "x", count: 300),
    ]

    static func pick<T>(_ values: [T], _ random: inout SplitMix64) -> T {
        values[Int(random.next() % UInt64(values.count))]
    }

    /// A sample string, or random scalars from the whole Unicode range (surrogates excluded).
    static func randomString(_ random: inout SplitMix64) -> String {
        if random.next() % 3 != 0 { return pick(strings, &random) }
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int(random.next() % 12) {
            let limit: UInt64 = random.next() % 2 == 0 ? 0x80 : 0x11_0000
            if let scalar = Unicode.Scalar(UInt32(random.next() % limit)) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    static func randomJSON(_ random: inout SplitMix64, depth: Int) -> InputValue {
        switch random.next() % (depth > 2 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .int(pick(ints, &random))
        case 3: return .float(pick(doubles, &random))
        case 4: return .string(randomString(&random))
        case 5: return .list((0..<Int(random.next() % 3)).map { _ in randomJSON(&random, depth: depth + 1) })
        default:
            var fields: OrderedDictionary<String, InputValue> = [:]
            for _ in 0..<Int(random.next() % 3) { fields[randomString(&random)] = randomJSON(&random, depth: depth + 1) }
            return .object(fields)
        }
    }

    /// FNV-1a: a field's salt, stable across processes (unlike `Hasher`).
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
