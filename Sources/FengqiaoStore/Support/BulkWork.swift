import Foundation

/// Helpers for bulk writes (the party import): CPU-bound preparation spread over the cores, and
/// identifiers that arrive in index order.
public enum BulkWork {
    /// `transform` applied to contiguous slices of `items` on up to `parts` child tasks, results in
    /// the order of `items`. Small inputs run inline: a task costs more than a few rows.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], parts: Int = ProcessInfo.processInfo.activeProcessorCount,
                                                     minimumSlice: Int = 256,
                                                     _ transform: @escaping @Sendable (ArraySlice<T>) -> [R]) async -> [R] {
        let parts = max(1, min(parts, items.count / max(1, minimumSlice)))
        if parts == 1 { return transform(items[...]) }
        let size = (items.count + parts - 1) / parts
        return await withTaskGroup(of: (Int, [R]).self) { group in
            for p in 0..<parts {
                let slice = items[min(items.count, p * size)..<min(items.count, (p + 1) * size)]
                group.addTask { (p, transform(slice)) }
            }
            var pieces = [[R]](repeating: [], count: parts)
            for await (p, piece) in group { pieces[p] = piece }
            return Array(pieces.joined())
        }
    }

    /// `count` new identifiers in ascending order (RFC 9562 version 7: the millisecond time in the
    /// first 48 bits, then 74 random bits). Rows keyed by them append at the end of the primary key
    /// and of every index that leads with the id (search terms by party, audit events by object)
    /// instead of landing on random pages: what keeps a large import's write set small.
    public static func orderedUUIDs(_ count: Int, millis: Int64) -> [UUID] {
        var ids: [UUID] = []
        ids.reserveCapacity(count)
        let t = UInt64(max(0, millis)) & 0xFFFF_FFFF_FFFF
        for _ in 0..<count {
            var u = UUID().uuid  // version 4: 122 random bits, of which 74 are kept
            u.0 = UInt8(truncatingIfNeeded: t >> 40)
            u.1 = UInt8(truncatingIfNeeded: t >> 32)
            u.2 = UInt8(truncatingIfNeeded: t >> 24)
            u.3 = UInt8(truncatingIfNeeded: t >> 16)
            u.4 = UInt8(truncatingIfNeeded: t >> 8)
            u.5 = UInt8(truncatingIfNeeded: t)
            u.6 = 0x70 | (u.6 & 0x0F)  // version 7; the variant bits of byte 8 stay RFC 4122's
            ids.append(UUID(uuid: u))
        }
        ids.sort { a, b in
            withUnsafeBytes(of: a.uuid) { x in withUnsafeBytes(of: b.uuid) { y in x.lexicographicallyPrecedes(y) } }
        }
        return ids
    }
}
