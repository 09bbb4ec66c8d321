import Foundation
import SQLKit

/// One table of a backup being written: each row, as it arrives from the database, becomes a JSON
/// line in a buffer flushed to the file every megabyte (X-09: a backup of 100,000 cases does not
/// hold a table in memory). Rows arrive on the driver's thread, so the state is behind a lock.
final class TableSink: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle
    private let columns: [(String, BackupRepository.Kind)]
    private let collect: String?
    private var buffer = Data()
    private var count = 0
    private var collected: Set<String> = []
    private var failure: (any Error)?

    /// `collect` names a string column whose values are gathered (the attachments' SHA-256).
    init(path: String, columns: [(String, BackupRepository.Kind)], collect: String?) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw StoreError.corrupt("cannot write \(path)")
        }
        self.handle = handle
        self.columns = columns
        self.collect = collect
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ row: any SQLRow) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        do {
            var values: [Any] = []
            values.reserveCapacity(columns.count)
            for (c, kind) in columns {
                switch kind {
                case .uuid: values.append(try row.decode(column: c, as: UUID?.self)?.uuidString ?? NSNull())
                case .string:
                    let s = try row.decode(column: c, as: String?.self)
                    if c == collect, let s { collected.insert(s) }
                    values.append(s ?? NSNull())
                case .int: values.append(try row.decode(column: c, as: Int?.self) ?? NSNull())
                case .int64: values.append(try row.decode(column: c, as: Int64?.self) ?? NSNull())
                case .bool: values.append(try row.decode(column: c, as: Bool?.self) ?? NSNull())
                }
            }
            buffer.append(try JSONSerialization.data(withJSONObject: values))
            buffer.append(0x0A)
            count += 1
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        } catch {
            failure = error
        }
    }

    /// Flushes and closes; the rows written and the collected values, or the first error.
    func finish() throws -> (Int, Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        defer { try? handle.close() }
        if let failure { throw failure }
        try handle.write(contentsOf: buffer)
        try handle.synchronize()
        buffer.removeAll()
        return (count, collected)
    }
}

/// Reads a backup table file a line at a time, in 1 MB blocks.
final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var start = 0
    private var atEnd = false

    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next line without its newline, or nil at the end of the file.
    func next() throws -> Data? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                let line = buffer.subdata(in: start..<nl)
                start = nl + 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = buffer.subdata(in: start..<buffer.count)
                start = buffer.count
                return line
            }
            buffer.removeSubrange(0..<start)
            start = 0
            if let more = try handle.read(upToCount: 1 << 20), !more.isEmpty {
                buffer.append(more)
            } else {
                atEnd = true
            }
        }
    }
}
