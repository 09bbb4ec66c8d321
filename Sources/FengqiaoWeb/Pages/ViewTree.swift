import Foundation
import Mustache

/// A page's view model as nested dictionaries and arrays, built once before rendering.
///
/// Mustache looks each `{{name}}` up through the context stack, and for a plain struct it does so
/// with a new `Mirror` over all of the struct's fields at every level of the stack, for every
/// lookup: on a case page that was a fifth of the request's time. Reflecting each value once into a
/// `[String: Any]` (which Mustache reads by key) gives the same lookups — the same names, `nil` for
/// an absent optional so the search goes on up the stack, sections over the same arrays — at a
/// fraction of the cost.
enum ViewTree {
    static func build(_ value: Any) -> Any? {
        switch value {
        // Leaves: rendered as text, tested as sections, or Mustache's own protocols.
        case is String, is Substring, is Bool, is Int, is Int64, is Double, is UUID: return value
        case is any MustacheParent, is any MustacheCustomRenderable, is MustacheLambda, is MustacheTemplate: return value
        case let array as [Any]: return array.map { build($0) ?? Optional<Any>.none as Any }
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { return nil }
            return build(wrapped.value)
        case .struct where !(value is any CustomStringConvertible):
            // A struct that describes itself (a date, say) is rendered as its description.
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for child in mirror.children {
                guard let label = child.label, let v = build(child.value) else { continue }
                fields[label] = v
            }
            return fields
        default:
            // Enums, classes, sets, tuples and closures as they are, read by Mustache as before.
            return value
        }
    }
}
