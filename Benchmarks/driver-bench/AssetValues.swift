import Foundation

/// What both variants of the generated-code benchmark decode an asset into.
struct AssetValues {
    let id: UUID
    let code: String
    let name: String
    let scale: Int32
    let createdAt: Date
}
