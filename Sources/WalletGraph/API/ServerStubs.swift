// TEMPORARY (issue 6, server branch only): placeholder resolvers so that the server starts before the Query,
// type and Mutation resolvers land. The lead drops this file, and its call in WalletAPI.executableSchema(), at
// merge. Query.assets and Asset's fields are real; every other root field throws BAD_USER_INPUT "stub"; other
// object types read from their source (never reached, since nothing returns them).
import GraphQLCore

extension WalletAPI {
    static func bindServerStubs(into map: inout ResolverMap<APIContext>) throws {
        let schema = try SchemaBuilder.build(sdl: WalletSchema.sdl)
        for type in schema.types.values {
            guard case .object(let object) = type, !object.name.hasPrefix("__") else { continue }
            switch object.name {
            case "Query", "Mutation":
                for field in object.fields.keys where !(object.name == "Query" && field == "assets") {
                    map.field(object.name, field) { input in
                        throw APIError(.badUserInput, language: input.context.language, message: "stub")
                    }
                }
            case "Asset":
                continue
            default:
                map.useSourceLookup(forType: object.name)
            }
        }
        map.asyncField("Query", "assets") { input in
            .list(try await input.context.services.assets.all(database: input.context.database)) { .object($0) }
        }
        map.field("Asset", "id") { input in .string(GlobalID.encode(.asset, try input.parent(as: AssetRecord.self).id)) }
        map.field("Asset", "code") { input in .string(try input.parent(as: AssetRecord.self).code) }
        map.field("Asset", "name") { input in .string(try input.parent(as: AssetRecord.self).name) }
        map.field("Asset", "scale") { input in .int(try input.parent(as: AssetRecord.self).scale) }
    }
}
